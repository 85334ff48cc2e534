"""The question loop: a session on one side, a front end on the other.

Quitting (``q``, ``:q``, end of input or Ctrl-C) always ends here with the summary: every answer
was already recorded when it was given.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from tiesquiz.clock import Clock
from tiesquiz.deck.model import Card, ClozeCard, FlashCard, TypedCard
from tiesquiz.grading import grade
from tiesquiz.session import QuizItem, QuizSession, StudySession
from tiesquiz.ui.frontend import (
    Do,
    Frontend,
    Response,
    explain,
    feedback,
    nothing_due,
    quiz_results,
    show_hint,
    study_summary,
)
from tiesquiz.ui.render import wrap

#: Types that get one more try after a wrong answer in study mode (a right retry counts as Hard).
RETRY_TYPES = (TypedCard, ClozeCard)


@dataclass
class _Ask:
    card: Card
    hinted: bool = False
    retried: bool = False


def run_study(
    session: StudySession, ui: Frontend, clock: Clock, *, limit: int | None = None
) -> int:
    """Study until the queue is empty, the limit is reached or the student quits. Returns answers."""
    out = ui.out
    first = session.next_card()
    if first is None:
        nothing_due(out, session.summary(), clock)
        return 0
    current: _Ask | None = _Ask(first)
    try:
        while current is not None:
            if limit is not None and len(session.done) >= limit:
                out(f"Reached the limit of {limit} cards for this session.")
                break
            card = current.card
            view = session.view(card)
            number = len(session.done) + 1
            started = time.monotonic()
            if isinstance(card, FlashCard):
                reply = ui.ask_flashcard(view, number=number)
            else:
                reply = ui.ask(view, number=number, hinted=current.hinted or current.retried)
            if isinstance(reply, Do):
                if reply.command == "quit":
                    break
                if reply.command == "hint":
                    show_hint(out, card)
                    current.hinted = current.hinted or bool(card.hint)
                    continue
                if reply.command == "skip":
                    session.skip(card)
                    out("Skipped; it comes back later.")
                elif reply.command == "undo":
                    previous = session.undo()
                    if previous is None:
                        out("Nothing to undo yet.")
                        continue
                    if previous.key != card.key:
                        session.queue.appendleft(card)  # the card on screen comes right after
                    out("Undone: the last answer was taken back.")
                    current = _Ask(previous)
                    continue
                nxt = session.next_card()
                current = _Ask(nxt) if nxt is not None else None
                continue
            duration = int((time.monotonic() - started) * 1000)
            if isinstance(card, FlashCard):
                assert isinstance(reply.value, int)
                result = session.answer(
                    card, response=reply.text, duration_ms=duration, rating=reply.value
                )
            else:
                verdict = grade(card, reply.value)
                if not verdict.correct and isinstance(card, RETRY_TYPES) and not current.retried:
                    out("Not quite. One more try:")
                    current.retried = True
                    continue
                result = session.answer(
                    card,
                    response=reply.text,
                    duration_ms=duration,
                    grade=verdict,
                    hinted=current.hinted,
                    retried=current.retried,
                )
            feedback(out, result, clock)
            nxt = session.next_card()
            current = _Ask(nxt) if nxt is not None else None
    except (KeyboardInterrupt, EOFError):
        out("")
        out("Stopped. Every answer you gave is saved.")
    study_summary(out, session.summary(), clock)
    return len(session.done)


def run_quiz(
    session: QuizSession,
    ui: Frontend,
    clock: Clock,
    *,
    show_feedback: bool = False,
    time_limit: float | None = None,
) -> list[QuizItem]:
    """Ask every question once; feedback only at the end unless asked for."""
    out = ui.out
    total = len(session.questions)
    if total == 0:
        out("No questions match: try other decks, tags or types.")
        return []
    if hasattr(ui, "total"):
        ui.total = total
    try:
        for number, card in enumerate(session.questions, 1):
            if time_limit is not None and session.elapsed() >= time_limit:
                out("Time is up.")
                for rest in session.questions[number - 1 :]:
                    session.skip(rest)
                break
            view = session.view(card)
            started = time.monotonic()
            hinted = False
            while True:
                if isinstance(card, FlashCard):
                    reply = ui.ask_flashcard(view, number=number)
                else:
                    reply = ui.ask(view, number=number, hinted=hinted)
                if isinstance(reply, Do) and reply.command in ("hint", "undo"):
                    out(
                        "No hints in a quiz."
                        if reply.command == "hint"
                        else "A quiz answer cannot be taken back."
                    )
                    hinted = True  # (asks again without repeating the question)
                    continue
                break
            if isinstance(reply, Do):
                if reply.command == "quit":
                    for rest in session.questions[number - 1 :]:
                        session.skip(rest)
                    break
                session.skip(card)
                continue
            assert isinstance(reply, Response)
            duration = int((time.monotonic() - started) * 1000)
            if isinstance(card, FlashCard):
                assert isinstance(reply.value, int)
                item = session.answer(
                    card, response=reply.text, grade=None, rating=reply.value, duration_ms=duration
                )
            else:
                item = session.answer(
                    card, response=reply.text, grade=grade(card, reply.value), duration_ms=duration
                )
            if show_feedback:
                out(out.good("✓ Right") if item.correct else out.bad("✗ Wrong"))
                out(wrap(f"Answer: {card.answer_text()}"))
                explain(out, card)
    except (KeyboardInterrupt, EOFError):
        out("")
        out("Stopped. The answers you gave are saved.")
        answered = {id(i.card) for i in session.items}
        for rest in session.questions:
            if id(rest) not in answered:
                session.skip(rest)
    quiz_results(out, session.items, session.score, session.elapsed())
    return session.items
