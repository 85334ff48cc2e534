"""What every front end (plain lines or questionary prompts) shares: replies and the words shown."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Protocol

from tiesquiz.clock import Clock
from tiesquiz.deck.model import Card
from tiesquiz.safety import safe
from tiesquiz.session.types import Answer, Command, Question, QuizItem, Result, Summary
from tiesquiz.ui.output import Out
from tiesquiz.ui.render import KEEP, instructions, prompt_text, wrap
from tiesquiz.ui.verdict import reasons
from tiesquiz.ui.words import (
    RATING_NAMES,
    clock_time,
    describe_interval,
    format_duration,
    format_points,
    next_due_line,
    short_interval,
)


@dataclass(frozen=True)
class Do:
    """The student asked for a command instead of answering."""

    command: Command
    #: What a flag says is wrong or unclear (``:flag NOTE``).
    note: str = ""


@dataclass(frozen=True)
class TimeUp(Do):
    """A timed quiz's time ran out while the student was answering: what they had typed."""

    command: Command = "quit"
    typed: str = ""


Reply = Answer | Do

COMMANDS_HELP = "? hint · :s skip · :u undo · :q quit · :h keys"
OVERRULE_HELP = "r: I was right, count it as Hard · Enter: go on"
CHECK_HELP = "y: mine means the same, count it as Hard · n or Enter: it does not"


class Frontend(Protocol):
    """Everything the question loop uses of a front end."""

    out: Out
    #: Line by line (a reply ends with Enter), for the key list.
    plain: bool

    def ask(self, question: Question) -> Reply:
        """Show the question (unless ``question.again``) and return the answer or a command."""

    def offer_overrule(self, check: bool = False) -> bool:
        """After an answer marked wrong that may be overruled: True when the student says
        "I was right" (one key), False to go on. ``check``: the answer held every word of the
        answer and more, and the student says whether theirs means the same."""


#: The last minute of a timed quiz: the time left is shown as a warning.
LAST_MINUTE = 60.0


def time_left_text(seconds: float) -> tuple[str, bool]:
    """ "1:47 left", and whether it is the last minute (then said, and shown as a warning)."""
    warn = seconds <= LAST_MINUTE
    left = f"{clock_time(math.ceil(seconds))} left"
    return (f"{left} · last minute" if warn else left), warn


def status_parts(question: Question, *, timed: bool = True) -> list[str]:
    """Deck, position and what is left (``timed``: the time left too); never the card's id,
    which can give the answer away."""
    count = f"{question.number}/{question.total}" if question.total else f"{question.number}"
    parts = [f"{safe(question.deck_title, multiline=False)} · {count}"]
    left = question.remaining
    if left is not None:
        parts.append(f"new {left.new} · learning {left.learning} · review {left.review}")
    if question.time_left is not None and timed:
        parts.append(time_left_text(question.time_left)[0])
    return parts


def header(question: Question, width: int = 80, *, timed: bool = True) -> list[str]:
    """The status line, the question and how to answer it. ``timed=False``: the time left is
    drawn elsewhere (a live countdown over the prompt)."""
    card = question.card
    parts = status_parts(question, timed=timed)
    line = "  ".join(parts)
    # The deck and the position ("Places · 3/10") stay on one line when the header wraps.
    first, *rest = parts
    glued = first.replace(" · ", f"{KEEP}·{KEEP}")
    status = line if len(line) <= width else "\n".join(wrap(p, width=width) for p in [glued, *rest])
    return [
        "",
        status,
        wrap(prompt_text(card), width=width),
        wrap(f"({instructions(card)})", width=width),
    ]


#: One key table per mode: (keys, what they do).
KeyTable = tuple[tuple[str, str], ...]

STUDY_KEYS: KeyTable = (
    ("1-9", "pick an option and answer at once; t or f for true or false"),
    ("1-9 Enter", "select all: tick or untick options, then answer"),
    ("Space 1-4", "a flashcard: turn it, then rate it (Enter: Good)"),
    ("?", "a hint, when the card has one (the answer then counts as Hard)"),
    ("s", "skip: the card comes back when nothing else is left"),
    ("u", "take back the last answer, and answer it again"),
    ("q", "quit; every answer is saved as you give it"),
    ("h", "these keys"),
    ("b", "bury: the card comes back tomorrow"),
    ("x", "suspend: never show the card again, until 'tiesquiz unsuspend DECK'"),
    ("!", "flag the card as wrong or unclear, with a note"),
    ("? :s :u :q :h", "the same where you type an answer"),
    (":bury :suspend", "bury or suspend, where you type an answer"),
    (":flag NOTE", "flag, where you type an answer"),
)
QUIZ_KEYS: KeyTable = (
    ("1-9", "pick an option and answer at once; t or f for true or false"),
    ("1-9 Enter", "select all: tick or untick options, then answer"),
    ("s", "skip: the question comes back at the end; skipped again, it scores 0"),
    ("q", "end the quiz; unanswered questions score 0"),
    ("h", "these keys"),
    ("!", "flag the question as wrong or unclear: your teacher sees your note"),
    (":s :q :h", "the same where you type an answer"),
    (":flag NOTE", "flag, where you type an answer"),
    ("? u", "not in a quiz: no hints, and no taking an answer back"),
)
PLAIN_KEYS: KeyTable = (
    ("2", "a choice: its number, or the option's text"),
    ("1,3", "select all, and an order (2,1,3): numbers and commas"),
    ("1-2, 2-1", "matching: left-right pairs"),
    ("t f", "true or false"),
    ("text", "a typed answer, and each blank"),
    ("Enter 1-4", "a flashcard: show the back, then rate it"),
    ("?", "a hint, when the card has one (not in a quiz)"),
    (":s", "skip (in a quiz the question comes back at the end)"),
    (":u", "take back the last answer (not in a quiz)"),
    (":q", "quit; every answer is saved as you give it"),
    (":bury", "the card comes back tomorrow (not in a quiz)"),
    (":suspend", "never show the card again, until 'tiesquiz unsuspend DECK' (not in a quiz)"),
    (":flag NOTE", "flag the card as wrong or unclear, with a note"),
    (":h", "these keys"),
)
KEY_TABLES: dict[str, tuple[str, KeyTable]] = {
    "study": ("Keys in study:", STUDY_KEYS),
    "quiz": ("Keys in a quiz:", QUIZ_KEYS),
    "plain": ("One reply a line:", PLAIN_KEYS),
}


def key_lines(mode: str, width: int) -> list[str]:
    """A mode's key table, its descriptions wrapped under themselves."""
    title, table = KEY_TABLES[mode]
    column = max(len(keys) for keys, _ in table)
    return [title] + [
        wrap(what, f"  {keys:<{column}}  ", width, hang=" " * (column + 4)) for keys, what in table
    ]


def show_keys(out: Out, question: Question, *, plain: bool = False) -> None:
    mode = "plain" if plain else question.mode
    for line in key_lines(mode, out.width):
        out(out.dim(line))


def rating_choices(question: Question) -> list[tuple[str, int]]:
    """The four ratings, each with when the card would come back: "Good · 10m"."""
    previews = dict(question.previews)
    return [
        (f"{name} · {short_interval(previews[r])}" if r in previews else name, r)
        for r, name in RATING_NAMES.items()
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
    if grade.check and not result.overruled:
        if quiz:
            return out.style("? To check", fg="yellow") + " (0 points until your teacher decides)"
        return out.style("? To check", fg="yellow") + ": does your answer mean the same?"
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
    width = out.width
    out(_verdict(out, result, quiz=quiz))
    for line in reasons(result):
        out(wrap(line, width=width))
    if result.grade.self_rating is None or quiz:
        out(wrap(f"Answer: {card.answer_text()}", width=width))
        filled = card.filled_text()
        if filled:
            out(wrap(filled, "  ", width))
    explain(out, card)


def feedback(out: Out, result: Result, clock: Clock) -> None:
    _answer(out, result)
    if not (result.grade.check and result.can_overrule):  # else it waits for the student's word
        when_due(out, result, clock)


def when_due(out: Out, result: Result, clock: Clock) -> None:
    if result.due is not None:
        when = describe_interval(result.due, clock.now())
        out(out.dim(f"Next review {when}." if when != "now" else "It comes back in a moment."))


def quiz_feedback(out: Out, result: Result) -> None:
    _answer(out, result, quiz=True)


def overruled(out: Out, result: Result, clock: Clock) -> None:
    if result.grade.check:
        out(out.good("✓ Counted as right (Hard): you said it means the same."))
    else:
        out(out.good("✓ Counted as right (Hard): you overruled the verdict."))
    if result.due is not None:
        out(out.dim(f"Next review {describe_interval(result.due, clock.now())}."))


def explain(out: Out, card: Card) -> None:
    if card.explanation:
        out(wrap(card.explanation, width=out.width))
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
    """Nothing to study now: say what is waiting, and the command that studies it anyway."""
    out("Nothing is due right now.")
    decks = " ".join(summary.decks)
    if summary.held_new:
        n = summary.held_new
        out(
            wrap(
                f"{n} new card{'s are' if n != 1 else ' is'} waiting beyond today's limit. "
                f"To study {min(n, 10)} of them now:",
                width=out.width,
            )
        )
        out(f"  tiesquiz study {decks} --new {min(n, 10)}")
    if summary.learning_later:
        n = summary.learning_later
        out(
            f"{n} card{'s' if n != 1 else ''} in a learning step come{'s' if n == 1 else ''} back later today."
        )
    if summary.next_due is not None and summary.next_due > clock.now():
        out(next_due_line(summary.next_due, clock))
    if not summary.held_new:
        out(wrap(f"To practise anyway, take a quiz: tiesquiz quiz {decks}", width=out.width))


def quiz_results(out: Out, items: list[QuizItem], score: float, seconds: float) -> None:
    """The score, and each question that was asked with its answer. Questions never asked (the
    student quit or the time ran out) are counted, never shown: a retake must not be free."""
    total = len(items)
    width = out.width
    out("")
    out(out.bold("Quiz results"))
    pct = (score / total * 100) if total else 0.0
    out(f"Score: {format_points(score)} / {total} ({pct:.0f}%) in {format_duration(seconds)}.")
    unasked = sum(item.status == "unasked" for item in items)
    if unasked:
        out(
            wrap(
                f"{unasked} question{'s were' if unasked != 1 else ' was'} not asked and "
                f"score{'' if unasked != 1 else 's'} 0.",
                width=width,
            )
        )
    asked = [item for item in items if item.status != "unasked"]
    for i, item in enumerate(asked, 1):
        mark = out.good("✓") if item.correct else out.bad("✗")
        given = "(skipped)" if item.skipped else (item.answer or "(no answer)")
        if item.status == "timed-out":
            given = f"{item.answer} (the time ran out)" if item.answer else "(the time ran out)"
        out(
            wrap(f"{i:>2}. {prompt_text(item.card)}", width=width, hang="    ").replace(
                f"{i:>2}. ", f"{i:>2}. {mark} ", 1
            )
        )
        out(wrap(f"your answer: {given}", "    ", width, hang="      "))
        out(wrap(f"correct answer: {item.card.answer_text()}", "    ", width, hang="      "))
