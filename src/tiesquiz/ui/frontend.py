"""What every front end (plain lines or questionary prompts) shares: replies and the words shown."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from tiesquiz.clock import Clock
from tiesquiz.deck.model import Card
from tiesquiz.safety import safe
from tiesquiz.session.types import Answer, Command, Question, QuizItem, Result, Summary
from tiesquiz.ui.output import Out
from tiesquiz.ui.render import instructions, prompt_text, wrap
from tiesquiz.ui.words import (
    RATING_NAMES,
    describe_interval,
    format_duration,
    next_due_line,
)


@dataclass(frozen=True)
class Do:
    """The student asked for a command instead of answering."""

    command: Command


Reply = Answer | Do

COMMANDS_HELP = "? hint · :s skip · :u undo · :q quit"


class Frontend(Protocol):
    """Everything the question loop uses of a front end."""

    out: Out

    def ask(self, question: Question) -> Reply:
        """Show the question (unless ``question.again``) and return the answer or a command."""


def header(question: Question) -> list[str]:
    card = question.card
    count = f"{question.number}/{question.total}" if question.total else f"{question.number}"
    return [
        "",
        f"[{count}] {safe(card.id, multiline=False)} · {card.type}",
        wrap(prompt_text(card)),
        f"({instructions(card)})",
    ]


def show_hint(out: Out, hint: str) -> None:
    out(
        out.style(f"Hint: {safe(hint, multiline=False)}", fg="yellow")
        if hint
        else "No hint for this card."
    )


def feedback(out: Out, result: Result, clock: Clock) -> None:
    card = result.card
    grade = result.grade
    if grade.self_rating is not None:
        verdict = out.dim(f"Rated {RATING_NAMES[grade.self_rating]}.")
    elif result.correct:
        verdict = out.good("✓ Right")
        if grade.score < 1:
            verdict += f" (partly: {grade.note})"
        elif result.hinted:
            verdict += " (with the hint, so it counts as Hard)"
    else:
        verdict = out.bad("✗ Wrong")
    out(verdict)
    if grade.typo:
        out(wrap(grade.note))
    if grade.self_rating is None:
        out(wrap(f"Answer: {card.answer_text()}"))
        filled = card.filled_text()
        if filled:
            out(wrap(filled, "  "))
    explain(out, card)
    if result.due is not None:
        when = describe_interval(result.due, clock.now())
        out(out.dim(f"Next review {when}." if when != "now" else "It comes back in a moment."))


def quiz_feedback(out: Out, result: Result) -> None:
    out(out.good("✓ Right") if result.correct else out.bad("✗ Wrong"))
    out(wrap(f"Answer: {result.card.answer_text()}"))
    explain(out, result.card)


def explain(out: Out, card: Card) -> None:
    if card.explanation:
        out(wrap(card.explanation))
    if card.source:
        out(out.dim(f"Source: {safe(card.source, multiline=False)}"))


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
