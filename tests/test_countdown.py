"""The timed quiz (issue 24, item 3): the time left is redrawn at least once a second in the
terminal and said with each question in plain mode, the last minute is a warning, and at zero the
question on screen is kept as ``timed-out`` with whatever was typed, the rest as ``unasked``; the
results file and ``tiesquiz results`` tell the two apart."""

from __future__ import annotations

import itertools
import json
import random
import time
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from helpers.answers import right_answer
from helpers.decks import cards_by_id
from tiesquiz.clock import Clock
from tiesquiz.progress import ProgressStore
from tiesquiz.results import read_results, results_data, results_schema_text, write_results
from tiesquiz.results.analysis import analyse
from tiesquiz.session import QuizSession
from tiesquiz.ui import prompt_keys, terminal
from tiesquiz.ui.frontend import TimeUp, time_left_text
from tiesquiz.ui.output import Out
from tiesquiz.ui.plain import PlainFrontend
from tiesquiz.ui.run import run_quiz
from tiesquiz.ui.terminal import TerminalFrontend

CARDS = cards_by_id()
NOW = datetime(2026, 11, 28, 9, tzinfo=timezone.utc)


class Manual(Clock):
    """A clock the test moves."""

    def __init__(self) -> None:
        super().__init__(tz=timezone.utc)
        object.__setattr__(self, "at", NOW)

    def now(self) -> datetime:
        return self.at  # type: ignore[attr-defined, no-any-return]

    def move(self, seconds: float) -> None:
        object.__setattr__(self, "at", self.now() + timedelta(seconds=seconds))


class Fast(Clock):
    """A minute goes by every real second: a two-minute quiz runs down in two seconds."""

    def __init__(self) -> None:
        super().__init__(tz=timezone.utc)
        object.__setattr__(self, "start", time.monotonic())

    def now(self) -> datetime:
        return NOW + timedelta(seconds=(time.monotonic() - self.start) * 60)  # type: ignore[attr-defined]


def timed(state: Path, clock: Clock, ids: tuple[str, ...], limit: float) -> QuizSession:
    """A quiz asking ``ids`` in this order, with ``limit`` seconds."""
    cards = [CARDS[i] for i in ids]
    for seed in range(200):
        session = QuizSession(
            ProgressStore.open(state), cards, clock, None, random.Random(seed), time_limit=limit
        )
        if [c.id for c in session.questions] == list(ids):
            return session
        session.store.close()
    raise AssertionError("no seed asks them in this order")


def test_the_countdown_reads_the_sessions_clock(state: Path) -> None:
    clock = Manual()
    session = timed(state, clock, ("tf", "typed"), 90)
    question = session.current()
    assert question is not None and question.countdown is not None
    assert question.countdown.deadline == NOW + timedelta(seconds=90)
    clock.move(29.5)
    assert question.countdown.left() == 60.5
    assert time_left_text(60.5) == ("1:01 left", False)
    clock.move(0.5)
    assert time_left_text(question.countdown.left()) == ("1:00 left · last minute", True)
    clock.move(120)
    assert question.countdown.left() == 0


def test_at_zero_the_question_on_screen_is_timed_out_with_what_was_typed(state: Path) -> None:
    clock = Manual()
    session = timed(state, clock, ("tf", "choice", "typed", "order"), 120)
    assert session.current() is not None
    assert session.skip()  # tf: shown, put off
    assert session.current() is not None  # choice on screen
    clock.move(121)
    session.time_up("Qub")
    assert session.current() is None and session.timed_out and session.score == 0
    assert [(i.card.id, i.status, i.answer) for i in session.items] == [
        ("tf", "skipped", ""),
        ("choice", "timed-out", "Qub"),
        ("typed", "unasked", ""),
        ("order", "unasked", ""),
    ]
    assert [i.card.id for i in session.asked] == ["tf", "choice"]


def test_time_running_out_before_the_next_question_is_shown_leaves_it_unasked(
    state: Path,
) -> None:
    clock = Manual()
    session = timed(state, clock, ("tf", "typed"), 60)
    question = session.current()
    assert question is not None
    session.refuse()  # a refused key: the same question, still on screen
    clock.move(61)
    assert session.current() is None
    assert [i.status for i in session.items] == ["timed-out", "unasked"]


@pytest.fixture
def drawn(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[tuple[float, str, bool]]]:
    """Each countdown drawn: (real time, its words, whether a warning)."""
    seen: list[tuple[float, str, bool]] = []

    def words(seconds: float) -> tuple[str, bool]:
        text, warn = time_left_text(seconds)
        seen.append((time.monotonic(), text, warn))
        return text, warn

    monkeypatch.setattr(terminal, "time_left_text", words)
    yield seen


def test_the_terminal_redraws_the_countdown_every_second_and_keeps_what_was_typed(
    state: Path, drawn: list[tuple[float, str, bool]]
) -> None:
    """With a minute going by each real second, a 90-second quiz runs out in 1.5 s: the time left
    is redrawn all the while (well within every second), warns in its last minute, and at zero
    the typed answer is kept with its question."""
    printed: list[str] = []
    session = timed(state, Fast(), ("typed", "tf"), 90)
    with create_pipe_input() as pipe:
        frontend = TerminalFrontend(Out(printed.append), input=pipe, output=DummyOutput())
        pipe.send_text("Qub")  # typed, never sent with Enter
        with session.store:
            items = run_quiz(session, frontend)
    texts = [text for _, text, _ in drawn]
    seconds = [
        int(t.split()[0].split(":")[0]) * 60 + int(t.split()[0].split(":")[1]) for t in texts
    ]
    assert seconds == sorted(seconds, reverse=True) and seconds[0] > 60 and seconds[-1] < 20
    assert any(not warn for *_, warn in drawn) and any(warn for *_, warn in drawn)
    assert all(warn == ("last minute" in text) for _, text, warn in drawn)
    gaps = [b[0] - a[0] for a, b in itertools.pairwise(drawn)]
    assert max(gaps) < 1.0 and prompt_keys.TICK <= 0.5
    assert [(i.card.id, i.status, i.answer) for i in items] == [
        ("typed", "timed-out", "Qub"),
        ("tf", "unasked", ""),
    ]
    text = "\n".join(printed)
    assert "Time is up." in text and "Qub (the time ran out)" in text
    status = next(line for line in printed if "1/2" in line)
    assert "left" not in status  # the header's time would stand still: it is drawn live instead


@pytest.mark.parametrize("card", ["choice", "multi", "cloze", "order"])
def test_every_prompt_has_the_countdown(state: Path, card: str) -> None:
    """Whatever the prompt (a list, ticks, several blanks, numbers), it ends at zero with what
    was typed or ticked so far."""
    session = timed(state, Fast(), (card,), 30)  # half a second
    keys = {"choice": "", "multi": "1", "cloze": "red\r", "order": "2,1"}[card]
    with create_pipe_input() as pipe:
        frontend = TerminalFrontend(Out(lambda _: None), input=pipe, output=DummyOutput())
        pipe.send_text(keys)
        question = session.current()
        assert question is not None
        reply = frontend.ask(question)
    assert isinstance(reply, TimeUp)
    if card == "multi":
        assert reply.typed == question.view.options[0]
    else:
        assert reply.typed == {"choice": "", "cloze": "red | ", "order": "2,1"}[card]


def test_plain_mode_says_the_time_left_with_each_question_and_warns(state: Path) -> None:
    clock = Manual()
    session = timed(state, clock, ("tf", "typed"), 150)
    printed: list[str] = []

    def lines() -> Iterator[str]:
        clock.move(20)
        yield "?"  # refused: the question asked again, with the time left
        clock.move(80)
        yield "t"
        clock.move(60)
        yield "Quba, late"  # typed after the time ran out

    replies = lines()
    with session.store:
        items = run_quiz(session, PlainFrontend(Out(printed.append), lambda: next(replies, None)))
    text = "\n".join(printed)
    assert "2:30 left" in text  # with the first question
    assert "(2:10 left)" in text  # asked again after the refused hint
    assert "0:50 left · last minute" in text  # with the second question
    assert "that answer came too late" in text
    assert [(i.status, i.answer) for i in items] == [
        ("answered", "True"),
        ("timed-out", "Quba, late"),
    ]


def test_the_results_file_and_the_results_report_tell_timed_out_from_unasked(
    state: Path, tmp_path: Path
) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    clock = Manual()
    session = timed(state, clock, ("tf", "typed", "choice"), 60)
    first = session.current()
    assert first is not None
    session.answer(right_answer(first.view))
    assert session.current() is not None
    clock.move(61)
    session.time_up("Qu")
    path = tmp_path / "ann.json"
    write_results(
        path,
        results_data(
            session.items, name="Ann", decks=["all-types"], started=NOW, seconds=61, seed=1
        ),
    )
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["format"] == 2
    assert [(a["status"], a["answer"], a["skipped"]) for a in data["answers"]] == [
        ("answered", right_answer(first.view).text, False),
        ("timed-out", "Qu", True),
        ("unasked", "", True),
    ]
    jsonschema.validate(data, json.loads(results_schema_text()))
    back = read_results(path)
    assert [a.status for a in back.answers] == ["answered", "timed-out", "unasked"]
    report = analyse([back], {c.key: c for c in CARDS.values()})
    rows = {row.card: row for row in report.items}
    # Shown but not answered (timed out) is not the same as never shown (unasked).
    assert (rows["all-types/typed"].asked, rows["all-types/typed"].answered) == (1, 0)
    assert "all-types/choice" not in rows  # never shown to anyone


def test_a_results_file_written_before_timed_out_is_still_read(tmp_path: Path) -> None:
    old = {
        "format": 1,
        "student": "Bob",
        "decks": ["all-types"],
        "started": "2026-11-28T09:00:00+00:00",
        "seconds": 30,
        "answers": [
            {"card": "all-types/tf", "points": 1, "status": "answered", "correct": True},
            {"card": "all-types/typed", "points": 0, "status": "unasked"},
        ],
    }
    path = tmp_path / "bob.json"
    path.write_text(json.dumps(old), encoding="utf-8")
    back = read_results(path)
    assert back.format == 1 and [a.status for a in back.answers] == ["answered", "unasked"]
