"""The values that cross between a session and its front end: a question out, a reply in, a
result out. Plain data; the front end turns them into sentences.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

from tiesquiz.clock import Clock
from tiesquiz.deck.model import Card
from tiesquiz.grading import Grade
from tiesquiz.grading import Note as Note  # the reasons of a grade, for the front end
from tiesquiz.progress.model import Mode
from tiesquiz.session.views import CardView

#: What a student may do instead of answering (``help`` shows the keys; no session needs it).
Command = Literal["hint", "skip", "undo", "quit", "help", "bury", "suspend", "flag"]


@dataclass(frozen=True)
class Answer:
    """The student's reply: ``value`` is what the grader reads (an option, a list of gaps, a
    mapping of pairs, a rating for a flashcard), ``text`` what the review log keeps."""

    value: object
    text: str


@dataclass(frozen=True)
class Remaining:
    """What is left in a study session, as Anki counts it: new, learning, review."""

    new: int = 0
    learning: int = 0
    review: int = 0


@dataclass(frozen=True)
class Countdown:
    """A timed quiz's deadline, read on the session's clock: a front end redraws it."""

    deadline: datetime
    clock: Clock

    def left(self) -> float:
        """Seconds left, never below 0."""
        return max(0.0, (self.deadline - self.clock.now()).total_seconds())


@dataclass(frozen=True)
class Question:
    """The card to ask now, and what the front end needs to ask it."""

    view: CardView
    #: 1-based position in the session.
    number: int
    #: Number of questions (a quiz); None in study, where it is open-ended.
    total: int | None
    mode: Mode
    #: The same card asked again (a retry, or after a hint or a refused command): the front end
    #: need not show it again.
    again: bool = False
    #: This is the one retry after a wrong answer.
    retry: bool = False
    #: Commands the session accepts for this question (a hint only when the card has one).
    allowed: frozenset[Command] = frozenset()
    #: The title of the card's deck.
    deck_title: str = ""
    #: Study: what is left after this card.
    remaining: Remaining | None = None
    #: Quiz with a time limit: seconds left when the question was asked, and the deadline.
    time_left: float | None = None
    countdown: Countdown | None = None
    #: Study, a flashcard: how soon it would come back after each rating (1-4).
    previews: tuple[tuple[int, timedelta], ...] = ()

    @property
    def card(self) -> Card:
        return self.view.card


@dataclass(frozen=True)
class Result:
    """What an answer did. ``retry``: not recorded yet; the same card is asked once more."""

    card: Card
    grade: Grade
    retry: bool = False
    #: The fsrs rating recorded (1-4); None for a retry.
    rating: int | None = None
    hinted: bool = False
    #: Right on the retry (study: typed and cloze cards get one).
    retried: bool = False
    #: When the card is due again (study only).
    due: datetime | None = None
    #: It comes back in this session (a learning step due today).
    comes_back: bool = False
    #: Marked wrong, and the student may say "I was right" (study; typed and cloze cards).
    can_overrule: bool = False
    #: The student said "I was right": recorded as right, but Hard.
    overruled: bool = False
    #: Quiz: the answer came after the time ran out: kept as ``timed-out``, it scores 0.
    late: bool = False

    @property
    def correct(self) -> bool:
        """Right by the grader, or overruled by the student."""
        return self.grade.correct or self.overruled


@dataclass
class Summary:
    studied: int = 0
    right: int = 0
    wrong: int = 0
    skipped: int = 0
    seconds: float = 0.0
    #: Earliest due time among the session's decks, in UTC (None if nothing has been studied).
    next_due: datetime | None = None
    due_now: int = 0
    #: New cards today's limits leave waiting.
    held_new: int = 0
    #: Cards in a learning step that come back later today.
    learning_later: int = 0
    #: The decks studied (their ids), for the command that studies more of them.
    decks: tuple[str, ...] = ()


#: What happened to a quiz question: answered; skipped by the student (and skipped again, or left
#: at the end); on screen when the time ran out (``timed-out``, with whatever was typed); or never
#: asked (the student quit, or the time ran out first).
ItemStatus = Literal["answered", "skipped", "timed-out", "unasked"]


@dataclass(frozen=True)
class QuizItem:
    card: Card
    answer: str
    correct: bool
    score: float
    status: ItemStatus = "answered"
    #: What the student chose, as data: the option's text (choice), the texts ticked (multi),
    #: the typed text, the gaps in order (cloze), the items in order (order), left -> right
    #: (match), True/False, or the rating (flashcard). None when not answered.
    response: object = None
    #: Choice and select-all: the options in the order they were shown.
    options: tuple[str, ...] = ()
    #: The student's note when they flagged the question as wrong or unclear.
    flag: str = ""
    #: Every word of the answer and more: the teacher decides (scores 0 until then).
    check: bool = False

    @property
    def skipped(self) -> bool:
        """Not answered, whatever the reason: it scores 0."""
        return self.status != "answered"
