"""The files of a progress on disk, read and written whole: the JSON of states, the history
after it, and the JSON's atomic replacement (see :mod:`.store` for the layout, and for
appending, locking and saving; :mod:`.legacy` for the upgrade from format 1)."""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tiesquiz.errors import ProgressError
from tiesquiz.memory import bulk_loading
from tiesquiz.progress.codec import dumps, from_data, loads, refused
from tiesquiz.progress.files import describe_os_error, fsync_dir, read_at
from tiesquiz.progress.history import (
    DamagedLine,
    events,
    read_header,
    start_of_recent,
    write_history,
)
from tiesquiz.progress.model import Progress


def history_path(path: Path) -> Path:
    stem = path.name[: -len(".json")] if path.name.endswith(".json") else path.name
    return path.with_name(stem + ".history.jsonl")


@dataclass(frozen=True)
class ProgressFiles:
    """Where each file of one progress is."""

    path: Path

    @property
    def history_path(self) -> Path:
        return history_path(self.path)

    @property
    def lock_path(self) -> Path:
        return self.path.with_name(self.path.name + ".lock")

    @property
    def backup_path(self) -> Path:
        return self.path.with_name(self.path.name + ".bak")


@bulk_loading()
def read_disk(
    files: ProgressFiles, since: str | None, *, answers: bool = True, states: bool = True
) -> tuple[Progress, int]:
    """The JSON, and the history replayed after it, as they are on disk now (call with the
    lock held). Returns the progress and the history's length. With ``answers=False`` only
    the states are brought up to date; with ``states=False`` the JSON is not read and
    everything comes from the history. A format 1 JSON raises
    :class:`~tiesquiz.progress.codec.NeedsUpgrade`."""
    where = str(files.path)
    progress: Progress | None = None
    if states:
        try:
            raw = files.path.read_bytes()
        except FileNotFoundError:
            pass
        except OSError as exc:
            raise describe_os_error(files.path, exc, "read the progress file") from None
        else:
            progress = loads(raw, where)
    try:
        fd = os.open(files.history_path, os.O_RDONLY)
    except FileNotFoundError:
        if progress is not None and progress.log_bytes:
            raise history_problem(files, "is missing") from None
        return progress or Progress.empty(), 0
    except OSError as exc:
        raise describe_os_error(files.history_path, exc, "read the history") from None
    try:
        size = os.fstat(fd).st_size
        if size == 0 and not (progress and progress.log_bytes):
            return progress or Progress.empty(), 0
        if progress is not None and size < progress.log_bytes:
            raise history_problem(files, "is shorter than the progress file says it was")
        header = read_header(fd)
        if header is None:
            raise refused(str(files.history_path), "its first line is not a tiesquiz history's")
        if progress is None:
            progress = Progress.empty()
            progress.log_id, progress.log_bytes = header["log_id"], 0
        elif header["log_id"] != progress.log_id:
            raise history_problem(files, "belongs to another progress file (another log_id)")
        start = progress.log_bytes
        if answers:
            start = min(start, start_of_recent(fd, size, since) if since else 0)
        replay(files, progress, read_at(fd, size - start, start), start)
    finally:
        os.close(fd)
    if answers and since:
        progress.reviews = [r for r in progress.reviews if r.time >= since]
    progress.reviews_since = since if answers else ""
    return progress, size


def replay(
    files: ProgressFiles,
    progress: Progress,
    raw: bytes,
    base: int,
    states_from: int | None = None,
) -> None:
    """Apply the events of ``raw`` (the history from offset ``base``): in full from
    ``states_from`` (by default the saved states' ``log_bytes``), for the answers alone before
    it, whose effect on the states is already there."""
    saved = progress.log_bytes if states_from is None else states_from
    try:
        _replay(files, progress, events(raw, base, saved), saved)
    except DamagedLine as damaged:
        with open(files.history_path, "rb") as fh:
            line = fh.read(damaged.offset).count(b"\n") + 1
        raise ProgressError(
            f"{files.history_path}: line {line} is damaged (edited by hand?), so {files.path} "
            "was not read. Both files were left untouched. Put that line right, or delete it "
            "to forget that one answer or change."
        ) from None


def _replay(
    files: ProgressFiles,
    progress: Progress,
    found: Iterator[tuple[int, dict[str, Any]]],
    saved: int,
) -> None:
    for offset, event in found:
        if event["op"] != "snapshot":
            progress.apply(event, states=offset >= saved)
        elif offset >= saved:
            taken = from_data(event["progress"], str(files.history_path), snapshot=True)
            progress.adopt_states(taken)
            progress.repairs += taken.repairs


def history_problem(files: ProgressFiles, what: str) -> ProgressError:
    return ProgressError(
        f"{files.history_path}: this history of answers {what}, so {files.path} cannot be "
        "trusted. Both files were left untouched. Put back the history that goes with it; "
        'or, to keep the schedules without the past answers, set "log_bytes" to 0 in '
        f"{files.path} and move the history away."
    )


def write_json(files: ProgressFiles, progress: Progress) -> None:
    """Atomically replace the JSON, keeping the previous one as the backup."""
    # Temp files are only written with the lock held, so any found now were left by a crash.
    for stale in files.path.parent.glob(f".{files.path.name}.*.tmp"):
        with contextlib.suppress(OSError):
            stale.unlink()
    tmp = files.path.with_name(f".{files.path.name}.{os.getpid()}.tmp")
    data = dumps(progress).encode("utf-8")
    try:
        with open(tmp, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        bak_tmp = files.backup_path.with_name(files.backup_path.name + ".tmp")
        with contextlib.suppress(FileNotFoundError):
            os.unlink(bak_tmp)
        had_file = files.path.exists()
        if had_file:
            try:
                os.link(files.path, bak_tmp)  # no copy: the old file simply gets a second name
            except OSError:
                shutil.copyfile(files.path, bak_tmp)  # a file system without hard links
        os.replace(tmp, files.path)
        # Only now, with the new file safely in place, does the backup move on: a save that
        # fails leaves the previous backup as it was.
        if had_file:
            os.replace(bak_tmp, files.backup_path)
    except OSError as exc:
        for leftover in (tmp, files.backup_path.with_name(files.backup_path.name + ".tmp")):
            with contextlib.suppress(OSError):
                os.unlink(leftover)
        raise describe_os_error(files.path, exc, "save the progress file") from None
    fsync_dir(files.path.parent)


def write_progress(path: Path, progress: Progress) -> None:
    """Write ``progress`` as a new progress file and history at ``path`` (both replaced): its
    states, then its answers. For tools and tests that make a progress in one go."""
    files = ProgressFiles(path)
    progress.log_bytes = write_history(files.history_path, progress)
    write_json(files, progress)
