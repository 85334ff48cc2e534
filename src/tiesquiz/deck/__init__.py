"""Decks: the YAML format, loading with positions, validation, discovery and the JSON Schema."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tiesquiz.deck.model import CARD_TYPES, Card, Deck

__all__ = ["CARD_TYPES", "Card", "Deck"]


def __getattr__(name: str) -> Any:
    """The model's names, imported on first use: ``due`` works from the deck cache's summaries
    and never needs the card classes."""
    if name in __all__:
        from tiesquiz.deck import model

        return getattr(model, name)
    raise AttributeError(name)
