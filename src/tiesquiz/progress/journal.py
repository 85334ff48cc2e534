"""The journal beside the progress file: one JSON event a line after a header naming the file it
extends. Reading it, and deciding whether its answers are already in the file."""

from __future__ import annotations

import errno
import json
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from tiesquiz.progress.codec import valid_event
from tiesquiz.progress.files import describe_os_error
from tiesquiz.progress.model import Progress

HEADER = re.compile(rb'^\s*\{\s*"journal_id"\s*:\s*"([0-9a-f]+)"')


def write_all(fd: int, data: bytes) -> None:
    """``os.write`` until all is written; a write that makes no progress is a full disk."""
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        if written <= 0:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        view = view[written:]


def extends(progress: Progress, header_id: str) -> bool:
    """Whether a journal with this header holds answers ``progress`` does not: it names the file
    itself, or it is newer than the file (neither the file nor the journal folded into it: the
    file is a backup put back). A journal naming the folded one was folded already (a crash
    between writing the file and resetting the journal)."""
    if header_id == progress.journal_id:
        return True
    return bool(progress.folded_journal) and header_id != progress.folded_journal


def journal_events(path: Path, progress: Progress) -> Iterator[dict[str, Any]]:
    """The events of the journal at ``path`` that ``progress`` does not hold yet."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return
    except OSError as exc:
        raise describe_os_error(path, exc, "read the journal") from None
    lines = raw.split(b"\n")
    header = HEADER.match(lines[0]) if lines else None
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
