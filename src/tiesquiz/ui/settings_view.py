"""``tiesquiz settings``: the progress file, the daily limits (per deck, and each deck's own),
the desired retention and the learning steps, wrapped to the terminal."""

from __future__ import annotations

from collections.abc import Sequence

from tiesquiz.fitting import Source
from tiesquiz.safety import safe
from tiesquiz.ui.optimize_view import parameters_line
from tiesquiz.ui.render import wrap

#: The values line up after the longest label, "New cards per day: ".
LABEL = 19


def render_settings(
    path: str,
    limits: tuple[int, int],
    deck_limits: Sequence[tuple[str, int, int]],
    retention: float,
    steps: Sequence[int],
    width: int,
    source: Source | None = None,
) -> list[str]:
    """``limits``: new cards and reviews a day, per deck; ``deck_limits``: the decks with their
    own; ``steps``: the learning steps in seconds; ``source``: where the parameters came from."""
    hang = " " * LABEL if width - LABEL >= 30 else "  "

    def line(label: str, value: str) -> str:
        return wrap(f"{label + ':':<{LABEL - 1}} {value}", "", width, hang=hang)

    lines = [
        line("Progress file", safe(path, multiline=False)),
        line("New cards per day", f"{limits[0]} (per deck)"),
        line("Reviews per day", f"{limits[1]} (per deck)"),
    ]
    for deck, new, reviews in deck_limits:
        text = f"{safe(deck, multiline=False)}: {new} new, {reviews} reviews a day"
        lines.append(wrap(text, "  ", width, hang="    "))
    lines.append(line("Desired retention", f"{retention:.2f}"))
    lines.append(line("Learning steps", ", ".join(f"{s // 60} min" for s in steps)))
    if source is not None:
        lines.append(line("Parameters", parameters_line(source)))
    return lines
