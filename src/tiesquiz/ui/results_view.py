"""``tiesquiz results``: a class's quiz results for the teacher: the students, a histogram of
scores, each question's item analysis with its flags, and the quiz's reliability."""

from __future__ import annotations

import contextlib
from collections.abc import Callable

from tiesquiz.clock import Clock, parse_iso
from tiesquiz.deck.model import GAP_RE
from tiesquiz.results.analysis import MIN_FOR_FLAGS, ClassReport, ItemRow
from tiesquiz.safety import safe
from tiesquiz.ui.render import KEEP, wrap, wrap_items
from tiesquiz.ui.table import Column, fit_table
from tiesquiz.ui.words import format_duration, format_points

BAR = "█"
BINS = 10


def _num(value: float | None, digits: int = 2) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


def histogram(percents: list[float], width: int) -> list[str]:
    """One row per tenth of the scale (90–100% holds 100%), a bar per student."""
    counts = [0] * BINS
    for p in percents:
        counts[min(BINS - 1, int(p // (100 / BINS)))] += 1
    room = max(1, width - 20)
    scale = max(1.0, max(counts) / room)
    lines = []
    for i, n in enumerate(counts):
        low = i * 100 // BINS
        label = f"{low:>3}–{low + 100 // BINS - (0 if i == BINS - 1 else 1)}%"
        bar = BAR * round(n / scale) if n else ""
        lines.append(f"  {label:>8} │{bar}{f' {n}' if n else ''}")
    return lines


STUDENT_COLUMNS = (Column("date"), Column("score"), Column("percent", "%"), Column("time"))


def _students(report: ClassReport, width: int, local: Callable[[str], str]) -> list[str]:
    twice = any(s.duplicate for s in report.students)
    rows = [
        [
            safe(s.name or "(no name)", multiline=False),
            local(s.started),
            f"{format_points(s.score)}/{s.questions}",
            f"{s.percent:.1f}%",
            format_duration(s.seconds),
            *(["twice" if s.duplicate else ""] if twice else []),
        ]
        for s in report.students
    ]
    columns = [*STUDENT_COLUMNS, *([Column("")] if twice else [])]
    header, body = fit_table("name", columns, rows, width - 2)
    lines = [f"Students ({len(report.students)})", *(f"  {line}" for line in header)]
    lines += [f"  {line}" for row in body for line in row]
    if twice:
        lines.append(wrap("(twice: same student, same quiz; both files are kept)", "  ", width))
    q = report.quiz.percent
    lines += [
        wrap(
            f"Class: mean {q.get('mean', 0):.1f}%, median {q.get('median', 0):.1f}%, spread (SD) "
            f"{q.get('sd', 0):.1f} points, lowest {q.get('lowest', 0):.1f}%, highest "
            f"{q.get('highest', 0):.1f}%",
            "",
            width,
            hang="  ",
        ),
        "",
        "Scores",
        *histogram([s.percent for s in report.students], width),
    ]
    return lines


def _item(item: ItemRow, width: int) -> list[str]:
    flags = f"  ⚑ {', '.join(item.flags)}" if item.flags else ""
    numbers = [
        f"answered {item.answered}/{item.asked}",
        f"facility {_num(item.facility)}",
        f"discrimination {_num(item.discrimination)}",
        f"upper-lower index {_num(item.discrimination_index)}",
    ]
    lines = [
        wrap(f"{item.card}{flags}", "  ", width, hang="    "),
        wrap_items(numbers, "   ", "    ", width),
        wrap(f"Q: {GAP_RE.sub('_____', item.question)}", "    ", width, hang="       "),
        wrap(f"A: {item.correct_answer}", "    ", width, hang="       "),
    ]
    if item.options:
        picked = " · ".join(
            f"{'✓' + KEEP if o.right else ''}{o.option}{KEEP}{o.picked}"
            + (f"{KEEP}(r{KEEP}{o.point_biserial:+.2f})" if o.point_biserial is not None else "")
            for o in item.options
        )
        lines.append(wrap(f"picked: {picked}", "    ", width, hang="            "))
    if item.student_flags:
        noted = " · ".join(f"{note!r} {n}" for note, n in item.student_flags)
        lines.append(wrap(f"flagged by students: {noted}", "    ", width, hang="      "))
    if item.wrong_answers:
        wrong = " · ".join(f"{a!r} {n}" for a, n in item.wrong_answers)
        lines.append(wrap(f"wrong answers: {wrong}", "    ", width, hang="                   "))
    return lines


def _to_check(report: ClassReport, width: int) -> list[str]:
    """Every answer left to the teacher, by card, with how many students wrote it."""
    items = [i for i in report.items if i.to_check]
    if not items:
        return []
    count = sum(n for i in items for _, n in i.to_check)
    lines = [
        "",
        wrap(
            f"Answers to check ({count}): every word of the answer, and more. They score 0 "
            "until you accept them:",
            "",
            width,
        ),
    ]
    for item in items:
        lines.append(wrap(f"{item.card}: {item.correct_answer}", "  ", width, hang="    "))
        for answer, n in item.to_check:
            who = f"{n} student{'s' if n != 1 else ''}"
            lines.append(wrap_items([f"{answer!r}", f"({who})"], "  ", "    ", width, "      "))
    lines.append(
        wrap(
            "Accept one with: tiesquiz results FOLDER --accept CARD=TEXT (or --accept alone to "
            "go through them); it goes into the card's accept: list and the class is scored again.",
            "",
            width,
        )
    )
    return lines


def ask_accepts(report: ClassReport, confirm: Callable[[str], bool]) -> list[tuple[str, str]]:
    """Each answer to check, put to the teacher: the (card, text) pairs they accept."""
    chosen = []
    for item in report.items:
        for answer, n in item.to_check:
            who = f"{n} student{'s' if n != 1 else ''}"
            question = (
                f"{safe(item.card, multiline=False)} — answer "
                f"{safe(item.correct_answer, multiline=False)!r}: accept "
                f"{safe(answer, multiline=False)!r} ({who})?"
            )
            if confirm(question):
                chosen.append((item.card, answer))
    return chosen


def _local(clock: Clock | None) -> Callable[[str], str]:
    """A stored (UTC) time as the teacher's local time, to the minute; as stored without a clock
    or when the file's time cannot be read."""

    def show(stamp: str) -> str:
        if clock is not None:
            with contextlib.suppress(ValueError):
                return clock.local(parse_iso(stamp)).strftime("%Y-%m-%d %H:%M")
        return stamp[:16].replace("T", " ")

    return show


def _summary(report: ClassReport, width: int) -> list[str]:
    quiz = report.quiz
    method = "KR-20" if quiz.method == "KR-20" else "Cronbach's alpha"
    left = (
        f" Left out of it, for lacking cards most were asked: {', '.join(quiz.left_out)}."
        if quiz.left_out
        else ""
    )
    few = (
        f" With fewer than {MIN_FOR_FLAGS} students no question is flagged."
        if quiz.students < MIN_FOR_FLAGS
        else ""
    )
    return [
        "",
        wrap(
            f"The quiz: reliability {_num(quiz.reliability)} ({method}) and standard error of "
            f"measurement {_num(quiz.sem)} points, from {quiz.students} students and the "
            f"{quiz.cards} cards most of them were asked.{left} Facility is the mean points "
            "(0–1); discrimination the correlation of a card's points with the rest of the quiz, "
            "and the upper-lower index the top 27% of students' facility less the bottom 27%'s "
            "(both blank under 5 students); r after an option is its point-biserial with the rest "
            "score. Flags: too easy over 0.9, too hard under 0.3, not discriminating under 0.2, "
            f"'check the key' when negative, a wrong option strong students pick.{few}",
            "",
            width,
        ),
    ]


def render_report(report: ClassReport, *, width: int = 80, clock: Clock | None = None) -> list[str]:
    lines = _students(report, width, _local(clock))
    lines += ["", f"Questions ({len(report.items)})"]
    for item in report.items:
        lines += _item(item, width)
    lines += _summary(report, width)
    lines += _to_check(report, width)
    if report.warnings:
        lines += ["", "Files that differ from the class (read, and analysed apart):"]
        lines += [wrap(f"{f}: {why}", "  ", width, hang="    ") for f, why in report.warnings]
    if report.skipped:
        lines += ["", "Files set aside:"]
        lines += [wrap(f"{f}: {why}", "  ", width, hang="    ") for f, why in report.skipped]
    return [safe(line) for line in lines]
