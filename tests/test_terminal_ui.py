"""The questionary front end, driven for real through prompt_toolkit's pipe input."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import datetime, timezone
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
    return v, frontend.ask(Question(v, number=1, total=None, mode="study"))


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
    assert reply == Answer(value, "true" if value else "false")


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
    _, reply = ask(
        ui, "order", "1,1" + ENTER + "\x7f" * 3 + right + ENTER
    )  # invalid, erased, then right
    assert isinstance(reply, Answer) and reply.value == ["First", "Second", "Third"]


def test_match_one_select_per_left_item(ui) -> None:
    v = view("match")
    keys = ""
    remaining = list(v.rights)
    for _left, right in CARDS["match"].pairs:  # type: ignore[attr-defined]
        if len(remaining) == 1:
            break
        keys += str(remaining.index(right) + 1) + ENTER
        remaining.remove(right)
    _, reply = ask(ui, "match", keys)
    assert isinstance(reply, Answer) and grade(v.card, reply.value).correct


def test_flashcard_reveal_then_rate(ui, printed: list[str]) -> None:
    _, reply = ask(ui, "flash", "x" + "3")  # any key shows the back; 3 rates Good at once
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
    pipe.send_text(quba + ENTER + "u" + quba + ENTER + "t" + CTRL_C)
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
