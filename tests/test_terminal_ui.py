"""The questionary front end, driven for real through prompt_toolkit's pipe input."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from helpers.decks import cards_by_id
from tiesquiz.clock import Clock
from tiesquiz.grading import grade
from tiesquiz.progress import ProgressStore
from tiesquiz.scheduling import GOOD, Limits
from tiesquiz.session import Answer, CardView, Question, StudySession, make_view
from tiesquiz.session.study import STUDY_COMMANDS
from tiesquiz.ui.frontend import Do
from tiesquiz.ui.output import Out
from tiesquiz.ui.run import run_study
from tiesquiz.ui.terminal import TerminalFrontend

CARDS = cards_by_id()
DOWN, ENTER, SPACE, CTRL_C = "\x1b[B", "\r", " ", "\x03"


@pytest.fixture
def printed() -> list[str]:
    return []


@pytest.fixture
def ui(printed: list[str]) -> Iterator[tuple[TerminalFrontend, object]]:
    with create_pipe_input() as pipe:
        yield TerminalFrontend(Out(printed.append), input=pipe, output=DummyOutput()), pipe


def view(card_id: str, seed: int = 1) -> CardView:
    return make_view(CARDS[card_id], random.Random(seed))


def ask(ui_pipe, card_id: str, keys: str, seed: int = 1):
    frontend, pipe = ui_pipe
    pipe.send_text(keys)
    v = view(card_id, seed)
    question = Question(v, number=1, total=None, mode="study", allowed=STUDY_COMMANDS)
    return v, frontend.ask(question)


def test_choice_number_key_picks_the_option(ui) -> None:
    v = view("choice")
    _, reply = ask(ui, "choice", str(v.options.index("Quba") + 1) + ENTER)
    assert reply == Answer("Quba", "Quba") and grade(v.card, reply.value).correct


def test_choice_arrow_keys(ui) -> None:
    v = view("choice")
    index = v.options.index("Quba")
    _, reply = ask(ui, "choice", DOWN * index + ENTER)
    assert isinstance(reply, Answer) and reply.value == "Quba"


def test_multi_checkbox(ui) -> None:
    v = view("multi")
    keys = "".join((SPACE if o in ("Jews", "Christians") else "") + DOWN for o in v.options) + ENTER
    _, reply = ask(ui, "multi", keys)
    assert isinstance(reply, Answer) and sorted(reply.value) == ["Christians", "Jews"]
    assert grade(v.card, reply.value).correct


@pytest.mark.parametrize(
    ("keys", "value"), [("t", True), ("f", False), ("1" + ENTER, True), (DOWN + ENTER, False)]
)
def test_truefalse(ui, keys: str, value: bool) -> None:
    _, reply = ask(ui, "tf", keys)
    assert reply == Answer(value, "True" if value else "False")


def test_typed_text(ui) -> None:
    _, reply = ask(ui, "typed", "70 000" + ENTER)
    assert reply == Answer("70 000", "70 000") and grade(CARDS["typed"], "70 000").correct


def test_cloze_one_prompt_per_gap(ui, printed: list[str]) -> None:
    _, reply = ask(ui, "cloze", "Red Village" + ENTER + "quba" + ENTER)
    assert isinstance(reply, Answer) and reply.value == ["Red Village", "quba"]
    assert any("The [1]_____ is in [2]_____." in line for line in printed)


def test_order_by_numbers_with_validation(ui, printed: list[str]) -> None:
    v = view("order")
    right = ",".join(str(v.options.index(i) + 1) for i in ("First", "Second", "Third"))
    # Refused, explained, and the prompt starts empty: the next reply is not appended to it.
    _, reply = ask(ui, "order", "1,1" + ENTER + right + ENTER)
    assert isinstance(reply, Answer) and reply.value == ["First", "Second", "Third"]
    assert "Each number may appear only once." in printed


def test_match_shows_both_sides_with_one_numbering_and_reads_pairs(ui, printed: list[str]) -> None:  # type: ignore[no-untyped-def]
    v = view("match")
    pairs = ", ".join(
        f"{i}-{v.rights.index(right) + 1}"
        for i, (_, right) in enumerate(CARDS["match"].pairs, 1)  # type: ignore[attr-defined]
    )
    _, reply = ask(ui, "match", "1-1, 1-2" + ENTER + pairs + ENTER)  # refused, then right
    assert isinstance(reply, Answer) and grade(v.card, reply.value).correct
    text = "\n".join(printed)
    assert text.count("Left:") == 1 and text.count("Right:") == 1  # drawn once, never renumbered
    assert all(f"{i}. {left}" in text for i, left in enumerate(v.options, 1))
    assert all(f"{i}. {right}" in text for i, right in enumerate(v.rights, 1))
    assert "Use each left and each right number once." in text


def test_choice_number_picks_at_once_without_enter(ui) -> None:  # type: ignore[no-untyped-def]
    v = view("choice")
    _, reply = ask(ui, "choice", str(v.options.index("Quba") + 1))
    assert reply == Answer("Quba", "Quba")


def test_select_all_numbers_tick_and_untick(ui) -> None:  # type: ignore[no-untyped-def]
    v = view("multi")
    jews, christians, hindus = (
        str(v.options.index(o) + 1) for o in ("Jews", "Christians", "Hindus")
    )
    keys = (
        jews + hindus + christians + hindus + "a" + ENTER
    )  # Hindus ticked then unticked; a does nothing
    _, reply = ask(ui, "multi", keys)
    assert isinstance(reply, Answer) and sorted(reply.value) == ["Christians", "Jews"]  # type: ignore[arg-type]


def test_flashcard_enter_turns_and_enter_rates_good(ui, printed: list[str]) -> None:  # type: ignore[no-untyped-def]
    frontend, pipe = ui
    pipe.send_text(ENTER + ENTER)
    previews = (
        (1, timedelta(minutes=1)),
        (2, timedelta(minutes=6)),
        (3, timedelta(minutes=10)),
        (4, timedelta(days=4)),
    )
    question = Question(view("flash"), number=1, total=None, mode="study", previews=previews)
    assert frontend.ask(question) == Answer(3, "Good")


def test_a_hint_is_offered_only_when_the_card_has_one(ui) -> None:  # type: ignore[no-untyped-def]
    frontend, pipe = ui
    pipe.send_text("?")  # no hint: not offered, and the key reaches the session, which says so
    without = Question(
        view("tf"), number=1, total=None, mode="study", allowed=frozenset({"skip", "undo", "quit"})
    )
    assert frontend.ask(without) == Do("hint")
    pipe.send_text("?")
    with_hint = Question(
        view("choice"),
        number=1,
        total=None,
        mode="study",
        allowed=frozenset({"hint", "skip", "undo", "quit"}),
    )
    assert frontend.ask(with_hint) == Do("hint")


def test_u_in_a_quiz_reaches_the_quiz_which_says_why_not(ui) -> None:  # type: ignore[no-untyped-def]
    frontend, pipe = ui
    pipe.send_text("u")
    quiz = Question(view("tf"), number=1, total=3, mode="quiz", allowed=frozenset({"skip", "quit"}))
    assert frontend.ask(quiz) == Do("undo")  # not allowed: the loop says so (test_quiz_keys.py)


def test_flashcard_reveal_then_rate(ui, printed: list[str]) -> None:
    _, reply = ask(ui, "flash", " " + "3")  # Space shows the back; 3 rates Good at once
    assert reply == Answer(3, "Good")
    assert "Answer: Back of the card" in printed


@pytest.mark.parametrize(
    ("keys", "command"), [("u", "undo"), ("q", "quit"), ("?", "hint"), ("s", "skip")]
)
def test_command_keys_in_a_list_prompt(ui, keys: str, command: str) -> None:
    _, reply = ask(ui, "choice", keys)
    assert reply == Do(command)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "command"), [(":u", "undo"), (":q", "quit"), ("?", "hint"), (":s", "skip")]
)
def test_commands_in_a_text_prompt(ui, text: str, command: str) -> None:
    _, reply = ask(ui, "typed", text + ENTER)
    assert reply == Do(command)  # type: ignore[arg-type]


def test_ctrl_c_raises_keyboard_interrupt(ui) -> None:
    with pytest.raises(KeyboardInterrupt):
        ask(ui, "choice", CTRL_C)


def test_a_whole_session_through_questionary(ui, printed: list[str], state: Path) -> None:
    """run_study with the real prompts: answer, undo, answer again, then Ctrl-C."""
    frontend, pipe = ui
    clock = Clock(fixed=datetime(2026, 11, 28, 9, tzinfo=timezone.utc), tz=timezone.utc)
    cards = [CARDS["choice"], CARDS["tf"], CARDS["typed"]]
    store = ProgressStore.open(state)
    session = StudySession(store, cards, clock, Limits(), random.Random(5))
    first = session.current()
    assert first is not None and first.card is cards[0]
    quba = str(first.view.options.index("Quba") + 1)
    pipe.send_text(quba + "u" + quba + "t" + CTRL_C)  # a number answers at once
    with store:
        run_study(session, frontend, clock)
    text = "\n".join(printed)
    assert "Undone: the last answer was taken back." in text
    assert "Stopped. Every answer you gave is saved." in text
    assert "Studied 2 cards: 2 right, 0 wrong" in text
    log = ProgressStore.open(state).progress.reviews
    assert [r.card for r in log] == ["all-types/choice", "all-types/tf"]
    assert all(r.rating == GOOD for r in log)


@pytest.mark.parametrize(("keys", "overrule"), [("r", True), (ENTER, False), ("x", False)])
def test_one_key_overrules_a_wrong_answer(ui, keys: str, overrule: bool) -> None:  # type: ignore[no-untyped-def]
    frontend, pipe = ui
    pipe.send_text(keys)
    assert frontend.offer_overrule() is overrule


@pytest.mark.parametrize(
    ("keys", "same"), [("y", True), ("r", True), ("n", False), (ENTER, False), ("x", False)]
)
def test_one_key_says_whether_an_answer_to_check_means_the_same(ui, keys: str, same: bool) -> None:  # type: ignore[no-untyped-def]
    """An answer with every word of the answer and more: y counts it (as Hard), n or Enter not."""
    frontend, pipe = ui
    pipe.send_text(keys)
    assert frontend.offer_overrule(check=True) is same
