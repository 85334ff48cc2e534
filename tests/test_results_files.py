"""Results files as a contract: what `quiz --results` writes, what `results` reads back, and what
it sets aside (by name, reading the rest)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from helpers.cli import invoke, lines_in
from helpers.decks import fixture_cards
from helpers.paths import FIXTURES
from tiesquiz.deck.model import Card, ClozeCard, MatchCard, OrderCard

DECKS = str(FIXTURES / "good")


@pytest.fixture
def taken(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Two students' quizzes on the all-types deck, one as JSON and one as CSV."""
    monkeypatch.setenv("TIESQUIZ_DECKS", DECKS)
    folder = tmp_path / "in"
    folder.mkdir()
    dry = tmp_path / "dry.json"
    assert invoke(
        "quiz", "all-types", "--seed", "4", "--results", str(dry), input=lines_in([":s"] * 7)
    ).exit_code == 0  # fmt: skip
    cards = {c.key: c for c in fixture_cards()}
    replies: list[str] = []
    for asked in json.loads(dry.read_text(encoding="utf-8"))["answers"]:
        replies += reply(cards[asked["card"]])
    for name, suffix, lines in (("Ann", "json", replies), ("=Bob", "csv", [":s"] * 7)):
        result = invoke(
            "quiz", "all-types", "--seed", "4", "--results", str(folder / f"{name.strip('=')}.{suffix}"),
            "--name", name, input=lines_in(lines),
        )  # fmt: skip
        assert result.exit_code == 0, result.output
    return folder


def reply(card: Card) -> list[str]:
    """A valid plain-mode reply to the card, whatever order its options are shown in."""
    if isinstance(card, OrderCard):
        return [",".join(str(i) for i in range(1, len(card.items) + 1))]
    if isinstance(card, MatchCard):
        return [", ".join(f"{i}-{i}" for i in range(1, len(card.pairs) + 1))]
    if isinstance(card, ClozeCard):
        return ["x"] * len(card.gaps)
    return {"truefalse": ["t"], "typed": ["Quba"]}.get(card.type, ["1"])


def test_each_answer_records_what_the_student_chose(taken: Path) -> None:
    data = json.loads((taken / "Ann.json").read_text(encoding="utf-8"))
    assert data["format"] == 2
    by_type = {a["type"]: a for a in data["answers"]}
    choice = by_type["choice"]
    assert choice["response"] in choice["options"] and len(choice["options"]) == 3
    assert isinstance(by_type["multi"]["response"], list)
    assert isinstance(by_type["cloze"]["response"], list)
    assert isinstance(by_type["match"]["response"], dict)
    assert isinstance(by_type["order"]["response"], list)
    assert by_type["truefalse"]["response"] in (True, False)
    assert isinstance(by_type["typed"]["response"], str)


def test_the_written_file_follows_the_printed_schema(taken: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    result = invoke("schema", "--results")
    assert result.exit_code == 0
    schema = json.loads(result.output)
    jsonschema.Draft7Validator.check_schema(schema)
    jsonschema.validate(json.loads((taken / "Ann.json").read_text(encoding="utf-8")), schema)


def test_csv_results_are_read_like_json_ones(taken: Path) -> None:
    with (taken / "Bob.csv").open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert rows[0]["student"] == "'=Bob"  # a spreadsheet shows it as text
    assert rows[0]["format"] == "2"
    got = json.loads(invoke("results", str(taken), "--json").output)
    names = {s["name"]: s for s in got["students"]}
    assert set(names) == {"Ann", "=Bob"}
    assert names["=Bob"]["percent"] == 0.0 and names["=Bob"]["questions"] == 7
    skipped = {i["card"]: i for i in got["items"]}
    assert all(i["asked"] == 2 for i in skipped.values())


def test_bad_files_are_set_aside_by_name_and_the_rest_read(taken: Path) -> None:
    (taken / "notes.json").write_text('{"hello": 1}', encoding="utf-8")
    (taken / "broken.json").write_text("{", encoding="utf-8")
    (taken / "sheet.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    newer = json.loads((taken / "Ann.json").read_text(encoding="utf-8"))
    newer["format"] = 99
    (taken / "future.json").write_text(json.dumps(newer), encoding="utf-8")
    result = invoke("results", str(taken), str(taken / "missing.json"))
    assert result.exit_code == 0, result.output
    assert "Students (2)" in result.output
    for name, why in (
        ("notes.json", "not a tiesquiz results file"),
        ("broken.json", "not valid JSON"),
        ("sheet.csv", "not a tiesquiz results file (no student, card, points and status columns)"),
        ("future.json", "written in results format 99 by a newer tiesquiz"),
        ("missing.json", "no such file or folder"),
    ):
        # Spaces ignored: a path longer than a line is broken to fit the terminal.
        assert f"{name}: {why}".replace(" ", "") in "".join(result.output.split()), name
    assert "Traceback" not in result.output


def test_nothing_readable_is_one_clear_error(tmp_path: Path) -> None:
    (tmp_path / "notes.json").write_text("[]", encoding="utf-8")
    result = invoke("results", str(tmp_path))
    assert result.exit_code == 1
    assert "no results files could be read" in result.output and "notes.json" in result.output


def test_the_same_student_and_quiz_twice_are_both_kept_and_flagged(taken: Path) -> None:
    (taken / "Ann-again.json").write_text(
        (taken / "Ann.json").read_text(encoding="utf-8"), encoding="utf-8"
    )
    got = json.loads(invoke("results", str(taken), "--json").output)
    anns = [s for s in got["students"] if s["name"] == "Ann"]
    assert len(anns) == 2 and all(s["duplicate"] for s in anns)
    assert not any(s["duplicate"] for s in got["students"] if s["name"] == "=Bob")
    assert "twice: same student, same quiz" in invoke("results", str(taken)).output


def test_a_file_from_before_format_numbers_is_still_read(tmp_path: Path) -> None:
    legacy = {
        "tiesquiz": "0.1.0",
        "student": "Old",
        "decks": ["economy"],
        "started": "2026-11-01T09:00:00+00:00",
        "seconds": 12.5,
        "seed": None,
        "score": 1.0,
        "questions": 2,
        "percent": 50.0,
        "answers": [
            {"card": "economy/a", "type": "typed", "question": "Q?", "answer": "oil",
             "correct_answer": "oil", "correct": True, "points": 1.0, "skipped": False,
             "status": "answered"},
            {"card": "economy/b", "type": "typed", "question": "R?", "answer": "",
             "correct_answer": "x", "correct": False, "points": 0.0, "skipped": True,
             "status": "skipped"},
        ],
    }  # fmt: skip
    (tmp_path / "old.json").write_text(json.dumps(legacy), encoding="utf-8")
    got = json.loads(invoke("results", str(tmp_path / "old.json"), "--json").output)
    assert got["students"][0]["percent"] == 50.0
    assert [i["facility"] for i in got["items"]] == [1.0, 0.0]


def test_deck_gives_the_current_question_text(taken: Path) -> None:
    got = json.loads(invoke("results", str(taken), "--json", "--deck", "all-types").output)
    choice = next(i for i in got["items"] if i["type"] == "choice")
    assert choice["options"][0]["option"] == "Quba"  # deck order, answer first
    assert choice["options"][0]["right"]


@pytest.mark.parametrize("width", [60, 120])
def test_the_report_fits_the_terminal(taken: Path, width: int) -> None:
    from tiesquiz.results import read_results
    from tiesquiz.results.analysis import analyse
    from tiesquiz.ui.results_view import render_report

    files = [read_results(p) for p in sorted(taken.iterdir())]
    lines = "\n".join(render_report(analyse(files), width=width)).splitlines()
    assert max(map(len, lines)) <= width
    assert any(line.startswith("   90–100% │") for line in lines)


# -- forged numbers and forged keys set one file aside, never the class -----------------------------


@pytest.mark.parametrize("seconds", ["NaN", "Infinity", "-Infinity", "1e999", "-5", "1e9"])
def test_a_forged_time_in_json_sets_that_file_aside(taken: Path, seconds: str) -> None:
    text = (taken / "Ann.json").read_text(encoding="utf-8")
    data = json.loads(text)
    forged = json.dumps(data).replace(
        f'"seconds": {json.dumps(data["seconds"])}', f'"seconds": {seconds}'
    )
    assert forged != json.dumps(data)
    (taken / "forged.json").write_text(forged, encoding="utf-8")
    result = invoke("results", str(taken))
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output and "Students (2)" in result.output
    assert "forged.json: 'seconds' must be a time" in " ".join(result.output.split())


@pytest.mark.parametrize(
    ("column", "value"),
    [("seconds", "nan"), ("seconds", "inf"), ("format", "nan"), ("format", "1e999")],
)
def test_a_forged_number_in_csv_sets_that_file_aside(taken: Path, column: str, value: str) -> None:
    with (taken / "Bob.csv").open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    for row in rows:
        row[column] = value
        row["student"] = "Cy"
    with (taken / "Cy.csv").open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    result = invoke("results", str(taken))
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output and "Students (2)" in result.output
    assert f"Cy.csv: '{column}' must be" in " ".join(result.output.split())


def test_a_card_key_is_no_formula_in_the_gradebook_header(taken: Path, tmp_path: Path) -> None:
    data = json.loads((taken / "Ann.json").read_text(encoding="utf-8"))
    data["student"] = "Dee"
    data["answers"][0]["card"] = '=HYPERLINK("http://example.invalid","x")'
    (taken / "Dee.json").write_text(json.dumps(data), encoding="utf-8")
    book = tmp_path / "book.csv"
    assert invoke("results", str(taken), "--csv", str(book)).exit_code == 0
    with book.open(newline="", encoding="utf-8") as fh:
        header = next(csv.reader(fh))
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in header), header
    assert '\'=HYPERLINK("http://example.invalid","x")' in header


def test_an_earlier_results_file_is_kept_unless_force(taken: Path) -> None:
    """A second quiz to the same file used to replace the first one's results silently."""
    first = taken / "Ann.json"
    before = first.read_bytes()
    again = ["quiz", "all-types", "--seed", "4", "--results", str(first), "--name", "Ann"]
    result = invoke(*again, input=lines_in([":s"] * 7))
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "already there; add --force" in result.output
    assert "One reply a line" not in result.output  # refused before the quiz began, not after
    assert first.read_bytes() == before
    result = invoke(*again, "--force", input=lines_in([":s"] * 7))
    assert result.exit_code == 0, result.output
    assert json.loads(first.read_text(encoding="utf-8"))["score"] == 0
