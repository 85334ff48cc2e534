"""The progress model: what a learner's progress *is*, with no I/O.

One typed shape per record: a card's schedule (:class:`CardState`, the JSON form fsrs uses), one
answer (:class:`Review`), the scheduler settings and daily limits, and :class:`Progress`, which
turns the events of its history into state. Every layer above reads these; this module imports none of them.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import TYPE_CHECKING, Any, Literal, NamedTuple, TypedDict

from tiesquiz.progress.marks import MARK_OPS, CardMarks, apply_mark
from tiesquiz.progress.merging import Merging

if TYPE_CHECKING:
    import fsrs

Mode = Literal["study", "quiz"]
#: fsrs' card states, as stored.
LEARNING, REVIEW, RELEARNING = 1, 2, 3
#: The ratings an answer is recorded with (fsrs' Rating values).
AGAIN, HARD, GOOD, EASY = 1, 2, 3, 4


class CardState(TypedDict):
    """The JSON form of one card's schedule (fsrs' ``CardDict`` without its unused ``card_id``)."""

    state: int
    step: int | None
    stability: float | None
    difficulty: float | None
    due: str
    last_review: str | None


class SchedulerDict(TypedDict):
    parameters: list[float]
    desired_retention: float
    learning_steps: list[int]
    relearning_steps: list[int]
    maximum_interval: int
    enable_fuzzing: bool


class StoredScheduler(SchedulerDict, total=False):  # once ``tiesquiz optimize`` fitted them
    fitted_at: str
    fitted_answers: int


def new_id() -> str:
    """A random id for a review, an event or a history file."""
    return os.urandom(8).hex()  # what secrets.token_hex does, without importing hmac


#: ``fsrs.Scheduler().parameters`` of fsrs 6.
FSRS_6_DEFAULT_PARAMETERS = (
    0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001, 1.8722, 0.1666, 0.796,
    1.4835, 0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542,
)  # fmt: skip


@dataclass(frozen=True)
class SchedulerSettings:
    """Kept in the progress file, so a new fsrs release cannot silently change a schedule."""

    parameters: tuple[float, ...]
    desired_retention: float = 0.9
    learning_steps: tuple[int, ...] = (60, 600)
    relearning_steps: tuple[int, ...] = (600,)
    maximum_interval: int = 36500
    enable_fuzzing: bool = True
    #: When (UTC) and from how many answers ``tiesquiz optimize`` fitted the parameters.
    fitted_at: str | None = None
    fitted_answers: int = 0

    @classmethod
    def defaults(cls) -> SchedulerSettings:
        """What a new progress file starts with: fsrs 6's default parameters (written out, so
        that ``due`` on a new file does not import fsrs; a test holds them to fsrs' own)."""
        return cls(FSRS_6_DEFAULT_PARAMETERS)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> SchedulerSettings:
        return cls(
            parameters=tuple(float(p) for p in data["parameters"]),
            desired_retention=float(data["desired_retention"]),
            learning_steps=tuple(int(s) for s in data["learning_steps"]),
            relearning_steps=tuple(int(s) for s in data["relearning_steps"]),
            maximum_interval=int(data["maximum_interval"]),
            enable_fuzzing=bool(data["enable_fuzzing"]),
            fitted_at=at if isinstance(at := data.get("fitted_at"), str) else None,
            fitted_answers=n if type(n := data.get("fitted_answers")) is int and n > 0 else 0,
        )

    def to_dict(self) -> StoredScheduler:
        data: StoredScheduler = {
            "parameters": list(self.parameters),
            "desired_retention": self.desired_retention,
            "learning_steps": list(self.learning_steps),
            "relearning_steps": list(self.relearning_steps),
            "maximum_interval": self.maximum_interval,
            "enable_fuzzing": self.enable_fuzzing,
        }
        if self.fitted_at is not None:  # fsrs' own keys alone until then
            data["fitted_at"], data["fitted_answers"] = self.fitted_at, self.fitted_answers
        return data

    @cached_property
    def scheduler(self) -> fsrs.Scheduler:
        """fsrs' scheduler for these settings (built once; it also validates the parameters)."""
        import fsrs

        return fsrs.Scheduler.from_dict(self.to_dict())


@dataclass(frozen=True)
class Limits:
    new_per_day: int = 20
    reviews_per_day: int = 200

    def to_dict(self) -> dict[str, int]:
        return {"new_per_day": self.new_per_day, "reviews_per_day": self.reviews_per_day}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Limits:
        return cls(int(data["new_per_day"]), int(data["reviews_per_day"]))


@dataclass(slots=True)
class Review:
    """One answer, the same shape from the session to the disk (UTC time, rating 1-4).

    Not frozen, because a progress file holds hundreds of thousands of them and a frozen
    dataclass is five times slower to build; treat it as a value all the same (change a copy with
    :func:`dataclasses.replace`).
    """

    id: str
    card: str
    time: str
    rating: int
    correct: bool
    answer: str
    duration_ms: int
    mode: Mode
    #: The card had never been studied before this answer (for the new-cards-per-day limit).
    new: bool
    #: The card's fsrs state before the answer (None when new), for the reviews-per-day limit.
    prior_state: int | None
    #: The student said "I was right" about an answer marked wrong; it counts as Hard.
    overruled: bool = False

    @classmethod
    def new_answer(
        cls,
        card: str,
        time: str,
        rating: int,
        correct: bool,
        answer: str,
        duration_ms: int,
        mode: Mode,
    ) -> Review:
        """A fresh answer to ``card``. Whether the card was new, and its fsrs state before, are
        the store's to set when it records the answer (:meth:`after`), from the card's state on
        disk at that moment."""
        return cls(new_id(), card, time, rating, correct, answer, duration_ms, mode, True, None)

    def after(self, prior: CardState | None) -> Review:
        """This answer, given to a card whose schedule was ``prior`` (None: a new card)."""
        return replace(self, new=prior is None, prior_state=prior["state"] if prior else None)

    def event(self, state: CardState | None) -> dict[str, Any]:
        """The history's line for this answer: the review and, in study, the card's schedule
        after it (a quiz answer never moves the schedule)."""
        return {"op": "review", **self.to_dict(), "state": state if self.mode == "study" else None}

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": self.id,
            "card": self.card,
            "time": self.time,
            "rating": self.rating,
            "correct": self.correct,
            "answer": self.answer,
            "duration_ms": self.duration_ms,
            "mode": self.mode,
            "new": self.new,
            "prior_state": self.prior_state,
        }
        if self.overruled:  # written only when true: older files and readers stay as they were
            data["overruled"] = True
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Review:
        return cls(
            data["id"],
            data["card"],
            data["time"],
            data["rating"],
            data["correct"],
            data["answer"],
            data["duration_ms"],
            data["mode"],
            data["new"],
            data["prior_state"],
            data.get("overruled") is True,
        )


#: The fields every stored review has, in order (``overruled`` is optional).
REVIEW_FIELDS = tuple(f for f in Review.__slots__ if f != "overruled")

#: How a study answer moves a card's schedule: from its state before (None: new) to the next.
Schedule = Callable[[CardState | None], CardState]


class Recorded(NamedTuple):
    """One answer as it was recorded: the review, and the card's schedule before and after it
    (``state`` is None for a quiz answer, which leaves the schedule alone)."""

    review: Review
    prior: CardState | None
    state: CardState | None


@dataclass
class Forgotten:
    """What one reset forgot: its cards' schedules, and the answers to them it took out."""

    keys: list[str]
    states: dict[str, CardState]
    reviews: list[Review] = field(default_factory=list)
    #: False for a reset written before resets kept the schedules (only answers come back).
    kept_schedules: bool = True


@dataclass
class Progress:
    """The learner's progress in memory. Pure: events in, state out; no I/O."""

    scheduler: SchedulerSettings
    limits: Limits = field(default_factory=Limits)
    #: Limits set for one deck (by its id); the others use ``limits``.
    deck_limits: dict[str, Limits] = field(default_factory=dict)
    #: Where each deck studied was read from (deck id -> file), so it is found from any folder.
    deck_paths: dict[str, str] = field(default_factory=dict)
    cards: dict[str, CardState] = field(default_factory=dict)
    #: The student's marks on cards (suspended, buried, flagged: :mod:`.marks`), by card key.
    marks: dict[str, CardMarks] = field(default_factory=dict)
    #: The answers loaded from the history: all of them, or (when ``reviews_since`` is set) only
    #: those from that time on, which is all that ``due`` and ``study`` need.
    reviews: list[Review] = field(default_factory=list)
    #: None when ``reviews`` is the whole history; else the UTC time it starts from.
    reviews_since: str | None = None
    #: The history file this progress belongs to (its first line names the same id), and how many
    #: of its bytes the saved states already hold: only what follows is replayed onto them.
    log_id: str = field(default_factory=new_id)
    log_bytes: int = 0
    #: Top-level keys this version does not know (from a person or a newer minor version): kept.
    extra: dict[str, Any] = field(default_factory=dict)
    #: What was put right when the file was read (a hand edit fsrs cannot use as it is, an
    #: upgrade), one sentence each, for the command to show; not stored.
    repairs: list[str] = field(default_factory=list)
    #: The ids of the answers applied: a line copied twice counts once. Not stored.
    review_ids: set[str] = field(default_factory=set, repr=False)
    #: The resets applied and not undone, by id: the cards each forgot (their keys and
    #: schedules) and the answers loaded that it took out, to bring back. Not stored.
    resets: dict[str, Forgotten] = field(default_factory=dict, repr=False)
    #: Folding a progress folder's histories (None: one machine's file), and the ``merged``
    #: record its cache was read with (:mod:`.merging`). Not stored as such.
    merging: Merging | None = field(default=None, repr=False)
    merged: Any = field(default=None, repr=False)

    @classmethod
    def empty(cls) -> Progress:
        return cls(scheduler=SchedulerSettings.defaults())

    def adopt_states(self, other: Progress) -> None:
        """Take ``other``'s settings and card states (not its answers): the states as saved, or
        as a snapshot in the history holds them."""
        self.scheduler, self.limits = other.scheduler, other.limits
        self.deck_limits, self.deck_paths = other.deck_limits, other.deck_paths
        self.cards, self.extra, self.marks = other.cards, other.extra, other.marks

    def limits_for(self, deck: str) -> Limits:
        """A deck's daily limits: its own if set, else everyone's."""
        return self.deck_limits.get(deck, self.limits)

    def apply(self, event: Mapping[str, Any], *, states: bool = True, own: bool = True) -> None:
        """Apply one event of the history. Merging: a card keeps the state of its newest review
        (in a folder, :meth:`Merging.follow`); another machine's (``own=False``) deck paths
        are not this one's. With ``states=False`` only the answers are updated: the event is
        older than the saved states, which hold its effect, and is read for its answers."""
        op = event.get("op")
        if op == "review":
            self._review(event, states)
        elif op == "undo":
            self._undo(event, states)
        elif op == "reset":
            self._reset(event, states)
        elif op == "unreset":
            self._unreset(event, states)
        elif not states:
            return
        elif op == "limits":
            limits = Limits.from_dict(event["limits"])
            if event.get("deck"):
                self.deck_limits[event["deck"]] = limits
            else:
                self.limits = limits
        elif op == "decks":
            if own:
                self.deck_paths.update(event["paths"])
        elif op == "scheduler":
            self.scheduler = SchedulerSettings.from_dict(event["scheduler"])
        elif op in MARK_OPS:
            apply_mark(self.marks, event)

    def _review(self, event: Mapping[str, Any], states: bool) -> None:
        """One answer, once: a second copy of the same answer (the same id) changes nothing."""
        if event["id"] in self.review_ids:
            return
        entry = Review.from_dict(event)
        self.review_ids.add(entry.id)
        self.reviews.append(entry)
        state: CardState | None = event.get("state")
        if not states or entry.mode != "study":
            return
        if self.merging is not None and "from" in event:
            state = self.merging.follow(self.cards.get(entry.card), event, self.scheduler)
            if state is not None:
                self.cards[entry.card] = state
        elif state is not None:
            self._merge(entry.card, state)

    def _merge(self, key: str, state: CardState) -> None:
        """A card keeps the state of its newest review."""
        current = self.cards.get(key)
        if (
            current is None
            or current["last_review"] is None
            or (state["last_review"] or "") >= current["last_review"]
        ):
            self.cards[key] = state

    def _reset(self, event: Mapping[str, Any], states: bool) -> None:
        """Forget cards: their schedules and their answers (kept aside, for an undo)."""
        keys = set(event["keys"])
        forgotten = Forgotten(sorted(keys), dict(event.get("states") or {}))
        forgotten.kept_schedules = "states" in event
        if states:
            for key in keys:
                state = self.cards.pop(key, None)
                if state is not None:
                    forgotten.states.setdefault(key, state)
        kept: list[Review] = []
        for entry in self.reviews:
            (forgotten.reviews if entry.card in keys else kept).append(entry)
        self.reviews = kept
        self.resets[str(event.get("id", ""))] = forgotten

    def _unreset(self, event: Mapping[str, Any], states: bool) -> None:
        """Undo a reset: its schedules come back (unless a card was studied again since), and
        so do the answers it took out."""
        forgotten = self.resets.pop(event["reset"], None)
        if states:
            for key, state in event["states"].items():
                self._merge(key, state)
        if forgotten is not None and forgotten.reviews:
            self.reviews = sorted([*self.reviews, *forgotten.reviews], key=lambda r: r.time)

    def _undo(self, event: Mapping[str, Any], states: bool) -> None:
        """Take an answer back. The event names the answer's time and mode, so the card's state
        is put back even when the answer itself was not loaded (it is before ``reviews_since``)."""
        review_id, key = event["review"], event["card"]
        time, mode = event.get("time"), event.get("mode")
        for i in range(len(self.reviews) - 1, -1, -1):
            if self.reviews[i].id == review_id:
                time, mode = self.reviews[i].time, self.reviews[i].mode
                del self.reviews[i]
                break
        else:
            if time is None:
                return  # an undo written before the history was split: its answer is not here
        current = self.cards.get(key)
        if states and mode == "study" and current is not None and current["last_review"] == time:
            restore: CardState | None = event.get("restore")
            if restore is None:
                del self.cards[key]
            else:
                self.cards[key] = restore
