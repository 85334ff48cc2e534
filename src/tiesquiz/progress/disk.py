"""The files of a progress on disk, read and written whole: the JSON of states, the history
after it, and the JSON's atomic replacement (see :mod:`.store` for the layout, and for
appending, locking and saving; :mod:`.legacy` for the upgrade from format 1)."""

from __future__ import annotations

import contextlib
import os
import shlex
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tiesquiz.errors import ProgressError
from tiesquiz.memory import bulk_loading
from tiesquiz.progress.codec import checksum_of, dumps, from_data, loads
from tiesquiz.progress.files import (
    NotRegular,
    describe_os_error,
    fsync_dir,
    not_regular,
    open_regular,
    private_link,
    private_temp,
    read_at,
    read_mark,
    read_regular,
    write_mark,
)
from tiesquiz.progress.history import (
    DamagedLine,
    events,
    read_header,
    start_of_recent,
    write_history,
)
from tiesquiz.progress.merging import Merging
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
    files: ProgressFiles,
    since: str | None,
    *,
    answers: bool = True,
    states: bool = True,
    merging: Merging | None = None,
) -> tuple[Progress, int]:
    """The JSON, and the history replayed after it, as they are on disk now (call with the
    lock held). Returns the progress and the history's length. With ``answers=False`` only
    the states are brought up to date; with ``states=False`` the JSON is not read and
    everything comes from the history. A format 1 JSON raises
    :class:`~tiesquiz.progress.codec.NeedsUpgrade`. With ``merging`` (a progress folder's
    cache), the cache's record of what it holds is taken back and this machine's new lines
    are placed after it (:meth:`Merging.own_event`)."""
    progress: Progress | None = None
    if states:
        try:
            raw = read_regular(files.path)
        except FileNotFoundError:
            pass
        except OSError as exc:
            raise describe_os_error(files.path, exc, "read the progress file") from None
        else:
            progress = loads(raw, str(files.path), written_here=read_mark(files.lock_path))
            if merging is not None:  # a folder's cache: what it holds of the other histories
                progress.merging = merging
                merging.restore(progress.merged)
    try:
        fd = open_regular(files.history_path)
    except FileNotFoundError:
        if progress is not None and progress.log_bytes:
            raise history_problem(files, "is missing") from None
        return progress or Progress.empty(), 0
    except NotRegular:
        raise not_regular(files.history_path) from None
    except OSError as exc:
        raise describe_os_error(files.history_path, exc, "read the history") from None
    try:
        size = os.fstat(fd).st_size
        if size == 0 and not (progress and progress.log_bytes):
            return progress or Progress.empty(), 0
        progress = _matched(files, fd, size, progress)
        if merging is not None and progress.merging is None:
            progress.merging = merging  # the cache was set aside: it holds nothing now
            merging.restored = False
        start = progress.log_bytes
        if answers:
            start = min(start, start_of_recent(fd, size, since) if since else 0)
        raw = read_at(fd, size - start, start)
        # Up to the last newline: a torn last line is no part of the history (and is cut off
        # by the next append), so the saved states never count its bytes.
        size = start + raw.rfind(b"\n") + 1
        replay(files, progress, raw[: size - start], start)
    finally:
        os.close(fd)
    if answers and since:
        progress.reviews = [r for r in progress.reviews if r.time >= since]
    progress.reviews_since = since if answers else ""
    return progress, size


def _matched(files: ProgressFiles, fd: int, size: int, progress: Progress | None) -> Progress:
    """The progress to replay the history onto: the saved one when it belongs to this history
    and its place in it is sound, else an empty one when there is none (or the history was
    rewritten by ``tiesquiz repair`` since it was saved, and holds all of it)."""
    header = read_header(fd)
    if header is None and progress is not None and size < progress.log_bytes:
        raise history_problem(files, "is shorter than the progress file says it was")
    if header is None:
        raise history_problem(files, "does not start with a tiesquiz history's first line")
    if progress is not None and header["log_id"] != progress.log_id:
        if header.get("repaired_from") != progress.log_id:
            raise history_problem(files, "belongs to another progress file (another log_id)")
        progress = Progress.empty()
        progress.repairs.append(
            f"{files.path} was saved before `tiesquiz repair` rewrote the history; "
            "the schedules were recomputed from the history, which holds all of it"
        )
    elif progress is not None and progress.log_bytes:
        at = progress.log_bytes
        problem = (
            "is shorter than the progress file says it was"
            if size < at
            else "no longer has a line ending where the progress file says its saved part "
            "ends (a line before it was changed or deleted)"
            if read_at(fd, 1, at - 1) != b"\n"
            else ""
        )
        if problem:
            # Changed by hand, most likely: a damaged line, if there is one, is what to name.
            replay(files, Progress.empty(), read_at(fd, size, 0), 0)
            raise history_problem(files, problem)
    if progress is None or header["log_id"] != progress.log_id:
        progress = progress or Progress.empty()
        progress.log_id, progress.log_bytes = header["log_id"], 0
    return progress


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
        raise damaged_line(files, raw, base, damaged) from None


def damaged_line(
    files: ProgressFiles, raw: bytes, base: int, damaged: DamagedLine
) -> ProgressError:
    """The refusal of a history with a damaged line, naming the line (``raw`` was read from
    offset ``base``)."""
    line = raw.count(b"\n", 0, damaged.offset - base) + _lines_before(files, base)
    return ProgressError(
        f"{files.history_path}: line {line} is damaged: {damaged.why}. So {files.path} was "
        f"not read; both files were left untouched. {repair_advice(files)}"
    )


def _lines_before(files: ProgressFiles, offset: int) -> int:
    """The number of the line starting at ``offset`` of the history, minus those in between."""
    if offset == 0:
        return 1
    fd = open_regular(files.history_path)
    try:
        return read_at(fd, offset, 0).count(b"\n") + 1
    finally:
        os.close(fd)


def repair_advice(files: ProgressFiles) -> str:
    """What every refusal of the history says to do: never a hand edit, which would shift the
    byte offsets the progress file counts."""
    return (
        f"To put it right, run: tiesquiz --state {shlex.quote(str(files.path))} repair "
        "(it writes the history again without what it cannot use, names each line it drops or "
        "fixes, keeps the old history as a backup and recomputes the schedules). Do not delete "
        "or edit lines by hand: the progress file counts the history's bytes."
    )


def _replay(
    files: ProgressFiles,
    progress: Progress,
    found: Iterator[tuple[int, dict[str, Any]]],
    saved: int,
) -> None:
    merging = progress.merging
    for offset, event in found:
        if merging is not None and offset >= saved:
            merging.own_event(event)
        if event["op"] != "snapshot":
            progress.apply(event, states=offset >= saved)
        elif offset >= saved:
            taken = snapshot_of(event, str(files.history_path), offset)
            take_snapshot(progress, taken)
            progress.repairs += taken.repairs


def take_snapshot(progress: Progress, taken: Progress, *, own: bool = True) -> None:
    """A snapshot of the states in a history: adopted whole from one machine's file; in a
    folder, its settings are adopted, each card keeps the state of its newest answer, and
    another machine's deck paths are not taken."""
    if progress.merging is None:
        progress.adopt_states(taken)
        return
    cards, paths = progress.cards, progress.deck_paths
    progress.adopt_states(taken)
    progress.cards = cards
    for key, state in taken.cards.items():
        current = cards.get(key)  # the newest answer's, as Progress merges
        if current is None or (state["last_review"] or "") >= (current["last_review"] or ""):
            cards[key] = state
    progress.deck_paths = {**paths, **taken.deck_paths} if own else paths


def snapshot_of(event: dict[str, Any], where: str, offset: int) -> Progress:
    """The states a snapshot event holds; :class:`DamagedLine` when they are not sound."""
    try:
        return from_data(event["progress"], where, snapshot=True)
    except ProgressError as exc:
        why = getattr(exc, "what", "it holds schedules this tiesquiz cannot read")
        raise DamagedLine(offset, f"the schedules it holds are damaged: {why}") from None


def history_problem(files: ProgressFiles, what: str) -> ProgressError:
    return ProgressError(
        f"{files.history_path}: this history of answers {what}, so {files.path} cannot be "
        "trusted. Both files were left untouched. Put back the history that goes with it, if "
        f"you have it. {repair_advice(files)}"
    )


def write_json(files: ProgressFiles, progress: Progress) -> None:
    """Atomically replace the JSON, keeping the previous one as the backup. The new file and
    the backup's second name are made under names nobody could have planted (0600, O_EXCL)."""
    # Temp files are only written with the lock held, so any found now were left by a crash.
    for stale in files.path.parent.glob(f".{files.path.name}.*.tmp"):
        with contextlib.suppress(OSError):
            stale.unlink()
    data = dumps(progress).encode("utf-8")
    made: list[Path] = []
    try:
        fd, tmp = private_temp(files.path)
        made.append(tmp)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        had_file = files.path.exists()
        if had_file:  # no copy: the old file simply gets a second name
            made.append(private_link(files.path, files.backup_path))
        os.replace(tmp, files.path)
        # Only now, with the new file safely in place, does the backup move on: a save that
        # fails leaves the previous backup as it was.
        if had_file:
            os.replace(made[-1], files.backup_path)
    except OSError as exc:
        for leftover in made:
            with contextlib.suppress(OSError):
                os.unlink(leftover)
        raise describe_os_error(files.path, exc, "save the progress file") from None
    fsync_dir(files.path.parent)
    write_mark(files.lock_path, checksum_of(data))


def write_progress(path: Path, progress: Progress) -> None:
    """Write ``progress`` as a new progress file and history at ``path`` (both replaced): its
    states, then its answers. For tools and tests that make a progress in one go."""
    files = ProgressFiles(path)
    progress.log_bytes = write_history(files.history_path, progress)
    write_json(files, progress)
