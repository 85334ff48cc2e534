"""A sheet row read back as a card's fields: what ``tiesquiz import`` makes of each row of a
CSV/TSV sheet (:mod:`.tabular` writes the rows; this reads them). Each type's fields are read by
its entry in :data:`ROW_FIELDS`."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from tiesquiz.deck.model import (
    ChoiceCard,
    ClozeCard,
    FlashCard,
    MatchCard,
    MultiCard,
    OrderCard,
    TrueFalseCard,
    TypedCard,
)
from tiesquiz.deck.registry import CardTable
from tiesquiz.deck.tabular import PAIR, any_order_value, split


def _bool(cell: str) -> bool | None:
    return {
        "true": True,
        "t": True,
        "yes": True,
        "1": True,
        "false": False,
        "f": False,
        "no": False,
        "0": False,
    }.get(cell.strip().casefold())


def _number(cell: str) -> int | float | None:
    try:
        value = float(cell.replace(",", "").replace(" ", ""))
    except ValueError:
        return None
    return int(value) if value == int(value) else value


@dataclass(frozen=True)
class Row:
    """A sheet row's cells by column name; a cell is read stripped, "" when missing or empty."""

    cells: dict[str, str]

    def get(self, key: str) -> str:
        return (self.cells.get(key) or "").strip()

    @property
    def answer(self) -> str:
        return self.get("answer") or self.get("back")

    @property
    def choices(self) -> list[str]:
        return split(self.get("choices") or self.get("distractors"))


#: What a card type's fields are made of: its fields from the row, or a problem (without the
#: line, which the caller adds).
Fields = tuple[dict[str, Any], str | None]


def guess_type(question: str, row: Row) -> str:
    """The type of a row with no ``type`` column, from what it holds: gaps make a cloze, choices
    a choice card, an answer of true or false a true/false card; anything else is a flashcard."""
    answer = row.answer
    if "{{" in question:
        return "cloze"
    if row.choices:
        return "choice"
    if _bool(answer) is not None and answer.casefold() in ("true", "false"):
        return "truefalse"
    return "flashcard"


def _multi_fields(row: Row) -> Fields:
    fields: dict[str, Any] = {"answer": split(row.answer)}
    if row.choices:
        fields["distractors"] = row.choices
    return fields, None


def _truefalse_fields(row: Row) -> Fields:
    value = _bool(row.answer)
    if value is None:
        return {}, f"a truefalse answer must be true or false, not {row.answer!r}"
    return {"answer": value}, None


def _typed_fields(row: Row) -> Fields:
    """A written answer: a number when it looks like one (or has a tolerance, which needs one),
    else the text; its accepted forms and its tolerance."""
    answer, tolerance = row.answer, row.get("tolerance")
    number = _number(answer) if tolerance or re.fullmatch(r"[\d.,\s]+", answer) else None
    fields: dict[str, Any] = {"answer": number if number is not None else answer}
    if split(row.get("accept")):
        fields["accept"] = split(row.get("accept"))
    if tolerance:
        tol = _number(tolerance)
        if tol is None:
            return {}, f"tolerance {tolerance!r} is not a number"
        fields["tolerance"] = tol
    return fields, None


def _match_fields(row: Row) -> Fields:
    """Pairs written ``left => right | left => right``."""
    pairs: dict[str, str] = {}
    for part in split(row.answer):
        left, sep, right = part.partition(PAIR.strip())
        if not sep:
            return {}, "write match pairs as 'left => right | left => right'"
        pairs[left.strip()] = right.strip()
    return {"answer": pairs}, None


def _cloze_fields(row: Row) -> Fields:
    """The gaps are in the question; the row may say which gaps can be filled in any order."""
    if not row.get("any_order"):
        return {}, None
    groups = any_order_value(row.get("any_order"))
    if groups is None:
        return {}, "any_order is true or gap numbers like '1,2 | 3,4'"
    return {"any_order": groups}, None


def _not_from_a_sheet(row: Row) -> Fields:
    return {}, "this type cannot be written in a sheet; add it to the deck file instead"


#: Each card type's own fields, read from a row; a type with no entry is refused, with a reason.
ROW_FIELDS: CardTable[Callable[[Row], Fields]] = CardTable(
    "deck.tabular.import", default=_not_from_a_sheet
)
ROW_FIELDS.add(FlashCard, lambda row: ({"answer": row.answer}, None))
ROW_FIELDS.add(ChoiceCard, lambda row: ({"answer": row.answer, "distractors": row.choices}, None))
ROW_FIELDS.add(MultiCard, _multi_fields)
ROW_FIELDS.add(TrueFalseCard, _truefalse_fields)
ROW_FIELDS.add(TypedCard, _typed_fields)
ROW_FIELDS.add(OrderCard, lambda row: ({"answer": split(row.answer)}, None))
ROW_FIELDS.add(MatchCard, _match_fields)
ROW_FIELDS.add(ClozeCard, _cloze_fields)
