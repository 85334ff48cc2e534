"""A quiz: the use case behind ``tiesquiz quiz``. A fixed sample of cards, each answered once (a
question skipped comes back at the end), answers logged as ``quiz``, the schedule untouched; no
hints, no retries, no undo.
"""

from __future__ import annotations

import random
import time
from collections import deque
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from datetime import timedelta

from tiesquiz.clock import Clock, iso
from tiesquiz.deck.model import Card
from tiesquiz.grading import Vocabulary, card_words, grade
from tiesquiz.progress.model import Review
from tiesquiz.progress.store import ProgressStore
from tiesquiz.scheduling.fsrs_adapter import Outcome
from tiesquiz.session.types import (
    Answer,
    Command,
    Countdown,
    ItemStatus,
    Question,
    QuizItem,
    Result,
)
from tiesquiz.session.views import Views

QUIZ_COMMANDS: frozenset[Command] = frozenset({"skip", "quit", "flag"})


def as_data(value: object) -> object:
    """A reply as plain JSON data: mappings and sequences of text, text, a number, a bool."""
    if isinstance(value, dict):
        return {str(k): str(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [str(v) for v in value]
    if isinstance(value, bool | int | float | str) or value is None:
        return value
    return str(value)


class QuizSession:
    """Ask every question; the score is the sum of each answer's share right.

    A question skipped comes back at the end, once; skipped again (or when nothing else is left)
    it is left unanswered. With a time limit, the question on screen when the time runs out is
    kept as ``timed-out`` with whatever was typed, and the questions never shown as ``unasked``.
    """

    def __init__(
        self,
        store: ProgressStore,
        cards: Sequence[Card],
        clock: Clock,
        count: int | None = None,
        rng: random.Random | None = None,
        *,
        include_flashcards: bool = False,
        time_limit: float | None = None,
        titles: Mapping[str, str] | None = None,
        timer: Callable[[], float] = time.monotonic,
    ) -> None:
        self.store = store
        self.clock = clock
        self.timer = timer
        #: Seconds allowed, from the start of the quiz.
        self.time_limit = time_limit
        self.timed_out = False
        #: Deck titles by id, for the header.
        self.titles = dict(titles or {})
        rng = rng or random.Random()
        studied = list(cards)
        eligible = [c for c in studied if not c.self_rated or include_flashcards]
        n = len(eligible) if count is None else min(count, len(eligible))
        self.questions: list[Card] = rng.sample(eligible, n)
        self.started = clock.now()
        self._waiting: deque[int] = deque(range(n))  # the questions still to ask, in order
        self._put_off: set[int] = set()  # skipped once: back at the end
        self._items: dict[int, QuizItem] = {}
        #: The student's notes on questions they flagged, by the question's place in the quiz.
        self._flags: dict[int, str] = {}
        self._views = Views(rng)
        self._known = Vocabulary(lambda: (t for c in studied for t in card_words(c)))
        self._again = False
        self._asked_at: float | None = None  # when the question on screen was shown

    @property
    def items(self) -> list[QuizItem]:
        """What happened to each question dealt with so far, in the quiz's order (every
        question, once the quiz is over)."""
        return [
            replace(self._items[i], flag=self._flags[i]) if i in self._flags else self._items[i]
            for i in sorted(self._items)
        ]

    def flag(self, note: str) -> None:
        """Note that the question on screen is wrong or unclear: the results file carries it to
        the teacher (the question stays on screen, to be answered)."""
        index, _ = self._on_screen()
        self._flags[index] = note
        self._again = True

    @property
    def countdown(self) -> Countdown | None:
        if self.time_limit is None:
            return None
        return Countdown(self.started + timedelta(seconds=self.time_limit), self.clock)

    def current(self) -> Question | None:
        """The question to ask now, or None when all are dealt with or the time is up."""
        if not self._waiting:
            return None
        elapsed = self.elapsed()  # one look at the clock
        if self._out_of_time(elapsed):
            return None
        if self._asked_at is None:
            self._asked_at = self.timer()
        index = self._waiting[0]
        card = self.questions[index]
        limit = self.time_limit
        return Question(
            view=self._views(card),
            number=index + 1,
            total=len(self.questions),
            mode="quiz",
            again=self._again,
            allowed=QUIZ_COMMANDS,
            deck_title=self.titles.get(card.deck, card.deck),
            time_left=None if limit is None else max(0.0, limit - elapsed),
            countdown=self.countdown,
        )

    def _out_of_time(self, elapsed: float) -> bool:
        """When the time is up the quiz ends: every question not answered scores 0."""
        if not self.timed_out and self.time_limit is not None and elapsed >= self.time_limit:
            self.time_up()
        return self.timed_out

    def _on_screen(self) -> tuple[int, Card]:
        if not self._waiting or (self._asked_at is None and self.current() is None):
            raise RuntimeError("nothing is being asked")
        index = self._waiting[0]
        return index, self.questions[index]

    def refuse(self) -> None:
        """A command a quiz does not allow was asked for: the same question is asked again."""
        self._again = True

    def answer(self, reply: Answer) -> Result:
        """Grade and record an answer; one given after the time ran out is kept as typed, marked
        ``timed-out``, and scores 0."""
        index, card = self._on_screen()
        verdict = grade(card, reply.value, self._known)
        if self.time_limit is not None and self.elapsed() > self.time_limit:
            self.time_up(reply.text)
            return Result(card, verdict, late=True)
        rating = (
            verdict.self_rating
            or Outcome(verdict.correct, verdict.score, typo=verdict.typo).rating()
        )
        assert self._asked_at is not None
        self.store.record_answer(
            Review.new_answer(
                card.key,
                iso(self.clock.now()),
                rating,
                verdict.correct,
                reply.text,
                int((self.timer() - self._asked_at) * 1000),
                "quiz",
            )
        )
        shown = self._views(card).options if card.options else ()
        self._deal(
            index,
            QuizItem(
                card,
                reply.text,
                verdict.correct,
                verdict.score,
                response=as_data(reply.value),
                options=shown,
                check=verdict.check,
            ),
        )
        return Result(card, verdict, rating=rating)

    def skip(self) -> bool:
        """Put the question off to the end of the quiz: True. Skipped a second time, or when no
        other question is left, it is left unanswered and scores 0: False."""
        index, card = self._on_screen()
        if index in self._put_off or len(self._waiting) == 1:
            self._deal(index, QuizItem(card, "", False, 0.0, "skipped"))
            return False
        self._put_off.add(index)
        self._waiting.rotate(-1)  # to the end
        self._views.done(card)  # shuffled anew when it comes back
        self._next()
        return True

    def time_up(self, typed: str = "") -> None:
        """The time ran out: the question on screen is kept as ``timed-out`` with ``typed``, the
        questions put off as skipped, the rest as never asked."""
        self.timed_out = True
        if self._waiting and self._asked_at is not None:
            index = self._waiting[0]
            self._deal(index, QuizItem(self.questions[index], typed, False, 0.0, "timed-out"))
        self._end()

    def quit(self) -> None:
        """End the quiz now: the questions not answered score 0; those never shown (the one on
        screen included, unless put off before) are not shown."""
        self._end()

    def _deal(self, index: int, item: QuizItem) -> None:
        """The question on screen is done with."""
        self._items[index] = item
        self._waiting.popleft()
        self._views.done(item.card)
        self._next()

    def _end(self) -> None:
        for index in self._waiting:
            status: ItemStatus = "skipped" if index in self._put_off else "unasked"
            self._items[index] = QuizItem(self.questions[index], "", False, 0.0, status)
        self._waiting.clear()
        self._next()

    @property
    def asked(self) -> list[QuizItem]:
        """The questions the student saw (answered, skipped or timed out), in order."""
        return [item for item in self.items if item.status != "unasked"]

    def _next(self) -> None:
        self._again = False
        self._asked_at = None

    @property
    def score(self) -> float:
        """Points: a wholly right answer is 1, partial credit counts its share."""
        return sum(item.score for item in self.items)

    def elapsed(self) -> float:
        return (self.clock.now() - self.started).total_seconds()
