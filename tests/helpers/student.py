"""A simulated student, for ``tiesquiz optimize``'s tests: scheduled by tiesquiz (fsrs' own
scheduler, with the parameters given), remembering by FSRS-6 with other, known parameters.

Each day at 09:00 UTC the student answers every card due, then new cards up to a daily limit,
and comes back to the cards in a learning step the same day. The student's true memory moves
only at the first answer to a card on a day (what the trainer models): recalled with the chance
the true parameters give after the whole days since, rated Hard, Good or Easy when recalled
and Again when not. Later answers the same day are right nine times in ten and leave the true
memory as it was.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import datetime, timedelta, timezone
from typing import Any

from tiesquiz.clock import iso, parse_iso
from tiesquiz.progress import CardState, Progress, Review, SchedulerSettings
from tiesquiz.scheduling import review

T0 = datetime(2026, 1, 5, 9, tzinfo=timezone.utc)
#: A student who forgets faster than FSRS-6's defaults expect.
FORGETFUL = (
    0.05, 0.2, 0.6, 2.0, 7.0, 0.6, 2.2, 0.02, 1.0, 0.25, 1.1,
    1.8, 0.1, 0.35, 1.4, 0.4, 2.2, 0.6, 0.2, 0.1, 0.4,
)  # fmt: skip
NAMES = ("again", "hard", "good", "easy")


def simulate(
    true: Sequence[float],
    *,
    cards: int,
    days: int,
    new_per_day: int = 10,
    seed: int = 1,
    settings: SchedulerSettings | None = None,
    deck: str = "sim",
) -> Progress:
    """The progress of ``cards`` cards studied for ``days`` days (answers and schedules)."""
    import fsrs_rs_python as rs

    rng = random.Random(seed)
    student = _Student(rs.FSRS(list(true)), true[20], rng)
    settings = settings or SchedulerSettings.defaults()
    progress = Progress.empty()
    progress.scheduler = settings
    introduced = 0
    for day in range(days):
        now, end = T0 + timedelta(days=day), T0 + timedelta(days=day, hours=14)
        new_today = 0
        seen: set[str] = set()
        while True:
            key = _next(progress.cards, now)
            if key is None and new_today < new_per_day and introduced < cards:
                key, introduced, new_today = f"{deck}/c{introduced}", introduced + 1, new_today + 1
            if key is None:
                later = [d for s in progress.cards.values() if (d := parse_iso(s["due"])) < end]
                if not later:
                    break
                now = max(now, min(later))
                continue
            rating = student.answer(key, day, first_today=key not in seen)
            seen.add(key)
            _record(progress, key, rating, now, settings)
            now += timedelta(seconds=20)
    return progress


def _next(cards: dict[str, CardState], now: datetime) -> str | None:
    due = [(s["due"], k) for k, s in cards.items() if parse_iso(s["due"]) <= now]
    return min(due)[1] if due else None


def _record(
    progress: Progress, key: str, rating: int, now: datetime, settings: SchedulerSettings
) -> None:
    prior = progress.cards.get(key)
    n = len(progress.reviews)
    before = prior["state"] if prior else None
    answer = Review(
        f"{n:016x}", key, iso(now), rating, rating > 1, "x", 3000, "study", True, before
    )
    answer.new = prior is None
    progress.reviews.append(answer)
    progress.cards[key] = review(prior, rating, now, settings)


class _Student:
    def __init__(self, model: Any, decay: float, rng: random.Random) -> None:
        self.model = model
        self.decay, self.rng = -decay, rng
        self.factor = 0.9 ** (1 / self.decay) - 1
        self.memory: dict[str, Any] = {}
        self.last: dict[str, int] = {}

    def answer(self, key: str, day: int, *, first_today: bool) -> int:
        if not first_today:
            return 3 if self.rng.random() < 0.9 else 1
        memory = self.memory.get(key)
        gap = day - self.last.get(key, day)
        if memory is None:
            rating = self.rng.choices((1, 2, 3, 4), (0.2, 0.1, 0.55, 0.15))[0]
        else:
            chance = (gap / memory.stability * self.factor + 1) ** self.decay
            recalled = self.rng.random() < chance
            rating = self.rng.choices((2, 3, 4), (0.15, 0.7, 0.15))[0] if recalled else 1
        states = self.model.next_states(memory, 0.9, gap)
        self.memory[key] = getattr(states, NAMES[rating - 1]).memory
        self.last[key] = day
        return rating
