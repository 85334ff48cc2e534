"""Re-importing a sheet over its deck keeps the deck: its id, title, description, tags, exam day
and each kept card's lint settings, and so the progress; the message, read back from the file
written, says what is true."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from helpers.cli import invoke, lines_in

SHEET = """id,type,question,answer,explanation,source
capital,typed,Which city is the capital of France?,Paris,It is.,p1
river,typed,Which river runs through Paris?,Seine,It does.,p2
peak,typed,Which is the highest mountain in France?,Mont Blanc,It is.,p3
"""
EDITED = SHEET.replace("Which river runs through Paris?", "Which river crosses Paris?").replace(
    "peak,typed,Which is the highest mountain in France?,Mont Blanc,It is.,p3\n",
    "coast,typed,Which sea lies south of France?,Mediterranean,It does.,p4\n",
)


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    decks = tmp_path / "decks"
    decks.mkdir()
    monkeypatch.setenv("TIESQUIZ_DECKS", str(decks))
    return decks


def test_a_sheet_edited_and_imported_again_keeps_the_deck_and_its_progress(
    tmp_path: Path, folder: Path, state: Path
) -> None:
    sheet, deck = tmp_path / "sheet.csv", folder / "geo.yaml"
    sheet.write_text(SHEET, encoding="utf-8")
    first = invoke(
        "import", str(sheet), "-o", str(deck), "--deck", "france-geo", "--title", "France geography"
    )
    assert first.exit_code == 0, first.output
    # The teacher adds what a sheet has no column for.
    text = deck.read_text(encoding="utf-8")
    text = text.replace(
        "title: France geography\n",
        "title: France geography\ndescription: Places of France.\ntags: [geo]\n"
        "exam: 2027-01-15\nlint: {ignore: [no-source]}\n",
    )
    text = text.replace("- id: river\n", "- id: river\n  lint: {ignore: [answer-in-question]}\n")
    deck.write_text(text, encoding="utf-8")
    studied = invoke(
        "--state",
        str(state),
        "study",
        "france-geo",
        "--plain",
        input=lines_in(["Paris", "Seine", ":q"]),
    )
    assert studied.exit_code == 0, studied.output

    sheet.write_text(EDITED, encoding="utf-8")
    again = invoke("import", str(sheet), "-o", str(deck), "--force")
    assert again.exit_code == 0, again.output
    assert "(deck france-geo)" in again.output
    assert "Kept the ids (and so the progress) of 2 cards; 1 new, 1 removed." in again.output
    assert "removed: peak" in again.output

    written = deck.read_text(encoding="utf-8")
    for kept in (
        "deck: france-geo",
        "title: France geography",
        "description: Places of France.",
        "exam: 2027-01-15",
        "no-source",
        "answer-in-question",
        "Which river crosses Paris?",
    ):
        assert kept in written, kept
    due = json.loads(invoke("--state", str(state), "due", "--json").stdout)
    assert "geo" not in due["decks"]  # no deck of the file's name appeared
    counts = due["decks"]["france-geo"]
    assert counts["new"] == 1  # the new card; the two studied keep their schedules
    progress = json.loads(state.read_text(encoding="utf-8"))["cards"]
    assert {"france-geo/capital", "france-geo/river"} <= set(progress)


def test_naming_another_id_says_the_progress_does_not_follow(tmp_path: Path, folder: Path) -> None:
    sheet, deck = tmp_path / "sheet.csv", folder / "geo.yaml"
    sheet.write_text(SHEET, encoding="utf-8")
    assert invoke("import", str(sheet), "-o", str(deck), "--deck", "france-geo").exit_code == 0
    moved = invoke("import", str(sheet), "-o", str(deck), "--force", "--deck", "france")
    assert moved.exit_code == 0
    assert "Kept the ids" not in moved.output
    assert "The deck's id is now 'france', not 'france-geo'" in moved.output
