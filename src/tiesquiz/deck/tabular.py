"""One card per row: the CSV/TSV form shared by ``export --to csv`` and ``import``.

Columns: id, type, question, answer, choices, accept, tolerance, explanation, source, hint, tags.
Lists go in one cell separated by `` | ``; a match answer is ``left => right | left => right``.
"""

from __future__ import annotations

from typing import Any

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

COLUMNS = (
    "deck",
    "id",
    "type",
    "question",
    "answer",
    "choices",
    "accept",
    "tolerance",
    "explanation",
    "source",
    "hint",
    "tags",
)
SEP = " | "
PAIR = " => "


def join(items: Any) -> str:
    return SEP.join(str(i) for i in items)


def split(cell: str) -> list[str]:
    return [part.strip() for part in cell.split("|") if part.strip()]


def card_to_row(card: Card) -> dict[str, str]:
    answer = ""
    choices = ""
    if isinstance(card, FlashCard | ChoiceCard | TypedCard):
        answer = card.answer
    if isinstance(card, ChoiceCard):
        choices = join(card.distractors)
    elif isinstance(card, MultiCard):
        answer, choices = join(card.answers), join(card.distractors)
    elif isinstance(card, TrueFalseCard):
        answer = "true" if card.answer else "false"
    elif isinstance(card, OrderCard):
        answer = join(card.items)
    elif isinstance(card, MatchCard):
        answer = join(f"{left}{PAIR}{right}" for left, right in card.pairs)
    elif isinstance(card, ClozeCard):
        answer = ""
    return {
        "deck": card.deck,
        "id": card.id,
        "type": card.type,
        "question": card.question,
        "answer": answer,
        "choices": choices,
        "accept": join(card.accept) if isinstance(card, TypedCard) else "",
        "tolerance": f"{card.tolerance:g}"
        if isinstance(card, TypedCard) and card.tolerance is not None
        else "",
        "explanation": card.explanation,
        "source": card.source,
        "hint": card.hint,
        "tags": join(card.tags),
    }
