"""The README's promises: the sample deck is valid, and the quick start is two commands."""

from __future__ import annotations

import re
from pathlib import Path

from helpers.disk import answers_on_disk
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
    install, test = commands[1].split(" && ")
    assert install in ci and ci.rstrip().endswith(test)


def test_the_python_example_runs(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The library example in "How the code is laid out" works as printed."""
    import contextlib
    import io

    example = re.search(r"no terminal at all:\n\n```python\n(.*?)```", README, re.S)
    assert example
    monkeypatch.chdir(tmp_path)
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(compile(example[1], "README.md", "exec"), {})
    lines = printed.getvalue().splitlines()
    assert len(lines) == 3 and all(" -> " in line for line in lines)
    log = answers_on_disk(tmp_path / "progress.json")
    assert len(log) == 3 and {r["mode"] for r in log} == {"study"}


def test_the_readme_counts_the_shipped_cards_and_decks() -> None:
    """The numbers the README gives for the bundled decks are the decks' own, never typed by
    hand and left behind when a card is added."""
    from helpers.paths import REPORT_DECKS
    from tiesquiz.deck.reading import read_deck_file

    decks = [read_deck_file(p).deck for p in sorted(REPORT_DECKS.glob("*.yaml"))]
    cards = sum(len(d.cards) for d in decks if d is not None)
    words = {3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight"}
    said = re.search(r"The default decks \((\d+) cards in (\w+) decks\)", README)
    assert said, "the README no longer says how many cards the default decks hold"
    assert (int(said[1]), said[2]) == (cards, words.get(len(decks), str(len(decks))))
