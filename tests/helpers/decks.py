"""Test decks: the fixture decks loaded once, and the environment that makes commands find them."""

from __future__ import annotations

from datetime import datetime
from functools import cache

import pytest

from helpers.paths import FIXTURES
from tiesquiz.clock import iso
from tiesquiz.deck.model import Card, Deck
from tiesquiz.deck.reading import read_deck_file


@cache
def fixture_deck(name: str = "all-types") -> Deck:
    """A deck from ``tests/fixtures/good`` (one card of every type by default)."""
    deck = read_deck_file(FIXTURES / "good" / f"{name}.yaml").deck
    assert deck is not None, f"fixtures/good/{name}.yaml does not load"
    return deck


def fixture_cards(name: str = "all-types") -> list[Card]:
    return list(fixture_deck(name).cards)


def cards_by_id(name: str = "all-types") -> dict[str, Card]:
    return {card.id: card for card in fixture_deck(name).cards}


def use_fixture_decks(
    monkeypatch: pytest.MonkeyPatch, now: datetime | None = None, tz: str | None = None
) -> None:
    """Commands find the fixture decks; the clock is fixed at ``now`` in zone ``tz``."""
    monkeypatch.setenv("TIESQUIZ_DECKS", str(FIXTURES / "good"))
    if now is not None:
        monkeypatch.setenv("TIESQUIZ_NOW", iso(now))
    if tz is not None:
        monkeypatch.setenv("TIESQUIZ_TZ", tz)
