"""``tiesquiz repair``: a damaged history written again, never edited in place.

Every refusal of the history (a damaged line, a history missing, shorter than the progress file
says, or changed before the part the progress file has saved) recommends this rather than a
hand edit, which would shift the byte offsets (``log_bytes``) the progress file counts.

The history is read line by line. A line that cannot be read, or holds an event that is not
sound, is dropped; an answer whose schedule alone is damaged is kept without it; a second copy
of an answer is dropped; a snapshot with damaged cards loses those cards. Each is named by its
line number. The kept lines go into a new history with a new ``log_id`` (its header names the
old one, ``repaired_from``, so a progress file saved before it, a ``.bak`` put back, is rebuilt
from it), with the progress file's states as a snapshot where they belong: at the place the
file had saved, when that place is sound; before every line when it is not (replaying more
than needed onto them changes nothing, replaying less would lose schedules). The old history is
kept as ``NAME.history.jsonl.LOGID.bak``; the states and ``log_bytes`` are then recomputed from
the new history, and saved (the previous progress file kept as ``.bak``, as at every save).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from tiesquiz.errors import ProgressError
from tiesquiz.progress.codec import NeedsUpgrade, Refused, from_data, loads
from tiesquiz.progress.disk import ProgressFiles, read_disk, write_json
from tiesquiz.progress.files import (
    describe_os_error,
    locked,
    private_link,
    read_regular,
)
from tiesquiz.progress.history import (
    event_line,
    header_line,
    header_of,
    snapshot,
    unreadable,
    write_lines,
)
from tiesquiz.progress.legacy import upgrade
from tiesquiz.progress.model import Progress, new_id
from tiesquiz.progress.shared import state_file
from tiesquiz.progress.validate import event_problem, state_problem, valid_state


@dataclass
class Repaired:
    """What ``tiesquiz repair`` did, for the command to say."""

    history: Path
    #: Where the old history was kept (None when nothing was rewritten).
    backup: Path | None = None
    #: One sentence per line dropped or fixed, and per thing put right, in order.
    changes: list[str] = field(default_factory=list)
    #: How many answers the history holds now.
    answers: int = 0


@dataclass
class _Read:
    """The old history, line by line: what is kept, and where in the old file it stood."""

    header: dict[str, Any] | None = None
    #: (offset in the old history, the line to write) for every line kept.
    kept: list[tuple[int, bytes]] = field(default_factory=list)
    changes: list[str] = field(default_factory=list)
    #: The end of the last whole line.
    end: int = 0


def repair_history(path: Path, data_dir: Path | None = None) -> Repaired:
    """Repair the history beside the progress file ``path`` (see the module's text); in a
    progress folder, this machine's own history (its id is kept in ``data_dir``)."""
    path = state_file(path, data_dir)
    if path.is_dir():  # a folder where this machine has written nothing
        return Repaired(path)
    path = Path(os.path.realpath(path)) if path.is_symlink() else path
    files = ProgressFiles(path)
    done = Repaired(files.history_path)
    if not (files.path.exists() or files.history_path.exists()):
        return done
    with _exclusive(files):
        saved = _saved(files)
        try:
            raw: bytes | None = read_regular(files.history_path)
        except FileNotFoundError:
            raw = None
        except OSError as exc:
            raise describe_os_error(files.history_path, exc, "read the history") from None
        if raw is None and saved is None:
            return done
        old = _read_lines(raw or b"", str(files.history_path))
        split, note = _split(saved, old, raw)
        if note:
            old.changes.append(note)
        if not old.changes:
            done.answers = _answers(files)
            return done
        done.changes = old.changes
        done.backup = _rewrite(files, saved, old, split, raw is not None)
        progress, size = read_disk(files, None, answers=True, states=False)
        progress.log_bytes = size
        write_json(files, progress)
        done.answers = len(progress.reviews)
    return done


@contextlib.contextmanager
def _exclusive(files: ProgressFiles) -> Iterator[None]:
    """The progress file's lock, held alone (a folder that cannot hold it is an error here)."""
    with locked(files.lock_path, True, lambda: None):
        yield


def _saved(files: ProgressFiles) -> Progress | None:
    """The progress file (upgraded first if it is format 1), None when there is none. A
    damaged one is refused: it is the history that is repaired, not the progress file."""
    try:
        raw = read_regular(files.path)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise describe_os_error(files.path, exc, "read the progress file") from None
    try:
        return loads(raw, str(files.path))
    except NeedsUpgrade:
        upgrade(files)
        return loads(read_regular(files.path), str(files.path))


def _read_lines(raw: bytes, where: str) -> _Read:
    """Every line of the old history, kept, fixed or dropped (each change named)."""
    found = _Read(end=raw.rfind(b"\n") + 1)
    seen: dict[str, int] = {}
    offset, number = 0, 0
    for line in raw[: found.end].split(b"\n")[:-1]:
        number += 1
        at, offset = offset, offset + len(line) + 1
        if number == 1 and (header := header_of(line)) is not None:
            found.header = header
            continue
        if not line:
            continue
        kept, why = _line(line, where)
        if kept is None:
            found.changes.append(f"line {number}: {why}; dropped")
            continue
        ident = kept.get("id") if kept.get("op") == "review" else None
        if isinstance(ident, str) and ident in seen:
            found.changes.append(
                f"line {number}: a second copy of the answer on line {seen[ident]}; dropped"
            )
            continue
        if isinstance(ident, str):
            seen[ident] = number
        if why:
            found.changes.append(f"line {number}: {why}")
        found.kept.append((at, line if not why else event_line(kept)[:-1]))
    if found.header is None and raw:
        found.changes.insert(0, "line 1: not a tiesquiz history's first line; a new one is written")
    if raw[found.end :].strip():
        found.changes.append(
            f"line {number + 1}: cut short by a crash (never saved as an answer); dropped"
        )
    return found


def _line(line: bytes, where: str) -> tuple[dict[str, Any] | None, str]:
    """The event on a line and what was fixed in it (""), or None and why it is dropped."""
    try:
        event = orjson.loads(line)
    except orjson.JSONDecodeError as exc:
        return None, unreadable(exc)
    problem = event_problem(event)
    fixed = {**event, "state": None} if problem and isinstance(event, dict) else None
    if fixed and event.get("op") == "review" and event.get("state") and not event_problem(fixed):
        return fixed, f"{problem}; the answer is kept without it"
    if problem:
        return None, problem
    if event["op"] == "snapshot":
        return _snapshot(event, where)
    return event, ""


def _snapshot(event: dict[str, Any], where: str) -> tuple[dict[str, Any] | None, str]:
    """A snapshot, with any damaged card left out (the others' schedules are kept)."""
    try:
        from_data(event["progress"], where, snapshot=True)
    except Refused as exc:
        cards = event["progress"].get("cards")
        if not isinstance(cards, dict):
            return None, f"the schedules it holds are damaged: {exc.what}"
        bad = sorted(k for k, v in cards.items() if not valid_state(v) or state_problem(v))
        sound = {k: v for k, v in cards.items() if k not in bad}
        fixed = {**event, "progress": {**event["progress"], "cards": sound}}
        try:
            from_data(fixed["progress"], where, snapshot=True)
        except Refused:
            return None, f"the schedules it holds are damaged: {exc.what}"
        return fixed, f"the schedules of {', '.join(bad)} were damaged and are left out"
    except ProgressError as exc:
        return None, str(exc)
    return event, ""


def _split(saved: Progress | None, old: _Read, raw: bytes | None) -> tuple[int, str]:
    """Where the saved states go among the kept lines (their offset in the old history; -1:
    nowhere, there are none), and what to say about it."""
    if saved is None or (old.header or {}).get("repaired_from") == saved.log_id:
        return -1, ""  # none saved, or saved before a repair: the history holds all of it
    if raw is None:
        return 0, "the history was missing: a new one starts from the saved schedules"
    log_id = (old.header or {}).get("log_id")
    if log_id is not None and log_id != saved.log_id:
        return 0, (
            "the history belongs to another progress file: a new one starts from the saved "
            "schedules (the other is kept as the backup)"
        )
    at = saved.log_bytes
    if log_id is not None and at <= old.end and (at == 0 or raw[at - 1 : at] == b"\n"):
        return at, ""
    return 0, (
        "the progress file's place in the history (log_bytes) no longer matched it: every "
        "answer was replayed onto its saved schedules"
    )


def _rewrite(
    files: ProgressFiles, saved: Progress | None, old: _Read, split: int, existed: bool
) -> Path | None:
    """Keep the old history as a backup, then put the new one in its place."""
    header = old.header or {}
    before = header.get("log_id") or (saved.log_id if saved else "") or "damaged"
    more = {"repaired_from": before}
    if isinstance(header.get("migrated_from"), str):
        more["migrated_from"] = header["migrated_from"]
    lines = [header_line(new_id(), **more)]
    if saved is not None and split >= 0:  # the saved schedules go in as a snapshot
        foreign = header.get("log_id") not in (None, saved.log_id)
        kept = [] if foreign else old.kept
        at = next((i for i, (offset, _) in enumerate(kept) if offset >= split), len(kept))
        state_line = event_line(snapshot(saved))
        lines += [line + b"\n" for _, line in kept[:at]]
        lines += [state_line, *(line + b"\n" for _, line in kept[at:])]
    else:
        lines += [line + b"\n" for _, line in old.kept]
    backup = files.history_path.with_name(f"{files.history_path.name}.{before}.bak")
    if existed:
        try:
            os.replace(private_link(files.history_path, backup), backup)
        except OSError as exc:
            raise describe_os_error(backup, exc, "keep the old history") from None
    write_lines(files.history_path, lines)
    return backup if existed else None


def _answers(files: ProgressFiles) -> int:
    progress, _ = read_disk(files, None)
    return len(progress.reviews)
