"""Scheduling: the same schedule as fsrs itself, exact undo, daily limits, the local day."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import fsrs
import pytest

from tiesquiz.clock import Clock, iso, parse_iso
from tiesquiz.deck.model import FlashCard
from tiesquiz.progress import Mode, Review, new_id
from tiesquiz.scheduling import (
    AGAIN,
    EASY,
    GOOD,
    HARD,
    LEARNING,
    RELEARNING,
    REVIEW,
    Allowance,
    CardState,
    Limits,
    Outcome,
    SchedulerSettings,
    TodayCounts,
    build_queue,
    due_counts,
    from_fsrs,
    review,
    to_fsrs,
    today_counts,
)
from tiesquiz.ui.words import describe_interval

UTC = timezone.utc
T0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
SEQUENCE = [
    (GOOD, timedelta(0)),
    (GOOD, timedelta(minutes=10)),
    (HARD, timedelta(days=2)),
    (AGAIN, timedelta(days=7)),
    (GOOD, timedelta(days=7, minutes=15)),
    (EASY, timedelta(days=12)),
    (GOOD, timedelta(days=40)),
]
NO_FUZZ = SchedulerSettings.from_dict(
    {**SchedulerSettings.defaults().to_dict(), "enable_fuzzing": False}
)


def fsrs_states(scheduler: fsrs.Scheduler) -> list[CardState]:
    card = fsrs.Card(card_id=0, due=T0)
    states = []
    for rating, offset in SEQUENCE:
        card, _ = scheduler.review_card(card, fsrs.Rating(rating), T0 + offset)
        states.append(from_fsrs(card))
    return states


def our_states(settings: SchedulerSettings) -> list[CardState]:
    state: CardState | None = None
    states = []
    for rating, offset in SEQUENCE:
        state = review(state, rating, T0 + offset, settings)
        states.append(state)
    return states


def test_schedule_equals_fsrs_without_fuzz() -> None:
    expected = fsrs_states(fsrs.Scheduler(enable_fuzzing=False))
    assert our_states(NO_FUZZ) == expected
    assert expected[-1]["state"] == REVIEW


def without_due(state: CardState) -> dict[str, object]:
    return {k: v for k, v in state.items() if k != "due"}


def interval(state: CardState, now: datetime) -> timedelta:
    """How long after ``now`` the card comes back."""
    return parse_iso(state["due"]) - now


def test_fuzz_moves_only_the_due_date_and_only_a_little() -> None:
    """With fuzz (the default), what the card's memory is (state, step, stability, difficulty)
    is fsrs's own; only the day it comes back moves, by a small part of the interval."""
    assert SchedulerSettings.defaults().enable_fuzzing
    fuzzed, exact = our_states(SchedulerSettings.defaults()), our_states(NO_FUZZ)
    for (_, offset), f, e in zip(SEQUENCE, fuzzed, exact, strict=True):
        now = T0 + offset
        assert without_due(f) == without_due(e)
        plain = interval(e, now)
        assert abs(interval(f, now) - plain) <= timedelta(days=1) + 0.15 * plain


def test_fuzz_spreads_cards_answered_together_and_replays_the_same() -> None:
    """Cards answered a minute apart do not all come back on one day (what fuzz is for); yet the
    same answer at the same moment always gives the same day, so replaying a history (another
    terminal, a reopened file) gives the schedule that was shown."""
    state = review_state(T0)
    state["stability"], state["last_review"] = 100.0, iso(T0 - timedelta(days=100))
    times = [T0 + timedelta(minutes=m) for m in range(20)]

    def answered(settings: SchedulerSettings) -> list[CardState]:
        return [review(state, GOOD, t, settings) for t in times]

    fuzzed = answered(SchedulerSettings.defaults())
    assert len({interval(s, t).days for s, t in zip(fuzzed, times, strict=True)}) > 3
    exact = answered(NO_FUZZ)
    assert len({interval(s, t).days for s, t in zip(exact, times, strict=True)}) == 1
    assert answered(SchedulerSettings.defaults()) == fuzzed


@pytest.mark.parametrize("settings", [NO_FUZZ, SchedulerSettings.defaults()], ids=["exact", "fuzz"])
def test_each_good_answer_on_time_brings_the_card_back_later(settings: SchedulerSettings) -> None:
    state, now, intervals = None, T0, []
    for _ in range(8):
        state = review(state, GOOD, now, settings)
        intervals.append(interval(state, now))
        now = parse_iso(state["due"])
    assert intervals == sorted(set(intervals))  # each longer than the one before
    assert intervals[0] < timedelta(hours=1) and intervals[-1] > timedelta(days=365)


def test_a_better_rating_brings_a_card_back_later_and_again_relearns_it() -> None:
    state = review_state(T0)  # in review, due now
    dues = [review(state, rating, T0, NO_FUZZ)["due"] for rating in (AGAIN, HARD, GOOD, EASY)]
    assert dues == sorted(dues) and len(set(dues)) == 4
    forgotten = review(state, AGAIN, T0, NO_FUZZ)
    assert forgotten["state"] == RELEARNING and interval(forgotten, T0) < timedelta(hours=1)


def test_defaults_are_stored_values_not_fsrs_objects() -> None:
    settings = SchedulerSettings.defaults()
    assert settings.desired_retention == 0.9
    assert settings.learning_steps == (60, 600)
    assert len(settings.parameters) == 21  # FSRS-6
    assert SchedulerSettings.from_dict(settings.to_dict()) == settings


def test_fsrs_round_trip_of_a_state() -> None:
    state = review(None, GOOD, T0, SchedulerSettings.defaults())
    assert from_fsrs(to_fsrs(state, T0)) == state


@pytest.mark.parametrize(
    ("outcome", "rating"),
    [
        (Outcome(correct=False), AGAIN),
        (Outcome(correct=True), GOOD),
        (Outcome(correct=True, hinted=True), HARD),
        (Outcome(correct=True, retried=True), HARD),
        (Outcome(correct=True, typo=True), HARD),
        (Outcome(correct=True, score=0.8), HARD),
        (Outcome(correct=False, score=0.5), AGAIN),
    ],
)
def test_outcome_to_rating(outcome: Outcome, rating: int) -> None:
    assert outcome.rating() == rating


def cards(n: int, deck: str = "d") -> list[FlashCard]:
    return [FlashCard(deck=deck, id=f"c{i:03}", question="Q", answer="A") for i in range(n)]


def review_state(due: datetime, state: int = REVIEW) -> CardState:
    return {
        "state": state,
        "step": None if state == REVIEW else 0,
        "stability": 5.0,
        "difficulty": 5.0,
        "due": iso(due),
        "last_review": iso(due - timedelta(days=5)),
    }


def test_queue_due_first_most_overdue_first_then_new_in_deck_order() -> None:
    deck = cards(6)
    states = {
        deck[3].key: review_state(T0 - timedelta(days=1)),
        deck[1].key: review_state(T0 - timedelta(days=3)),
        deck[5].key: review_state(T0 + timedelta(days=1)),  # not due yet
    }
    queue = build_queue(deck, states, T0, Allowance(), TodayCounts()).cards
    assert [c.id for c in queue] == ["c001", "c003", "c000", "c002", "c004"]


def test_new_card_limit_counts_what_was_introduced_today() -> None:
    deck = cards(30)
    limits = Allowance(Limits(new_per_day=20))
    queue = build_queue(deck, {}, T0, limits, TodayCounts(new_by_deck=Counter(d=5)))
    assert len(queue.cards) == 15 and queue.held_new == 15
    assert build_queue(deck, {}, T0, limits, TodayCounts(new_by_deck=Counter(d=25))).cards == []


def test_limits_are_per_deck_and_new_n_means_n_more_today() -> None:
    """As Anki counts them: today's new cards in one deck leave the other deck's room alone."""
    one, two = cards(30, "one"), cards(30, "two")
    today = TodayCounts(new_by_deck=Counter(one=20))
    allowance = Allowance(Limits(new_per_day=20), {"two": Limits(new_per_day=5)})
    queue = build_queue(one + two, {}, T0, allowance, today)
    assert [c.deck for c in queue.cards] == ["two"] * 5 and queue.held_new == 55
    more = build_queue(one + two, {}, T0, replace(allowance, extra_new=10), today)
    assert [c.id for c in more.cards] == [c.id for c in one[:10]]  # 10 more, in deck order


def test_review_limit_but_learning_cards_always_come() -> None:
    deck = cards(260)
    states = {c.key: review_state(T0 - timedelta(hours=1 + i)) for i, c in enumerate(deck[:250])}
    for c in deck[250:]:
        states[c.key] = review_state(T0 - timedelta(minutes=5), state=LEARNING)
    queue = build_queue(
        deck,
        states,
        T0,
        Allowance(Limits(reviews_per_day=200)),
        TodayCounts(reviews_by_deck=Counter(d=190)),
    ).cards
    assert sum(states[c.key]["state"] == REVIEW for c in queue) == 10
    assert sum(states[c.key]["state"] == LEARNING for c in queue) == 10
    # The 10 reviews kept are the most overdue ones.
    assert {c.id for c in queue if states[c.key]["state"] == REVIEW} == {
        f"c{i:03}" for i in range(240, 250)
    }


@pytest.mark.parametrize("zone", ["Asia/Baku", "America/New_York", "Asia/Kolkata"])
def test_today_is_the_learners_local_day(zone: str) -> None:
    tz = ZoneInfo(zone)
    clock = Clock(fixed=datetime(2026, 11, 29, 1, 30, tzinfo=tz), tz=tz)
    now = clock.now()
    start, end = clock.day_bounds()
    assert start == datetime(2026, 11, 29, tzinfo=tz).astimezone(UTC)
    assert end == datetime(2026, 11, 30, tzinfo=tz).astimezone(UTC)

    def entry(card: str, when: datetime, mode: Mode, prior: int | None) -> Review:
        return Review(new_id(), card, iso(when), GOOD, True, "", 0, mode, prior is None, prior)

    log = [
        entry("d/a", start - timedelta(seconds=1), "study", None),
        entry("d/b", start, "study", None),
        entry("d/c", now, "study", REVIEW),
        entry("d/d", now, "quiz", None),
    ]
    counts = today_counts(log, now, clock)
    assert (counts.new, counts.reviews) == (1, 1)
    # Due just before local midnight is "later today"; just after is tomorrow.
    states = {
        "d/x": review_state(end - timedelta(minutes=1)),
        "d/y": review_state(end + timedelta(minutes=1)),
        "d/z": review_state(now - timedelta(minutes=1)),
    }
    due = due_counts(["d/x", "d/y", "d/z", "d/new"], states, now, clock)
    assert (due.new, due.due_now, due.later_today) == (1, 1, 1)


def test_local_day_across_a_dst_change() -> None:
    tz = ZoneInfo("Europe/Berlin")  # 2026-03-29 has 23 hours there
    clock = Clock(fixed=datetime(2026, 3, 29, 12, tzinfo=tz), tz=tz)
    start, end = clock.day_bounds()
    assert end - start == timedelta(hours=23)


def test_describe_interval() -> None:
    assert describe_interval(T0 + timedelta(minutes=10), T0) == "in 10 minutes"
    assert describe_interval(T0 + timedelta(days=3), T0) == "in 3 days"
    assert describe_interval(T0 + timedelta(hours=1), T0) == "in 1 hour"


def test_a_new_progress_starts_with_fsrs_own_defaults() -> None:
    """The defaults are written out (so ``due`` on a new file does not import fsrs); they must
    be the installed fsrs' own, every setting of them."""
    import fsrs

    assert SchedulerSettings.defaults().to_dict() == fsrs.Scheduler().to_dict()
