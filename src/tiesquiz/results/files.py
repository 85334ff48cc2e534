"""Quiz results files a teacher can collect: JSON or CSV, chosen by the file's extension; and
reading them back, whichever this release or an earlier one wrote."""

from __future__ import annotations

import csv
import io
import json
import math
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol

from tiesquiz import __version__
from tiesquiz.atomic import write_atomic
from tiesquiz.clock import iso
from tiesquiz.deck.model import Card
from tiesquiz.deck.tabular import neutralise, restore
from tiesquiz.errors import TiesquizError
from tiesquiz.results.model import FORMAT, AnswerRecord, NotResults, ResultsFile

FORMATS = (".json", ".csv")
#: Results files are small; anything bigger is not one (and is not read whole).
MAX_BYTES = 20 * 1024 * 1024

CSV_COLUMNS = (
    "format",
    "student",
    "decks",
    "started",
    "seconds",
    "seed",
    "quiz",
    "question_no",
    "card",
    "type",
    "question",
    "answer",
    "response",
    "options",
    "correct_answer",
    "correct",
    "verdict",
    "points",
    "skipped",
    "status",
    "version",
    "flag",
    "score",
    "questions",
)


def check_results_path(path: Path, *, overwrite: bool = False) -> None:
    """Fail before the quiz, not after it, when the file cannot be written, or would replace an
    earlier quiz's results unasked."""
    if path.suffix.lower() not in FORMATS:
        raise TiesquizError(f"{path}: the results file must end in .json or .csv")
    if not path.parent.exists():
        raise TiesquizError(f"{path}: the folder {path.parent} does not exist")
    if not overwrite and (path.exists() or path.is_symlink()):
        raise TiesquizError(
            f"{path}: a results file is already there; add --force to replace it, or choose "
            "another --results FILE"
        )


class Asked(Protocol):
    """One question of a quiz as results record it (the quiz session's ``QuizItem`` is one):
    results read what the session hands them, without importing the session."""

    @property
    def card(self) -> Card: ...
    @property
    def answer(self) -> str: ...
    @property
    def correct(self) -> bool: ...
    @property
    def score(self) -> float: ...
    @property
    def status(self) -> str: ...
    @property
    def response(self) -> object: ...
    @property
    def options(self) -> tuple[str, ...]: ...
    @property
    def check(self) -> bool: ...
    @property
    def flag(self) -> str: ...


def results_data(
    items: Sequence[Asked],
    *,
    name: str,
    decks: Sequence[str],
    started: datetime,
    seconds: float,
    seed: int | None,
) -> ResultsFile:
    from tiesquiz.results.versions import card_version, quiz_identity

    return ResultsFile(
        student=name,
        decks=tuple(decks),
        started=iso(started),
        seconds=round(seconds, 1),
        seed=seed,
        version=__version__,
        quiz=quiz_identity(decks, [item.card.key for item in items], seed),
        answers=tuple(
            AnswerRecord(
                card=item.card.key,
                type=item.card.type,
                question=item.card.question,
                correct_answer=item.card.answer_text(),
                points=round(item.score, 3),
                status=item.status,
                correct=item.correct,
                answer=item.answer,
                response=item.response,
                options=item.options,
                check=item.check,
                version=card_version(item.card),
                flag=item.flag,
            )
            for item in items
        ),
    )


def _csv_text(data: dict[str, Any]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    for i, answer in enumerate(data["answers"], 1):
        row = {
            **{k: data[k] for k in ("format", "student", "started", "seconds", "score")},
            "decks": " ".join(data["decks"]),
            "seed": "" if data["seed"] is None else data["seed"],
            "quiz": data["quiz"],
            "questions": data["questions"],
            "question_no": i,
            **{k: answer[k] for k in ("card", "type", "question", "answer", "correct_answer")},
            **{k: answer[k] for k in ("correct", "verdict", "points", "skipped", "status")},
            "version": answer["version"],
            "flag": answer["flag"],
            "response": "" if answer["response"] is None else json.dumps(answer["response"]),
            "options": json.dumps(answer["options"]) if answer["options"] else "",
        }
        cells = [row[c] for c in CSV_COLUMNS]
        # A student's name or answer never becomes a live formula in a teacher's gradebook.
        writer.writerow([neutralise(v) if isinstance(v, str) else v for v in cells])
    return buffer.getvalue()


def write_results(path: Path, results: ResultsFile) -> None:
    data = results.to_dict()
    if path.suffix.lower() == ".json":
        text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    else:
        text = _csv_text(data)
    try:
        write_atomic(path, text, newline="")
    except OSError as exc:
        raise TiesquizError(f"{path}: cannot write the results: {exc.strerror or exc}") from None


def _json_cell(cell: str) -> Any:
    if not cell:
        return None
    try:
        return json.loads(cell)
    except ValueError:
        return cell


def _number(cell: str, default: float = 0.0) -> float:
    """The cell's number (``nan`` and ``inf`` included, for the record's checks to refuse)."""
    try:
        return float(cell)
    except ValueError:
        return default


def _whole(cell: str, what: str) -> int:
    value = _number(cell)
    if not math.isfinite(value) or value != int(value):
        raise NotResults(f"'{what}' must be a whole number, not {cell!r}")
    return int(value)


def _from_csv(text: str, path: Path) -> ResultsFile:
    reader = csv.DictReader(io.StringIO(text))
    header = set(reader.fieldnames or ())
    if not {"student", "card", "points", "status"} <= header:
        raise NotResults(
            "not a tiesquiz results file (no student, card, points and status columns)"
        )
    rows = [{k: restore(v or "") for k, v in row.items() if k is not None} for row in reader]
    if not rows:
        raise NotResults("a results file with no answers")
    if len({row["student"] for row in rows}) > 1:
        raise NotResults("holds more than one student; a results file is one student's quiz")
    first = rows[0]
    raw = {
        "format": _whole(first.get("format") or "0", "format"),
        "tiesquiz": "",
        "student": first["student"],
        "decks": (first.get("decks") or "").split(),
        "started": first.get("started", ""),
        "seconds": _number(first.get("seconds") or "0"),
        "seed": int(first["seed"]) if (first.get("seed") or "").lstrip("-").isdigit() else None,
        "quiz": first.get("quiz") or "",
        "answers": [
            {
                **row,
                "points": _number(row["points"], -1.0),
                "correct": row.get("correct") == "True",
                "response": _json_cell(row.get("response", "")),
                "options": _json_cell(row.get("options", "")) or [],
            }
            for row in rows
        ],
    }
    return ResultsFile.from_dict(raw, path)


def _json(text: str) -> Any:
    """A results file's JSON, read with orjson (a class's files are read ten times faster than
    by the standard library); what orjson refuses but JSON as Python reads it allows (``NaN``,
    ``Infinity``, a number past 64 bits) is read by the standard library, so that the record's
    checks say what is wrong with it, as they always did."""
    import orjson

    try:
        return orjson.loads(text)
    except orjson.JSONDecodeError:
        pass
    try:
        return json.loads(text)
    except ValueError as exc:
        raise NotResults(f"not valid JSON ({exc})") from None
    except RecursionError:
        raise NotResults("not valid JSON (nested too deeply)") from None


def read_results(path: Path) -> ResultsFile:
    """One results file; :class:`NotResults` says, for a person, why it is not one."""
    try:
        if path.stat().st_size > MAX_BYTES:
            raise NotResults("too big to be a results file")
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise NotResults("not UTF-8 text") from None
    except OSError as exc:
        raise NotResults(f"cannot read it: {exc.strerror or exc}") from None
    if path.suffix.lower() == ".json":
        return ResultsFile.from_dict(_json(text), path)
    if path.suffix.lower() == ".csv":
        try:
            return _from_csv(text, path)
        except csv.Error as exc:
            raise NotResults(f"not valid CSV ({exc})") from None
    raise NotResults("not a .json or .csv file")


__all__ = ["FORMAT", "check_results_path", "read_results", "results_data", "write_results"]
