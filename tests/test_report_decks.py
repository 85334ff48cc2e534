"""The default decks: enough of them, every type, every fact, faithful, and in our own words."""

from __future__ import annotations

import os
import re
from collections import Counter

import pytest
from click.testing import CliRunner

from helpers.paths import REPORT_DECKS, ROOT, SEED_REPORT
from tiesquiz.cli import cli
from tiesquiz.deck.model import CARD_TYPES, Card, ClozeCard, Deck
from tiesquiz.deck.reading import read_deck_file

REPORT = SEED_REPORT


def report_text() -> str:
    """The report the decks are written from. CI always has it beside the checkout; elsewhere a
    missing copy skips the tests that read it."""
    if not REPORT.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{REPORT} is missing: CI lays shared/ beside the checkout")
        pytest.skip("the report is not beside this checkout")
    return REPORT.read_text(encoding="utf-8")


def report_decks() -> list[Deck]:
    decks = []
    for path in sorted(REPORT_DECKS.glob("*.yaml")):
        result = read_deck_file(path)
        assert result.deck is not None and not result.problems, [
            p.format() for p in result.problems
        ]
        decks.append(result.deck)
    return decks


def fields(card: Card) -> list[str]:
    parts = [card.question, card.answer_text(), card.explanation, card.hint]
    for attr in ("distractors", "accept", "answers", "items"):
        parts.extend(getattr(card, attr, ()))
    for left, right in getattr(card, "pairs", ()):
        parts += [left, right]
    if isinstance(card, ClozeCard):
        parts.append(card.filled())
    return parts


def all_text(card: Card) -> str:
    return " ".join(fields(card))


def test_lint_strict_passes_on_the_report_decks() -> None:
    result = CliRunner().invoke(cli, ["lint", "--strict", str(REPORT_DECKS)])
    assert result.exit_code == 0, result.output


def test_size_and_type_coverage() -> None:
    decks = report_decks()
    assert len(decks) >= 4
    cards = [c for d in decks for c in d.cards]
    assert len(cards) >= 60
    counts = Counter(c.type for c in cards)
    short = [t for t in CARD_TYPES if counts[t] < 2]
    assert not short, f"the shipped decks (decks/*.yaml) need 2 cards of each type: {short}"


def test_every_card_names_its_paragraph() -> None:
    paragraphs = [
        line
        for line in report_text().splitlines()
        if line.strip() and line.strip() != "Religious freedom"
    ]
    for deck in report_decks():
        for card in deck.cards:
            m = re.fullmatch(r"paras? (\d+)(?:-(\d+))?", card.source)
            assert m, f"{card.key}: source {card.source!r} must name a paragraph"
            assert 1 <= int(m[1]) <= len(paragraphs), f"{card.key}: no paragraph {m[1]}"
            assert m[2] is None or int(m[1]) < int(m[2]) <= len(paragraphs), card.key
            assert card.explanation


# Every person, place, organisation and figure the report names, and its other key facts.
FACTS = [
    "Foreign Ministry",
    "Gideon Sa'ar",
    "Shi'ite",
    "South Caucasus",
    "energy",
    "trade",
    "security",
    "shared strategic interests",
    "open dialogue",
    "model",
    "oldest",
    "religious freedom",
    "state support",
    "never experienced antisemitism",
    "Quba",
    "Red Village",
    "all-Jewish",
    "synagogues",
    "cultural institutions",
    "government protection",
    "70000",
    "cultural",
    "economic",
    "proactive",
    "Jews",
    "Christians",
    "first",
    "IMPACT-SE",
    "curriculum",
    "churches",
    "heritage",
    "oil",
    "energy security",
    "fluctuating",
    "agriculture",
    "cybersecurity",
    "space technology",
    "water management",
    "advanced industry",
    "joint strategic initiatives",
    "Israeli Embassy in Baku",
    "investment",
    "foreign ministers",
    "Jerusalem",
    "Isaac Herzog",
    "Defense Minister",
    "innovation",
    "stable regional ally",
    "state media",
    "northern border",
    "intelligence",
    "military drills",
    "balancing act",
    "diplomatic backgrounds",
    "Donald Trump",
    "Abraham Accords",
    "Marvin Hier",
    "Simon Wiesenthal Center",
    "Eli Abadi",
    "UAE",
    "Jared Kushner",
    "chief architect",
    "Aryeh Ralbag",
    "Rabbinical Alliance of America and Canada",
    "incentives",
    "most reliable Muslim partner",
    "for decades",
    "Section 907",
    "American aid",
    "regional security",
    "outdated",
    "focal point",
    "religious and geopolitical divides",
    "deepening",
    "most significant partners",
]


@pytest.mark.parametrize("fact", FACTS)
def test_every_fact_is_asked_about(fact: str) -> None:
    text = " ".join(all_text(c) for d in report_decks() for c in d.cards).casefold()
    assert fact.casefold() in text.replace("’", "'")


def test_cards_are_in_our_own_words() -> None:
    """No run of 9 words from the report appears in a card (names and short phrases are fine)."""

    def words(text: str) -> list[str]:
        return re.findall(r"[a-z0-9']+", text.casefold().replace("’", "'"))

    source = words(report_text())
    runs = {tuple(source[i : i + 9]) for i in range(len(source) - 8)}
    for deck in report_decks():
        for card in deck.cards:
            for text in fields(card):
                w = words(text)
                copied = [
                    " ".join(w[i : i + 9]) for i in range(len(w) - 8) if tuple(w[i : i + 9]) in runs
                ]
                assert not copied, f"{card.key} copies the report: {copied[0]!r}"


def test_no_distractor_reads_as_a_right_answer() -> None:
    """The loader refuses a distractor equal to the answer; this also catches one that only
    differs in punctuation, accents or an article, which the grader would treat as the same."""
    from tiesquiz.grading import normalize

    for deck in report_decks():
        for card in deck.cards:
            answers = {normalize(a) for a in card.answer_text().split("; ")}
            for d in getattr(card, "distractors", ()):
                assert normalize(d) not in answers, f"{card.key}: {d!r}"


def test_report_decks_ship_with_the_package() -> None:
    """The wheel maps decks/ into the package; discovery finds them there (or in a checkout)."""
    from tiesquiz.deck.discover import bundled_dir

    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert '"decks" = "tiesquiz/decks"' in pyproject
    bundled = bundled_dir()
    assert bundled is not None
    assert sorted(p.name for p in bundled.glob("*.yaml")) == sorted(
        p.name for p in REPORT_DECKS.glob("*.yaml")
    )
