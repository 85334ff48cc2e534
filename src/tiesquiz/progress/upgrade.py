"""Format 1 to format 2: the answers move out of the JSON into the history, once.

A format 1 file kept every answer inside the JSON (rewritten whole at each session's end) and a
journal beside it for the answers not yet folded in. The upgrade writes the history (those
a snapshot of every card's state, then the answers) to a temp file and renames it into place; only
then is the JSON replaced. A crash in between leaves a history that names the file it came from
(``migrated_from``), which the next start recognises and finishes from.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from tiesquiz.progress.codec import settings_data
from tiesquiz.progress.files import describe_os_error, fsync_dir
from tiesquiz.progress.history import event_line, header_line, write_all
from tiesquiz.progress.model import Progress, new_id
from tiesquiz.progress.validate import valid_event

#: The first line of a format 1 journal.
JOURNAL_HEADER = re.compile(rb'^\s*\{\s*"journal_id"\s*:\s*"([0-9a-f]+)"')


def extends(progress: Progress, header_id: str) -> bool:
    """Whether a format 1 journal with this header holds answers ``progress`` does not: it names
    the file itself, or it is newer than the file (a backup put back). A journal naming the
    folded one was folded already (a crash between writing the file and resetting the journal)."""
    if header_id == progress.journal_id:
        return True
    return bool(progress.folded_journal) and header_id != progress.folded_journal


def journal_events(path: Path, progress: Progress) -> Iterator[dict[str, Any]]:
    """The events of the format 1 journal at ``path`` that ``progress`` does not hold yet."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return
    except OSError as exc:
        raise describe_os_error(path, exc, "read the journal") from None
    lines = raw.split(b"\n")
    header = JOURNAL_HEADER.match(lines[0]) if lines else None
    if header is None or not extends(progress, header.group(1).decode()):
        return  # already folded into the JSON (or empty)
    # The last element is the text after the final newline: a torn write, if anything.
    for line in lines[1:-1]:
        try:
            event = json.loads(line)
        except (json.JSONDecodeError, UnicodeDecodeError):
            continue  # torn by a crash mid-write, then closed by the next append's newline
        if valid_event(event):
            yield event


def snapshot(progress: Progress) -> dict[str, Any]:
    """Every card's state and the settings, as one history event."""
    data = settings_data(progress)
    data["cards"] = progress.cards
    data.update(progress.extra)
    return {"op": "snapshot", "id": new_id(), "progress": data}


def write_history(path: Path, progress: Progress, **header: str) -> int:
    """A new history at ``path`` holding ``progress``: its states, then its answers. Written to a
    temp file, fsync'd and renamed, so it is there whole or not at all. Returns its size."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        try:
            # The states first: the answers after them (with no state of their own) change
            # nothing when replayed, and reading today's answers back from the end never
            # reaches this long line.
            parts = [header_line(progress.log_id, **header), event_line(snapshot(progress))]
            for entry in progress.reviews:
                parts.append(event_line({"op": "review", **entry.to_dict(), "state": None}))
                if len(parts) >= 4096:
                    write_all(fd, b"".join(parts))
                    parts.clear()
            write_all(fd, b"".join(parts))
            os.fsync(fd)
            size = os.fstat(fd).st_size
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise describe_os_error(path, exc, "write the history of answers") from None
    fsync_dir(path.parent)
    return size
