"""The progress file's JSON: a readable layout out, a fully validated :class:`Progress` in.

Format 2 holds the settings and each card's schedule; the answers are in the history beside it
(:mod:`.history`). A format 1 file (answers inside the JSON) raises :class:`NeedsUpgrade`: only
:mod:`.legacy` reads the rest of it, to upgrade it.
Anything off in a file (a person's edit, a newer version, a torn copy) raises
:class:`~tiesquiz.errors.ProgressError` naming the file, so it is refused, never overwritten.
"""

from __future__ import annotations

import contextlib
import json
import re
import zlib
from pathlib import Path
from typing import Any

import orjson

from tiesquiz.errors import ProgressError
from tiesquiz.progress.marks import stored_marks_problem
from tiesquiz.progress.model import (
    FSRS_6_DEFAULT_PARAMETERS,
    Limits,
    Progress,
    SchedulerSettings,
)
from tiesquiz.progress.validate import (
    TIME,
    cards_sound,
    settings_problem,
    state_problem,
    valid_state,
)

FORMAT = "tiesquiz-progress"
VERSION = 2

#: Top-level keys this version writes; any other key is kept as it was.
KNOWN_KEYS = frozenset(
    (
        "checksum",
        "log_id",
        "log_bytes",
        "merged",
        "format",
        "version",
        "scheduler",
        "limits",
        "deck_limits",
        "deck_paths",
        "marks",
        "cards",
        # Format 1's own, read by :mod:`.legacy` alone: not kept as keys someone added.
        "journal_id",
        "folded_journal",
        "reviews",
    )
)
#: A ``log_id`` (and format 1's journal ids): 16 lowercase hex digits.
HEX_ID = re.compile(r"[0-9a-f]{16}")


class NeedsUpgrade(Exception):
    """The JSON is format 1: upgrade it (:func:`tiesquiz.progress.legacy.upgrade`, with the
    exclusive lock) before reading on."""


def settings_data(progress: Progress) -> dict[str, Any]:
    """Everything but the cards and the answers, as the file holds it."""
    data: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION,
        "scheduler": progress.scheduler.to_dict(),
        "limits": progress.limits.to_dict(),
    }
    if progress.deck_limits:  # written only when set: older files stay as they were
        data["deck_limits"] = {d: v.to_dict() for d, v in sorted(progress.deck_limits.items())}
    if progress.deck_paths:
        data["deck_paths"] = dict(sorted(progress.deck_paths.items()))
    if progress.marks:
        data["marks"] = dict(sorted(progress.marks.items()))
    return data


def checksum(body: bytes) -> str:
    """CRC-32: to tell a file as written from one edited, not to resist a forger (who could
    as well write the checksum), and 9 MB of it take 1 ms."""
    return f"{zlib.crc32(body):08x}"


def dumps(progress: Progress) -> str:
    """Readable JSON: a checksum of the rest on the first line, the history's id and length, the
    settings, then one line per card. The answers are not here but in the history.

    The checksum lets a file just as tiesquiz wrote it be read without checking every card
    again (50,000 of them take 0.1 s to check); a file edited by hand no longer matches it, and
    is checked in full."""
    body = _body(progress)
    return f'{{"checksum": "{checksum(body.encode())}",\n{body}'


def _dump(value: Any) -> str:
    """JSON text that UTF-8 can hold: as it is where it can be, with ``\\u`` escapes where it
    holds a lone surrogate (a key kept from a hand edit, a path that is not UTF-8), which read
    back as the same text."""
    text = json.dumps(value, ensure_ascii=False)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return json.dumps(value)
    return text


def _card_line(key: str, state: Any) -> str:
    try:
        return f"  {orjson.dumps(key).decode()}: {orjson.dumps(state).decode()}"
    except TypeError:  # a lone surrogate in the key
        return f"  {json.dumps(key)}: {json.dumps(state)}"


def storable(text: str) -> bool:
    """Whether UTF-8 can hold ``text`` (a path that is not UTF-8 cannot)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def safe_json(value: Any) -> Any:
    """``value`` with every lone surrogate in its text replaced by U+FFFD, for orjson, which
    cannot write them (the history has no other way to hold them)."""
    if isinstance(value, str):
        return value.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    if isinstance(value, dict):
        return {safe_json(k): safe_json(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [safe_json(v) for v in value]
    return value


def _body(progress: Progress) -> str:
    out = [
        f' "log_id": {json.dumps(progress.log_id)},',
        f' "log_bytes": {progress.log_bytes},',
        *(f" {_dump(k)}: {_dump(v)}," for k, v in settings_data(progress).items()),
    ]
    if progress.merging is not None:  # a folder's cache: which histories it holds (.merging)
        out.insert(2, f' "merged": {_dump(progress.merging.record())},')
    # orjson: one call per card, 50,000 cards in 30 ms. It writes compact JSON (no spaces after
    # ':' and ','); both forms read the same.
    cards = [_card_line(k, v) for k, v in sorted(progress.cards.items())]
    tail = "," if progress.extra else ""
    out.append(' "cards": {' + ("\n" + ",\n".join(cards) + "\n " if cards else "") + "}" + tail)
    extras = [f" {_dump(k)}: {_dump(v)}" for k, v in progress.extra.items()]
    if extras:
        out.append(",\n".join(extras))
    out.append("}\n")
    return "\n".join(out)


class Refused(ProgressError):
    """A progress (a file, or a snapshot in the history) that is not sound; ``what`` says why."""

    def __init__(self, message: str, what: str) -> None:
        super().__init__(message)
        self.what = what


def refused(where: str, what: str) -> Refused:
    return Refused(
        f"{where}: {what}. The file was left untouched. Restore it from "
        f"{where}.bak if that is good, or move it away to start afresh.",
        what,
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


_CHECKSUM = re.compile(rb'\{"checksum": "([0-9a-f]{8})",')


def loads(raw: bytes, where: str, *, written_here: bytes = b"") -> Progress:
    """Parse and validate the bytes of a progress file: quickly when it is exactly as tiesquiz
    wrote it (its checksum matches: no key can be repeated, every card was checked before it
    was written), in full otherwise. A checksum anyone could compute: unless it is the one
    tiesquiz last wrote here (``written_here``, kept beside the file), every card still gets one
    quick pass, so a forged checksum over a damaged card is no way past the checks."""
    first, _, body = raw.partition(b"\n")
    mark = _CHECKSUM.fullmatch(first)
    if mark is not None and checksum(body).encode() == mark[1]:
        with contextlib.suppress(orjson.JSONDecodeError):
            data = orjson.loads(raw)
            return from_data(data, where, trusted=True, vouched=mark[1] == written_here)
    return from_data(parse(raw, where), where)


def checksum_of(text: bytes) -> bytes:
    """The checksum on the first line of a progress file as :func:`dumps` writes it."""
    mark = _CHECKSUM.match(text)
    return mark[1] if mark else b""


def parse(raw: bytes, where: str) -> Any:
    """The JSON in ``raw``, checked in full; refused when it is not JSON or a key repeats."""
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
    return data


def from_data(
    data: Any, where: str, *, snapshot: bool = False, trusted: bool = False, vouched: bool = False
) -> Progress:
    """Validate the whole shape; anything off raises :class:`ProgressError` naming ``where``, and
    a format 1 file :class:`NeedsUpgrade` (once its settings and cards are found sound).

    A ``snapshot`` (the states an upgrade wrote into the history) has no history fields. A
    ``trusted`` file (its checksum matches) gets one quick pass over its cards instead of a
    check of each (none when it is ``vouched``: the very file tiesquiz last wrote here), and its
    fsrs parameters are checked (which imports fsrs) only when they are not the defaults."""
    progress = read_states(data, where, trusted=trusted, vouched=vouched)
    if data["version"] == 1:
        if snapshot:
            raise refused(where, "a snapshot of the states must be in format 2")
        raise NeedsUpgrade
    if not snapshot:
        log_id, log_bytes = data.get("log_id"), data.get("log_bytes")
        if not isinstance(log_id, str) or not HEX_ID.fullmatch(log_id):
            # Anything else would not match the history's first line, and the file would be
            # refused as belonging to another history.
            raise refused(where, f"the log_id {str(log_id)[:40]!r} is not 16 lowercase hex digits")
        if type(log_bytes) is not int or log_bytes < 0:
            raise refused(where, f"log_bytes is {str(log_bytes)[:40]}; it must be a whole number")
        progress.log_id, progress.log_bytes = log_id, log_bytes
        progress.merged = data.get("merged")
    return progress


def read_states(data: Any, where: str, *, trusted: bool = False, vouched: bool = False) -> Progress:
    """What every format holds, validated: the format and its version, the settings and each
    card's schedule. The history's fields (or format 1's answers) are the caller's to read."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise refused(where, "this is not a tiesquiz progress file")
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
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
        if not trusted or scheduler.parameters != FSRS_6_DEFAULT_PARAMETERS:
            # fsrs validates the parameters now, not mid-session (only the defaults, which
            # most files hold, are known good without importing it)
            scheduler.scheduler  # noqa: B018
        problem = settings_problem(scheduler, [limits, *deck_limits.values()])
    except (KeyError, TypeError, ValueError, AttributeError, OverflowError) as exc:
        raise refused(where, f"the scheduler settings are damaged ({exc})") from None
    if problem:
        raise refused(where, f"the settings are damaged: {problem}")
    deck_paths = data.get("deck_paths", {})
    if not isinstance(deck_paths, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in deck_paths.items()
    ):
        raise refused(where, "'deck_paths' must map deck ids to file paths")
    marks = data.get("marks", {})
    if problem := stored_marks_problem(
        marks, lambda t: type(t) is str and TIME.match(t) is not None
    ):
        raise refused(where, problem)
    cards = data.get("cards")
    if not isinstance(cards, dict):
        raise refused(where, "'cards' must be a mapping")
    return Progress(
        scheduler=scheduler,
        limits=limits,
        deck_limits=deck_limits,
        deck_paths=deck_paths,
        cards=cards,
        marks=marks,
        extra={k: v for k, v in data.items() if k not in KNOWN_KEYS},
        repairs=[] if vouched else _checked_states(cards, where, trusted=trusted),
    )


def _checked_states(cards: dict[str, Any], where: str, *, trusted: bool = False) -> list[str]:
    """Refuse a damaged schedule; put right one fsrs cannot use (said in the list returned).

    A ``trusted`` file (its checksum matches) gets the quick check of every card, which a
    forged checksum over a damaged card does not pass: only then is each card looked at."""
    if trusted and cards_sound(cards):
        return []
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
    return repairs


def remembered_decks(path: Path) -> dict[str, str]:
    """The deck files studied before (deck id -> path), read from a progress file without
    loading the rest, for commands that find decks but keep no progress (``show``, ``export``).
    Nothing when the file is missing or cannot be read: those commands then find the decks
    the usual way, and a command that studies says what is wrong with the file."""
    import stat

    import orjson

    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            return {}
        raw = orjson.loads(path.read_bytes())
    except (OSError, ValueError):
        return {}
    found = raw.get("deck_paths") if isinstance(raw, dict) else None
    if not isinstance(found, dict):
        return {}
    return {k: v for k, v in found.items() if isinstance(k, str) and isinstance(v, str)}
