"""Item-writing rules about one card, looked up by card class in :data:`CARD_CHECKS`.

Each rule reads what a card can do (its options, written forms, pairs), so it applies to every
type that has them; a type without an entry gets every such rule.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from tiesquiz.deck.model import (
    GAP_RE,
    Card,
    ChoiceCard,
    ClozeCard,
    FlashCard,
    MatchCard,
    MultiCard,
    OrderCard,
    TrueFalseCard,
    TypedCard,
)
from tiesquiz.deck.registry import CardTable
from tiesquiz.deck.writing.text import contains, content_stems, phrase, words
from tiesquiz.safety import hidden, safe


@dataclass(frozen=True)
class Finding:
    """One broken rule: its name and the sentence that says what to change."""

    rule: str
    message: str


Check = Callable[[Card], list[Finding]]

ABOVE_RE = re.compile(
    r"\b(?:all|none|both|neither)\s+of\s+(?:the\s+)?(?:above|these|those|the options)\b", re.I
)
NEGATIVE_RE = re.compile(r"\b(?:not|except|cannot)\b|\b\w+n[’']t\b", re.I)
ABSOLUTE_WORDS = frozenset(
    [
        "always",
        "never",
        "only",
        "solely",
        "exclusively",
        "entirely",
        "completely",
        "totally",
        "all",
        "none",
        "every",
        "nobody",
        "nothing",
        "merely",
        "sometimes",
        "usually",
        "often",
        "generally",
        "mostly",
        "rarely",
        "may",
        "might",
        "possibly",
        "perhaps",
    ]
)
PLAIN_WORD_RE = re.compile(r"(?<![\w'’-])[^\W\d_]+(?![\w'’-])")
#: A distractor is "much" shorter or longer at twice (or half) the answer's length, and 12
#: characters apart: "Quba" against "Jerusalem" is fine, a word against a sentence is not.
LENGTH_RATIO = 2.0
LENGTH_GAP = 12


def asked_text(card: Card) -> str:
    """The question as the student reads it, with a cloze's gaps left out, and the hint."""
    question = GAP_RE.sub(" … ", card.question)
    return f"{question} … {card.hint}" if card.hint else question


def answer_in_question(card: Card) -> list[Finding]:
    asked = words(asked_text(card))
    for form in card.answer_forms:
        if contains(asked, phrase(form)):
            return [
                Finding(
                    "answer-in-question",
                    f"the question already says {form!r}, an answer to this card: reword it",
                )
            ]
    return []


def all_or_none_of_the_above(card: Card) -> list[Finding]:
    for option in card.options:
        if ABOVE_RE.search(option):
            return [
                Finding(
                    "all-or-none-of-the-above",
                    f"option {option!r} is a catch-all: one wrong option rules it out, two right "
                    "ones rule it in, and once options are shuffled 'above' means nothing; write "
                    "a real option",
                )
            ]
    return []


def negative_stem(card: Card) -> list[Finding]:
    for m in NEGATIVE_RE.finditer(card.question):
        word = m.group(0)
        before, after = card.question[: m.start()], card.question[m.end() :]
        emphasised = word.isupper() or (before[-1:] in "*_" and after[:1] in "*_" and before)
        if not emphasised:
            return [
                Finding(
                    "negative-stem",
                    f"the question turns on {word!r}, which a student reads past: ask it the "
                    f"positive way, or write it as {word.upper()!r}",
                )
            ]
    return []


def _length_finding(distractor: str, low: int, high: int) -> Finding | None:
    n = len(distractor)
    longer = n >= LENGTH_RATIO * high and n - high >= LENGTH_GAP
    shorter = n * LENGTH_RATIO <= low and low - n >= LENGTH_GAP
    if not (longer or shorter):
        return None
    how = "longer" if longer else "shorter"
    return Finding(
        "distractor-length",
        f"distractor {distractor!r} is much {how} than the answer, which sets it apart: "
        "make the options alike in length",
    )


def distractor_length(card: Card) -> list[Finding]:
    answers = card.right_options
    if not answers:
        return []
    low, high = min(map(len, answers)), max(map(len, answers))
    found = (_length_finding(d, low, high) for d in card.wrong_options)
    return [f for f in found if f is not None][:1]


def match_word_overlap(card: Card) -> list[Finding]:
    pairs = card.match_pairs
    if not pairs:
        return []
    lefts = [content_stems(left) for left, _ in pairs]
    rights = [content_stems(right) for _, right in pairs]
    n = len(pairs)

    def shares(i: int, j: int) -> bool:
        return bool(lefts[i] & rights[j])

    given_away = [
        pairs[i][0]
        for i in range(n)
        if shares(i, i) and not any(shares(i, j) or shares(j, i) for j in range(n) if j != i)
    ]
    if len(given_away) < max(n - 1, 1):
        return []
    return [
        Finding(
            "match-word-overlap",
            "every pair shares a word between its sides ("
            + ", ".join(repr(x) for x in given_away)
            + "), so the match can be solved without knowing anything: reword one side",
        )
    ]


def absolute_words(card: Card) -> list[Finding]:
    # Whole words only: the "all" of "all-Jewish" is part of a name for a kind of place.
    found = [w for w in PLAIN_WORD_RE.findall(card.question.casefold()) if w in ABSOLUTE_WORDS]
    if not found:
        return []
    return [
        Finding(
            "absolute-words",
            f"{found[0]!r} in a true/false statement: test-wise students mark absolute words "
            "False and hedging words True; state the fact without it",
        )
    ]


def _card_texts(card: Card) -> Iterator[tuple[str, str]]:
    """Every text of the card with its field's name, whatever its type: lists and pairs too."""
    for f in dataclasses.fields(card):
        stack = [getattr(card, f.name)]
        while stack:
            value = stack.pop()
            if isinstance(value, str):
                yield f.name, value
            elif isinstance(value, tuple | frozenset):
                stack.extend(value)


def hidden_characters(card: Card) -> list[Finding]:
    for field, text in _card_texts(card):
        places = hidden(text)
        if not places:
            continue
        ch = text[places[0]]
        name = unicodedata.name(ch, "a character with no name").lower()
        shown = safe(text, multiline=False)
        seen = "".join(c for i, c in enumerate(text) if i not in places)
        return [
            Finding(
                "hidden-characters",
                f"{field!r} holds an invisible character, {safe(ch)} ({name}): {shown!r} reads "
                f"as {seen!r} but is other text (an answer typed without it does not match it, "
                "and two options that differ by it look the same); remove it",
            )
        ]
    return []


_CHOICE: tuple[Check, ...] = (
    answer_in_question,
    all_or_none_of_the_above,
    negative_stem,
    distractor_length,
)

#: Every rule that reads a capability: each finds nothing on a card without it.
BY_CAPABILITY: tuple[Check, ...] = (
    answer_in_question,
    all_or_none_of_the_above,
    distractor_length,
    match_word_overlap,
)

#: The card-level checks for each card type; a type without an entry gets :data:`BY_CAPABILITY`.
CARD_CHECKS: CardTable[tuple[Check, ...]] = CardTable("deck.writing", default=BY_CAPABILITY)
CARD_CHECKS.add(FlashCard, (answer_in_question,))
CARD_CHECKS.add(ChoiceCard, _CHOICE)
CARD_CHECKS.add(MultiCard, _CHOICE)
CARD_CHECKS.add(TrueFalseCard, (negative_stem, absolute_words))
CARD_CHECKS.add(TypedCard, (answer_in_question,))
CARD_CHECKS.add(ClozeCard, (answer_in_question,))
CARD_CHECKS.add(OrderCard, ())
CARD_CHECKS.add(MatchCard, (match_word_overlap,))


#: The checks every card gets, whatever its type.
EVERY_CARD: tuple[Check, ...] = (hidden_characters,)


def check_card(card: Card) -> list[Finding]:
    return [f for check in (*EVERY_CARD, *CARD_CHECKS[card]) for f in check(card)]
