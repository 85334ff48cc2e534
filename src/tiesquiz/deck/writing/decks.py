"""Item-writing rules about a deck as a whole, and about one card's question against the others."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from tiesquiz.deck.model import Card, Deck
from tiesquiz.deck.writing.text import Words, words

#: Below this many cards of a kind, a share says nothing (3 true/false cards are 33% or 67%).
FEW = 4
TRUE_SHARE = (0.35, 0.65)


@dataclass(frozen=True)
class DeckFinding:
    """A broken deck rule, placed at the first card it is about."""

    rule: str
    at: Card
    message: str


def _counted(cards: Iterable[Card], rule: str) -> list[Card]:
    return [c for c in cards if rule not in c.lint_ignore]


def truefalse_balance(deck: Deck) -> list[DeckFinding]:
    cards = [c for c in _counted(deck.cards, "truefalse-balance") if c.truth is not None]
    if len(cards) < FEW:
        return []
    true = sum(bool(c.truth) for c in cards)
    share = true / len(cards)
    if TRUE_SHARE[0] <= share <= TRUE_SHARE[1]:
        return []
    always = "True" if share > TRUE_SHARE[1] else "False"
    right = true if always == "True" else len(cards) - true
    return [
        DeckFinding(
            "truefalse-balance",
            cards[0],
            f"{true} of the {len(cards)} true/false cards are True: answering {always} every "
            f"time scores {right / len(cards):.0%}; keep True between 35% and 65%",
        )
    ]


def _choices(deck: Deck, rule: str) -> list[Card]:
    """The cards with options of which exactly one is right."""
    return [c for c in _counted(deck.cards, rule) if c.picks_one and c.right_options]


def longest_answer(deck: Deck) -> list[DeckFinding]:
    cards = _choices(deck, "longest-answer")
    if len(cards) < FEW:
        return []
    longest = [c for c in cards if all(len(c.right_options[0]) > len(d) for d in c.wrong_options)]
    if len(longest) * 2 <= len(cards):
        return []
    return [
        DeckFinding(
            "longest-answer",
            longest[0],
            f"the answer is the longest option in {len(longest)} of the {len(cards)} choice "
            f"cards ({', '.join(c.id for c in longest)}): a student who picks the longest "
            "option wins; lengthen distractors or shorten answers",
        )
    ]


def answer_position(deck: Deck) -> list[DeckFinding]:
    """Exports and ``show`` list options sorted; the answer must not always sit in one place."""
    cards = _choices(deck, "answer-position")
    if len(cards) < FEW:
        return []
    places = {sorted(c.options, key=str.casefold).index(c.right_options[0]) for c in cards}
    if len(places) > 1:
        return []
    place = places.pop() + 1
    return [
        DeckFinding(
            "answer-position",
            cards[0],
            f"in all {len(cards)} choice cards the answer is option {place} once the options are "
            "sorted, as printed exports show them: vary which option is right",
        )
    ]


def repeated_distractor(deck: Deck) -> list[DeckFinding]:
    cards = [c for c in _counted(deck.cards, "repeated-distractor") if c.options]
    if len(cards) < FEW - 1:
        return []
    counts: Counter[Words] = Counter()
    first: dict[Words, tuple[Card, str]] = {}
    for card in cards:
        for key, distractor in {words(d): d for d in card.wrong_options}.items():
            counts[key] += 1
            first.setdefault(key, (card, distractor))
    found = []
    for key, n in counts.items():
        if n >= FEW - 1 and n * 2 > len(cards):
            at, text = first[key]
            found.append(
                DeckFinding(
                    "repeated-distractor",
                    at,
                    f"distractor {text!r} is offered in {n} of the {len(cards)} choice cards: "
                    "students learn it is never right; take distractors from the material",
                )
            )
    return found


DECK_CHECKS = (truefalse_balance, longest_answer, answer_position, repeated_distractor)
