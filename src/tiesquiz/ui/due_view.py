"""The ``due`` report in words: a table per deck, today's counts, and the exam line."""

from __future__ import annotations

from tiesquiz.clock import parse_iso
from tiesquiz.overview import DueReport
from tiesquiz.safety import safe
from tiesquiz.ui.render import wrap
from tiesquiz.ui.table import Column, fit_table

COLUMNS = (
    Column("new"),
    Column("learning", "learn"),
    Column("due now", "now"),
    Column("later today", "later"),
)


def render_due(report: DueReport, width: int = 80) -> str:
    """The table (shrunk, abbreviated or stacked to fit ``width``), today's counts and limits
    (the limits count per deck), when the next card is due, and the exam line."""
    rows = [
        [safe(name, multiline=False), *map(str, (c.new, c.learning, c.due_now, c.later_today))]
        for name, c in report.decks.items()
    ]
    t = report.total
    total = ["total", *map(str, (t.new, t.learning, t.due_now, t.later_today))]
    header, body = fit_table("deck", COLUMNS, [*rows, total], width)
    rule = ["-" * max(map(len, header))] if header else []
    lines = [*header, *rule]
    for row in body[:-1]:
        lines += row
    lines += [*rule, *body[-1]]
    lines.append("")
    lines.append(
        wrap(
            f"New cards today: {report.new_today} (up to {report.new_per_day} per deck).", "", width
        )
    )
    lines.append(
        wrap(
            f"Reviews today: {report.reviews_today} (up to {report.reviews_per_day} per deck).",
            "",
            width,
        )
    )
    if report.next_due is not None:
        due = parse_iso(report.next_due)
        if due <= report.now:  # never a time in the past as "next"
            lines.append(wrap("Cards are due now: tiesquiz study", "", width))
        else:
            when = report.clock.local(due)
            lines.append(
                wrap(f"Next card due: {when:%Y-%m-%d %H:%M} (your local time).", "", width)
            )
    if report.exam is not None:
        lines += [wrap(sentence, "", width) for sentence in exam_line(report)]
    return "\n".join(lines)


def exam_line(report: DueReport) -> list[str]:
    """Days to the exam, then whether the pace of new cards gets there: a sentence or two."""
    plan = report.exam
    assert plan is not None
    if plan.days_left < 0:
        return [f"The exam on {plan.exam:%Y-%m-%d} is over."]
    if plan.days_left == 0:
        return [f"The exam is today ({plan.exam:%Y-%m-%d}). Good luck!"]
    days = f"{plan.days_left} day{'s' if plan.days_left != 1 else ''}"
    head = f"Exam on {plan.exam:%Y-%m-%d}: {days} left."
    if plan.unseen == 0:
        return [
            head,
            f"Every card has been seen; {plan.seen_once} seen only once so far. On track.",
        ]
    pace = (
        f"{plan.unseen} cards not seen yet: {plan.needed_per_day} new a day needed, your limit "
        f"is {plan.new_per_day} per deck."
    )
    verdict = (
        "On track."
        if plan.on_track
        else "Behind: 'tiesquiz study' will raise today's new-card limit to keep pace."
    )
    return [head, f"{pace} {verdict}"]
