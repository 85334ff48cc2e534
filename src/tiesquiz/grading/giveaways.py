"""Answers shown elsewhere (the ``answers-other-card`` lint rule): a card's answer printed where a
student reads it before answering that card.

The answers: typed answers and their accepted forms, cloze gaps, the right option of a choice
card and the right options of a select-all card. The places: another card's question,
explanation or hint, and the title or description of any deck in the same folder (a folder of
decks is one course, studied together; decks elsewhere are another course). Words are compared
as the grader compares them (:func:`~.text.tokens`, :func:`~.text.lemmas`), so a curly
apostrophe, a capital or a plural does not hide an answer.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from tiesquiz.deck.model import GAP_RE, Card, Deck
from tiesquiz.grading.classes import ARTICLES
from tiesquiz.grading.text import lemmas, tokens

RULE = "answers-other-card"
#: Answers of these few letters and no digit mean nothing on their own ("A", "US").
MIN_LETTERS = 3


@dataclass(frozen=True)
class Shown:
    """An answer of ``card`` (``form``) printed in ``where`` of ``deck`` (of ``place`` when a
    card prints it, else of the deck itself)."""

    deck: Deck
    place: Card | None
    where: str
    card: Card
    form: str

    @property
    def message(self) -> str:
        name = self.card.id if self.card.deck == self.deck.id else self.card.key
        at = f"line {self.card.line}" if self.card.line else "its deck"
        return (
            f"the {self.where} prints {self.form!r}, the answer to card {name!r} ({at}): a "
            "student who reads it first is told the answer; reword it, or move the fact into "
            "the card that asks it"
        )


def answers(card: Card) -> tuple[str, ...]:
    """What a student must produce or pick to be right."""
    return (*card.written_answers, *card.right_options)


def _key(text: str) -> tuple[str, ...]:
    words = tokens(text)
    while words and words[0] in ARTICLES:
        words = words[1:]
    letters = sum(len(w) for w in words)
    if letters < MIN_LETTERS and not any(w.startswith("#") for w in words):
        return ()
    return words


def _same(word: str, other: str) -> bool:
    return word == other or bool(lemmas(word) & lemmas(other))


class AnswerIndex:
    """The answers of a folder's cards, found by the lemmas of their first word."""

    def __init__(self, cards: Sequence[Card]) -> None:
        self._by_first: dict[str, list[tuple[tuple[str, ...], Card, str]]] = {}
        for card in cards:
            for form in dict.fromkeys(answers(card)):
                key = _key(form)
                for lemma in lemmas(key[0]) if key else ():
                    self._by_first.setdefault(lemma, []).append((key, card, form))

    def printed(self, text: str, skip: Card | None = None) -> Iterator[tuple[Card, str]]:
        """Each card (not ``skip``) whose answer ``text`` prints, with the form printed."""
        words = tokens(text)
        seen: set[str] = set()
        for i, word in enumerate(words):
            for lemma in lemmas(word):
                for key, card, form in self._by_first.get(lemma, ()):
                    if card is skip or card.key in seen or (skip and card.key == skip.key):
                        continue
                    span = words[i : i + len(key)]
                    if len(span) == len(key) and all(map(_same, span, key)):
                        seen.add(card.key)
                        yield card, form


def _places(deck: Deck) -> Iterator[tuple[Card | None, str, str]]:
    yield None, "deck's title", deck.title
    yield None, "deck's description", deck.description
    for card in deck.cards:
        yield card, f"question of card {card.id!r}", GAP_RE.sub(" … ", card.question)
        yield card, f"explanation of card {card.id!r}", card.explanation
        yield card, f"hint of card {card.id!r}", card.hint


def shown_elsewhere(decks: Sequence[Deck]) -> list[Shown]:
    """Every answer printed where a student reads it before meeting its card."""
    folders: dict[Path, list[Deck]] = {}
    for deck in decks:
        folders.setdefault(deck.path.parent.resolve(), []).append(deck)
    found = []
    for group in folders.values():
        index = AnswerIndex([c for d in group for c in d.cards])
        for deck in group:
            for place, where, text in _places(deck):
                for card, form in index.printed(text, skip=place) if text else ():
                    found.append(Shown(deck, place, where, card, form))
    return found
