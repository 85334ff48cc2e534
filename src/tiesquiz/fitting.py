"""What ``tiesquiz optimize`` does: FSRS-6's parameters fitted to the student's own answers,
kept only when they predict those answers better, and the reminder study gives when the answers
have doubled since. Plain data out; the words are :mod:`tiesquiz.ui.optimize_view`'s.

The parameters are kept where ``tiesquiz settings`` keeps the scheduler (a ``scheduler`` event in
the history), so every schedule made from then on, in study, its previews and toward an exam,
uses them.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, Literal

from tiesquiz.clock import Clock, iso, parse_iso
from tiesquiz.errors import TiesquizError
from tiesquiz.progress import SchedulerSettings
from tiesquiz.scheduling.optimize import (
    MIN_REVIEWS,
    CardHistory,
    Evaluation,
    Fit,
    Metrics,
    Retention,
    card_histories,
    fit,
    suggest_retention,
)

if TYPE_CHECKING:
    from tiesquiz.progress import ProgressStore

__all__ = [
    "MIN_REVIEWS",
    "Evaluation",
    "Fit",
    "Metrics",
    "Optimized",
    "Reminder",
    "Retention",
    "Source",
    "optimize",
    "refit_reminder",
    "source",
]

#: Where the parameters in use came from.
Origin = Literal["default", "fitted", "other"]

NEEDS_FITTER = (
    "tiesquiz optimize needs the fsrs-rs-python package, which is not installed: "
    "python -m pip install fsrs-rs-python"
)


@dataclass(frozen=True)
class Source:
    """Where the parameters in use came from: fsrs' defaults, a fit (on the local day it was
    made, from that many answers), or elsewhere (a hand edit, another tool)."""

    origin: Origin
    fitted_on: date | None = None
    answers: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "origin": self.origin,
            "fitted_on": self.fitted_on.isoformat() if self.fitted_on else None,
            "answers": self.answers if self.origin == "fitted" else None,
        }


def source(settings: SchedulerSettings, clock: Clock) -> Source:
    """Where ``settings``' parameters came from."""
    if settings.fitted_at is not None:
        return Source("fitted", _local_day(settings.fitted_at, clock), settings.fitted_answers)
    if settings.parameters == SchedulerSettings.defaults().parameters:
        return Source("default")
    return Source("other")


def _local_day(text: str, clock: Clock) -> date | None:
    try:
        return clock.local(parse_iso(text)).date()
    except ValueError:
        return None  # a hand-edited time: the fit is still the source, on an unknown day


@dataclass(frozen=True)
class Optimized:
    """What ``tiesquiz optimize`` found and did."""

    fit: Fit
    #: Where the parameters came from before this run.
    before: Source
    #: The fitted parameters now schedule the cards (never with ``dry_run``).
    kept: bool
    dry_run: bool
    #: When the kept parameters were recorded as fitted (UTC).
    fitted_at: str | None = None
    #: The simulator's desired retention, when asked for.
    retention: Retention | None = None

    def to_dict(self) -> dict[str, Any]:
        f = self.fit
        return {
            "answers": f.answers,
            "cards": f.cards,
            "reviews": f.reviews,
            "reviews_needed": f.needed,
            "verdict": f.verdict,
            "kept": self.kept,
            "dry_run": self.dry_run,
            "fitted_at": self.fitted_at,
            "before": self.before.to_dict(),
            "current": f.current.to_dict() if f.current else None,
            "fitted": f.fitted.to_dict() if f.fitted else None,
            "parameters": list(f.parameters) if f.parameters else None,
            "retention": self.retention.to_dict() if self.retention else None,
        }


def optimize(
    store: ProgressStore,
    clock: Clock,
    *,
    dry_run: bool = False,
    retention: bool = False,
    minimum: int = MIN_REVIEWS,
) -> Optimized:
    """Fit the parameters to every study answer in ``store``'s history and keep them when they
    are better (not with ``dry_run``), recording when and from how many answers; with
    ``retention``, also ask the simulator for a desired retention."""
    settings = store.progress.scheduler
    histories = card_histories(store.history(), clock)
    result = _fit(histories, settings.parameters, minimum)
    before = source(settings, clock)
    advice = (
        _retention(store, histories, result) if retention and result.verdict != "too-few" else None
    )
    if not result.better or dry_run or result.parameters is None:
        return Optimized(result, before, False, dry_run, retention=advice)
    now = iso(clock.now())
    store.set_scheduler(
        replace(
            settings,
            parameters=result.parameters,
            fitted_at=now,
            fitted_answers=result.answers,
        )
    )
    return Optimized(result, before, True, dry_run, now, advice)


def _fit(histories: list[CardHistory], current: tuple[float, ...], minimum: int) -> Fit:
    try:
        return fit(histories, current, minimum=minimum)
    except ImportError:
        raise TiesquizError(NEEDS_FITTER) from None
    except ValueError as exc:
        raise TiesquizError(
            f"fsrs-rs could not fit your answers ({str(exc).splitlines()[0]}); your parameters "
            "stay as they are"
        ) from None


def _retention(store: ProgressStore, histories: list[CardHistory], result: Fit) -> Retention:
    progress = store.progress
    settings = progress.scheduler
    parameters = result.parameters if result.better and result.parameters else settings.parameters
    try:
        return suggest_retention(
            parameters,
            histories,
            settings,
            cards=len(progress.cards),
            new_per_day=progress.limits.new_per_day,
            reviews_per_day=progress.limits.reviews_per_day,
        )
    except ImportError:
        raise TiesquizError(NEEDS_FITTER) from None


@dataclass(frozen=True)
class Reminder:
    """The answers have doubled since the parameters were fitted: from ``then`` to ``now``."""

    then: int
    now: int
    fitted_on: date | None


def refit_reminder(store: ProgressStore, clock: Clock, started: datetime) -> Reminder | None:
    """The reminder a study session that began at ``started`` gives at its end: once, in the
    session in which the answers (as ``optimize`` counts them) reach twice those the parameters
    were fitted from. Reads the whole history, and only after a fit and a session with answers."""
    settings = store.progress.scheduler
    if settings.fitted_at is None or settings.fitted_answers <= 0:
        return None
    since = iso(started)
    if not any(r.time >= since and r.mode == "study" for r in store.progress.reviews):
        return None
    histories = card_histories(store.history(), clock)
    before, after = _answers(histories, until=since), _answers(histories)
    if before < 2 * settings.fitted_answers <= after:
        return Reminder(settings.fitted_answers, after, _local_day(settings.fitted_at, clock))
    return None


def _answers(histories: list[CardHistory], until: str | None = None) -> int:
    """The answers a fit would use (a card's first of each day, cards answered on two days or
    more), counting only those given before ``until`` when it is set."""
    total = 0
    for h in histories:
        kept = len(h.times) if until is None else sum(1 for t in h.times if t < until)
        total += kept if kept > 1 else 0
    return total
