"""The quiz results file's JSON Schema (``schema.json``), built from the results format; and the
writer of both committed schemas, this one and the deck format's.

What comes from the code: the keys, in the order the writer writes them (``to_dict`` of
:class:`ResultsFile` and :class:`AnswerRecord`), each key's JSON type (its field's type, a
property's return type, or for a computed count or flag the type of the value written), which of
an answer's keys are required (its fields with no default), the card types, the statuses and the
format number. What it cannot is in the tables below, keyed by the written key: bounds,
descriptions, the keys the file itself must hold, and the key written under another name.

Regenerate both schemas (run from an editable install, so the files written are the checkout's)::

    python -m tiesquiz.results.schema_gen           # write them
    python -m tiesquiz.results.schema_gen --check   # exit 1, naming them, if either is stale

The writer lives here, not in ``deck/``, since results sits above deck in the layers.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import types
import typing
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from tiesquiz.deck import schema_gen as deck_gen
from tiesquiz.deck.model import CARD_TYPES
from tiesquiz.results.model import FORMAT, STATUSES, AnswerRecord, ResultsFile

Schema = dict[str, Any]

HEADER: Schema = {
    "$schema": "http://json-schema.org/draft-07/schema#",
    "$id": "https://tiesquiz.invalid/schema/results.schema.json",
    "title": "tiesquiz quiz results",
    "description": (
        "One student's quiz, as 'tiesquiz quiz --results FILE.json' writes it. Read by "
        f"'tiesquiz results'. Format {FORMAT}; files without 'format' are format 0 and stay "
        "readable."
    ),
}

#: Keys written under another name than their field's.
FIELD_OF: dict[str, str] = {"tiesquiz": "version"}

#: What a results file must hold (an answer must hold its fields with no default). Fewer keys
#: than the writer writes, more than the reader needs (format 0 files have no ``format``).
FILE_REQUIRED = ("format", "student", "decks", "started", "answers")

#: Bounds and shapes a key's type does not say.
LIMITS: dict[str, Schema] = {
    "format": {"minimum": 0},
    "seconds": {"minimum": 0},
    "score": {"minimum": 0},
    "questions": {"minimum": 0},
    "percent": {"minimum": 0, "maximum": 100},
    "card": {"minLength": 1},
    "points": {"minimum": 0, "maximum": 1},
    # Text, a list of texts, a mapping of texts, true/false, a number or null.
    "response": {"items": {"type": "string"}, "additionalProperties": {"type": "string"}},
}

DESCRIPTIONS: dict[str, str] = {
    "format": "The results format; a reader refuses a newer one than it knows.",
    "tiesquiz": "The version of tiesquiz that wrote the file.",
    "student": "The name given with --name.",
    "started": "When the quiz started, ISO 8601 in UTC.",
    "card": "deck/id of the card.",
    "answer": "The answer as text, as the student saw it echoed.",
    "response": (
        "What the student chose, as data: the option's text (choice), the texts ticked (multi), "
        "the typed text (typed), the gaps in order (cloze), the items in order (order), left to "
        "right (match), true/false (truefalse), the rating 1-4 (flashcard); null when not "
        "answered."
    ),
    "options": "Choice and select-all: the options in the order shown.",
    "points": "Share of the question answered right.",
    "skipped": "Not answered (skipped, timed out or unasked): it scores 0.",
    "quiz": (
        "The quiz's identity: a fingerprint of its decks, the cards it could ask and its seed; "
        "empty in files written before it was recorded."
    ),
    "flag": "The student's note when they flagged the question as wrong or unclear; empty if not.",
    "version": (
        "The card as it was asked: a fingerprint of its question, key and options, so answers "
        "to two versions of a card are analysed apart; empty in older files."
    ),
    "status": (
        "answered; skipped by the student; timed-out: on screen when the time ran out ('answer' "
        "holds what was typed); unasked: never shown (the student quit, or the time ran out "
        "first)."
    ),
    "verdict": (
        "right, wrong, or check: every word of the answer was there with more, and the teacher "
        "decides (it scores 0 until 'tiesquiz results --accept'); empty when not answered."
    ),
}

JSON_TYPES: dict[Any, str] = {str: "string", bool: "boolean", int: "integer", float: "number"}


def results_schema(
    *,
    record: type[AnswerRecord] = AnswerRecord,
    card_types: Iterable[str] = CARD_TYPES,
    statuses: Iterable[str] = STATUSES,
) -> Schema:
    """The results file's JSON Schema (draft 7); each answer as ``record`` writes it."""
    verdicts = ["right", "wrong", "check", ""]
    written = _Format(
        record, {"type": list(card_types), "status": list(statuses), "verdict": verdicts}
    )
    return {**HEADER, "type": "object", **written.object(ResultsFile, FILE_REQUIRED)}


@dataclasses.dataclass(frozen=True)
class _Format:
    """How the file writes an answer (``record``), and the values an enumerated key takes."""

    record: type[AnswerRecord]
    enums: dict[str, list[str]]

    def object(self, cls: type[Any], required: Iterable[str] | None = None) -> Schema:
        """The keys ``cls.to_dict`` writes, each typed from the field, property or value behind
        it; required: ``required``, or else the keys of the fields with no default."""
        written = _sample(cls).to_dict()
        fields = deck_gen.field_types(cls)
        properties: Schema = {}
        for key, value in written.items():
            name = FIELD_OF.get(key, key)
            if name in fields:
                shape = self.shape(fields[name])
            elif isinstance(getattr(cls, name, None), property):
                shape = self.shape(typing.get_type_hints(getattr(cls, name).fget)["return"])
            else:
                shape = self.shape(type(value))
            if key in self.enums:
                shape["enum"] = self.enums[key]
            shape |= LIMITS.get(key, {})
            if key in DESCRIPTIONS:
                shape["description"] = DESCRIPTIONS[key]
            properties[key] = shape
        if required is None:
            defaults = {f.name for f in dataclasses.fields(cls) if deck_gen.has_default(f)}
            required = [k for k in written if FIELD_OF.get(k, k) in set(fields) - defaults]
        return {"required": list(required), "properties": properties}

    def shape(self, hint: Any) -> Schema:
        """The JSON type of a value of this Python type (``Any``: any JSON value)."""
        if hint is Any:
            return {}
        args = typing.get_args(hint)
        if typing.get_origin(hint) in (typing.Union, types.UnionType):
            return {"type": [JSON_TYPES[arg] if arg is not type(None) else "null" for arg in args]}
        if hint in JSON_TYPES:
            return {"type": JSON_TYPES[hint]}
        if typing.get_origin(hint) is tuple and len(args) == 2 and args[1] is Ellipsis:
            item = args[0]
            if isinstance(item, type) and issubclass(self.record, item):
                return {"type": "array", "items": {"type": "object", **self.object(self.record)}}
            return {"type": "array", "items": self.shape(item)}
        raise TypeError(f"no JSON type for {hint!r}: add it to results/schema_gen.py")


def _sample(cls: type[Any]) -> Any:
    """An instance with every field that has no default set to an empty value of its type."""
    empty: dict[Any, Any] = {str: "", int: 0, float: 0.0, bool: False}
    values = {}
    for field in dataclasses.fields(cls):
        if deck_gen.has_default(field):
            continue
        hint = deck_gen.field_types(cls)[field.name]
        values[field.name] = () if typing.get_origin(hint) is tuple else empty.get(hint)
    return cls(**values)


def schema_files() -> dict[Path, Schema]:
    """Each committed schema file, beside its generator, and what it must hold."""
    return {
        Path(deck_gen.__file__).with_name("schema.json"): deck_gen.deck_schema(),
        Path(__file__).with_name("schema.json"): results_schema(),
    }


def stale(files: dict[Path, Schema]) -> list[Path]:
    """The files that do not hold their schema (missing, or different once parsed)."""
    found = []
    for path, schema in files.items():
        try:
            if json.loads(path.read_text(encoding="utf-8")) == schema:
                continue
        except (OSError, ValueError):
            pass
        found.append(path)
    return found


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tiesquiz.results.schema_gen",
        description="Write the deck and results JSON Schemas, generated from the model.",
    )
    parser.add_argument("--check", action="store_true", help="only say which files are stale")
    args = parser.parse_args(argv)
    files = schema_files()
    if args.check:
        old = stale(files)
        for path in old:
            print(f"{path}: stale; run python -m tiesquiz.results.schema_gen")
        return 1 if old else 0
    for path, schema in files.items():
        path.write_text(deck_gen.schema_json(schema), encoding="utf-8")
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
