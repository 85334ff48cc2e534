"""The installed `tiesquiz study` in a real pseudo-terminal, driven like a student would."""

from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest

from helpers.answers import views
from helpers.decks import fixture_cards
from helpers.disk import answers_on_disk
from helpers.paths import FIXTURES

pexpect = pytest.importorskip("pexpect")

CARDS = fixture_cards()
SEED = 3
DOWN = "\x1b[B"


def command() -> tuple[str, list[str]]:
    exe = shutil.which("tiesquiz", path=os.path.dirname(sys.executable)) or shutil.which("tiesquiz")
    if exe:
        return exe, []
    return sys.executable, ["-m", "tiesquiz"]


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")
def test_study_in_a_real_terminal(state: Path) -> None:
    vs = {v.card.id: v for v in views(CARDS, SEED)}
    env = {
        **os.environ,
        "TIESQUIZ_STATE": str(state),
        "TIESQUIZ_DECKS": str(FIXTURES / "good"),
        "TIESQUIZ_NOW": "2026-11-28T09:00:00+00:00",
        "TIESQUIZ_TZ": "UTC",
        "TERM": "xterm",
        "PROMPT_TOOLKIT_NO_CPR": "1",
    }
    env.pop("NO_COLOR", None)
    exe, args = command()
    child = pexpect.spawn(
        exe,
        [*args, "study", "all-types", "--seed", str(SEED)],
        env=env,
        encoding="utf-8",
        timeout=30,
        dimensions=(40, 100),
    )
    try:
        child.expect("Front of the card")
        child.expect("Recall the answer")
        child.send(" ")  # any key shows the back
        child.expect("Back of the card")
        child.expect("How well did you know it")
        child.send("3")  # rates Good at once
        child.expect("Rated Good")

        child.expect("Where is the Red Village")
        child.expect("Your choice")
        child.send(str(vs["choice"].options.index("Quba") + 1))  # a number answers at once
        child.expect("Right")

        multi = (
            "".join(
                (" " if o in ("Jews", "Christians") else "") + DOWN for o in vs["multi"].options
            )
            + "\r"
        )
        child.expect("Select all that apply")
        child.send(multi)
        child.expect("Right")

        child.expect("True or false")
        child.send("u")  # take back the select-all answer and answer it again
        child.expect("Undone")
        child.expect("Select all that apply")
        child.send(multi)
        child.expect("Right")

        child.expect("True or false")
        child.send("t")
        child.expect("Right")

        child.expect("How many people of Azerbaijani origin")
        child.expect("Answer:")
        child.send("70,000\r")
        child.expect("Right")

        child.expect("Missing|Blank")
        child.sendintr()  # Ctrl-C
        child.expect("Every answer you gave is saved")
        child.expect("Studied 5 cards: 5 right, 0 wrong")
        child.expect(pexpect.EOF)
    finally:
        child.close()
    assert child.exitstatus == 0
    assert "Traceback" not in (child.before or "")
    data = json.loads(state.read_text(encoding="utf-8"))
    assert [r["card"].split("/")[1] for r in answers_on_disk(state)] == [
        "flash",
        "choice",
        "multi",
        "tf",
        "typed",
    ]
    assert len(data["cards"]) == 5


def study_one_typed_card(state: Path, tmp_path: Path, columns: int, card: str) -> Any:
    """``tiesquiz study`` of a deck of one typed card (``card``: its YAML flow mapping), in a
    real terminal ``columns`` wide."""
    folder = tmp_path / "decks"
    folder.mkdir()
    (folder / "n.yaml").write_text(f"deck: n\ntitle: N\ncards:\n  - {card}\n", encoding="utf-8")
    env = {
        **os.environ,
        "TIESQUIZ_STATE": str(state),
        "TIESQUIZ_DECKS": str(folder),
        "TIESQUIZ_NOW": "2026-11-28T09:00:00+00:00",
        "TIESQUIZ_TZ": "UTC",
        "TERM": "xterm",
        "PROMPT_TOOLKIT_NO_CPR": "1",
    }
    exe, args = command()
    return pexpect.spawn(
        exe, [*args, "study", "n"], env=env, encoding="utf-8", timeout=30, dimensions=(30, columns)
    )


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")
@pytest.mark.parametrize("columns", [60, 120])
def test_i_was_right_in_a_real_terminal(state: Path, tmp_path: Path, columns: int) -> None:
    """A typed answer marked wrong twice; one key (r) overrules it; it is saved as overruled."""
    child = study_one_typed_card(
        state,
        tmp_path,
        columns,
        "{id: size, type: typed, question: How many?, answer: 70000, explanation: E, source: S}",
    )
    try:
        child.expect("Answer:")
        child.send("69000\r")
        child.expect("One more try")
        child.expect("Answer:")
        child.send("69500\r")
        child.expect("Wrong")
        child.expect("I was right")
        child.send("r")
        child.expect("Counted as right")
        child.expect("Answer:")  # Hard on a new card: its next learning step comes in a moment
        child.sendintr()
        child.expect("Studied 1 card: 1 right, 0 wrong")
        child.expect(pexpect.EOF)
    finally:
        child.close()
    assert child.exitstatus == 0
    (entry,) = answers_on_disk(state)
    assert entry["overruled"] is True and entry["answer"] == "69500"


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")
@pytest.mark.parametrize("columns", [60, 120])
def test_an_answer_to_check_in_a_real_terminal(state: Path, tmp_path: Path, columns: int) -> None:
    """Every word of the answer and a detail: no retry; y says it means the same (Hard)."""
    child = study_one_typed_card(
        state,
        tmp_path,
        columns,
        "{id: where, type: typed, question: In which district is the Red Village?,"
        " answer: Quba, explanation: E, source: S}",
    )
    try:
        child.expect("Answer:")
        child.send("Quba, near the river\r")
        child.expect("To check")
        child.expect("Same meaning")
        child.send("y")
        child.expect("you said it means the same")
        child.expect("Answer:")
        child.sendintr()
        child.expect("Studied 1 card: 1 right, 0 wrong")
        child.expect(pexpect.EOF)
    finally:
        child.close()
    assert child.exitstatus == 0
    (entry,) = answers_on_disk(state)
    assert entry["overruled"] is True and entry["answer"] == "Quba, near the river"


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")
@pytest.mark.parametrize("columns", [60, 120])
def test_show_answers_wraps_to_the_terminal(state: Path, columns: int) -> None:
    """`show --answers` in a real terminal: no line wider than it, and a pair wrapped at 60
    continues under its text, not behind a new arrow."""
    env = {**os.environ, "TIESQUIZ_STATE": str(state), "TERM": "xterm"}
    exe, args = command()
    child = pexpect.spawn(
        exe,
        [*args, "show", "--answers", "diplomacy"],
        env=env,
        encoding="utf-8",
        timeout=30,
        dimensions=(200, columns),
    )
    child.expect(pexpect.EOF)
    lines = child.before.replace("\r\n", "\n").splitlines()
    assert max(len(line) for line in lines) <= min(columns - 1, 100)
    pair = next(
        i
        for i, line in enumerate(lines)
        if "High-level meetings and official visits" in line and "⇒" in line
    )
    if columns == 60:  # the pair wraps: its right side goes on under its own text
        assert lines[pair + 1].startswith("       ") and "momentum" in lines[pair + 1]
    else:
        assert lines[pair].endswith("Diplomatic relations keep gaining momentum")
    assert all(line.startswith("   → Answer") for line in lines if "→" in line)


@pytest.mark.parametrize(("columns", "widest"), [(60, 58), (120, 78)])
def test_help_wraps_to_the_terminal(columns: int, widest: int) -> None:
    """The help is wrapped as click wraps it (the terminal's width, at most 78), with the width
    asked of the terminal itself."""
    exe, args = command()
    child = pexpect.spawn(
        exe, [*args, "--help"], encoding="utf-8", timeout=30, dimensions=(40, columns)
    )
    text = child.read()
    child.close()
    lines = text.replace("\r\n", "\n").splitlines()
    assert "Commands:" in text and "study" in text
    assert max(map(len, lines)) <= widest
    assert max(map(len, lines)) > widest - 12  # it does use the width it has


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")
def test_a_note_about_the_decks_wraps_in_the_terminal(state: Path, tmp_path: Path) -> None:
    """A note on standard error (a missing TIESQUIZ_DECKS folder) wraps at 60 columns."""
    missing = tmp_path / "a-folder-with-a-rather-long-name" / "that-is-not-there"
    env = {**os.environ, "TIESQUIZ_STATE": str(state), "TIESQUIZ_DECKS": str(missing)}
    exe, args = command()
    child = pexpect.spawn(
        exe, [*args, "due"], env=env, encoding="utf-8", timeout=30, dimensions=(40, 60)
    )
    child.expect(pexpect.EOF)
    lines = child.before.replace("\r\n", "\n").splitlines()
    assert any("which is not a folder" in line for line in lines)
    assert max(len(line) for line in lines) <= 60
