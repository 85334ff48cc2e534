"""A progress folder that several machines share (a Syncthing or Dropbox folder, a git
repository): its files, this machine's id, and its first use (see :mod:`.merging` for the
design, :mod:`.merge` for reading it).

``--state FOLDER`` (or ``TIESQUIZ_STATE``) naming a folder chooses this layout; a file keeps one
machine's layout. In the folder:

- ``progress.DEVICE.history.jsonl``: each machine's own history, appended by it alone, with the
  same guarantees as one machine's (fsync'd per answer, locked, cut back on a full disk).
  Its first line names the machine (``device``, and the host's ``name`` for ``tiesquiz sync``).
- ``progress.DEVICE.json``, ``.json.lock``, ``.json.bak``: that machine's cache of the states
  (what the merged histories come to, and the ``merged`` record of which bytes of which
  histories it holds), its lock and its backup. Named per machine, so never written by two.
- ``.gitignore``, written once with the same text on every machine: git shares only the
  histories.

``DEVICE`` is 16 hex digits made once per machine and kept in its local data folder
(``device-id``; ``TIESQUIZ_DATA`` names another folder), never in the shared one: a copy of the
folder on another machine is another machine.

**First use** on a machine (no history of its own in the folder yet): the existing history
becomes this machine's, every answer kept: one machine's file in the folder
(``progress.json`` and ``progress.history.jsonl``, format 1 upgraded first) and this machine's
own file in its local data folder, when there are any, go into its new history in time order,
each answer once. The folder's old pair is then kept as ``progress.history.jsonl.LOGID.bak`` and
``progress.json.LOGID.bak``; the local one is left as it was. A first use cut short (kill -9)
is finished at the next start: the new history is written whole or not at all, and until the
old pair is renamed it is read as one more history (each answer once).
"""

from __future__ import annotations

import contextlib
import heapq
import os
import re
import socket
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from tiesquiz.errors import ProgressError
from tiesquiz.progress.codec import NeedsUpgrade
from tiesquiz.progress.codec import remembered_decks as remembered_in
from tiesquiz.progress.disk import ProgressFiles, read_disk
from tiesquiz.progress.files import (
    NotRegular,
    describe_os_error,
    locked,
    open_regular,
    private_temp,
    read_at,
    read_regular,
)
from tiesquiz.progress.history import event_line, header_line, header_of, write_all, write_lines
from tiesquiz.progress.legacy import upgrade
from tiesquiz.progress.merging import Merging, Reschedule, mark
from tiesquiz.progress.model import Progress, new_id
from tiesquiz.progress.sources import (
    LEGACY,
    STEM,
    Source,
    find_sources,
    history_name,
    lenient,
)

DEVICE_FILE = "device-id"
_DEVICE = re.compile(r"[0-9a-f]{16}")
GITIGNORE = (
    "# Written by tiesquiz: only the histories of answers are shared. Each machine's cache of\n"
    "# the states, its lock and its backups stay on it (README: Studying on two machines).\n"
    "*\n"
    "!.gitignore\n"
    f"!{STEM}.*.history.jsonl\n"
)


def _utc_now() -> datetime:
    return datetime.now(timezone.utc)


@dataclass(frozen=True)
class Machine:
    """This machine, as a progress folder needs it: its local data folder (where its device id
    is kept), how an answer folded onto another machine's is scheduled again, and its clock
    (when a change other than an answer was made)."""

    data_dir: Path
    reschedule: Reschedule
    now: Callable[[], datetime] = field(default=_utc_now)


def device_id(data_dir: Path, *, create: bool = True) -> str | None:
    """This machine's id, kept in ``data_dir/device-id``; made (0600, through an ``O_EXCL``
    temp file linked into place, so two processes agree on one) when there is none yet. None
    when there is none and ``create`` is false."""
    path = data_dir / DEVICE_FILE
    try:
        text = read_regular(path).decode("ascii", "replace").strip()
    except FileNotFoundError:
        if not create:
            return None
        _make_device_id(path)
        return device_id(data_dir, create=False)
    except OSError as exc:
        raise describe_os_error(path, exc, "read this machine's id") from None
    if not _DEVICE.fullmatch(text):
        raise ProgressError(
            f"{path}: this machine's id must be 16 lowercase hex digits, the DEVICE in its "
            "history's name (progress.DEVICE.history.jsonl) in the progress folder. Write that "
            "name's digits back into it, or delete it to start as a new machine (no answer is "
            "lost: the old history is read as another machine's)."
        )
    return text


def _make_device_id(path: Path) -> None:
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd, tmp = private_temp(path)
        try:
            write_all(fd, (new_id() + "\n").encode())
            os.fsync(fd)
        finally:
            os.close(fd)
        try:
            os.link(tmp, path)  # never over another process's id
        except FileExistsError:
            pass
        finally:
            os.unlink(tmp)
    except OSError as exc:
        raise describe_os_error(path, exc, "keep this machine's id") from None


@dataclass(frozen=True)
class Folder:
    """A progress folder, seen from this machine."""

    path: Path
    device: str
    machine: Machine

    @classmethod
    def at(cls, path: Path, machine: Machine) -> Folder:
        device = device_id(machine.data_dir)
        assert device is not None
        return cls(path, device, machine)

    @property
    def own_path(self) -> Path:
        """This machine's cache of the states; its history, lock and backup are named from it."""
        return self.path / f"{STEM}.{self.device}.json"

    @property
    def own_history(self) -> Path:
        return self.path / history_name(self.device)

    def merging(self) -> Merging:
        return Merging(self.device, self.machine.reschedule)

    def sources(self) -> list[Source]:
        return find_sources(self.path, self.device)

    def header(self, log_id: str, **more: str) -> bytes:
        """The first line of this machine's history."""
        return header_line(log_id, device=self.device, name=socket.gethostname()[:64], **more)

    def prepare(self) -> str:
        """First use: the .gitignore, and the existing history made this machine's. Returns
        what to tell the student ("" when nothing was done)."""
        _write_once(self.path / ".gitignore", GITIGNORE)
        places = [self.path, self.machine.data_dir]
        if self.own_history.exists():
            places = [self.path] if (self.path / LEGACY).exists() else []
        if not any((p / f"{STEM}.json").exists() or (p / LEGACY).exists() for p in places):
            return ""  # nothing to take over or finish (and a read-only folder stays readable)
        with _exclusive(ProgressFiles(self.own_path)):
            if self.own_history.exists():
                self._finish()
                return ""
            olds = self._old_histories()
            if not olds:
                return ""
            taken = ",".join(i for _, raw in olds if (i := _header_id(raw)))
            lines = [self.header(new_id(), migrated_from=taken)]
            lines += _in_time_order([raw for _, raw in olds], [])
            write_lines(self.own_history, lines)
            self._finish()
        named = " and ".join(str(path) for path, _ in olds)
        return (
            f"{named}: its answers are now this machine's history in the shared folder, "
            f"{self.own_history} (each answer once); the old files are kept as they were or "
            "as .bak files."
        )

    def _old_histories(self) -> list[tuple[Path, bytes]]:
        """One machine's progress in the folder, and this machine's in its local data folder:
        each upgraded from format 1 if need be, checked (a damaged one is refused as it always
        was), and read. One that git left with conflict markers (the file was changed on two
        machines and merged) is read as its two sides, each line once."""
        found: list[tuple[Path, bytes]] = []
        for place in (self.path, self.machine.data_dir):
            files = ProgressFiles(place / f"{STEM}.json")
            if not (files.path.exists() or files.history_path.exists()):
                continue
            if any(_same(files.history_path, seen) for seen, _ in found):
                continue
            with _exclusive(files):
                if not (_conflicted(files.path) or _conflicted(files.history_path)):
                    try:  # every line checked, as one machine's file always was
                        read_disk(files, None)
                    except NeedsUpgrade:
                        upgrade(files)
                        read_disk(files, None)
                with contextlib.suppress(FileNotFoundError):
                    found.append((files.history_path, read_regular(files.history_path)))
        return found

    def _finish(self) -> None:
        """Keep the folder's old pair as backups once this machine's history holds it."""
        legacy = self.path / LEGACY
        taken = _header_id(_first_line(legacy))
        header = header_of(_first_line(self.own_history)) or {}
        if not taken or taken not in str(header.get("migrated_from", "")).split(","):
            return
        for old in (legacy, self.path / f"{STEM}.json"):
            with contextlib.suppress(FileNotFoundError):
                os.replace(old, old.with_name(f"{old.name}.{taken}.bak"))


def _first_line(path: Path) -> bytes:
    """The first line of a file (b"" when it cannot be read)."""
    try:
        fd = open_regular(path)
    except (OSError, NotRegular):
        return b""
    try:
        return read_at(fd, 4096, 0).split(b"\n", 1)[0]
    finally:
        os.close(fd)


def _header_id(raw: bytes) -> str:
    header = header_of(raw.split(b"\n", 1)[0])
    return str(header.get("log_id", "")) if header else ""


def _same(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def _conflicted(path: Path) -> bool:
    """Whether git left conflict markers in this file."""
    try:
        raw = read_regular(path)
    except (OSError, ProgressError):
        return False
    return raw.startswith(b"<<<<<<< ") or b"\n<<<<<<< " in raw


def _in_time_order(raws: list[bytes], notes: list[str]) -> list[bytes]:
    """The events of several histories (headers and conflict markers left out) merged in time
    order, each once: a k-way merge that keeps each history's own order."""
    streams = [lenient(raw, "", notes, index=i) for i, raw in enumerate(raws)]
    seen: set[str] = set()
    out: list[bytes] = []
    for *_, event in heapq.merge(*streams):
        ident = str(event.get("id") or event_line(event))
        if ident not in seen:
            seen.add(ident)
            out.append(event_line(event))
    return out


def _write_once(path: Path, text: str) -> None:
    """A file with ``text``, unless one is there (written whole, under an unplanted name)."""
    if path.exists() or path.is_symlink():
        return
    with contextlib.suppress(OSError, ProgressError):
        write_lines(path, [text.encode()])


def _exclusive(files: ProgressFiles) -> contextlib.AbstractContextManager[None]:
    """The exclusive lock of one machine's files (a folder that cannot take it is an error)."""
    return locked(files.lock_path, True, lambda: None)


def shared_folder(path: Path, machine: Machine | None) -> tuple[Folder | None, str]:
    """The progress folder ``path`` names, ready for this machine, and what its first use did
    (""); None when ``path`` is not a folder (one machine's file)."""
    if not path.is_dir():
        return None, ""
    if machine is None:
        raise ProgressError(
            f"{path}: this is a folder, a progress that several machines share; it is opened "
            "for a machine (ProgressStore.open(path, machine=Machine(...))), or name a file"
        )
    folder = Folder.at(path, machine)
    return folder, folder.prepare()


def stamp(event: dict[str, Any], progress: Progress, folder: Folder) -> None:
    """What a folder's store writes into an event beside what one machine's writes: for an
    answer, the schedule it was given from and the one it leaves (``from``, ``to``); for any
    other event, when it was made (``at``). The event is then placed after what was folded (:meth:`Merging.own_event`)."""
    if event.get("op") == "review":
        event["from"] = mark(progress.cards.get(event["card"]))
        event["to"] = mark(event.get("state"))
    else:
        at = folder.machine.now().astimezone(timezone.utc)
        event["at"] = at.isoformat(timespec="microseconds")
    if progress.merging is not None:
        progress.merging.own_event(event)


def state_file(path: Path, data_dir: Path | None) -> Path:
    """Where this machine's states are: ``path`` itself, or in a progress folder this machine's
    cache (the folder itself when this machine has no id yet, and so nothing there)."""
    if data_dir is None or not path.is_dir():
        return path
    device = device_id(data_dir, create=False)
    return path / f"{STEM}.{device}.json" if device else path


def remembered_decks(path: Path, data_dir: Path | None = None) -> dict[str, str]:
    """The deck files this machine studied before (deck id -> path), read from its progress
    file without loading the rest: in a folder, its own cache's (deck locations are each
    machine's own)."""
    return remembered_in(state_file(path, data_dir))
