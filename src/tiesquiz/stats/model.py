"""What ``tiesquiz stats`` shows, as plain numbers (see :func:`tiesquiz.stats.compute`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any


@dataclass
class CardCounts:
    total: int = 0
    new: int = 0
    learning: int = 0
    review: int = 0
    orphaned: int = 0
    due_today: int = 0
    overdue: int = 0

    def to_dict(self) -> dict[str, int]:
        return dict(self.__dict__)


@dataclass
class Period:
    answers: int = 0
    seconds: float = 0.0

    def to_dict(self) -> dict[str, float]:
        return {"answers": self.answers, "minutes": round(self.seconds / 60, 1)}


@dataclass
class Stats:
    reviews: int
    cards: CardCounts
    decks: dict[str, CardCounts]
    retention_30d: float | None
    retention_answers_30d: int
    average_recall: float | None
    today: Period
    last_7_days: Period
    last_30_days: Period
    streak: int
    forecast: list[tuple[date, int]]
    heatmap: list[tuple[date, int]]
    hardest: list[dict[str, Any]]
    orphans: list[str] = field(default_factory=list)
    #: Answers the student overruled ("I was right"), per card: candidates for ``accept``.
    overruled: dict[str, list[str]] = field(default_factory=dict)
    #: The cards the student suspended, and those flagged (card -> the note), in scope.
    suspended: list[str] = field(default_factory=list)
    flagged: dict[str, str] = field(default_factory=dict)
    #: The question of each card named on screen (a student is shown questions, never ids).
    questions: dict[str, str] = field(default_factory=dict)
    #: Deck files that could not be used, one line each (see ``Library.broken``).
    skipped: list[str] = field(default_factory=list)
    #: Decks studied before whose file is gone: deck id -> the path it had.
    gone: dict[str, str] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "reviews": self.reviews,
            "cards": self.cards.to_dict(),
            "decks": {k: v.to_dict() for k, v in self.decks.items()},
            "retention_30d": self.retention_30d,
            "retention_answers_30d": self.retention_answers_30d,
            "average_recall": self.average_recall,
            "studied": {
                "today": self.today.to_dict(),
                "7_days": self.last_7_days.to_dict(),
                "30_days": self.last_30_days.to_dict(),
            },
            "streak_days": self.streak,
            "forecast": [{"date": d.isoformat(), "due": n} for d, n in self.forecast],
            "heatmap": [{"date": d.isoformat(), "reviews": n} for d, n in self.heatmap],
            "hardest": self.hardest,
            "orphans": self.orphans,
            "overruled": self.overruled,
            "suspended": self.suspended,
            "flagged": self.flagged,
            "skipped": self.skipped,
            "gone": self.gone,
        }
