"""The deck ``tiesquiz new`` writes: one example of every card type, with comments."""

from __future__ import annotations

from tiesquiz.deck.parse import DECK_ID_RE
from tiesquiz.deck.schema import schema_path
from tiesquiz.errors import TiesquizError

TEMPLATE = """\
# yaml-language-server: $schema={schema}
# A tiesquiz deck. Format: docs/deck-format.md. Check it with: tiesquiz lint {deck}.yaml
deck: {deck}
title: {deck} (edit this title)
description: One line shown by tiesquiz decks.
source: What this deck was written from
tags: []
cards:
  - id: example-flashcard          # keep ids stable: progress is stored under deck/id
    type: flashcard
    question: Front of the card
    answer: Back of the card
    explanation: Shown after answering.
    source: para 1

  - id: example-choice
    type: choice
    question: Which one is right?
    answer: The right answer
    distractors: [A wrong answer, Another wrong answer]
    hint: Shown on request; the answer then counts as Hard.
    explanation: Why it is right.
    source: para 1

  - id: example-multi
    type: multi
    question: Which of these are right? (select all)
    answer: [Right one, Right two]
    distractors: [Wrong one]
    explanation: Why.
    source: para 1

  - id: example-truefalse
    type: truefalse
    question: This statement is true.
    answer: true
    explanation: Why.
    source: para 1

  - id: example-typed
    type: typed
    question: How many? (typed; numbers may have a tolerance)
    answer: 70000
    tolerance: 0
    accept: [seventy thousand]
    explanation: Why.
    source: para 1

  - id: example-cloze
    type: cloze
    question: A sentence with a {{{{gap}}}} and {{{{another gap|an alternative}}}}.
    explanation: Why.
    source: para 1

  - id: example-order
    type: order
    question: Put these in order.
    answer: [First, Second, Third]
    explanation: Why.
    source: para 1

  - id: example-match
    type: match
    question: Match each item with its partner.
    answer:
      Left one: Right one
      Left two: Right two
    explanation: Why.
    source: para 1
"""


def starter_deck(deck_id: str) -> str:
    if not DECK_ID_RE.match(deck_id):
        raise TiesquizError(
            f"{deck_id!r} is not a deck id: use lowercase letters, digits and '-', e.g. my-deck"
        )
    return TEMPLATE.format(deck=deck_id, schema=schema_path())
