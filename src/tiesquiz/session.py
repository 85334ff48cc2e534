"""Study and quiz sessions: which card comes next, what an answer does, undo, the summary.

No printing and no prompting here; the UI (``tiesquiz.ui``) drives a session. Every answer goes
to the progress store at once, so quitting at any moment keeps everything answered so far.
"""

from __future__ import annotations

import random
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from tiesquiz.clock import Clock, iso, parse_iso
from tiesquiz.deck.model import (
    AUTO_GRADED,
    Card,
    ChoiceCard,
    FlashCard,
    MatchCard,
    MultiCard,
    OrderCard,
)
from tiesquiz.grading import Grade
from tiesquiz.progress import ProgressStore, ReviewEntry
from tiesquiz.scheduling import (
    LEARN_AHEAD,
    REVIEW,
    CardState,
    Limits,
    Outcome,
    build_queue,
    cap_for_exam,
    exam_limits,
    exam_plan,
    next_due,
    review,
    today_counts,
)


@dataclass(frozen=True)
class CardView:
    """A card as it is asked this time: options shuffled once, so undo asks it the same way."""

    card: Card
    options: tuple[str, ...] = ()
    #: For match: the right-hand items, shuffled; ``options`` holds the left items in deck order.
    rights: tuple[str, ...] = ()


def make_view(card: Card, rng: random.Random) -> CardView:
    if isinstance(card, ChoiceCard | MultiCard):
        options = list(card.options)
        rng.shuffle(options)
        return CardView(card, tuple(options))
    if isinstance(card, OrderCard):
        items = list(card.items)
        while items == list(card.items):  # never show the answer as the puzzle
            rng.shuffle(items)
        return CardView(card, tuple(items))
    if isinstance(card, MatchCard):
        rights = [right for _, right in card.pairs]
        while len(rights) > 1 and rights == [right for _, right in card.pairs]:
            rng.shuffle(rights)
        return CardView(card, tuple(left for left, _ in card.pairs), tuple(rights))
    return CardView(card)


def _cached_view(views: dict[str, CardView], card: Card, rng: random.Random) -> CardView:
    """One view per card and session: asked again (after undo or a retry), it looks the same."""
    if card.key not in views:
        views[card.key] = make_view(card, rng)
    return views[card.key]


@dataclass(frozen=True)
class AnswerResult:
    card: Card
    correct: bool
    rating: int
    grade: Grade | None
    entry: ReviewEntry
    hinted: bool = False
    #: When the card is due again (study mode only).
    due: datetime | None = None


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


@dataclass
class _Done:
    result: AnswerResult
    prior: CardState | None
    view: CardView


@dataclass
class StudySession:
    """The study queue over some decks. Cards in a learning step come back when due."""

    store: ProgressStore
    cards: Sequence[Card]
    clock: Clock
    limits: Limits
    rng: random.Random = field(default_factory=random.Random)
    #: Study toward this exam day: intervals are capped at it and new cards paced to it.
    exam: date | None = None

    def __post_init__(self) -> None:
        now = self.clock.now()
        progress = self.store.progress
        today = today_counts(progress.reviews, now, self.clock)
        if self.exam is not None and self.clock.local(now).date() >= self.exam:
            self.exam = None  # the exam is today or over: schedule normally
        if self.exam is not None:
            plan = exam_plan(
                [c.key for c in self.cards],
                progress.cards,
                progress.reviews,
                self.exam,
                now,
                self.clock,
                self.limits,
            )
            self.limits = exam_limits(plan, self.limits, today.new)
        self.queue: deque[Card] = deque(
            build_queue(self.cards, progress.cards, now, self.limits, today)
        )
        self.learning: dict[str, Card] = {}  # answered this session, due again soon
        self.done: list[_Done] = []
        self.started = now
        self.skipped = 0
        self._views: dict[str, CardView] = {}

    def view(self, card: Card) -> CardView:
        return _cached_view(self._views, card, self.rng)

    def next_card(self) -> Card | None:
        """Learning cards that are due, then the queue, then learning cards due within 20 minutes."""
        now = self.clock.now()
        states = self.store.progress.cards
        soon = sorted((states[key]["due"], key) for key in self.learning if key in states)
        if soon and soon[0][0] <= iso(now):
            return self.learning.pop(soon[0][1])
        if self.queue:
            return self.queue.popleft()
        if soon and soon[0][0] <= iso(now + LEARN_AHEAD):
            return self.learning.pop(soon[0][1])
        return None

    def remaining(self) -> int:
        return len(self.queue) + len(self.learning)

    def skip(self, card: Card) -> None:
        """Put the card at the back of the queue; it is not recorded."""
        self.skipped += 1
        self.queue.append(card)

    def answer(
        self,
        card: Card,
        *,
        response: str,
        duration_ms: int,
        grade: Grade | None = None,
        rating: int | None = None,
        hinted: bool = False,
        retried: bool = False,
    ) -> AnswerResult:
        """Record an answer now. Auto-graded cards pass ``grade``; flashcards pass ``rating``."""
        now = self.clock.now()
        if grade is not None:
            outcome = Outcome(
                grade.correct, grade.score, hinted=hinted, retried=retried, typo=grade.typo
            )
            rating = outcome.rating()
            correct = grade.correct
        else:
            assert rating is not None
            correct = rating > 1
        prior = self.store.progress.cards.get(card.key)
        state = review(prior, rating, now, self.store.progress.scheduler)
        if self.exam is not None:
            state = cap_for_exam(state, self.exam, self.clock)
        entry = self.store.record(
            key=card.key,
            time=iso(now),
            rating=rating,
            correct=correct,
            answer=response,
            duration_ms=duration_ms,
            mode="study",
            state=state,
        )
        due = parse_iso(state["due"])
        if state["state"] != REVIEW and due <= self.clock.day_bounds(now)[1]:
            self.learning[card.key] = card
        result = AnswerResult(card, correct, rating, grade, entry, hinted, due)
        self.done.append(_Done(result, prior, self.view(card)))
        return result

    def undo(self) -> Card | None:
        """Take back the last answer: the card's state is restored exactly and it is asked again."""
        if not self.done:
            return None
        last = self.done.pop()
        self.store.undo(last.result.entry, last.prior)
        self.learning.pop(last.result.card.key, None)
        return last.result.card

    def summary(self) -> Summary:
        now = self.clock.now()
        results = [d.result for d in self.done]
        keys = [c.key for c in self.cards]
        upcoming = next_due(self.store.progress.cards, keys)
        states = self.store.progress.cards
        return Summary(
            studied=len(results),
            right=sum(r.correct for r in results),
            wrong=sum(not r.correct for r in results),
            skipped=self.skipped,
            seconds=(now - self.started).total_seconds(),
            next_due=parse_iso(upcoming) if upcoming else None,
            due_now=sum(1 for k in keys if k in states and states[k]["due"] <= iso(now)),
        )


# -- quiz ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class QuizItem:
    card: Card
    answer: str
    correct: bool
    score: float
    skipped: bool = False


@dataclass
class QuizSession:
    """An exam: a fixed sample of cards, answers logged as ``quiz``, the schedule untouched."""

    store: ProgressStore
    cards: Sequence[Card]
    clock: Clock
    count: int | None = None
    rng: random.Random = field(default_factory=random.Random)
    include_flashcards: bool = False

    def __post_init__(self) -> None:
        eligible = [c for c in self.cards if c.type in AUTO_GRADED or self.include_flashcards]
        n = len(eligible) if self.count is None else min(self.count, len(eligible))
        self.questions: list[Card] = self.rng.sample(eligible, n)
        self.items: list[QuizItem] = []
        self.started = self.clock.now()
        self._views: dict[str, CardView] = {}

    def view(self, card: Card) -> CardView:
        return _cached_view(self._views, card, self.rng)

    def answer(
        self,
        card: Card,
        *,
        response: str,
        grade: Grade | None,
        rating: int | None = None,
        duration_ms: int,
    ) -> QuizItem:
        if grade is None:  # a self-graded flashcard
            assert rating is not None and isinstance(card, FlashCard)
            grade = Grade(rating > 1, 1.0 if rating > 1 else 0.0)
        entry_rating = (
            rating
            if rating is not None
            else Outcome(grade.correct, grade.score, typo=grade.typo).rating()
        )
        self.store.record(
            key=card.key,
            time=iso(self.clock.now()),
            rating=entry_rating,
            correct=grade.correct,
            answer=response,
            duration_ms=duration_ms,
            mode="quiz",
            state=None,
        )
        item = QuizItem(card, response, grade.correct, grade.score)
        self.items.append(item)
        return item

    def skip(self, card: Card) -> QuizItem:
        item = QuizItem(card, "", False, 0.0, skipped=True)
        self.items.append(item)
        return item

    @property
    def score(self) -> float:
        """Points: a wholly right answer is 1, partial credit counts its share."""
        return sum(item.score for item in self.items)

    def elapsed(self) -> float:
        return (self.clock.now() - self.started).total_seconds()
