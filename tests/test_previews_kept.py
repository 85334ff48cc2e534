"""Previews are promises: the interval on a flashcard's rating button is the interval that rating
gives (issue 24, item 2). The fuzz is drawn from the card and how far it has got, as Anki seeds it
from the card id and its number of reviews, so the preview and the answer draw the same."""

from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from helpers.reviews import record_review
from tiesquiz.clock import Clock, iso, parse_iso
from tiesquiz.deck.model import FlashCard
from tiesquiz.progress import CardState, ProgressStore
from tiesquiz.scheduling import (
    AGAIN,
    EASY,
    GOOD,
    HARD,
    REVIEW,
    Limits,
    fuzz_seed,
    review,
)
from tiesquiz.session import Answer, StudySession

NOW = datetime(2026, 11, 28, 9, tzinfo=timezone.utc)
RATINGS = (AGAIN, HARD, GOOD, EASY)
CARDS = [
    FlashCard(deck="d", id=f"c{i}", question=f"Front {i}", answer=f"Back {i}") for i in range(200)
]
ROOM = Limits(new_per_day=1000, reviews_per_day=10_000)


class Manual(Clock):
    """A clock the test moves."""

    def __init__(self, at: datetime) -> None:
        super().__init__(tz=timezone.utc)
        object.__setattr__(self, "at", at)

    def now(self) -> datetime:
        return self.at  # type: ignore[attr-defined, no-any-return]

    def move(self, by: timedelta) -> None:
        object.__setattr__(self, "at", self.now() + by)


def days_old(state: CardState | None, at: datetime) -> int | None:
    """Whole days since the card's last review, as fsrs counts them."""
    if state is None or not state["last_review"]:
        return None
    return (at - parse_iso(state["last_review"])).days


@pytest.mark.slow
def test_over_200_cards_every_rating_gives_the_interval_its_button_showed(state: Path) -> None:
    """Each card, new, learning or in review (several days of study), is answered with every
    rating in turn (each taken back with undo), the student taking up to a minute and a half to
    press the key: the card comes back exactly as long after the answer as the button said, and
    the buttons, drawn again, say the same (the fuzz does not move with the clock)."""
    clock = Manual(NOW)
    pace = random.Random(24)
    checked: dict[tuple[str, int], int] = {}
    broken: list[str] = []
    with ProgressStore.open(state) as store:
        for day in (0, 1, 3, 7, 15, 30):
            clock.move(NOW + timedelta(days=day) - clock.now())
            session = StudySession(store, CARDS, clock, ROOM, random.Random(day))
            while (question := session.current()) is not None:
                state_now = store.progress.cards.get(question.card.key)
                kind = "new" if state_now is None else str(state_now["state"])
                shown, age = question.previews, days_old(state_now, clock.now())
                for rating in RATINGS:
                    # Drawn again (after an undo, a hint, h), the buttons say the same, unless
                    # the card has meanwhile turned a day older (fsrs counts whole days).
                    if days_old(state_now, clock.now()) == age:
                        assert question.previews == shown, question.card.id
                    promised = dict(question.previews)[rating]
                    clock.move(timedelta(seconds=pace.randint(1, 90)))
                    result = session.answer(Answer(rating, str(rating)))
                    assert result.due is not None
                    if result.due - clock.now() != promised:
                        broken.append(f"{question.card.id} {kind} {rating}: {promised}")
                    checked[kind, rating] = checked.get((kind, rating), 0) + 1
                    assert session.undo() is question.card
                    question = session.current()
                    assert question is not None
                clock.move(timedelta(seconds=pace.randint(1, 30)))
                session.answer(Answer(pace.choice((HARD, GOOD, GOOD, EASY)), "final"))
    assert not broken, f"{len(broken)} intervals not as shown: {broken[:5]}"
    assert all(checked.get(("new", r), 0) == 200 for r in RATINGS)
    reviewed = sum(n for (kind, _), n in checked.items() if kind == str(REVIEW))
    assert reviewed >= 4 * 200  # cards in review, where the fuzz applies, were asked too


def test_the_interval_shown_holds_across_the_day_fsrs_counts_elapsed_days_by(state: Path) -> None:
    """fsrs counts whole days since the last review: a key pressed a few seconds after the card
    turns a day older would give another interval, unless the one shown is kept."""
    card = FlashCard(deck="d", id="edge", question="Q", answer="A")
    last = NOW - timedelta(days=30)
    with ProgressStore.open(state) as store:
        record_review(store, card.key, GOOD, last - timedelta(days=10))
        record_review(store, card.key, EASY, last)
        prior = store.progress.cards[card.key]
        assert prior["state"] == REVIEW and prior["last_review"] == iso(last)

        def interval(at: datetime) -> timedelta:
            after = review(
                prior, GOOD, at, store.progress.scheduler, seed=fuzz_seed(card.key, prior)
            )
            return parse_iso(after["due"]) - at

        # The first moment, once the card is due, it turns a whole day older and a key pressed
        # just after it would have given another interval.
        days = (parse_iso(prior["due"]) - last).days + 1
        while interval(last + timedelta(days=days, seconds=-5)) == interval(
            last + timedelta(days=days, seconds=5)
        ):
            days += 1
        before, after = (
            last + timedelta(days=days, seconds=-5),
            last + timedelta(days=days, seconds=5),
        )
        clock = Manual(before)
        session = StudySession(store, [card], clock, ROOM, random.Random(1))
        question = session.current()
        assert question is not None
        promised = dict(question.previews)[GOOD]
        assert promised == interval(before)
        clock.move(after - before)
        result = session.answer(Answer(GOOD, "Good"))
    assert result.due is not None and result.due - after == promised
