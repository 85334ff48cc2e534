"""Quiz keys either work or say why (issue 24, item 5): no undo and no hint in an exam, said when
pressed; skip puts the question off to the end, once, and says so; one key table per mode
(study, quiz, plain), shown by h or :h."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path

import pytest
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from helpers.answers import right_answer, right_lines
from helpers.decks import cards_by_id
from tiesquiz.clock import Clock
from tiesquiz.deck.model import Card
from tiesquiz.progress import ProgressStore
from tiesquiz.scheduling import Limits
from tiesquiz.session import QuizSession, StudySession
from tiesquiz.ui.frontend import KEY_TABLES, key_lines
from tiesquiz.ui.output import Out
from tiesquiz.ui.plain import PlainFrontend
from tiesquiz.ui.run import run_quiz, run_study
from tiesquiz.ui.terminal import TerminalFrontend

CARDS = cards_by_id()
NOW = datetime(2026, 11, 28, 9, tzinfo=timezone.utc)
CLOCK = Clock(fixed=NOW, tz=timezone.utc)


def quiz(state: Path, *ids: str, seed: int = 1) -> QuizSession:
    cards = [CARDS[i] for i in ids]
    return QuizSession(ProgressStore.open(state), cards, CLOCK, None, random.Random(seed))


def in_order(state: Path, *ids: str) -> tuple[QuizSession, list[Card]]:
    """A quiz that asks ``ids`` in this order (the seed that samples them so)."""
    for seed in range(200):
        session = quiz(state, *ids, seed=seed)
        if [c.id for c in session.questions] == list(ids):
            return session, session.questions
    raise AssertionError("no seed asks them in this order")


def numbers(session: QuizSession) -> Iterator[int]:
    while (question := session.current()) is not None:
        yield question.number


def test_skip_puts_the_question_off_to_the_end_once(state: Path) -> None:
    session, (first, second, third) = in_order(state, "tf", "choice", "typed")
    asked = session.current()
    assert asked is not None and asked.number == 1
    assert session.skip() is True  # put off: it comes back at the end
    for card in (second, third):
        question = session.current()
        assert question is not None and question.card is card
        session.answer(right_answer(question.view))
    back = session.current()
    assert back is not None and back.card is first and back.number == 1  # its number stays
    assert session.skip() is False  # skipped again: left unanswered
    assert session.current() is None
    assert [(i.card.id, i.status) for i in session.items] == [
        ("tf", "skipped"),
        ("choice", "answered"),
        ("typed", "answered"),
    ]
    assert session.score == 2


def test_skipping_the_last_question_left_leaves_it(state: Path) -> None:
    session, _ = in_order(state, "tf")
    assert session.current() is not None
    assert session.skip() is False
    assert session.current() is None and [i.status for i in session.items] == ["skipped"]


def test_quitting_keeps_a_question_put_off_as_skipped_and_shows_none_never_asked(
    state: Path,
) -> None:
    session, _ = in_order(state, "tf", "choice", "typed")
    assert session.current() is not None
    session.skip()
    assert session.current() is not None  # choice on screen: never answered
    session.quit()
    assert [(i.card.id, i.status) for i in session.items] == [
        ("tf", "skipped"),  # shown, and skipped
        ("choice", "unasked"),
        ("typed", "unasked"),
    ]


@pytest.fixture
def printed() -> list[str]:
    return []


@pytest.fixture
def terminal(printed: list[str]) -> Iterator[tuple[TerminalFrontend, object]]:
    with create_pipe_input() as pipe:
        yield (
            TerminalFrontend(Out(printed.append, width=60), input=pipe, output=DummyOutput()),
            pipe,
        )


def test_every_key_in_a_quiz_works_or_says_why(terminal, printed: list[str], state: Path) -> None:  # type: ignore[no-untyped-def]
    """In the terminal: u and ? are refused with a reason, h shows the quiz's keys, s puts the
    question off to the end and says so; the question is then answered when it comes back."""
    frontend, pipe = terminal
    session, (tf, typed) = in_order(state, "tf", "typed")
    truth = "t" if tf.answer else "f"  # type: ignore[attr-defined]
    pipe.send_text("u" + "?" + "h" + "s" + typed.answer + "\r" + truth)  # type: ignore[attr-defined]
    with session.store:
        items = run_quiz(session, frontend)
    text = "\n".join(printed)
    assert "A quiz answer cannot be taken back." in text
    assert "No hints in a quiz." in text
    assert text.count("Keys in a quiz:") == 2  # at the start, and on h
    assert "Skipped: it comes back at the end." in text
    assert [(i.card.id, i.status, i.correct) for i in items] == [
        ("tf", "answered", True),
        ("typed", "answered", True),
    ]
    assert "Score: 2 / 2" in text


def test_plain_skip_says_where_the_question_went(state: Path) -> None:
    session, _ = in_order(state, "tf", "choice")
    lines = iter([":s", ":s", ":s"])
    printed: list[str] = []
    with session.store:
        items = run_quiz(session, PlainFrontend(Out(printed.append), lambda: next(lines, None)))
    text = "\n".join(printed)
    assert "Skipped: it comes back at the end." in text
    assert "Skipped: left unanswered; it scores 0." in text  # the second skip of tf
    assert [(i.card.id, i.status) for i in items] == [("tf", "skipped"), ("choice", "skipped")]


@pytest.mark.parametrize("width", [40, 60, 120])
def test_one_key_table_per_mode_fits_the_terminal(width: int) -> None:
    tables = {mode: key_lines(mode, width) for mode in KEY_TABLES}
    assert len({lines[0] for lines in tables.values()}) == 3  # three tables, three titles
    for mode, lines in tables.items():
        long = [line for line in lines for part in line.split("\n") if len(part) > width]
        assert not long, (mode, long)
    study, exam, plain = (" ".join(" ".join(tables[m]).split()) for m in ("study", "quiz", "plain"))
    assert "take back the last answer" in study and "comes back at the end" in exam
    assert "no taking an answer back" in exam and ":h" in plain


def test_h_shows_the_study_table_and_colon_h_the_plain_one(state: Path) -> None:
    """Study in the terminal shows the study keys on h; plain mode its own on :h."""
    card = CARDS["tf"]
    printed: list[str] = []
    with create_pipe_input() as pipe:
        frontend = TerminalFrontend(Out(printed.append), input=pipe, output=DummyOutput())
        pipe.send_text("h" + "q")
        session = StudySession(ProgressStore.open(state), [card], CLOCK, Limits(), random.Random(1))
        with session.store:
            run_study(session, frontend, CLOCK)
    assert "\n".join(printed).count("Keys in study:") == 2
    printed.clear()
    session, _ = in_order(state, "tf")
    lines = iter([":h", *right_lines(session.current().view)])  # type: ignore[union-attr]
    with session.store:
        run_quiz(session, PlainFrontend(Out(printed.append), lambda: next(lines, None)))
    assert "\n".join(printed).count("One reply a line:") == 2
