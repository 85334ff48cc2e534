"""The verdict on one answer, as data: what was right, and what exactly was not.

The interface turns these into sentences ("“Kushnr” is spelt “Kushner”", "Missed: Christians");
nothing here is worded for a person.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class GapMark:
    """One cloze gap: what was written, the answer, and whether it counts."""

    given: str
    expected: str
    right: bool
    typos: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Grade:
    """The verdict on one answer. ``score`` is the share right, for partial credit."""

    correct: bool
    score: float = 1.0
    #: Slips forgiven, as (written, spelt) word pairs.
    typos: tuple[tuple[str, str], ...] = ()
    #: Cloze: every gap, in the order of the sentence.
    gaps: tuple[GapMark, ...] = ()
    #: Select-all: right options not ticked, and wrong ones ticked.
    missed: tuple[str, ...] = ()
    wrongly_ticked: tuple[str, ...] = ()
    #: Matching: (left, the right side given, the right side that belongs) for each wrong pair,
    #: and for every pair in the card's order.
    wrong_pairs: tuple[tuple[str, str, str], ...] = ()
    pairs: tuple[tuple[str, str, str], ...] = ()
    #: Ordering: the items out of place.
    misplaced: tuple[str, ...] = ()
    #: How many parts the answer has (matching: pairs), for "1 of 3 pairs wrong".
    parts: int = 0
    #: For a flashcard: the rating the student gave themselves (1-4).
    self_rating: int | None = None

    @property
    def typo(self) -> bool:
        return bool(self.typos)
