"""A class's results files are read with orjson; what only the standard library reads (``NaN``,
``Infinity``, a number past 64 bits) is still read by it, so the record's checks name it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tiesquiz.results import files
from tiesquiz.results.collect import collect


def student(name: str, points: str = "1.0") -> str:
    answer = (
        '{"card": "deck/one", "type": "choice", "question": "Q?", "answer": "A", '
        f'"response": "A", "options": ["A", "B"], "correct_answer": "A", "correct": true, '
        f'"verdict": "right", "points": {points}, "skipped": false, "status": "answered"}}'
    )
    return (
        f'{{"format": 1, "student": "{name}", "decks": ["deck"], "started": '
        f'"2026-11-29T09:00:00+00:00", "seconds": 60, "seed": 7, "answers": [{answer}]}}'
    )


def test_a_class_is_read_without_the_standard_librarys_parser(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("Ann", "Bob", "Cy"):
        (tmp_path / f"{name}.json").write_text(student(name), encoding="utf-8")
    (tmp_path / "Dee.json").write_text(student("Dee", "NaN"), encoding="utf-8")
    calls: list[str] = []
    real = json.loads

    def counted(text: str) -> object:
        calls.append(text)
        return real(text)

    monkeypatch.setattr(files.json, "loads", counted)
    read, skipped = collect([tmp_path])
    assert [f.student for f in read] == ["Ann", "Bob", "Cy"]
    assert len(calls) == 1 and '"Dee"' in calls[0]  # only the file orjson cannot read
    assert skipped == [
        (str(tmp_path / "Dee.json"), "answer 1: 'points' must be a number from 0 to 1")
    ]
