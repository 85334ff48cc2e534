"""Every card type loads from YAML into the right domain value."""

from __future__ import annotations

from pathlib import Path

from helpers.paths import FIXTURES
from tiesquiz.deck.model import (
    ChoiceCard,
    ClozeCard,
    FlashCard,
    MatchCard,
    MultiCard,
    OrderCard,
    TrueFalseCard,
    TypedCard,
)
from tiesquiz.deck.reading import read_deck_file
from tiesquiz.deck.yamlio import load_yaml


def load_all_types():
    result = read_deck_file(FIXTURES / "good" / "all-types.yaml")
    assert result.errors == []
    assert result.deck is not None
    return {card.id: card for card in result.deck.cards}


def test_every_type_loads() -> None:
    cards = load_all_types()
    assert isinstance(cards["flash"], FlashCard) and cards["flash"].answer == "Back of the card"
    choice = cards["choice"]
    assert isinstance(choice, ChoiceCard)
    assert choice.answer == "Quba" and choice.distractors == ("Baku", "Jerusalem")
    assert choice.hint == "Starts with Q."
    multi = cards["multi"]
    assert isinstance(multi, MultiCard) and multi.answers == ("Jews", "Christians")
    assert multi.options == ("Jews", "Christians", "Hindus")
    tf = cards["tf"]
    assert isinstance(tf, TrueFalseCard) and tf.answer is True
    typed = cards["typed"]
    assert isinstance(typed, TypedCard)
    assert typed.numeric and typed.answer == "70000" and typed.tolerance == 500.0
    assert typed.accept == ("seventy thousand",)
    cloze = cards["cloze"]
    assert isinstance(cloze, ClozeCard)
    assert cloze.gaps == (("Red Village", "Red village"), ("Quba",))
    assert cloze.blanked() == "The [1]_____ is in [2]_____."
    assert cloze.filled() == "The Red Village is in Quba."
    order = cards["order"]
    assert isinstance(order, OrderCard) and order.items == ("First", "Second", "Third")
    match = cards["match"]
    assert isinstance(match, MatchCard)
    assert match.pairs[0] == ("Hier", "Simon Wiesenthal Center")
    assert match.pairs[2] == ("1907", "A number as a key")


def test_cards_keep_deck_key_and_position() -> None:
    cards = load_all_types()
    assert cards["flash"].key == "all-types/flash"
    assert cards["flash"].line == 8 and cards["flash"].col == 5


def test_bom_is_accepted(tmp_path: Path) -> None:
    text = (FIXTURES / "good" / "all-types.yaml").read_text(encoding="utf-8")
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode())
    result = read_deck_file(path)
    assert result.errors == [] and result.deck is not None and len(result.deck.cards) == 8


def test_dates_and_numbers_keep_the_text_as_written() -> None:
    loaded = load_yaml("a: 2024-01-05\nb: 1.50\n")
    assert loaded.data["a"] == "2024-01-05"
    assert loaded.raw(("b",)) == "1.50"


def test_quoted_yes_is_text_but_bare_yes_in_a_text_field_is_explained(tmp_path: Path) -> None:
    path = tmp_path / "d.yaml"
    path.write_text(
        "deck: d\ntitle: T\ncards:\n  - id: a\n    type: typed\n    question: Q?\n    answer: no\n",
        encoding="utf-8",
    )
    result = read_deck_file(path)
    [error] = result.errors
    assert "put it in quotes" in error.message and error.line == 7
