"""The JSON Schema accepts the shipped decks and rejects the bad fixtures it can express."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
import yaml
from click.testing import CliRunner

from helpers.paths import FIXTURES, REPORT_DECKS
from tiesquiz.cli import cli
from tiesquiz.deck.schema import schema_text

SCHEMA = json.loads(schema_text())
VALIDATOR = jsonschema.Draft7Validator(SCHEMA)


def test_schema_is_a_valid_draft7_schema() -> None:
    jsonschema.Draft7Validator.check_schema(SCHEMA)


def test_schema_command_prints_the_schema() -> None:
    result = CliRunner().invoke(cli, ["schema"])
    assert result.exit_code == 0
    assert json.loads(result.output) == SCHEMA


@pytest.mark.parametrize("path", sorted(REPORT_DECKS.glob("*.yaml")), ids=lambda p: p.stem)
def test_shipped_decks_validate_and_point_at_the_schema(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    first = text.splitlines()[0]
    m = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first)
    assert m, "the first line must be the yaml-language-server $schema comment"
    assert (path.parent / m[1]).resolve() == (
        Path(__file__).resolve().parents[1] / "src/tiesquiz/deck/schema.json"
    )
    VALIDATOR.validate(yaml.safe_load(text))


def test_good_fixture_validates() -> None:
    VALIDATOR.validate(yaml.safe_load((FIXTURES / "good" / "all-types.yaml").read_text()))


@pytest.mark.parametrize("path", sorted((FIXTURES / "bad").glob("*.yaml")), ids=lambda p: p.stem)
def test_schema_rejects_bad_fixtures(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    verdict = re.search(r"^# schema: (.*)$", text, re.M)
    assert verdict, f"{path.name} must say whether the schema can check it"
    if verdict[1].startswith("cannot check"):
        pytest.skip(verdict[1])
    errors = list(VALIDATOR.iter_errors(yaml.safe_load(text)))
    assert errors, "the schema accepted a deck the linter rejects"
