"""Broken decks are reported the same way by every command that lists decks: the file, its first
problem, and "tiesquiz lint FILE"; the deck is left out, never shown as a deck of 0 cards."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from helpers.cli import invoke, lines_in

GOOD = "deck: good\ntitle: Good\ncards:\n  - {id: a, type: flashcard, question: Q?, answer: A., explanation: E., source: S}\n"
BROKEN = {
    "notyaml.yaml": ("deck: [unclosed\n", "notyaml.yaml:2:1: not valid YAML"),
    "error.yaml": (
        "deck: bad\ntitle: Bad\ncards:\n  - {id: a, type: choice, question: Q?, answer: A}\n",
        "error.yaml:4:5: a: error: missing field 'distractors'",
    ),
    "noid.yaml": (
        "title: No id\ncards:\n  - {id: a, type: flashcard, question: Q?, answer: A.}\n",
        "noid.yaml:1:1: deck: error: missing field 'deck'",
    ),
}


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    decks = tmp_path / "decks"
    decks.mkdir()
    (decks / "good.yaml").write_text(GOOD, encoding="utf-8")
    for name, (text, _) in BROKEN.items():
        (decks / name).write_text(text, encoding="utf-8")
    monkeypatch.setenv("TIESQUIZ_DECKS", str(decks))
    monkeypatch.chdir(tmp_path)
    return decks


COMMANDS = [["due"], ["decks"], ["stats"], ["study", "--plain"], ["due", "--json"]]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c))
def test_every_listing_command_names_each_broken_file_the_same_way(
    folder: Path, state: Path, command: list[str]
) -> None:
    result = invoke("--state", str(state), *command, input=lines_in([":q"]))
    assert result.exit_code == 0, result.output
    for name, (_, first) in BROKEN.items():
        line = next(ln for ln in result.stderr.splitlines() if name in ln)
        assert first in line, line
        assert line.endswith(f"(skipped; see every problem with 'tiesquiz lint decks/{name}')")
    assert "bad" not in result.stdout.split()  # not listed as a deck of 0 cards


def test_due_and_stats_count_only_usable_decks(folder: Path, state: Path) -> None:
    due = json.loads(invoke("--state", str(state), "due", "--json").stdout)
    assert "good" in due["decks"] and "bad" not in due["decks"]
    assert len(due["skipped"]) == 3
    stats = json.loads(invoke("--state", str(state), "stats", "--json").stdout)
    assert "bad" not in stats["decks"] and len(stats["skipped"]) == 3


def test_a_missing_decks_folder_is_said(
    tmp_path: Path, state: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TIESQUIZ_DECKS", str(tmp_path / "nowhere"))
    for command in (["due"], ["decks"], ["stats"]):
        result = invoke("--state", str(state), *command)
        assert (
            f"TIESQUIZ_DECKS names {tmp_path / 'nowhere'}, which is not a folder" in result.stderr
        )


def test_settings_refuses_an_unknown_deck_and_suggests_the_nearest(
    folder: Path, state: Path
) -> None:
    result = invoke("--state", str(state), "settings", "--deck", "godo", "--new-per-day", "5")
    assert result.exit_code != 0 and "Traceback" not in result.output
    assert "no deck named 'godo'; did you mean 'good'?" in result.output
    assert not state.exists()  # nothing was written
    ok = invoke("--state", str(state), "settings", "--deck", "good", "--new-per-day", "5")
    assert ok.exit_code == 0 and "good: 5 new" in ok.output
