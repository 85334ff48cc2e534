"""The answers ``stats`` summed on an earlier run, as the numbers it needs of them.

Of each card: how many answers, study answers and study answers failed; the answers overruled.
Of each deck: its answers and the time they took in each quarter of an hour (UTC), for the
periods, the streak and the heatmap: every time zone in use today is a whole number of quarter
hours from UTC, so any local day is a whole number of quarters, whatever the zone. And, for the
retention of the last 30 days (counted to the microsecond, not in days), the time of each study
answer to a card in review and whether it was right.
"""

from __future__ import annotations

import bisect
from array import array
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from tiesquiz.clock import Clock, parse_iso
from tiesquiz.progress.model import AGAIN, REVIEW, Review

#: Seconds in a quarter of an hour: the unit answers are counted in for the streak and heatmap.
QUARTER = 900


class OddZone(Exception):
    """A local day that does not start on a quarter hour (a historical zone): the quarters
    cannot say which day an answer fell on, so the history is read whole instead."""


def micros(stamp: str, hours: dict[str, int]) -> int:
    """Microseconds since the epoch of a stored time (``YYYY-MM-DDTHH:MM:SS.ffffff+00:00``, as
    every stored time is, so that they compare as text as they do as numbers); ``hours`` caches
    each hour's, since a history has far fewer hours than answers."""
    if len(stamp) != 32 or not stamp.endswith("+00:00"):
        return int(parse_iso(stamp).timestamp() * 1_000_000)
    hour = hours.get(stamp[:13])
    if hour is None:
        hour = hours[stamp[:13]] = int(parse_iso(stamp[:13] + ":00:00+00:00").timestamp())
    seconds = hour + int(stamp[14:16]) * 60 + int(stamp[17:19])
    return seconds * 1_000_000 + int(stamp[20:26])


@dataclass
class Counts:
    """One deck's answers and their time (ms) per quarter hour: the quarters in order, and the
    running totals."""

    quarters: array  # type: ignore[type-arg]
    answers: array  # type: ignore[type-arg]
    ms: array  # type: ignore[type-arg]

    @classmethod
    def of(cls, per_quarter: dict[int, list[int]]) -> Counts:
        quarters, answers, ms = array("q"), array("q"), array("q")
        count = spent = 0
        for quarter in sorted(per_quarter):
            count += per_quarter[quarter][0]
            spent += per_quarter[quarter][1]
            quarters.append(quarter)
            answers.append(count)
            ms.append(spent)
        return cls(quarters, answers, ms)

    def between(self, start: int, end: int) -> tuple[int, int]:
        """Answers, and their ms, in the quarters from ``start`` up to (not including) ``end``."""
        lo = bisect.bisect_left(self.quarters, start)
        hi = bisect.bisect_left(self.quarters, end)
        if hi <= lo:
            return 0, 0
        before = (self.answers[lo - 1], self.ms[lo - 1]) if lo else (0, 0)
        return int(self.answers[hi - 1] - before[0]), int(self.ms[hi - 1] - before[1])

    def as_dict(self) -> dict[int, list[int]]:
        found, count, spent = {}, 0, 0
        for quarter, answers, ms in zip(self.quarters, self.answers, self.ms, strict=True):
            found[quarter] = [answers - count, ms - spent]
            count, spent = answers, ms
        return found


@dataclass
class Reviewed:
    """One deck's study answers to cards in review: their times (microseconds, in order) and
    how many of them up to each were right."""

    times: array  # type: ignore[type-arg]
    right: array  # type: ignore[type-arg]

    @classmethod
    def of(cls, answers: list[tuple[int, bool]]) -> Reviewed:
        times, right, count = array("q"), array("q"), 0
        for time, correct in sorted(answers):
            count += correct
            times.append(time)
            right.append(count)
        return cls(times, right)

    def since(self, start: int) -> tuple[int, int]:
        """How many answers from ``start`` on, and how many of them right."""
        lo = bisect.bisect_left(self.times, start)
        if lo >= len(self.times):
            return 0, 0
        return len(self.times) - lo, int(self.right[-1] - (self.right[lo - 1] if lo else 0))

    def pairs(self) -> list[tuple[int, bool]]:
        before = 0
        found = []
        for time, right in zip(self.times, self.right, strict=True):
            found.append((time, right > before))
            before = right
        return found


@dataclass
class Earlier:
    """What ``stats`` needs of the answers summed before (none: an empty one)."""

    #: The cards answered, and for each (at 3 * its place): answers, study answers, and study
    #: answers rated Again.
    keys: list[str] = field(default_factory=list)
    counts: array = field(default_factory=lambda: array("q"))  # type: ignore[type-arg]
    #: Per card, the answers the student overruled ("I was right"), each once, in order.
    overruled: dict[str, list[str]] = field(default_factory=dict)
    #: Per deck: its answers per quarter hour.
    decks: dict[str, Counts] = field(default_factory=dict)
    #: Per deck: its study answers to cards in review.
    reviewed: dict[str, Reviewed] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.keys)

    def answers(self, keys: Collection[str] | None) -> int:
        if keys is None:
            return sum(self.counts[0::3])
        answers = self.counts[0::3]
        return sum(answers[i] for i, k in enumerate(self.keys) if k in keys)

    def failed(self, keys: Collection[str] | None) -> dict[str, int]:
        """The cards (in ``keys``) with a study answer rated Again, and how many."""
        names = self.keys
        lapses = self.counts[2::3]
        return {
            names[i]: n for i, n in enumerate(lapses) if n and (keys is None or names[i] in keys)
        }

    def studied(self, keys: Iterable[str]) -> dict[str, int]:
        """The study answers to each of ``keys``."""
        keys = list(keys)
        if not keys:
            return {}
        place = {k: i for i, k in enumerate(self.keys)}
        return {k: self.counts[3 * place[k] + 1] for k in keys if k in place}

    def between(self, decks: Iterable[str], bounds: tuple[datetime, datetime]) -> tuple[int, int]:
        """Answers to ``decks``, and their ms, between two bounds (UTC, on quarter hours)."""
        start, end = (int(b.timestamp()) for b in bounds)
        if start % QUARTER or end % QUARTER:
            raise OddZone
        start, end = start // QUARTER, end // QUARTER
        found = [self.decks[d].between(start, end) for d in decks if d in self.decks]
        return sum(a for a, _ in found), sum(ms for _, ms in found)

    def retention(self, decks: Iterable[str], start: datetime) -> tuple[int, int]:
        """Study answers to cards in review from ``start`` on, and how many were right."""
        micro = int(start.timestamp()) * 1_000_000 + start.microsecond
        found = [self.reviewed[d].since(micro) for d in decks if d in self.reviewed]
        return sum(n for n, _ in found), sum(r for _, r in found)

    def added(self, reviews: Iterable[Review]) -> Earlier:
        """These answers and ``reviews`` (given after them) summed together."""
        keys, counts = list(self.keys), array("q", self.counts)
        place = {k: i for i, k in enumerate(keys)}
        overruled = {k: list(v) for k, v in self.overruled.items()}
        per_deck = {d: c.as_dict() for d, c in self.decks.items()}
        reviewed = {d: r.pairs() for d, r in self.reviewed.items()}
        hours: dict[str, int] = {}
        for r in reviews:
            at = place.get(r.card)
            if at is None:
                at = place[r.card] = len(keys)
                keys.append(r.card)
                counts.extend((0, 0, 0))
            counts[3 * at] += 1
            time, deck = micros(r.time, hours), r.card.split("/", 1)[0]
            if r.mode == "study":
                counts[3 * at + 1] += 1
                counts[3 * at + 2] += r.rating == AGAIN
                if r.prior_state == REVIEW:
                    reviewed.setdefault(deck, []).append((time, r.correct))
            if r.overruled and r.answer not in overruled.setdefault(r.card, []):
                overruled[r.card].append(r.answer)
            quarter = per_deck.setdefault(deck, {}).setdefault(time // 1_000_000 // QUARTER, [0, 0])
            quarter[0] += 1
            quarter[1] += r.duration_ms
        decks = {d: Counts.of(q) for d, q in per_deck.items()}
        return Earlier(
            keys, counts, overruled, decks, {d: Reviewed.of(a) for d, a in reviewed.items()}
        )


def day_start(clock: Clock, day: date, today: date) -> datetime:
    """When the learner's local ``day`` starts, in UTC: the day around its noon, more or less
    (a change of clocks moves noon by an hour, never out of the day)."""
    start = clock.day_bounds(clock.now())[0]
    return clock.day_bounds(start + timedelta(days=(day - today).days, hours=12))[0]


@dataclass
class Before:
    """The answers summed on an earlier run, as far as the decks asked about go."""

    earlier: Earlier
    #: The card keys in scope (None: every card).
    keys: set[str] | None
    deck_keys: Mapping[str, list[str]]
    clock: Clock

    def answers(self) -> int:
        return self.earlier.answers(self.keys) if self.earlier else 0

    def failed(self) -> dict[str, int]:
        return self.earlier.failed(self.keys) if self.earlier else {}

    def studied(self, keys: Iterable[str]) -> dict[str, int]:
        return self.earlier.studied(keys) if self.earlier else {}

    def overruled(self) -> dict[str, list[str]]:
        found, keys = self.earlier.overruled, self.keys
        return found if keys is None else {k: v for k, v in found.items() if k in keys}

    def decks(self) -> Iterable[str]:
        return self.earlier.decks if self.keys is None else self.deck_keys

    def on(self, day: date, today: date) -> int:
        """Answers summed on the local ``day``."""
        return self.since(day, today, day)[0]

    def since(self, first: date, today: date, last: date | None = None) -> tuple[int, int]:
        """Answers summed from the local day ``first`` through ``last`` (today), and their ms."""
        if not self.earlier:
            return 0, 0
        start = day_start(self.clock, first, today)
        end = self.clock.day_bounds(day_start(self.clock, last or today, today))[1]
        return self.earlier.between(self.decks(), (start, end))

    def retention(self, start: datetime) -> tuple[int, int]:
        """Study answers to cards in review summed, from ``start`` on, and how many right."""
        return self.earlier.retention(self.decks(), start) if self.earlier else (0, 0)
