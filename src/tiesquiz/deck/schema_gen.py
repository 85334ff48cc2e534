"""The deck format's JSON Schema (``schema.json``), built from the model.

What comes from the code: the deck's and every card's YAML keys (``DECK_KEYS``, ``COMMON_KEYS``
and each card class's ``yaml_keys``), the card types (:data:`CARD_CLASSES`), each key's JSON
shape and whether it is required (the dataclass field it fills: its type, and whether it has a
default), the limits (``MAX_TEXT``, ``MAX_OPTIONS``, ``MAX_CARDS``, the id patterns) and the lint
rules a deck or card may switch off (:data:`IGNORABLE`, written once and referenced).

What the model cannot say is in the tables below, keyed by where a key is written (``"deck"``,
``"card"`` for the keys every card has, or a card type's name) and the key: an editor's
descriptions, a list's shortest length, and rules across keys (the cloze gap, a tolerance needing
a numeric answer).

Pure: :func:`deck_schema` returns a dict. ``python -m tiesquiz.results.schema_gen`` writes it,
with the results file's schema, and a test checks the committed files equal what is built here.
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from tiesquiz.deck.checker import MAX_OPTIONS, MAX_TEXT
from tiesquiz.deck.model import CARD_CLASSES, Card, Deck
from tiesquiz.deck.parse import (
    CARD_ID_RE,
    COMMON_KEYS,
    DECK_ID_RE,
    DECK_KEYS,
    MAX_CARDS,
    MAX_ID_LENGTH,
)
from tiesquiz.deck.writing.rules import IGNORABLE

Schema = dict[str, Any]
#: Where a key is written ("deck", "card" or a type name) and the key.
Place = tuple[str, str]

HEADER: Schema = {
    "$schema": "http://json-schema.org/draft-07/schema#",
    "$id": "https://tiesquiz.invalid/schema/deck.schema.json",
    "title": "tiesquiz deck",
    "description": "One deck of questions for tiesquiz. See docs/deck-format.md.",
}
DEFS = "#/definitions/"

#: Text a person writes: a title, a question, an explanation, a tag.
TEXT: Schema = {"type": "string", "minLength": 1, "maxLength": MAX_TEXT}
#: A card type's own text (an answer, an option): YAML may write it as a number (``answer: 42``).
ANSWER: Schema = {"type": ["string", "number"]}
DATE: Schema = {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
LINT = "ignore"

#: YAML keys that fill a field of another name. ``type`` (the class itself) fills none.
FIELD_OF: dict[Place, str] = {
    ("deck", "deck"): "id",
    ("deck", "lint"): "lint_ignore",
    ("card", "lint"): "lint_ignore",
    ("multi", "answer"): "answers",
    ("order", "answer"): "items",
    ("match", "answer"): "pairs",
    ("cloze", "any_order"): "groups",
}

#: Keys written in another shape than their field's type, given whole.
SHAPES: dict[Place, Schema] = {
    ("deck", "lint"): {"$ref": DEFS + "lint"},
    ("card", "lint"): {"$ref": DEFS + "lint"},
    # 0-based groups of gaps in the card; in YAML, true (all the gaps) or 1-based groups.
    ("cloze", "any_order"): {
        "oneOf": [
            {"const": True},
            {
                "type": "array",
                "minItems": 1,
                "items": {
                    "type": "array",
                    "minItems": 2,
                    "uniqueItems": True,
                    "items": {"type": "integer", "minimum": 1},
                },
            },
        ]
    },
}

#: Limits the builders check that a field's type does not say. On a key every card has (in a
#: type's branch), the entry stands alone: the card's own definition checks the rest.
LIMITS: dict[Place, Schema] = {
    ("deck", "deck"): {"pattern": DECK_ID_RE.pattern, "maxLength": MAX_ID_LENGTH},
    ("deck", "cards"): {"minItems": 1, "maxItems": MAX_CARDS},
    ("card", "id"): {"pattern": CARD_ID_RE.pattern, "maxLength": MAX_ID_LENGTH},
    ("choice", "distractors"): {"minItems": 1, "uniqueItems": True},
    ("multi", "answer"): {"minItems": 1},
    ("typed", "tolerance"): {"minimum": 0},
    # At least one gap with an answer in it (the builder reads the gaps from the question).
    ("cloze", "question"): {"pattern": r"\{\{[^}]*[^}|\s][^}]*\}\}"},
    ("order", "answer"): {"minItems": 2, "uniqueItems": True},
    ("match", "answer"): {"minProperties": 2},
}

#: Keys a deck must have although their field has a default (the class itself, for ``type``).
REQUIRED: frozenset[Place] = frozenset({("deck", "cards"), ("card", "type")})

#: Rules across a type's keys.
TYPE_RULES: dict[str, Schema] = {
    "multi": {
        "anyOf": [
            {"properties": {"answer": {"minItems": 2}}},
            {"required": ["distractors"], "properties": {"distractors": {"minItems": 1}}},
        ]
    },
    "typed": {"dependencies": {"tolerance": {"properties": {"answer": {"type": "number"}}}}},
}

#: What an editor shows for a key.
DESCRIPTIONS: dict[Place, str] = {
    ("deck", "deck"): "Deck id: a lowercase slug, unique among loaded decks.",
    ("deck", "title"): "Shown in 'tiesquiz decks'.",
    ("deck", "description"): "One line for 'tiesquiz decks'.",
    ("deck", "source"): "What the deck was written from.",
    ("deck", "exam"): (
        "Exam day (YYYY-MM-DD): study toward it; no interval carries a card past it."
    ),
    ("card", "id"): (
        "Stable id, unique in the deck. Progress is stored under deck/id: keep it when you "
        "edit the card."
    ),
    ("card", "type"): "The kind of question.",
    ("card", "question"): (
        "What the student is asked. For cloze: the sentence, with each gap written as "
        "{{answer}} or {{answer|alternative}}. For flashcard: the front."
    ),
    ("card", "explanation"): "Shown after answering.",
    ("card", "source"): "Where in the source text this comes from, e.g. 'para 6'.",
    ("card", "tags"): "Tags for --tag filters.",
    ("card", "hint"): "Shown on request; the answer then counts as Hard.",
    ("flashcard", "answer"): "The back of the card.",
    ("choice", "answer"): "The right answer.",
    ("choice", "distractors"): "Wrong options.",
    ("multi", "answer"): "Every right option.",
    ("multi", "distractors"): "Wrong options.",
    ("typed", "answer"): "The right answer.",
    ("typed", "accept"): "Other accepted answers.",
    ("typed", "tolerance"): "For numeric answers: how far off still counts.",
    ("cloze", "any_order"): (
        "Gaps that may be filled in any order (their answers swapped): true for all the gaps, "
        "or groups of gap numbers, 1 being the first gap, e.g. [[1, 2]]."
    ),
    ("order", "answer"): "The items in the right order; shown shuffled.",
    ("match", "answer"): "left item: right item",
}


def deck_schema(
    classes: Mapping[str, type[Card]] = CARD_CLASSES, ignorable: Iterable[str] = IGNORABLE
) -> Schema:
    """The deck format's JSON Schema (draft 7) for these card classes and ignorable rules."""
    return {
        **HEADER,
        "type": "object",
        "required": required_keys("deck", Deck, DECK_KEYS),
        "additionalProperties": False,
        "properties": {key: _property("deck", Deck, key, own=False) for key in DECK_KEYS},
        "definitions": {
            "card": _card(classes),
            "lint": _lint(),
            "ignorable": {
                "enum": sorted(ignorable),
                "description": "A lint rule a deck or card may switch off.",
            },
        },
    }


def schema_json(schema: Schema) -> str:
    """The schema as its committed file holds it."""
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def _card(classes: Mapping[str, type[Card]]) -> Schema:
    common = {key: _property("card", Card, key, own=False) for key in COMMON_KEYS if key != "type"}
    common["type"] = {"enum": list(classes), "description": DESCRIPTIONS["card", "type"]}
    return {
        "type": "object",
        "required": required_keys("card", Card, COMMON_KEYS),
        "properties": {key: common[key] for key in COMMON_KEYS},
        "allOf": [_branch(name, cls) for name, cls in classes.items()],
    }


def _branch(name: str, cls: type[Card]) -> Schema:
    """``if`` the card is of this type, ``then`` it has its keys and no others."""
    common = {
        key: LIMITS.get((name, key), {"$ref": f"{DEFS}card/properties/{key}"})
        for key in COMMON_KEYS
    }
    own = {key: _property(name, cls, key, own=True) for key in cls.yaml_keys}
    then: Schema = {"description": cls.summary} if cls.summary else {}
    then |= {
        "properties": common | own,
        "required": required_keys("card", Card, COMMON_KEYS)
        + required_keys(name, cls, cls.yaml_keys),
        "additionalProperties": False,
        **TYPE_RULES.get(name, {}),
    }
    return {"if": {"properties": {"type": {"const": name}}, "required": ["type"]}, "then": then}


def _lint() -> Schema:
    """``lint: {ignore: [rule, ...]}``, for a deck or a card."""
    return {
        "type": "object",
        "additionalProperties": False,
        "required": [LINT],
        "properties": {
            LINT: {
                "type": "array",
                "items": {"$ref": DEFS + "ignorable"},
                "maxItems": MAX_OPTIONS,
                "description": (
                    "Lint warnings switched off here (see 'What the linter checks' in "
                    "docs/deck-format.md)."
                ),
            }
        },
        "description": "Lint settings: {ignore: [rule, ...]}.",
    }


def _property(place: str, cls: type[Any], key: str, *, own: bool) -> Schema:
    """One key's schema: its field's shape (a card type's ``own`` text may be a number), the
    limits the builders check, and its description."""
    shape = SHAPES.get((place, key))
    if shape is None:
        field = FIELD_OF.get((place, key), key)
        hints = field_types(cls)
        if field not in hints:
            raise TypeError(
                f"{cls.__name__} has no field {field!r} for the YAML key {key!r}: "
                "name the field in FIELD_OF (deck/schema_gen.py)"
            )
        shape = _shape(hints[field], own=own) | LIMITS.get((place, key), {})
    description = DESCRIPTIONS.get((place, key))
    return shape | {"description": description} if description else dict(shape)


def _shape(hint: Any, *, own: bool) -> Schema:
    """The JSON shape YAML writes a field of this type in."""
    args = typing.get_args(hint)
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        # ``X | None``: a key left out is None; it is not written as null.
        (inner,) = [arg for arg in args if arg is not type(None)]
        return _shape(inner, own=own)
    scalars: dict[Any, Schema] = {
        str: ANSWER if own else TEXT,
        bool: {"type": "boolean"},
        int: {"type": "integer"},
        float: {"type": "number"},
        date: DATE,
    }
    if hint in scalars:
        return dict(scalars[hint])
    if typing.get_origin(hint) is tuple and len(args) == 2 and args[1] is Ellipsis:
        return _list_shape(args[0], own=own)
    raise TypeError(f"no JSON shape for a field of type {hint!r}: give its key one in SHAPES")


def _list_shape(item: Any, *, own: bool) -> Schema:
    """A tuple field: a list of text (at most ``MAX_OPTIONS``), of cards, or pairs (a mapping)."""
    if isinstance(item, type) and issubclass(item, Card):
        return {"type": "array", "items": {"$ref": DEFS + "card"}}
    if typing.get_origin(item) is tuple and typing.get_args(item) == (str, str):
        text = _shape(str, own=own)
        return {"type": "object", "maxProperties": MAX_OPTIONS, "additionalProperties": text}
    return {"type": "array", "items": _shape(item, own=own), "maxItems": MAX_OPTIONS}


def required_keys(place: str, cls: type[Any], keys: Iterable[str]) -> list[str]:
    """The keys, in order, that fill a field with no default (or are listed in REQUIRED)."""
    fields = {f.name: f for f in dataclasses.fields(cls)}
    found = []
    for key in keys:
        field = fields.get(FIELD_OF.get((place, key), key))
        if (place, key) in REQUIRED or (field is not None and not has_default(field)):
            found.append(key)
    return found


def field_types(cls: type[Any]) -> dict[str, Any]:
    """A dataclass's fields and their types (annotations resolved), in declaration order."""
    hints = typing.get_type_hints(cls)
    return {f.name: hints[f.name] for f in dataclasses.fields(cls)}


def has_default(field: dataclasses.Field[Any]) -> bool:
    return (
        field.default is not dataclasses.MISSING or field.default_factory is not dataclasses.MISSING
    )
