"""Quiz results files a teacher can collect: JSON or CSV, chosen by the file's extension."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from tiesquiz import __version__
from tiesquiz.atomic import write_atomic
from tiesquiz.clock import iso
from tiesquiz.deck.tabular import neutralise
from tiesquiz.errors import TiesquizError
from tiesquiz.session import QuizItem

FORMATS = (".json", ".csv")


def check_results_path(path: Path) -> None:
    """Fail before the quiz, not after it, when the file cannot be written."""
    if path.suffix.lower() not in FORMATS:
        raise TiesquizError(f"{path}: the results file must end in .json or .csv")
    if not path.parent.exists():
        raise TiesquizError(f"{path}: the folder {path.parent} does not exist")


def results_data(
    items: Sequence[QuizItem],
    *,
    name: str,
    decks: Sequence[str],
    started: datetime,
    seconds: float,
    score: float,
    seed: int | None,
) -> dict[str, Any]:
    total = len(items)
    return {
        "tiesquiz": __version__,
        "student": name,
        "decks": list(decks),
        "started": iso(started),
        "seconds": round(seconds, 1),
        "seed": seed,
        "score": score,
        "questions": total,
        "percent": round(score / total * 100, 1) if total else 0.0,
        "answers": [
            {
                "card": item.card.key,
                "type": item.card.type,
                "question": item.card.question,
                "answer": item.answer,
                "correct_answer": item.card.answer_text(),
                "correct": item.correct,
                "points": round(item.score, 3),
                "skipped": item.skipped,
                # answered, skipped, or unasked (the student quit or the time ran out)
                "status": item.status,
            }
            for item in items
        ],
    }


def write_results(path: Path, data: dict[str, Any]) -> None:
    if path.suffix.lower() == ".json":
        text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    else:
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(
            [
                "student",
                "decks",
                "started",
                "question_no",
                "card",
                "type",
                "question",
                "answer",
                "correct_answer",
                "correct",
                "points",
                "skipped",
                "status",
                "score",
                "questions",
            ]
        )
        for i, answer in enumerate(data["answers"], 1):
            cells = (
                data["student"],
                " ".join(data["decks"]),
                data["started"],
                i,
                answer["card"],
                answer["type"],
                answer["question"],
                answer["answer"],
                answer["correct_answer"],
                answer["correct"],
                answer["points"],
                answer["skipped"],
                answer["status"],
                data["score"],
                data["questions"],
            )
            # A student's name or answer never becomes a live formula in a teacher's gradebook.
            writer.writerow([neutralise(v) if isinstance(v, str) else v for v in cells])
        text = buffer.getvalue()
    try:
        write_atomic(path, text, newline="")
    except OSError as exc:
        raise TiesquizError(f"{path}: cannot write the results: {exc.strerror or exc}") from None
