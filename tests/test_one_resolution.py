"""One resolution for every command: a deck id finds the same file in ``study``, ``quiz``,
``show``, ``export`` and ``decks``; a remembered copy from another folder is named once; two files
with one id are named, with how to choose."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers.cli import invoke, lines_in

REPLACED = "The key of the class"
CLASS_COPY = (
    "deck: economy\ntitle: Class economy\ncards:\n"
    "  - {id: oil, type: typed, question: Which commodity does Azerbaijan sell Israel?,"
    f" answer: gas, explanation: '{REPLACED}.', source: para 9}}\n"
)


@pytest.fixture
def remembered(tmp_path: Path, state: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The class studied economy from its folder, whose copy differs from the bundled one."""
    klass = tmp_path / "class"
    (klass / "decks").mkdir(parents=True)
    (klass / "decks" / "economy.yaml").write_text(CLASS_COPY, encoding="utf-8")
    monkeypatch.chdir(klass)
    done = invoke(
        "--state", str(state), "study", "economy", "--plain", input=lines_in(["gas", ":q"])
    )
    assert done.exit_code == 0, done.output
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    return klass / "decks" / "economy.yaml"


@pytest.mark.parametrize("command", [["show", "economy", "--answers"], ["decks"]])
def test_show_and_decks_read_the_copy_study_uses(
    remembered: Path, state: Path, command: list[str]
) -> None:
    result = invoke("--state", str(state), *command)
    assert result.exit_code == 0, result.output
    assert "Class economy" in result.stdout
    if command[0] == "show":
        assert REPLACED in result.stdout
        said = [ln for ln in result.stderr.splitlines() if "where you studied it before" in ln]
        assert len(said) == 1 and "economy.yaml" in said[0]


def test_export_reads_the_copy_study_uses(remembered: Path, state: Path, tmp_path: Path) -> None:
    out = tmp_path / "e.csv"
    result = invoke("--state", str(state), "export", "economy", "--to", "csv", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert "gas" in out.read_text(encoding="utf-8")


def test_two_files_with_one_id_are_named_with_how_to_choose(
    tmp_path: Path, state: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "decks").mkdir()
    (tmp_path / "decks" / "geo.yaml").write_text(
        CLASS_COPY.replace("economy", "geo"), encoding="utf-8"
    )
    other = tmp_path / "other"
    other.mkdir()
    (other / "geo.yaml").write_text(
        CLASS_COPY.replace("economy", "geo").replace("Class", "Other"), encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("TIESQUIZ_DECKS", str(other))
    result = invoke("--state", str(state), "show", "geo")
    assert result.exit_code == 0
    assert "Other geo" in result.stdout  # TIESQUIZ_DECKS comes after ./decks
    [line] = [ln for ln in result.stderr.splitlines() if "two files have the deck id 'geo'" in ln]
    assert "decks/geo.yaml" in line and "Give one of them another 'deck:' id" in line


def test_a_copy_of_a_bundled_deck_overrides_it_quietly(
    tmp_path: Path, state: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "decks").mkdir()
    (tmp_path / "decks" / "economy.yaml").write_text(CLASS_COPY, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = invoke("--state", str(state), "show", "economy")
    assert result.exit_code == 0 and "Class economy" in result.stdout
    assert "two files" not in result.stderr


def test_no_note_from_the_folder_the_deck_is_found_in(
    remembered: Path, state: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Back in the class folder, the remembered file is the one found there: nothing to say."""
    monkeypatch.chdir(remembered.parent.parent)
    result = invoke("--state", str(state), "show", "economy")
    assert result.exit_code == 0 and "Class economy" in result.stdout
    assert "where you studied it before" not in result.stderr
