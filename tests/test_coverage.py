"""``tiesquiz lint --source FILE``: the paragraphs of the text the decks were written from, how many
cards cite each (``source: para N``), and a warning for each that none cites."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from helpers.cli import invoke
from helpers.paths import REPORT_DECKS, ROOT
from tiesquiz.deck.coverage import cited, paragraphs

REPORT = ROOT.parent / "shared" / "seed" / "000_47582e41618f5e01.txt"

TEXT = """A first paragraph, written
over two lines.

The Background

A second paragraph.

A third one, which no card cites.
"""

DECK = """deck: d
title: D
cards:
  - {id: a, type: flashcard, question: Q1?, answer: A., explanation: E., source: para 1}
  - {id: b, type: flashcard, question: Q2?, answer: B., explanation: E., source: "paras 1 and 2"}
"""


@pytest.mark.parametrize(
    ("source", "numbers"),
    [
        ("para 6", {6}),
        ("para. 6", {6}),
        ("paras 3 and 5", {3, 5}),
        ("paras 3, 5", {3, 5}),
        ("para 6-8", {6, 7, 8}),
        ("paragraph 2", {2}),
        ("Report, para 12", {12}),
        ("the report", set()),
        ("parade 4", set()),
    ],
)
def test_what_a_source_cites(source: str, numbers: set[int]) -> None:
    assert cited(source) == numbers


def test_paragraphs_are_blocks_between_blank_lines_and_headings_do_not_count() -> None:
    assert [(line, text) for line, text in paragraphs(TEXT)] == [
        (1, "A first paragraph, written over two lines."),
        (6, "A second paragraph."),
        (8, "A third one, which no card cites."),
    ]


def test_without_blank_lines_each_line_is_a_paragraph() -> None:
    text = "One sentence here.\nRegional rivals\nTwo sentences. Here.\n"
    assert [line for line, _ in paragraphs(text)] == [1, 3]


def setup(tmp_path: Path) -> tuple[Path, Path]:
    (tmp_path / "text.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "decks").mkdir()
    (tmp_path / "decks" / "d.yaml").write_text(DECK, encoding="utf-8")
    return tmp_path / "text.txt", tmp_path / "decks"


def test_the_report_lists_each_paragraph_and_flags_the_uncited(tmp_path: Path) -> None:
    text, decks = setup(tmp_path)
    result = invoke("lint", "--source", str(text), str(decks))
    assert result.exit_code == 0, result.output  # a warning, not an error
    out = result.output
    assert "2 of 3 paragraphs cited by a card" in " ".join(out.split())
    assert "1      2  A first paragraph, written over two lines." in out
    assert "2      1  A second paragraph." in out
    assert "3      0  A third one, which no card cites.  ✗ no card" in out
    assert "text.txt:8:1: para 3: warning: no card cites paragraph 3" in out
    assert "[uncited-paragraph]" in out
    assert invoke("lint", "--strict", "--source", str(text), str(decks)).exit_code == 1


def test_every_paragraph_cited_passes_strict(tmp_path: Path) -> None:
    text, decks = setup(tmp_path)
    text.write_text(TEXT.replace("\nA third one, which no card cites.\n", ""), encoding="utf-8")
    assert invoke("lint", "--strict", "--source", str(text), str(decks)).exit_code == 0


def test_json_carries_the_coverage(tmp_path: Path) -> None:
    text, decks = setup(tmp_path)
    got = json.loads(invoke("lint", "--format", "json", "--source", str(text), str(decks)).output)
    assert [(p["paragraph"], p["cards"], p["cited_by"]) for p in got["coverage"]] == [
        (1, 2, ["d/a", "d/b"]),
        (2, 1, ["d/b"]),
        (3, 0, []),
    ]


@pytest.mark.parametrize("make", ["missing", "folder", "binary"])
def test_a_source_that_cannot_be_read_is_one_clear_error(tmp_path: Path, make: str) -> None:
    _, decks = setup(tmp_path)
    path = tmp_path / "src"
    if make == "folder":
        path.mkdir()
    elif make == "binary":
        path.write_bytes(b"\xff\xfe\x00bad")
    result = invoke("lint", "--source", str(path), str(decks))
    assert result.exit_code != 0 and "Traceback" not in result.output
    assert str(path) in result.output


@pytest.mark.skipif(not REPORT.exists(), reason="the report is kept beside the repository")
def test_the_shipped_decks_cite_every_paragraph_of_the_report_twice() -> None:
    result = invoke(
        "lint", "--strict", "--format", "json", "--source", str(REPORT), str(REPORT_DECKS)
    )
    got = json.loads(result.output)
    assert result.exit_code == 0, got["problems"]
    counts = {p["paragraph"]: p["cards"] for p in got["coverage"]}
    assert len(counts) == 14
    assert {n: c for n, c in counts.items() if c < 2} == {}
