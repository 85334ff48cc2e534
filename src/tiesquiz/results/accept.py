"""The teacher's verdict on answers the grader left to a person, and the class scored again.

A quiz marks ``check`` an answer that holds every word of the card's answer and more. The
teacher reads them (``tiesquiz results`` lists them by card) and accepts the forms that mean the
answer: :func:`accept_answers` adds them to the card's ``accept:`` in its deck file. Scoring
again (:func:`rescore`) grades each written answer not counted right against the deck as it is
now, so an accepted form counts for every student who wrote it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from tiesquiz.deck import Card, DeckSearch, resolve
from tiesquiz.deck.edit import add_accepted
from tiesquiz.errors import TiesquizError
from tiesquiz.grading import grade
from tiesquiz.results.model import AnswerRecord, ResultsFile


@dataclass(frozen=True)
class Accepted:
    """Forms added to one card's ``accept:``, and the deck file they went into."""

    card: str
    forms: tuple[str, ...]
    file: str


def _regraded(record: AnswerRecord, card: Card) -> AnswerRecord:
    """A written answer not counted right, graded by the card as the deck has it now."""
    if record.status != "answered" or record.correct or not card.written_answers:
        return record
    response = record.response if record.response is not None else record.answer
    if card.gap_forms and not isinstance(response, list):
        return record
    if not card.gap_forms and not isinstance(response, str):
        return record
    try:
        found = grade(card, response)
    except (TypeError, ValueError):
        return record  # a response the card cannot read: kept as the file has it
    if found.correct:
        return dataclasses.replace(record, correct=True, points=1.0, check=False)
    if found.check != record.check:
        return dataclasses.replace(record, check=found.check)
    return record


def rescore(files: Sequence[ResultsFile], cards: Mapping[str, Card]) -> list[ResultsFile]:
    """Each file with its written answers graded again by the decks' cards as they are now."""
    out = []
    for f in files:
        answers = tuple(_regraded(a, cards[a.card]) if a.card in cards else a for a in f.answers)
        out.append(f if answers == f.answers else dataclasses.replace(f, answers=answers))
    return out


def _card(ref: str, cards: Mapping[str, Card]) -> Card:
    """A card by ``deck/id``, or by its id alone when one deck has it."""
    if ref in cards:
        return cards[ref]
    found = [c for c in cards.values() if c.id == ref]
    if len(found) == 1:
        return found[0]
    if found:
        keys = ", ".join(sorted(c.key for c in found))
        raise TiesquizError(f"--accept {ref}=...: several decks have that card ({keys}); say which")
    raise TiesquizError(
        f"--accept {ref}=...: no card {ref!r} in the decks of these results "
        "(name it as deck/id, as 'tiesquiz results' lists it)"
    )


def accept_answers(
    pairs: Sequence[tuple[str, str]], deck_names: Sequence[str], where: DeckSearch | None = None
) -> list[Accepted]:
    """Add each (card, text) pair's text to the card's ``accept:`` in its deck file (a text the
    card already accepts is left out). Raises :class:`TiesquizError` for an unknown card, a card
    that is not typed, or a deck file that cannot be edited."""
    library = resolve(deck_names, where=where)
    cards = {c.key: c for d in library.decks.values() for c in d.cards}
    wanted: dict[str, list[str]] = {}
    for ref, text in pairs:
        card = _card(ref, cards)
        if not text.strip():
            raise TiesquizError(f"--accept {ref}=: give the answer to accept after the '='")
        if card.written_forms and grade(card, text).correct:
            continue  # the card takes it already
        if text not in wanted.setdefault(card.key, []):
            wanted[card.key].append(text)
    done = []
    for key, forms in wanted.items():
        card = cards[key]
        path = library.decks[card.deck].path
        add_accepted(path, card, forms)
        done.append(Accepted(key, tuple(forms), str(path)))
    return done
