"""The history beside the progress file: every answer and change, one JSON object a line.

It is only ever appended to (fsync'd per answer), never rewritten, so recording an answer and
ending a session cost the same whatever its length. Its first line names its ``log_id``; the
progress file names the same id and how many of its bytes the saved states already hold.

Reading it: the whole (``stats``, ``reset``), or only its end, back to a given time (``due`` and
``study`` need today's answers, not a year's). Only the last line can be torn by a crash (the
next append cuts it off first); any other line that cannot be read, or holds an event that is
not sound, raises :class:`DamagedLine`. Writing a new one whole (:func:`write_history`): a
progress made in one go, the upgrade from format 1, ``tiesquiz repair``.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import orjson

from tiesquiz.progress.codec import safe_json, settings_data
from tiesquiz.progress.files import describe_os_error, fsync_dir, private_temp, read_at
from tiesquiz.progress.model import Progress, new_id
from tiesquiz.progress.validate import event_problem

HEADER = re.compile(rb'^\s*\{\s*"log_id"\s*:\s*"([0-9a-f]{16})"')
#: A review's time, as written (compact, by orjson) or by hand (with spaces). Inside a JSON
#: string a quote is escaped, so this only ever finds the key itself.
_TIME = re.compile(rb'"time"\s*:\s*"(\d{4}-[^"]{10,40})"')
#: How much of the end is read at a time when looking for today's answers.
CHUNK = 1 << 18
#: How far out of time order an answer may be appended and still be found.
SLACK = timedelta(days=1)


def header_line(log_id: str, **more: str) -> bytes:
    return orjson.dumps({"log_id": log_id, **more}) + b"\n"


def header_of(first: bytes) -> dict[str, Any] | None:
    """The history header in a first line, or None when it is not one."""
    if HEADER.match(first) is None:
        return None
    try:
        header = orjson.loads(first)
    except orjson.JSONDecodeError:
        return None
    return header if isinstance(header, dict) else None


def read_header(fd: int) -> dict[str, Any] | None:
    """The first line as an object, or None when it is not a history header."""
    return header_of(read_at(fd, 4096, 0).split(b"\n", 1)[0])


def event_line(event: dict[str, Any]) -> bytes:
    """One line of the history. Text that UTF-8 cannot hold (a lone surrogate, from a path that
    is not UTF-8 or a hand-edited file) is written as U+FFFD, so the line can be read back."""
    try:
        return orjson.dumps(event) + b"\n"
    except TypeError:
        return orjson.dumps(safe_json(event)) + b"\n"


def torn_tail(fd: int, size: int) -> int:
    """How many bytes at the end of the history follow its last newline: a line a crash cut
    short (nothing when the history ends with a newline)."""
    back = 4096
    while True:
        start = max(0, size - back)
        cut = read_at(fd, size - start, start).rfind(b"\n")
        if cut >= 0:
            return size - start - cut - 1
        if start == 0:
            return size
        back *= 4


def write_all(fd: int, data: bytes) -> None:
    """``os.write`` until all is written; a write that makes no progress is a full disk."""
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        if written <= 0:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        view = view[written:]


class DamagedLine(Exception):
    """A whole line (not the last, torn one) that is not JSON, or not a sound event this
    version knows: edited by hand or damaged on disk. It is refused, never guessed at."""

    def __init__(self, offset: int, why: str) -> None:
        super().__init__(offset, why)
        self.offset = offset
        self.why = why


def unreadable(exc: Exception) -> str:
    """Why a line is not JSON, in words (NaN, 1e400, a lone surrogate, invalid UTF-8, nesting
    too deep: orjson refuses them all)."""
    return f"it is not JSON that can be read ({str(exc).split(': line')[0]})"


_SNAPSHOT = b'{"op":"snapshot"'


def events(raw: bytes, base: int, states_from: int = 0) -> Iterator[tuple[int, dict[str, Any]]]:
    """Each whole event in ``raw`` (read from offset ``base``) with its offset.

    The text after the last newline is a write in progress or torn by a crash: not an event yet.
    Every other line must be a sound event: one that is not JSON (torn, edited, damaged) or
    does not validate raises :class:`DamagedLine`. A snapshot of the states before
    ``states_from`` (whose states are already known) is passed over unread: it is one long line.
    """
    loads = orjson.loads
    start = raw.find(b"\n") + 1 if base == 0 else 0  # the first line is the header
    end = raw.rfind(b"\n") + 1
    while start < end:
        stop = raw.index(b"\n", start)
        if base + start < states_from and raw.startswith(_SNAPSHOT, start):
            pass
        elif stop > start:
            try:
                event = loads(raw[start:stop])
            except orjson.JSONDecodeError as exc:
                raise DamagedLine(base + start, unreadable(exc)) from None
            problem = event_problem(event)
            if problem:
                raise DamagedLine(base + start, problem)
            yield base + start, event
        start = stop + 1


def start_of_recent(fd: int, size: int, since: str) -> int:
    """An offset (at a line's start) from which the history holds every answer from ``since``.

    Read backwards a chunk at a time, up to the last answer more than a day older than
    ``since``. Answers are appended in time order; one out of order by less than a day (a
    clock set back, two terminals) is still found, and the day's margin is filtered out later.
    """
    cutoff = (datetime.fromisoformat(since) - SLACK).isoformat(timespec="microseconds").encode()
    pos = size
    chunk = CHUNK
    while pos > 0:
        start = max(0, pos - chunk)
        data = read_at(fd, pos - start, start)
        if start > 0:
            # The newline that ends the chunk's last line does not count: it would leave nothing.
            cut = data.find(b"\n", 0, len(data) - 1)
            if cut < 0:  # one line longer than the chunk (an upgrade's snapshot): read more
                chunk *= 2
                continue
            start, data = start + cut + 1, data[cut + 1 :]
        older = [m.end() for m in _TIME.finditer(data) if m[1] < cutoff]
        if older:
            line_end = data.find(b"\n", older[-1])  # none: a last line torn by a crash
            return start + (line_end + 1 if line_end >= 0 else len(data))
        pos = start
        chunk = CHUNK
    return 0


def snapshot(progress: Progress) -> dict[str, Any]:
    """Every card's state and the settings, as one history event."""
    data = settings_data(progress)
    data["cards"] = progress.cards
    data.update(progress.extra)
    return {"op": "snapshot", "id": new_id(), "progress": data}


def write_history(
    path: Path, progress: Progress, *, after: list[bytes] | None = None, **header: str
) -> int:
    """A new history at ``path`` holding ``progress``: its states, then its answers, then the
    lines ``after``. Written to a new temp file (0600, a name nobody planted), fsync'd and
    renamed, so it is there whole or not at all. Returns its size."""
    # The states first: the answers after them (with no state of their own) change nothing
    # when replayed, and reading today's answers back from the end never reaches this long line.
    parts = [header_line(progress.log_id, **header), event_line(snapshot(progress))]
    parts += (event_line(entry.event(None)) for entry in progress.reviews)
    return write_lines(path, [*parts, *(after or [])])


def write_lines(path: Path, lines: list[bytes]) -> int:
    """A new file at ``path`` holding ``lines``, whole or not at all; returns its size."""
    try:
        fd, tmp = private_temp(path)
        try:
            try:
                for at in range(0, len(lines), 4096):
                    write_all(fd, b"".join(lines[at : at + 4096]))
                os.fsync(fd)
                size = os.fstat(fd).st_size
            finally:
                os.close(fd)
            os.replace(tmp, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
    except OSError as exc:
        raise describe_os_error(path, exc, "write the history of answers") from None
    fsync_dir(path.parent)
    return size
