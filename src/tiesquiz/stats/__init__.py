"""Progress statistics: plain numbers from decks and the review log, no printing.

Days are the learner's local calendar days. Times are compared as stored ISO text. ``stats``
reads the history through :mod:`.ledger`: the answers summed on an earlier run (an
:class:`~.earlier.Earlier`), and the rest one by one.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tiesquiz.clock import Clock, iso, parse_iso
from tiesquiz.deck.model import Deck
from tiesquiz.progress.model import AGAIN, REVIEW, CardState, Progress, Review, SchedulerSettings
from tiesquiz.stats.earlier import Before, Earlier, OddZone, day_start
from tiesquiz.stats.model import CardCounts, Period, Stats

if TYPE_CHECKING:
    from tiesquiz.progress import ProgressStore

__all__ = ["CardCounts", "Period", "Stats", "compute", "compute_stored", "recall"]

FORECAST_DAYS = 14
HEATMAP_WEEKS = 12
HARDEST = 10


def recall(state: CardState, now: datetime, settings: SchedulerSettings) -> float:
    """fsrs' retrievability, computed without building a Card (same formula and day rounding)."""
    return _Recall(now, settings)(state)


class _Recall:
    """:func:`recall` for many cards: each time of a last review is read once (cards studied
    together share one)."""

    def __init__(self, now: datetime, settings: SchedulerSettings) -> None:
        self.now = now
        self.decay = -settings.parameters[20]
        self.factor = 0.9 ** (1 / self.decay) - 1
        self.days: dict[str, int] = {}

    def __call__(self, state: CardState) -> float:
        last, stability = state["last_review"], state["stability"]
        if last is None or not stability:
            return 0.0
        elapsed = self.days.get(last)
        if elapsed is None:
            elapsed = self.days[last] = max(0, (self.now - parse_iso(last)).days)
        return float((1 + self.factor * elapsed / stability) ** self.decay)


@dataclass
class _Survey:
    """One pass over the cards' states: the counts by state, the days they fall due on (how
    many due starts of days, as stored text, come before each due time: 0 is today or
    overdue) and the predicted recall of each."""

    start: str
    end: str
    starts: list[str]
    recall: _Recall
    due_days: Counter[int]
    recalls: dict[str, float]

    def count(self, keys: Sequence[str], states: Mapping[str, CardState]) -> CardCounts:
        counts = CardCounts(total=len(keys))
        place, due_days, recalls, recall = (
            bisect.bisect_right,
            self.due_days,
            self.recalls,
            self.recall,
        )
        for key in keys:
            state = states.get(key)
            if state is None:
                counts.new += 1
                continue
            if state["state"] == REVIEW:
                counts.review += 1
            else:
                counts.learning += 1
            due = state["due"]
            if due < self.start:
                counts.overdue += 1
            elif due < self.end:
                counts.due_today += 1
            due_days[place(self.starts, due)] += 1
            recalls[key] = recall(state)
        return counts


def compute(
    decks: Sequence[Deck],
    progress: Progress,
    clock: Clock,
    *,
    known: set[str],
    everything: bool,
    gone: dict[str, str] | None = None,
) -> Stats:
    """Everything ``tiesquiz stats`` shows for ``decks``, from a progress holding every answer.

    ``known`` holds every card key loaded, so progress for any other key is an orphan (a card that
    was removed or renamed). ``everything`` is true when no deck was named: then every answer and
    every orphan in the file counts; otherwise only those of the named decks.
    """
    if progress.reviews_since is not None:
        raise ValueError("stats are computed from the whole history: open the store without since")
    scope = Scope(decks, known, everything, gone)
    return _compute(scope, progress, progress.reviews, Earlier(), clock)


def compute_stored(
    decks: Sequence[Deck],
    store: ProgressStore,
    clock: Clock,
    *,
    known: set[str],
    everything: bool,
    gone: dict[str, str] | None = None,
    cache: Path | None = None,
) -> Stats:
    """:func:`compute` for a progress store opened with only today's answers: every other
    answer read from its history, with the answers summed on an earlier run kept in ``cache``
    (see :mod:`.ledger`; None: every answer read). A folder several machines share is read
    whole, by the store."""
    from tiesquiz.stats.ledger import gather

    scope = Scope(decks, known, everything, gone)
    progress = store.progress
    if progress.reviews_since is None or getattr(store, "folder", None) is not None:
        return _compute(scope, progress, store.history(), Earlier(), clock)
    now = clock.now()
    found = gather(store.files, now, cache)
    try:
        return _compute(scope, progress, found.recent, found.earlier, clock)
    except OddZone:  # the learner's days do not start on quarter hours: read each answer
        found = gather(store.files, now, None)
        return _compute(scope, progress, found.recent, found.earlier, clock)


@dataclass
class Scope:
    """The decks ``stats`` was asked about, and what else is known of the others."""

    decks: Sequence[Deck]
    known: set[str]
    everything: bool
    gone: dict[str, str] | None


def _compute(
    scope: Scope, progress: Progress, answers: list[Review], earlier: Earlier, clock: Clock
) -> Stats:
    now = clock.now()
    states = progress.cards
    deck_keys = {d.id: [f"{d.id}/{c.id}" for c in d.cards] for d in scope.decks}
    keys = [k for ks in deck_keys.values() for k in ks]
    gone = dict(scope.gone or {})
    everything = scope.everything
    orphans = _orphans(progress, answers, earlier, scope.known, gone, deck_keys, everything)
    today_local = clock.local(now).date()
    survey = _survey(clock, today_local, _Recall(now, progress.scheduler))
    totals, per_deck = _counts(deck_keys, orphans, states, survey)
    in_scope = None if everything else set(keys) | set(orphans)
    log = answers if in_scope is None else [r for r in answers if r.card in in_scope]
    before = Before(earlier, in_scope, deck_keys, clock)
    day_of = _local_day(clock)
    retention, retention_answers = _retention(log, now, before)
    recalls = survey.recalls
    periods, per_day = _activity(log, day_of, today_local)
    for span, period in periods.items():
        answers_before, ms_before = before.since(today_local - timedelta(days=span), today_local)
        period.answers += answers_before
        period.seconds += ms_before / 1000
    overruled = _overruled(log, before.overruled())
    marked = {k: m for k, m in progress.marks.items() if k.split("/", 1)[0] in deck_keys}
    questions = _questions(scope.decks, {**overruled, **marked})
    return Stats(
        gone=gone,
        overruled=overruled,
        suspended=sorted(k for k, m in marked.items() if m.get("suspended") and k in questions),
        flagged={k: m["flag"] for k, m in sorted(marked.items()) if "flag" in m and k in questions},
        questions=questions,
        reviews=len(log) + before.answers(),
        cards=totals,
        decks=per_deck,
        retention_30d=retention,
        retention_answers_30d=retention_answers,
        average_recall=_average_recall(recalls, states),
        today=periods[0],
        last_7_days=periods[6],
        last_30_days=periods[29],
        streak=_streak(per_day, today_local, before),
        forecast=[
            (today_local + timedelta(days=i), survey.due_days[i]) for i in range(FORECAST_DAYS)
        ],
        heatmap=_heatmap(per_day, today_local, before),
        hardest=_hardest(log, recalls, scope.decks, before),
        orphans=orphans,
    )


def _orphans(
    progress: Progress,
    answers: Sequence[Review],
    earlier: Earlier,
    known: set[str],
    gone: Mapping[str, str],
    deck_keys: Mapping[str, list[str]],
    everything: bool,
) -> list[str]:
    """Cards with progress but no longer in any deck, among the decks in scope (all of them when
    ``everything``). A card of a deck whose file is gone is reported with its deck (under "gone"),
    not as an orphan: it is not "no longer in any deck", its deck is missing."""
    recorded = set(progress.cards).union(earlier.keys, (r.card for r in answers))
    return sorted(
        k
        for k in recorded.difference(known)
        if k.split("/", 1)[0] not in gone and (everything or k.split("/", 1)[0] in deck_keys)
    )


def _survey(clock: Clock, today: date, recall: _Recall) -> _Survey:
    start, end = clock.day_bounds(clock.now())
    starts = [iso(day_start(clock, today + timedelta(days=i), today)) for i in range(1, 15)]
    return _Survey(iso(start), iso(end), starts, recall, Counter(), {})


def _counts(
    deck_keys: Mapping[str, list[str]],
    orphans: list[str],
    states: Mapping[str, CardState],
    survey: _Survey,
) -> tuple[CardCounts, dict[str, CardCounts]]:
    """The cards by state, due today (the learner's local day) and overdue: in all, and per
    deck (sorted by deck id), each with its orphans."""
    totals = CardCounts(orphaned=len(orphans))
    per_deck = {}
    for deck_id, ks in sorted(deck_keys.items()):
        counts = survey.count(ks, states)
        counts.orphaned = sum(1 for k in orphans if k.split("/", 1)[0] == deck_id)
        per_deck[deck_id] = counts
        for name in ("total", "new", "learning", "review", "due_today", "overdue"):
            setattr(totals, name, getattr(totals, name) + getattr(counts, name))
    return totals, per_deck


def _retention(log: Sequence[Review], now: datetime, before: Before) -> tuple[float | None, int]:
    """True retention over the last 30 days: the share of study answers to cards in review that
    were right (fsrs aims for 90%), and how many answers that is; None with no such answer."""
    since_30 = iso(now - timedelta(days=30))
    review_answers = [
        r for r in log if r.mode == "study" and r.prior_state == REVIEW and r.time >= since_30
    ]
    count, right = before.retention(now - timedelta(days=30))
    count += len(review_answers)
    if not count:
        return None, 0
    return (right + sum(r.correct for r in review_answers)) / count, count


def _average_recall(recalls: Mapping[str, float], states: Mapping[str, CardState]) -> float | None:
    """The mean predicted recall now of the cards studied at least once (a new card has none)."""
    studied = [r for k, r in recalls.items() if states[k]["last_review"]]
    return (sum(studied) / len(studied)) if studied else None


def _activity(
    log: Sequence[Review], day_of: Callable[[str], date], today: date
) -> tuple[dict[int, Period], Counter[date]]:
    """Answers and time spent today, in the last 7 and the last 30 days (keyed by the days back
    each period reaches: 0, 6, 29), and the answers of each local day, in one pass over the log."""
    periods = {0: Period(), 6: Period(), 29: Period()}
    per_day: Counter[date] = Counter()
    for r in log:
        day = day_of(r.time)
        per_day[day] += 1
        age = (today - day).days
        for span, period in periods.items():
            if 0 <= age <= span:
                period.answers += 1
                period.seconds += r.duration_ms / 1000
    return periods, per_day


def _streak(per_day: Counter[date], today: date, before: Before) -> int:
    """Days in a row with an answer, up to today; a streak that reached yesterday still counts
    while today has no answer yet."""

    def answered(day: date) -> bool:
        return bool(per_day[day] or before.on(day, today))

    streak = 0
    day = today if answered(today) else today - timedelta(days=1)
    while answered(day):
        streak += 1
        day -= timedelta(days=1)
    return streak


def _heatmap(per_day: Counter[date], today: date, before: Before) -> list[tuple[date, int]]:
    """Answers on each day of the last ``HEATMAP_WEEKS`` weeks, oldest first, ending today."""
    first = today - timedelta(days=HEATMAP_WEEKS * 7 - 1)
    days = [first + timedelta(days=i) for i in range(HEATMAP_WEEKS * 7)]
    return [(day, per_day[day] + before.on(day, today)) for day in days]


def _hardest(
    log: Sequence[Review], recalls: Mapping[str, float], decks: Sequence[Deck], before: Before
) -> list[dict[str, Any]]:
    """The ``HARDEST`` cards of the decks that were failed most, in study.

    Hard is what the answers say: a card failed twice is hard, whatever fsrs predicts right after
    a review (a card just failed and relearnt has a predicted recall near 100%). Ties go to the
    larger share of answers failed, then to the lower predicted recall.
    """
    lapses: Counter[str] = Counter(r.card for r in log if r.mode == "study" and r.rating == AGAIN)
    lapses.update(before.failed())
    failed = [k for k in recalls if k in lapses]
    answered: Counter[str] = Counter(r.card for r in log if r.mode == "study")
    answered.update(before.studied(failed))
    ranked = sorted(failed, key=lambda k: (-lapses[k], -lapses[k] / answered[k], recalls[k]))
    top = ranked[:HARDEST]
    decks_of = {k.split("/", 1)[0] for k in top}
    questions = {c.key: c.question for d in decks if d.id in decks_of for c in d.cards}
    return [
        {
            "card": k,
            "question": questions[k],
            "lapses": lapses[k],
            "answers": answered[k],
            "recall": round(recalls[k], 3),
        }
        for k in top
    ]


def _questions(decks: Sequence[Deck], keys: Mapping[str, object]) -> dict[str, str]:
    """The question of each of ``keys`` (of the decks that have one)."""
    if not keys:
        return {}
    named = {k.split("/", 1)[0] for k in keys}
    return {c.key: c.question for d in decks if d.id in named for c in d.cards if c.key in keys}


def _overruled(log: Sequence[Review], earlier: Mapping[str, list[str]]) -> dict[str, list[str]]:
    """Each card's answers the student overruled ("I was right"), each once, in the order given
    (those summed ``earlier`` first); cards sorted by key. They are candidates for ``accept``."""
    overruled: dict[str, list[str]] = {k: list(v) for k, v in earlier.items()}
    for r in log:
        if r.overruled and r.answer not in overruled.setdefault(r.card, []):
            overruled[r.card].append(r.answer)
    return dict(sorted(overruled.items()))


def _local_day(clock: Clock) -> Callable[[str], date]:
    """Stored UTC time -> the learner's local date, cached by the minute: every answer has its
    own timestamp, but a time zone's offset is whole minutes, so one minute is one local date."""
    cache: dict[str, date] = {}

    def day_of(stamp: str) -> date:
        key = stamp[:16] + stamp[-6:]  # to the minute, with the offset the time was stored in
        found = cache.get(key)
        if found is None:
            found = cache[key] = clock.local(parse_iso(stamp)).date()
        return found

    return day_of
