"""The progress file's JSON: a readable layout out, a fully validated :class:`Progress` in.

Anything off in a file (a person's edit, a newer version, a torn copy) raises
:class:`~tiesquiz.errors.ProgressError` naming the file, so it is refused, never overwritten.
"""

from __future__ import annotations

import json
import math
import re
from datetime import datetime
from operator import itemgetter
from typing import Any

import orjson

from tiesquiz.errors import ProgressError
from tiesquiz.progress.model import (
    REVIEW_FIELDS,
    CardState,
    Limits,
    Progress,
    Review,
    SchedulerSettings,
)

FORMAT = "tiesquiz-progress"
VERSION = 1

#: Top-level keys this version writes; any other key is kept as it was.
KNOWN_KEYS = frozenset(
    (
        "journal_id",
        "folded_journal",
        "format",
        "version",
        "scheduler",
        "limits",
        "deck_limits",
        "deck_paths",
        "cards",
        "reviews",
    )
)
#: Stored times are always this form, so they compare correctly as text.
_TIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}\+00:00\Z")
_STATE_KEYS = frozenset(CardState.__annotations__)
_JOURNAL_ID = re.compile(r"[0-9a-f]{16}")
_NUMBER = (int, float, type(None))


def dumps(progress: Progress) -> str:
    """Readable JSON: settings at the top, then one line per card and per review.

    ``journal_id`` comes first so an append can check it by reading a few bytes.
    """
    dump = json.dumps
    out = [
        "{" + f'"journal_id": {dump(progress.journal_id)},',
        *(
            [f' "folded_journal": {dump(progress.folded_journal)},']
            if progress.folded_journal
            else []
        ),
        f' "format": {dump(FORMAT)},',
        f' "version": {VERSION},',
        f' "scheduler": {dump(progress.scheduler.to_dict())},',
        f' "limits": {dump(progress.limits.to_dict())},',
    ]
    if progress.deck_limits:  # written only when set: older files stay as they were
        limits = {d: v.to_dict() for d, v in sorted(progress.deck_limits.items())}
        out.append(f' "deck_limits": {dump(limits, ensure_ascii=False)},')
    if progress.deck_paths:
        out.append(
            f' "deck_paths": {dump(dict(sorted(progress.deck_paths.items())), ensure_ascii=False)},'
        )
    # orjson: one call per card and per answer, 200,000 answers in 0.1 s instead of 0.9 s. It
    # writes compact JSON (no spaces after ':' and ','); both forms read the same.
    fast = orjson.dumps
    cards = [f"  {fast(k).decode()}: {fast(v).decode()}" for k, v in sorted(progress.cards.items())]
    out.append(' "cards": {' + ("\n" + ",\n".join(cards) + "\n " if cards else "") + "},")
    reviews = [f"  {fast(r.to_dict()).decode()}" for r in progress.reviews]
    tail = "," if progress.extra else ""
    out.append(
        ' "reviews": [' + ("\n" + ",\n".join(reviews) + "\n " if reviews else "") + "]" + tail
    )
    extras = [
        f" {dump(k, ensure_ascii=False)}: {dump(v, ensure_ascii=False)}"
        for k, v in progress.extra.items()
    ]
    if extras:
        out.append(",\n".join(extras))
    out.append("}\n")
    return "\n".join(out)


def refused(where: str, what: str) -> ProgressError:
    return ProgressError(
        f"{where}: {what}. The file was left untouched. Restore it from "
        f"{where}.bak if that is good, or move it away to start afresh."
    )


class RepeatedKey(Exception):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _no_repeated_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """A JSON object, refused when a key repeats (a hand edit that pasted a second ``"cards"``
    would otherwise wipe every schedule at the next save). About 0.5 µs an object."""
    made = dict(pairs)
    if len(made) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise RepeatedKey(key)
            seen.add(key)
    return made


def loads(raw: bytes, where: str) -> Progress:
    """Parse and validate the bytes of a progress file."""
    try:
        data = json.loads(raw, object_pairs_hook=_no_repeated_keys)
    except RepeatedKey as exc:
        raise refused(
            where,
            f"the key {exc.key!r} appears twice in one object; JSON keeps only the last, which "
            "would silently drop what the first held",
        ) from None
    except (ValueError, RecursionError) as exc:  # not JSON, not UTF-8, a 5,000-digit number...
        detail = (
            f" (line {exc.lineno}, column {exc.colno})"
            if isinstance(exc, json.JSONDecodeError)
            else " (nested too deeply)"
            if isinstance(exc, RecursionError)
            else ""
        )
        raise ProgressError(
            f"{where}: not valid JSON{detail}, so it was not read and has not been changed. "
            f"Restore it from {where}.bak if that is good, or move it away to start afresh."
        ) from None
    return from_data(data, where)


def from_data(data: Any, where: str) -> Progress:
    """Validate the whole shape; anything off raises :class:`ProgressError` naming ``where``."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise refused(where, "this is not a tiesquiz progress file")
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise refused(where, "the format version is missing")
    if version > VERSION:
        raise ProgressError(
            f"{where}: written by a newer tiesquiz (progress format {version}; this one reads "
            f"up to {VERSION}). Upgrade tiesquiz: python -m pip install -U tiesquiz. "
            "The file was left untouched."
        )
    try:
        scheduler = SchedulerSettings.from_dict(data["scheduler"])
        limits = Limits.from_dict(data["limits"])
        deck_limits = {str(d): Limits.from_dict(v) for d, v in data.get("deck_limits", {}).items()}
        scheduler.scheduler  # noqa: B018 - validates the parameters now, not mid-session
        problem = _settings_problem(scheduler, [limits, *deck_limits.values()])
    except (KeyError, TypeError, ValueError, AttributeError, OverflowError) as exc:
        raise refused(where, f"the scheduler settings are damaged ({exc})") from None
    if problem:
        raise refused(where, f"the settings are damaged: {problem}")
    deck_paths = data.get("deck_paths", {})
    if not isinstance(deck_paths, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in deck_paths.items()
    ):
        raise refused(where, "'deck_paths' must map deck ids to file paths")
    cards = data.get("cards")
    reviews = data.get("reviews")
    journal_id = data.get("journal_id")
    if (
        not isinstance(cards, dict)
        or not isinstance(reviews, list)
        or not isinstance(journal_id, str)
    ):
        raise refused(where, "'cards' must be a mapping and 'reviews' a list")
    if not _JOURNAL_ID.fullmatch(journal_id):
        # Anything else would not be recognised in the journal's header, and a session's
        # answers would be set aside as already folded.
        raise refused(where, f"the journal_id {journal_id[:40]!r} is not 16 lowercase hex digits")
    folded = data.get("folded_journal", "")
    if not isinstance(folded, str) or (folded and not _JOURNAL_ID.fullmatch(folded)):
        raise refused(
            where, f"the folded_journal {str(folded)[:40]!r} is not 16 lowercase hex digits"
        )
    repairs: list[str] = []
    for key, state in cards.items():
        if not valid_state(state):
            raise refused(where, f"the progress of card {key!r} is damaged")
        problem = state_problem(state)
        if problem:
            raise refused(where, f"the progress of card {key!r} is damaged: {problem}")
        if state["last_review"] is not None and state["last_review"] > state["due"]:
            # fsrs never makes this; a newest-answer-wins merge would then keep the old state
            # against every new answer, and the card would be asked forever.
            repairs.append(
                f"{where}: card {key!r} was last reviewed ({state['last_review'][:10]}) after "
                f"its due date ({state['due'][:10]}); it is due then, and rescheduled when next "
                "answered"
            )
            cards[key] = {**state, "last_review": state["due"]}
    log = _reviews(reviews)
    if log is None:
        bad = next(i for i, entry in enumerate(reviews) if not valid_review(entry))
        raise refused(where, f"review number {bad + 1} in the log is damaged")
    extra = {k: v for k, v in data.items() if k not in KNOWN_KEYS}
    return Progress(
        scheduler=scheduler,
        limits=limits,
        deck_limits=deck_limits,
        deck_paths=deck_paths,
        cards=cards,
        reviews=log,
        journal_id=journal_id,
        folded_journal=folded,
        extra=extra,
        repairs=repairs,
    )


_FIELDS = itemgetter(*REVIEW_FIELDS)
_REVIEW_KEYS = frozenset(REVIEW_FIELDS)


def _reviews(entries: list[Any]) -> list[Review] | None:
    """Every entry as a :class:`Review`, or None if any is damaged.

    Runs once per answer in the log (200,000 of them is normal): one pass that checks and builds.
    """
    log: list[Review] = []
    append = log.append
    match = _TIME.match
    try:
        for entry in entries:
            if type(entry) is not dict:
                return None
            # KeyError for a missing field
            ident, card, time, rating, correct, answer, ms, mode, new, prior = _FIELDS(entry)
            if not (
                type(ident) is str
                and type(card) is str
                and type(time) is str
                and match(time) is not None
                and rating in (1, 2, 3, 4)
                and mode in ("study", "quiz")
                and type(ms) is int
            ):
                return None
            overruled = entry.get("overruled") is True
            append(
                Review(ident, card, time, rating, correct, answer, ms, mode, new, prior, overruled)
            )
    except KeyError:
        return None
    return log


def valid_state(state: Any) -> bool:
    return (
        type(state) is dict
        and state.keys() >= _STATE_KEYS
        and state["state"] in (1, 2, 3)
        and type(state["due"]) is str
        and _TIME.match(state["due"]) is not None
        and (
            state["last_review"] is None
            or (type(state["last_review"]) is str and _TIME.match(state["last_review"]) is not None)
        )
        and isinstance(state["stability"], _NUMBER)
        and isinstance(state["difficulty"], _NUMBER)
        and (state["step"] is None or type(state["step"]) is int)
    )


def _settings_problem(scheduler: SchedulerSettings, limits: list[Limits]) -> str:
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
        and _TIME.match(entry["time"]) is not None
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
        return isinstance(event.get("review"), str) and isinstance(event.get("card"), str)
    if op == "reset":
        return isinstance(event.get("keys"), list)
    if op == "decks":
        paths = event.get("paths")
        return isinstance(paths, dict) and all(isinstance(v, str) for v in paths.values())
    return op in ("limits", "scheduler")
