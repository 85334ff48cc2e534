"""Start-up import hygiene, and a smoke run of the benchmark harness on tiny data."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
HEAVY = (
    "questionary",
    "prompt_toolkit",
    "fsrs",
    "genanki",
    "rich",
    "yaml",
    "anyascii",
    "platformdirs",
    "spellchecker",
    "rapidfuzz",
    "orjson",
)


@pytest.mark.parametrize("args", [[], ["--help"], ["--version"]])
def test_start_up_imports_no_heavy_module(args: list[str]) -> None:
    code = (
        "import sys, json\n"
        "sys.argv = ['tiesquiz', *json.loads(sys.argv[1])]\n"
        "import tiesquiz.cli\n"
        "try:\n"
        "    tiesquiz.cli.main() if sys.argv[1:] else None\n"
        "except SystemExit:\n"
        "    pass\n"
        f"print(json.dumps([m for m in {list(HEAVY)!r} if m in sys.modules]))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, json.dumps(args)], capture_output=True, text=True, check=True
    )
    assert json.loads(out.stdout.strip().splitlines()[-1]) == []


def test_benchmark_harness_runs_on_tiny_data() -> None:
    out = subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks" / "run.py"),
            "--runs",
            "1",
            "--cards",
            "40",
            "--decks",
            "2",
            "--reviews",
            "80",
            "--long",
            "2000",
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert out.returncode == 0, out.stderr
    for figure in (
        "start-up: tiesquiz --help",
        "due on the shipped decks",
        "lint: an error on each of 20 cards, vs clean",
        "due, cold (decks just edited): 40 cards",
        "show DECK, 1 other decks unchanged, vs alone",
        "due, warm, vs Anki's due counts",
        "study: the first question on screen, vs Anki",
        "memory: peak RSS of due, vs Anki's",
        "end a session: 2,000 vs 1,000 answers",
    ):
        assert figure in out.stdout
    assert "ratio" in out.stdout and "target" in out.stdout


@pytest.mark.slow
def test_record_answer_benchmark_runs() -> None:
    out = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "record_answer.py"), "--answers", "3"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert out.returncode == 0, out.stderr
    assert "ratio (50,000 / 100, median)" in out.stdout
