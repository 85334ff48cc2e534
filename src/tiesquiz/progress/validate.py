"""Checks on what a person may have edited: card states, answers, settings and history events.

Each runs once per card or per answer (hundreds of thousands of them is normal), so they are
cheap type checks; the wording of what is wrong is here too, for the refusal messages.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from datetime import datetime
from operator import itemgetter
from typing import Any

from tiesquiz.progress.model import (
    REVIEW_FIELDS,
    CardState,
    Limits,
    SchedulerSettings,
)

#: Stored times are always this form, so they compare correctly as text.
TIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}\+00:00\Z")
_STATE_KEYS = frozenset(CardState.__annotations__)
_NUMBER = (int, float, type(None))

_REVIEW_KEYS = frozenset(REVIEW_FIELDS)


def valid_state(state: Any) -> bool:
    return (
        type(state) is dict
        and state.keys() >= _STATE_KEYS
        and state["state"] in (1, 2, 3)
        and type(state["due"]) is str
        and TIME.match(state["due"]) is not None
        and (
            state["last_review"] is None
            or (type(state["last_review"]) is str and TIME.match(state["last_review"]) is not None)
        )
        and isinstance(state["stability"], _NUMBER)
        and isinstance(state["difficulty"], _NUMBER)
        and (state["step"] is None or type(state["step"]) is int)
    )


def settings_problem(scheduler: SchedulerSettings, limits: list[Limits]) -> str:
    """What is wrong with settings a person edited, in words ("" when nothing is)."""
    if not 0 < scheduler.desired_retention < 1:
        return f"desired_retention is {scheduler.desired_retention}; it must be between 0 and 1"
    if not all(math.isfinite(p) for p in scheduler.parameters):
        return "the fsrs parameters must be numbers"
    if not 1 <= scheduler.maximum_interval <= 100 * 365:
        return f"maximum_interval is {scheduler.maximum_interval}; it must be 1 to 36500 days"
    for limit in limits:
        for name, value in limit.to_dict().items():
            if not 0 <= value <= 1_000_000:
                return f"{name} is {value}; it must be 0 to 1,000,000"
    return ""


def _finite(value: float) -> bool:
    """A number a float can hold (an integer of 400 digits cannot)."""
    try:
        return math.isfinite(value)
    except OverflowError:
        return False


def state_problem(state: dict[str, Any]) -> str:
    """What is wrong with a card's schedule that a person edited ("" when nothing is).

    Runs once per card: number checks and two date checks (2026-02-30 looks like a date).
    """
    stability, difficulty = state["stability"], state["difficulty"]
    if stability is not None and not (_finite(stability) and stability > 0):
        return f"stability is {str(stability)[:40]}; it must be a positive number"
    if difficulty is not None and not (_finite(difficulty) and 1 <= difficulty <= 10):
        return f"difficulty is {str(difficulty)[:40]}; it must be from 1 to 10"
    for field in ("due", "last_review"):
        if state[field] is not None:
            try:
                datetime.fromisoformat(state[field])
            except ValueError:
                return f"{field} {state[field]!r} is not a real date"
    return ""


#: What a card's schedule holds, in one lookup.
_STATE_FIELDS = itemgetter("state", "step", "stability", "difficulty", "due", "last_review")
#: Larger than any stability fsrs makes (a century is 36,500), smaller than a float's limit.
_BIG = 1e300
_REAL = (int, float)
_PARSE = datetime.fromisoformat


def _state_sound(state: Any) -> bool:
    """Whether a schedule is usable as it is: the types, the ranges, real UTC times as stored,
    reviewed no later than due. Quick (about 0.6 µs): once per card and per answer."""
    if type(state) is not dict:
        return False
    try:
        kind, step, stability, difficulty, due, last = _STATE_FIELDS(state)
        return (
            kind in (1, 2, 3)
            and (step is None or type(step) is int)
            and (stability is None or (type(stability) in _REAL and 0 < stability < _BIG))
            and (difficulty is None or (type(difficulty) in _REAL and 1 <= difficulty <= 10))
            and type(due) is str
            and len(due) == 32
            and due[26:] == "+00:00"
            and due[10] == "T"
            and _PARSE(due) is not None
            and (
                last is None
                or (
                    type(last) is str
                    and len(last) == 32
                    and last[26:] == "+00:00"
                    and last[10] == "T"
                    and last <= due
                    and _PARSE(last) is not None
                )
            )
        )
    except (KeyError, ValueError):  # a key missing, not a time
        return False


def cards_sound(cards: dict[str, Any]) -> bool:
    """Whether every schedule is usable as it is (:func:`_state_sound`): one quick pass (50,000
    cards in about 30 ms) for a file whose checksum matches, so that a forged checksum over a
    damaged card cannot get one past. False sends the caller to the card-by-card check, which
    says what is wrong."""
    return all(map(_state_sound, cards.values()))


def valid_review(entry: Any) -> bool:
    # Runs once per answer in the log (200,000 of them is normal): keep it to cheap checks.
    return (
        type(entry) is dict
        and entry.keys() >= _REVIEW_KEYS
        and type(entry["id"]) is str
        and type(entry["card"]) is str
        and type(entry["time"]) is str
        and TIME.match(entry["time"]) is not None
        and entry["rating"] in (1, 2, 3, 4)
        and entry["mode"] in ("study", "quiz")
        and type(entry["duration_ms"]) is int
    )


_REVIEW_GET = itemgetter(*REVIEW_FIELDS)
_MODES = ("study", "quiz")


def _sound_review(event: dict[str, Any]) -> bool:
    """A review's own fields, every one of them, as the session writes them. Quick: it runs
    once per answer (200,000 of them is normal)."""
    try:
        ident, card, time, rating, correct, answer, ms, mode, new, prior = _REVIEW_GET(event)
    except KeyError:
        return False
    return (
        type(ident) is str
        and type(card) is str
        and type(time) is str
        and TIME.match(time) is not None
        and type(rating) is int
        and 1 <= rating <= 4
        and type(correct) is bool
        and type(answer) is str
        and type(ms) is int
        and mode in _MODES
        and type(new) is bool
        and (prior is None or (type(prior) is int and 1 <= prior <= 3))
        and type(event.get("overruled", False)) is bool
    )


#: Each field of a review and its check, to say which one is wrong.
_REVIEW_CHECKS: dict[str, Callable[[Any], bool]] = {
    "id": lambda v: type(v) is str,
    "card": lambda v: type(v) is str,
    "time": lambda v: type(v) is str and TIME.match(v) is not None,
    "rating": lambda v: type(v) is int and v in (1, 2, 3, 4),
    "correct": lambda v: type(v) is bool,
    "answer": lambda v: type(v) is str,
    "duration_ms": lambda v: type(v) is int,
    "mode": lambda v: v in ("study", "quiz"),
    "new": lambda v: type(v) is bool,
    "prior_state": lambda v: v is None or (type(v) is int and v in (1, 2, 3)),
    "overruled": lambda v: type(v) is bool,
}


def _review_words(event: dict[str, Any]) -> str:
    """Which field of a review is missing or wrong (it failed :func:`_sound_review`)."""
    missing = [k for k in REVIEW_FIELDS if k not in event]
    if missing:
        return f"the answer lacks {', '.join(missing)}"
    for key, right in _REVIEW_CHECKS.items():
        if key in event and not right(event[key]):
            return f"its {key} {str(event[key])[:40]!r} is not what tiesquiz writes"
    return "it is not an answer as tiesquiz writes one"


def state_words(state: Any) -> str:
    """What is wrong with a schedule in an event ("" when nothing is)."""
    if _state_sound(state):
        return ""
    if not valid_state(state):
        return "the schedule it holds is damaged"
    problem = state_problem(state)
    return f"the schedule it holds is damaged: {problem}" if problem else ""


def _states_words(states: Any) -> str:
    if type(states) is not dict:
        return "its states must map cards to schedules"
    return next((w for w in map(state_words, states.values()) if w), "")


def _review_problem(event: dict[str, Any]) -> str:
    if not _sound_review(event):
        return _review_words(event)
    state = event.get("state")
    return "" if state is None else state_words(state)


def _undo_problem(event: dict[str, Any]) -> str:
    if not (type(event.get("review")) is str and type(event.get("card")) is str):
        return "an undo must name the answer (review) and its card"
    time, mode = event.get("time"), event.get("mode")
    if time is not None and (type(time) is not str or TIME.match(time) is None):
        return f"its time {str(time)[:40]!r} is not a UTC time as tiesquiz writes it"
    if mode not in (None, "study", "quiz"):
        return "its mode must be study or quiz"
    restore = event.get("restore")
    return "" if restore is None else state_words(restore)


def _keys_problem(event: dict[str, Any]) -> str:
    keys = event.get("keys")
    if not (type(keys) is list and all(type(k) is str for k in keys)):
        return "a reset must list the cards it forgets (keys)"
    return _states_words(event["states"]) if "states" in event else ""


def _unreset_problem(event: dict[str, Any]) -> str:
    if type(event.get("reset")) is not str:
        return "an undone reset must name the reset"
    return _states_words(event.get("states"))


def _decks_problem(event: dict[str, Any]) -> str:
    paths = event.get("paths")
    if not (type(paths) is dict and all(type(v) is str for v in paths.values())):
        return "its paths must map deck ids to files"
    return ""


def _limits_problem(event: dict[str, Any]) -> str:
    limits = event.get("limits")
    if type(limits) is not dict:
        return "its limits must be new_per_day and reviews_per_day"
    for name in Limits().to_dict():
        if name not in limits:
            return f"its limits lack {name}"
        value = limits[name]
        if type(value) is not int or not 0 <= value <= 1_000_000:
            return f"{name} is {str(value)[:40]}; it must be a whole number from 0 to 1,000,000"
    if type(event.get("deck", "")) is not str:
        return "its deck must be a deck id"
    return ""


def _number(value: Any) -> bool:
    return type(value) in (int, float) and _finite(value)


def _steps(value: Any) -> bool:
    return type(value) is list and all(type(s) is int and 0 < s <= 10**9 for s in value)


#: Each scheduler setting, and the check of its type.
_SCHEDULER_TYPES: dict[str, Callable[[Any], bool]] = {
    "parameters": lambda v: type(v) is list and all(_number(p) for p in v),
    "desired_retention": _number,
    "learning_steps": _steps,
    "relearning_steps": _steps,
    "maximum_interval": lambda v: type(v) is int,
    "enable_fuzzing": lambda v: type(v) is bool,
}


def scheduler_words(data: Any) -> str:
    """What is wrong with scheduler settings ("" when nothing is): every key there with the
    right type, the values in range, and parameters fsrs accepts (which imports fsrs)."""
    if type(data) is not dict:
        return "its scheduler settings must be a mapping"
    for name, right in _SCHEDULER_TYPES.items():
        if name not in data:
            return f"its scheduler settings lack {name}"
        if not right(data[name]):
            return f"its scheduler setting {name} is {str(data[name])[:40]}, not what fsrs takes"
    settings = SchedulerSettings.from_dict(data)
    problem = settings_problem(settings, [])
    if problem:
        return problem
    try:
        settings.scheduler  # noqa: B018 - fsrs's own check of the parameters
    except (ValueError, TypeError, OverflowError) as exc:
        return f"fsrs refuses its parameters ({str(exc).splitlines()[0]})"
    return ""


def _snapshot_problem(event: dict[str, Any]) -> str:
    # The states are checked when they are adopted (``from_data``); a snapshot older than the
    # saved states is passed over unread.
    return "" if type(event.get("progress")) is dict else "a snapshot must hold a progress"


def _mark_problem(event: dict[str, Any]) -> str:
    """A suspend, unsuspend, bury or flag (:mod:`.marks`)."""
    if type(event.get("card")) is not str:
        return "it must name its card (deck/card)"
    for name in ("time", "until") if event["op"] == "bury" else ("time",):
        value = event.get(name)
        if type(value) is not str or TIME.match(value) is None:
            return f"its {name} {str(value)[:40]!r} is not a UTC time as tiesquiz writes it"
    if event["op"] == "flag" and type(event.get("note")) is not str:
        return "a flag must hold its note (text)"
    return ""


_EVENT_CHECKS: dict[str, Callable[[dict[str, Any]], str]] = {
    "review": _review_problem,
    "undo": _undo_problem,
    "reset": _keys_problem,
    "unreset": _unreset_problem,
    "decks": _decks_problem,
    "limits": _limits_problem,
    "scheduler": lambda event: scheduler_words(event.get("scheduler")),
    "snapshot": _snapshot_problem,
    **dict.fromkeys(("suspend", "unsuspend", "bury", "flag"), _mark_problem),
}


def event_problem(event: Any) -> str:
    """What is wrong with one event of the history, in words ("" when it is sound): every
    field present, of the right type and in range, so that applying it can never fail and
    nothing it brings can be refused once it is saved into the progress file."""
    if type(event) is not dict:
        return "it is not a JSON object"
    op = event.get("op")
    check = _EVENT_CHECKS.get(op) if type(op) is str else None
    if check is None:
        return f"{str(op)[:40]!r} is not an answer or a change tiesquiz knows"
    problem = check(event)
    if problem or not ("at" in event or "from" in event):
        return problem
    return _folder_problem(event)


def _folder_problem(event: dict[str, Any]) -> str:
    """The fields a progress folder's store adds (:mod:`.merging`): when the event was written
    (``at``), and the marks of the schedules an answer was given from and left (``from``,
    ``to``)."""
    at = event.get("at")
    if at is not None and (type(at) is not str or TIME.match(at) is None):
        return f"its time (at) {str(at)[:40]!r} is not a UTC time as tiesquiz writes it"
    for name in ("from", "to"):  # only ever compared: text (or null) is all they need be
        given = event.get(name)
        if given is not None and type(given) is not str:
            return f"its {name} {str(given)[:40]!r} is not the mark of a schedule"
    return ""


def valid_event(event: Any) -> bool:
    return not event_problem(event)
