"""Both JSON Schemas are generated from the model: the committed files are what the generators
build, and what they build follows the card classes, ``IGNORABLE`` and the results format."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from helpers.paths import ROOT
from tiesquiz.deck import schema_gen
from tiesquiz.deck.builders import TYPE_KEYS
from tiesquiz.deck.model import CARD_CLASSES, Card, Deck
from tiesquiz.deck.parse import COMMON_KEYS, DECK_KEYS
from tiesquiz.deck.schema_gen import deck_schema, schema_json
from tiesquiz.deck.writing.rules import IGNORABLE
from tiesquiz.results import schema_gen as results_gen
from tiesquiz.results.model import STATUSES, AnswerRecord, ResultsFile
from tiesquiz.results.schema_gen import results_schema

REGENERATE = "python -m tiesquiz.results.schema_gen"
DECK_FILE = ROOT / "src" / "tiesquiz" / "deck" / "schema.json"
RESULTS_FILE = ROOT / "src" / "tiesquiz" / "results" / "schema.json"


def committed(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def branches(schema: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Each card type's ``then`` branch, by the type its ``if`` names."""
    return {
        b["if"]["properties"]["type"]["const"]: b["then"]
        for b in schema["definitions"]["card"]["allOf"]
    }


def valid(schema: dict[str, Any], instance: Any) -> bool:
    return bool(jsonschema.Draft7Validator(schema).is_valid(instance))


def a_deck(*cards: dict[str, Any], **keys: Any) -> dict[str, Any]:
    return {"deck": "d", "title": "T", **keys, "cards": list(cards)}


FLASH = {"id": "a", "type": "flashcard", "question": "Q?", "answer": "A"}


# -- the committed files are the generated ones --------------------------------------------------


@pytest.mark.parametrize(
    ("path", "build"), [(DECK_FILE, deck_schema), (RESULTS_FILE, results_schema)], ids=["deck", "results"]
)  # fmt: skip
def test_the_committed_schema_is_the_generated_one(path: Path, build: Any) -> None:
    assert committed(path) == build(), (
        f"{path.relative_to(ROOT)} is not what the model generates; regenerate it: {REGENERATE}"
    )


def test_the_check_finds_the_committed_files_up_to_date() -> None:
    assert results_gen.main(["--check"]) == 0


def test_the_writer_writes_each_schema_and_the_check_finds_a_stale_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    deck, results = tmp_path / "deck.json", tmp_path / "results.json"
    files = {deck: deck_schema(), results: results_schema()}
    monkeypatch.setattr(results_gen, "schema_files", lambda: files)
    assert results_gen.main(["--check"]) == 1  # neither exists yet
    assert results_gen.main([]) == 0
    assert deck.read_text(encoding="utf-8") == schema_json(deck_schema())
    assert json.loads(results.read_text(encoding="utf-8")) == results_schema()
    assert results_gen.main(["--check"]) == 0
    results.write_text(results.read_text(encoding="utf-8").replace('"unasked"', '"gone"'))
    capsys.readouterr()
    assert results_gen.main(["--check"]) == 1
    out = capsys.readouterr().out
    assert str(results) in out and REGENERATE in out and str(deck) not in out


# -- the deck schema follows the model ------------------------------------------------------------


def test_the_ignorable_rules_are_ignorable_written_once() -> None:
    schema = committed(DECK_FILE)
    assert schema["definitions"]["ignorable"]["enum"] == sorted(IGNORABLE)
    ref = {"$ref": "#/definitions/lint"}
    assert schema["properties"]["lint"] == ref
    assert schema["definitions"]["card"]["properties"]["lint"] == ref
    text = DECK_FILE.read_text(encoding="utf-8")
    assert all(text.count(f'"{rule}"') == 1 for rule in IGNORABLE)


def test_a_rule_outside_ignorable_is_refused_on_a_deck_and_on_a_card() -> None:
    schema = committed(DECK_FILE)
    for rule, accepted in (("no-source", True), ("no-such-rule", False)):
        lint = {"ignore": [rule]}
        assert valid(schema, a_deck(FLASH, lint=lint)) is accepted
        assert valid(schema, a_deck({**FLASH, "lint": lint})) is accepted


def test_every_card_type_is_in_the_schema_with_exactly_its_yaml_keys() -> None:
    schema = committed(DECK_FILE)
    assert schema["definitions"]["card"]["properties"]["type"]["enum"] == list(CARD_CLASSES)
    found = branches(schema)
    assert list(found) == list(CARD_CLASSES)
    for name, then in found.items():
        assert set(then["properties"]) == set(COMMON_KEYS + TYPE_KEYS[name]), name
        assert then["additionalProperties"] is False
    assert set(schema["properties"]) == set(DECK_KEYS)
    assert set(schema["definitions"]["card"]["properties"]) == set(COMMON_KEYS)


def test_a_key_is_required_when_the_field_it_fills_has_no_default() -> None:
    found = branches(committed(DECK_FILE))
    assert found["choice"]["required"] == ["id", "type", "question", "answer", "distractors"]
    assert found["multi"]["required"] == ["id", "type", "question", "answer"]  # distractors=()
    assert found["typed"]["required"] == ["id", "type", "question", "answer"]
    assert found["cloze"]["required"] == ["id", "type", "question"]  # the gaps are in it


def test_the_tables_name_only_keys_the_format_has() -> None:
    """No entry outlives its key: each names a place and a key that exist, and a field that
    does."""
    keys = {"deck": DECK_KEYS, "card": COMMON_KEYS} | {
        name: COMMON_KEYS + cls.yaml_keys for name, cls in CARD_CLASSES.items()
    }
    classes: dict[str, type[Any]] = {"deck": Deck, "card": Card, **CARD_CLASSES}
    for table in (schema_gen.FIELD_OF, schema_gen.SHAPES, schema_gen.LIMITS):
        for place, key in table:
            assert key in keys[place], (place, key)
    for (place, _key), field in schema_gen.FIELD_OF.items():
        assert field in schema_gen.field_types(classes[place]), (place, field)
    for place, key in [*schema_gen.DESCRIPTIONS, *schema_gen.REQUIRED]:
        assert key in keys[place], (place, key)
    assert set(schema_gen.TYPE_RULES) <= set(CARD_CLASSES)
    # Each type says what it is (its class's summary), and an editor shows it.
    schema = schema_gen.deck_schema()
    branches = json.dumps(schema)
    for name, cls in CARD_CLASSES.items():
        assert cls.summary, name
        assert json.dumps(cls.summary)[1:-1] in branches, name


@dataclass(frozen=True, kw_only=True)
class ScaleCard(Card):
    """A throwaway type: a rating on a scale, ``steps`` of them, each labelled."""

    steps: int
    labels: tuple[str, ...] = ()
    type = "scale"
    yaml_keys = ("steps", "labels")

    def answer_text(self) -> str:
        return str(self.steps)


def test_a_new_card_type_is_in_the_schema_built_for_it() -> None:
    classes = {**CARD_CLASSES, "scale": ScaleCard}
    schema = deck_schema(classes)
    assert schema["definitions"]["card"]["properties"]["type"]["enum"][-1] == "scale"
    then = branches(schema)["scale"]
    assert then["required"] == ["id", "type", "question", "steps"]
    assert then["properties"]["steps"] == {"type": "integer"}
    assert then["properties"]["labels"]["items"] == {"type": ["string", "number"]}
    card = {"id": "s", "type": "scale", "question": "How sure?", "steps": 5, "labels": ["no"]}
    assert valid(schema, a_deck(card))
    assert not valid(schema, a_deck({**card, "steps": "five"}))
    assert not valid(schema, a_deck({**card, "answer": "x"}))
    assert not valid(committed(DECK_FILE), a_deck(card))


def test_a_new_ignorable_rule_is_in_the_schema_built_for_it() -> None:
    schema = deck_schema(ignorable=[*IGNORABLE, "new-rule"])
    assert "new-rule" in schema["definitions"]["ignorable"]["enum"]
    deck = a_deck({**FLASH, "lint": {"ignore": ["new-rule"]}})
    assert valid(schema, deck) and not valid(committed(DECK_FILE), deck)


def test_a_field_the_generator_cannot_shape_is_named() -> None:
    @dataclass(frozen=True, kw_only=True)
    class OddCard(Card):
        table: dict[str, int]
        type = "odd"
        yaml_keys = ("table",)

    with pytest.raises(TypeError, match="no JSON shape for a field of type"):
        deck_schema({"odd": OddCard})

    @dataclass(frozen=True, kw_only=True)
    class Unfilled(Card):
        type = "unfilled"
        yaml_keys = ("nowhere",)

    with pytest.raises(TypeError, match=r"Unfilled has no field 'nowhere'.*FIELD_OF"):
        deck_schema({"unfilled": Unfilled})


# -- the results schema follows the results format ----------------------------------------------

RECORD = AnswerRecord(
    card="d/a", type="choice", question="Q?", correct_answer="A", points=1.0, status="answered"
)


def test_the_results_schema_has_exactly_the_keys_the_writer_writes() -> None:
    schema = committed(RESULTS_FILE)
    written = ResultsFile(
        student="Ann", decks=("d",), started="2024-05-01T09:00:00Z", seconds=3.0, seed=None,
        answers=(RECORD,), version="1.0",
    ).to_dict()  # fmt: skip
    assert list(schema["properties"]) == list(written)
    answer = schema["properties"]["answers"]["items"]
    assert list(answer["properties"]) == list(written["answers"][0])
    assert answer["properties"]["status"]["enum"] == list(STATUSES)
    assert answer["properties"]["type"]["enum"] == list(CARD_CLASSES)
    jsonschema.validate(written, schema)
    for key in ("status", "type"):
        broken = {**written, "answers": [{**written["answers"][0], key: "nonsense"}]}
        assert not valid(schema, broken), key


@dataclass(frozen=True)
class TimedRecord(AnswerRecord):
    """A throwaway record that also writes how long the student took."""

    took: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return {**super().to_dict(), "took": self.took}


def test_the_results_schema_is_built_from_the_record_and_the_enums_given() -> None:
    schema = results_schema(record=TimedRecord, card_types=["choice", "scale"], statuses=["done"])
    answer = schema["properties"]["answers"]["items"]
    assert answer["properties"]["took"] == {"type": "number"}
    assert answer["properties"]["type"]["enum"] == ["choice", "scale"]
    assert answer["properties"]["status"]["enum"] == ["done"]
    assert "took" not in committed(RESULTS_FILE)["properties"]["answers"]["items"]["properties"]
