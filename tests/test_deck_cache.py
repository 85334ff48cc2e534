"""The deck cache: an unchanged deck is not parsed again; any change, a corrupt entry or two
processes at once still give the right deck."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from helpers.cli import invoke
from tiesquiz.deck import cache as deck_cache
from tiesquiz.deck import discover, parse
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
    assert list(cache.glob("*.json"))

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
    [entry] = cache.glob("*.json")
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
    assert list((tmp_path / "mine").glob("*.json"))
    monkeypatch.setenv("TIESQUIZ_CACHE", "off")
    assert invoke("show", "places").exit_code == 0


OTHER = DECK.replace("deck: places", "deck: others").replace("title: Places", "title: Others")


@pytest.fixture
def two_decks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Path]:
    """``places`` and ``others`` on the search path, the cache filled, and each file's reads
    counted. The "racy" margin is set to nothing: these files were written a moment ago."""
    folder = tmp_path / "decks"
    folder.mkdir()
    paths = {"places": folder / "places.yaml", "others": folder / "others.yaml"}
    paths["places"].write_text(DECK, encoding="utf-8")
    paths["others"].write_text(OTHER, encoding="utf-8")
    monkeypatch.setenv("TIESQUIZ_DECKS", str(folder))
    monkeypatch.setattr(deck_cache, "RACY_NS", 0)
    assert invoke("decks").exit_code == 0  # every deck read once, and cached
    return paths


def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    seen: list[str] = []
    real = discover.read_deck_file

    def counting(path: Path, *args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        seen.append(path.name)
        return real(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(discover, "read_deck_file", counting)
    return seen


def test_a_deck_named_is_the_only_one_read(
    two_decks: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    seen = reads(monkeypatch)
    for args in (("show", "places"), ("study", "places", "--plain"), ("quiz", "places", "--plain")):
        result = invoke(*args, input=":q\n")
        assert result.exit_code == 0, result.output
        assert "Where is the Red Village?" in result.output
    assert "others.yaml" not in seen and "places.yaml" in seen


def test_due_reads_no_unchanged_deck_at_all(
    two_decks: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    seen = reads(monkeypatch)
    result = invoke("due", "--json")
    assert result.exit_code == 0, result.output
    assert {"places", "others"} <= set(json.loads(result.output)["decks"])
    assert seen == []
    assert invoke("due", "others", "--json").exit_code == 0 and seen == []


def test_a_changed_deck_is_read_again_even_with_its_times_put_back(
    two_decks: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """An edit is seen by its size and times; one that keeps the size and puts the modification
    time back still changes the inode's change time, so the deck is read, not trusted."""
    path = two_decks["others"]
    second = OTHER.split("cards:\n")[1].replace("id: city", "id: town")
    path.write_text(OTHER + second, encoding="utf-8")
    seen = reads(monkeypatch)
    result = invoke("due", "others", "--json")
    assert result.exit_code == 0 and json.loads(result.output)["decks"]["others"]["new"] == 2
    assert seen == ["others.yaml"]
    assert invoke("due", "others", "--json").exit_code == 0 and seen == ["others.yaml"]
    before = path.stat()
    path.write_text((OTHER + second).replace("Quba", "Baku"), encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size
    assert path.stat().st_mtime_ns == before.st_mtime_ns
    assert invoke("due", "others", "--json").exit_code == 0
    assert seen == ["others.yaml", "others.yaml"]


def test_a_deck_written_a_moment_ago_is_never_trusted_unread(
    deck: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Within the clock's resolution of being read, a file could change again with the same
    times: its summary is not used until its times are older than that (here 50 ms), and the
    next read after that makes the entry trustworthy."""
    monkeypatch.setattr(deck_cache, "RACY_NS", 50_000_000)
    cache = tmp_path / "cache"
    read_deck_file(deck, cache=cache)
    display = str(deck)
    assert deck_cache.peek(cache, deck, display, deck.stat()) is None  # just written: racy
    time.sleep(0.1)
    assert deck_cache.peek(cache, deck, display, deck.stat()) is None  # made while racy
    read_deck_file(deck, cache=cache)  # the same bytes: the entry is made again, trusted now
    summary = deck_cache.peek(cache, deck, display, deck.stat())
    assert summary is not None and summary.keys == ("places/city",)


def test_reading_decks_again_and_again_keeps_no_memory(tmp_path: Path) -> None:
    """Every number, true/false and null of a deck was kept, with its YAML node, for the life
    of the process: each deck read made the next one slower. Reading it again must not grow."""
    import tracemalloc

    body = "".join(
        f"  - {{id: t{i}, type: truefalse, question: Statement {i}., answer: true,"
        f" explanation: E, source: S}}\n"
        f"  - {{id: n{i}, type: typed, question: How many {i}?, answer: {i}, explanation: E,"
        " source: S}\n"
        for i in range(300)
    )
    deck = tmp_path / "numbers.yaml"
    deck.write_text(f"deck: numbers\ntitle: Numbers\ncards:\n{body}", encoding="utf-8")
    read_deck_file(deck)  # warm: imports, caches of compiled patterns
    tracemalloc.start()
    try:
        read_deck_file(deck)
        after_one = tracemalloc.get_traced_memory()[0]
        for _ in range(5):
            read_deck_file(deck)
        after_six = tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
    assert after_six - after_one < 50_000, (after_one, after_six)


# -- nothing read from the cache runs code ---------------------------------------------------------


class _Planted:
    """What an attacker pickles: unpickling it calls a function of their choice."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, ...]:
        return (os.mkdir, (str(self.marker),))


def _plant(entry: Path, marker: Path, *, in_header: bool) -> None:
    import pickle

    if in_header:
        entry.write_bytes(pickle.dumps(_Planted(marker)))
    else:  # a genuine header, then the payload where the parse should be
        header_end = entry.read_bytes().index(b"\n") + 1
        entry.write_bytes(entry.read_bytes()[:header_end] + pickle.dumps(_Planted(marker)))


@pytest.mark.parametrize("in_header", [True, False], ids=["header", "parse"])
def test_a_planted_entry_runs_no_code_and_is_rebuilt(
    deck: Path, tmp_path: Path, in_header: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    _answer(deck, cache)
    [entry] = cache.glob("*.json")
    marker = tmp_path / "code-ran"
    _plant(entry, marker, in_header=in_header)
    old = time.time() - 60  # old enough to be trusted unread: the entry is what is read
    os.utime(deck, (old, old))
    assert _answer(deck, cache) == "Quba"
    assert not marker.exists()
    _plant(entry, marker, in_header=in_header)
    monkeypatch.setenv("TIESQUIZ_CACHE", str(cache))
    monkeypatch.setenv("TIESQUIZ_DECKS", str(deck.parent))
    result = invoke("due")
    assert result.exit_code == 0 and "places" in result.output, result.output
    assert not marker.exists()


def test_a_folder_others_may_write_to_is_not_used(deck: Path, tmp_path: Path) -> None:
    """A shared TIESQUIZ_CACHE (group or world writable) is as good as off: no entry is read from
    it, and none is written, so nothing another user planted there is ever loaded."""
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o777)
    assert _answer(deck, shared) == "Quba"
    assert list(shared.iterdir()) == []
    shared.chmod(0o700)  # the same folder, private: used
    assert _answer(deck, shared) == "Quba"
    assert list(shared.glob("*.json"))


def test_the_folders_made_are_private_whatever_the_umask(deck: Path, tmp_path: Path) -> None:
    """With umask 000, ``mkdir(parents=True)`` made ``~/.cache/tiesquiz`` 0777."""
    old = os.umask(0)
    try:
        _answer(deck, tmp_path / "u" / ".cache" / "tiesquiz" / "decks")
    finally:
        os.umask(old)
    for folder in ("u", "u/.cache", "u/.cache/tiesquiz", "u/.cache/tiesquiz/decks"):
        mode = (tmp_path / folder).stat().st_mode & 0o777
        assert mode == 0o700, (folder, oct(mode))
