"""Right (and wrong) plain-mode replies for a card as it will be shown with a given seed."""

from __future__ import annotations

import random
from collections.abc import Sequence

from tiesquiz.deck.model import (
    Card,
    ChoiceCard,
    ClozeCard,
    FlashCard,
    MatchCard,
    MultiCard,
    OrderCard,
    TrueFalseCard,
    TypedCard,
)
from tiesquiz.session import Answer, CardView, make_view


def views(cards: Sequence[Card], seed: int) -> list[CardView]:
    """The views a session with ``random.Random(seed)`` makes, in the order it asks new cards."""
    rng = random.Random(seed)
    return [make_view(card, rng) for card in cards]


def right_lines(view: CardView, flash_rating: int = 3) -> list[str]:
    card = view.card
    if isinstance(card, ChoiceCard):
        return [str(view.options.index(card.answer) + 1)]
    if isinstance(card, MultiCard):
        return [",".join(str(view.options.index(a) + 1) for a in card.answers)]
    if isinstance(card, TrueFalseCard):
        return ["t" if card.answer else "f"]
    if isinstance(card, TypedCard):
        return [card.answer]
    if isinstance(card, ClozeCard):
        return [gap[0] for gap in card.gaps]
    if isinstance(card, OrderCard):
        return [",".join(str(view.options.index(item) + 1) for item in card.items)]
    if isinstance(card, MatchCard):
        return [
            ", ".join(
                f"{i}-{view.rights.index(right) + 1}" for i, (_, right) in enumerate(card.pairs, 1)
            )
        ]
    assert isinstance(card, FlashCard)
    return ["", str(flash_rating)]


def wrong_lines(view: CardView) -> list[str]:
    card = view.card
    if isinstance(card, ChoiceCard):
        return [str(view.options.index(card.distractors[0]) + 1)]
    if isinstance(card, MultiCard):
        return [",".join(str(view.options.index(d) + 1) for d in card.distractors) or "none"]
    if isinstance(card, TrueFalseCard):
        return ["f" if card.answer else "t"]
    if isinstance(card, TypedCard):
        return ["wrong answer", "still wrong"]  # one retry is offered
    if isinstance(card, ClozeCard):
        return ["nope"] * len(card.gaps) * 2
    if isinstance(card, OrderCard):
        return [",".join(str(view.options.index(item) + 1) for item in reversed(card.items))]
    if isinstance(card, MatchCard):
        n = len(card.pairs)
        return [
            ", ".join(
                f"{i}-{(view.rights.index(right) + 1) % n + 1}"
                for i, (_, right) in enumerate(card.pairs, 1)
            )
        ]
    return ["", "1"]


def right_answer(view: CardView, flash_rating: int = 3) -> Answer:
    """The reply a front end would hand a session for a wholly right answer."""
    card = view.card
    value: object
    if isinstance(card, FlashCard):
        value = flash_rating
    elif isinstance(card, ChoiceCard | TypedCard):
        value = card.answer
    elif isinstance(card, MultiCard):
        value = list(card.answers)
    elif isinstance(card, TrueFalseCard):
        value = card.answer
    elif isinstance(card, ClozeCard):
        value = [gap[0] for gap in card.gaps]
    elif isinstance(card, OrderCard):
        value = list(card.items)
    else:
        assert isinstance(card, MatchCard)
        value = dict(card.pairs)
    return Answer(value, str(value))


def wrong_answer(view: CardView) -> Answer:
    """A reply that is wholly wrong (for a flashcard: rated Again)."""
    card = view.card
    value: object
    if isinstance(card, FlashCard):
        value = 1
    elif isinstance(card, ChoiceCard):
        value = card.distractors[0]
    elif isinstance(card, MultiCard):
        value = list(card.distractors)
    elif isinstance(card, TrueFalseCard):
        value = not card.answer
    elif isinstance(card, TypedCard):
        value = "something else entirely"
    elif isinstance(card, ClozeCard):
        value = ["nothing like it"] * len(card.gaps)
    elif isinstance(card, OrderCard):
        value = list(reversed(card.items))
    else:
        assert isinstance(card, MatchCard)
        rights = [r for _, r in card.pairs]
        value = {left: rights[(i + 1) % len(rights)] for i, (left, _) in enumerate(card.pairs)}
    return Answer(value, str(value))
