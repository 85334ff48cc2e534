"""Grading, table-driven: what must be accepted, what must be rejected, and what counts as Hard.

The rules (README, "How answers are graded"): typos per word and never another word; words that
add nothing are fine, extra claims are not; numbers as numbers; equivalent spellings are not
typos; partial credit passes only when nearly all is right; interchangeable cloze gaps.
"""

from __future__ import annotations

import pytest

from helpers.paths import REPORT_DECKS
from tiesquiz.deck.model import (
    ChoiceCard,
    ClozeCard,
    MatchCard,
    MultiCard,
    OrderCard,
    TrueFalseCard,
    TypedCard,
)
from tiesquiz.deck.reading import read_deck_file
from tiesquiz.grading import Vocabulary, card_words, grade, normalize, parse_number

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
MATCH8 = MatchCard(
    deck="d", id="x8", question="?", pairs=tuple((f"L{i}", f"R{i}") for i in range(8))
)
TWO = MultiCard(
    deck="d", id="m2", question="?", answers=("Jews", "Christians"), distractors=("Hindus",)
)
FOUR = MultiCard(
    deck="d",
    id="m4",
    question="?",
    answers=("Agriculture", "Cybersecurity", "Space technology", "Water management"),
    distractors=("Tourism", "Banking"),
)
CENTER = TypedCard(
    deck="d", id="ce", question="Which organization?", answer="Simon Wiesenthal Center"
)
ORGANISE = TypedCard(deck="d", id="or", question="What did they do?", answer="organize a petition")
UAE = TypedCard(deck="d", id="ua", question="Where does Abadi serve?", answer="UAE")
SWAP = ClozeCard(
    deck="d",
    id="sw",
    question="A {{cultural}} and {{economic}} bridge, and a {{first}} step.",
    gaps=(("cultural",), ("economic",), ("first",)),
    groups=((0, 1),),
)

# The shipped decks, graded with the words of every deck known (as a session over all decks is).
REPORT = {
    c.id: c
    for p in sorted(REPORT_DECKS.glob("*.yaml"))
    for c in read_deck_file(p).deck.cards  # type: ignore[union-attr]
}
KNOWN = Vocabulary(lambda: (t for c in REPORT.values() for t in card_words(c)))


def report(card_id: str):  # type: ignore[no-untyped-def]
    return REPORT[card_id]


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
    # apostrophes of any kind, hyphens and spaces, dotted abbreviations: equivalent, not typos
    (SAAR, "Gideon Sa’ar", True, False, 1.0),
    (SAAR, "Gideon Sa`ar", True, False, 1.0),
    (SAAR, "Gideon Sa´ar", True, False, 1.0),
    (SAAR, "Gideon Saar", True, False, 1.0),
    (SAAR, "Saar", True, False, 1.0),
    (IMPACT, "impact-se", True, False, 1.0),
    (IMPACT, "Impact SE", True, False, 1.0),
    (IMPACT, "IMPACTSE", True, False, 1.0),
    (IMPACT, "ｉｍｐａｃｔ-ｓｅ", True, False, 1.0),  # full-width letters, NFKC
    (UAE, "U.A.E.", True, False, 1.0),
    (UAE, "the U.A.E", True, False, 1.0),
    (UAE, "UEA", False, False, 0.0),  # three letters: spelt exactly
    # British and American spellings: equivalent, not typos
    (CENTER, "Simon Wiesenthal Centre", True, False, 1.0),
    (CENTER, "the Simon Wiesenthal center", True, False, 1.0),
    (ORGANISE, "organise a petition", True, False, 1.0),
    (ORGANISE, "Organising a petition", True, False, 1.0),  # another inflection, same word
    # numbers: separators, words, k, a unit after it; a different number is always wrong
    (COUNT, "70000", True, False, 1.0),
    (COUNT, "70,000", True, False, 1.0),
    (COUNT, "70 000", True, False, 1.0),
    (COUNT, "70\u202f000", True, False, 1.0),
    (COUNT, "about 70,000", False, False, 0.0),  # a hedge: the question asks how many
    (COUNT, "approximately 70,000 people", False, False, 0.0),
    (COUNT, "70000.0", True, False, 1.0),
    (COUNT, "seventy thousand", True, False, 1.0),
    (COUNT, "Seventy-thousand", True, False, 1.0),
    (COUNT, "70 thousand", True, False, 1.0),
    (COUNT, "70k", True, False, 1.0),
    (COUNT, "71000", False, False, 0.0),
    (COUNT, "7000", False, False, 0.0),  # a number is never a typo
    (COUNT, "seven thousand", False, False, 0.0),  # nor a number word
    (COUNT, "seventy", False, False, 0.0),
    (COUNT, "700,00", False, False, 0.0),  # misplaced separator is not a number
    (COUNT, "-70000", False, False, 0.0),
    (COUNT, "9" * 400, False, False, 0.0),  # too big for a float: wrong, not a crash
    (SECTION, "9" * 400, False, False, 0.0),
    (COUNT, "70,000 or 80,000", False, False, 0.0),
    (ROUGH, "74,000", True, False, 1.0),
    (ROUGH, "65000", True, False, 1.0),
    (ROUGH, "76,000", False, False, 0.0),
    (SECTION, "Section 907", True, False, 1.0),
    (SECTION, "907", True, False, 1.0),
    (SECTION, "section nine hundred and seven", True, False, 1.0),
    (SECTION, "section 908", False, False, 0.0),
    (SECTION, "Section 970", False, False, 0.0),
    (SECTION, "-907", False, False, 0.0),  # a sign the answer does not have
    (SECTION, "Section -907", False, False, 0.0),
    (SECTION, "Section 907 or 908", False, False, 0.0),
    # typos: one slip inside one longer word, said so; never another word
    (KUSHNER, "Jared Kushnr", True, True, 1.0),
    (KUSHNER, "Jraed Kushner", True, True, 1.0),  # swapped neighbours
    (KUSHNER, "Jared Kusher", True, True, 1.0),
    (KUSHNER, "Jared Kashnor", False, False, 0.0),  # two slips in one 7-letter word
    (KUSHNER, "Jared Kushnr Jraed", False, False, 0.0),
    (KUSHNER, "Jraed Kushnr", False, False, 0.0),  # slips in two words
    (KUSHNER, "Ivanka Kushner", False, False, 0.0),  # a different name
    (KUSHNER, "Jared Kxxxxer", False, False, 0.0),
    (SAAR, "Gideon Saer", False, False, 0.0),  # "Saar" has 4 letters: no slip allowed
    (QUBA, "Qubx", False, False, 0.0),  # short answers must be exact
    (QUBA, "Baku", False, False, 0.0),
    (CENTER, "Simon Wisenthal Center", True, True, 1.0),
    (CENTER, "Simon Weisenthall Center", True, True, 1.0),  # two slips in a 10-letter word
    (CENTER, "Simon Wiesenthal Centers", True, False, 1.0),  # the plural: the same word
    # extra words: what adds nothing is fine, an extra claim is not
    (QUBA, "Quba or Baku", False, False, 0.0),
    (QUBA, "Quba and Baku", False, False, 0.0),
    (QUBA, "not Quba", False, False, 0.0),
    (QUBA, "Quba, Azerbaijan", False, False, 0.0),  # a place the question does not name
    (KUSHNER, "Mr Jared Kushner", True, False, 1.0),
    (KUSHNER, "Jared Kushner or Trump", False, False, 0.0),
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
    # cloze: every gap must be right; alternatives per gap; a gap may carry one slip
    (CLOZE, ["Marvin Hier", "Simon Wiesenthal Center"], True, False, 1.0),
    (CLOZE, ["hier", "simon wiesenthal center"], True, False, 1.0),
    (CLOZE, ["Rabbi Hier", "the Simon Wiesenthal Centre"], True, False, 1.0),
    (CLOZE, ["Hier", "Simon Wisenthal Center"], True, True, 1.0),
    (CLOZE, ["Hier", "Abraham Accords"], False, False, 0.5),
    (CLOZE, ["Simon Wiesenthal Center", "Hier"], False, False, 0.0),  # no any_order: in place
    (CLOZE, ["Hier"], False, False, 0.5),
    # cloze with interchangeable gaps: gaps 1 and 2 swap, gap 3 stays
    (SWAP, ["cultural", "economic", "first"], True, False, 1.0),
    (SWAP, ["economic", "cultural", "first"], True, False, 1.0),
    (SWAP, ["economic", "economic", "first"], False, False, 2 / 3),
    (SWAP, ["first", "economic", "cultural"], False, False, 1 / 3),
    # select-all: (found - wrongly ticked) / right options; a pass from 3/4, as Hard
    (TWO, ["Jews", "Christians"], True, False, 1.0),
    (TWO, ["Jews"], False, False, 0.5),  # half of what was asked is left out
    (TWO, ["Jews", "Christians", "Hindus"], False, False, 0.5),
    (TWO, ["Hindus"], False, False, 0.0),
    (FOUR, ["Agriculture", "Cybersecurity", "Space technology"], True, False, 0.75),
    (FOUR, ["Agriculture", "Cybersecurity"], False, False, 0.5),
    (
        FOUR,
        ["Agriculture", "Cybersecurity", "Space technology", "Water management", "Tourism"],
        True,
        False,
        0.75,
    ),
    (MULTI, ["Agriculture", "Cybersecurity", "Space technology"], True, False, 1.0),
    (MULTI, ["Agriculture", "Cybersecurity"], False, False, 2 / 3),
    (MULTI, ["Agriculture", "Cybersecurity", "Space technology", "Tourism"], False, False, 2 / 3),
    (MULTI, ["Agriculture", "Tourism", "Banking"], False, False, 0.0),
    (MULTI, ["Tourism"], False, False, 0.0),
    (MULTI, [], False, False, 0.0),
    # order: share of pairs in order
    (ORDER, ["A", "B", "C", "D"], True, False, 1.0),
    (ORDER, ["B", "A", "C", "D"], True, False, 5 / 6),
    (ORDER, ["D", "C", "B", "A"], False, False, 0.0),
    (ORDER, ["A", "B", "C"], False, False, 0.0),
    # match: share of pairs right; a pass from 3/4
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
    (MATCH8, {**{f"L{i}": f"R{i}" for i in range(8)}, "L0": "R1", "L1": "R0"}, True, False, 0.75),
    (
        MATCH8,
        {**{f"L{i}": f"R{i}" for i in range(8)}, "L0": "R1", "L1": "R2", "L2": "R0"},
        False,
        False,
        5 / 8,
    ),
]

# Every typed and cloze card of the shipped decks: what a class would write, and the nearest
# wrong answers. (card id, response, correct, typo)
SHIPPED = [
    ("section-907-name", "Section 907", True, False),
    ("section-907-name", "907", True, False),
    ("section-907-name", "Sec. 907", True, False),
    ("section-907-name", "section 907 sanctions", False, False),  # check: not its noun
    ("section-907-name", "-907", False, False),
    ("section-907-name", "Section 908", False, False),
    ("section-907-name", "Section 907 or 908", False, False),
    ("red-village-city", "Quba", True, False),
    ("red-village-city", "Guba", True, False),
    ("red-village-city", "Kuba", True, False),
    ("red-village-city", "Quba city", True, False),
    ("red-village-city", "the city of Quba", True, False),
    ("red-village-city", "Baku", False, False),
    ("red-village-city", "Quba or Baku", False, False),
    ("red-village-city", "Red Village", False, False),
    ("diaspora-size", "70,000", True, False),
    ("diaspora-size", "about 70 000 people", True, False),
    ("diaspora-size", "seventy thousand", True, False),
    ("diaspora-size", "70k", True, False),
    ("diaspora-size", "70000 Azerbaijanis", True, False),
    ("diaspora-size", "7,000", False, False),
    ("diaspora-size", "seven thousand", False, False),
    ("diaspora-size", "700,000", False, False),
    ("freedom-minorities-named", "Christians", True, False),
    ("freedom-minorities-named", "the Christians", True, False),
    ("freedom-minorities-named", "christian", True, False),
    ("freedom-minorities-named", "Chrsitians", True, True),
    ("freedom-minorities-named", "Muslims", False, False),
    ("freedom-minorities-named", "Christians and Muslims", False, False),
    ("petition-ralbag", ["Rabbinical Alliance"], True, False),
    ("petition-ralbag", ["the rabbinical alliance"], True, False),
    ("petition-ralbag", ["Rabinical Alliance"], True, True),
    ("petition-ralbag", ["Rabbinical Council"], False, False),
    ("petition-ralbag", ["Alliance"], False, False),
    ("diplomacy-saar-name", "Gideon Sa'ar", True, False),
    ("diplomacy-saar-name", "Foreign Minister Gideon Sa'ar", True, False),
    ("diplomacy-saar-name", "Gideon Sa’ar", True, False),
    ("diplomacy-saar-name", "Saar", True, False),
    ("diplomacy-saar-name", "Gidon Saar", True, True),
    ("diplomacy-saar-name", "Gideon Sar", False, False),
    ("diplomacy-saar-name", "Isaac Herzog", False, False),
    ("diplomacy-region", "South Caucasus", True, False),
    ("diplomacy-region", "the South Caucasus", True, False),
    ("diplomacy-region", "the Caucasus", True, False),
    ("diplomacy-region", "Southern Caucasus", True, False),
    ("diplomacy-region", "South Caucasus region", True, False),
    ("diplomacy-region", "South Caucasis", True, True),
    ("diplomacy-region", "North Caucasus", False, False),
    ("diplomacy-region", "Middle East", False, False),
    ("diplomacy-herzog", "Isaac Herzog", True, False),
    ("diplomacy-herzog", "President Isaac Herzog", True, False),
    ("diplomacy-herzog", "Herzog", True, False),
    ("diplomacy-herzog", "Isaac Herzgo", True, True),
    ("diplomacy-herzog", "Isaac Herzl", False, False),
    ("diplomacy-herzog", "Benjamin Netanyahu", False, False),
    ("iran-border", "northern", True, False),
    ("iran-border", "north", True, False),
    ("iran-border", "the northern border", True, False),
    ("iran-border", "Iran's northern border", True, False),
    ("iran-border", "southern", False, False),
    ("iran-border", "northwestern", False, False),
    ("economy-oil", "oil", True, False),
    ("economy-oil", "crude oil", True, False),
    ("economy-oil", "petroleum", True, False),
    ("economy-oil", "gas", False, False),
    ("economy-oil", "oil and gas", False, False),
    ("economy-energy-security", ["energy security"], True, False),
    ("economy-energy-security", ["Energy Security"], True, False),
    ("economy-energy-security", ["energy secuirty"], True, True),
    ("economy-energy-security", ["energy"], False, False),
    ("economy-energy-security", ["food security"], False, False),
    ("impact-se-name", "IMPACT-SE", True, False),
    ("impact-se-name", "Impact SE", True, False),
    ("impact-se-name", "I.M.P.A.C.T.-SE", True, False),
    ("impact-se-name", "Impact", False, False),
    ("impact-se-name", "UNESCO", False, False),
    ("impact-se-first", ["first", "school curriculum"], True, False),
    ("impact-se-first", ["first", "curriculum"], True, False),
    ("impact-se-first", ["first", "schools"], True, False),
    ("impact-se-first", ["first", "curriculm"], True, True),
    ("impact-se-first", ["fist", "curriculum"], False, False),
    ("impact-se-first", ["second", "curriculum"], False, False),
    # A swap of two letters in a 5-letter word: not an English word (Senator Frist's name is in
    # bigger lists than ours), so a slip for "first".
    ("impact-se-first", ["frist", "curriculum"], True, True),
    (
        "impact-se-first",
        ["firs", "curriculum"],
        False,
        False,
    ),  # one letter off, but a word (fir trees)
    ("freedom-heritage", ["synagogues", "churches"], True, False),
    ("freedom-heritage", ["churches", "synagogues"], True, False),
    ("freedom-heritage", ["synagogue", "church"], True, False),
    ("freedom-heritage", ["synagogues", "chruches"], True, True),
    ("freedom-heritage", ["synagogues", "mosques"], False, False),
    ("freedom-heritage", ["synagogues", "synagogues"], False, False),
    ("diplomacy-dialogue-partnerships", ["innovation"], True, False),
    ("diplomacy-dialogue-partnerships", ["Innovation"], True, False),
    ("diplomacy-dialogue-partnerships", ["inovation"], True, True),
    ("diplomacy-dialogue-partnerships", ["renovation"], False, False),
    ("diplomacy-dialogue-partnerships", ["security"], False, False),
]


@pytest.mark.parametrize(("card", "response", "correct", "typo", "score"), CASES)
def test_grading_table(card, response, correct: bool, typo: bool, score: float) -> None:  # type: ignore[no-untyped-def]
    result = grade(card, response)
    assert (result.correct, result.typo) == (correct, typo), result
    assert result.score == pytest.approx(score)


@pytest.mark.parametrize(("card_id", "response", "correct", "typo"), SHIPPED)
def test_shipped_decks_table(card_id: str, response: object, correct: bool, typo: bool) -> None:
    result = grade(report(card_id), response, KNOWN)
    assert (result.correct, result.typo) == (correct, typo), result


def test_every_typed_and_cloze_card_of_the_shipped_decks_is_in_the_table() -> None:
    asked = {card_id for card_id, *_ in SHIPPED}
    free_text = {c.id for c in REPORT.values() if c.type in ("typed", "cloze")}
    assert free_text <= asked
    for card_id in free_text:  # a right answer and a wrong one for each
        verdicts = {correct for cid, _, correct, _ in SHIPPED if cid == card_id}
        assert verdicts == {True, False}, card_id


def test_the_tables_are_big_enough() -> None:
    assert len(CASES) + len(SHIPPED) >= 150


def test_the_misspelt_word_is_named_as_written_and_as_spelt() -> None:
    assert grade(KUSHNER, "jared Kushnr").typos == (("Kushnr", "Kushner"),)
    marks = grade(CLOZE, ["Hier", "Simon Wisenthal Center"]).gaps
    assert [(m.right, m.typos) for m in marks] == [
        (True, ()),
        (True, (("Wisenthal", "Wiesenthal"),)),
    ]


def test_a_word_of_the_decks_is_never_a_typo() -> None:
    """ "Caucasia" is rare in English, but a deck that uses it makes it a word, not a slip."""
    card = TypedCard(deck="d", id="c", question="Which region?", answer="Caucasus")
    assert grade(card, "Caucasis").typo  # unknown: a slip
    assert not grade(card, "Caucasis", frozenset({"caucasis"})).correct


def test_feedback_data_for_parts() -> None:
    multi = grade(TWO, ["Jews", "Hindus"])
    assert (multi.missed, multi.wrongly_ticked) == (("Christians",), ("Hindus",))
    match = grade(MATCH, {"Hier": "UAE", "Abadi": "SWC", "Ralbag": "RAA", "Kushner": "Accords"})
    assert match.wrong_pairs == (("Hier", "UAE", "SWC"), ("Abadi", "SWC", "UAE"))
    assert match.parts == 4
    order = grade(ORDER, ["B", "A", "C", "D"])
    assert order.misplaced == ("A",)
    gaps = grade(SWAP, ["economic", "religious", "first"]).gaps
    assert [(g.given, g.expected, g.right) for g in gaps] == [
        ("economic", "economic", True),
        ("religious", "cultural", False),
        ("first", "first", True),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The Red Village!", "the red village"),
        ("Shi'ite", "shiite"),
        ("İ ı ə", "i i e"),
        ("Iran's", "iran"),
        ("U.A.E.", "uae"),
        ("centre", "center"),
        ("seventy thousand", "#70000"),
        ("a", "a"),
    ],
)
def test_normalize(text: str, expected: str) -> None:
    assert normalize(text) == expected


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("70,000", 70000),
        ("70 000", 70000),
        ("about 70000", 70000),
        ("1.5", 1.5),
        ("seventy", 70),
        ("one hundred and five", 105),
        ("a thousand", 1000),
        ("2.5 million", 2_500_000),
        ("minus 3", -3),
        ("1,00", None),
        ("70 and 80", None),
    ],
)
def test_parse_number(text: str, value: float | None) -> None:
    assert parse_number(text) == value


# -- the word list: a slip is forgiven, another real word never is --------------------------------

SLIPS = [
    ("recieve", "receive"),
    ("goverment", "government"),
    ("seperate", "separate"),
    ("definately", "definitely"),
    ("embasy", "embassy"),
    ("azerbijan", "azerbaijan"),
    ("pipline", "pipeline"),
    ("petitoin", "petition"),
    ("synagouge", "synagogue"),
    ("diplomcy", "diplomacy"),
    ("relatoins", "relations"),
    ("shool", "school"),  # in the word list's long tail, seen 50 times: a slip, not a word
]
OTHER_WORDS = [
    ("sever", "seven"),
    ("trail", "trial"),
    ("cloud", "could"),
    ("angel", "angle"),
    ("quiet", "quite"),
    ("dessert", "desert"),
    ("statue", "status"),
    ("border", "boarder"),
    ("casual", "causal"),
    ("diary", "dairy"),
    ("trade", "trace"),
    ("firs", "first"),
]


@pytest.mark.parametrize(("written", "expected"), SLIPS)
def test_a_slip_that_is_no_word_is_a_typo(written: str, expected: str) -> None:
    from tiesquiz.grading.words import is_common_word, is_typo

    assert not is_common_word(written) and is_typo(written, expected)


@pytest.mark.parametrize(("written", "expected"), OTHER_WORDS)
def test_another_real_word_is_never_a_typo(written: str, expected: str) -> None:
    """One slip apart, but a word of its own: the student may mean the other thing."""
    from tiesquiz.grading.words import is_common_word, is_typo

    assert is_common_word(written) and not is_typo(written, expected)


def test_a_word_of_the_decks_is_no_typo_though_the_list_lacks_it() -> None:
    """Proper nouns of the decks count as words: "Kubaa" is not in the English list, but a deck
    that names a place Kubaa makes it a word of its own, never a slip for "Kubba"."""
    from tiesquiz.grading.words import is_common_word, is_typo

    assert not is_common_word("kubaa")
    assert is_typo("kubaa", "kubba")
    assert not is_typo("kubaa", "kubba", known=frozenset({"kubaa"}))
