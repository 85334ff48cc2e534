"""Bad options, paths and environment variables: one clear message, exit 1, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers.cli import clean_error, invoke


def test_new_into_a_missing_folder(tmp_path: Path) -> None:
    target = tmp_path / "missing" / "x.yaml"
    message = clean_error(invoke("new", "x", "-o", str(target)))
    assert f"the folder {target.parent} does not exist" in message
    assert not target.parent.exists()


def test_import_into_a_missing_folder(tmp_path: Path) -> None:
    sheet = tmp_path / "sheet.csv"
    sheet.write_text("question,answer\nWhere is the Red Village?,Quba\n", encoding="utf-8")
    target = tmp_path / "missing" / "d.yaml"
    message = clean_error(invoke("import", str(sheet), "-o", str(target)))
    assert f"the folder {target.parent} does not exist" in message


def test_import_writes_nothing_that_fails_lint(tmp_path: Path) -> None:
    sheet = tmp_path / "sheet.csv"
    sheet.write_text(
        "question,answer,choices,type\nWhere is it?,Baku,Baku | Quba,choice\n", encoding="utf-8"
    )
    target = tmp_path / "deck.yaml"
    message = clean_error(invoke("import", str(sheet), "-o", str(target)))
    assert "was not written" in message and "also a distractor" in message
    assert not target.exists()


def test_import_over_a_deck_that_would_fail_keeps_the_old_one(tmp_path: Path) -> None:
    sheet = tmp_path / "sheet.csv"
    sheet.write_text(
        "question,answer,choices,type\nWhere is it?,Baku,Baku | Quba,choice\n", encoding="utf-8"
    )
    target = tmp_path / "deck.yaml"
    target.write_text("the teacher's deck\n", encoding="utf-8")
    clean_error(invoke("import", str(sheet), "-o", str(target), "--force"))
    assert target.read_text(encoding="utf-8") == "the teacher's deck\n"


@pytest.mark.parametrize(
    ("variable", "value", "says"),
    [
        ("TIESQUIZ_TZ", "Not/AZone", "TIESQUIZ_TZ='Not/AZone' is not a time zone"),
        ("TIESQUIZ_TZ", "../../etc/passwd", "is not a time zone"),
        ("TIESQUIZ_NOW", "yesterday", "TIESQUIZ_NOW='yesterday' is not a time"),
        ("TIESQUIZ_NOW", "2026-13-01T00:00:00+00:00", "is not a time"),
    ],
)
@pytest.mark.parametrize("command", [["due"], ["stats"], ["study", "--plain"], ["quiz", "--plain"]])
def test_a_bad_environment_variable(
    monkeypatch: pytest.MonkeyPatch, variable: str, value: str, says: str, command: list[str]
) -> None:
    monkeypatch.setenv(variable, value)
    message = clean_error(invoke(*command, input=""))
    assert says in message
    assert ("IANA name" if variable == "TIESQUIZ_TZ" else "ISO 8601") in message  # how to fix it


def test_domain_errors_exit_1_and_usage_errors_exit_2() -> None:
    """One style: a problem with what was asked exits 1; a mistyped command line exits 2."""
    clean_error(invoke("show", "no-such-deck"))
    assert invoke("show", "--no-such-option").exit_code == 2
