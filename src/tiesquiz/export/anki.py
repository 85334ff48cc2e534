"""Anki packages (.apkg) with genanki.

Flashcards become Basic notes, cloze cards Cloze notes, typed cards type-in-the-answer notes, and
the other types (and any type with no entry in :data:`NOTES`) a Basic note whose front lists the
options and whose back gives the answer and explanation. Note GUIDs derive from deck and card id, and model and deck ids from fixed names, so
importing an updated export updates the notes instead of duplicating them.
"""

from __future__ import annotations

import functools
import hashlib
import html
import re
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import genanki

from tiesquiz.atomic import replacing
from tiesquiz.deck.model import (
    GAP_RE,
    Card,
    ClozeCard,
    Deck,
    MatchCard,
    MultiCard,
    OrderCard,
    TrueFalseCard,
    TypedCard,
)
from tiesquiz.deck.registry import CardTable
from tiesquiz.export.arrange import Arrange
from tiesquiz.memory import bulk_loading


def stable_id(name: str) -> int:
    """A 31-bit id from a name: Anki needs ints, we need them to stay put between exports."""
    return int.from_bytes(hashlib.sha256(name.encode()).digest()[:4], "big") >> 1 | 1 << 30


CSS = ".card { font-family: sans-serif; font-size: 20px; text-align: left; } .extra { color: #555; font-size: 16px; }"

BASIC = genanki.Model(
    stable_id("tiesquiz basic v1"),
    "tiesquiz Basic",
    fields=[{"name": "Front"}, {"name": "Back"}, {"name": "Extra"}],
    templates=[
        {
            "name": "Card 1",
            "qfmt": "{{Front}}",
            "afmt": '{{FrontSide}}<hr id="answer">{{Back}}<div class="extra">{{Extra}}</div>',
        }
    ],
    css=CSS,
)
TYPE_IN = genanki.Model(
    stable_id("tiesquiz type-in v1"),
    "tiesquiz Type in the answer",
    fields=[{"name": "Front"}, {"name": "Back"}, {"name": "Extra"}],
    templates=[
        {
            "name": "Card 1",
            "qfmt": "{{Front}}<br><br>{{type:Back}}",
            "afmt": '{{Front}}<hr id="answer">{{type:Back}}<div class="extra">{{Extra}}</div>',
        }
    ],
    css=CSS,
)
CLOZE = genanki.Model(
    stable_id("tiesquiz cloze v1"),
    "tiesquiz Cloze",
    fields=[{"name": "Text"}, {"name": "Extra"}],
    templates=[
        {
            "name": "Cloze",
            "qfmt": "{{cloze:Text}}",
            "afmt": '{{cloze:Text}}<div class="extra">{{Extra}}</div>',
        }
    ],
    css=CSS,
    model_type=genanki.Model.CLOZE,
)


#: A zero-width space between two colons: read as "::" by a person, never by Anki.
_COLONS = ":\u200b:"


def _no_separator(text: str) -> str:
    """``::`` means a subdeck in a deck name and a hint in a cloze gap: keep it as text."""
    return text.replace("::", _COLONS)


#: A deck name is plain text that each Anki shows its own way: the desktop's deck list escapes
#: it, elsewhere it may be put into a page as it is. Entities would show as ``&lt;`` where it is
#: escaped, so the angle brackets that make a tag become look-alikes that never do.
_NO_TAGS = str.maketrans({"<": "\u2039", ">": "\u203a"})


def deck_name(deck: Deck) -> str:
    """``tiesquiz::TITLE``: one subdeck, whatever the title holds, and no HTML tag."""
    title = " ".join(deck.title.split())  # one line
    return f"tiesquiz::{_no_separator(title).translate(_NO_TAGS)}"


_HTML = re.compile(r"[&<>\"'\n]")


def _h(text: str) -> str:
    """``html.escape`` (quotes too), and a line break as ``<br>``; most text has none of them."""
    if _HTML.search(text) is None:
        return text
    return html.escape(text).replace("\n", "<br>")


def _extra(card: Card) -> str:
    parts = [_h(card.explanation)] if card.explanation else []
    if card.source:
        parts.append(f"<i>Source: {_h(card.source)}</i>")
    return "<br>".join(parts)


def _list(items: Sequence[str], ordered: bool = False) -> str:
    tag = "ol" if ordered else "ul"
    return f"<{tag}>" + "".join(f"<li>{_h(i)}</li>" for i in items) + f"</{tag}>"


def _sorted(items: Sequence[str]) -> list[str]:
    return sorted(items, key=str.casefold)


def _question_and_options(card: Card) -> str:
    """The question, and the options (sorted) if the card has any."""
    return _h(card.question) + (_list(_sorted(card.options)) if card.options else "")


#: The front of a Basic note: the question, and what the student chooses from.
FRONTS: CardTable[Callable[[Card], str]] = CardTable(
    "export.anki.front", default=_question_and_options
)


@FRONTS.register(MultiCard)
def _(card: MultiCard) -> str:
    return _h(card.question) + "<br><i>Select all that apply.</i>" + _list(_sorted(card.options))


@FRONTS.register(TrueFalseCard)
def _(card: TrueFalseCard) -> str:
    return _h(card.question) + "<br><i>True or false?</i>"


@FRONTS.register(OrderCard)
def _(card: OrderCard) -> str:
    return _h(card.question) + "<br><i>Put these in order:</i>" + _list(_sorted(card.items))


@FRONTS.register(MatchCard)
def _(card: MatchCard) -> str:
    lefts = [left for left, _ in card.pairs]
    return (
        _h(card.question)
        + _list(lefts)
        + "<i>with</i>"
        + _list(_sorted([r for _, r in card.pairs]))
    )


def _answer_text(card: Card) -> str:
    return _h(card.answer_text())


#: The back of a Basic note: the answer.
BACKS: CardTable[Callable[[Card], str]] = CardTable("export.anki.back", default=_answer_text)


@BACKS.register(OrderCard)
def _(card: OrderCard) -> str:
    return _list(card.items, ordered=True)


@BACKS.register(MatchCard)
def _(card: MatchCard) -> str:
    return _list([f"{left} → {right}" for left, right in card.pairs])


@BACKS.register(MultiCard)
def _(card: MultiCard) -> str:
    return _list(card.answers)


def _cloze_text(card: ClozeCard) -> str:
    counter = iter(range(1, len(card.gaps) + 1))
    parts = []
    last = 0
    for match in GAP_RE.finditer(card.question):
        parts.append(_h(card.question[last : match.start()]))
        answer = match.group(1).split("|")[0].strip()
        parts.append(f"{{{{c{next(counter)}::{_h(_no_separator(answer))}}}}}")
        last = match.end()
    parts.append(_h(card.question[last:]))
    return "".join(parts)


def _note(
    card: Card, model: genanki.Model, fields: list[str], deck_tags: Sequence[str] = ()
) -> genanki.Note:
    """A note with the deck's and the card's tags (plus ``tiesquiz::DECK``) and a GUID from deck
    and card id."""
    return _Note(
        model, fields, _tags(tuple(deck_tags), card.tags, card.deck), guid_for(card.deck, card.id)
    )


@functools.lru_cache(maxsize=1024)
def _tags(deck_tags: tuple[str, ...], card_tags: tuple[str, ...], deck: str) -> tuple[str, ...]:
    """A note's tags, each once, spaces as ``_`` (most cards of a deck have the same)."""
    names = dict.fromkeys((*deck_tags, *card_tags, f"tiesquiz::{deck}"))
    return tuple(t.replace(" ", "_") for t in names)


class _Note(genanki.Note):  # type: ignore[misc]
    """A genanki note made without checking its tags one by one: made here, they have no space."""

    def __init__(
        self, model: genanki.Model, fields: list[str], tags: tuple[str, ...], guid: str
    ) -> None:
        self.model, self.fields, self.due = model, fields, 0
        self._sort_field, self._tags, self._guid = None, tags, guid


_BASE91 = "".join(genanki.util.BASE91_TABLE)
_PAIRS = [a + b for a in _BASE91 for b in _BASE91]


def guid_for(*values: str) -> str:
    """``genanki.guid_for``, the same text, twice as fast: the first 8 bytes of the SHA-256 of
    the values joined by ``__``, in Anki's base 91."""
    number = int.from_bytes(hashlib.sha256("__".join(values).encode()).digest()[:8], "big")
    pairs = []
    while number >= 91:  # two digits at a time
        number, pair = divmod(number, 8281)
        pairs.append(_PAIRS[pair])
    # What is left is the leading digit (none when 0: the last pair taken was at least 91).
    return (_BASE91[number] if number else "") + "".join(reversed(pairs))


class _Deck(genanki.Deck):  # type: ignore[misc]
    """genanki's deck, its notes written to the collection by two statements (all the notes,
    then all their cards) rather than by one statement each: the same ids, rows and cards as
    genanki's ``Note.write_to_db`` writes, less the check for tags that are not HTML (every
    field here is escaped text)."""

    notes: list[Any]

    def write_to_db(self, cursor: Any, timestamp: float, id_gen: Iterator[int]) -> None:
        notes: list[Any] = self.notes
        self.notes = []
        for note in notes:
            self.add_model(note.model)
        try:
            super().write_to_db(cursor, timestamp, id_gen)  # the deck and its note types
        finally:
            self.notes = notes
        mod, note_rows, card_rows = int(timestamp), [], []
        for note in notes:
            note_id = next(id_gen)
            fields = (note.model.model_id, mod, -1, note._format_tags(), note._format_fields())
            note_rows.append((note_id, note.guid, *fields, note.sort_field, 0, 0, ""))
            cloze = note.model.model_type == genanki.Model.CLOZE
            for card in note._cloze_cards() if cloze else note._front_back_cards():
                queue = -1 if card.suspend else 0
                card_rows.append(
                    (next(id_gen), note_id, self.deck_id, card.ord, mod, -1, 0, queue, note.due)
                )
        cursor.executemany("INSERT INTO notes VALUES(?,?,?,?,?,?,?,?,?,?,?)", note_rows)
        cursor.executemany(
            "INSERT INTO cards VALUES(?,?,?,?,?,?,?,?,?,0,0,0,0,0,0,0,0,'')", card_rows
        )


def _basic(card: Card, deck_tags: Sequence[str] = ()) -> genanki.Note:
    return _note(card, BASIC, [FRONTS[card](card), BACKS[card](card), _extra(card)], deck_tags)


#: The note for a card: Cloze, Type-in-the-answer, or (by default) Basic.
NOTES: CardTable[Callable[[Card, Sequence[str]], genanki.Note]] = CardTable(
    "export.anki.note", default=_basic
)


@NOTES.register(ClozeCard)
def _(card: ClozeCard, deck_tags: Sequence[str] = ()) -> genanki.Note:
    return _note(card, CLOZE, [_cloze_text(card), _extra(card)], deck_tags)


@NOTES.register(TypedCard)
def _(card: TypedCard, deck_tags: Sequence[str] = ()) -> genanki.Note:
    return _note(card, TYPE_IN, [_h(card.question), _h(card.answer), _extra(card)], deck_tags)


def note_for(card: Card, deck_tags: Sequence[str] = ()) -> genanki.Note:
    return NOTES[card](card, deck_tags)


def build_package(decks: Sequence[Deck]) -> genanki.Package:
    anki_decks = []
    makers: dict[type[Card], Callable[[Card, Sequence[str]], genanki.Note]] = {}
    for deck in decks:
        anki_deck = _Deck(stable_id(f"tiesquiz deck {deck.id}"), deck_name(deck))
        for card in deck.cards:
            kind = type(card)
            make = makers.get(kind)
            if make is None:
                make = makers[kind] = NOTES[kind]  # each type's, looked up once
            anki_deck.add_note(make(card, deck.tags))
        anki_decks.append(anki_deck)
    return genanki.Package(anki_decks)


def write_apkg(decks: Sequence[Deck], path: Path, *, timestamp: float | None = None) -> None:
    """``timestamp`` (default: now) is the notes' modification time: Anki updates a note on import
    when the incoming one is newer, so a later export of an edited deck replaces the old notes."""
    build_package(decks).write_to_file(str(path), timestamp=timestamp)


def files(path: Path) -> list[Path]:
    return [path]


def write(
    decks: Sequence[Deck], path: Path, arrange: Arrange | None = None, version: str = ""
) -> list[Path]:
    with replacing(path) as tmp, bulk_loading():  # 50,000 notes make no cycle to collect
        write_apkg(decks, tmp)
    return [path]
