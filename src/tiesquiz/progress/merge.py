"""Reading a progress folder: this machine's cache when nothing else changed, else every history
folded again in the merged order (the design is :mod:`.merging`'s, the files :mod:`.shared`'s).

- :func:`read_shared` is :func:`~tiesquiz.progress.disk.read_disk` for a folder. Its quick way
  costs what one machine's file costs, plus a look at the other histories' length, first line
  and last bytes: the cache is read and this machine's new lines replayed after it, when the
  cache's record shows the other histories are as it folded them and the new lines sort after
  what it folded. Today's answers (``due``, ``study``) are then read from the end of every
  history, as one machine's are from the end of its own. Otherwise :func:`rebuild`.
- :func:`rebuild` reads every history and folds their events in the merged order, a k-way merge
  of streams that are each in order already (:func:`heapq.merge`), each event once by id. It
  makes the cache's record, so the next command is quick again.
"""

from __future__ import annotations

import heapq
import os
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from tiesquiz.memory import bulk_loading
from tiesquiz.progress.disk import (
    ProgressFiles,
    damaged_line,
    history_problem,
    read_disk,
    snapshot_of,
    take_snapshot,
    write_json,
)
from tiesquiz.progress.files import (
    NotRegular,
    describe_os_error,
    not_regular,
    open_regular,
    read_at,
)
from tiesquiz.progress.history import DamagedLine, events, header_of, start_of_recent
from tiesquiz.progress.merging import event_time
from tiesquiz.progress.model import Progress
from tiesquiz.progress.sources import (
    Keyed,
    Source,
    lenient,
    read_source,
    record_of,
    unchanged,
)

if TYPE_CHECKING:
    from tiesquiz.progress.shared import Folder


def read_shared(
    files: ProgressFiles, folder: Folder, since: str | None, *, answers: bool = True
) -> tuple[Progress, int]:
    """The progress of a folder as it is on disk now (call with this machine's lock held): the
    states, and the answers from ``since`` (all of them when None; none with
    ``answers=False``). Returns it and the length of this machine's history."""
    sources = folder.sources()
    extra: dict[str, Any] = {}
    fresh = False
    if files.path.exists():
        merging = folder.merging()
        progress, size = read_disk(files, since, answers=False, merging=merging)
        fresh = (
            merging.restored and not merging.out_of_order and unchanged(merging.sources, sources)
        )
        if fresh and not (answers and since is None):
            if answers and since is not None:
                _recent_answers(progress, files, sources, since)
            return progress, size
        extra = progress.extra
    progress, size = rebuild(files, folder, sources, answers=answers)
    progress.extra = extra
    if files.path.exists() and fresh and progress.merging is not None:
        progress.merging.rebuilt = False  # every answer was asked for: the cache was current
    if answers and since is not None:
        progress.reviews = [r for r in progress.reviews if r.time >= since]
        progress.reviews_since = since
    return progress, size


@bulk_loading()
def rebuild(
    files: ProgressFiles, folder: Folder, sources: list[Source], *, answers: bool = True
) -> tuple[Progress, int]:
    """Every history folded again in the merged order (see the module's text)."""
    progress = Progress.empty()
    merging = progress.merging = folder.merging()
    merging.rebuilt = True
    streams: list[Iterator[Keyed]] = []
    size, own_raw, own = 0, b"", -1
    for index, source in enumerate(sources):
        if source.own:
            own, own_raw = index, _own(files)
            size = own_raw.rfind(b"\n") + 1
            if size:
                progress.log_id = str((header_of(own_raw.split(b"\n", 1)[0]) or {})["log_id"])
            found = _strict(files, own_raw[:size], 0, source.device, index)
        else:
            raw = read_source(source, progress.repairs)
            if raw is None:
                continue
            merging.sources[source.path.name] = record_of(raw)
            where = str(source.path)
            found = lenient(raw, where, progress.repairs, device=source.device, index=index)
        streams.append(found)
    mine = [s.device == folder.device for s in sources]
    seen: set[str] = set()  # an answer is counted once by Progress itself
    apply, last = progress.apply, None
    for last in heapq.merge(*streams):
        time, _, index, _, event = last
        op = event["op"]
        if op == "review":
            apply(event)
            if index == own:
                merging.own_time = time
            continue
        ident = event.get("id")
        if type(ident) is str:
            if ident in seen:  # a copy of a change already folded
                continue
            seen.add(ident)
        if index == own:
            merging.own_time = time
        _fold(progress, files, sources[index], event, own_raw, mine[index])
    if last is not None:
        merging.last = (last[0], last[1])
    progress.log_bytes = size
    progress.reviews_since = None if answers else ""
    return progress, size


def merged(streams: list[Iterator[Keyed]]) -> Iterator[tuple[str, str, int, dict[str, Any]]]:
    """The events of every stream in the merged order, each once (by id)."""
    seen: set[str] = set()
    for time, device, index, _, event in heapq.merge(*streams):
        ident = event.get("id")
        if type(ident) is str:
            if ident in seen:
                continue
            seen.add(ident)
        yield time, device, index, event


def _fold(
    progress: Progress,
    files: ProgressFiles,
    source: Source,
    event: dict[str, Any],
    own_raw: bytes,
    mine: bool,
) -> None:
    """Apply one event in the merged order; a snapshot's states are checked first (a damaged
    one refuses this machine's history, and is left out of another's, said once)."""
    if event["op"] != "snapshot":
        progress.apply(event, own=mine)
        return
    try:
        taken = snapshot_of(event, str(source.path), 0)
    except DamagedLine as damaged:
        if source.own:
            offset = own_raw.find(b'"id":"' + str(event.get("id")).encode())
            raise damaged_line(
                files, own_raw, 0, DamagedLine(max(offset, 0), damaged.why)
            ) from None
        progress.repairs.append(f"{source.path}: a snapshot was left out: {damaged.why}")
        return
    take_snapshot(progress, taken, own=mine)
    progress.repairs += taken.repairs


def _own(files: ProgressFiles) -> bytes:
    """This machine's history, whole; b"" when it has none yet."""
    try:
        fd = open_regular(files.history_path)
    except FileNotFoundError:
        return b""
    except NotRegular:
        raise not_regular(files.history_path) from None
    except OSError as exc:
        raise describe_os_error(files.history_path, exc, "read the history") from None
    try:
        raw = read_at(fd, os.fstat(fd).st_size, 0)
    finally:
        os.close(fd)
    if raw and header_of(raw.split(b"\n", 1)[0]) is None:
        raise history_problem(files, "does not start with a tiesquiz history's first line")
    return raw


def _strict(
    files: ProgressFiles, raw: bytes, base: int, device: str, index: int
) -> Iterator[Keyed]:
    """This machine's events in the merged order's key (:func:`keyed`), every line checked as
    one machine's always were."""
    running, seq = "", 0
    try:
        for _, event in events(raw, base):
            time = event_time(event)
            if time > running:
                running = time
            yield running, device, index, seq, event
            seq += 1
    except DamagedLine as damaged:
        raise damaged_line(files, raw, base, damaged) from None


def _recent_answers(
    progress: Progress, files: ProgressFiles, sources: list[Source], since: str
) -> None:
    """The answers from ``since`` on, from the end of every history, in the merged order (the
    states are the cache's, already current)."""
    scratch = Progress.empty()
    streams: list[Iterator[Keyed]] = []
    for index, source in enumerate(sources):
        try:
            fd = open_regular(source.path)
        except (OSError, NotRegular):
            continue
        try:
            size = os.fstat(fd).st_size
            start = start_of_recent(fd, size, since)
            raw = read_at(fd, size - start, start)
        finally:
            os.close(fd)
        if source.own:
            found = _strict(files, raw, start, source.device, index)
        else:
            found = lenient(raw, str(source.path), [], start, device=source.device, index=index)
        streams.append(found)
    for *_, event in merged(streams):
        if event["op"] != "snapshot":
            scratch.apply(event, states=False)
    progress.reviews = [r for r in scratch.reviews if r.time >= since]
    progress.review_ids, progress.resets = scratch.review_ids, scratch.resets
    progress.reviews_since = since


def all_answers(files: ProgressFiles, folder: Folder) -> Progress:
    """Every answer of every history, merged (``stats``, ``reset``, an exam plan)."""
    progress, _ = rebuild(files, folder, folder.sources())
    return progress


def keep_cache(files: ProgressFiles, folder: Folder, progress: Progress, size: int) -> None:
    """Save a progress just folded again as this machine's cache (call with the exclusive lock
    held), so the next command is quick, unless a history changed since it was read."""
    merging = progress.merging
    if merging is None or not merging.rebuilt:
        return
    try:
        now = os.stat(files.history_path).st_size
    except FileNotFoundError:
        now = 0
    if now == size and unchanged(merging.sources, folder.sources()):
        write_json(files, progress)
        merging.rebuilt = False
