"""Every card type is known to every concern, and a new type is found wanting until it is.

What differs by card type lives in named tables (:mod:`tiesquiz.deck.registry`). A throwaway
ninth type, built here and nowhere in the package, shows which tables a new type must fill in
and that, once it has, it is parsed, asked, graded, shown, exported, linted and analysed.
"""

from __future__ import annotations

import importlib
import pkgutil
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

import tiesquiz
from tiesquiz.deck import builders, parse
from tiesquiz.deck.checker import Checker
from tiesquiz.deck.model import CARD_CLASSES, Card, Deck
from tiesquiz.deck.reading import read_deck_file
from tiesquiz.deck.registry import TABLES, CardTable, unknown_to
from tiesquiz.deck.yamlio import Path_
from tiesquiz.grading import GRADERS, Grade, grade


def _import_every_module() -> None:
    """Tables fill in as their modules are imported: import them all (not ``__main__``)."""
    for module in pkgutil.walk_packages(tiesquiz.__path__, "tiesquiz."):
        if not module.name.endswith("__main__"):
            importlib.import_module(module.name)


_import_every_module()

#: The concerns a new type must register in: each holds what cannot be worked out from what a
#: card can do (how its YAML becomes a card, what a right answer is, the sentence that says how
#: to answer). Every other table falls back on the card's capabilities.
MUST_REGISTER = ["deck.builders", "grading", "ui.instructions"]


@pytest.mark.parametrize("name", sorted(CARD_CLASSES))
def test_every_card_type_is_known_to_every_concern(name: str) -> None:
    assert unknown_to(CARD_CLASSES[name]) == []


def test_the_tables_cover_each_concern() -> None:
    """The concerns the issue names each have a table (one missing would go unchecked)."""
    for concern in (
        "deck.builders",
        "grading",
        "session.views",
        "session.policy",
        "ui.instructions",
        "ui.plain.askers",
        "ui.terminal.askers",
        "ui.show.answers",
        "export.markdown.sheet",
        "export.gift",
        "export.anki.note",
        "deck.tabular",
        "deck.tabular.import",
        "deck.writing",
        "results.details",
    ):
        assert concern in TABLES, concern


def test_a_table_without_an_entry_or_default_says_which_concern_and_type() -> None:
    table: CardTable[int] = CardTable("test.lonely")
    try:
        with pytest.raises(TypeError, match=r"test\.lonely: nothing registered for choice cards"):
            table["choice"]
    finally:
        del TABLES["test.lonely"]


#: What each type can do, as its class says: the capabilities that are not empty.
CAPABILITIES = {
    "flashcard": {"self_rated"},
    "choice": {"options", "right_options", "wrong_options", "picks_one"},
    "multi": {"options", "right_options", "wrong_options"},
    "truefalse": {"truth"},
    "typed": {"written_forms"},
    "cloze": {"gap_forms"},
    "order": {"sequence"},
    "match": {"match_pairs"},
}


@pytest.mark.parametrize("name", sorted(CARD_CLASSES))
def test_each_type_has_exactly_its_capabilities(name: str) -> None:
    """Shared behaviour reads these, so a capability a type wrongly claims (or lacks) would
    put options on a typed card's worksheet or skip a choice card's distractor checks."""
    from helpers.decks import fixture_cards

    of_type = [c for c in fixture_cards() if c.type == name]
    assert of_type, f"tests/fixtures/good/all-types.yaml needs a {name} card"
    card = of_type[0]
    names = ("options", "right_options", "wrong_options", "written_forms", "gap_forms")
    names += ("sequence", "match_pairs", "self_rated", "picks_one")
    has = {n for n in names if getattr(card, n)} | ({"truth"} if card.truth is not None else set())
    assert has == CAPABILITIES[name]
    assert bool(card.answer_forms) == (name in {"flashcard", "choice", "multi", "typed", "cloze"})


# -- a ninth type: a number within a range ------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class RangeCard(Card):
    """Any number from ``low`` to ``high`` is right ("a year in the 1990s")."""

    low: float
    high: float
    type = "ninth"  # a name no real type will take: a real range card would clash
    yaml_keys = ("low", "high")

    def answer_text(self) -> str:
        return f"{self.low:g} to {self.high:g}"


def _build_range(c: Checker, raw: dict[Any, Any], path: Path_, question: str | None) -> Any:
    low, high = raw.get("low"), raw.get("high")
    if not isinstance(low, int | float) or not isinstance(high, int | float) or low > high:
        c.report((*path, "low"), "a range card needs numbers low <= high", code="bad-range")
        return None
    return RangeCard, {"low": float(low), "high": float(high)}


def _grade_range(card: RangeCard, response: object, known: object = ()) -> Grade:
    try:
        right = card.low <= float(str(response).strip()) <= card.high
    except ValueError:
        right = False
    return Grade(right, 1.0 if right else 0.0)


def _instruction(card: Card) -> str:
    return "Type a number."


@pytest.fixture
def range_type(monkeypatch: pytest.MonkeyPatch) -> Iterator[type[RangeCard]]:
    """The ninth type, known to the model (and so to ``type: ninth`` in a deck) for one test."""
    monkeypatch.setitem(CARD_CLASSES, "ninth", RangeCard)
    monkeypatch.setattr(parse, "CARD_TYPES", (*parse.CARD_TYPES, "ninth"), raising=False)
    monkeypatch.setitem(builders.TYPE_KEYS, "ninth", RangeCard.yaml_keys)
    yield RangeCard
    for table in TABLES.values():
        table.remove(RangeCard)


def _register_range() -> None:
    TABLES["deck.builders"].add(RangeCard, _build_range)
    GRADERS.add(RangeCard, _grade_range)  # type: ignore[arg-type]
    TABLES["ui.instructions"].add(RangeCard, _instruction)


DECK_YAML = """\
deck: years
title: Years
cards:
  - id: accords
    type: ninth
    question: In which year, give or take one, were the Abraham Accords signed?
    low: 2019
    high: 2021
    explanation: The accords were signed in 2020.
    source: a report
"""


def _range_deck(tmp_path: Path) -> Deck:
    path = tmp_path / "years.yaml"
    path.write_text(DECK_YAML, encoding="utf-8")
    result = read_deck_file(path)
    assert not result.errors, result.errors
    assert result.deck is not None
    return result.deck


def test_a_new_type_lists_what_it_must_register(range_type: type[RangeCard]) -> None:
    assert unknown_to(range_type) == MUST_REGISTER
    card = RangeCard(deck="d", id="x", question="Q?", low=1, high=2)
    with pytest.raises(TypeError, match="grading: nothing registered for ninth cards"):
        grade(card, "1")
    _register_range()
    assert unknown_to(range_type) == []


def test_a_registered_new_type_works_everywhere(
    range_type: type[RangeCard], tmp_path: Path
) -> None:
    from tiesquiz.deck.tabular import card_to_row
    from tiesquiz.deck.writing.cards import check_card
    from tiesquiz.export.anki import note_for
    from tiesquiz.export.gift import to_gift
    from tiesquiz.export.markdown import to_markdown
    from tiesquiz.session.views import make_view
    from tiesquiz.ui.plain import parse_reply
    from tiesquiz.ui.show_view import render_card

    _register_range()
    deck = _range_deck(tmp_path)
    (card,) = deck.cards
    assert isinstance(card, RangeCard) and (card.low, card.high) == (2019, 2021)
    # Asked and graded: the plain front end hands the line to the grader.
    view = make_view(card, random.Random(1))
    reply = parse_reply(view, " 2020 ")
    assert grade(card, reply.value).correct
    assert not grade(card, "2023").correct
    # Shown, exported and linted from what the card can do.
    shown = render_card(card, 1, answers=True)
    assert "(Type a number.)" in shown and "Answer: 2019 to 2021" in shown
    sheet, key = to_markdown([deck])
    assert "Answer: \\_" in sheet and "2019 to 2021" in key
    assert "####2019 to 2021" in to_gift([deck])
    assert "2019 to 2021" in note_for(card).fields[1]
    assert card_to_row(card)["answer"] == "2019 to 2021"
    # A sheet row of the new type is refused, with the reason, until it registers a reader.
    from tiesquiz.importer import row_to_card

    made, problem = row_to_card({"type": "ninth", "question": "Q?", "answer": "1"}, 2, set())
    assert made is None and problem is not None and "line 2" in problem and "sheet" in problem
    assert check_card(card) == []


def test_the_new_type_is_refused_in_a_deck_until_the_model_knows_it(tmp_path: Path) -> None:
    path = tmp_path / "years.yaml"
    path.write_text(DECK_YAML, encoding="utf-8")
    result = read_deck_file(path)
    assert result.deck is None or not result.deck.cards
    assert any(re.search(r"ninth", e.message) for e in result.errors)
