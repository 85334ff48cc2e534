"""Folders whose names are not UTF-8 (issue 26, finding 7): a teacher's folder named in Latin-1
bytes (``caf\\xe9``), for the decks, the progress file and the deck cache. ``due``, ``decks`` and
``stats`` raised UnicodeEncodeError in the cache (its entry's name was made from the path as
UTF-8), and the cache could not hold such a deck's parse in JSON; every command works now, with
the cache on (and used) or off. Skipped where the file system refuses such a name (macOS)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from helpers.cli import invoke, lines_in

DECK = (
    "deck: places\ntitle: Places\ncards:\n"
    "  - {id: city, type: typed, question: Where is the Red Village?, answer: Quba,"
    " explanation: E}\n"  # no source: a warning, which names the file
)


def latin1(parent: Path, name: bytes) -> Path:
    """A folder named by bytes that are not UTF-8, or a skip where the file system refuses."""
    folder = parent / os.fsdecode(name)
    try:
        folder.mkdir()
    except (OSError, UnicodeEncodeError) as exc:
        pytest.skip(f"this file system refuses a name that is not UTF-8: {exc}")
    return folder


@pytest.fixture
def cafe(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    decks = latin1(tmp_path, b"caf\xe9")
    (decks / "places.yaml").write_text(DECK, encoding="utf-8")
    monkeypatch.setenv("TIESQUIZ_DECKS", str(decks))
    state = latin1(tmp_path, b"\xe9tat")
    monkeypatch.setenv("TIESQUIZ_STATE", str(state / "progress.json"))
    return decks


@pytest.mark.parametrize("cache", ["on", "off"])
def test_decks_progress_and_cache_in_folders_named_in_latin1(
    cafe: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cache: str
) -> None:
    folder = tmp_path / os.fsdecode(b"cach\xe9")
    monkeypatch.setenv("TIESQUIZ_CACHE", str(folder) if cache == "on" else "off")
    for _ in range(2):  # the second time, from the cache
        for command in (["due"], ["decks"], ["stats"], ["show", "places"]):
            result = invoke(*command)
            assert result.exit_code == 0, (command, result.output)
            assert "Traceback" not in result.output and result.exception is None
        assert "places" in invoke("decks").output
        due = json.loads(invoke("due", "--json").output)
        assert due["decks"]["places"]["new"] == 1
    if cache == "on":
        assert len(list(folder.glob("*.json"))) >= 1
    studied = invoke("study", "places", "--plain", input=lines_in(["Quba", ":q"]))
    assert studied.exit_code == 0, studied.output
    assert "1 right" in studied.output
    assert json.loads(invoke("due", "--json").output)["decks"]["places"]["new"] == 0
    lint = invoke("lint", str(cafe / "places.yaml"))
    assert "places.yaml:4:5: city: warning: no source" in lint.output, lint.output


def test_a_latin1_deck_is_cached_with_its_warning_and_file_name(
    cafe: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The cache holds the parse of a deck in such a folder (JSON cannot hold the name: it is
    put back from the entry's key), problems and all, and reads it back unparsed."""
    from tiesquiz.deck import cache as deck_cache
    from tiesquiz.deck import parse
    from tiesquiz.deck.reading import read_deck_file

    monkeypatch.setattr(deck_cache, "RACY_NS", 0)
    path, cache = cafe / "places.yaml", tmp_path / "cache"
    first = read_deck_file(path, str(path), cache)
    assert first.problems and first.problems[0].file == str(path)

    def no_parsing(*args: object, **kwargs: object) -> None:
        raise AssertionError("parsed again")

    monkeypatch.setattr(parse, "parse_document", no_parsing)
    assert read_deck_file(path, str(path), cache) == first
    summary = deck_cache.peek(cache, path, str(path), path.stat())
    assert summary is not None and summary.path == path
