"""Files that are not what they are named as (issue 26, findings 12 and 13): a FIFO given as an
import sheet or a deck is refused at once, never waited on, and a sheet too big to become a deck
is refused before any of its rows is read (200,000 rows took 57 s and 870 MB to be refused)."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import tracemalloc
from pathlib import Path

import pytest

from helpers.cli import invoke
from tiesquiz import importer
from tiesquiz.deck.reading import read_deck_file
from tiesquiz.errors import DeckError

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")


def test_a_fifo_as_the_import_sheet_is_refused_without_waiting(tmp_path: Path) -> None:
    fifo = tmp_path / "sheet.csv"
    os.mkfifo(fifo)
    done = subprocess.run(
        [sys.executable, "-m", "tiesquiz", "import", str(fifo), "-o", str(tmp_path / "d.yaml")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "not a regular file" in done.stderr and str(fifo) in done.stderr
    assert not (tmp_path / "d.yaml").exists()


def test_a_deck_swapped_for_a_fifo_after_its_check_is_refused_without_waiting(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The file was a regular file when it was looked at, and a FIFO when it was opened (a
    shared folder, someone quick): the open file is checked, and the read never waits."""
    regular = tmp_path / "regular.yaml"
    regular.write_text("deck: d\n", encoding="utf-8")
    fifo = tmp_path / "deck.yaml"
    os.mkfifo(fifo)
    seen_as_regular = regular.stat()
    real_stat = Path.stat

    def stat(self: Path, **kwargs: object) -> os.stat_result:
        return seen_as_regular if self == fifo else real_stat(self, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "stat", stat)
    outcome: list[str] = []

    def read() -> None:
        try:
            read_deck_file(fifo)
        except DeckError as exc:
            outcome.append(str(exc))

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    reader.join(timeout=20)
    if reader.is_alive():  # let the stuck open go before failing
        with open(fifo, "w"):
            pass
    assert outcome == [f"{fifo}: not a regular file, so not read as a deck"]


def _sheet(path: Path, rows: int, *, lines_per_row: int = 1) -> Path:
    extra = "\n".join(f"line {n}" for n in range(lines_per_row - 1))
    with path.open("w", encoding="utf-8") as fh:
        fh.write("question,answer,explanation\n")
        for i in range(rows):
            fh.write(f'Q{i}?,A{i},"E{i}{chr(10) + extra if extra else ""}"\n')
    return path


def test_a_sheet_with_more_rows_than_a_deck_holds_is_refused_before_any_row_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sheet = _sheet(tmp_path / "big.csv", 200_000)

    def no_row(*args: object, **kwargs: object) -> None:
        raise AssertionError("a row was read as a card")

    monkeypatch.setattr(importer, "row_to_card", no_row)
    tracemalloc.start()
    try:
        result = invoke("import", str(sheet), "-o", str(tmp_path / "big.yaml"))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert result.exit_code == 1, result.output
    assert "the sheet has 200,000 rows; a deck may hold at most 20,000 cards" in result.output
    assert peak < 60 * 1024 * 1024, f"{peak / 1024 / 1024:.0f} MB"  # the text, not its cards
    assert not (tmp_path / "big.yaml").exists()


def test_rows_are_counted_as_records_not_lines(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A cell may hold line breaks: five cards on twenty lines are five rows."""
    monkeypatch.setattr(importer, "MAX_CARDS", 5)
    ok = invoke("import", str(_sheet(tmp_path / "ok.csv", 5, lines_per_row=4)), "-o", "ok.yaml")
    assert ok.exit_code == 0, ok.output
    over = invoke("import", str(_sheet(tmp_path / "six.csv", 6, lines_per_row=4)), "-o", "x.yaml")
    assert over.exit_code == 1 and "the sheet has 6 rows" in over.output


def test_a_sheet_over_the_size_limit_is_refused_unread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sheet = _sheet(tmp_path / "sheet.csv", 50)
    monkeypatch.setattr(importer, "MAX_SHEET_BYTES", sheet.stat().st_size - 1)
    result = invoke("import", str(sheet), "-o", str(tmp_path / "d.yaml"))
    assert result.exit_code == 1 and "a sheet may be at most" in result.output
    assert "split it" in result.output
