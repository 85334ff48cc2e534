"""What every front end (plain lines or questionary prompts) shares: replies and the words shown."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal, Protocol

from tiesquiz.clock import Clock
from tiesquiz.deck.model import Card, ClozeCard, FlashCard
from tiesquiz.scheduling import RATING_NAMES, describe_interval
from tiesquiz.session import AnswerResult, CardView, QuizItem, Summary
from tiesquiz.ui.output import Out
from tiesquiz.ui.render import instructions, prompt_text, wrap
from tiesquiz.ui.safe import safe

Command = Literal["hint", "skip", "undo", "quit"]


@dataclass(frozen=True)
class Response:
    """The student's answer: ``value`` for the grader, ``text`` for the review log."""

    value: object
    text: str


@dataclass(frozen=True)
class Do:
    command: Command


Reply = Response | Do

COMMANDS_HELP = "? hint · :s skip · :u undo · :q quit"


class Frontend(Protocol):
    out: Out

    def ask(self, view: CardView, *, number: int, hinted: bool) -> Reply:
        """Ask one auto-graded card; return the answer or a command."""

    def ask_flashcard(self, view: CardView, *, number: int, reveal_only: bool = False) -> Reply:
        """Show the front, wait, show the back, and return ``Response(rating)``."""


def header(view: CardView, number: int, total: int | None) -> list[str]:
    card = view.card
    count = f"{number}/{total}" if total else f"{number}"
    return [
        "",
        f"[{count}] {safe(card.id, multiline=False)} · {card.type}",
        wrap(prompt_text(card)),
        f"({instructions(card)})",
    ]


def show_hint(out: Out, card: Card) -> None:
    out(
        out.style(f"Hint: {safe(card.hint, multiline=False)}", fg="yellow")
        if card.hint
        else "No hint for this card."
    )


def feedback(out: Out, result: AnswerResult, clock: Clock) -> None:
    card = result.card
    if isinstance(card, FlashCard):
        verdict = out.dim(f"Rated {RATING_NAMES[result.rating]}.")
    elif result.correct:
        verdict = out.good("✓ Right")
        if result.grade and result.grade.score < 1:
            verdict += f" (partly: {result.grade.note})"
        elif result.hinted:
            verdict += " (with the hint, so it counts as Hard)"
    else:
        verdict = out.bad("✗ Wrong")
    out(verdict)
    if result.grade and result.grade.typo:
        out(wrap(result.grade.note))
    if not isinstance(card, FlashCard):
        out(wrap(f"Answer: {card.answer_text()}"))
        if isinstance(card, ClozeCard):
            out(wrap(card.filled(), "  "))
    explain(out, card)
    if result.due is not None:
        when = describe_interval(result.due, clock.now())
        out(out.dim(f"Next review {when}." if when != "now" else "It comes back in a moment."))


def explain(out: Out, card: Card) -> None:
    if card.explanation:
        out(wrap(card.explanation))
    if card.source:
        out(out.dim(f"Source: {safe(card.source, multiline=False)}"))


def format_duration(seconds: float) -> str:
    seconds = round(seconds)
    if seconds < 60:
        return f"{seconds} s"
    minutes, seconds = divmod(seconds, 60)
    if minutes < 60:
        return f"{minutes} min {seconds} s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes} min"


def local_time(clock: Clock, when: datetime) -> str:
    local = clock.local(when)
    today = clock.local(clock.now()).date()
    if local.date() == today:
        return local.strftime("today at %H:%M")
    return local.strftime("%Y-%m-%d %H:%M")


def next_due_line(due: datetime, clock: Clock) -> str:
    return f"Next card due {describe_interval(due, clock.now())} ({local_time(clock, due)})."


def study_summary(out: Out, summary: Summary, clock: Clock) -> None:
    out("")
    out(out.bold("Session summary"))
    out(
        f"Studied {summary.studied} card{'s' if summary.studied != 1 else ''}: "
        f"{summary.right} right, {summary.wrong} wrong"
        + (f", {summary.skipped} skipped" if summary.skipped else "")
        + f", in {format_duration(summary.seconds)}."
    )
    if summary.due_now:
        out(f"{summary.due_now} card{'s are' if summary.due_now != 1 else ' is'} due now.")
    if summary.next_due is not None and summary.next_due > clock.now():
        out(next_due_line(summary.next_due, clock))
    elif summary.next_due is None:
        out("New cards are waiting: run tiesquiz study again.")


def nothing_due(out: Out, summary: Summary, clock: Clock) -> None:
    out("Nothing is due right now.")
    if summary.next_due is not None:
        out(next_due_line(summary.next_due, clock))
    out("To practise anyway, take a quiz: tiesquiz quiz")


def quiz_results(out: Out, items: list[QuizItem], score: float, seconds: float) -> None:
    total = len(items)
    out("")
    out(out.bold("Quiz results"))
    pct = (score / total * 100) if total else 0.0
    out(f"Score: {score:g} / {total} ({pct:.0f}%) in {format_duration(seconds)}.")
    for i, item in enumerate(items, 1):
        mark = out.good("✓") if item.correct else out.bad("✗")
        out(f"{i:>2}. {mark} {safe(prompt_text(item.card), multiline=False)}")
        given = "(skipped)" if item.skipped else (item.answer or "(no answer)")
        out(f"      your answer:    {safe(given, multiline=False)}")
        out(f"      correct answer: {safe(item.card.answer_text(), multiline=False)}")
