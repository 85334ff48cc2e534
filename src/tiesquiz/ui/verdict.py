"""Why an answer was right, partly right or wrong, in words: the grader returns what (the
misspelt word, the wrong gap, the options missed, the pairs mixed up), this says it.
"""

from __future__ import annotations

from collections.abc import Callable

from tiesquiz.safety import safe
from tiesquiz.session.types import Note, Result


def _q(text: str) -> str:
    return f"“{safe(text, multiline=False)}”"


def _list(items: tuple[str, ...]) -> str:
    return ", ".join(safe(i, multiline=False) for i in items)


def _words(words: tuple[str, ...]) -> str:
    return " ".join(words)


#: What each kind of note says (:data:`tiesquiz.grading.NOTE_KINDS`), given its words quoted.
NOTE_LINES: dict[str, Callable[[str], str]] = {
    "alternative": lambda w: f"Accepted as {w}, another accepted form of the answer.",
    "variant": lambda w: f"Accepted: {w} is another form of the answer's word.",
    "order": lambda w: "Accepted in another word order that means the same.",
    "ignored": lambda w: f"Not needed, and left aside: {w}.",
    "left-out": lambda w: f"Accepted without {w}.",
    "extra": lambda w: (
        f"Every word of the answer is there, and you added {w}: "
        "a person has to say whether that still means the answer."
    ),
    "hedge": lambda w: f"{w} makes the answer unsure or approximate; give it plainly.",
    "negation": lambda w: f"{w} says it is not so.",
    "candidate": lambda w: f"A second answer was given with it: {w}. Give one answer.",
    "number": lambda w: f"{w} is another number.",
    "name": lambda w: f"{w} names something else.",
    "different": lambda w: f"{w} stands where the answer has another word.",
}


def note_lines(notes: tuple[Note, ...]) -> list[str]:
    return [NOTE_LINES[n.kind](_q(_words(n.words)) if n.words else "") for n in notes]


def reasons(result: Result) -> list[str]:
    """One line for each thing the student should know about their answer."""
    grade = result.grade
    lines = [
        f"Accepted with a small typo: {_q(written)} is spelt {_q(spelt)}."
        for written, spelt in grade.typos
    ]
    lines += note_lines(grade.notes)
    if len(grade.gaps) > 1:
        for number, gap in enumerate(grade.gaps, 1):
            given = _q(gap.given) if gap.given.strip() else "nothing"
            if gap.check:
                lines.append(
                    f"Gap {number} is to check: you wrote {given}; it is {_q(gap.expected)}."
                )
            elif not gap.right:
                lines.append(f"Gap {number} is wrong: you wrote {given}; it is {_q(gap.expected)}.")
            lines += [f"  {line}" for line in note_lines(gap.notes)]
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
