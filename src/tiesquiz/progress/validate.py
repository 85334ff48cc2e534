"""Checks on what a person may have edited: card states, answers, settings and history events.

Each runs once per card or per answer (hundreds of thousands of them is normal), so they are
cheap type checks; the wording of what is wrong is here too, for the refusal messages.
"""

from __future__ import annotations

import math
import re
from datetime import datetime
from typing import Any

from tiesquiz.progress.model import REVIEW_FIELDS, CardState, Limits, SchedulerSettings

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


def state_problem(state: dict[str, Any]) -> str:
    """What is wrong with a card's schedule that a person edited ("" when nothing is).

    Runs once per card: number checks and two date checks (2026-02-30 looks like a date).
    """
    stability, difficulty = state["stability"], state["difficulty"]
    if stability is not None and not (math.isfinite(stability) and stability > 0):
        return f"stability is {stability}; it must be a positive number"
    if difficulty is not None and not (math.isfinite(difficulty) and 1 <= difficulty <= 10):
        return f"difficulty is {difficulty}; it must be from 1 to 10"
    for field in ("due", "last_review"):
        if state[field] is not None:
            try:
                datetime.fromisoformat(state[field])
            except ValueError:
                return f"{field} {state[field]!r} is not a real date"
    return ""


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


def valid_event(event: Any) -> bool:
    if not isinstance(event, dict):
        return False
    op = event.get("op")
    if op == "review":
        return valid_review(event) and (event.get("state") is None or valid_state(event["state"]))
    if op == "undo":
        return (
            isinstance(event.get("review"), str)
            and isinstance(event.get("card"), str)
            and isinstance(event.get("time", ""), str)
            and (event.get("restore") is None or valid_state(event["restore"]))
        )
    if op == "reset":
        keys = event.get("keys")
        return isinstance(keys, list) and all(isinstance(k, str) for k in keys)
    if op == "decks":
        paths = event.get("paths")
        return isinstance(paths, dict) and all(isinstance(v, str) for v in paths.values())
    if op == "limits":
        return isinstance(event.get("limits"), dict) and isinstance(event.get("deck", ""), str)
    if op == "scheduler":
        return isinstance(event.get("scheduler"), dict)
    return op == "snapshot" and isinstance(event.get("progress"), dict)
