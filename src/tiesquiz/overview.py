"""What ``due``, ``stats`` and ``reset`` compute: decks and progress in, plain data out."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from tiesquiz.clock import Clock, clock_from_env, iso, parse_iso
from tiesquiz.deck.discover import load_library, resolve
from tiesquiz.deck.model import Deck
from tiesquiz.progress import ProgressStore
from tiesquiz.scheduling import DueCounts, ExamPlan, due_counts, exam_plan, next_due, today_counts


@dataclass
class DueReport:
    now: datetime
    clock: Clock
    decks: dict[str, DueCounts] = field(default_factory=dict)
    titles: dict[str, str] = field(default_factory=dict)
    total: DueCounts = field(default_factory=DueCounts)
    new_today: int = 0
    new_per_day: int = 20
    reviews_today: int = 0
    reviews_per_day: int = 200
    next_due: str | None = None
    exam: ExamPlan | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "now": iso(self.now),
            "decks": {name: counts.to_dict() for name, counts in self.decks.items()},
            "total": self.total.to_dict(),
            "new_today": self.new_today,
            "new_per_day": self.new_per_day,
            "reviews_today": self.reviews_today,
            "reviews_per_day": self.reviews_per_day,
            "next_due": self.next_due,
            "exam": self.exam.to_dict() if self.exam else None,
        }

    def render(self) -> str:
        head = f"{'deck':<24} {'new':>5} {'learning':>9} {'due now':>8} {'later today':>12}"
        lines = [head, "-" * len(head)]
        for name, c in self.decks.items():
            lines.append(
                f"{name:<24} {c.new:>5} {c.learning:>9} {c.due_now:>8} {c.later_today:>12}"
            )
        t = self.total
        lines.append("-" * len(head))
        lines.append(f"{'total':<24} {t.new:>5} {t.learning:>9} {t.due_now:>8} {t.later_today:>12}")
        lines.append("")
        lines.append(
            f"Today: {self.new_today} of {self.new_per_day} new cards, "
            f"{self.reviews_today} of {self.reviews_per_day} reviews."
        )
        if self.next_due is not None:
            when = self.clock.local(parse_iso(self.next_due))
            lines.append(f"Next card due: {when:%Y-%m-%d %H:%M} (your local time).")
        if self.exam is not None:
            lines.append(self.exam_line())
        return "\n".join(lines)

    def exam_line(self) -> str:
        plan = self.exam
        assert plan is not None
        if plan.days_left < 0:
            return f"The exam on {plan.exam:%Y-%m-%d} is over."
        if plan.days_left == 0:
            return f"The exam is today ({plan.exam:%Y-%m-%d}). Good luck!"
        head = f"Exam on {plan.exam:%Y-%m-%d}: {plan.days_left} day{'s' if plan.days_left != 1 else ''} left."
        if plan.unseen == 0:
            return f"{head} Every card has been seen; {plan.seen_once} seen only once so far. On track."
        pace = f"{plan.unseen} cards not seen yet: {plan.needed_per_day} new a day needed, your limit is {plan.new_per_day}."
        verdict = (
            "On track."
            if plan.on_track
            else "Behind: 'tiesquiz study' will raise today's new-card limit to keep pace."
        )
        return f"{head} {pace} {verdict}"


def _decks(names: list[str]) -> list[Deck]:
    return list(resolve(names).decks.values()) if names else list(load_library().decks.values())


def due_report(
    store: ProgressStore, names: list[str], clock: Clock | None = None, exam: date | None = None
) -> DueReport:
    clock = clock or clock_from_env()
    now = clock.now()
    progress = store.progress
    today = today_counts(progress.reviews, now, clock)
    report = DueReport(
        now=now,
        clock=clock,
        new_today=today.new,
        new_per_day=progress.limits.new_per_day,
        reviews_today=today.reviews,
        reviews_per_day=progress.limits.reviews_per_day,
    )
    keys: list[str] = []
    decks = sorted(_decks(names), key=lambda d: d.id)
    for deck in decks:
        deck_keys = [c.key for c in deck.cards]
        keys += deck_keys
        counts = due_counts(deck_keys, progress.cards, now, clock)
        report.decks[deck.id] = counts
        report.titles[deck.id] = deck.title
        report.total.add(counts)
    report.next_due = next_due(progress.cards, keys)
    exams = sorted(d.exam for d in decks if d.exam is not None)
    exam = exam or (exams[0] if exams else None)
    if exam is not None:
        report.exam = exam_plan(
            keys, progress.cards, progress.reviews, exam, now, clock, progress.limits
        )
    return report


def decks_and_known(names: list[str]) -> tuple[list[Deck], set[str]]:
    """The decks asked for, and every card key loaded (to tell orphans from cards)."""
    if names:
        library = resolve(names)
        loaded = library.found
    else:
        library = load_library()  # every deck, even when another one is broken
        loaded = library.decks
    known = {c.key for d in loaded.values() for c in d.cards}
    return list(library.decks.values()), known


def reset_keys(store: ProgressStore, target: str) -> list[str]:
    """The progress keys that ``reset DECK`` or ``reset DECK/CARD`` would forget."""
    progress = store.progress
    recorded = set(progress.cards) | {r["card"] for r in progress.reviews}
    if "/" in target:
        return [target] if target in recorded else []
    prefix = target + "/"
    return sorted(k for k in recorded if k.startswith(prefix))
