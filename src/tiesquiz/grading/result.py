"""The verdict on one answer, as data: what was right, and what exactly was not.

The interface turns these into sentences ("“Kushnr” is spelt “Kushner”", "Missed: Christians");
nothing here is worded for a person.
"""

from __future__ import annotations

from dataclasses import dataclass

#: Why a typed answer was judged as it was, when it was not said exactly as the answer:
#: right: ``alternative`` (an accepted form), ``variant`` (another inflection or spelling),
#: ``order`` (words in another order that keeps the meaning), ``ignored`` (added words that change
#: nothing), ``left-out`` (an article or title of the answer not written);
#: check: ``extra`` (added words that may change the meaning);
#: wrong: ``hedge``, ``negation``, ``candidate`` (a second answer), ``number`` (another number),
#: ``name`` (another name), ``different`` (another word in place of one of the answer's).
NOTE_KINDS = (
    "alternative",
    "variant",
    "order",
    "ignored",
    "left-out",
    "extra",
    "hedge",
    "negation",
    "candidate",
    "number",
    "name",
    "different",
)


@dataclass(frozen=True)
class Note:
    """One reason, as data: its kind (:data:`NOTE_KINDS`) and the words it is about."""

    kind: str
    words: tuple[str, ...] = ()


@dataclass(frozen=True)
class GapMark:
    """One cloze gap: what was written, the answer, and whether it counts."""

    given: str
    expected: str
    right: bool
    typos: tuple[tuple[str, str], ...] = ()
    #: Every word of the gap's answer is there, with words a person must judge.
    check: bool = False
    notes: tuple[Note, ...] = ()


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
    #: Every word of the answer is there, but so are words that may change what it says: a person
    #: decides (the student in study, the teacher for a quiz). Never ``correct``; scores 0 until then.
    check: bool = False
    #: Why a typed answer was judged so, when it was not the answer word for word.
    notes: tuple[Note, ...] = ()

    @property
    def verdict(self) -> str:
        """``right``, ``wrong`` or ``check`` (a person decides)."""
        if self.check:
            return "check"
        return "right" if self.correct else "wrong"

    @property
    def typo(self) -> bool:
        return bool(self.typos)
