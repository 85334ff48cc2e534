"""A quiz results file as data: one student's answers to one quiz. The file is a contract between
the student's tiesquiz and the teacher's: it carries a format number, and every format this
release wrote stays readable by later ones (format 0 is the unnumbered file of tiesquiz 0.x).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

#: The format written now. 1 added ``format``, each answer's ``response`` and ``options``; 2 the
#: status ``timed-out`` (an older reader would refuse it, so it says "upgrade" instead).
FORMAT = 2
#: answered; skipped by the student; on screen when the time ran out (``answer`` holds what was
#: typed); never shown (the student quit, or the time ran out first).
STATUSES = ("answered", "skipped", "timed-out", "unasked")


class NotResults(ValueError):
    """The file is not a results file tiesquiz can read; the message says why, for a person."""


#: No quiz lasts longer than a week: a larger time is not one a quiz wrote.
MAX_SECONDS = 7 * 24 * 3600


@dataclass(frozen=True)
class AnswerRecord:
    """One question of the quiz and what the student did with it."""

    card: str
    type: str
    question: str
    correct_answer: str
    points: float
    status: str
    correct: bool = False
    #: The answer as text, as the student saw it echoed.
    answer: str = ""
    #: What the student chose, as data (see ``QuizItem.response``); None in format 0.
    response: Any = None
    options: tuple[str, ...] = ()
    #: Every word of the answer and more: scores 0 until the teacher accepts the form.
    check: bool = False
    #: The student's note when they flagged the question as wrong or unclear.
    flag: str = ""
    #: The card as it was asked (its question, key and options), fingerprinted; "" in files
    #: written before versions were recorded (see :mod:`.versions`).
    version: str = ""

    @property
    def verdict(self) -> str:
        """``right``, ``wrong`` or ``check``; "" when the question was not answered."""
        if self.status != "answered":
            return ""
        return "check" if self.check else "right" if self.correct else "wrong"

    def to_dict(self) -> dict[str, Any]:
        return {
            "card": self.card,
            "type": self.type,
            "question": self.question,
            "answer": self.answer,
            "response": self.response,
            "options": list(self.options),
            "correct_answer": self.correct_answer,
            "correct": self.correct,
            # right, wrong, or check (a person decides); "" when not answered
            "verdict": self.verdict,
            "points": self.points,
            "skipped": self.status != "answered",
            # answered, skipped, timed-out (on screen when the time ran out, with what was
            # typed) or unasked (never shown: the student quit or the time ran out first)
            "status": self.status,
            "version": self.version,
            "flag": self.flag,
        }

    @classmethod
    def from_dict(cls, raw: Any, where: str) -> AnswerRecord:
        if not isinstance(raw, dict):
            raise NotResults(f"{where} is not an answer record")
        card, points, status = raw.get("card"), raw.get("points"), raw.get("status", "answered")
        if not isinstance(card, str) or not card:
            raise NotResults(f"{where} has no card")
        if isinstance(points, bool) or not isinstance(points, int | float) or not 0 <= points <= 1:
            raise NotResults(f"{where}: 'points' must be a number from 0 to 1")
        if status not in STATUSES:
            raise NotResults(f"{where}: 'status' must be one of {', '.join(STATUSES)}")
        options = raw.get("options") or []
        return cls(
            card=card,
            type=str(raw.get("type", "")),
            question=str(raw.get("question", "")),
            correct_answer=str(raw.get("correct_answer", "")),
            points=float(points),
            status=status,
            correct=bool(raw.get("correct", False)),
            answer=str(raw.get("answer", "") or ""),
            response=raw.get("response"),
            options=tuple(str(o) for o in options) if isinstance(options, list) else (),
            check=raw.get("verdict") == "check" and status == "answered",
            version=str(raw.get("version") or ""),
            flag=str(raw.get("flag") or ""),
        )


@dataclass(frozen=True)
class ResultsFile:
    """One student's quiz."""

    student: str
    decks: tuple[str, ...]
    started: str
    seconds: float
    seed: int | None
    answers: tuple[AnswerRecord, ...]
    version: str = ""
    format: int = FORMAT
    #: The quiz's identity (its decks, the cards it could ask, its seed); "" in older files.
    quiz: str = ""
    #: Where it was read from (not written).
    path: Path | None = field(default=None, compare=False)

    @property
    def score(self) -> float:
        return sum(a.points for a in self.answers)

    @property
    def percent(self) -> float:
        return round(self.score / len(self.answers) * 100, 1) if self.answers else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "format": self.format,
            "tiesquiz": self.version,
            "student": self.student,
            "decks": list(self.decks),
            "started": self.started,
            "seconds": self.seconds,
            "seed": self.seed,
            "quiz": self.quiz,
            "score": round(self.score, 3),
            "questions": len(self.answers),
            "percent": self.percent,
            "answers": [a.to_dict() for a in self.answers],
        }

    @classmethod
    def from_dict(cls, raw: Any, path: Path | None = None) -> ResultsFile:
        if not isinstance(raw, dict) or "answers" not in raw or "student" not in raw:
            raise NotResults("not a tiesquiz results file (no 'student' and 'answers')")
        fmt = raw.get("format", 0)
        if isinstance(fmt, bool) or not isinstance(fmt, int) or fmt < 0:
            raise NotResults("'format' must be a whole number")
        if fmt > FORMAT:
            raise NotResults(
                f"written in results format {fmt} by a newer tiesquiz "
                f"({raw.get('tiesquiz', '?')}); this one reads up to {FORMAT}: upgrade it"
            )
        answers = raw["answers"]
        if not isinstance(answers, list):
            raise NotResults("'answers' must be a list")
        seed = raw.get("seed")
        seconds = raw.get("seconds", 0)
        if not isinstance(seconds, int | float) or isinstance(seconds, bool):
            seconds = 0.0  # an earlier release wrote none; a time is not needed to score
        elif not math.isfinite(seconds) or not 0 <= seconds <= MAX_SECONDS:
            raise NotResults(f"'seconds' must be a time from 0 to {MAX_SECONDS}, not {seconds}")
        return cls(
            student=str(raw.get("student") or ""),
            decks=tuple(str(d) for d in raw.get("decks") or ()),
            started=str(raw.get("started") or ""),
            seconds=float(seconds),
            seed=seed if isinstance(seed, int) and not isinstance(seed, bool) else None,
            answers=tuple(
                AnswerRecord.from_dict(a, f"answer {i}") for i, a in enumerate(answers, 1)
            ),
            version=str(raw.get("tiesquiz") or ""),
            format=fmt,
            quiz=str(raw.get("quiz") or ""),
            path=path,
        )
