"""The item-writing linter: rules from assessment practice, as warnings a card may switch off."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from tiesquiz.deck.model import Card, Deck
from tiesquiz.deck.problems import Problem
from tiesquiz.deck.writing.cards import check_card
from tiesquiz.deck.writing.decks import DECK_CHECKS, OtherAnswers
from tiesquiz.deck.writing.rules import IGNORABLE, WRITING_RULES

__all__ = ["IGNORABLE", "WRITING_RULES", "check_writing"]


def _problem(file: str, card: Card, label: str, rule: str, message: str) -> Problem:
    return Problem(file, card.line, card.col, label, "warning", rule, message)


def check_writing(decks: Iterable[Deck], file_of: Callable[[Deck], str]) -> list[Problem]:
    """Every item-writing warning for the decks linted together (a card's question against the
    answers of every deck in its folder), skipping what a card or deck switched off with
    ``lint: {ignore: [...]}``."""
    decks = list(decks)
    # A folder of decks is studied together; decks elsewhere (the bundled ones, say) are another
    # course, and an answer of theirs in a question here gives nothing away.
    folders: dict[Path, list[Card]] = {}
    for deck in decks:
        folders.setdefault(deck.path.parent.resolve(), []).extend(deck.cards)
    answers = {folder: OtherAnswers.of(cards) for folder, cards in folders.items()}
    problems: list[Problem] = []
    for deck in decks:
        others = answers[deck.path.parent.resolve()]
        file = file_of(deck)
        for found in (f for check in DECK_CHECKS for f in check(deck)):
            if found.rule not in deck.lint_ignore:
                problems.append(_problem(file, found.at, "deck", found.rule, found.message))
        for card in deck.cards:
            skip = card.lint_ignore | deck.lint_ignore
            for f in check_card(card):
                if f.rule not in skip:
                    problems.append(_problem(file, card, card.id, f.rule, f.message))
            printed = None if "answers-other-card" in skip else others.printed_in(card)
            if printed is not None:
                text, other = printed
                name = other.id if other.deck == card.deck else other.key
                problems.append(
                    _problem(
                        file,
                        card,
                        card.id,
                        "answers-other-card",
                        f"the question prints {text!r}, the answer to card {name!r} "
                        f"(line {other.line}): a student who meets this card first is told it",
                    )
                )
    return problems
