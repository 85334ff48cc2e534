"""Why an answer was right, partly right or wrong, in words: the grader returns what (the
misspelt word, the wrong gap, the options missed, the pairs mixed up), this says it.
"""

from __future__ import annotations

from tiesquiz.safety import safe
from tiesquiz.session.types import Result


def _q(text: str) -> str:
    return f"“{safe(text, multiline=False)}”"


def _list(items: tuple[str, ...]) -> str:
    return ", ".join(safe(i, multiline=False) for i in items)


def reasons(result: Result) -> list[str]:
    """One line for each thing the student should know about their answer."""
    grade = result.grade
    lines = [
        f"Accepted with a small typo: {_q(written)} is spelt {_q(spelt)}."
        for written, spelt in grade.typos
    ]
    if len(grade.gaps) > 1:
        for number, gap in enumerate(grade.gaps, 1):
            if not gap.right:
                given = _q(gap.given) if gap.given.strip() else "nothing"
                lines.append(f"Gap {number} is wrong: you wrote {given}; it is {_q(gap.expected)}.")
    if grade.missed:
        lines.append(f"Missed: {_list(grade.missed)}.")
    if grade.wrongly_ticked:
        lines.append(f"Ticked but wrong: {_list(grade.wrongly_ticked)}.")
    if grade.wrong_pairs:
        pairs = "; ".join(
            f"{safe(left, multiline=False)} → {safe(given, multiline=False) or '(none)'} "
            f"(it is {safe(right, multiline=False)})"
            for left, given, right in grade.wrong_pairs
        )
        lines.append(f"{len(grade.wrong_pairs)} of {grade.parts} pairs wrong: {pairs}.")
    if grade.wrong_pairs and grade.pairs:  # then every pair, marked
        for left, given, right in grade.pairs:
            mark = "✓" if given == right else "✗"
            lines.append(
                f"  {mark} {safe(left, multiline=False)} → {safe(given, multiline=False) or '(none)'}"
            )
    if grade.misplaced and grade.score > 0:
        lines.append(f"Out of place: {_list(grade.misplaced)}.")
    if result.overruled:
        lines.append("You said you were right: it counts as right, but Hard.")
    return lines
