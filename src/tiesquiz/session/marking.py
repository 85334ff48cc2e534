"""A student's own marks on the card on screen in study: suspend, bury (until the learner's
day ends), flag with a note. Recorded as events of the history (:mod:`tiesquiz.progress.marks`)."""

from __future__ import annotations

from tiesquiz.clock import Clock, iso
from tiesquiz.deck.model import Card
from tiesquiz.progress.store import ProgressStore


def mark_card(store: ProgressStore, card: Card, clock: Clock, command: str, note: str) -> bool:
    """Record ``command`` on ``card``; True when the card leaves the session (suspended or
    buried), False when it stays on screen (flagged)."""
    now = clock.now()
    if command == "suspend":
        store.suspend(card.key, iso(now))
    elif command == "bury":
        store.bury(card.key, iso(now), iso(clock.day_bounds(now)[1]))
    else:
        store.flag(card.key, iso(now), note)
        return False
    return True
