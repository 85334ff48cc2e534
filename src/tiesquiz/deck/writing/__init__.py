"""The item-writing linter: rules from assessment practice, as warnings a card may switch off."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from tiesquiz.deck.model import Card, Deck
from tiesquiz.deck.problems import Problem
from tiesquiz.deck.writing.cards import check_card
from tiesquiz.deck.writing.decks import DECK_CHECKS
from tiesquiz.deck.writing.rules import IGNORABLE, WRITING_RULES

__all__ = ["IGNORABLE", "WRITING_RULES", "check_writing"]


def _problem(file: str, card: Card, label: str, rule: str, message: str) -> Problem:
    return Problem(file, card.line, card.col, label, "warning", rule, message)


def check_writing(decks: Iterable[Deck], file_of: Callable[[Deck], str]) -> list[Problem]:
    """Every item-writing warning about each deck and card, skipping what a card or deck
    switched off with ``lint: {ignore: [...]}``. (Answers shown elsewhere need the grader's
    reading of words: :mod:`tiesquiz.grading.giveaways`.)"""
    problems: list[Problem] = []
    for deck in decks:
        file = file_of(deck)
        for found in (f for check in DECK_CHECKS for f in check(deck)):
            if found.rule not in deck.lint_ignore:
                problems.append(_problem(file, found.at, "deck", found.rule, found.message))
        for card in deck.cards:
            skip = card.lint_ignore | deck.lint_ignore
            for f in check_card(card):
                if f.rule not in skip:
                    problems.append(_problem(file, card, card.id, f.rule, f.message))
    return problems
