"""The deck as the rest of tiesquiz sees it: plain, validated, immutable values."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, ClassVar

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
    #: The student rates their own recall (a flashcard); tiesquiz grades every other type.
    self_rated: ClassVar[bool] = False
    #: Exactly one of the options is right (a choice card, not a select-all one).
    picks_one: ClassVar[bool] = False
    #: The YAML keys this type adds to the common ones (``deck/builders.py`` reads them).
    yaml_keys: ClassVar[tuple[str, ...]] = ()
    #: One line on what the type is, for editors (the JSON Schema) and docs.
    summary: ClassVar[str] = ""

    @property
    def key(self) -> str:
        return f"{self.deck}/{self.id}"

    # -- what a card can do: every type answers each; an empty answer means "not this type" ----
    # Behaviour shared by kinds of card (a worksheet ticks options, a linter reads written forms)
    # asks these, not the card's class, so a new type that has options is treated as having them.

    @property
    def options(self) -> tuple[str, ...]:
        """What the student picks from, in deck order (the UI shuffles them)."""
        return ()

    @property
    def right_options(self) -> tuple[str, ...]:
        """The options that are right."""
        return ()

    @property
    def wrong_options(self) -> tuple[str, ...]:
        """The distractors."""
        right = set(self.right_options)
        return tuple(o for o in self.options if o not in right)

    @property
    def written_forms(self) -> tuple[str, ...]:
        """Every accepted form of one written answer (the first is the answer itself)."""
        return ()

    @property
    def gap_forms(self) -> tuple[tuple[str, ...], ...]:
        """For each gap in the sentence, its accepted forms."""
        return ()

    @property
    def sequence(self) -> tuple[str, ...]:
        """Items the student puts in this order."""
        return ()

    @property
    def match_pairs(self) -> tuple[tuple[str, str], ...]:
        """Left items and the right item each goes with."""
        return ()

    @property
    def truth(self) -> bool | None:
        """Whether the statement is true, for a card the student judges true or false."""
        return None

    @property
    def written_answers(self) -> tuple[str, ...]:
        """Everything the student may write: each written form, and each form of each gap."""
        return (*self.written_forms, *(form for gap in self.gap_forms for form in gap))

    @property
    def answer_forms(self) -> tuple[str, ...]:
        """Texts that are this card's answer, which its question must not print."""
        return self.right_options or self.written_answers

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
    summary = "Front (question) and back (answer); the student grades themself."
    self_rated = True
    yaml_keys = ("answer",)

    @property
    def answer_forms(self) -> tuple[str, ...]:
        return (self.answer,)

    def answer_text(self) -> str:
        return self.answer


@dataclass(frozen=True, kw_only=True)
class ChoiceCard(Card):
    answer: str
    distractors: tuple[str, ...]
    type = "choice"
    summary = "One right answer among shuffled options."
    picks_one = True
    yaml_keys = ("answer", "distractors")

    @property
    def options(self) -> tuple[str, ...]:
        """Options in deck order (the answer first); the UI shuffles them."""
        return (self.answer, *self.distractors)

    @property
    def right_options(self) -> tuple[str, ...]:
        return (self.answer,)

    def answer_text(self) -> str:
        return self.answer


@dataclass(frozen=True, kw_only=True)
class MultiCard(Card):
    answers: tuple[str, ...]
    distractors: tuple[str, ...] = ()
    type = "multi"
    summary = "Select all that apply. At least 2 options in all."
    yaml_keys = ("answer", "distractors")

    @property
    def options(self) -> tuple[str, ...]:
        return (*self.answers, *self.distractors)

    @property
    def right_options(self) -> tuple[str, ...]:
        return self.answers

    def answer_text(self) -> str:
        return "; ".join(self.answers)


@dataclass(frozen=True, kw_only=True)
class TrueFalseCard(Card):
    answer: bool
    type = "truefalse"
    summary = "A statement that is true or false."
    yaml_keys = ("answer",)

    @property
    def truth(self) -> bool | None:
        return self.answer

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
    summary = "The student types the answer."
    yaml_keys = ("answer", "accept", "tolerance")

    @property
    def written_forms(self) -> tuple[str, ...]:
        return (self.answer, *self.accept)

    def answer_text(self) -> str:
        return self.answer


@dataclass(frozen=True, kw_only=True)
class ClozeCard(Card):
    """``question`` holds the sentence; each ``{{answer|alternative}}`` is a gap."""

    gaps: tuple[tuple[str, ...], ...]
    #: Groups of gaps (0-based) whose answers may be given in any order.
    groups: tuple[tuple[int, ...], ...] = ()
    type = "cloze"
    summary = "A sentence with {{gaps}}."
    yaml_keys = ("any_order",)

    @property
    def gap_forms(self) -> tuple[tuple[str, ...], ...]:
        return self.gaps

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
    summary = "Put the items in order."
    yaml_keys = ("answer",)

    @property
    def sequence(self) -> tuple[str, ...]:
        return self.items

    def answer_text(self) -> str:
        return " → ".join(self.items)


@dataclass(frozen=True, kw_only=True)
class MatchCard(Card):
    pairs: tuple[tuple[str, str], ...]
    type = "match"
    summary = "Pair each left item with its right item."
    yaml_keys = ("answer",)

    @property
    def match_pairs(self) -> tuple[tuple[str, str], ...]:
        return self.pairs

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
#: concern (:mod:`tiesquiz.deck.registry`); a test checks each table covers all of these.
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
#: The type names, in the order help and counts list them.
CARD_TYPES = tuple(CARD_CLASSES)
#: Types a program can grade; flashcards are graded by the student.
AUTO_GRADED = frozenset(name for name, cls in CARD_CLASSES.items() if not cls.self_rated)
