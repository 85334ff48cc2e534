"""``tiesquiz schema`` on a terminal too narrow for it: JSON cannot be wrapped without breaking
it, so the terminal is told how to save or page it instead of being sent lines it would break."""

from __future__ import annotations

from tiesquiz.ui.render import wrap
from tiesquiz.ui.table import cells


def fits(text: str, width: int) -> bool:
    return all(cells(line) <= width for line in text.splitlines())


def too_wide(text: str, *, results: bool, width: int) -> str:
    """What to run to read the schema ``text``, whose lines are wider than ``width``."""
    what = "results file's" if results else "deck format's"
    option = " --results" if results else ""
    name = "results" if results else "deck"
    lines = [
        wrap(
            f"The {what} JSON Schema is {len(text.splitlines())} lines of JSON, some wider than "
            "this terminal (JSON cannot be wrapped). Save it to a file, or page it:",
            "",
            width,
        ),
        wrap(f"tiesquiz schema{option} > {name}.schema.json", "  ", width, hang="    "),
        wrap(f"tiesquiz schema{option} | less -S", "  ", width, hang="    "),
    ]
    return "\n".join(lines)
