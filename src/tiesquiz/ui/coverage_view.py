"""What ``tiesquiz lint`` prints: each problem, wrapped under its place on a terminal; and with
``--source``, each paragraph of the source text, how many cards cite it, and its first words,
the paragraphs no card cites marked."""

from __future__ import annotations

from collections.abc import Sequence

from tiesquiz.deck.coverage import Paragraph
from tiesquiz.safety import safe
from tiesquiz.ui.render import wrap


def render_problems(lines: Sequence[str], width: int | None) -> list[str]:
    """Each problem on a line of its own, as editors and CI read them (``width`` None: not a
    terminal); on a terminal, wrapped on words with its later lines indented under it."""
    if width is None:
        return [safe(line) for line in lines]
    return [wrap(line, "", width, hang="    ") for line in lines]


def render_coverage(paragraphs: Sequence[Paragraph], source: str, width: int) -> list[str]:
    cited = sum(1 for p in paragraphs if p.cards)
    lines = [
        "",
        wrap(
            f"Coverage of {source}: {cited} of {len(paragraphs)} paragraphs cited by a card.",
            "",
            width,
        ),
        "  para  cards  begins",
    ]
    for p in paragraphs:
        mark = "  ✗ no card" if not p.cards else ""
        room = max(10, width - 16 - len(mark))
        start = p.start if len(p.start) <= room else p.start[: room - 1].rstrip() + "…"
        lines.append(f"  {p.number:>4}  {len(p.cards):>5}  {start}{mark}")
    return [safe(line) for line in lines]
