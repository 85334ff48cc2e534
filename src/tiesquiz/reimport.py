"""Importing a sheet over a deck it came from: keep each card's id, so its progress survives.

A row with an ``id`` keeps it. A row without one got an id made from its question; when that row
still matches a card of the old deck (same type, same answer, a similar question), it takes that
card's id instead, so a reworded question keeps its schedule.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz

from tiesquiz.deck.model import Card, Deck

#: How alike two questions must be (rapidfuzz's token-set ratio, 0-100) to be one card reworded,
#: when their answers are the same. A true/false answer says little, so it needs more.
SIMILAR = 60
SIMILAR_TRUE_FALSE = 85


@dataclass
class Reconciled:
    """What happened to the old deck's cards."""

    #: Cards whose id was already the old one's.
    kept: list[str] = field(default_factory=list)
    #: Made id -> the old card's id it takes over.
    matched: dict[str, str] = field(default_factory=dict)
    new: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)


def _answer(card: Card) -> str:
    return " ".join(card.answer_text().casefold().split())


def _similarity(old: Card, new: Card) -> float:
    if old.type != new.type or _answer(old) != _answer(new):
        return 0.0
    score = fuzz.token_set_ratio(old.question.casefold(), new.question.casefold())
    needed = SIMILAR_TRUE_FALSE if new.type == "truefalse" else SIMILAR
    return score if score >= needed else 0.0


def keep_ids(cards: list[dict[str, Any]], made: set[str], old: Deck, fresh: Deck) -> Reconciled:
    """Give each card with a made id the id of the old card it still matches (best match first),
    renaming it in ``cards`` in place, and say what was kept, new and removed."""
    old_by_id = {c.id: c for c in old.cards}
    fresh_ids = {c.id for c in fresh.cards}
    free = [c for c in old.cards if c.id not in fresh_ids]
    candidates = sorted(
        (
            (score, new.id, prior.id)
            for new in fresh.cards
            if new.id in made and new.id not in old_by_id
            for prior in free
            if (score := _similarity(prior, new)) > 0
        ),
        reverse=True,
    )
    matched: dict[str, str] = {}
    taken: set[str] = set()
    for _, new_id, old_id in candidates:
        if new_id not in matched and old_id not in taken:
            matched[new_id] = old_id
            taken.add(old_id)
    for card in cards:
        if card["id"] in matched:
            card["id"] = matched[card["id"]]
    final = {matched.get(c.id, c.id) for c in fresh.cards}
    return Reconciled(
        kept=[c.id for c in fresh.cards if c.id in old_by_id],
        matched=matched,
        new=[c.id for c in fresh.cards if matched.get(c.id, c.id) not in old_by_id],
        removed=[c.id for c in old.cards if c.id not in final],
    )
