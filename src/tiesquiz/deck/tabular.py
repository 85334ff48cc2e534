"""One card per row: the CSV/TSV form shared by ``export --to csv`` and ``import``.

Columns: id, type, question, answer, choices, accept, tolerance, explanation, source, hint, tags.
Lists go in one cell separated by `` | ``; a match answer is ``left => right | left => right``.
"""

from __future__ import annotations

from functools import singledispatch
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
    "any_order",
    "deck_title",
    "deck_tags",
)
SEP = " | "
PAIR = " => "


#: A cell starting with one of these is run as a formula by spreadsheets (OWASP: CSV injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(cell: str) -> str:
    """A cell a spreadsheet shows as text: a leading formula character gets a ``'`` before it."""
    return "'" + cell if cell.startswith(FORMULA_START) else cell


def restore(cell: str) -> str:
    """The inverse of :func:`neutralise`, for reading our own sheets back."""
    return cell[1:] if cell.startswith("'") and cell[1:].startswith(FORMULA_START) else cell


def join(items: Any) -> str:
    return SEP.join(str(i) for i in items)


def split(cell: str) -> list[str]:
    return [part.strip() for part in cell.split("|") if part.strip()]


@singledispatch
def _answer_and_choices(card: Card) -> tuple[str, str]:
    """The ``answer`` and ``choices`` cells of a card's row."""
    raise TypeError(f"no sheet form for {card.type} cards")


@_answer_and_choices.register(FlashCard)
@_answer_and_choices.register(TypedCard)
def _(card: FlashCard | TypedCard) -> tuple[str, str]:
    return card.answer, ""


@_answer_and_choices.register
def _(card: ChoiceCard) -> tuple[str, str]:
    return card.answer, join(card.distractors)


@_answer_and_choices.register
def _(card: MultiCard) -> tuple[str, str]:
    return join(card.answers), join(card.distractors)


@_answer_and_choices.register
def _(card: TrueFalseCard) -> tuple[str, str]:
    return ("true" if card.answer else "false"), ""


@_answer_and_choices.register
def _(card: OrderCard) -> tuple[str, str]:
    return join(card.items), ""


@_answer_and_choices.register
def _(card: MatchCard) -> tuple[str, str]:
    return join(f"{left}{PAIR}{right}" for left, right in card.pairs), ""


@_answer_and_choices.register
def _(card: ClozeCard) -> tuple[str, str]:
    return "", ""  # the gaps are in the question


def card_to_row(card: Card) -> dict[str, str]:
    answer, choices = _answer_and_choices(card)
    typed = card if isinstance(card, TypedCard) else None
    return {
        "deck": card.deck,
        "id": card.id,
        "type": card.type,
        "question": card.question,
        "answer": answer,
        "choices": choices,
        "accept": join(typed.accept) if typed else "",
        "tolerance": f"{typed.tolerance:g}" if typed and typed.tolerance is not None else "",
        "explanation": card.explanation,
        "source": card.source,
        "hint": card.hint,
        "tags": join(card.tags),
        "any_order": any_order_cell(card),
    }


def any_order_cell(card: Card) -> str:
    """A cloze card's interchangeable gaps: ``true`` for all of them, else ``1,2 | 3,4``."""
    if not isinstance(card, ClozeCard) or not card.groups:
        return ""
    if len(card.groups) == 1 and len(card.groups[0]) == len(card.gaps):
        return "true"
    return join(",".join(str(i + 1) for i in group) for group in card.groups)


def any_order_value(cell: str) -> bool | list[list[int]] | None:
    """The deck's ``any_order`` from a sheet cell (None when empty or unreadable)."""
    cell = cell.strip().casefold()
    if not cell:
        return None
    if cell in ("true", "yes", "1", "all"):
        return True
    try:
        return [[int(n) for n in group.split(",")] for group in split(cell)]
    except ValueError:
        return None
