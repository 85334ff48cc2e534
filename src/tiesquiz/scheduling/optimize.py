"""FSRS-6's parameters fitted to one student's answers, with fsrs-rs-python (the Rust trainer
Anki's "Optimize" runs). Pure: answers in, parameters and figures out; no I/O, no sentences.

The trainer reads what Anki's does: study answers only, the first answer to a card on each local
day, the days between them in whole days, each card from its first answer as a new card (a card
whose earlier answers are not in the history, or were forgotten by a reset, starts again there).
Every later answer is one review the model must predict: from the answers before it, the chance
that the card was recalled. Figures are the log loss of those predictions and their RMSE over
fsrs-rs's bins (by interval, length of history and lapses), on the whole history and, by a
time-series split, on its later part by parameters fitted to the earlier part only.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, Literal

from tiesquiz.clock import Clock, parse_iso
from tiesquiz.progress.model import AGAIN, Review, SchedulerSettings

if TYPE_CHECKING:
    import fsrs_rs_python

#: Reviews (answers to a card on a later day than its first) below which no fit is tried: under
#: 64 fsrs-rs fits only the first four parameters, and the time-series split's first training
#: part (a sixth) would hold too few to judge by.
MIN_REVIEWS = 400
#: Decimals the fitted parameters are kept to, as Anki keeps them.
DECIMALS = 4
#: The time-series split fsrs-rs makes: the history in six parts, the first never tested on.
SPLIT_PARTS = 6
#: A prediction is kept this far from 0 and 1 so that its log loss is finite.
EPSILON = 1e-6

Verdict = Literal["better", "not-better", "too-few", "refused"]


@dataclass(frozen=True)
class CardHistory:
    """One card's answers as the trainer reads them: the first study answer of each local day."""

    card: str
    ratings: tuple[int, ...]
    #: Whole local days since the previous answer kept (0 for the first).
    gaps: tuple[int, ...]
    #: The UTC time of each answer kept.
    times: tuple[str, ...]


def card_histories(reviews: Iterable[Review], clock: Clock) -> list[CardHistory]:
    """Every card's study answers, the first of each local day, from its first answer as new.

    ``reviews`` are the history's answers as loaded (a reset takes its cards' earlier answers
    out, an undo the answer it takes back); a card whose first answer here was not given to it
    as a new card is left out, since its earlier answers are missing."""
    by_card: dict[str, list[Review]] = {}
    for entry in reviews:
        if entry.mode == "study":
            by_card.setdefault(entry.card, []).append(entry)
    histories = []
    for card in sorted(by_card):
        entries = sorted(by_card[card], key=lambda r: r.time)
        if entries[0].new:
            histories.append(_daily(card, entries, clock))
    return histories


def _daily(card: str, entries: list[Review], clock: Clock) -> CardHistory:
    ratings: list[int] = []
    gaps: list[int] = []
    times: list[str] = []
    last: date | None = None
    for entry in entries:
        day = clock.local(parse_iso(entry.time)).date()
        if day == last:
            continue
        gaps.append(0 if last is None else (day - last).days)
        ratings.append(entry.rating)
        times.append(entry.time)
        last = day
    return CardHistory(card, tuple(ratings), tuple(gaps), tuple(times))


@dataclass(frozen=True)
class Metrics:
    """How well parameters predict recall: log loss, and RMSE over fsrs-rs's bins (0 to 1)."""

    log_loss: float
    rmse: float

    def to_dict(self) -> dict[str, float]:
        return {"log_loss": round(self.log_loss, 6), "rmse": round(self.rmse, 6)}


@dataclass(frozen=True)
class Evaluation:
    """Figures for one set of parameters: on every review of the history, and on the reviews
    the time-series split tests on (None when it could not be made)."""

    whole: Metrics
    later: Metrics | None

    def to_dict(self) -> dict[str, Any]:
        later = self.later.to_dict() if self.later else None
        return {"history": self.whole.to_dict(), "time_series_split": later}


@dataclass(frozen=True)
class Fit:
    """What fitting found: how much it used, the figures, the parameters and whether they are
    better than the current ones."""

    #: The answers used (the first to a card on a day), the cards, and the reviews among those
    #: answers (a card's answers after its first day: what the model predicts).
    answers: int
    cards: int
    reviews: int
    verdict: Verdict
    current: Evaluation | None = None
    fitted: Evaluation | None = None
    parameters: tuple[float, ...] | None = None
    minimum: int = MIN_REVIEWS

    @property
    def better(self) -> bool:
        return self.verdict == "better"

    @property
    def needed(self) -> int:
        """How many more reviews a fit needs (0 when there are enough)."""
        return max(0, self.minimum - self.reviews)


@dataclass(frozen=True)
class _Point:
    """One review to predict: its card's history, and its place in it (1 or more)."""

    history: CardHistory
    index: int

    @property
    def recalled(self) -> bool:
        return self.history.ratings[self.index] > AGAIN

    @property
    def bin(self) -> tuple[int, int, int]:
        """fsrs-rs's R-matrix bin: the interval, the length of the history and its lapses."""
        gap, length = self.history.gaps[self.index], self.index + 1
        lapses = sum(1 for r in self.history.ratings[1 : self.index] if r == AGAIN)
        gap_bin = round(2.48 * 3.62 ** math.floor(math.log(gap, 3.62)) * 100)
        length_bin = round(1.99 * 1.89 ** math.floor(math.log(length, 1.89)))
        lapse_bin = round(1.65 * 1.73 ** math.floor(math.log(lapses, 1.73))) if lapses else 0
        return gap_bin, length_bin, lapse_bin


def _points(histories: Sequence[CardHistory]) -> list[_Point]:
    """Every review to predict, in the order it was given (fsrs-rs weighs and splits by it)."""
    points = [_Point(h, i) for h in histories for i in range(1, len(h.ratings))]
    points.sort(key=lambda p: (p.history.times[p.index], p.history.card))
    return points


def _items(points: Sequence[_Point]) -> list[fsrs_rs_python.FSRSItem]:
    import fsrs_rs_python as rs

    reviews = {
        id(h): [rs.FSRSReview(r, g) for r, g in zip(h.ratings, h.gaps, strict=True)]
        for h in {id(p.history): p.history for p in points}.values()
    }
    return [rs.FSRSItem(reviews[id(p.history)][: p.index + 1]) for p in points]


def predictions(parameters: Sequence[float], points: Sequence[_Point]) -> list[float]:
    """The chance of recall each review is given by ``parameters``, from the answers before it."""
    import fsrs_rs_python as rs

    model = rs.FSRS(list(parameters))
    histories = list({id(p.history): p.history for p in points}.values())
    cards = [
        rs.FSRSItem([rs.FSRSReview(r, g) for r, g in zip(h.ratings, h.gaps, strict=True)])
        for h in histories
    ]
    states = dict(zip(map(id, histories), model.historical_memory_state_batch(cards), strict=True))
    decay = -float(list(parameters)[20]) if len(parameters) > 20 else -0.5
    factor = 0.9 ** (1 / decay) - 1
    chances = []
    for p in points:
        stability = states[id(p.history)][p.index - 1].stability
        chances.append((p.history.gaps[p.index] / stability * factor + 1) ** decay)
    return chances


def metrics(chances: Sequence[float], points: Sequence[_Point]) -> Metrics:
    """Log loss and binned RMSE of these chances of recall, as fsrs-rs computes them."""
    loss = 0.0
    bins: dict[tuple[int, int, int], list[float]] = {}
    for chance, point in zip(chances, points, strict=True):
        p = min(max(chance, EPSILON), 1 - EPSILON)
        y = 1.0 if point.recalled else 0.0
        loss -= y * math.log(p) + (1 - y) * math.log(1 - p)
        cell = bins.setdefault(point.bin, [0.0, 0.0, 0.0])
        cell[0] += chance
        cell[1] += y
        cell[2] += 1
    squares = sum((c[0] / c[2] - c[1] / c[2]) ** 2 * c[2] for c in bins.values())
    return Metrics(loss / len(points), math.sqrt(squares / len(points)))


def _evaluate(parameters: Sequence[float], points: Sequence[_Point]) -> Evaluation:
    chances = predictions(parameters, points)
    later = len(points) // SPLIT_PARTS
    tested = metrics(chances[later:], points[later:]) if later else None
    return Evaluation(metrics(chances, points), tested)


def _split(points: Sequence[_Point], items: list[fsrs_rs_python.FSRSItem]) -> Metrics | None:
    """Parameters fitted to the earlier parts of the history, tested on the part after each
    (fsrs-rs's time-series split, five folds): what a fit can be expected to do next."""
    import fsrs_rs_python as rs

    if len(points) // SPLIT_PARTS == 0:
        return None
    found = rs.evaluate_with_time_series_splits(items)
    return Metrics(float(found.log_loss), float(found.rmse_bins))


def fit(
    histories: Sequence[CardHistory],
    current: Sequence[float],
    *,
    minimum: int = MIN_REVIEWS,
) -> Fit:
    """Fit FSRS-6's parameters to these answers and judge them against ``current``.

    The fitted parameters are better only when their log loss on the whole history is lower
    than the current ones' (Anki's rule; fsrs-rs pulls a fit towards the defaults, so a fit to
    few answers does not beat the parameters that truly describe them). The time-series split
    is shown beside it: on little data its first folds, fitted to a sixth of the history, judge
    too harshly to decide by. Raises ValueError when fsrs-rs cannot read the answers."""
    import fsrs_rs_python as rs

    points = _points(histories)
    used = [h for h in histories if len(h.ratings) > 1]
    size = (sum(len(h.ratings) for h in used), len(used), len(points))
    if len(points) < max(minimum, 1):
        return Fit(*size, verdict="too-few", minimum=minimum)
    items = _items(points)
    raw = rs.FSRS([]).compute_parameters(items)
    fitted = tuple(round(float(w), DECIMALS) for w in raw)
    before = _evaluate(current, points)
    split = _split(points, items)
    after = _evaluate(fitted, points)
    after = Evaluation(after.whole, split if split is not None else after.later)
    result = Fit(*size, "not-better", before, after, fitted, minimum)
    if not _usable(fitted):
        return Fit(*size, "refused", before, after, fitted, minimum)
    if after.whole.log_loss < before.whole.log_loss:
        return Fit(*size, "better", before, after, fitted, minimum)
    return result


def _usable(parameters: tuple[float, ...]) -> bool:
    """Whether the ``fsrs`` scheduler takes these parameters (its bounds, as fsrs-rs's)."""
    try:
        SchedulerSettings(parameters).scheduler  # noqa: B018 - fsrs checks them when it is built
    except (ValueError, TypeError, OverflowError):
        return False
    return all(math.isfinite(w) for w in parameters)


#: The retentions the simulator's figures are shown for, beside its suggestion.
SHOWN_RETENTIONS = (0.8, 0.85, 0.9, 0.95)
#: A year of study, as Anki's simulator runs it.
SIMULATED_DAYS = 365
#: Answers needed before the simulator takes the student's own shares of ratings.
OWN_RATINGS = 50


@dataclass(frozen=True)
class Simulated:
    """A year of study at one desired retention: minutes a day, and cards remembered at its end."""

    retention: float
    minutes_per_day: float
    remembered: float

    def to_dict(self) -> dict[str, float]:
        return {
            "retention": self.retention,
            "minutes_per_day": round(self.minutes_per_day, 2),
            "remembered": round(self.remembered, 1),
        }


@dataclass(frozen=True)
class Retention:
    """The desired retention with the least study time per card remembered, in fsrs-rs's
    simulation of a year of these cards at these limits, and the figures at a few others."""

    suggested: float
    simulated: tuple[Simulated, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"suggested": self.suggested, "simulated": [s.to_dict() for s in self.simulated]}


def suggest_retention(
    parameters: Sequence[float],
    histories: Sequence[CardHistory],
    settings: SchedulerSettings,
    *,
    cards: int,
    new_per_day: int,
    reviews_per_day: int,
) -> Retention:
    """fsrs-rs's optimal retention for ``cards`` cards studied at these daily limits, with the
    student's own shares of ratings (once there are enough answers) and Anki's measured costs."""
    import fsrs_rs_python as rs

    config = rs.default_simulator_config()
    config.deck_size = max(cards, 1)
    config.learn_span = SIMULATED_DAYS
    config.learn_limit = new_per_day
    config.review_limit = reviews_per_day
    config.max_ivl = float(settings.maximum_interval)
    config.learning_step_count = len(settings.learning_steps)
    config.relearning_step_count = len(settings.relearning_steps)
    first = [h.ratings[0] for h in histories]
    later = [r for h in histories for r in h.ratings[1:] if r > AGAIN]
    if len(first) >= OWN_RATINGS:
        config.first_rating_prob = _shares(first, (1, 2, 3, 4))
    if len(later) >= OWN_RATINGS:
        config.review_rating_prob = _shares(later, (2, 3, 4))
    w = list(parameters)
    best = round(float(rs.optimal_retention(config, w)), 2)
    shown = sorted({*SHOWN_RETENTIONS, best})
    return Retention(best, tuple(_simulate(rs, config, w, r) for r in shown))


def _shares(ratings: Sequence[int], values: tuple[int, ...]) -> list[float]:
    """Each rating's share, one answer added to each so that none is impossible."""
    counts = [sum(1 for r in ratings if r == v) + 1 for v in values]
    return [c / sum(counts) for c in counts]


def _simulate(rs: Any, config: Any, parameters: list[float], retention: float) -> Simulated:
    run = rs.simulate(parameters, retention, config, 0)
    days = max(len(run.cost_per_day), 1)
    remembered = run.memorized_cnt_per_day[-1] if run.memorized_cnt_per_day else 0.0
    return Simulated(retention, sum(run.cost_per_day) / days / 60, float(remembered))
