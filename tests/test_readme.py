"""The README's promises: the sample deck is valid, and the quick start is two commands."""

from __future__ import annotations

import re
from pathlib import Path

from helpers.paths import ROOT
from tiesquiz.deck.lint import lint_paths

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_sample_deck_is_20_lines_and_lints_clean(tmp_path: Path) -> None:
    sample = re.search(r"A short example:\n\n```yaml\n(.*?)```", README, re.S)
    assert sample
    assert len(sample[1].splitlines()) <= 20
    path = tmp_path / "sample.yaml"
    path.write_text(sample[1], encoding="utf-8")
    report = lint_paths([path])
    assert report.problems == [] and report.cards == 3


def test_quick_start_is_two_commands_and_ci_runs_the_test_one() -> None:
    quick = README.split("## Quick start", 1)[1].split("## ", 1)[0]
    commands = re.findall(r"```sh\n(.*?)\n```", quick, re.S)
    assert commands == [
        "python -m pip install . && tiesquiz study",
        'python -m pip install ".[test]" && python -m pytest',
    ]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert commands[1] in ci
