"""Decks are found on every search path and named by id or path."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from helpers.paths import FIXTURES
from tiesquiz.cli import cli
from tiesquiz.deck.discover import DeckSearch, bundled_dir, load_library, resolve
from tiesquiz.errors import DeckError, DeckNotFound

REPORT_IDS = {"community", "religious-freedom", "economy", "diplomacy", "abraham-accords"}


def deck_file(folder: Path, deck_id: str, title: str = "T") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{deck_id}.yaml"
    path.write_text(
        f"deck: {deck_id}\ntitle: {title}\ncards:\n"
        "  - {id: a, type: truefalse, question: Q, answer: true, explanation: E, source: S}\n",
        encoding="utf-8",
    )
    return path


def test_bundled_decks_are_found() -> None:
    assert bundled_dir() is not None
    assert set(load_library().decks) >= REPORT_IDS


def test_decks_in_cwd_decks_folder(isolated: Path) -> None:
    deck_file(Path.cwd() / "decks", "local")
    assert "local" in load_library().decks


def test_decks_in_env_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    deck_file(tmp_path / "one", "from-env-one")
    deck_file(tmp_path / "two", "from-env-two")
    folders = os.pathsep.join([str(tmp_path / "one"), str(tmp_path / "two")])
    decks = load_library(where=DeckSearch.from_text(Path.cwd(), folders)).decks
    assert {"from-env-one", "from-env-two"} <= set(decks)
    # The command line reads the same list from TIESQUIZ_DECKS.
    monkeypatch.setenv("TIESQUIZ_DECKS", folders)
    listed = CliRunner().invoke(cli, ["decks", "--json"])
    assert {"from-env-one", "from-env-two"} <= {d["id"] for d in json.loads(listed.output)}


def test_deck_named_by_path_on_command_line(tmp_path: Path) -> None:
    path = deck_file(tmp_path / "elsewhere", "by-path")
    library = resolve([str(path)])
    assert list(library.decks) == ["by-path"]
    result = CliRunner().invoke(cli, ["show", str(path)])
    assert result.exit_code == 0 and "by-path" in result.output


def test_deck_named_by_id() -> None:
    assert list(resolve(["economy"]).decks) == ["economy"]


def test_unknown_deck_name_lists_what_exists() -> None:
    with pytest.raises(DeckNotFound, match=r"no deck named 'nope'.*economy"):
        resolve(["nope"])


def test_local_copy_shadows_the_bundled_deck() -> None:
    folder = Path.cwd() / "decks"
    deck_file(folder, "economy", title="My own economy deck")
    assert load_library().decks["economy"].title == "My own economy deck"


def test_a_deck_with_errors_is_refused_for_study(tmp_path: Path) -> None:
    folder = tmp_path / "bad"
    folder.mkdir()
    shutil.copy(FIXTURES / "bad" / "cloze-no-gap.yaml", folder / "x.yaml")
    with pytest.raises(DeckError, match="cloze card needs at least one gap"):
        resolve([str(folder / "x.yaml")])


def test_decks_command_lists_ids_titles_and_types() -> None:
    result = CliRunner().invoke(cli, ["decks"])
    assert result.exit_code == 0
    for deck_id in REPORT_IDS:
        assert deck_id in result.output
    assert "The economic relationship" in result.output
    assert "truefalse" in result.output


def test_a_broken_deck_never_blocks_the_others(tmp_path: Path) -> None:
    """Studying every deck: the broken one is named with file:line and left out; named, it is
    refused with its errors."""
    folder = tmp_path / "decks"
    folder.mkdir()
    shutil.copy(FIXTURES / "bad" / "cloze-no-gap.yaml", folder / "broken.yaml")
    (folder / "unreadable.yaml").write_bytes(b"deck: x\n\xff\xfe")
    shutil.copy(FIXTURES / "good" / "all-types.yaml", folder / "all-types.yaml")
    env = {"TIESQUIZ_DECKS": str(folder)}
    result = CliRunner().invoke(cli, ["study", "--plain", "--limit", "1"], input="\n3\n", env=env)
    assert result.exit_code == 0, result.output
    assert "broken.yaml:8:15: q1: error:" in result.output
    assert "(skipped; see every problem with 'tiesquiz lint" in result.output
    assert "unreadable.yaml:2:1: the file is not UTF-8 text" in result.output
    assert "Studied 1 card" in result.output
    named = CliRunner().invoke(cli, ["study", "bad", "--plain"], input="", env=env)
    assert named.exit_code == 1 and "cloze card needs at least one gap" in named.output
