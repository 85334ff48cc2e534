"""The study queue and the day's counts: which cards are due, new or learning, within the limits."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from operator import itemgetter
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
    """Study done today, from the review log, for the daily limits (in all and per deck)."""

    new: int = 0
    reviews: int = 0
    seen: set[str] = field(default_factory=set)
    new_by_deck: Counter[str] = field(default_factory=Counter)
    reviews_by_deck: Counter[str] = field(default_factory=Counter)


def deck_of(key: str) -> str:
    return key.split("/", 1)[0]


def today_counts(reviews: Iterable[Review], now: datetime, clock: Clock) -> TodayCounts:
    start, end = (iso(t) for t in clock.day_bounds(now))
    counts = TodayCounts()
    for entry in reviews:
        if entry.mode != "study" or not (start <= entry.time < end):
            continue
        counts.seen.add(entry.card)
        if entry.new:
            counts.new += 1
            counts.new_by_deck[deck_of(entry.card)] += 1
        elif entry.prior_state == REVIEW:
            counts.reviews += 1
            counts.reviews_by_deck[deck_of(entry.card)] += 1
    return counts


@dataclass(frozen=True)
class Allowance:
    """How much may be studied today: each deck's limits (as Anki counts them, per deck), and
    this session's extra room (``--new N``: N more new cards today, whatever the limits)."""

    default: Limits = field(default_factory=Limits)
    decks: Mapping[str, Limits] = field(default_factory=dict)
    extra_new: int | None = None
    extra_reviews: int | None = None

    def limits(self, deck: str) -> Limits:
        return self.decks.get(deck, self.default)

    def raised(self, new_per_day: int) -> Allowance:
        """Every deck's new-card limit raised to at least ``new_per_day`` (an exam's pace)."""

        def lift(limits: Limits) -> Limits:
            return Limits(max(limits.new_per_day, new_per_day), limits.reviews_per_day)

        return replace(
            self, default=lift(self.default), decks={d: lift(v) for d, v in self.decks.items()}
        )


_Item = tuple[str, str, "Card"]  # (sort key, deck, card)


def _within(
    items: Sequence[_Item], room: Mapping[str, int], extra: int | None
) -> tuple[list[_Item], int]:
    """The items each deck has room for (or the first ``extra`` of them), in order; and how
    many are left."""
    if extra is not None:
        return list(items[:extra]), max(0, len(items) - extra)
    taken: list[_Item] = []
    left = dict(room)
    open_decks = len({deck for _, deck, _ in items} & {d for d, n in left.items() if n > 0})
    for item in items:
        if not open_decks:  # every deck is full: the rest all wait (50,000 cards, 1,000 taken)
            break
        deck = item[1]
        if left.get(deck, 0) > 0:
            left[deck] -= 1
            open_decks -= left[deck] == 0
            taken.append(item)
    return taken, len(items) - len(taken)


@dataclass
class Queue:
    """The cards to study now, and what the limits hold back for another day."""

    cards: list[Card]
    held_new: int = 0
    held_reviews: int = 0


def build_queue(
    cards: Sequence[Card],
    states: Mapping[str, CardState],
    now: datetime,
    allowance: Allowance,
    today: TodayCounts,
) -> Queue:
    """Cards due now (most overdue first), then new cards in deck order, within each deck's daily
    limits.

    Cards in a learning step are never held back by the review limit: a half-learnt card left
    for tomorrow would be forgotten.
    """
    now_s = iso(now)
    learning: list[_Item] = []
    due: list[_Item] = []
    new: list[_Item] = []
    get = states.get
    for card in cards:
        deck = card.deck
        state = get(f"{deck}/{card.id}")  # card.key, without a property call per card
        if state is None:
            new.append(("", deck, card))
        elif state["due"] <= now_s:
            (due if state["state"] == REVIEW else learning).append((state["due"], deck, card))
    learning.sort(key=itemgetter(0))
    due.sort(key=itemgetter(0))
    decks = {deck for _, deck, _ in due} | {deck for _, deck, _ in new}
    review_room = {
        d: max(0, allowance.limits(d).reviews_per_day - today.reviews_by_deck[d]) for d in decks
    }
    new_room = {d: max(0, allowance.limits(d).new_per_day - today.new_by_deck[d]) for d in decks}
    reviews, held_reviews = _within(due, review_room, allowance.extra_reviews)
    fresh, held_new = _within(new, new_room, allowance.extra_new)
    merged = sorted(learning + reviews, key=itemgetter(0))
    return Queue([c for _, _, c in merged] + [c for _, _, c in fresh], held_new, held_reviews)


def next_due(states: Mapping[str, CardState], keys: Iterable[str]) -> str | None:
    """The earliest due time among ``keys`` that have been studied (ISO text), if any."""
    best: str | None = None
    for key in keys:
        state = states.get(key)
        if state is not None and (best is None or state["due"] < best):
            best = state["due"]
    return best
