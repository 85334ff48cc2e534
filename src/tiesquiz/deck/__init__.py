"""Decks: the YAML format, loading with positions, validation, discovery and the JSON Schema."""

from tiesquiz.deck.model import CARD_TYPES, Card, Deck

__all__ = ["CARD_TYPES", "Card", "Deck"]
