"""A deck studied once is found again from any folder; one whose file is gone is reported."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from helpers.cli import invoke, lines_in


@pytest.fixture
def mine(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("TIESQUIZ_NOW", "2026-11-28T09:00:00+00:00")
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    path = folder / "mine.yaml"
    path.write_text(
        "deck: mine\ntitle: Mine\ncards:\n"
        "  - {id: a, type: truefalse, question: A is true., answer: true, explanation: E, source: S}\n"
        "  - {id: b, type: truefalse, question: B is true., answer: true, explanation: E, source: S}\n",
        encoding="utf-8",
    )
    return path


def test_a_deck_studied_once_is_found_from_any_folder(
    mine: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = invoke("study", str(mine), "--plain", "--limit", "1", input=lines_in(["t"]))
    assert first.exit_code == 0, first.output
    other = tmp_path / "other"
    other.mkdir()
    monkeypatch.chdir(other)  # neither ./decks nor TIESQUIZ_DECKS has it
    again = invoke("study", "mine", "--plain", "--limit", "1", input=lines_in(["t"]))
    assert again.exit_code == 0 and "Studied 1 card" in again.output, again.output
    stats = json.loads(invoke("stats", "--json").output)
    assert stats["orphans"] == [] and stats["decks"]["mine"]["total"] == 2
    assert json.loads(invoke("due", "--json").output)["decks"]["mine"]["new"] == 0


def test_a_remembered_deck_whose_file_is_gone_is_reported(mine: Path) -> None:
    invoke("study", str(mine), "--plain", "--limit", "1", input=lines_in(["t"]))
    mine.unlink()
    data = json.loads(invoke("stats", "--json").output)
    assert data["gone"] == {"mine": str(mine.resolve())}
    assert data["orphans"] == []  # its cards are reported with their deck, not as orphans
    text = "".join(invoke("stats").output.split())  # rich may fold a long path anywhere
    assert f"Deckmine:itsfile{mine.resolve()}isgone" in text


def test_a_moved_deck_is_not_gone_when_another_deck_is_named(
    mine: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Its remembered file is gone, but it is on the search path now, unchanged and cached:
    ``stats OTHER`` must read it all the same, not call it gone."""
    from tiesquiz.deck import cache

    monkeypatch.setattr(cache, "RACY_NS", 0)  # trust the cache's summaries at once
    invoke("study", str(mine), "--plain", "--limit", "1", input=lines_in(["t"]))
    (Path.cwd() / "decks").mkdir()
    mine.rename(Path.cwd() / "decks" / "mine.yaml")
    assert invoke("decks").exit_code == 0  # read once where it is now, and cached
    data = json.loads(invoke("stats", "community", "--json").output)
    assert data["gone"] == {}
