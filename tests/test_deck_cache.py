"""The deck cache: an unchanged deck is not parsed again; any change, a corrupt entry or two
processes at once still give the right deck."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from helpers.cli import invoke
from tiesquiz.deck import parse
from tiesquiz.deck.reading import read_deck_file

DECK = (
    "deck: places\ntitle: Places\ncards:\n"
    "  - {id: city, type: typed, question: Where is the Red Village?, answer: Quba,"
    " explanation: E, source: S}\n"
)


@pytest.fixture
def deck(tmp_path: Path) -> Path:
    path = tmp_path / "places.yaml"
    path.write_text(DECK, encoding="utf-8")
    return path


def _answer(path: Path, cache: Path) -> str:
    result = read_deck_file(path, cache=cache)
    assert result.deck is not None
    return result.deck.cards[0].answer_text()


def test_an_unchanged_deck_is_not_parsed_again(
    deck: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    assert _answer(deck, cache) == "Quba"
    assert list(cache.glob("*.pickle"))

    def no_parsing(*args: object, **kwargs: object) -> None:
        raise AssertionError("parsed again")

    monkeypatch.setattr(parse, "parse_document", no_parsing)
    assert _answer(deck, cache) == "Quba"


def test_a_same_size_edit_in_the_same_second_is_seen(deck: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    assert _answer(deck, cache) == "Quba"
    before = deck.stat()
    deck.write_text(DECK.replace("Quba", "Baku"), encoding="utf-8")
    os.utime(deck, ns=(before.st_atime_ns, before.st_mtime_ns))  # same size, same mtime
    assert deck.stat().st_size == before.st_size and deck.stat().st_mtime_ns == before.st_mtime_ns
    assert _answer(deck, cache) == "Baku"


def test_a_corrupt_or_foreign_entry_is_ignored_and_rebuilt(deck: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    _answer(deck, cache)
    [entry] = cache.glob("*.pickle")
    for junk in (b"", b"not a pickle at all", entry.read_bytes()[:40]):
        entry.write_bytes(junk)
        assert _answer(deck, cache) == "Quba"
    assert entry.stat().st_size > 100  # written again, whole


def test_an_unwritable_cache_is_not_used_and_no_error(deck: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    assert _answer(deck, blocker / "cache") == "Quba"


def test_two_processes_building_the_cache_at_once_both_get_the_deck(
    deck: Path, tmp_path: Path
) -> None:
    cache = tmp_path / "cache"
    code = (
        "import sys; from pathlib import Path; from tiesquiz.deck.reading import read_deck_file\n"
        "for _ in range(30):\n"
        "    r = read_deck_file(Path(sys.argv[1]), cache=Path(sys.argv[2]))\n"
        "    assert r.deck is not None and r.deck.cards[0].answer_text() == 'Quba', r\n"
        "print('ok')\n"
    )
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", code, str(deck), str(cache)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    for proc in procs:
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0 and out.strip() == "ok", err
    assert _answer(deck, cache) == "Quba"
    assert not list(cache.glob(".*.tmp"))  # no half-written entries left behind


def test_commands_use_the_cache_folder_the_environment_names(
    deck: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TIESQUIZ_DECKS", str(tmp_path))
    monkeypatch.setenv("TIESQUIZ_CACHE", str(tmp_path / "mine"))
    assert invoke("show", "places").exit_code == 0
    assert list((tmp_path / "mine").glob("*.pickle"))
    monkeypatch.setenv("TIESQUIZ_CACHE", "off")
    assert invoke("show", "places").exit_code == 0
