"""The ``due`` report in words: a table per deck, today's counts, and the exam line."""

from __future__ import annotations

from tiesquiz.clock import parse_iso
from tiesquiz.overview import DueReport


def render_due(report: DueReport) -> str:
    head = f"{'deck':<24} {'new':>5} {'learning':>9} {'due now':>8} {'later today':>12}"
    lines = [head, "-" * len(head)]
    for name, c in report.decks.items():
        lines.append(f"{name:<24} {c.new:>5} {c.learning:>9} {c.due_now:>8} {c.later_today:>12}")
    t = report.total
    lines.append("-" * len(head))
    lines.append(f"{'total':<24} {t.new:>5} {t.learning:>9} {t.due_now:>8} {t.later_today:>12}")
    lines.append("")
    lines.append(
        f"Today: {report.new_today} of {report.new_per_day} new cards, "
        f"{report.reviews_today} of {report.reviews_per_day} reviews."
    )
    if report.next_due is not None:
        due = parse_iso(report.next_due)
        if due <= report.now:  # never a time in the past as "next"
            lines.append("Cards are due now: tiesquiz study")
        else:
            when = report.clock.local(due)
            lines.append(f"Next card due: {when:%Y-%m-%d %H:%M} (your local time).")
    if report.exam is not None:
        lines.append(exam_line(report))
    return "\n".join(lines)


def exam_line(report: DueReport) -> str:
    plan = report.exam
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
