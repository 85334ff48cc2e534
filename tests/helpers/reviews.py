"""Record an answer the way a session does: one trip to the store, which schedules it (in study)
from the card's state on disk under the lock and makes it durable."""

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
    entry = Review.new_answer(key, iso(when), rating, rating > 1, answer, duration_ms, mode)

    def schedule(prior: CardState | None) -> CardState:
        return review(prior, rating, when, store.progress.scheduler)

    recorded = store.record_answer(entry, schedule if mode == "study" else None)
    return recorded.review, recorded.prior
