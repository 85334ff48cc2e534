"""The deck cache holds data only (issue 26, finding 1): an entry is two lines of JSON, read back
into exactly the parse it was made from, and an entry that is planted, damaged, forged with a
right checksum, a link or a FIFO is at worst rebuilt: it never runs code, crashes or hangs. A
cache folder others may write to is not used, and that is said once a process."""

from __future__ import annotations

import os
import subprocess
import sys
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson
import pytest

from helpers.cli import invoke
from tiesquiz.deck import cache as deck_cache
from tiesquiz.deck.discover import bundled_dir
from tiesquiz.deck.model import CARD_TYPES
from tiesquiz.deck.problems import ParseResult
from tiesquiz.deck.reading import read_deck_file

#: Every card type, every optional field away from its default, and a warning (no source).
EVERYTHING = """\
deck: every
title: Every field
description: A deck that sets every field.
source: The report
tags: [one, two]
exam: 2026-12-03
lint: {ignore: [absolute-words]}
cards:
  - {id: f, type: flashcard, question: Front, answer: Back, explanation: E, source: S,
     hint: H, tags: [t1], lint: {ignore: [negative-stem]}}
  - {id: c, type: choice, question: Which is all of it?, answer: Quba, distractors: [Baku, Gabala],
     explanation: E, source: S}
  - {id: m, type: multi, question: Which?, answer: [Jews, Christians], distractors: [Hindus],
     explanation: E, source: S}
  - {id: t, type: truefalse, question: Oil flows., answer: false, explanation: E}
  - {id: y, type: typed, question: How many?, answer: 70000, tolerance: 500,
     accept: [seventy thousand], explanation: E, source: S}
  - {id: z, type: typed, question: Which city?, answer: Quba, accept: [Guba, Kuba],
     explanation: E, source: S}
  - {id: g, type: cloze, question: "{{Security}}, {{innovation|tech}} and {{trade}}.",
     any_order: [[1, 2]], explanation: E, source: S}
  - {id: o, type: order, question: Order them., answer: [First, Second, Third],
     explanation: E, source: S}
  - {id: p, type: match, question: Match them., answer: {Hier: SWC, Sa'ar: Israel},
     explanation: E, source: S}
"""


@pytest.fixture
def deck(tmp_path: Path) -> Path:
    path = tmp_path / "decks" / "every.yaml"
    path.parent.mkdir()
    path.write_text(EVERYTHING, encoding="utf-8")
    return path


@pytest.fixture(autouse=True)
def trusting(monkeypatch: pytest.MonkeyPatch) -> None:
    """No "racy" margin: a deck written a moment ago is trusted unread, so the entry, not the
    deck, is what is read next."""
    monkeypatch.setattr(deck_cache, "RACY_NS", 0)


def _lines(cache: Path) -> tuple[Path, dict[str, Any], Any]:
    """The one entry, as its header and its parse: two lines of JSON, nothing else."""
    [entry] = [p for p in cache.iterdir() if not p.name.startswith(".")]
    head, body = entry.read_bytes().split(b"\n", 1)
    return entry, orjson.loads(head), orjson.loads(body)


def _fresh(path: Path) -> ParseResult:
    return read_deck_file(path, str(path), None)


def test_an_entry_is_json_and_reads_back_as_the_same_parse(deck: Path, tmp_path: Path) -> None:
    decks = [deck, *sorted((bundled_dir() or Path()).glob("*.yaml"))]
    for path in decks:
        cache = tmp_path / "cache" / path.stem
        read_deck_file(path, str(path), cache)
        _, header, _ = _lines(cache)
        assert header["summary"]["keys"]
        cached = deck_cache.load_unchanged(cache, path, str(path), path.stat())
        assert cached == _fresh(path), path
        assert cached is not None and cached.deck is not None and cached.deck.path == path
        summary = deck_cache.peek(cache, path, str(path), path.stat())
        assert summary == deck_cache.Summary.of(cached)
    result = _fresh(deck)
    assert result.problems, "the deck has a warning, so the problems are cached too"
    assert result.deck is not None and {c.type for c in result.deck.cards} >= {"match", "cloze"}


def _reforge(entry: Path, change: Callable[[Any], Any]) -> None:
    """Change the parse and sign it again: a right checksum over wrong data."""
    head, body = entry.read_bytes().split(b"\n", 1)
    header = orjson.loads(head)
    data = change(orjson.loads(body))
    body = orjson.dumps(data)
    header["check"] = zlib.crc32(body)
    entry.write_bytes(orjson.dumps(header) + b"\n" + body)


def _set(where: tuple[Any, ...], value: Any) -> Callable[[Any], Any]:
    def change(data: Any) -> Any:
        at = data
        for step in where[:-1]:
            at = at[step]
        at[where[-1]] = value
        return data

    return change


CARDS = ("deck", "cards")
FORGED: dict[str, Callable[[Any], Any]] = {
    "text where a list of texts goes": _set((*CARDS, "choice", "fields", "distractors"), ["x"]),
    "a number where text goes": _set((*CARDS, "flashcard", "fields", "question"), [7]),
    "a field the class has not": _set((*CARDS, "flashcard", "fields", "__class__"), ["os"]),
    "a required field missing": _set((*CARDS, "flashcard", "fields"), {}),
    "a type that does not exist": _set((*CARDS, "os.system"), {"at": [0], "fields": {}}),
    "fewer gaps than the sentence": _set((*CARDS, "cloze", "fields", "gaps"), [[["x"]]]),
    "a gap group past the gaps": _set((*CARDS, "cloze", "fields", "groups"), [[[0, 9]]]),
    "two cards in one place": _set((*CARDS, "choice", "at"), [0]),
    "a column one card short": _set((*CARDS, "multi", "fields", "answers"), []),
    "two cards with one id": _set((*CARDS, "truefalse", "fields", "id"), ["f"]),
    "a date that is no date": _set(("deck", "exam"), "2026-02-30"),
    "a problem of no severity": _set(("problems", 0, 3), "fatal"),
    "not a parse at all": lambda data: [data],
    "nesting 100,000 deep": lambda data: {"deck": "[" * 100_000, "problems": []},
}


@pytest.mark.parametrize("change", FORGED.values(), ids=FORGED.keys())
def test_a_forged_entry_with_a_right_checksum_is_rebuilt(
    deck: Path, tmp_path: Path, change: Callable[[Any], Any]
) -> None:
    cache = tmp_path / "cache"
    read_deck_file(deck, str(deck), cache)
    entry, _, _ = _lines(cache)
    _reforge(entry, change)
    assert read_deck_file(deck, str(deck), cache) == _fresh(deck)
    assert deck_cache.load_unchanged(cache, deck, str(deck), deck.stat()) == _fresh(deck)


def test_a_damaged_byte_anywhere_in_the_parse_is_caught(deck: Path, tmp_path: Path) -> None:
    """A question's text changed on disk is still valid JSON of the right types: the checksum
    is what tells, and the deck is read again."""
    cache = tmp_path / "cache"
    read_deck_file(deck, str(deck), cache)
    entry, _, _ = _lines(cache)
    data = entry.read_bytes()
    entry.write_bytes(data.replace(b"Which is all of it?", b"Which is NOT of it?"))
    result = read_deck_file(deck, str(deck), cache)
    assert result.deck is not None and result.deck.cards[1].question == "Which is all of it?"


def test_a_link_a_fifo_or_a_huge_file_as_the_entry_is_not_read(
    deck: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Opening a FIFO waits for a writer: ``due`` hung. A link is not followed."""
    cache = tmp_path / "cache"
    read_deck_file(deck, str(deck), cache)
    entry, _, _ = _lines(cache)
    good = entry.read_bytes()
    elsewhere = tmp_path / "elsewhere.json"
    elsewhere.write_bytes(good)
    entry.unlink()
    entry.symlink_to(elsewhere)
    assert deck_cache.load_unchanged(cache, deck, str(deck), deck.stat()) is None
    entry.unlink()
    entry.write_bytes(good)
    limit = deck_cache.MAX_ENTRY_BYTES
    monkeypatch.setattr(deck_cache, "MAX_ENTRY_BYTES", len(good) - 1)
    assert deck_cache.load_unchanged(cache, deck, str(deck), deck.stat()) is None
    monkeypatch.setattr(deck_cache, "MAX_ENTRY_BYTES", limit)
    assert deck_cache.load_unchanged(cache, deck, str(deck), deck.stat()) is not None
    entry.unlink()
    os.mkfifo(entry)
    env = {**os.environ, "TIESQUIZ_CACHE": str(cache), "TIESQUIZ_DECKS": str(deck.parent)}
    done = subprocess.run(
        [sys.executable, "-m", "tiesquiz", "due"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0 and "every" in done.stdout, done.stderr


def test_a_shared_cache_folder_is_said_once_not_for_every_deck(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    decks = tmp_path / "decks"
    decks.mkdir()
    for name in ("one", "two", "three"):
        (decks / f"{name}.yaml").write_text(
            EVERYTHING.replace("deck: every", f"deck: {name}"), encoding="utf-8"
        )
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o777)
    env = {**os.environ, "TIESQUIZ_CACHE": str(shared), "TIESQUIZ_DECKS": str(decks)}
    for command in (["due"], ["decks"], ["study", "--plain"]):
        done = subprocess.run(
            [sys.executable, "-m", "tiesquiz", *command],
            env=env,
            input=":q\n",
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr
        said = [line for line in done.stderr.splitlines() if str(shared) in line]
        assert len(said) == 1 and "may be written by others" in said[0], done.stderr
        assert "TIESQUIZ_CACHE" in said[0] and "Traceback" not in done.stderr
    assert list(shared.iterdir()) == []


def test_a_cache_folder_that_is_not_yours_is_not_used(
    deck: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    theirs = tmp_path / "theirs"
    theirs.mkdir(mode=0o700)
    monkeypatch.setattr(deck_cache, "_told", set())
    monkeypatch.setattr(os, "getuid", lambda: os.stat(theirs).st_uid + 1)
    monkeypatch.setenv("TIESQUIZ_CACHE", str(theirs))
    monkeypatch.setenv("TIESQUIZ_DECKS", str(deck.parent))
    result = invoke("due")
    assert result.exit_code == 0, result.output
    assert result.stderr.count("is not yours") == 1 and str(theirs) in result.stderr
    assert list(theirs.iterdir()) == []


def test_every_card_field_has_a_reader() -> None:
    """A new card type with a field of a new type would otherwise never be cached (silently):
    its field needs a reader that checks it in ``cache_codec.COLUMNS``."""
    from tiesquiz.deck import cache_codec

    cache_codec._plans.cache_clear()
    assert set(cache_codec._plans()) == set(CARD_TYPES)


def test_the_pickle_an_earlier_release_kept_is_removed(deck: Path, tmp_path: Path) -> None:
    """Nothing reads it now, and it is a deck's whole parse in the user's cache."""
    cache = tmp_path / "cache"
    read_deck_file(deck, str(deck), cache)
    entry, _, _ = _lines(cache)
    old = entry.with_suffix(".pickle")
    old.write_bytes(b"an old entry")
    deck.write_text(EVERYTHING.replace("Front", "Front side"), encoding="utf-8")
    read_deck_file(deck, str(deck), cache)
    assert not old.exists() and entry.exists()
