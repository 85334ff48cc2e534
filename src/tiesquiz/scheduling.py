"""FSRS-6 scheduling through the ``fsrs`` library: pure functions over plain card states.

A card's state is stored as a :class:`CardState` dict (what the progress file holds). fsrs
``Card`` objects are built only for the card being reviewed, so loading 50,000 states stays cheap;
times are stored in one fixed ISO form (:func:`tiesquiz.clock.iso`) and compared as strings.
"""

from __future__ import annotations

import random
import threading
from collections.abc import Iterable, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import cached_property
from typing import TYPE_CHECKING, Any, TypedDict

from tiesquiz.clock import UTC, Clock, iso, parse_iso

if TYPE_CHECKING:
    from collections.abc import Iterator

    import fsrs

    from tiesquiz.deck.model import Card

LEARNING, REVIEW, RELEARNING = 1, 2, 3
AGAIN, HARD, GOOD, EASY = 1, 2, 3, 4
RATING_NAMES = {AGAIN: "Again", HARD: "Hard", GOOD: "Good", EASY: "Easy"}


class CardState(TypedDict):
    """The JSON form of one card's schedule (fsrs' ``CardDict`` without its unused ``card_id``)."""

    state: int
    step: int | None
    stability: float | None
    difficulty: float | None
    due: str
    last_review: str | None


class SchedulerDict(TypedDict):
    parameters: list[float]
    desired_retention: float
    learning_steps: list[int]
    relearning_steps: list[int]
    maximum_interval: int
    enable_fuzzing: bool


def _fsrs_defaults() -> SchedulerDict:
    import fsrs

    return fsrs.Scheduler().to_dict()


@dataclass(frozen=True)
class SchedulerSettings:
    """Kept in the progress file, so a new fsrs release cannot silently change a schedule."""

    parameters: tuple[float, ...]
    desired_retention: float = 0.9
    learning_steps: tuple[int, ...] = (60, 600)
    relearning_steps: tuple[int, ...] = (600,)
    maximum_interval: int = 36500
    enable_fuzzing: bool = True

    @classmethod
    def defaults(cls) -> SchedulerSettings:
        return cls.from_dict(_fsrs_defaults())

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> SchedulerSettings:
        return cls(
            parameters=tuple(float(p) for p in data["parameters"]),
            desired_retention=float(data["desired_retention"]),
            learning_steps=tuple(int(s) for s in data["learning_steps"]),
            relearning_steps=tuple(int(s) for s in data["relearning_steps"]),
            maximum_interval=int(data["maximum_interval"]),
            enable_fuzzing=bool(data["enable_fuzzing"]),
        )

    def to_dict(self) -> SchedulerDict:
        return {
            "parameters": list(self.parameters),
            "desired_retention": self.desired_retention,
            "learning_steps": list(self.learning_steps),
            "relearning_steps": list(self.relearning_steps),
            "maximum_interval": self.maximum_interval,
            "enable_fuzzing": self.enable_fuzzing,
        }

    @cached_property
    def scheduler(self) -> fsrs.Scheduler:
        import fsrs

        return fsrs.Scheduler.from_dict(self.to_dict())


@dataclass(frozen=True)
class Limits:
    new_per_day: int = 20
    reviews_per_day: int = 200

    def to_dict(self) -> dict[str, int]:
        return {"new_per_day": self.new_per_day, "reviews_per_day": self.reviews_per_day}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Limits:
        return cls(int(data["new_per_day"]), int(data["reviews_per_day"]))


def to_fsrs(state: CardState | None, now: datetime) -> fsrs.Card:
    import fsrs

    if state is None:
        return fsrs.Card(card_id=0, due=now)
    return fsrs.Card(
        card_id=0,
        state=fsrs.State(state["state"]),
        step=state["step"],
        stability=state["stability"],
        difficulty=state["difficulty"],
        due=parse_iso(state["due"]),
        last_review=parse_iso(state["last_review"]) if state["last_review"] else None,
    )


def from_fsrs(card: fsrs.Card) -> CardState:
    return {
        "state": int(card.state),
        "step": card.step,
        "stability": card.stability,
        "difficulty": card.difficulty,
        "due": iso(card.due),
        "last_review": iso(card.last_review) if card.last_review else None,
    }


_FUZZ_LOCK = threading.Lock()


@contextmanager
def _seeded_fuzz(seed: object) -> Iterator[None]:
    """fsrs draws its interval fuzz from the module-level ``random()``; give it a seeded one."""
    import fsrs.scheduler as fsrs_scheduler

    rng = random.Random(str(seed))
    with _FUZZ_LOCK:
        original = getattr(fsrs_scheduler, "random")  # noqa: B009 - not an exported name
        setattr(fsrs_scheduler, "random", rng.random)  # noqa: B010
        try:
            yield
        finally:
            setattr(fsrs_scheduler, "random", original)  # noqa: B010


def review(
    state: CardState | None,
    rating: int,
    now: datetime,
    settings: SchedulerSettings,
    *,
    seed: object = None,
) -> CardState:
    """The card's next state after ``rating`` at ``now``. Pure: same inputs, same output.

    The fuzz seed defaults to the review time, so replaying a history gives the same schedule.
    """
    import fsrs

    now = now.astimezone(UTC)
    card = to_fsrs(state, now)
    with _seeded_fuzz(seed if seed is not None else iso(now)):
        new_card, _log = settings.scheduler.review_card(card, fsrs.Rating(rating), now)
    return from_fsrs(new_card)


def retrievability(state: CardState, now: datetime, settings: SchedulerSettings) -> float:
    return float(settings.scheduler.get_card_retrievability(to_fsrs(state, now), now))


# -- grading outcome -> rating -----------------------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    """What happened when a card was answered, before it becomes an fsrs rating.

    ``score`` is the share of the card answered right (partial credit for multi, order, match).
    """

    correct: bool
    score: float = 1.0
    hinted: bool = False
    retried: bool = False
    typo: bool = False

    def rating(self) -> int:
        """Wrong -> Again; right with a hint, a retry, a typo or partial credit -> Hard; else Good.

        Partial credit: a select-all, ordering or matching answer with at least 3/4 of its parts
        right counts as right but Hard; less is wrong (Again).
        """
        if not self.correct:
            return AGAIN
        if self.hinted or self.retried or self.typo or self.score < 1.0:
            return HARD
        return GOOD


PARTIAL_PASS = 0.75


# -- queues and counts -------------------------------------------------------------------------


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


def today_counts(reviews: Iterable[Mapping[str, Any]], now: datetime, clock: Clock) -> TodayCounts:
    start, end = (iso(t) for t in clock.day_bounds(now))
    counts = TodayCounts()
    for entry in reviews:
        if entry.get("mode") != "study" or not (start <= entry["time"] < end):
            continue
        counts.seen.add(entry["card"])
        if entry.get("new"):
            counts.new += 1
        elif entry.get("prior_state") == REVIEW:
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


def describe_interval(due: datetime, now: datetime) -> str:
    """'in 10 minutes', 'in 3 days': how a student thinks about the next review."""
    seconds = (due - now).total_seconds()
    if seconds <= 60:
        return "now"
    minutes = round(seconds / 60)
    if minutes < 60:
        return f"in {minutes} minute{'s' if minutes != 1 else ''}"
    hours = round(seconds / 3600)
    if hours < 24:
        return f"in {hours} hour{'s' if hours != 1 else ''}"
    days = round(seconds / 86400)
    if days < 60:
        return f"in {days} day{'s' if days != 1 else ''}"
    months = round(days / 30)
    if months < 24:
        return f"in {months} months"
    return f"in {round(days / 365)} years"


LEARN_AHEAD = timedelta(minutes=20)


# -- studying toward an exam -------------------------------------------------------------------


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
    reviews: Iterable[Mapping[str, Any]],
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
        if entry.get("mode") == "study" and entry["card"] in key_set:
            seen[entry["card"]] = seen.get(entry["card"], 0) + 1
    unseen = sum(1 for k in keys if k not in states)
    seen_once = sum(1 for k in keys if k in states and seen.get(k, 0) < 2)
    days = max(1, days_left)
    needed = -(-unseen // days) if unseen else 0
    return ExamPlan(exam, days_left, unseen, seen_once, needed, limits.new_per_day)


def exam_limits(plan: ExamPlan, limits: Limits, today_new: int) -> Limits:
    """Raise today's new-card limit to the pace the exam needs (never lower it)."""
    if plan.days_left <= 0:
        return limits
    return Limits(max(limits.new_per_day, plan.needed_per_day + today_new), limits.reviews_per_day)
