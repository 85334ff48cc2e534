"""A class's quiz results read together: one row per student, an item analysis per question
(facility, discrimination, options picked, common wrong answers) and the quiz's reliability.

Each version of a card is a question of its own (:mod:`.versions`); each question's analysis
is :mod:`.items`. Besides, the reliability, the standard error of measurement and the score
distribution, and a warning for every file asked another version or another quiz.

Pure: results files (and, when given, the decks' cards) in, a :class:`ClassReport` out.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from tiesquiz.deck.model import Card
from tiesquiz.results.items import MIN_FOR_FLAGS, ItemRow, Shown, item_row
from tiesquiz.results.model import AnswerRecord, ResultsFile
from tiesquiz.results.stats import alpha, describe, sem
from tiesquiz.results.versions import card_version, compare

__all__ = ["MIN_FOR_FLAGS", "ClassReport", "ItemRow", "QuizStats", "StudentRow", "analyse"]


@dataclass(frozen=True)
class StudentRow:
    name: str
    file: str
    started: str
    questions: int
    score: float
    percent: float
    seconds: float
    #: Another file has the same student and the same quiz: both are kept, and flagged.
    duplicate: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "file": self.file,
            "started": self.started,
            "questions": self.questions,
            "score": round(self.score, 3),
            "percent": self.percent,
            "seconds": self.seconds,
            "duplicate": self.duplicate,
        }


@dataclass(frozen=True)
class QuizStats:
    students: int
    cards: int
    reliability: float | None
    #: "KR-20" when every card is scored 0/1, "alpha" (Cronbach's) otherwise.
    method: str
    percent: dict[str, float] = field(default_factory=dict)
    #: The standard error of measurement, in points of the cards reliability rests on.
    sem: float | None = None
    #: Files left out of the reliability: they lack cards most of the class was asked.
    left_out: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "students": self.students,
            "cards": self.cards,
            "sem": None if self.sem is None else round(self.sem, 3),
            "left_out": list(self.left_out),
            "flags_from": MIN_FOR_FLAGS,
            "reliability": None if self.reliability is None else round(self.reliability, 4),
            "reliability_method": self.method,
            "mean_percent": round(self.percent.get("mean", 0.0), 1),
            "median_percent": round(self.percent.get("median", 0.0), 1),
            "sd_percent": round(self.percent.get("sd", 0.0), 1),
            "lowest_percent": round(self.percent.get("lowest", 0.0), 1),
            "highest_percent": round(self.percent.get("highest", 0.0), 1),
        }


@dataclass(frozen=True)
class ClassReport:
    students: tuple[StudentRow, ...]
    items: tuple[ItemRow, ...]
    quiz: QuizStats
    #: Files set aside: (file, why).
    skipped: tuple[tuple[str, str], ...] = ()
    #: Files read, but asked another version or another quiz than the class: (file, why).
    warnings: tuple[tuple[str, str], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "students": [s.to_dict() for s in self.students],
            "items": [i.to_dict() for i in self.items],
            "quiz": self.quiz.to_dict(),
            "skipped": [{"file": f, "reason": r} for f, r in self.skipped],
            "warnings": [{"file": f, "reason": r} for f, r in self.warnings],
        }


def _shown(record: AnswerRecord) -> bool:
    return record.status != "unasked"


def _quiz_key(f: ResultsFile) -> tuple[str, tuple[str, ...], int | None]:
    return " ".join(f.student.casefold().split()), tuple(sorted(f.decks)), f.seed


def _students(files: Sequence[ResultsFile]) -> list[StudentRow]:
    seen = Counter(_quiz_key(f) for f in files)
    rows = [
        StudentRow(
            name=f.student,
            file=str(f.path or ""),
            started=f.started,
            questions=len(f.answers),
            score=f.score,
            percent=f.percent,
            seconds=f.seconds,
            duplicate=seen[_quiz_key(f)] > 1,
        )
        for f in files
    ]
    return sorted(rows, key=lambda r: (-r.percent, r.name.casefold(), r.file))


def _quiz(files: Sequence[ResultsFile], asked: list[dict[str, float]]) -> QuizStats:
    """Reliability rests on the questions most of the class was asked (each version its own
    question); a file that lacks one of them is left out, and named."""
    counts = Counter(name for points in asked for name in points)
    shared = [name for name, n in counts.items() if n * 2 > len(files)]
    kept = [i for i, points in enumerate(asked) if all(name in points for name in shared)]
    matrix = [[asked[i][name] for name in shared] for i in kept]
    binary = all(x in (0.0, 1.0) for row in matrix for x in row)
    reliability = alpha(matrix)
    return QuizStats(
        students=len(files),
        cards=len(shared),
        reliability=reliability,
        method="KR-20" if binary else "alpha",
        percent=describe([f.percent for f in files]),
        sem=sem([sum(row) for row in matrix], reliability),
        left_out=tuple(str(f.path or f.student) for i, f in enumerate(files) if i not in kept),
    )


def analyse(
    files: Sequence[ResultsFile],
    cards: Mapping[str, Card] | None = None,
    skipped: Sequence[tuple[str, str]] = (),
) -> ClassReport:
    """The class report. ``cards`` (by ``deck/id``), when given, supply the current text, right
    answer and options of each question asked in the deck's current version; otherwise, and for
    a version the deck no longer has, the results files alone are used."""
    cards = cards or {}
    versions = compare(files, {k: card_version(c) for k, c in cards.items()})
    # Each question's answers gathered in one pass, in the order first met: linear in answers
    # (a search of every file for each card took 10 s for 16,000 answers).
    shown: dict[str, Shown] = {}
    asked: list[dict[str, float]] = []
    for f in files:
        total, mine = f.score, {}
        for a in f.answers:
            if _shown(a):
                name = versions.names[(a.card, a.version)]
                shown.setdefault(name, []).append((total, a))
                mine[name] = a.points
        asked.append(mine)
    return ClassReport(
        students=tuple(_students(files)),
        items=tuple(item_row(n, pairs, _card(n, pairs, cards)) for n, pairs in shown.items()),
        quiz=_quiz(files, asked),
        skipped=tuple(skipped),
        warnings=versions.warnings,
    )


def _card(name: str, pairs: Shown, cards: Mapping[str, Card]) -> Card | None:
    """The deck's card, for the version of it the deck has now (a changed one reads as asked)."""
    key = pairs[0][1].card
    return cards.get(key) if name == key else None
