"""A made-up learning history, for the crash tests and (imported by path) the benchmarks."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

from tiesquiz.clock import iso
from tiesquiz.progress import REVIEW, Progress, Review, write_progress
from tiesquiz.scheduling import GOOD, review

T0 = datetime(2026, 1, 1, tzinfo=timezone.utc)


def synthetic_progress(
    keys: list[str], reviews_per_card: int, *, spread_due: bool = False
) -> Progress:
    """Every key studied, each with ``reviews_per_card`` answers."""
    progress = Progress.empty()
    state = review(None, GOOD, T0, progress.scheduler)
    n = 0
    for i, key in enumerate(keys):
        if spread_due:  # review cards due over the next 400 days, as in a long-used file
            due = T0 + timedelta(days=i % 400)
            progress.cards[key] = {
                **state,
                "state": REVIEW,
                "step": None,
                "due": iso(due),
                "last_review": iso(due - timedelta(days=3)),
            }
        else:
            progress.cards[key] = state
        for j in range(reviews_per_card):
            progress.reviews.append(
                Review(
                    id=f"{n:016x}",
                    card=key,
                    time=iso(T0 + timedelta(minutes=n)),
                    rating=GOOD,
                    correct=True,
                    answer="an answer",
                    duration_ms=4000,
                    mode="study",
                    new=j == 0,
                    prior_state=None if j == 0 else progress.cards[key]["state"],
                )
            )
            n += 1
    return progress


def build(path: Path, cards: int, reviews_per_card: int = 4) -> None:
    """Write a progress file of ``cards`` cards in 20 decks to ``path``."""
    keys = [f"deck{i % 20}/card-{i}" for i in range(cards)]
    write_progress(path, synthetic_progress(keys, reviews_per_card))
