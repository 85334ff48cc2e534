"""Files we write carry nothing hostile: no live spreadsheet formula, no Anki subdeck or hint
smuggled in by '::', and a device or FIFO is never read as a deck."""

from __future__ import annotations

import csv
import io
import json
import os
import threading
from pathlib import Path

import pytest

from helpers.cli import invoke, lines_in
from helpers.decks import use_fixture_decks

FORMULA = '=HYPERLINK("http://example.invalid","click")'


def hostile_deck(folder: Path) -> Path:
    folder.mkdir(exist_ok=True)
    path = folder / "hostile.yaml"
    path.write_text(
        'deck: hostile\ntitle: "Evil::Sub::Deck"\ncards:\n'
        f"  - {{id: a, type: typed, question: '{FORMULA.replace(chr(39), chr(39) * 2)}', answer: '-907',"
        " explanation: '@SUM(1)', source: S}\n"
        "  - {id: b, type: cloze, question: 'A {{x::hint}} gap.', explanation: E, source: S}\n",
        encoding="utf-8",
    )
    return path


def test_csv_export_neutralises_formulas_and_reads_back_the_same(tmp_path: Path) -> None:
    deck = hostile_deck(tmp_path / "decks")
    sheet = tmp_path / "out.csv"
    assert invoke("export", str(deck), "--to", "csv", "-o", str(sheet)).exit_code == 0
    rows = list(csv.DictReader(io.StringIO(sheet.read_text(encoding="utf-8"))))
    assert rows[0]["question"] == "'" + FORMULA and rows[0]["answer"] == "'-907"
    assert rows[0]["explanation"] == "'@SUM(1)"
    for row in rows:
        assert not any(str(v).startswith(("=", "+", "-", "@")) for v in row.values())
    back = tmp_path / "back.yaml"
    assert invoke("import", str(sheet), "-o", str(back)).exit_code == 0
    from tiesquiz.deck.reading import read_deck_file

    card = read_deck_file(back).deck.cards[0]  # type: ignore[union-attr]
    assert (card.question, card.answer_text(), card.explanation) == (FORMULA, "-907", "@SUM(1)")


def test_quiz_results_csv_neutralises_the_name_and_answers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    use_fixture_decks(monkeypatch)
    results = tmp_path / "r.csv"
    result = invoke(
        "quiz",
        "all-types",
        "--type",
        "typed",
        "--plain",
        "--name",
        FORMULA,
        "--results",
        str(results),
        input=lines_in(["=1+1"]),
    )
    assert result.exit_code == 0, result.output
    (row,) = list(csv.DictReader(io.StringIO(results.read_text(encoding="utf-8"))))
    assert row["student"] == "'" + FORMULA and row["answer"] == "'=1+1"


def test_anki_titles_and_gaps_keep_their_colons_as_text(tmp_path: Path) -> None:
    from tiesquiz.deck.reading import read_deck_file
    from tiesquiz.export.anki import build_package

    deck = read_deck_file(hostile_deck(tmp_path / "decks")).deck
    assert deck is not None
    package = build_package([deck])
    (anki_deck,) = package.decks
    assert anki_deck.name.count("::") == 1  # only tiesquiz::, no subdecks
    cloze = next(n for n in anki_deck.notes if "{{c1::" in n.fields[0])
    assert cloze.fields[0].count("::") == 1  # the gap's own '::' is no hint separator


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_device_or_fifo_is_not_read_as_a_deck(tmp_path: Path) -> None:
    zero = tmp_path / "zero.yaml"
    zero.symlink_to("/dev/zero")
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    for path in (zero, fifo):
        done: dict[str, object] = {}

        def run(p: Path = path, into: dict[str, object] = done) -> None:
            into["r"] = invoke("lint", str(p))

        thread = threading.Thread(target=run)
        thread.start()
        thread.join(timeout=20)
        assert not thread.is_alive(), f"lint {path.name} hangs"
        result = done["r"]
        assert result.exit_code == 1 and "not a regular file" in result.output  # type: ignore[attr-defined]
    assert json.loads(invoke("lint", "--format", "json", str(zero)).output)["errors"] == 1


def test_every_file_is_written_whole_or_not_at_all(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An export cut mid-write (a kill, a full disk) leaves the previous file, not half a file."""
    import genanki

    apkg = tmp_path / "deck.apkg"
    assert invoke("export", "economy", "--to", "anki", "-o", str(apkg)).exit_code == 0
    before = apkg.read_bytes()

    def cut_short(self: object, path: str, timestamp: object = None) -> None:
        Path(path).write_bytes(b"PK\x03\x04 half a zip")
        raise OSError(28, "No space left on device")

    # Patched only for this export: undoing the whole monkeypatch would also undo the test's
    # isolation from the real home (and the next export would fill the real deck cache).
    with monkeypatch.context() as patched:
        patched.setattr(genanki.Package, "write_to_file", cut_short)
        result = invoke("export", "economy", "--to", "anki", "-o", str(apkg), "--force")
    assert result.exit_code == 1 and "cannot write it" in result.output
    assert apkg.read_bytes() == before
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]  # no temp file left

    import tiesquiz.atomic as atomic

    sheet = tmp_path / "deck.csv"
    sheet.write_text("the teacher's sheet", encoding="utf-8")

    def no_rename(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "replace", no_rename)
    failed = invoke("export", "economy", "--to", "csv", "-o", str(sheet), "--force")
    assert failed.exit_code == 1
    assert sheet.read_text(encoding="utf-8") == "the teacher's sheet"
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
