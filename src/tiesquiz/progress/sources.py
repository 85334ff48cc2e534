"""The histories in a progress folder, found and read: each machine's own, and every copy a sync
tool or git made of one (see :mod:`.merging` for the design).

A machine's history is ``progress.DEVICE.history.jsonl``; one machine's file from before the
folder is ``progress.history.jsonl`` until a machine takes it over (:mod:`.shared`). Any other
file whose name starts with ``progress`` and holds ``history`` is a copy of one, read and merged
too: Syncthing's ``progress.D.history.sync-conflict-20261204-101010-ABC.jsonl``, Dropbox's and
Nextcloud's ``progress.D.history (conflicted copy 2026-12-04).jsonl``, git's ``*.orig`` and a
mergetool's ``_BASE_``/``_LOCAL_``/``_REMOTE_``/``_BACKUP_`` sides. Backups (``.bak``), temp files
(hidden, ``.tmp``) and the caches (``.json``) are not histories.

This machine's history is read strictly, as one machine's always was: a damaged line refuses it,
with the line. Any other is read leniently: its owner is another machine, and a sync tool may be
writing it. A line cut short at its end is not read yet, a git conflict marker or a second
header (a merge of two files) is passed over, and a damaged line is left out and named once in
what the command says.

Each history is given to the merge as a stream in the merged order's key: (time, device,
source, sequence), where time is the event's own raised to the latest before it in the file.
"""

from __future__ import annotations

import os
import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

from tiesquiz.errors import ProgressError
from tiesquiz.progress.files import NotRegular, open_regular, read_at, read_regular
from tiesquiz.progress.history import HEADER, header_of, torn_tail, unreadable
from tiesquiz.progress.merging import event_time
from tiesquiz.progress.validate import event_problem

STEM = "progress"
#: One machine's file from before the folder, until a machine takes it over.
LEGACY = f"{STEM}.history.jsonl"
_DEVICE = re.compile(rf"{STEM}\.([0-9a-f]{{16}})\.history")
_NOT_HISTORY = (".bak", ".tmp", ".lock", ".json")
#: git's conflict markers, left in a file when both sides changed it.
MARKERS = (b"<<<<<<< ", b"<<<<<<<\n", b"=======", b">>>>>>> ", b"||||||| ")
#: How much of a history's end its record checks (with its log_id and length).
_TAIL = 256

#: One event in the merged order: (time, device, source, sequence, the event).
Keyed = tuple[str, str, int, int, dict[str, Any]]


def history_name(device: str) -> str:
    return f"{STEM}.{device}.history.jsonl"


@dataclass(frozen=True)
class Source:
    """One history in the folder."""

    path: Path
    #: The machine that wrote it ("" for one machine's file from before the folder).
    device: str
    #: This machine's own history (the one it appends to).
    own: bool
    #: A copy that a sync tool or git made, not a machine's history itself.
    copy: bool


def find_sources(folder: Path, device: str) -> list[Source]:
    """Every history in ``folder``, in name order (the same on every machine)."""
    found: list[Source] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return found
    for entry in entries:
        name = entry.name
        if name.startswith(".") or not name.startswith(STEM) or "history" not in name:
            continue
        if name.endswith(_NOT_HISTORY) or not _is_file(entry):
            continue
        match = _DEVICE.match(name)
        owner = match[1] if match else ""
        canonical = name == (history_name(owner) if match else LEGACY)
        found.append(Source(Path(entry.path), owner, canonical and owner == device, not canonical))
    return sorted(found, key=lambda s: s.path.name)


def _is_file(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_file()
    except OSError:
        return False


def probe(path: Path) -> list[Any] | None:
    """What the record keeps of a history now: [its log_id, the bytes of its whole lines, a
    checksum of their last bytes]; None when it cannot be read."""
    try:
        fd = open_regular(path)
    except (OSError, NotRegular):
        return None
    try:
        size = os.fstat(fd).st_size
        whole = size - torn_tail(fd, size) if size else 0
        low = max(0, whole - _TAIL)
        return [_log_id(read_at(fd, 4096, 0)), whole, _tail(read_at(fd, whole - low, low))]
    finally:
        os.close(fd)


def record_of(raw: bytes) -> list[Any]:
    """:func:`probe`'s answer for a history already read whole."""
    whole = raw.rfind(b"\n") + 1
    return [_log_id(raw[:4096]), whole, _tail(raw[max(0, whole - _TAIL) : whole])]


def _log_id(start: bytes) -> str:
    header = header_of(start.split(b"\n", 1)[0])
    return str(header.get("log_id", "")) if header else ""


def _tail(data: bytes) -> int:
    return zlib.crc32(data)


def unchanged(recorded: dict[str, list[Any]], sources: list[Source]) -> bool:
    """Whether the other histories are those the record holds, byte for byte (a new one, a
    longer one, a rewritten one or one gone is a change)."""
    others = [s for s in sources if not s.own]
    if {s.path.name for s in others} != set(recorded):
        return False
    return all(probe(s.path) == recorded[s.path.name] for s in others)


def read_source(source: Source, notes: list[str]) -> bytes | None:
    """Another history's bytes; None (said in ``notes``) when it cannot be read."""
    try:
        return read_regular(source.path)
    except FileNotFoundError:
        return None  # gone since the folder was listed (a sync tool renamed it)
    except (OSError, ProgressError) as exc:
        notes.append(f"{source.path}: cannot be read ({exc}); its answers were left out for now")
        return None


def lenient(
    raw: bytes, where: str, notes: list[str], base: int = 0, *, device: str = "", index: int = 0
) -> Iterator[Keyed]:
    """Each sound event of another machine's history (``raw`` read from offset ``base``), in
    the merged order's key (:func:`keyed`; ``device`` and ``index`` name the history):
    conflict markers and headers passed over, the torn end not read yet, a damaged line left
    out and named in ``notes``. (As quick as reading one's own: a line is only looked at
    again when it is not a sound event.)"""
    end = raw.rfind(b"\n") + 1
    start, number, seq, running = 0, 0, 0, ""
    loads = orjson.loads
    while start < end:
        stop = raw.index(b"\n", start)
        line = raw[start:stop]
        start, number = stop + 1, number + 1
        try:
            event = loads(line)
        except orjson.JSONDecodeError as exc:
            why = "" if not line.strip() or line.startswith(MARKERS) else unreadable(exc)
        else:
            why = event_problem(event)
            if not why:
                at = event.get("at")
                time = at if type(at) is str else event["time"] if event["op"] == "review" else ""
                if time > running:
                    running = time
                yield running, device, index, seq, event
                seq += 1
                continue
            if HEADER.match(line):
                why = ""  # a second header: two files merged into one
        if why:
            place = (
                f"line {number}"
                if base == 0
                else f"the line at byte {base + start - len(line) - 1}"
            )
            notes.append(
                f"{where}: {place} was left out: {why}. It is another machine's history "
                "(or a copy of one): run tiesquiz repair on the machine that writes it"
            )


def keyed(found: Iterator[dict[str, Any]], device: str, index: int) -> Iterator[Keyed]:
    """Events in the merged order's key: their time raised to the latest before them here."""
    running = ""
    for seq, event in enumerate(found):
        time = event_time(event)
        if time > running:
            running = time
        yield running, device, index, seq, event
