"""Record an answer the way a session does: the fsrs state after it, then one durable review."""

from __future__ import annotations

from datetime import datetime

from tiesquiz.clock import iso
from tiesquiz.progress import CardState, Mode, ProgressStore, Review
from tiesquiz.scheduling import review


def record_review(
    store: ProgressStore,
    key: str,
    rating: int,
    when: datetime,
    *,
    mode: Mode = "study",
    answer: str = "x",
    duration_ms: int = 1500,
) -> tuple[Review, CardState | None]:
    """Record one answer to ``key``; returns the review and the card's state before it."""
    prior = store.progress.cards.get(key)
    state = review(prior, rating, when, store.progress.scheduler) if mode == "study" else None
    entry = Review.new_answer(key, iso(when), rating, rating > 1, answer, duration_ms, mode, prior)
    return store.record(entry, state), prior
