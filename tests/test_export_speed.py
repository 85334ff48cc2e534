"""Exports do less work for the same files: an Anki package's notes go into its collection in
bulk (the very rows genanki writes one by one), and GIFT leaves text with nothing to escape
as it is."""

from __future__ import annotations

import random
import sqlite3
import zipfile
from pathlib import Path

import genanki
import pytest

from helpers.decks import fixture_deck
from tiesquiz.deck import resolve
from tiesquiz.export import anki, gift


def rows(package: Path, folder: Path) -> dict[str, list[tuple[object, ...]]]:
    with zipfile.ZipFile(package) as archive:
        archive.extract("collection.anki2", folder)
    with sqlite3.connect(folder / "collection.anki2") as db:
        return {t: sorted(db.execute(f"select * from {t}")) for t in ("notes", "cards", "col")}


def test_notes_go_in_in_bulk_as_genanki_writes_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    decks = [fixture_deck(), *resolve([]).decks.values()]  # and the shipped decks
    theirs = anki.build_package(decks)
    for deck in theirs.decks:
        deck.__class__ = genanki.Deck  # genanki's own, note by note
    theirs.write_to_file(str(tmp_path / "theirs.apkg"), timestamp=1_700_000_000.5)

    def one_by_one(*args: object) -> None:
        raise AssertionError("a note written by itself")

    monkeypatch.setattr(genanki.Note, "write_to_db", one_by_one)
    anki.write_apkg(decks, tmp_path / "ours.apkg", timestamp=1_700_000_000.5)
    ours = rows(tmp_path / "ours.apkg", tmp_path / "ours")
    assert ours == rows(tmp_path / "theirs.apkg", tmp_path / "theirs")
    assert len(ours["notes"]) == sum(len(d.cards) for d in decks)
    assert len(ours["cards"]) > len(ours["notes"])  # a cloze card with two gaps: two cards


def test_guids_are_genankis() -> None:
    rng = random.Random(7)
    for _ in range(3000):
        deck = "".join(rng.choice("abcŞə-_") for _ in range(rng.randint(0, 12)))
        card = str(rng.randint(0, 10**9))
        assert anki.guid_for(deck, card) == genanki.guid_for(deck, card)


def reference_escape(text: str) -> str:
    """GIFT's escaping, character by character, as it was first written."""
    out = "".join("\\" + ch if ch in gift.SPECIAL else ch for ch in text)
    out = out.replace("\r\n", "\n").replace("\n", "\\n").replace("->", "-" + gift.ZWSP + ">")
    return gift.ZWSP + out if out.lstrip().startswith(("%", "[")) else out


def test_gift_leaves_text_with_nothing_to_escape_as_it_is() -> None:
    plain = "Where is the Red Village? In Quba, 168 km from Baku."
    assert gift.escape(plain) is plain
    rng = random.Random(3)
    alphabet = [*gift.SPECIAL, *"\r\n->%[ ab\t\u3000\u2028\xa0"]
    for _ in range(20000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 10)))
        assert gift.escape(text) == reference_escape(text)
