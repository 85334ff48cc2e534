"""The question loop: a session on one side, a front end on the other.

The loop asks the front end, hands the reply to the session and shows what comes back; every
rule (grading, retries, hints, scheduling, saving) is the session's. Quitting (``q``, ``:q``, end
of input or Ctrl-C) always ends here with the summary: every answer was recorded when it was given.
"""

from __future__ import annotations

from dataclasses import replace

from tiesquiz.clock import Clock
from tiesquiz.session.quiz import QuizSession
from tiesquiz.session.study import StudySession
from tiesquiz.session.types import Question, QuizItem
from tiesquiz.ui.frontend import (
    Do,
    Frontend,
    TimeUp,
    feedback,
    nothing_due,
    overruled,
    quiz_feedback,
    quiz_results,
    show_hint,
    show_keys,
    study_summary,
    when_due,
)
from tiesquiz.ui.output import Out

REFUSED = {"hint": "No hints in a quiz.", "undo": "A quiz answer cannot be taken back."}
SKIPPED = {
    True: "Skipped: it comes back at the end.",
    False: "Skipped: left unanswered; it scores 0.",
}


def run_study(session: StudySession, ui: Frontend, clock: Clock) -> int:
    """Study until the queue is empty, the limit is reached or the student quits. Returns answers."""
    out = ui.out
    question = session.current()
    if question is None:
        nothing_due(out, session.summary(), clock)
        return 0
    show_keys(out, question, plain=ui.plain)
    try:
        while question is not None:
            reply = ui.ask(question)
            if isinstance(reply, Do):
                if reply.command == "quit":
                    break
                if reply.command == "help":
                    show_keys(out, question, plain=ui.plain)
                    question = replace(question, again=True)
                    continue
                if reply.command in MARKED:
                    question = _mark(session, out, question, reply)
                    continue
                if reply.command == "hint":
                    show_hint(out, session.hint())
                elif reply.command == "skip":
                    session.skip()
                    out("Skipped; it comes back later.")
                elif session.undo() is None:
                    out("Nothing to undo yet.")
                else:
                    out("Undone: the last answer was taken back.")
            else:
                result = session.answer(reply)
                if result.retry:
                    out("Not quite. One more try:")
                else:
                    feedback(out, result, clock)
                    if result.can_overrule and ui.offer_overrule(check=result.grade.check):
                        overruled(out, session.overrule(), clock)
                    elif result.grade.check:
                        when_due(out, result, clock)
            question = session.current()
        if session.limit_reached:
            out(f"Reached the limit of {session.limit} cards for this session.")
    except (KeyboardInterrupt, EOFError):
        out("")
        out("Stopped. Every answer you gave is saved.")
    study_summary(out, session.summary(), clock)
    _remind_refit(out, session, clock)
    return session.answered


MARKED = {
    "bury": "Buried: it comes back tomorrow.",
    "suspend": "Suspended: it is not shown again until 'tiesquiz unsuspend DECK'.",
    "flag": "Flagged, with your note; 'tiesquiz stats' lists it.",
}


def _mark(session: StudySession, out: Out, question: Question, reply: Do) -> Question | None:
    """Bury, suspend or flag the card on screen; the next question (the same one, flagged)."""
    if reply.command == "flag" and not reply.note:
        out("Say what is wrong or unclear: :flag NOTE")
        return replace(question, again=True)
    session.mark(reply.command, reply.note)
    out(MARKED[reply.command])
    return replace(question, again=True) if reply.command == "flag" else session.current()


def _remind_refit(out: Out, session: StudySession, clock: Clock) -> None:
    """Once, at the end of the session in which the answers doubled since the last fit."""
    from tiesquiz.fitting import refit_reminder
    from tiesquiz.ui.optimize_view import reminder_lines

    reminder = refit_reminder(session.store, clock, session.started)
    if reminder is not None:
        out("")
        for line in reminder_lines(reminder, "tiesquiz", out.width):
            out(line)


def run_quiz(session: QuizSession, ui: Frontend, *, show_feedback: bool = False) -> list[QuizItem]:
    """Ask every question once (a skipped one comes back at the end); feedback only at the end
    unless asked for. When the time runs out, what was typed is kept with the question."""
    out = ui.out
    if not session.questions:
        out("No questions match: try other decks, tags or types.")
        return []
    keys_shown = late = False
    try:
        while (question := session.current()) is not None:
            if not keys_shown:
                show_keys(out, question, plain=ui.plain)
                keys_shown = True
            reply = ui.ask(question)
            if isinstance(reply, TimeUp):
                session.time_up(reply.typed)
            elif isinstance(reply, Do):
                _quiz_command(session, ui, question, reply)
            else:
                result = session.answer(reply)
                late = result.late
                if late:
                    out("Time is up: that answer came too late. It is kept, and scores 0.")
                elif show_feedback:
                    quiz_feedback(out, result)
        if session.timed_out and not late:
            out("Time is up.")
    except (KeyboardInterrupt, EOFError):
        out("")
        out("Stopped. The answers you gave are saved.")
        session.quit()
    quiz_results(out, session.items, session.score, session.elapsed())
    return session.items


def _quiz_command(session: QuizSession, ui: Frontend, question: Question, reply: Do) -> None:
    """A key in a quiz: it works, or it says why not (and the question is asked again)."""
    if reply.command == "help":
        show_keys(ui.out, question, plain=ui.plain)
        session.refuse()  # asked again, not shown again
    elif reply.command not in question.allowed:
        ui.out(REFUSED.get(reply.command, "Not in a quiz."))
        session.refuse()
    elif reply.command == "quit":
        session.quit()
    elif reply.command == "flag":
        if reply.note:
            session.flag(reply.note)
            ui.out("Flagged, with your note: your teacher sees it with your results.")
        else:
            ui.out("Say what is wrong or unclear: :flag NOTE")
            session.refuse()
    else:
        ui.out(SKIPPED[session.skip()])
