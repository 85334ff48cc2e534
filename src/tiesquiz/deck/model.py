"""The deck as the rest of tiesquiz sees it: plain, validated, immutable values."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

CARD_TYPES = ("flashcard", "choice", "multi", "truefalse", "typed", "cloze", "order", "match")
#: Types a program can grade; flashcards are graded by the student.
AUTO_GRADED = frozenset(CARD_TYPES) - {"flashcard"}

GAP_RE = re.compile(r"\{\{(.*?)\}\}")


_NO_DEFAULT = object()


@dataclass(frozen=True, kw_only=True)
class Card:
    """Fields every card has. ``key`` (``deck/id``) is what progress is stored under."""

    deck: str
    id: str
    question: str
    explanation: str = ""
    source: str = ""
    tags: tuple[str, ...] = ()
    hint: str = ""
    #: Lint rules this card switches off (``lint: {ignore: [...]}``).
    lint_ignore: frozenset[str] = frozenset()
    line: int = 0
    col: int = 0

    type = "card"

    @property
    def key(self) -> str:
        return f"{self.deck}/{self.id}"

    def __getstate__(self) -> dict[str, Any]:
        """What the deck cache keeps: fields left at their default are left out (the class
        attribute of that name answers for them), which makes 50,000 cards load a third faster."""
        cls = type(self)
        return {k: v for k, v in self.__dict__.items() if getattr(cls, k, _NO_DEFAULT) != v}

    def answer_text(self) -> str:
        """The right answer, written out for feedback and answer keys."""
        raise NotImplementedError

    def prompt_text(self) -> str:
        """What the student reads: the question (for cloze, the sentence with blanks)."""
        return self.question

    def filled_text(self) -> str:
        """For cloze, the sentence with its gaps filled in; nothing for other types."""
        return ""


@dataclass(frozen=True, kw_only=True)
class FlashCard(Card):
    answer: str
    type = "flashcard"

    def answer_text(self) -> str:
        return self.answer


@dataclass(frozen=True, kw_only=True)
class ChoiceCard(Card):
    answer: str
    distractors: tuple[str, ...]
    type = "choice"

    @property
    def options(self) -> tuple[str, ...]:
        """Options in deck order (the answer first); the UI shuffles them."""
        return (self.answer, *self.distractors)

    def answer_text(self) -> str:
        return self.answer


@dataclass(frozen=True, kw_only=True)
class MultiCard(Card):
    answers: tuple[str, ...]
    distractors: tuple[str, ...] = ()
    type = "multi"

    @property
    def options(self) -> tuple[str, ...]:
        return (*self.answers, *self.distractors)

    def answer_text(self) -> str:
        return "; ".join(self.answers)


@dataclass(frozen=True, kw_only=True)
class TrueFalseCard(Card):
    answer: bool
    type = "truefalse"

    def answer_text(self) -> str:
        return "True" if self.answer else "False"


@dataclass(frozen=True, kw_only=True)
class TypedCard(Card):
    answer: str
    accept: tuple[str, ...] = ()
    #: For numeric answers: how far off an answer may be and still count as right.
    tolerance: float | None = None
    numeric: bool = False
    type = "typed"

    def answer_text(self) -> str:
        return self.answer


@dataclass(frozen=True, kw_only=True)
class ClozeCard(Card):
    """``question`` holds the sentence; each ``{{answer|alternative}}`` is a gap."""

    gaps: tuple[tuple[str, ...], ...]
    #: Groups of gaps (0-based) whose answers may be given in any order.
    groups: tuple[tuple[int, ...], ...] = ()
    type = "cloze"

    def blanked(self, blank: str = "_____") -> str:
        """The sentence with every gap replaced, numbered when there are several."""
        if len(self.gaps) == 1:
            return GAP_RE.sub(blank, self.question)
        counter = iter(range(1, len(self.gaps) + 1))
        return GAP_RE.sub(lambda _m: f"[{next(counter)}]{blank}", self.question)

    def filled(self) -> str:
        return GAP_RE.sub(lambda m: m.group(1).split("|")[0].strip(), self.question)

    def prompt_text(self) -> str:
        return self.blanked()

    def filled_text(self) -> str:
        return self.filled()

    def answer_text(self) -> str:
        return "; ".join(gap[0] for gap in self.gaps)


@dataclass(frozen=True, kw_only=True)
class OrderCard(Card):
    items: tuple[str, ...]
    type = "order"

    def answer_text(self) -> str:
        return " → ".join(self.items)


@dataclass(frozen=True, kw_only=True)
class MatchCard(Card):
    pairs: tuple[tuple[str, str], ...]
    type = "match"

    def answer_text(self) -> str:
        return "; ".join(f"{left} → {right}" for left, right in self.pairs)


@dataclass(frozen=True, kw_only=True)
class Deck:
    id: str
    title: str
    path: Path
    description: str = ""
    source: str = ""
    tags: tuple[str, ...] = ()
    cards: tuple[Card, ...] = field(default=())
    #: Study toward this exam day: no interval carries a card past it.
    exam: date | None = None
    #: Lint rules switched off for every card of the deck.
    lint_ignore: frozenset[str] = frozenset()

    def counts_by_type(self) -> dict[str, int]:
        counts = dict.fromkeys(CARD_TYPES, 0)
        for card in self.cards:
            counts[card.type] += 1
        return {name: n for name, n in counts.items() if n}


#: Every card class by its type name. Behaviour that differs by type is looked up in a table per
#: concern (grading, views, prompts, exports...); a test checks each table covers all of these.
CARD_CLASSES: dict[str, type[Card]] = {
    cls.type: cls
    for cls in (
        FlashCard,
        ChoiceCard,
        MultiCard,
        TrueFalseCard,
        TypedCard,
        ClozeCard,
        OrderCard,
        MatchCard,
    )
}
assert tuple(CARD_CLASSES) == CARD_TYPES
