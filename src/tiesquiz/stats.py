"""Progress statistics: plain numbers from decks and the review log, no printing.

Days are the learner's local calendar days. Times are compared as stored ISO text.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from tiesquiz.clock import Clock, iso, parse_iso
from tiesquiz.deck.model import Deck
from tiesquiz.progress.model import AGAIN, REVIEW, CardState, Progress, Review, SchedulerSettings

FORECAST_DAYS = 14
HEATMAP_WEEKS = 12
HARDEST = 10


def recall(state: CardState, now: datetime, settings: SchedulerSettings) -> float:
    """fsrs' retrievability, computed without building a Card (same formula and day rounding)."""
    if state["last_review"] is None or not state["stability"]:
        return 0.0
    decay = -settings.parameters[20]
    factor = 0.9 ** (1 / decay) - 1
    elapsed = max(0, (now - parse_iso(state["last_review"])).days)
    return float((1 + factor * elapsed / state["stability"]) ** decay)


@dataclass
class CardCounts:
    total: int = 0
    new: int = 0
    learning: int = 0
    review: int = 0
    orphaned: int = 0
    due_today: int = 0
    overdue: int = 0

    def to_dict(self) -> dict[str, int]:
        return dict(self.__dict__)


@dataclass
class Period:
    answers: int = 0
    seconds: float = 0.0

    def to_dict(self) -> dict[str, float]:
        return {"answers": self.answers, "minutes": round(self.seconds / 60, 1)}


@dataclass
class Stats:
    reviews: int
    cards: CardCounts
    decks: dict[str, CardCounts]
    retention_30d: float | None
    retention_answers_30d: int
    average_recall: float | None
    today: Period
    last_7_days: Period
    last_30_days: Period
    streak: int
    forecast: list[tuple[date, int]]
    heatmap: list[tuple[date, int]]
    hardest: list[dict[str, Any]]
    orphans: list[str] = field(default_factory=list)
    #: Answers the student overruled ("I was right"), per card: candidates for ``accept``.
    overruled: dict[str, list[str]] = field(default_factory=dict)
    #: The question of each card named on screen (a student is shown questions, never ids).
    questions: dict[str, str] = field(default_factory=dict)
    #: Deck files that could not be used, one line each (see ``Library.broken``).
    skipped: list[str] = field(default_factory=list)
    #: Decks studied before whose file is gone: deck id -> the path it had.
    gone: dict[str, str] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "reviews": self.reviews,
            "cards": self.cards.to_dict(),
            "decks": {k: v.to_dict() for k, v in self.decks.items()},
            "retention_30d": self.retention_30d,
            "retention_answers_30d": self.retention_answers_30d,
            "average_recall": self.average_recall,
            "studied": {
                "today": self.today.to_dict(),
                "7_days": self.last_7_days.to_dict(),
                "30_days": self.last_30_days.to_dict(),
            },
            "streak_days": self.streak,
            "forecast": [{"date": d.isoformat(), "due": n} for d, n in self.forecast],
            "heatmap": [{"date": d.isoformat(), "reviews": n} for d, n in self.heatmap],
            "hardest": self.hardest,
            "orphans": self.orphans,
            "overruled": self.overruled,
            "skipped": self.skipped,
            "gone": self.gone,
        }


def _count(
    keys: Sequence[str], states: Mapping[str, CardState], today_start: str, today_end: str
) -> CardCounts:
    counts = CardCounts(total=len(keys))
    for key in keys:
        state = states.get(key)
        if state is None:
            counts.new += 1
            continue
        if state["state"] == REVIEW:
            counts.review += 1
        else:
            counts.learning += 1
        if state["due"] < today_start:
            counts.overdue += 1
        elif state["due"] < today_end:
            counts.due_today += 1
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
    """Everything ``tiesquiz stats`` shows for ``decks``.

    ``known`` holds every card key loaded, so progress for any other key is an orphan (a card that
    was removed or renamed). ``everything`` is true when no deck was named: then every answer and
    every orphan in the file counts; otherwise only those of the named decks.
    """
    if progress.reviews_since is not None:
        raise ValueError("stats are computed from the whole history: open the store without since")
    now = clock.now()
    states = progress.cards
    deck_keys = {d.id: [c.key for c in d.cards] for d in decks}
    keys = [k for ks in deck_keys.values() for k in ks]
    gone = dict(gone or {})
    orphans = _orphans(progress, known, gone, deck_keys, everything=everything)
    totals, per_deck = _counts(deck_keys, orphans, states, clock.day_bounds(now))
    in_scope = set(keys) | set(orphans)
    log: list[Review] = (
        progress.reviews if everything else [r for r in progress.reviews if r.card in in_scope]
    )
    day_of = _local_day(clock)
    today_local = clock.local(now).date()
    retention, retention_answers = _retention(log, now)
    recalls = {k: recall(states[k], now, progress.scheduler) for k in keys if k in states}
    periods, per_day = _activity(log, day_of, today_local)
    overruled = _overruled(log)
    return Stats(
        gone=gone,
        overruled=overruled,
        questions={c.key: c.question for d in decks for c in d.cards if c.key in overruled},
        reviews=len(log),
        cards=totals,
        decks=per_deck,
        retention_30d=retention,
        retention_answers_30d=retention_answers,
        average_recall=_average_recall(recalls, states),
        today=periods[0],
        last_7_days=periods[6],
        last_30_days=periods[29],
        streak=_streak(per_day, today_local),
        forecast=_forecast(keys, states, day_of, today_local),
        heatmap=_heatmap(per_day, today_local),
        hardest=_hardest(log, recalls, decks),
        orphans=orphans,
    )


def _orphans(
    progress: Progress,
    known: set[str],
    gone: Mapping[str, str],
    deck_keys: Mapping[str, list[str]],
    *,
    everything: bool,
) -> list[str]:
    """Cards with progress but no longer in any deck, among the decks in scope (all of them when
    ``everything``). A card of a deck whose file is gone is reported with its deck (under "gone"),
    not as an orphan: it is not "no longer in any deck", its deck is missing."""
    recorded = set(progress.cards) | {r.card for r in progress.reviews}
    return sorted(
        k
        for k in recorded
        if k not in known
        and k.split("/", 1)[0] not in gone
        and (everything or k.split("/", 1)[0] in deck_keys)
    )


def _counts(
    deck_keys: Mapping[str, list[str]],
    orphans: list[str],
    states: Mapping[str, CardState],
    today: tuple[datetime, datetime],
) -> tuple[CardCounts, dict[str, CardCounts]]:
    """The cards by state, due ``today`` (the learner's local day, its start and end) and overdue:
    in all, and per deck (sorted by deck id), each with its orphans."""
    start_s, end_s = iso(today[0]), iso(today[1])
    keys = [k for ks in deck_keys.values() for k in ks]
    totals = _count(keys, states, start_s, end_s)
    totals.orphaned = len(orphans)
    per_deck = {}
    for deck_id, ks in sorted(deck_keys.items()):
        counts = _count(ks, states, start_s, end_s)
        counts.orphaned = sum(1 for k in orphans if k.split("/", 1)[0] == deck_id)
        per_deck[deck_id] = counts
    return totals, per_deck


def _retention(log: Sequence[Review], now: datetime) -> tuple[float | None, int]:
    """True retention over the last 30 days: the share of study answers to cards in review that
    were right (fsrs aims for 90%), and how many answers that is; None with no such answer."""
    since_30 = iso(now - timedelta(days=30))
    review_answers = [
        r for r in log if r.mode == "study" and r.prior_state == REVIEW and r.time >= since_30
    ]
    if not review_answers:
        return None, 0
    return sum(r.correct for r in review_answers) / len(review_answers), len(review_answers)


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


def _streak(per_day: Counter[date], today: date) -> int:
    """Days in a row with an answer, up to today; a streak that reached yesterday still counts
    while today has no answer yet."""
    streak = 0
    day = today if per_day[today] else today - timedelta(days=1)
    while per_day[day]:
        streak += 1
        day -= timedelta(days=1)
    return streak


def _forecast(
    keys: Sequence[str],
    states: Mapping[str, CardState],
    day_of: Callable[[str], date],
    today: date,
) -> list[tuple[date, int]]:
    """Cards due on each of the next ``FORECAST_DAYS`` local days; overdue cards count today."""
    counts: Counter[int] = Counter()
    for key in keys:
        state = states.get(key)
        if state is None:
            continue
        offset = max(0, (day_of(state["due"]) - today).days)
        if offset < FORECAST_DAYS:
            counts[offset] += 1
    return [(today + timedelta(days=i), counts[i]) for i in range(FORECAST_DAYS)]


def _heatmap(per_day: Counter[date], today: date) -> list[tuple[date, int]]:
    """Answers on each day of the last ``HEATMAP_WEEKS`` weeks, oldest first, ending today."""
    first = today - timedelta(days=HEATMAP_WEEKS * 7 - 1)
    return [
        (first + timedelta(days=i), per_day[first + timedelta(days=i)])
        for i in range(HEATMAP_WEEKS * 7)
    ]


def _hardest(
    log: Sequence[Review], recalls: Mapping[str, float], decks: Sequence[Deck]
) -> list[dict[str, Any]]:
    """The ``HARDEST`` cards of the decks that were failed most, in study.

    Hard is what the answers say: a card failed twice is hard, whatever fsrs predicts right after
    a review (a card just failed and relearnt has a predicted recall near 100%). Ties go to the
    larger share of answers failed, then to the lower predicted recall.
    """
    lapses: Counter[str] = Counter(r.card for r in log if r.mode == "study" and r.rating == AGAIN)
    answered: Counter[str] = Counter(r.card for r in log if r.mode == "study")
    questions = {c.key: c.question for d in decks for c in d.cards}
    ranked = sorted(
        (k for k in recalls if lapses[k]),
        key=lambda k: (-lapses[k], -lapses[k] / answered[k], recalls[k]),
    )
    return [
        {
            "card": k,
            "question": questions[k],
            "lapses": lapses[k],
            "answers": answered[k],
            "recall": round(recalls[k], 3),
        }
        for k in ranked[:HARDEST]
    ]


def _overruled(log: Sequence[Review]) -> dict[str, list[str]]:
    """Each card's answers the student overruled ("I was right"), each once, in the order given;
    cards sorted by key. They are candidates for the card's ``accept``."""
    overruled: dict[str, list[str]] = {}
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
