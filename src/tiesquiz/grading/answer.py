"""Free text as the student wrote it: the words feedback quotes, and a typed answer's grade.

The verdict itself comes from :mod:`.judge`; this turns it into a :class:`~.result.Grade` and
finds the slips as written (``Kushnr``) and as the deck spells them (``Kushner``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from tiesquiz.grading.judge import Judgement
from tiesquiz.grading.result import Grade, Note
from tiesquiz.grading.text import tokens


def as_grade(found: Judgement, given: str, forms: Sequence[str]) -> Grade:
    """A typed answer's grade: right (with its slips), ``check`` (scores 0 for now), or wrong."""
    typos = shown_typos(given, forms, found.typos) if found.verdict == "right" else ()
    right = found.verdict == "right"
    notes = tuple(Note(n.kind, _as_written(n, given, forms)) for n in found.notes)
    return Grade(
        right, 1.0 if right else 0.0, typos=typos, check=found.verdict == "check", notes=notes
    )


def _as_written(note: Note, given: str, forms: Sequence[str]) -> tuple[str, ...]:
    """A note's words as the student wrote them, or as the deck writes those left out."""
    if note.kind == "alternative":
        return note.words
    if note.kind == "left-out":
        return tuple(next((s for f in forms if (s := _shown(f, w)) != w), w) for w in note.words)
    return tuple(_shown(given, w) for w in note.words)


def _shown(text: str, canonical: str) -> str:
    """The word of ``text`` that reads as ``canonical``, as it was written there."""
    for found in re.finditer(r"[^\s]+", text):
        word = found.group().strip('.,;:!?"()[]')
        if "".join(tokens(word)) == canonical:
            return word
    return canonical


def shown_typos(
    given: str, forms: Sequence[str], typos: tuple[tuple[str, str], ...]
) -> tuple[tuple[str, str], ...]:
    """The slips as the student wrote them and as the deck spells them (for feedback)."""
    return tuple(
        (_shown(given, w), next((s for f in forms if (s := _shown(f, e)) != e), e))
        for w, e in typos
    )
