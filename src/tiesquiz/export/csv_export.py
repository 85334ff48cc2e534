"""CSV: one row per card, for spreadsheets (and ``tiesquiz import`` reads it back)."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path

from tiesquiz.atomic import write_atomic
from tiesquiz.deck.model import Deck
from tiesquiz.deck.tabular import COLUMNS, card_to_row, join, neutralise
from tiesquiz.export.arrange import Arrange


def to_csv(decks: Sequence[Deck]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS)
    writer.writeheader()
    for deck in decks:
        about = {"deck_title": deck.title, "deck_tags": join(deck.tags)}
        for card in deck.cards:
            row = {**card_to_row(card), **about}
            writer.writerow({k: neutralise(v) for k, v in row.items()})
    return buffer.getvalue()


def files(path: Path) -> list[Path]:
    return [path]


def write(
    decks: Sequence[Deck], path: Path, arrange: Arrange | None = None, version: str = ""
) -> list[Path]:
    write_atomic(path, to_csv(decks), newline="")
    return [path]
