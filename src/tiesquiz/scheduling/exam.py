"""Studying toward an exam: no interval past the exam day, and new cards paced to reach it."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from tiesquiz.clock import UTC, Clock, iso
from tiesquiz.progress.model import CardState, Limits, Review


def exam_start(exam: date, clock: Clock) -> datetime:
    """The start of the exam day on the learner's wall clock, in UTC."""
    midnight = datetime.combine(exam, time())
    local = midnight.replace(tzinfo=clock.tz) if clock.tz is not None else midnight.astimezone()
    return local.astimezone(UTC)


def cap_for_exam(state: CardState, exam: date, clock: Clock) -> CardState:
    """No interval may carry a card past the exam: it is due on the exam day at the latest."""
    limit = iso(exam_start(exam, clock))
    if state["due"] > limit:
        return {**state, "due": limit}
    return state


@dataclass(frozen=True)
class ExamPlan:
    """How far the learner is from having seen every card twice before the exam."""

    exam: date
    days_left: int
    unseen: int
    seen_once: int
    needed_per_day: int
    new_per_day: int

    @property
    def on_track(self) -> bool:
        return self.unseen == 0 or self.needed_per_day <= self.new_per_day

    def to_dict(self) -> dict[str, Any]:
        return {
            "exam": self.exam.isoformat(),
            "days_left": self.days_left,
            "unseen": self.unseen,
            "seen_once": self.seen_once,
            "new_per_day_needed": self.needed_per_day,
            "new_per_day": self.new_per_day,
            "on_track": self.on_track,
        }


def exam_plan(
    keys: Sequence[str],
    states: Mapping[str, CardState],
    reviews: Iterable[Review],
    exam: date,
    now: datetime,
    clock: Clock,
    limits: Limits,
) -> ExamPlan:
    """New cards must all be introduced by the day before the exam, so each is seen twice.

    ``needed_per_day`` spreads the unseen cards evenly over the days left before the exam day.
    """
    today = clock.local(now).date()
    days_left = (exam - today).days
    key_set = set(keys)
    seen: dict[str, int] = {}
    for entry in reviews:
        if entry.mode == "study" and entry.card in key_set:
            seen[entry.card] = seen.get(entry.card, 0) + 1
    unseen = sum(1 for k in keys if k not in states)
    seen_once = sum(1 for k in keys if k in states and seen.get(k, 0) < 2)
    days = max(1, days_left)
    needed = -(-unseen // days) if unseen else 0
    return ExamPlan(exam, days_left, unseen, seen_once, needed, limits.new_per_day)
