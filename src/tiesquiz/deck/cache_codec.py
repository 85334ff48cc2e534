"""A deck cache entry's parse as plain JSON data, and back: checked like any input.

Nothing in an entry is ever run. Decoding builds only the deck's own classes, from values of
the types their fields declare (a ``tuple[str, ...]`` field takes a list of strings and nothing
else), with every required field present and no other; anything else raises :class:`BadEntry`
and the entry is rebuilt. A card keeps only its fields that differ from their defaults, as the
class's ``__getstate__`` gives them, and is built as pickle built it (``object.__new__``, then
its ``__dict__``): a frozen dataclass's ``__init__`` would cost a third of the load again.

What the file's path gives is not stored: the deck's path, the card's deck id and a problem's
file name are put back from the entry's key, so a deck in a folder whose name is not UTF-8
(which JSON cannot hold) is cached too.
"""

from __future__ import annotations

import dataclasses
import functools
from collections import deque
from collections.abc import Callable, Iterable, Mapping
from datetime import date
from itertools import chain, repeat
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tiesquiz.deck.problems import ParseResult, Problem

if TYPE_CHECKING:
    from tiesquiz.deck.model import Card, Deck


class BadEntry(ValueError):
    """The entry holds something a parse could not have made."""


def _bad(what: str) -> BadEntry:
    return BadEntry(f"a deck cache entry has {what}")


def _str(v: Any) -> str:
    if type(v) is not str:
        raise _bad("a field that is not text")
    return v


def _int(v: Any) -> int:
    if type(v) is not int:
        raise _bad("a field that is not a whole number")
    return v


def _texts(v: Any) -> tuple[str, ...]:
    if type(v) is not list or not set(map(type, v)) <= {str}:
        raise _bad("a list that is not of texts")
    return tuple(v)


def _text_set(v: Any) -> frozenset[str]:
    return frozenset(_texts(v))


def _day(v: Any) -> date | None:
    if v is None:
        return None
    try:
        return date.fromisoformat(_str(v))
    except ValueError:
        raise _bad("a date that is not one") from None


#: How a field of each type the deck declares is read back (and its summary's).
READERS: dict[str, Callable[[Any], Any]] = {
    "str": _str,
    "int": _int,
    "tuple[str, ...]": _texts,
    "frozenset[str]": _text_set,
    "date | None": _day,
}


# -- a column of one field of every card of a type: checked and converted by C loops -----------


def _only(values: Iterable[Any], *kinds: type) -> None:
    if kinds == (str,):
        try:  # a join takes only texts, and checks them all in C
            "".join(values)
        except TypeError:
            raise _bad("a value that is not text") from None
    elif not set(map(type, values)) <= set(kinds):
        raise _bad("a value of the wrong type")


def _scalars(*kinds: type) -> Callable[[list[Any]], list[Any]]:
    def read(column: list[Any]) -> list[Any]:
        _only(column, *kinds)
        return column

    return read


def _lists(kind: type, make: Callable[[list[Any]], Any]) -> Callable[[list[Any]], list[Any]]:
    def read(column: list[Any]) -> list[Any]:
        _only(column, list)
        _only(chain.from_iterable(column), kind)
        return list(map(make, column))

    return read


def _nested(kind: type, size: int | None = None) -> Callable[[list[Any]], list[Any]]:
    def read(column: list[Any]) -> list[Any]:
        _only(column, list)
        _only(chain.from_iterable(column), list)
        _only(chain.from_iterable(chain.from_iterable(column)), kind)
        if size is not None and set(map(len, chain.from_iterable(column))) - {size}:
            raise _bad("a pair that is not two texts")
        return [tuple(map(tuple, value)) for value in column]

    return read


#: How a column of each type the card classes declare is read back. A card class with a field of
#: another type is not cached (``test_every_card_field_has_a_reader`` says so), never unchecked.
COLUMNS: dict[str, Callable[[list[Any]], list[Any]]] = {
    "str": _scalars(str),
    "int": _scalars(int),
    "bool": _scalars(bool),
    "float | None": _scalars(float, type(None)),
    "tuple[str, ...]": _lists(str, tuple),
    "frozenset[str]": _lists(str, frozenset),
    "tuple[tuple[str, ...], ...]": _nested(str),
    "tuple[tuple[int, ...], ...]": _nested(int),
    "tuple[tuple[str, str], ...]": _nested(str, 2),
}

#: Fields taken from the entry's key, or built apart, not read from its data.
_FROM_KEY = {"deck", "path", "cards"}

Plan = tuple[dict[str, str], frozenset[str], dict[str, Any]]


def _plan(cls: type, readable: Mapping[str, object]) -> Plan:
    """A class's fields with their declared types, those it requires, and the defaults."""
    types: dict[str, str] = {}
    required = set()
    defaults: dict[str, Any] = {}
    for f in dataclasses.fields(cls):
        if f.name in _FROM_KEY:
            continue
        if f.type not in readable:
            raise TypeError(f"the deck cache cannot read {cls.__name__}.{f.name}: {f.type}")
        types[f.name] = str(f.type)
        if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
            required.add(f.name)
        defaults[f.name] = f.default
    return types, frozenset(required), defaults


@functools.cache
def _plans() -> dict[str, tuple[type[Card], Plan]]:
    from tiesquiz.deck.model import CARD_CLASSES

    return {name: (cls, _plan(cls, COLUMNS)) for name, cls in CARD_CLASSES.items()}


@functools.cache
def _deck_plan() -> Plan:
    from tiesquiz.deck.model import Deck

    return _plan(Deck, READERS)


def _fields(raw: Any, plan: Plan) -> dict[str, Any]:
    types, required, _ = plan
    if type(raw) is not dict or not required <= raw.keys() or not raw.keys() <= types.keys():
        raise _bad("a record whose fields are not its class's")
    return {k: READERS[types[k]](v) for k, v in raw.items()}


# -- writing ------------------------------------------------------------------------------------


def plain(value: Any) -> Any:
    """What orjson does not write itself: a set is written as a sorted list."""
    if isinstance(value, frozenset | set):
        return sorted(value)
    raise TypeError(f"not cacheable: {type(value).__name__}")


def encode_parse(result: ParseResult, display: str) -> dict[str, Any]:
    """The parse as data: the deck's fields, and its cards by type, a column per field."""
    problems = [
        [
            p.line,
            p.col,
            p.card,
            p.severity,
            p.code,
            p.message,
            None if p.file == display else p.file,
        ]
        for p in result.problems
    ]
    deck = result.deck
    if deck is None:
        return {"deck": None, "problems": problems}
    fields = {f.name: getattr(deck, f.name) for f in dataclasses.fields(deck)}
    del fields["path"]
    fields["cards"] = _encode_cards(deck.cards)
    return {"deck": fields, "problems": problems}


def _encode_cards(cards: tuple[Card, ...]) -> dict[str, Any]:
    """``{type: {"at": [place in the deck...], "fields": {field: [value of each card...]}}}``;
    a field every card of the type leaves at its default is left out."""
    by_type: dict[str, list[int]] = {}
    for at, card in enumerate(cards):
        by_type.setdefault(card.type, []).append(at)
    plans = _plans()
    out: dict[str, Any] = {}
    for name, places in by_type.items():
        types, required, defaults = plans[name][1]
        group = [cards[at] for at in places]
        columns = {
            field: [getattr(card, field) for card in group]
            for field in types
            if field in required or any(getattr(card, field) != defaults[field] for card in group)
        }
        out[name] = {"at": places, "fields": columns}
    return out


# -- reading ------------------------------------------------------------------------------------


def decode_parse(data: Any, path: Path, display: str) -> ParseResult:
    """The parse from :func:`encode_parse`'s data; :class:`BadEntry` when it is not one."""
    if type(data) is not dict or data.keys() != {"deck", "problems"}:
        raise _bad("no parse")
    problems = _problems(data["problems"], display)
    raw = data["deck"]
    return ParseResult(None if raw is None else _deck(raw, path), problems)


_SEVERITIES = {"error", "warning"}


def _problems(raw: Any, display: str) -> list[Problem]:
    if type(raw) is not list:
        raise _bad("no list of problems")
    problems = []
    for item in raw:
        if type(item) is not list or len(item) != 7:
            raise _bad("a problem that is not one")
        line, col, card, severity, code, message, file = item
        if severity not in _SEVERITIES:
            raise _bad("a problem of no known severity")
        where = display if file is None else _str(file)
        problems.append(
            Problem(where, _int(line), _int(col), _str(card), severity, _str(code), _str(message))
        )
    return problems


def _deck(raw: Any, path: Path) -> Deck:
    from tiesquiz.deck.model import Deck

    if type(raw) is not dict:
        raise _bad("a deck that is not a record")
    cards = raw.pop("cards", None)
    fields = _fields(raw, _deck_plan())
    return Deck(path=path, cards=_cards(cards, fields["id"]), **fields)


def _cards(raw: Any, deck_id: str) -> tuple[Card, ...]:
    """Each card of its own class, from exactly its fields; every place in the deck filled
    once, ids unique, gaps as in the text."""
    if type(raw) is not dict:
        raise _bad("no cards")
    plans = _plans()
    places: list[int] = []
    made: list[Card] = []
    ids: list[str] = []
    for name, group in raw.items():
        if name not in plans or type(group) is not dict or group.keys() != {"at", "fields"}:
            raise _bad("a card of no known type")
        cls, plan = plans[name]
        at = COLUMNS["int"](group["at"])
        places.extend(at)
        made.extend(_built(cls, plan, group["fields"], len(at), deck_id))
        ids.extend(group["fields"]["id"])
    count = len(made)
    if places and (len(set(places)) != count or min(places) < 0 or max(places) >= count):
        raise _bad("cards out of place")
    cards: list[Any] = [None] * count
    deque(map(cards.__setitem__, places, made), maxlen=0)
    if len(set(ids)) != len(ids):
        raise _bad("two cards with one id")
    return tuple(cards)


def _built(cls: type[Card], plan: Plan, raw: Any, count: int, deck_id: str) -> list[Card]:
    """``count`` cards of ``cls`` from a column per field, made as pickle makes them (the
    class's ``__new__``, then its ``__dict__``), in loops that run in C."""
    types, required, _ = plan
    if type(raw) is not dict or not required <= raw.keys() or not raw.keys() <= types.keys():
        raise _bad("cards whose fields are not their class's")
    if not all(type(column) is list and len(column) == count for column in raw.values()):
        raise _bad("a column that is not one value a card")
    columns = {name: COLUMNS[types[name]](column) for name, column in raw.items()}
    if cls in _gapped():
        _check_gaps(columns)
    names = (*columns, "deck")
    rows = zip(*columns.values(), repeat(deck_id, count), strict=True)
    cards = list(map(object.__new__, repeat(cls, count)))
    deque(map(dict.update, map(vars, cards), map(zip, repeat(names), rows)), maxlen=0)
    return cards


@functools.cache
def _gapped() -> frozenset[type[Card]]:
    """The card classes whose text has gaps (their class answers ``gap_forms``)."""
    from tiesquiz.deck.model import CARD_CLASSES, Card

    return frozenset(c for c in CARD_CLASSES.values() if c.gap_forms is not Card.gap_forms)


def _check_gaps(columns: dict[str, list[Any]]) -> None:
    """A gap for each ``{{...}}`` of each sentence, and groups that name gaps it has."""
    from tiesquiz.deck.model import GAP_RE

    gaps = columns.get("gaps", ())
    found = map(len, map(GAP_RE.findall, columns.get("question", ())))
    if list(found) != list(map(len, gaps)) or not all(map(all, gaps)) or not all(gaps):
        raise _bad("gaps that are not the sentence's")
    groups = columns.get("groups", [()] * len(gaps))
    for group, count in zip(groups, map(len, gaps), strict=True):
        if not all(0 <= n < count for n in chain.from_iterable(group)):
            raise _bad("a group of gaps the sentence does not have")
