"""FSRS-6 through the ``fsrs`` library: pure functions over plain card states.

A card's state is stored as a :class:`~tiesquiz.progress.model.CardState` dict (what the progress
file holds). fsrs ``Card`` objects are built only for the card being reviewed, so loading 50,000
states stays cheap; times are stored in one fixed ISO form (:func:`tiesquiz.clock.iso`).
"""

from __future__ import annotations

import random
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from tiesquiz.clock import UTC, iso, parse_iso
from tiesquiz.progress.model import AGAIN, EASY, GOOD, HARD, CardState, SchedulerSettings

if TYPE_CHECKING:
    import fsrs

__all__ = ["AGAIN", "EASY", "GOOD", "HARD"]


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


def fuzz_seed(key: str, prior: CardState | None) -> str:
    """The seed of a card's interval fuzz: the card, and how far it has got.

    As Anki seeds it from the card's id and its number of reviews, the seed changes with each
    review of the card and only then: the intervals shown on the rating buttons are the ones the
    rating gives, however long the student takes to press one. The card's last review stands for
    its count of reviews (it moves with every review, and a reset card starts again as new).
    """
    return f"{key}@{prior['last_review'] if prior and prior['last_review'] else 'new'}"


def review(
    state: CardState | None,
    rating: int,
    now: datetime,
    settings: SchedulerSettings,
    *,
    seed: object = None,
) -> CardState:
    """The card's next state after ``rating`` at ``now``. Pure: same inputs, same output.

    The fuzz seed defaults to the review time, so replaying a history gives the same schedule;
    a session passes :func:`fuzz_seed`.
    """
    import fsrs

    now = now.astimezone(UTC)
    card = to_fsrs(state, now)
    with _seeded_fuzz(seed if seed is not None else iso(now)):
        new_card, _log = settings.scheduler.review_card(card, fsrs.Rating(rating), now)
    return from_fsrs(new_card)


def review_as_shown(
    state: CardState | None,
    rating: int,
    shown: datetime,
    now: datetime,
    settings: SchedulerSettings,
    *,
    seed: object,
) -> CardState:
    """The state ``rating`` gives at ``now`` when its interval was shown at ``shown``: the state
    fsrs gave at ``shown``, counted from ``now``. So the interval is the one shown, even when the
    answer crosses the day boundary fsrs counts elapsed days by (Anki, too, keeps the states its
    buttons showed)."""
    after = review(state, rating, shown, settings, seed=seed)
    moved: timedelta = now.astimezone(UTC) - shown.astimezone(UTC)
    return {
        **after,
        "due": iso(parse_iso(after["due"]) + moved),
        "last_review": iso(now),
    }


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
