"""Every lint rule fires, at the right place, and the command reports all problems in one run."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from helpers.paths import FIXTURES
from tiesquiz.cli import cli
from tiesquiz.deck.lint import lint_paths

BAD = sorted((FIXTURES / "bad").glob("*.yaml"))
WARN = sorted((FIXTURES / "warn").glob("*.yaml"))


def expectation(path: Path) -> tuple[int, int, str]:
    m = re.match(r"# expect: (\d+):(\d+) (\S+)", path.read_text(encoding="utf-8"))
    assert m, f"{path} has no '# expect:' line"
    return int(m[1]), int(m[2]), m[3]


@pytest.mark.parametrize("path", BAD, ids=lambda p: p.stem)
def test_each_error_rule_fires_with_its_line(path: Path) -> None:
    line, col, code = expectation(path)
    report = lint_paths([path])
    found = [(p.line, p.col, p.code) for p in report.errors]
    assert (line, col, code) in found, found
    result = CliRunner().invoke(cli, ["lint", str(path)])
    assert result.exit_code == 1
    assert f"{path.name}:{line}:{col}: " in result.output


@pytest.mark.parametrize("path", WARN, ids=lambda p: p.stem)
def test_each_warning_fires_and_exits_zero_unless_strict(path: Path) -> None:
    line, col, code = expectation(path)
    report = lint_paths([path])
    assert report.errors == []
    assert (line, col, code) in [(p.line, p.col, p.code) for p in report.warnings]
    runner = CliRunner()
    assert runner.invoke(cli, ["lint", str(path)]).exit_code == 0
    strict = runner.invoke(cli, ["lint", "--strict", str(path)])
    assert strict.exit_code == 1
    assert "warning:" in strict.output


def test_all_problems_are_reported_in_one_run(tmp_path: Path) -> None:
    path = tmp_path / "many.yaml"
    path.write_text(
        """deck: many
title: Many problems
cards:
  - id: a
    type: essay
    question: Q
  - id: b
    type: choice
    question: Q2
    answer: x
    distractors: [x]
  - id: c
    type: cloze
    question: no gap here
""",
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli, ["lint", str(path)])
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if ": error: " in line]
    assert [line.split(":")[1] for line in lines] == ["5", "11", "14"]
    assert lines[0].startswith(f"{path}:5:11: a: error: unknown card type 'essay'")


def test_duplicate_deck_ids_across_files(tmp_path: Path) -> None:
    for name in ("one.yaml", "two.yaml"):
        (tmp_path / name).write_text(
            "deck: same\ntitle: T\ncards:\n  - {id: a, type: truefalse, question: Q, answer: true}\n",
            encoding="utf-8",
        )
    report = lint_paths([tmp_path])
    assert [p.code for p in report.errors] == ["duplicate-deck"]
    assert "two.yaml" in report.errors[0].file


def test_json_format_for_ci() -> None:
    path = FIXTURES / "bad" / "unknown-type.yaml"
    result = CliRunner().invoke(cli, ["lint", "--format", "json", str(path)])
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["ok"] is False and data["errors"] == 1
    problem = data["problems"][0]
    assert problem["line"] == 7 and problem["code"] == "unknown-type" and problem["card"] == "q1"


def test_unparseable_yaml_is_reported_with_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text("deck: x\ntitle: [unclosed\ncards: []\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["lint", str(path)])
    assert result.exit_code == 1
    assert re.search(r"broken\.yaml:\d+:\d+: not valid YAML", result.output)
    assert "Traceback" not in result.output


def test_missing_path_is_a_clean_error() -> None:
    result = CliRunner().invoke(cli, ["lint", "no-such-deck.yaml"])
    assert result.exit_code == 1
    assert "no-such-deck.yaml: no such deck file or folder" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
