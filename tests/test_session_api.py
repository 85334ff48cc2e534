"""The use cases driven from Python alone, as a library user would: no terminal, no front end.

A reply goes in, a result comes out; grading, the retry and hint policy, scheduling and saving
all happen behind the session.
"""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from helpers.answers import right_answer, wrong_answer
from helpers.decks import cards_by_id, fixture_deck
from tiesquiz.clock import Clock
from tiesquiz.progress import ProgressStore
from tiesquiz.scheduling import AGAIN, GOOD, HARD, Limits
from tiesquiz.session import Answer, QuizSession, StudySession

NOW = datetime(2026, 11, 28, 9, tzinfo=timezone.utc)
CLOCK = Clock(fixed=NOW, tz=timezone.utc)
DECK = fixture_deck()
CARDS = cards_by_id()


class Ticking(Clock):
    """A clock that reads the given minutes after NOW, one per look, then stays at the last."""

    def __init__(self, minutes: tuple[int, ...]) -> None:
        super().__init__(tz=timezone.utc)
        object.__setattr__(self, "_times", iter(minutes))
        object.__setattr__(self, "_last", minutes[-1])

    def now(self) -> datetime:
        return NOW + timedelta(minutes=next(self._times, self._last))  # type: ignore[attr-defined]


def ticking(*minutes: int) -> Clock:
    return Ticking(minutes)


def study(state: Path, *ids: str, clock: Clock = CLOCK, **options: object) -> StudySession:
    cards = [CARDS[i] for i in ids] if ids else list(DECK.cards)
    return StudySession(
        ProgressStore.open(state), cards, clock, Limits(), random.Random(3), **options
    )  # type: ignore[arg-type]


def test_a_whole_study_session_from_python(state: Path) -> None:
    session = study(state)
    asked = []
    while (question := session.current()) is not None:
        assert question.mode == "study" and question.total is None and not question.again
        result = session.answer(right_answer(question.view))
        assert result.correct and not result.retry and result.rating == GOOD
        assert result.due is not None and result.comes_back == (question.card.id not in asked)
        asked.append(question.card.id)
    session.store.close()
    # New cards in deck order; each comes back once for its second learning step (10 minutes,
    # within the 20 minutes a session looks ahead when nothing else is left).
    assert asked[:8] == list(CARDS) and sorted(asked[8:]) == sorted(CARDS)
    summary = session.summary()
    assert (summary.studied, summary.right, summary.wrong) == (16, 16, 0)
    reopened = ProgressStore.open(state).progress
    assert [r.card.split("/")[1] for r in reopened.reviews] == asked
    assert [r.new for r in reopened.reviews] == [True] * 8 + [False] * 8
    assert all(r.mode == "study" for r in reopened.reviews)
    assert {s["state"] for s in reopened.cards.values()} == {2}  # all in review now


def test_typed_and_cloze_get_one_retry_and_a_right_retry_is_hard(state: Path) -> None:
    session = study(state, "typed", "cloze")
    first = session.current()
    assert first is not None and first.card.id == "typed"
    retry = session.answer(Answer("12", "12"))
    assert retry.retry and not retry.correct and retry.rating is None
    assert session.store.progress.reviews == []  # nothing recorded before the retry
    again = session.current()
    assert again is not None and again.retry and again.again and again.card.id == "typed"
    assert session.answer(Answer("70,000", "70,000")).rating == HARD
    cloze = session.current()
    assert cloze is not None and cloze.card.id == "cloze"
    assert session.answer(wrong_answer(cloze.view)).retry
    final = session.answer(wrong_answer(cloze.view))
    assert not final.retry and final.rating == AGAIN
    assert [r.rating for r in session.store.progress.reviews] == [HARD, AGAIN]


def test_other_types_are_recorded_at_once_when_wrong(state: Path) -> None:
    session = study(state, "choice")
    question = session.current()
    assert question is not None
    result = session.answer(wrong_answer(question.view))
    assert not result.retry and result.rating == AGAIN and result.comes_back
    assert session.summary().learning_later == 1  # it comes back later today
    assert [r.correct for r in session.store.progress.reviews] == [False]


def test_a_hint_makes_a_right_answer_hard_and_a_card_without_one_is_unchanged(state: Path) -> None:
    session = study(state, "choice", "tf")
    question = session.current()
    assert question is not None and question.card.id == "choice"
    assert session.hint() == "Starts with Q."
    hinted = session.current()
    assert hinted is not None and hinted.again  # asked again: the front end need not redraw it
    result = session.answer(right_answer(question.view))
    assert result.hinted and result.rating == HARD
    question = session.current()
    assert question is not None and question.card.id == "tf"
    assert session.hint() == ""
    assert session.answer(right_answer(question.view)).rating == GOOD


def test_skip_sets_the_card_aside_until_nothing_else_is_left(state: Path) -> None:
    session = study(state, "choice", "tf", "typed")
    session.skip()
    order = []
    while (question := session.current()) is not None:
        order.append(question.card.id)
        session.answer(right_answer(question.view))
    # The learning steps of tf and typed (due within 20 minutes) come before the skipped card.
    assert order == ["tf", "typed", "tf", "typed", "choice", "choice"]
    assert session.summary().skipped == 1
    assert [r.card.split("/")[1] for r in session.store.progress.reviews] == order


def test_skipping_a_learning_card_does_not_show_it_again_at_once(state: Path) -> None:
    session = study(state, "tf", "typed")
    for _ in range(2):  # both new cards answered: both are now in a learning step
        question = session.current()
        assert question is not None
        session.answer(right_answer(question.view))
    first = session.current()
    assert first is not None and first.card.id == "tf"
    session.skip()
    after = session.current()
    assert after is not None and after.card.id == "typed"


def test_undo_restores_the_state_and_asks_the_card_again(state: Path) -> None:
    session = study(state, "choice", "tf")
    assert session.undo() is None  # nothing to undo yet
    first = session.current()
    assert first is not None
    session.answer(wrong_answer(first.view))
    on_screen = session.current()
    assert on_screen is not None and on_screen.card.id == "tf"
    assert session.undo() is CARDS["choice"]
    assert session.store.progress.cards == {} and session.store.progress.reviews == []
    again = session.current()
    assert again is not None and again.card.id == "choice" and again.view == first.view
    session.answer(right_answer(again.view))
    after = session.current()
    assert after is not None and after.card.id == "tf"  # the card that was on screen comes next


def test_a_failed_card_comes_back_in_the_same_session_once_due(state: Path) -> None:
    session = study(state, "tf", clock=ticking(0, 0, 0, 2))
    question = session.current()
    assert question is not None
    assert session.answer(wrong_answer(question.view)).comes_back
    back = session.current()
    assert back is not None and back.card.id == "tf" and back.number == 2


def test_the_limit_ends_the_session(state: Path) -> None:
    session = study(state, limit=2)
    for _ in range(2):
        question = session.current()
        assert question is not None
        session.answer(right_answer(question.view))
    assert session.current() is None and session.limit_reached
    assert session.answered == 2


def test_a_whole_quiz_from_python(state: Path) -> None:
    store = ProgressStore.open(state)
    quiz = QuizSession(store, list(DECK.cards), CLOCK, None, random.Random(1))
    assert len(quiz.questions) == 7  # flashcards only when asked for
    expected = 0.0
    while (question := quiz.current()) is not None:
        assert question.mode == "quiz" and question.total == 7
        assert question.allowed == frozenset({"skip", "quit", "flag"})  # a flag reaches the teacher
        if question.number % 2:
            result = quiz.answer(right_answer(question.view))
            expected += 1
        else:
            result = quiz.answer(wrong_answer(question.view))
        assert not result.retry
    store.close()
    assert quiz.score == expected == 4
    progress = ProgressStore.open(state).progress
    assert progress.cards == {}  # no schedule change
    assert len(progress.reviews) == 7 and {r.mode for r in progress.reviews} == {"quiz"}


def test_a_quiz_answer_is_recorded_as_a_study_answer_is(state: Path) -> None:
    """Through the same one trip: the log says whether the card was new, from the state on
    disk (studied in another terminal while the quiz was open); the schedule stays as it was."""
    quiz = QuizSession(ProgressStore.open(state), [CARDS["choice"]], CLOCK, 1, random.Random(2))
    session = study(state, "choice")
    question = session.current()
    assert question is not None
    session.answer(right_answer(question.view))
    session.store.close()
    asked = quiz.current()
    assert asked is not None
    quiz.answer(right_answer(asked.view))
    quiz.store.close()
    studied, quizzed = ProgressStore.open(state).progress.reviews
    assert (studied.mode, studied.new, studied.prior_state) == ("study", True, None)
    assert (quizzed.mode, quizzed.new) == ("quiz", False)
    assert quizzed.prior_state == quiz.store.progress.cards[CARDS["choice"].key]["state"]
    assert quiz.store.progress.cards == session.store.progress.cards  # the quiz moved nothing


def test_quiz_skip_and_quit_score_zero(state: Path) -> None:
    quiz = QuizSession(ProgressStore.open(state), list(DECK.cards), CLOCK, 4, random.Random(2))
    first = quiz.current()
    assert first is not None
    quiz.answer(right_answer(first.view))
    quiz.skip()
    quiz.quit()
    assert quiz.current() is None
    assert [item.skipped for item in quiz.items] == [False, True, True, True]
    assert quiz.score == 1
    assert len(quiz.store.progress.reviews) == 1


def test_a_quiz_stops_asking_when_the_time_is_up(state: Path) -> None:
    quiz = QuizSession(
        ProgressStore.open(state),
        list(DECK.cards),
        ticking(0, 0, 1, 11),  # minutes after NOW, one per look at the clock
        3,
        random.Random(2),
        time_limit=600,
    )
    first = quiz.current()
    assert first is not None and first.time_left is not None and 0 < first.time_left <= 600
    quiz.answer(right_answer(first.view))
    assert quiz.current() is None and quiz.timed_out
    assert [item.status for item in quiz.items] == ["answered", "unasked", "unasked"]
    assert quiz.score == 1


def test_an_answer_after_the_deadline_is_kept_timed_out_and_scores_0(state: Path) -> None:
    """The question was on screen when the time ran out: it is kept with what was typed, marked
    timed-out (not unasked, which is a question never shown), and scores 0."""
    quiz = QuizSession(
        ProgressStore.open(state),
        list(DECK.cards),
        ticking(0, 0, 11),
        2,
        random.Random(2),
        time_limit=600,
    )
    first = quiz.current()
    assert first is not None
    reply = right_answer(first.view)
    result = quiz.answer(reply)
    assert result.late and quiz.timed_out and quiz.score == 0
    assert [item.status for item in quiz.items] == ["timed-out", "unasked"]
    assert quiz.items[0].answer == reply.text and quiz.items[0].card is first.card
    assert quiz.store.progress.reviews == []


def test_a_refused_command_asks_the_same_question_again(state: Path) -> None:
    quiz = QuizSession(ProgressStore.open(state), list(DECK.cards), CLOCK, 2, random.Random(2))
    first = quiz.current()
    assert first is not None and "hint" not in first.allowed
    quiz.refuse()
    again = quiz.current()
    assert again is not None and again.again and again.view == first.view


@pytest.mark.parametrize("bad", [0, 5, True, "3"])
def test_a_flashcard_rating_must_be_one_to_four(state: Path, bad: object) -> None:
    session = study(state, "flash")
    assert session.current() is not None
    with pytest.raises(ValueError, match="rating from 1 to 4"):
        session.answer(replace(Answer(3, "Good"), value=bad))


@pytest.mark.parametrize(
    ("card", "bad"),
    [("cloze", "Red Village"), ("multi", "Jews"), ("order", "First"), ("match", ["Hier"])],
)
def test_a_reply_of_the_wrong_shape_is_a_clear_type_error(
    state: Path, card: str, bad: object
) -> None:
    session = study(state, card)
    assert session.current() is not None
    with pytest.raises(TypeError, match=f"a {card} card's response"):
        session.answer(Answer(bad, str(bad)))
    assert session.store.progress.reviews == []
