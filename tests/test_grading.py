"""Grading, table-driven: what must be accepted, what must be rejected, and what counts as Hard."""

from __future__ import annotations

import pytest

from tiesquiz.deck.model import (
    ChoiceCard,
    ClozeCard,
    MatchCard,
    MultiCard,
    OrderCard,
    TrueFalseCard,
    TypedCard,
)
from tiesquiz.grading import grade, normalize, parse_number

QUBA = TypedCard(deck="d", id="q", question="Where?", answer="Quba", accept=("Guba",))
EMBASSY = TypedCard(
    deck="d", id="e", question="Which mission?", answer="The Israeli Embassy in Baku"
)
SAAR = TypedCard(deck="d", id="s", question="Who?", answer="Gideon Sa'ar", accept=("Saar",))
KUSHNER = TypedCard(deck="d", id="k", question="Who?", answer="Jared Kushner")
SHEKI = TypedCard(deck="d", id="sh", question="City?", answer="Şəki")
BAKI = TypedCard(deck="d", id="b", question="City?", answer="Bakı")
IMPACT = TypedCard(deck="d", id="i", question="Who?", answer="IMPACT-SE", accept=("IMPACT SE",))
COUNT = TypedCard(deck="d", id="n", question="How many?", answer="70000", numeric=True)
ROUGH = TypedCard(
    deck="d", id="r", question="How many?", answer="70000", numeric=True, tolerance=5000
)
SECTION = TypedCard(
    deck="d", id="907", question="Which section?", answer="Section 907", accept=("907",)
)
CHOICE = ChoiceCard(
    deck="d", id="c", question="?", answer="Quba", distractors=("Baku", "Jerusalem")
)
TF = TrueFalseCard(deck="d", id="t", question="?", answer=True)
CLOZE = ClozeCard(
    deck="d",
    id="z",
    question="{{Marvin Hier|Hier}} founded the {{Simon Wiesenthal Center}}.",
    gaps=(("Marvin Hier", "Hier"), ("Simon Wiesenthal Center",)),
)
MULTI = MultiCard(
    deck="d",
    id="m",
    question="?",
    answers=("Agriculture", "Cybersecurity", "Space technology"),
    distractors=("Tourism", "Banking", "Film", "Sports", "Textiles"),
)
ORDER = OrderCard(deck="d", id="o", question="?", items=("A", "B", "C", "D"))
MATCH = MatchCard(
    deck="d",
    id="x",
    question="?",
    pairs=(("Hier", "SWC"), ("Abadi", "UAE"), ("Ralbag", "RAA"), ("Kushner", "Accords")),
)

# (card, response, correct, typo, score)
CASES = [
    # exact, case, whitespace, punctuation, articles
    (QUBA, "Quba", True, False, 1.0),
    (QUBA, "quba", True, False, 1.0),
    (QUBA, "  QUBA  ", True, False, 1.0),
    (QUBA, "Quba.", True, False, 1.0),
    (QUBA, '"Quba"', True, False, 1.0),
    (QUBA, "the Quba", True, False, 1.0),
    (QUBA, "Guba", True, False, 1.0),  # an accept: alternative
    (QUBA, "Qub\u0430", True, False, 1.0),  # a Cyrillic look-alike letter: anyascii reads it as 'a'
    (EMBASSY, "Israeli Embassy in Baku", True, False, 1.0),
    (EMBASSY, "the   israeli  embassy in baku!", True, False, 1.0),
    (EMBASSY, "An Israeli embassy in Baku", True, False, 1.0),
    # Unicode normalisation and transliteration, Azerbaijani letters included
    (SHEKI, "Seki", True, False, 1.0),
    (SHEKI, "şəki", True, False, 1.0),
    (SHEKI, "ŞƏKİ", True, False, 1.0),
    (BAKI, "Baki", True, False, 1.0),
    (BAKI, "BAKI", True, False, 1.0),
    (SAAR, "Gideon Sa’ar", True, False, 1.0),  # typographic apostrophe
    (SAAR, "Gideon Saar", True, False, 1.0),
    (SAAR, "Saar", True, False, 1.0),
    (IMPACT, "impact-se", True, False, 1.0),
    (IMPACT, "Impact SE", True, False, 1.0),
    (IMPACT, "ｉｍｐａｃｔ-ｓｅ", True, False, 1.0),  # full-width letters, NFKC
    # numbers with separators and tolerance
    (COUNT, "70000", True, False, 1.0),
    (COUNT, "70,000", True, False, 1.0),
    (COUNT, "70 000", True, False, 1.0),
    (COUNT, "70\u202f000", True, False, 1.0),
    (COUNT, "about 70,000", True, False, 1.0),
    (COUNT, "70000.0", True, False, 1.0),
    (COUNT, "71000", False, False, 0.0),  # a different number
    (COUNT, "7000", False, False, 0.0),  # a number is never a typo
    (COUNT, "700,00", False, False, 0.0),  # misplaced separator is not a number
    (ROUGH, "74,000", True, False, 1.0),
    (ROUGH, "65000", True, False, 1.0),
    (ROUGH, "76,000", False, False, 0.0),
    (SECTION, "Section 907", True, False, 1.0),
    (SECTION, "907", True, False, 1.0),
    (SECTION, "section 908", False, False, 0.0),
    (SECTION, "Section 970", False, False, 0.0),
    # typos: accepted in longer answers, said so
    (KUSHNER, "Jared Kushnr", True, True, 1.0),
    (KUSHNER, "Jraed Kushner", True, True, 1.0),  # swapped neighbours
    (KUSHNER, "Jared Kusher", True, True, 1.0),
    (SAAR, "Gideon Saer", True, True, 1.0),
    (KUSHNER, "Jared Kashnor", True, True, 1.0),  # two slips in a long answer
    (KUSHNER, "Ivanka Kushner", False, False, 0.0),  # a different name
    (KUSHNER, "Jared Kxxxxer", False, False, 0.0),
    (QUBA, "Qubx", False, False, 0.0),  # short answers must be exact
    (QUBA, "Baku", False, False, 0.0),
    # empty answers
    (QUBA, "", False, False, 0.0),
    (QUBA, "   ", False, False, 0.0),
    (QUBA, "the", False, False, 0.0),
    (COUNT, "", False, False, 0.0),
    # choice and true/false
    (CHOICE, "Quba", True, False, 1.0),
    (CHOICE, "Baku", False, False, 0.0),
    (TF, True, True, False, 1.0),
    (TF, False, False, False, 0.0),
    # cloze: every gap must be right; alternatives per gap
    (CLOZE, ["Marvin Hier", "Simon Wiesenthal Center"], True, False, 1.0),
    (CLOZE, ["hier", "simon wiesenthal center"], True, False, 1.0),
    (CLOZE, ["Hier", "Simon Wisenthal Center"], True, True, 1.0),
    (CLOZE, ["Hier", "Abraham Accords"], False, False, 0.5),
    (CLOZE, ["Hier"], False, False, 0.5),
    # multi: partial credit from 3/4 up counts as right (Hard)
    (MULTI, ["Agriculture", "Cybersecurity", "Space technology"], True, False, 1.0),
    (MULTI, ["Agriculture", "Cybersecurity"], True, False, 7 / 8),
    (MULTI, ["Agriculture", "Cybersecurity", "Space technology", "Tourism"], True, False, 7 / 8),
    (MULTI, ["Agriculture", "Tourism", "Banking"], False, False, 4 / 8),
    (MULTI, ["Tourism"], False, False, 0.0),
    (MULTI, [], False, False, 0.0),
    # order: share of pairs in order
    (ORDER, ["A", "B", "C", "D"], True, False, 1.0),
    (ORDER, ["B", "A", "C", "D"], True, False, 5 / 6),
    (ORDER, ["D", "C", "B", "A"], False, False, 0.0),
    (ORDER, ["A", "B", "C"], False, False, 0.0),
    # match: share of pairs right
    (
        MATCH,
        {"Hier": "SWC", "Abadi": "UAE", "Ralbag": "RAA", "Kushner": "Accords"},
        True,
        False,
        1.0,
    ),
    (
        MATCH,
        {"Hier": "UAE", "Abadi": "SWC", "Ralbag": "RAA", "Kushner": "Accords"},
        False,
        False,
        0.5,
    ),
    (MATCH, {}, False, False, 0.0),
]


@pytest.mark.parametrize(("card", "response", "correct", "typo", "score"), CASES)
def test_grading_table(card, response, correct: bool, typo: bool, score: float) -> None:
    result = grade(card, response)
    assert (result.correct, result.typo) == (correct, typo), result
    assert result.score == pytest.approx(score)


def test_table_is_big_enough() -> None:
    assert len(CASES) >= 40


def test_typo_note_names_the_spelling() -> None:
    assert "Jared Kushner" in grade(KUSHNER, "Jared Kushnr").note


@pytest.mark.parametrize(
    ("text", "expected"),
    [("The Red Village!", "red village"), ("Shi'ite", "shiite"), ("İ ı ə", "i i e"), ("a", "a")],
)
def test_normalize(text: str, expected: str) -> None:
    assert normalize(text) == expected


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("70,000", 70000),
        ("70 000", 70000),
        ("~70000", 70000),
        ("1.5", 1.5),
        ("seventy", None),
        ("1,00", None),
    ],
)
def test_parse_number(text: str, value: float | None) -> None:
    assert parse_number(text) == value
