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
from tiesquiz.ui.verdict import reasons
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
OVERRULE_HELP = "Enter to go on · r if you were right: it then counts as Hard"


class Frontend(Protocol):
    """Everything the question loop uses of a front end."""

    out: Out

    def ask(self, question: Question) -> Reply:
        """Show the question (unless ``question.again``) and return the answer or a command."""

    def offer_overrule(self) -> bool:
        """After an answer marked wrong that may be overruled: True when the student says
        "I was right" (one key), False to go on."""


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


def _verdict(out: Out, result: Result, *, quiz: bool) -> str:
    grade = result.grade
    if grade.self_rating is not None and not quiz:
        return out.dim(f"Rated {RATING_NAMES[grade.self_rating]}.")
    if not result.correct:
        return out.bad("✗ Wrong")
    if grade.score < 1:
        return out.good("✓ Partly right") + f" ({grade.score:.0%}, so it counts as Hard)"
    if result.hinted:
        return out.good("✓ Right") + " (with the hint, so it counts as Hard)"
    if result.retried:
        return out.good("✓ Right") + " (on the second try, so it counts as Hard)"
    return out.good("✓ Right")


def _answer(out: Out, result: Result, *, quiz: bool = False) -> None:
    """The verdict, why, and the right answer."""
    card = result.card
    out(_verdict(out, result, quiz=quiz))
    for line in reasons(result):
        out(wrap(line))
    if result.grade.self_rating is None or quiz:
        out(wrap(f"Answer: {card.answer_text()}"))
        filled = card.filled_text()
        if filled:
            out(wrap(filled, "  "))
    explain(out, card)


def feedback(out: Out, result: Result, clock: Clock) -> None:
    _answer(out, result)
    if result.due is not None:
        when = describe_interval(result.due, clock.now())
        out(out.dim(f"Next review {when}." if when != "now" else "It comes back in a moment."))


def quiz_feedback(out: Out, result: Result) -> None:
    _answer(out, result, quiz=True)


def overruled(out: Out, result: Result, clock: Clock) -> None:
    out(out.good("✓ Counted as right (Hard): you overruled the verdict."))
    if result.due is not None:
        out(out.dim(f"Next review {describe_interval(result.due, clock.now())}."))


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
