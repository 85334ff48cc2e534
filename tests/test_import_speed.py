"""What ``tiesquiz import`` does once, not twice: the deck written is parsed once (the check before
writing is what it reads back as), and the cards in printable ASCII are written by libyaml, with
exactly the text PyYAML's own emitter writes."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from helpers.cli import invoke
from tiesquiz import reimport
from tiesquiz.deck import parse, write

SHEET = (
    "question,answer,type,explanation,tags\n"
    "Where is the Red Village?,Quba,typed,In the north.,places | people\n"
    'Which city is Şəki?,Şəki,typed,"Two lines:\nhere.",\n'
    "Who petitioned?,The rabbis 😀,typed,,\n"
    "What is 2+2?,4,typed,: colon first,\n"
)


def test_the_deck_written_is_parsed_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    sheet = tmp_path / "sheet.csv"
    sheet.write_text(SHEET, encoding="utf-8")
    parses: list[object] = []
    real = reimport.parse_document

    def counted(*args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        parses.append(args)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(reimport, "parse_document", counted)
    monkeypatch.setattr(parse, "parse_document", counted)  # what reading a deck file uses
    result = invoke("import", str(sheet), "-o", str(tmp_path / "deck.yaml"))
    assert result.exit_code == 0, result.output
    assert "Imported 4 cards" in result.output
    assert len(parses) == 1


def test_ascii_cards_are_written_by_libyaml_as_python_writes_them(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    cards = [
        {"id": "one", "type": "typed", "question": "Where? - in: the north", "answer": "Quba"},
        {"id": "two", "type": "typed", "question": "Şəki?", "answer": "Şəki"},
        {"id": "three", "type": "flashcard", "question": "Q", "answer": "two\nlines\n\n"},
        {"id": "four", "type": "typed", "question": "x" * 150, "answer": "'quoted'"},
        {"id": "five", "type": "typed", "question": "emoji 😀", "answer": "a\tb"},
    ]
    data = {"deck": "d", "title": "Deck", "tags": ["a"], "cards": cards}
    fast: list[bool] = []
    real = write._dump

    def counted(value: object, is_fast: bool) -> str:
        fast.append(is_fast)
        return real(value, is_fast)

    monkeypatch.setattr(write, "_dump", counted)
    text = write.dump_deck(data, schema="s.json")
    expected = yaml.dump(
        data,
        Dumper=write._Dumper,
        sort_keys=False,
        allow_unicode=True,
        width=100,
        default_flow_style=False,
    )
    assert text == f"# yaml-language-server: $schema=s.json\n{expected}"
    assert fast == [False, True, False, True, False]  # the head, then runs of cards
