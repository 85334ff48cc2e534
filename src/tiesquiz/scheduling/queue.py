"""The study queue and the day's counts: which cards are due, new or learning, within the limits."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from tiesquiz.clock import Clock, iso
from tiesquiz.progress.model import REVIEW, CardState, Limits, Review

if TYPE_CHECKING:
    from tiesquiz.deck.model import Card

#: A learning card due within this long is shown early when nothing else is left.
LEARN_AHEAD = timedelta(minutes=20)


@dataclass
class DueCounts:
    new: int = 0
    learning: int = 0
    due_now: int = 0
    later_today: int = 0

    def add(self, other: DueCounts) -> None:
        self.new += other.new
        self.learning += other.learning
        self.due_now += other.due_now
        self.later_today += other.later_today

    def to_dict(self) -> dict[str, int]:
        return {
            "new": self.new,
            "learning": self.learning,
            "due_now": self.due_now,
            "due_later_today": self.later_today,
        }


def due_counts(
    keys: Iterable[str], states: Mapping[str, CardState], now: datetime, clock: Clock
) -> DueCounts:
    """New, learning, due now, and due later in the learner's local day."""
    now_s = iso(now)
    end_s = iso(clock.day_bounds(now)[1])
    counts = DueCounts()
    for key in keys:
        state = states.get(key)
        if state is None:
            counts.new += 1
            continue
        if state["state"] != REVIEW:
            counts.learning += 1
        due = state["due"]
        if due <= now_s:
            counts.due_now += 1
        elif due < end_s:
            counts.later_today += 1
    return counts


@dataclass
class TodayCounts:
    """Study done today, from the review log, for the daily limits."""

    new: int = 0
    reviews: int = 0
    seen: set[str] = field(default_factory=set)


def today_counts(reviews: Iterable[Review], now: datetime, clock: Clock) -> TodayCounts:
    start, end = (iso(t) for t in clock.day_bounds(now))
    counts = TodayCounts()
    for entry in reviews:
        if entry.mode != "study" or not (start <= entry.time < end):
            continue
        counts.seen.add(entry.card)
        if entry.new:
            counts.new += 1
        elif entry.prior_state == REVIEW:
            counts.reviews += 1
    return counts


def build_queue(
    cards: Sequence[Card],
    states: Mapping[str, CardState],
    now: datetime,
    limits: Limits,
    today: TodayCounts,
) -> list[Card]:
    """Cards due now (most overdue first), then new cards in deck order, within the daily limits.

    Cards in a learning step are never held back by the review limit: a half-learnt card left
    for tomorrow would be forgotten.
    """
    now_s = iso(now)
    learning: list[tuple[str, Card]] = []
    due: list[tuple[str, Card]] = []
    new: list[Card] = []
    for card in cards:
        state = states.get(card.key)
        if state is None:
            new.append(card)
        elif state["due"] <= now_s:
            (due if state["state"] == REVIEW else learning).append((state["due"], card))
    learning.sort(key=lambda pair: pair[0])
    due.sort(key=lambda pair: pair[0])
    review_room = max(0, limits.reviews_per_day - today.reviews)
    new_room = max(0, limits.new_per_day - today.new)
    merged = sorted(learning + due[:review_room], key=lambda pair: pair[0])
    return [card for _, card in merged] + new[:new_room]


def next_due(states: Mapping[str, CardState], keys: Iterable[str]) -> str | None:
    """The earliest due time among ``keys`` that have been studied (ISO text), if any."""
    best: str | None = None
    for key in keys:
        state = states.get(key)
        if state is not None and (best is None or state["due"] < best):
            best = state["due"]
    return best
