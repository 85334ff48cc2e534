"""One card per row: the CSV/TSV form shared by ``export --to csv`` and ``import``.

Columns: id, type, question, answer, choices, accept, tolerance, explanation, source, hint, tags.
Lists go in one cell separated by `` | ``; a match answer is ``left => right | left => right``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tiesquiz.deck.model import Card, ClozeCard, MatchCard, TrueFalseCard, TypedCard
from tiesquiz.deck.registry import CardTable

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


def _by_what_it_has(card: Card) -> dict[str, str]:
    """A card's own cells from what it can do: the right options (or its answer, its items in
    order) in ``answer``, the other options in ``choices``, a written answer's other forms in
    ``accept``."""
    right = card.right_options or card.sequence
    return {
        "answer": join(right) if right else card.answer_text(),
        "choices": join(card.wrong_options),
        "accept": join(card.written_forms[1:]),
    }


#: The cells of a row that hold a card's own fields (``answer``, ``choices``, ...).
CELLS: CardTable[Callable[[Card], dict[str, str]]] = CardTable(
    "deck.tabular", default=_by_what_it_has
)


@CELLS.register(TypedCard)
def _(card: TypedCard) -> dict[str, str]:
    tolerance = f"{card.tolerance:g}" if card.tolerance is not None else ""
    return {**_by_what_it_has(card), "tolerance": tolerance}


@CELLS.register(TrueFalseCard)
def _(card: TrueFalseCard) -> dict[str, str]:
    return {"answer": "true" if card.answer else "false"}


@CELLS.register(MatchCard)
def _(card: MatchCard) -> dict[str, str]:
    return {"answer": join(f"{left}{PAIR}{right}" for left, right in card.pairs)}


@CELLS.register(ClozeCard)
def _(card: ClozeCard) -> dict[str, str]:
    """The gaps are in the question; only which may come in any order needs a cell."""
    return {"any_order": any_order_cell(card)}


def card_to_row(card: Card) -> dict[str, str]:
    own = dict.fromkeys(("answer", "choices", "accept", "tolerance", "any_order"), "")
    return {
        "deck": card.deck,
        "id": card.id,
        "type": card.type,
        "question": card.question,
        "explanation": card.explanation,
        "source": card.source,
        "hint": card.hint,
        "tags": join(card.tags),
        **own,
        **CELLS[card](card),
    }


def any_order_cell(card: ClozeCard) -> str:
    """A cloze card's interchangeable gaps: ``true`` for all of them, else ``1,2 | 3,4``."""
    if not card.groups:
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
