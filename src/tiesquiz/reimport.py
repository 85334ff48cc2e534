"""The deck file an import writes: checked as it will be read back, and, written over a deck it
came from, keeping each card's id, so its progress survives.

A row with an ``id`` keeps it. A row without one got an id made from its question; when that row
still matches a card of the old deck (same type, same answer, a similar question), it takes that
card's id instead, so a reworded question keeps its schedule.

The sheet itself is read by :mod:`tiesquiz.importer` (``sheet_deck``); this module starts from
the deck's mapping, so the two use cases stay independent of each other.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz

from tiesquiz.deck.model import Card, Deck
from tiesquiz.deck.parse import parse_document
from tiesquiz.deck.reading import read_deck_file
from tiesquiz.deck.write import dump_deck
from tiesquiz.deck.yamlio import load_yaml
from tiesquiz.errors import DeckError, TiesquizError

#: How alike two questions must be (rapidfuzz's token-set ratio, 0-100) to be one card reworded,
#: when their answers are the same. A true/false answer says little, so it needs more.
SIMILAR = 60
SIMILAR_TRUE_FALSE = 85


@dataclass
class Reconciled:
    """What happened to the old deck's cards."""

    #: Cards whose id was already the old one's.
    kept: list[str] = field(default_factory=list)
    #: Made id -> the old card's id it takes over.
    matched: dict[str, str] = field(default_factory=dict)
    new: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)


def _answer(card: Card) -> str:
    return " ".join(card.answer_text().casefold().split())


def _similarity(old: Card, new: Card) -> float:
    if old.type != new.type or _answer(old) != _answer(new):
        return 0.0
    score = fuzz.token_set_ratio(old.question.casefold(), new.question.casefold())
    needed = SIMILAR_TRUE_FALSE if new.truth is not None else SIMILAR
    return score if score >= needed else 0.0


def keep_ids(cards: list[dict[str, Any]], made: set[str], old: Deck, fresh: Deck) -> Reconciled:
    """Give each card with a made id the id of the old card it still matches (best match first),
    renaming it in ``cards`` in place, and say what was kept, new and removed."""
    old_by_id = {c.id: c for c in old.cards}
    fresh_ids = {c.id for c in fresh.cards}
    free = [c for c in old.cards if c.id not in fresh_ids]
    candidates = sorted(
        (
            (score, new.id, prior.id)
            for new in fresh.cards
            if new.id in made and new.id not in old_by_id
            for prior in free
            if (score := _similarity(prior, new)) > 0
        ),
        reverse=True,
    )
    matched: dict[str, str] = {}
    taken: set[str] = set()
    for _, new_id, old_id in candidates:
        if new_id not in matched and old_id not in taken:
            matched[new_id] = old_id
            taken.add(old_id)
    for card in cards:
        if card["id"] in matched:
            card["id"] = matched[card["id"]]
    final = {matched.get(c.id, c.id) for c in fresh.cards}
    return Reconciled(
        kept=[c.id for c in fresh.cards if c.id in old_by_id],
        matched=matched,
        new=[c.id for c in fresh.cards if matched.get(c.id, c.id) not in old_by_id],
        removed=[c.id for c in old.cards if c.id not in final],
    )


@dataclass
class DeckFile:
    """The text of an imported deck's file, checked, and what became of the deck it replaces."""

    text: str
    #: Written over a deck: what happened to that deck's cards (None when there was none).
    carried: Reconciled | None = None
    #: Written over a file that could not be read as a deck: no id was carried over.
    unreadable: bool = False


def deck_file(data: dict[str, Any], made: set[str], source: Path, output: Path) -> DeckFile:
    """The text ``output`` is to hold for the deck ``data`` made from ``source``, refused when
    it would not read back as a deck that passes lint (nothing is written then).

    When ``output`` already holds a deck (``import --force``), the cards whose ids were ``made``
    from their question take over the ids of the old cards they still match, renamed in
    ``data`` in place, and the text is checked again with those ids.
    """
    text, fresh = _checked(data, source, output)
    if not output.exists() or fresh is None:
        return DeckFile(text)
    old = _old_deck(output)
    if old is None:
        return DeckFile(text, unreadable=True)
    carried = keep_ids(data["cards"], made, old, fresh)
    text, _ = _checked(data, source, output)
    return DeckFile(text, carried)


def _checked(data: dict[str, Any], source: Path, output: Path) -> tuple[str, Deck | None]:
    """The deck's YAML text and the deck read back from it: what is written is what lint and
    study will read, so a sheet cannot produce a deck file that does not load."""
    text = dump_deck(data)
    check = parse_document(load_yaml(text, str(output)), output)
    errors = [f"{source}: card {p.card}: {p.message}" for p in check.errors]
    if errors:
        raise TiesquizError(
            f"{output} was not written: the deck made from {source} would not pass lint:\n"
            + "\n".join(errors)
        )
    return text, check.deck


def _old_deck(output: Path) -> Deck | None:
    """The deck ``output`` holds now, or None when it cannot be read as one (then nothing can
    be carried over, and the import replaces it all the same)."""
    try:
        return read_deck_file(output).deck
    except DeckError:
        return None
