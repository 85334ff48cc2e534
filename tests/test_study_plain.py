"""`tiesquiz study` in plain mode, driven through CliRunner and through a real pipe."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

import pytest
from click.testing import CliRunner

from helpers.answers import right_lines, views, wrong_lines
from helpers.cli import invoke, lines_in
from helpers.decks import fixture_cards, use_fixture_decks
from helpers.disk import answers_on_disk
from helpers.paths import FIXTURES
from tiesquiz.cli import cli
from tiesquiz.clock import iso
from tiesquiz.progress import CardState, ProgressStore, Review
from tiesquiz.scheduling import AGAIN, GOOD, HARD

NOW = datetime(2026, 11, 28, 9, 0, tzinfo=timezone.utc)
CARDS = fixture_cards()
SEED = 7


@pytest.fixture(autouse=True)
def decks(monkeypatch: pytest.MonkeyPatch) -> None:
    use_fixture_decks(monkeypatch, NOW, "Asia/Baku")


def run(lines: list[str], *args: str) -> str:
    result = invoke(
        "study", "all-types", "--plain", "--seed", str(SEED), *args, input=lines_in(lines)
    )
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    return result.output


def reviews(state: Path) -> list[dict]:
    return ProgressStore.open(state).progress.reviews


def test_every_type_answered_right(state: Path) -> None:
    lines = [line for view in views(CARDS, SEED) for line in right_lines(view)]
    out = run([*lines, ":q"])
    assert out.count("✓ Right") == 7 and "Rated Good." in out
    assert "Studied 8 cards: 8 right, 0 wrong" in out
    log = reviews(state)
    assert [r.card for r in log] == [c.key for c in CARDS]
    assert all(r.rating == GOOD and r.mode == "study" for r in log)
    progress = ProgressStore.open(state).progress
    assert len(progress.cards) == 8


def test_every_type_answered_wrong_is_again(state: Path) -> None:
    lines = [line for view in views(CARDS, SEED) for line in wrong_lines(view)]
    out = run([*lines, ":q"])
    assert out.count("✗ Wrong") == 7
    assert all(r.rating == AGAIN and not r.correct for r in reviews(state))
    assert "Not quite. One more try:" in out


def test_feedback_shows_answer_explanation_source_and_next_review() -> None:
    first = views(CARDS, SEED)[1]  # the choice card
    out = run(["", "3", *right_lines(first), ":q"])
    assert "Answer: Quba" in out and "Source: para 6" in out
    assert "Next review in 10 minutes." in out


def test_hint_makes_a_right_answer_hard(state: Path) -> None:
    choice = views(CARDS, SEED)[1]
    out = run(["", "3", "?", *right_lines(choice), ":q"])
    assert "Hint: Starts with Q." in out
    assert "with the hint, so it counts as Hard" in out
    assert [r.rating for r in reviews(state)] == [GOOD, HARD]


def test_a_right_retry_is_hard(state: Path) -> None:
    vs = views(CARDS, SEED)
    lines = [line for v in vs[:4] for line in right_lines(v)] + ["71000", "70,000", ":q"]
    out = run(lines)
    assert reviews(state)[-1].rating == HARD and reviews(state)[-1].card == "all-types/typed"
    assert "✓ Right (on the second try, so it counts as Hard)" in out


def test_invalid_replies_are_explained_and_asked_again(state: Path) -> None:
    vs = views(CARDS, SEED)
    lines = [
        "",
        "9",
        "3",
        "7",
        *right_lines(vs[1]),
        "1,1",
        *right_lines(vs[2]),
        "maybe",
        *right_lines(vs[3]),
        ":q",
    ]
    out = run(lines)
    assert "Type 1 (Again), 2 (Hard), 3 (Good) or 4 (Easy)." in out
    assert "Numbers must be between 1 and 3." in out
    assert "Each number may appear only once." in out
    assert "Type t for true or f for false." in out
    assert len(reviews(state)) == 4


def test_undo_asks_the_card_again_and_restores_its_state(state: Path) -> None:
    vs = views(CARDS, SEED)
    out = run(["", "3", *wrong_lines(vs[1]), ":u", *right_lines(vs[1]), ":q"])
    assert "Undone: the last answer was taken back." in out
    log = reviews(state)
    assert [r.card for r in log] == ["all-types/flash", "all-types/choice"]
    assert log[1].rating == GOOD
    assert out.count("One card of every type · 2  ") == 2  # the choice card, asked twice
    assert out.count("Where is the Red Village?") == 2


def test_skip_puts_the_card_at_the_back(state: Path) -> None:
    vs = views(CARDS, SEED)
    out = run([":s", *right_lines(vs[1]), ":q"])
    assert "Skipped; it comes back later." in out
    assert [r.card for r in reviews(state)] == ["all-types/choice"]


def test_end_of_input_ends_the_session_and_keeps_answers(state: Path) -> None:
    out = run(["", "4"])
    assert "Session summary" in out and "Studied 1 card: 1 right" in out
    assert len(reviews(state)) == 1


def test_limit_stops_the_session(state: Path) -> None:
    lines = [line for view in views(CARDS, SEED) for line in right_lines(view)]
    out = run(lines, "--limit", "3")
    assert "Reached the limit of 3 cards" in out
    assert len(reviews(state)) == 3


def test_learning_cards_come_back_in_the_same_session(state: Path) -> None:
    vs = views(CARDS, SEED)
    lines = [*right_lines(vs[0]), *wrong_lines(vs[1])] + [
        line for v in vs[2:] for line in right_lines(v)
    ]
    out = run([*lines, ":q"])
    # The missed card is due again in a minute: once the new cards are done, it comes first.
    assert "One card of every type · 9  " in out
    assert len(reviews(state)) == 8


def test_nothing_due_says_when_and_offers_a_quiz(
    state: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    lines = [line for view in views(CARDS, SEED) for line in right_lines(view)]
    run([*lines, ":q"])
    monkeypatch.setenv("TIESQUIZ_NOW", iso(NOW.replace(minute=1)))
    result = CliRunner().invoke(cli, ["study", "all-types", "--plain", "--new", "0"], input="")
    assert result.exit_code == 0
    assert "Nothing is due right now." in result.output
    assert "Next card due in 9 minutes (today at 13:10)." in result.output  # Baku is UTC+4
    assert "tiesquiz quiz" in result.output


def test_tag_filter(state: Path) -> None:
    result = CliRunner().invoke(cli, ["study", "all-types", "--plain", "--tag", "nope"])
    assert result.exit_code == 1 and "no cards match" in result.output


def test_deck_text_cannot_reach_the_terminal_raw(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "evil"
    folder.mkdir()
    (folder / "evil.yaml").write_text(
        "deck: evil\ntitle: Evil\ncards:\n"
        '  - id: a\n    type: choice\n    question: "Clear \\e[2J \\e]52;c;aGk=\\a \\u202Eright"\n'
        '    answer: "\\e[31mred"\n    distractors: ["\\rback"]\n    explanation: "\\x07bell"\n',
        encoding="utf-8",
    )
    monkeypatch.setenv("TIESQUIZ_DECKS", str(folder))
    result = CliRunner().invoke(cli, ["study", "evil", "--plain"], input="1\n:q\n")
    assert result.exit_code == 0
    for raw in ("\x1b", "\x07", "\r", "\u202e"):
        assert raw not in result.output
    assert "␛[2J" in result.output


def test_plain_output_has_no_colour_codes() -> None:
    lines = [line for view in views(CARDS, SEED) for line in right_lines(view)]
    out = run(lines)
    assert "\x1b[" not in out


def test_piped_stdin_subprocess(state: Path, tmp_path: Path) -> None:
    """The installed command with a real pipe: not a terminal, so plain mode by itself."""
    lines = [line for view in views(CARDS, SEED) for line in right_lines(view)]
    env = {**os.environ, "TIESQUIZ_STATE": str(state)}
    proc = subprocess.run(
        [sys.executable, "-m", "tiesquiz", "study", "all-types", "--seed", str(SEED)],
        input="\n".join(lines) + "\n",
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    assert "Studied 8 cards: 8 right, 0 wrong" in proc.stdout
    assert "\x1b[" not in proc.stdout
    assert len(json.loads(state.read_text(encoding="utf-8"))["cards"]) == 8
    assert len(answers_on_disk(state)) == 8


def test_daily_limits_as_options(state: Path) -> None:
    lines = [line for view in views(CARDS, SEED) for line in right_lines(view)]
    run([*lines, ":q"], "--new", "2")
    assert len({r.card for r in reviews(state)}) == 2  # only two new cards were introduced
    # Three cards in review, all overdue: --reviews 1 lets one of them through today.
    with ProgressStore.open(state) as store:
        for card in CARDS[4:7]:
            past = iso(NOW.replace(day=20))
            in_review: CardState = {
                "state": 2,
                "step": None,
                "stability": 3.0,
                "difficulty": 5.0,
                "due": past,
                "last_review": past,
            }
            store.record_answer(
                Review.new_answer(card.key, past, GOOD, True, "x", 1, "study"),
                lambda _prior, state=in_review: state,
            )
    out = (
        CliRunner()
        .invoke(
            cli, ["study", "all-types", "--plain", "--new", "0", "--reviews", "1"], input="70000\n"
        )
        .output
    )
    # The first of the three (equally overdue, deck order), with the session's counts beside it.
    assert "One card of every type · 1  new 0 · learning 0 · review 1" in out
    assert "How many people of Azerbaijani origin" in out
    assert (
        "Studied 1 card: 1 right" in out and "[2]" not in out
    )  # the limit held the other two back
    assert "2 cards are due now." in out


def test_invalid_utf8_is_explained_and_asked_again(state: Path) -> None:
    """Bytes that are not UTF-8, piped into plain mode, are a reply to explain, not a crash."""
    env = {**os.environ, "TIESQUIZ_STATE": str(state), "TIESQUIZ_DECKS": str(FIXTURES / "good")}
    proc = subprocess.run(
        [sys.executable, "-m", "tiesquiz", "study", "all-types", "--plain", "--limit", "1"],
        input=b"\xff\xfe broken\n\n3\n",
        capture_output=True,
        env=env,
        timeout=60,
    )
    out = proc.stdout.decode("utf-8")
    assert proc.returncode == 0, out + proc.stderr.decode()
    assert "That line is not valid text (UTF-8); type it again." in out
    assert "Traceback" not in proc.stderr.decode() and "Studied 1 card" in out


def test_an_option_typed_out_wins_over_a_number(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "years"
    folder.mkdir()
    (folder / "years.yaml").write_text(
        "deck: years\ntitle: Years\ncards:\n"
        "  - {id: y, type: choice, question: Which year?, answer: '2', distractors: ['1', '3'],"
        " explanation: E, source: S}\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("TIESQUIZ_DECKS", str(folder))
    result = invoke("study", "years", "--plain", "--seed", "5", input="2\n:q\n")
    assert "✓ Right" in result.output  # "2" is the option 2, wherever it was shown


def test_plain_mode_shows_its_own_keys_at_the_start_and_on_h(state: Path) -> None:
    out = run(["", "3", ":h", ":q"])
    assert out.count("One reply a line:") == 2  # at the start, and again on :h
    assert "a number picks an option at once" not in out  # that is the terminal's scheme
