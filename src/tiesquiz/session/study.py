"""A study session: the use case behind ``tiesquiz study``.

A reply goes in, a result comes out: the session grades it, applies the retry and hint policy,
rates it, schedules it with fsrs, records it (on disk before it returns) and says what comes next.
No printing and no prompting here; a front end, or a plain Python caller, drives it.
"""

from __future__ import annotations

import random
import time
from collections import deque
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from tiesquiz.clock import Clock, iso, parse_iso
from tiesquiz.deck.model import Card, ClozeCard, TypedCard
from tiesquiz.deck.registry import CardTable
from tiesquiz.grading import Vocabulary, card_words, grade
from tiesquiz.progress.marks import set_aside
from tiesquiz.progress.model import REVIEW, CardState, Limits, Review, new_id
from tiesquiz.progress.store import ProgressStore
from tiesquiz.scheduling.exam import cap_for_exam, exam_plan
from tiesquiz.scheduling.fsrs_adapter import (
    AGAIN,
    EASY,
    GOOD,
    HARD,
    Outcome,
    fuzz_seed,
    review,
    review_as_shown,
)
from tiesquiz.scheduling.queue import LEARN_AHEAD, Allowance, build_queue, next_due, today_counts
from tiesquiz.session.marking import mark_card
from tiesquiz.session.types import Answer, Command, Question, Remaining, Result, Summary
from tiesquiz.session.views import CardView, Views
from tiesquiz.session.waiting import Queue


@dataclass(frozen=True)
class Policy:
    """How study treats a card type after a wrong answer."""

    #: More tries (a right retry counts as Hard).
    retries: int = 0
    #: The student may overrule the verdict ("I was right"): free text can be graded too strictly.
    overrule: bool = False


#: Each card type's policy in study; by default one try, no overruling. A quiz has neither.
#: (A self-rated card, a flashcard, shows when each rating would bring it back: the class says.)
POLICY: CardTable[Policy] = CardTable("session.policy", default=Policy())
POLICY.register(TypedCard, ClozeCard)(Policy(retries=1, overrule=True))
STUDY_COMMANDS: frozenset[Command] = frozenset(
    {"hint", "skip", "undo", "quit", "bury", "suspend", "flag"}
)


@dataclass
class _Asking:
    """The card on screen and what has happened to it so far."""

    card: Card
    hinted: bool = False
    retries: int = 0
    again: bool = False
    started: float = 0.0
    #: When the rating buttons of a flashcard were last drawn: its rating keeps their promise.
    shown_at: datetime | None = None


@dataclass
class _Done:
    result: Result
    entry: Review
    prior: CardState | None
    #: How the card was shown, to show it so again if the answer is taken back.
    view: CardView | None = None


class StudySession:
    """The study queue over some decks. Cards in a learning step come back when due."""

    def __init__(
        self,
        store: ProgressStore,
        cards: Sequence[Card],
        clock: Clock,
        limits: Limits | Allowance,
        rng: random.Random | None = None,
        *,
        exam: date | None = None,
        limit: int | None = None,
        timer: Callable[[], float] = time.monotonic,
        titles: Mapping[str, str] | None = None,
    ) -> None:
        self.store = store
        self.cards = list(cards)
        #: Deck titles by id, for the header.
        self.titles = dict(titles or {})
        self.clock = clock
        self.timer = timer
        #: Stop after this many answers.
        self.limit = limit
        self.limit_reached = False
        now = clock.now()
        progress = store.progress
        today = today_counts(progress.reviews, now, clock)
        if exam is not None and clock.local(now).date() >= exam:
            exam = None  # the exam is today or over: schedule normally
        self.exam = exam
        allowance = limits if isinstance(limits, Allowance) else Allowance(limits)
        if exam is not None:
            plan = exam_plan(
                [c.key for c in self.cards],
                progress.cards,
                store.history(),
                exam,
                now,
                clock,
                allowance.default,
            )
            if plan.days_left > 0:  # raise today's new-card limit to the pace the exam needs
                allowance = allowance.raised(plan.needed_per_day + today.new)
        aside = set_aside(progress.marks, iso(now))  # suspended, or buried until a later day
        studied = [c for c in self.cards if c.key not in aside] if aside else self.cards
        queue = build_queue(studied, progress.cards, now, allowance, today)
        self._queue = Queue(queue.cards, self._kind)
        #: New cards the daily limits leave for another day.
        self.held_new = queue.held_new
        self._learning: dict[str, Card] = {}  # answered this session, due again soon
        self._skipped: deque[Card] = deque()  # asked again only when nothing else is left
        self._done: list[_Done] = []
        self._current: _Asking | None = None
        self._views = Views(rng or random.Random())
        self.started = now
        self.skipped = 0
        #: Words of the cards studied: a student's word that is one of them is never a typo.
        self._known = Vocabulary(lambda: (t for c in self.cards for t in card_words(c)))

    # -- asking ------------------------------------------------------------------------------------

    @property
    def answered(self) -> int:
        return len(self._done)

    def _next_card(self) -> Card | None:
        """Learning cards that are due, then the queue, then learning cards due within 20 minutes,
        then the cards skipped."""
        now = self.clock.now()
        states = self.store.progress.cards
        soon = sorted((states[key]["due"], key) for key in self._learning if key in states)
        if soon and soon[0][0] <= iso(now):
            return self._learning.pop(soon[0][1])
        if self._queue:
            return self._queue.popleft()
        if soon and soon[0][0] <= iso(now + LEARN_AHEAD):
            return self._learning.pop(soon[0][1])
        if self._skipped:
            return self._skipped.popleft()
        return None

    def _kind(self, card: Card) -> str:
        state = self.store.progress.cards.get(card.key)
        return "new" if state is None else "review" if state["state"] == REVIEW else "learning"

    def remaining(self) -> Remaining:
        """New, learning and review cards left in this session, the one on screen included: the
        queue's as it keeps them, the few others' (answered, set aside, on screen) from their
        state now."""
        counts = {"new": 0, "learning": 0, "review": 0, **self._queue.counts}
        waiting = [*self._learning.values(), *self._skipped]
        if self._current is not None:
            waiting.append(self._current.card)
        for card in waiting:
            counts[self._kind(card)] += 1
        return Remaining(**counts)

    def current(self) -> Question | None:
        """The question to ask now, or None when the session is over."""
        if self._current is None:
            card = self._next_card()
            if card is None:
                return None
            if self.limit is not None and self.answered >= self.limit:
                self._queue.appendleft(card)
                self.limit_reached = True
                return None
            self._current = _Asking(card, started=self.timer())
        asking = self._current
        card = asking.card
        return Question(
            view=self._views(card),
            number=self.answered + 1,
            total=None,
            mode="study",
            again=asking.again,
            retry=asking.retries > 0,
            allowed=STUDY_COMMANDS if card.hint else STUDY_COMMANDS - {"hint"},
            deck_title=self.titles.get(card.deck, card.deck),
            remaining=self.remaining(),
            previews=self._previews(asking) if card.self_rated else (),
        )

    def _previews(self, asking: _Asking) -> tuple[tuple[int, timedelta], ...]:
        """When the card would come back after each rating, as it stands now: a promise, which
        :meth:`answer` keeps (the same fuzz, the same interval counted from the answer)."""
        now = asking.shown_at = self.clock.now()
        key = asking.card.key
        prior = self.store.progress.cards.get(key)
        return tuple(
            (rating, parse_iso(self._schedule(key, prior, rating, now)["due"]) - now)
            for rating in (AGAIN, HARD, GOOD, EASY)
        )

    def _schedule(
        self,
        key: str,
        prior: CardState | None,
        rating: int,
        now: datetime,
        shown: datetime | None = None,
    ) -> CardState:
        """The card's next state after ``rating``: fsrs, its fuzz drawn from the card and how far
        it has got (:func:`fuzz_seed`), then no interval past the exam. ``shown``: when the
        rating's interval was shown, which it then keeps."""
        settings, seed = self.store.progress.scheduler, fuzz_seed(key, prior)
        if shown is None:
            state = review(prior, rating, now, settings, seed=seed)
        else:
            state = review_as_shown(prior, rating, shown, now, settings, seed=seed)
        return state if self.exam is None else cap_for_exam(state, self.exam, self.clock)

    def _asking(self) -> _Asking:
        if self._current is None and self.current() is None:
            raise RuntimeError("nothing is being asked")
        assert self._current is not None
        return self._current

    # -- what the student can do -------------------------------------------------------------------

    def answer(self, reply: Answer) -> Result:
        """Grade, rate, schedule and record a reply; or, wrong with a retry left, ask once more."""
        asking = self._asking()
        card = asking.card
        verdict = grade(card, reply.value, self._known)
        policy = POLICY[card]
        # An answer to check holds the whole answer: a second try would not tell more.
        if not verdict.correct and not verdict.check and asking.retries < policy.retries:
            asking.retries += 1
            asking.again = True
            return Result(card, verdict, retry=True, hinted=asking.hinted)
        rating = (
            verdict.self_rating
            or Outcome(
                verdict.correct,
                verdict.score,
                hinted=asking.hinted,
                retried=asking.retries > 0,
                typo=verdict.typo,
            ).rating()
        )
        ms = int((self.timer() - asking.started) * 1000)
        now = self.clock.now()  # the answer's time, and the schedule's: the moment it is saved
        entry = Review.new_answer(
            card.key, iso(now), rating, verdict.correct, reply.text, ms, "study"
        )
        result = Result(
            card,
            verdict,
            rating=rating,
            hinted=asking.hinted,
            retried=asking.retries > 0,
            can_overrule=policy.overrule and not verdict.correct,
        )
        self._current = None
        view = self._views.done(card)  # back later in the session, it is shuffled anew
        return self._record(result, entry, now, view, asking.shown_at)

    def _record(
        self,
        result: Result,
        entry: Review,
        now: datetime,
        view: CardView | None,
        shown: datetime | None = None,
    ) -> Result:
        """Schedule and save one answer given at ``now``, from the card's state on disk (another
        terminal may have reset it); say when the card comes back."""
        rating = result.rating
        assert rating is not None
        key = result.card.key
        recorded = self.store.record_answer(
            entry, lambda prior: self._schedule(key, prior, rating, now, shown)
        )
        assert recorded.state is not None
        due = parse_iso(recorded.state["due"])
        comes_back = recorded.state["state"] != REVIEW and due <= self.clock.day_bounds(now)[1]
        if comes_back:
            self._learning[key] = result.card
        else:
            self._learning.pop(key, None)
        result = replace(result, due=due, comes_back=comes_back)
        self._done.append(_Done(result, recorded.review, recorded.prior, view))
        return result

    def overrule(self) -> Result:
        """ "I was right": the last answer, marked wrong, is recorded again as right but Hard.

        The review log keeps it marked as overruled, and ``tiesquiz stats`` lists those answers so
        that a teacher can add them to ``accept``. Only the last answer, and only for the card
        types whose policy allows it (typed and cloze).
        """
        if not self._done or not self._done[-1].result.can_overrule:
            raise ValueError(
                "only the last answer, a typed or cloze answer marked wrong, can be overruled"
            )
        last = self._done.pop()
        self.store.undo(last.entry, last.prior)
        now = self.clock.now()
        entry = replace(
            last.entry, id=new_id(), time=iso(now), rating=HARD, correct=True, overruled=True
        )
        result = replace(last.result, rating=HARD, can_overrule=False, overruled=True)
        return self._record(result, entry, now, last.view)

    def hint(self) -> str:
        """The card's hint ("" when it has none). Shown, it makes a right answer count as Hard."""
        asking = self._asking()
        asking.again = True
        if asking.card.hint:
            asking.hinted = True
        return asking.card.hint

    def mark(self, command: Command, note: str = "") -> None:
        """Suspend or bury the card on screen (it leaves the session), or flag it with a note."""
        if self._current is not None and mark_card(
            self.store, self._current.card, self.clock, command, note
        ):
            self._current = None

    def skip(self) -> None:
        """Set the card on screen aside: it comes back only when nothing else is left."""
        asking = self._asking()
        self.skipped += 1
        self._skipped.append(asking.card)
        self._views.done(asking.card)
        self._current = None

    def undo(self) -> Card | None:
        """Take back the last answer: the card's state is restored exactly and it is asked again.

        The card that was on screen comes right after it. Returns the card, or None when there is
        nothing to undo (the card on screen is then simply asked again).
        """
        if not self._done:
            if self._current is not None:
                self._current.again = False
            return None
        last = self._done.pop()
        self.store.undo(last.entry, last.prior)
        self._learning.pop(last.result.card.key, None)
        if self._current is not None and self._current.card.key != last.result.card.key:
            self._queue.appendleft(self._current.card)  # with its view: it was not answered
        if last.view is not None:
            self._views.keep(last.view)
        self._current = _Asking(last.result.card, started=self.timer())
        return last.result.card

    # -- the end -----------------------------------------------------------------------------------

    def summary(self) -> Summary:
        now = self.clock.now()
        results = [d.result for d in self._done]
        keys = [c.key for c in self.cards]
        states = self.store.progress.cards
        upcoming = next_due(states, keys)
        return Summary(
            studied=len(results),
            right=sum(r.correct for r in results),
            wrong=sum(not r.correct for r in results),
            skipped=self.skipped,
            seconds=(now - self.started).total_seconds(),
            next_due=parse_iso(upcoming) if upcoming else None,
            due_now=sum(1 for k in keys if k in states and states[k]["due"] <= iso(now)),
            held_new=self.held_new,
            learning_later=sum(
                1
                for k in keys
                if k in states
                and states[k]["state"] != REVIEW
                and iso(now) < states[k]["due"] < iso(self.clock.day_bounds(now)[1])
            ),
            decks=tuple(sorted({c.deck for c in self.cards})),
        )
