"""The item-writing rules' names and what each one asks of a card, for messages, docs and ``ignore``.

They follow the item-writing guidelines used in assessment (Haladyna, Downing and Rodriguez's list):
each names a habit that lets a student score without knowing the material, or lose marks while
knowing it.
"""

from __future__ import annotations

#: Rules that look at the deck as a whole (switched off for a whole deck, or a card left out).
DECK_RULES: dict[str, str] = {
    "truefalse-balance": "true/false answers between 35% and 65% True (from 4 true/false cards)",
    "longest-answer": "the right answer not the longest option in more than half the choice cards",
    "answer-position": "the right answer not always in the same place among sorted options",
    "repeated-distractor": "no distractor reused across most of the deck's choice cards",
}

#: Rules about one card.
CARD_RULES: dict[str, str] = {
    "answer-in-question": "the question does not print its own answer",
    "answers-other-card": "no card's answer printed in another card's question, explanation or "
    "hint, or in a deck's title or description (decks of one folder)",
    "all-or-none-of-the-above": "no 'all of the above' or 'none of the above' option",
    "negative-stem": "a 'not' or 'except' in the question is emphasised (NOT, EXCEPT)",
    "distractor-length": "no distractor much shorter or longer than the answer",
    "match-word-overlap": "a match's sides cannot be paired by the words they share",
    "absolute-words": "no 'always', 'only', 'never' (or 'usually', 'may') in a true/false",
    "grading-probe": "the grader refuses the deck's other answers, hedges, denials and second "
    "candidates, and accepts each form with an article, in capitals, with a slip",
    "hidden-characters": "no invisible character (a zero-width space, a soft hyphen, a TAG "
    "character...) in any text of the card, which makes two different texts look the same",
}

#: The warnings the deck parser gives, which a card may also switch off.
PARSE_WARNINGS: dict[str, str] = {
    "no-explanation": "the card has an explanation",
    "no-source": "the card names its source",
    "duplicate-question": "no two cards ask the same question",
}

WRITING_RULES = {**DECK_RULES, **CARD_RULES}
#: Every name a ``lint: {ignore: [...]}`` may hold.
IGNORABLE: dict[str, str] = {**WRITING_RULES, **PARSE_WARNINGS}
