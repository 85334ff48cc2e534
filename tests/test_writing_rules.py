"""The item-writing linter: every rule trips on its bad fixture and stays quiet on its good one."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from helpers.cli import invoke
from helpers.paths import FIXTURES, REPORT_DECKS, ROOT
from tiesquiz.deck.model import ChoiceCard, TrueFalseCard
from tiesquiz.deck.reading import read_deck_file
from tiesquiz.deck.writing.rules import IGNORABLE, WRITING_RULES

WRITING = FIXTURES / "writing"


def lint_json(*paths: Path) -> dict:  # type: ignore[type-arg]
    result = invoke("lint", "--format", "json", *map(str, paths))
    return json.loads(result.output)


def codes(report: dict) -> list[str]:  # type: ignore[type-arg]
    return [p["code"] for p in report["problems"]]


@pytest.mark.parametrize("rule", sorted(WRITING_RULES))
def test_the_bad_fixture_trips_the_rule_and_only_it(rule: str) -> None:
    report = lint_json(WRITING / f"{rule}.trips.yaml")
    assert codes(report) == [rule]
    assert report["ok"] is True  # a warning: only --strict fails
    strict = invoke("lint", "--strict", str(WRITING / f"{rule}.trips.yaml"))
    assert strict.exit_code == 1
    assert f"[{rule}]" in strict.output


@pytest.mark.parametrize("rule", sorted(WRITING_RULES))
def test_the_good_fixture_passes_strict(rule: str) -> None:
    result = invoke("lint", "--strict", str(WRITING / f"{rule}.passes.yaml"))
    assert result.exit_code == 0, result.output


def _with_ignore(source: Path, target: Path, rule: str, *, deck_level: bool) -> Path:
    text = source.read_text(encoding="utf-8")
    if deck_level:
        text = text.replace("cards:\n", f"lint: {{ignore: [{rule}]}}\ncards:\n", 1)
    else:  # every card switches it off
        text = re.sub(r"(\n    type: )", rf"\n    lint: {{ignore: [{rule}]}}\1", text)
    target.write_text(text, encoding="utf-8")
    return target


@pytest.mark.parametrize("rule", sorted(WRITING_RULES))
@pytest.mark.parametrize("deck_level", [False, True], ids=["per-card", "per-deck"])
def test_each_rule_can_be_switched_off(rule: str, deck_level: bool, tmp_path: Path) -> None:
    quiet = _with_ignore(
        WRITING / f"{rule}.trips.yaml", tmp_path / "quiet.yaml", rule, deck_level=deck_level
    )
    assert invoke("lint", "--strict", str(quiet)).exit_code == 0


def test_ignoring_one_rule_leaves_the_others_on(tmp_path: Path) -> None:
    quiet = _with_ignore(
        WRITING / "absolute-words.trips.yaml",
        tmp_path / "d.yaml",
        "negative-stem",
        deck_level=False,
    )
    assert codes(lint_json(quiet)) == ["absolute-words"]


def test_an_unknown_rule_name_is_an_error_with_a_suggestion(tmp_path: Path) -> None:
    bad = _with_ignore(
        WRITING / "absolute-words.trips.yaml",
        tmp_path / "d.yaml",
        "absolute-word",
        deck_level=False,
    )
    result = invoke("lint", str(bad))
    assert result.exit_code == 1
    assert "unknown lint rule 'absolute-word'; did you mean 'absolute-words'?" in result.output


def test_parse_warnings_can_be_switched_off_per_card(tmp_path: Path) -> None:
    deck = tmp_path / "d.yaml"
    deck.write_text(
        "deck: d\ntitle: D\ncards:\n"
        "  - {id: a, type: flashcard, question: Q?, answer: A, lint: {ignore: [no-source]},"
        " explanation: E}\n"
        "  - {id: b, type: flashcard, question: R?, answer: B, explanation: E}\n",
        encoding="utf-8",
    )
    report = lint_json(deck)
    assert [(p["card"], p["code"]) for p in report["problems"]] == [("b", "no-source")]


def test_another_decks_card_is_named_with_its_deck(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(
        "deck: places\ntitle: P\ncards:\n"
        "  - {id: city, type: typed, question: Where is the Red Village?, answer: Quba,"
        " explanation: E, source: S}\n",
        encoding="utf-8",
    )
    (tmp_path / "b.yaml").write_text(
        "deck: people\ntitle: P\ncards:\n"
        "  - {id: who, type: flashcard, question: Who lives in Quba?, answer: A,"
        " explanation: E, source: S}\n",
        encoding="utf-8",
    )
    report = lint_json(tmp_path)
    [problem] = report["problems"]
    assert problem["code"] == "answers-other-card"
    assert problem["card"] == "who"
    assert "'places/city'" in problem["message"]


def test_decks_in_another_folder_are_another_course(tmp_path: Path) -> None:
    """The bundled decks are always found; a teacher's own deck that mentions oil is not told
    it gives away the bundled economy deck's answer."""
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "b.yaml").write_text(
        "deck: energy\ntitle: E\ncards:\n"
        "  - {id: q, type: flashcard, question: Who sells oil to Israel?, answer: A,"
        " explanation: E, source: S}\n",
        encoding="utf-8",
    )
    report = lint_json(mine, REPORT_DECKS)
    assert [p for p in report["problems"] if "b.yaml" in p["file"]] == []
    (mine / "economy.yaml").write_text(
        (REPORT_DECKS / "economy.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    assert "answers-other-card" in codes(lint_json(mine))


def test_a_cloze_gap_printed_elsewhere_in_its_sentence_trips(tmp_path: Path) -> None:
    deck = tmp_path / "d.yaml"
    deck.write_text(
        "deck: d\ntitle: D\ncards:\n"
        "  - {id: z, type: cloze, question: 'The {{Red Village}} of Quba: the Red Village.',"
        " explanation: E, source: S}\n",
        encoding="utf-8",
    )
    assert codes(lint_json(deck)) == ["answer-in-question"]


def test_a_hyphenated_all_is_not_an_absolute_word(tmp_path: Path) -> None:
    deck = tmp_path / "d.yaml"
    deck.write_text(
        "deck: d\ntitle: D\ncards:\n"
        "  - {id: t, type: truefalse, question: The Red Village is an all-Jewish settlement.,"
        " answer: true, explanation: E, source: S}\n",
        encoding="utf-8",
    )
    assert codes(lint_json(deck)) == []


def test_the_docs_give_every_rule_a_bad_and_a_good_example() -> None:
    docs = (ROOT / "docs" / "deck-format.md").read_text(encoding="utf-8")
    sections = dict(re.findall(r"#### `([a-z-]+)`\n(.*?)(?=\n#### |\n## )", docs, re.S))
    assert set(sections) == set(WRITING_RULES)
    for rule, text in sections.items():
        assert "Bad:" in text and "Good:" in text, rule
    for name in IGNORABLE:
        assert f"`{name}`" in docs, name


# The shipped decks, measured directly (not through the linter they are written to pass).
def _shipped() -> list:  # type: ignore[type-arg]
    return [
        c
        for p in sorted(REPORT_DECKS.glob("*.yaml"))
        for c in read_deck_file(p).deck.cards  # type: ignore[union-attr]
    ]


def test_the_shipped_true_false_cards_are_balanced() -> None:
    cards = [c for c in _shipped() if isinstance(c, TrueFalseCard)]
    assert len(cards) >= 10
    share = sum(c.answer for c in cards) / len(cards)
    assert 0.35 <= share <= 0.65, share


def test_the_shipped_answers_are_seldom_the_longest_option() -> None:
    cards = [c for c in _shipped() if isinstance(c, ChoiceCard)]
    assert len(cards) >= 8
    longest = [c.id for c in cards if all(len(c.answer) > len(d) for d in c.distractors)]
    assert len(longest) * 2 <= len(cards), longest
    places = {sorted(c.options, key=str.casefold).index(c.answer) for c in cards}
    assert len(places) > 1


def test_the_shipped_decks_switch_no_rule_off() -> None:
    for path in REPORT_DECKS.glob("*.yaml"):
        assert "lint:" not in path.read_text(encoding="utf-8"), path
