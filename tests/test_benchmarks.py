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
    small = {
        "--runs": 1, "--cards": 40, "--decks": 2, "--reviews": 80, "--more-reviews": 200,
        "--long": 2000, "--students": 5, "--questions": 4, "--one-file": 20, "--rows": 30,
        "--big-rows": 60, "--queue": 300, "--lint-cards": 20,
    }  # fmt: skip
    out = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "run.py")]
        + [str(x) for pair in small.items() for x in pair],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert out.returncode == 0, out.stderr
    for figure in (
        "start-up: tiesquiz --help",
        "due on the shipped decks",
        "lint: an error on each of 20 cards, vs the same deck clean",
        "lint: 20 clean cards, vs 10",
        "due, TIESQUIZ_CACHE=off, 40 cards",
        "due, every deck just edited (default cache: parse, keep)",
        "due, the decks used from two folders in turn, vs from one folder",
        "show DECK, 1 other decks unchanged beside it, vs it alone",
        "due, warm cache, vs Anki's due counts",
        "memory: peak RSS of due, vs Anki's",
        "study: first question on screen, vs Anki's first card printed",
        "study: the prompt under it ready for keys, vs Anki's first card printed",
        "stats, 80 answers (20 new since the last stats), vs orjson.loads of every line",
        "stats, 200 answers, vs 80",
        "stats, 80 answers, vs Anki's graphs data",
        "memory: peak RSS of that stats, vs Anki's graphs",
        "results of 5 files x 4 answers, vs json.load of them",
        "results of one file of 40 answers, vs one of 20",
        "import a 30-row CSV",
        "import 60 front,back rows",
        "export 40 cards to GIFT",
        "export 40 cards to .apkg, vs Anki exporting its 40 notes",
        "end a session: 2,000 vs 1,000 answers",
        "the queue's work per question: 300 cards queued, vs 3",
    ):
        assert figure in out.stdout, figure
    assert "ratio" in out.stdout and "target" in out.stdout
    assert "interleaved rounds" in out.stdout


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
