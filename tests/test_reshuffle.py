"""A card asked again later in a session is shuffled again (choice, select-all, match, order);
a retry, a hint or an undo of the same asking shows it as it was (issue 24, item 8)."""

from __future__ import annotations

import random
from datetime import datetime, timezone
from pathlib import Path

import pytest

from helpers.answers import right_answer, wrong_answer
from helpers.decks import cards_by_id
from tiesquiz.clock import Clock
from tiesquiz.deck.model import Card
from tiesquiz.progress import ProgressStore
from tiesquiz.scheduling import Limits
from tiesquiz.session import CardView, QuizSession, StudySession, make_view
from tiesquiz.session.types import Question

CARDS = cards_by_id()
NOW = datetime(2026, 11, 28, 9, tzinfo=timezone.utc)
CLOCK = Clock(fixed=NOW, tz=timezone.utc)
SHUFFLED = ("choice", "multi", "order", "match")


def seed_with_a_new_order(card: Card) -> tuple[int, CardView, CardView]:
    """A seed whose session shows ``card`` one way, then (its next draw) another."""
    for seed in range(100):
        rng = random.Random(seed)
        first, second = make_view(card, rng), make_view(card, rng)
        if first != second:
            return seed, first, second
    raise AssertionError("no seed shuffles the card two ways")


def asked(session: StudySession | QuizSession) -> Question:
    question = session.current()
    assert question is not None
    return question


@pytest.mark.parametrize("kind", SHUFFLED)
def test_a_card_back_for_its_learning_step_is_shuffled_again(state: Path, kind: str) -> None:
    card = CARDS[kind]
    seed, first, second = seed_with_a_new_order(card)
    session = StudySession(ProgressStore.open(state), [card], CLOCK, Limits(), random.Random(seed))
    assert asked(session).view == first
    result = session.answer(wrong_answer(first))
    assert result.comes_back  # Again: it comes back in this session
    again = asked(session)
    assert again.card is card and again.view == second != first


@pytest.mark.parametrize("kind", SHUFFLED)
def test_a_card_skipped_in_a_quiz_comes_back_at_the_end_shuffled_again(
    state: Path, kind: str
) -> None:
    card, other = CARDS[kind], CARDS["tf"]
    for seed in range(100):  # a seed that asks this card first, and shuffles it two ways
        rng = random.Random(seed)
        order = rng.sample([card, other], 2)  # the quiz draws its sample, then each view
        first, second, again = make_view(card, rng), make_view(other, rng), make_view(card, rng)
        if order[0] is card and again != first:
            break
    quiz = QuizSession(ProgressStore.open(state), [card, other], CLOCK, None, random.Random(seed))
    assert asked(quiz).view == first
    assert quiz.skip()  # put off to the end
    assert asked(quiz).view == second
    quiz.answer(right_answer(second))
    back = asked(quiz)
    assert back.card is card and back.number == 1 and back.view == again != first


def test_a_hint_and_a_retry_ask_the_same_way(state: Path) -> None:
    card = CARDS["choice"]
    seed, first, _ = seed_with_a_new_order(card)
    session = StudySession(ProgressStore.open(state), [card], CLOCK, Limits(), random.Random(seed))
    assert asked(session).view == first
    session.hint()
    assert asked(session).view == first and asked(session).again


def test_an_undo_asks_the_card_as_it_was_answered_and_the_one_on_screen_as_shown(
    state: Path,
) -> None:
    choice, multi = CARDS["choice"], CARDS["multi"]
    session = StudySession(
        ProgressStore.open(state), [choice, multi], CLOCK, Limits(), random.Random(4)
    )
    shown_choice = asked(session).view
    session.answer(right_answer(shown_choice))
    shown_multi = asked(session).view
    assert shown_multi.card is multi
    assert session.undo() is choice
    assert asked(session).view == shown_choice  # taken back: asked as it was answered
    session.answer(right_answer(shown_choice))
    assert asked(session).view == shown_multi  # it was on screen, not answered: as it was


def test_undo_when_the_card_is_back_shows_the_asking_it_takes_back(state: Path) -> None:
    card = CARDS["order"]
    seed, first, second = seed_with_a_new_order(card)
    session = StudySession(ProgressStore.open(state), [card], CLOCK, Limits(), random.Random(seed))
    session.answer(wrong_answer(asked(session).view))
    assert asked(session).view == second  # back for its learning step, shuffled again
    assert session.undo() is card
    assert asked(session).view == first  # the wrong answer taken back: asked as it was
