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
from tiesquiz.memory import bulk_loading

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
    #: The deck ``text`` reads back as (checked before anything was written).
    deck: Deck | None = None
    #: Written over a file that could not be read as a deck: no id was carried over.
    unreadable: bool = False
    #: The id of the deck it replaces (progress is kept under deck/card ids).
    old_id: str = ""


#: What a re-import keeps of the deck it replaces when the sheet does not say otherwise.
DECK_KEPT = ("description", "tags", "exam")


def _keep_deck(data: dict[str, Any], old: Deck, named: frozenset[str]) -> None:
    """The old deck's id, title, description, tags, exam day and lint settings, where the
    command line (``named``: "deck", "title") and the sheet give none."""
    for key, value in (("deck", old.id), ("title", old.title)):
        if key not in named:
            data[key] = value
    values = {"description": old.description, "tags": list(old.tags), "exam": old.exam}
    for key in DECK_KEPT:
        if values[key] and not data.get(key):
            data[key] = values[key]
    if old.lint_ignore and "lint" not in data:
        data["lint"] = {"ignore": sorted(old.lint_ignore)}
    order = ("deck", "title", "description", "source", "tags", "exam", "lint")
    cards = data.pop("cards")
    for key in [k for k in order if k in data] + [k for k in list(data) if k not in order]:
        data[key] = data.pop(key)  # the documented key order, the cards last
    data["cards"] = cards


def _keep_lint(cards: list[dict[str, Any]], old: Deck) -> None:
    """Each kept card keeps the lint rules it switched off (a sheet has no column for them)."""
    ignored = {c.id: c.lint_ignore for c in old.cards if c.lint_ignore}
    for card in cards:
        if card["id"] in ignored and "lint" not in card:
            card["lint"] = {"ignore": sorted(ignored[card["id"]])}


def deck_file(
    data: dict[str, Any],
    made: set[str],
    source: Path,
    output: Path,
    named: frozenset[str] = frozenset(),
) -> DeckFile:
    """The text ``output`` is to hold for the deck ``data`` made from ``source``, refused when
    it would not read back as a deck that passes lint (nothing is written then).

    When ``output`` already holds a deck (``import --force``), the deck keeps its id, title,
    description, tags, exam day and lint settings unless ``named`` on the command line ("deck",
    "title"); the cards whose ids were ``made`` from their question take over the ids of the
    old cards they still match, and each kept card keeps its lint settings (all in ``data``, in
    place); the text is checked again with all that.
    """
    old = _old_deck(output) if output.exists() else None
    if old is not None:
        _keep_deck(data, old, named)
    text, fresh = _checked(data, source, output)
    if not output.exists() or fresh is None:
        return DeckFile(text, deck=fresh)
    if old is None:
        return DeckFile(text, unreadable=True, deck=fresh)
    carried = keep_ids(data["cards"], made, old, fresh)
    _keep_lint(data["cards"], old)
    text, fresh = _checked(data, source, output)
    return DeckFile(text, carried, old_id=old.id, deck=fresh)


def _checked(data: dict[str, Any], source: Path, output: Path) -> tuple[str, Deck | None]:
    """The deck's YAML text and the deck read back from it: what is written is what lint and
    study will read, so a sheet cannot produce a deck file that does not load."""
    text = dump_deck(data)
    with bulk_loading():  # tens of thousands of values, none of them in a cycle
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


def _holds(output: Path, text: str) -> bool:
    try:
        return output.read_bytes() == text.encode("utf-8")
    except OSError:
        return False


@dataclass(frozen=True)
class Written:
    """What the file now holds, read back after the write: the deck's id, and which cards of the
    deck it replaced keep their id (and so their progress)."""

    deck: str
    #: The replaced deck's id, when it differs (its progress stays under that id).
    was: str = ""
    kept: tuple[str, ...] = ()
    new: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    #: Made id -> the old id a reworded card took over.
    matched: tuple[tuple[str, str], ...] = ()


def read_back(output: Path, written: DeckFile) -> Written:
    """The import's outcome, from the file as written (so what is said is what is there). A file
    that holds exactly the text checked before it was written is that deck; any other (changed
    meanwhile) is read again."""
    deck = written.deck if written.deck is not None and _holds(output, written.text) else None
    deck = deck or read_deck_file(output).deck
    if deck is None:  # _checked made sure it reads; a file changed meanwhile says so here
        raise TiesquizError(f"{output} changed while it was written; import it again")
    ids = tuple(c.id for c in deck.cards)
    carried = written.carried
    if carried is None:
        return Written(deck.id, new=ids)
    old = {*carried.kept, *carried.matched.values(), *carried.removed}
    if deck.id != written.old_id:
        return Written(deck.id, written.old_id, new=ids, removed=tuple(sorted(old)))
    return Written(
        deck.id,
        kept=tuple(i for i in ids if i in old),
        new=tuple(i for i in ids if i not in old),
        removed=tuple(sorted(old - set(ids))),
        matched=tuple((m, o) for m, o in carried.matched.items() if o in ids),
    )
