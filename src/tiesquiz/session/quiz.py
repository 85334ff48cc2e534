"""A quiz: the use case behind ``tiesquiz quiz``. A fixed sample of cards, each asked once, answers
logged as ``quiz``, the schedule untouched; no hints, no retries, no undo.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Mapping, Sequence

from tiesquiz.clock import Clock, iso
from tiesquiz.deck.model import Card
from tiesquiz.grading import Vocabulary, card_words, grade
from tiesquiz.progress.model import Review
from tiesquiz.progress.store import ProgressStore
from tiesquiz.scheduling.fsrs_adapter import Outcome
from tiesquiz.session.types import Answer, Command, ItemStatus, Question, QuizItem, Result
from tiesquiz.session.views import Views

QUIZ_COMMANDS: frozenset[Command] = frozenset({"skip", "quit"})


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
    """Ask every question once; the score is the sum of each answer's share right."""

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
        #: Seconds allowed, checked before each question.
        self.time_limit = time_limit
        self.timed_out = False
        #: Deck titles by id, for the header.
        self.titles = dict(titles or {})
        rng = rng or random.Random()
        studied = list(cards)
        eligible = [c for c in studied if not c.self_rated or include_flashcards]
        n = len(eligible) if count is None else min(count, len(eligible))
        self.questions: list[Card] = rng.sample(eligible, n)
        self.items: list[QuizItem] = []
        self.started = clock.now()
        self._views = Views(rng)
        self._known = Vocabulary(lambda: (t for c in studied for t in card_words(c)))
        self._again = False
        self._asked_at: float | None = None

    def current(self) -> Question | None:
        """The next question, or None when all are answered, skipped, or the time is up."""
        position = len(self.items)
        if position >= len(self.questions):
            return None
        elapsed = self.elapsed()
        if self._out_of_time(elapsed):
            return None
        if self._asked_at is None:
            self._asked_at = self.timer()
        card = self.questions[position]
        return Question(
            view=self._views(card),
            number=position + 1,
            total=len(self.questions),
            mode="quiz",
            again=self._again,
            allowed=QUIZ_COMMANDS,
            deck_title=self.titles.get(card.deck, card.deck),
            time_left=None if self.time_limit is None else max(0.0, self.time_limit - elapsed),
        )

    def _out_of_time(self, elapsed: float) -> bool:
        """When the time is up the quiz ends: every question not answered scores 0."""
        if not self.timed_out and self.time_limit is not None and elapsed >= self.time_limit:
            self.timed_out = True
            self._end("unasked")
        return self.timed_out

    def _card(self) -> Card:
        if len(self.items) >= len(self.questions) or (
            self._asked_at is None and self.current() is None
        ):
            raise RuntimeError("nothing is being asked")
        return self.questions[len(self.items)]

    def refuse(self) -> None:
        """A command a quiz does not allow was asked for: the same question is asked again."""
        self._again = True

    def answer(self, reply: Answer) -> Result:
        """Grade and record an answer; one given after the time ran out does not count."""
        card = self._card()
        verdict = grade(card, reply.value, self._known)
        elapsed = self.elapsed()
        if self.time_limit is not None and elapsed > self.time_limit:
            self._out_of_time(elapsed)
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
        self.items.append(
            QuizItem(
                card,
                reply.text,
                verdict.correct,
                verdict.score,
                response=as_data(reply.value),
                options=shown,
                check=verdict.check,
            )
        )
        self._next()
        return Result(card, verdict, rating=rating)

    def skip(self) -> None:
        """Leave the question unanswered: it scores 0."""
        self.items.append(QuizItem(self._card(), "", False, 0.0, "skipped"))
        self._next()

    def quit(self) -> None:
        """End the quiz now: the questions not asked score 0 and are not shown."""
        self._end("unasked")

    def _end(self, status: ItemStatus) -> None:
        for card in self.questions[len(self.items) :]:
            self.items.append(QuizItem(card, "", False, 0.0, status))
        self._next()

    @property
    def asked(self) -> list[QuizItem]:
        """The questions the student saw (answered or skipped), in order."""
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
