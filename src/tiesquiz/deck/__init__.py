"""Decks: the YAML format, loading with positions, validation, discovery and the JSON Schema.

The names here are the package's public face, what the commands use; the modules behind them
are its internals. Each name is imported from its module on first use (``due`` works from the
deck cache's summaries and never needs the card classes, or YAML).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from datetime import date

    from tiesquiz.deck.discover import (
        DeckSearch,
        Library,
        bundled_dir,
        load_library,
        resolve,
        summaries,
        unusable,
    )
    from tiesquiz.deck.lint import LintReport, lint_paths
    from tiesquiz.deck.model import CARD_CLASSES, CARD_TYPES, Card, Deck
    from tiesquiz.deck.parse import parse_document
    from tiesquiz.deck.reading import read_deck_file
    from tiesquiz.deck.schema import schema_text
    from tiesquiz.deck.starter import starter_deck
    from tiesquiz.deck.write import dump_deck
    from tiesquiz.deck.yamlio import load_yaml

#: Each public name -> the module (in this package) it comes from.
_HOMES: dict[str, str] = {
    "CARD_CLASSES": "model",
    "CARD_TYPES": "model",
    "Card": "model",
    "Deck": "model",
    "DeckSearch": "discover",
    "Library": "discover",
    "bundled_dir": "discover",
    "load_library": "discover",
    "resolve": "discover",
    "unusable": "discover",
    "summaries": "discover",
    "LintReport": "lint",
    "lint_paths": "lint",
    "parse_document": "parse",
    "read_deck_file": "reading",
    "schema_text": "schema",
    "starter_deck": "starter",
    "dump_deck": "write",
    "load_yaml": "yamlio",
}

__all__ = [
    "CARD_CLASSES",
    "CARD_TYPES",
    "Card",
    "Deck",
    "DeckSearch",
    "Library",
    "LintReport",
    "bundled_dir",
    "dump_deck",
    "exam_day",
    "lint_paths",
    "load_library",
    "load_yaml",
    "parse_document",
    "read_deck_file",
    "resolve",
    "schema_text",
    "starter_deck",
    "summaries",
    "unusable",
]


def __getattr__(name: str) -> Any:
    """A public name, imported from its module on first use (and looked up there every time,
    so a test that patches the module is seen)."""
    if name in _HOMES:
        from importlib import import_module

        return getattr(import_module(f"tiesquiz.deck.{_HOMES[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class HasExam(Protocol):
    """A deck or a deck's cached summary: what it says of its exam."""

    @property
    def exam(self) -> date | None: ...


def exam_day(decks: Iterable[HasExam], chosen: date | None = None) -> date | None:
    """The exam to study toward: the day chosen (``--exam``), else the earliest of the decks'
    ``exam:`` settings; None when there is neither."""
    if chosen is not None:
        return chosen
    return min((d.exam for d in decks if d.exam is not None), default=None)
