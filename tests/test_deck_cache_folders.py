"""The deck cache is keyed by the deck's real path and content: one deck used from two folders
(named relative to each, or through a link) has one entry, read without parsing again, and its
problems are said under the name it goes by where it is read."""

from __future__ import annotations

from pathlib import Path

import pytest

from tiesquiz.deck import cache as deck_cache
from tiesquiz.deck import parse
from tiesquiz.deck.reading import read_deck_file

DECK = (
    "deck: places\ntitle: Places\ncards:\n"
    "  - {id: city, type: typed, question: Where is the Red Village?, answer: Quba,"
    " explanation: E, source: S}\n"
    "  - {id: broken, type: typed, question: No answer here}\n"
)


def counted_parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    seen: list[str] = []
    real = parse.parse_document

    def counting(loaded, path, filename=None):  # type: ignore[no-untyped-def]
        seen.append(str(filename))
        return real(loaded, path, filename)

    monkeypatch.setattr(parse, "parse_document", counting)
    return seen


def test_one_deck_named_from_two_folders_is_parsed_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    course = tmp_path / "course"
    (course / "decks").mkdir(parents=True)
    deck = course / "decks" / "places.yaml"
    deck.write_text(DECK, encoding="utf-8")
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "link.yaml").symlink_to(deck)
    cache = tmp_path / "cache"
    monkeypatch.setattr(deck_cache, "RACY_NS", 0)
    parses = counted_parses(monkeypatch)
    names = [
        (course, Path("decks/places.yaml"), "decks/places.yaml"),
        (tmp_path, Path("course/decks/places.yaml"), "course/decks/places.yaml"),
        (tmp_path / "elsewhere", Path("link.yaml"), "link.yaml"),
        (course, Path("decks/places.yaml"), "decks/places.yaml"),
    ]
    for cwd, path, display in names:
        monkeypatch.chdir(cwd)
        result = read_deck_file(path, display, cache=cache)
        assert result.deck is not None and result.deck.path == path
        assert {p.file for p in result.problems} == {display}
        assert [c.id for c in result.deck.cards] == ["city"]
    assert parses == ["decks/places.yaml"]
    assert len(list(cache.glob("*.json"))) == 1


def test_an_entry_for_other_text_is_not_read_past_its_first_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    deck = tmp_path / "places.yaml"
    deck.write_text(DECK, encoding="utf-8")
    cache = tmp_path / "cache"
    read_deck_file(deck, "places.yaml", cache=cache)
    deck.write_text(DECK.replace("Quba", "Baku"), encoding="utf-8")  # edited: the entry is stale
    bodies: list[int] = []
    real = deck_cache.zlib.crc32

    def checked(data: bytes, *rest: int) -> int:
        if len(data) > 200:  # a parse's bytes, not a path's
            bodies.append(len(data))
        return real(data, *rest)

    monkeypatch.setattr(deck_cache.zlib, "crc32", checked)
    result = read_deck_file(deck, "places.yaml", cache=cache)
    assert result.deck is not None and result.deck.cards[0].answer_text() == "Baku"
    assert len(bodies) == 1  # the new entry's, as it is written; the old one's never read
