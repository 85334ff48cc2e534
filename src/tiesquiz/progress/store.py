"""The progress on disk: a readable JSON file of states, and the history of answers beside it.

Layout beside ``progress.json``:

- ``progress.history.jsonl``: every answer and change, one JSON object a line, appended and
  fsync'd per answer and never rewritten (:mod:`.history`). Its first line names its ``log_id``.
- ``progress.json``: the settings and each card's schedule as of the first ``log_bytes`` bytes
  of the history (a checkpoint). Opening it replays only what follows; the end of a session
  rewrites it, at a cost that grows with the cards, not with the answers.
- ``progress.json.lock``: ``flock``-ed around every append (exclusive), load (shared) and save
  (exclusive), so two terminals never lose each other's answers.
- ``progress.json.bak``: the previous JSON, kept at every save. Putting it back loses nothing:
  its smaller ``log_bytes`` makes the history's later answers replay onto it.

A file that cannot be read is reported and left exactly as it is. A folder instead of a file
is a progress several machines share: the same files, one set per machine (:mod:`.shared`).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager as ContextManager
from pathlib import Path
from typing import Any

from tiesquiz.errors import ProgressError
from tiesquiz.progress.codec import NeedsUpgrade, storable
from tiesquiz.progress.disk import ProgressFiles, read_disk, replay, write_json
from tiesquiz.progress.files import (
    NotRegular,
    describe_os_error,
    locked,
    not_regular,
    open_regular,
    read_at,
)
from tiesquiz.progress.history import event_line, header_line, read_header, torn_tail, write_all
from tiesquiz.progress.legacy import upgrade
from tiesquiz.progress.marks import MarkRecorder
from tiesquiz.progress.merge import all_answers, keep_cache, read_shared
from tiesquiz.progress.model import (
    CardState,
    Forgotten,
    Limits,
    Progress,
    Recorded,
    Review,
    Schedule,
    SchedulerSettings,
    new_id,
)
from tiesquiz.progress.shared import Folder, Machine, shared_folder, stamp


class ProgressStore(MarkRecorder):
    """The progress on disk. Every write is an append to the history or an atomic replace."""

    def __init__(
        self,
        path: Path,
        progress: Progress,
        *,
        since: str | None = None,
        create_parents: bool = False,
        folder: Folder | None = None,
    ) -> None:
        # A symlinked file is written through to its target (a rename would replace the link).
        path = Path(os.path.realpath(path)) if path.is_symlink() else path
        self.files = ProgressFiles(path)
        self.path = path
        self.progress = progress
        self.create_parents = create_parents
        #: A progress folder that several machines share (None: one machine's file).
        self.folder = folder
        #: Answers before this UTC time are not loaded (None: the whole history).
        self.since = since
        self._fd: int | None = None
        self._dirty = False
        #: How many bytes of the history ``progress`` has applied. What another process appends
        #: after that is applied before our next write (see :meth:`_catch_up`).
        self._seen = 0

    @property
    def history_path(self) -> Path:
        return self.files.history_path

    @property
    def lock_path(self) -> Path:
        return self.files.lock_path

    # -- opening ---------------------------------------------------------------------------------

    @classmethod
    def open(
        cls,
        path: Path,
        *,
        since: str | None = None,
        create_parents: bool = False,
        machine: Machine | None = None,
    ) -> ProgressStore:
        """Load the states and replay the history after them. A missing file is an empty
        progress. With ``since``, only the answers from that UTC time on are loaded (enough
        for today's limits); :meth:`history` loads the rest when it is needed. A folder is a
        progress that several machines share (:mod:`.shared`): ``machine`` says which this is."""
        folder, said = shared_folder(path, machine)
        if folder is not None:
            path = folder.own_path
        store = cls(
            path, Progress.empty(), since=since, create_parents=create_parents, folder=folder
        )
        if folder is None and not any(p.exists() for p in (path, store.history_path)):
            return store
        try:
            with store._locked(exclusive=False, create=False):
                store.progress, store._seen = store._load(since)
        except NeedsUpgrade:
            with store._locked(exclusive=True):
                store.progress, store._seen = store._read(since)
        if folder is not None:  # what the first use did; a cache rebuilt kept for next time
            store.progress.repairs[:0] = [said] if said else []
            with contextlib.suppress(ProgressError), store._locked(exclusive=True):
                keep_cache(store.files, folder, store.progress, store._seen)
        return store

    def _load(self, since: str | None, *, answers: bool = True) -> tuple[Progress, int]:
        """The progress on disk now: one machine's file, or a folder's histories merged."""
        if self.folder is not None:
            return read_shared(self.files, self.folder, since, answers=answers)
        return read_disk(self.files, since, answers=answers)

    def _locked(self, *, exclusive: bool, create: bool = True) -> ContextManager[None]:
        return locked(self.lock_path, exclusive, self._ensure_parent if create else None)

    def _ensure_parent(self) -> None:
        parent = self.path.parent
        if parent.is_dir():
            return
        if not self.create_parents:
            raise ProgressError(
                f"{self.path}: the folder {parent} does not exist; create it, or choose another "
                "file with --state"
            )
        try:
            parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        except OSError as exc:
            raise describe_os_error(parent, exc, "create the data folder") from None

    # -- writing ---------------------------------------------------------------------------------

    def _read(self, since: str | None, *, answers: bool = True) -> tuple[Progress, int]:
        """The progress on disk now (call with the exclusive lock held): :func:`read_disk`, a
        format 1 file upgraded first (what the upgrade says is among the repairs)."""
        try:
            return self._load(since, answers=answers)
        except NeedsUpgrade:  # not upgraded yet, or a format 1 file put back mid-session
            said = upgrade(self.files)
            progress, size = self._load(since, answers=answers)
            if said:
                progress.repairs.append(said)
            return progress, size

    def _history(self) -> int:
        """The history, open for appending; reopened (and the progress re-read) when another
        process put a new one in its place."""
        if self._fd is not None:
            try:
                replaced = os.stat(self.history_path).st_ino != os.fstat(self._fd).st_ino
            except FileNotFoundError:
                replaced = True
            if not replaced:
                return self._fd
            os.close(self._fd)
            self._fd = None
            self.progress, self._seen = self._read(self.since)
        try:
            self._fd = open_regular(self.history_path, os.O_RDWR | os.O_CREAT | os.O_APPEND)
        except NotRegular:
            raise not_regular(self.history_path) from None
        except OSError as exc:
            raise describe_os_error(self.history_path, exc, "open the history") from None
        return self._fd

    def _catch_up(self, fd: int) -> None:
        """Apply what other processes appended since we last looked (call with the lock held),
        so an answer starts from the card's state on disk: a ``reset`` run in another terminal
        mid-session is not undone by this session's next answer."""
        size = os.fstat(fd).st_size
        header = read_header(fd) if size else None
        if header is None or header["log_id"] != self.progress.log_id or size < self._seen:
            # Not the history we read (another process started it after we opened, or it was
            # put back): read everything again.
            self.progress, self._seen = self._read(self.since)
            return
        self._apply_new(fd, size)

    def _apply_new(self, fd: int, size: int) -> None:
        """Apply the history's whole lines from where we last looked up to ``size``."""
        if size > self._seen:
            raw = read_at(fd, size - self._seen, self._seen)
            whole = raw.rfind(b"\n") + 1
            if whole:
                replay(self.files, self.progress, raw[:whole], self._seen)
                self._seen += whole

    @contextlib.contextmanager
    def _appending(self, *, answer: bool) -> Iterator[Callable[[dict[str, Any]], None]]:
        """Hold the exclusive lock with the history open and caught up with what other processes
        appended; give a function that makes one event durable (fsync'd) and applies it in
        memory. O(1) in the history's size."""
        with self._locked(exclusive=True):
            fd = self._history()
            try:
                size = os.fstat(fd).st_size
                torn = torn_tail(fd, size) if size else 0
                if torn:
                    # A line a crash cut short was never acknowledged: cut it off, so that
                    # every line but the last is whole (and any other is damage, reported).
                    size -= torn
                    os.ftruncate(fd, size)
                    self._seen = min(self._seen, size)
                if size == 0:
                    log_id = self.progress.log_id
                    write_all(
                        fd, self.folder.header(log_id) if self.folder else header_line(log_id)
                    )
                    self._seen = os.fstat(fd).st_size
                self._catch_up(fd)
                yield lambda event: self._write(fd, event)
            except OSError as exc:
                error = describe_os_error(
                    self.history_path, exc, "record the answer" if answer else "save the change"
                )
                lost = " This last answer was not saved." if answer else ""
                raise ProgressError(f"{error}{lost}") from None

    def _write(self, fd: int, event: dict[str, Any]) -> None:
        """Append one event and fsync it, or leave the history as it was; then apply it."""
        before = os.fstat(fd).st_size
        if self.folder is not None:
            stamp(event, self.progress, self.folder)
        try:
            write_all(fd, event_line(event))
            os.fsync(fd)
        except OSError:
            # Never leave half an answer: cut the history back to where it was.
            with contextlib.suppress(OSError):
                os.ftruncate(fd, before)
            raise
        self._seen = os.fstat(fd).st_size
        self.progress.apply(event)
        self._dirty = True

    def _append(self, event: dict[str, Any]) -> None:
        """Make one change durable and apply it (an answer is recorded by :meth:`record_answer`)."""
        with self._appending(answer=False) as write:
            write(event)

    def save(self) -> None:
        """Apply what was appended since we last looked (by any process), and save the states as
        of the end of the history into the JSON, atomically, so the next start replays nothing.
        Costs the same however many answers the history holds."""
        with self._locked(exclusive=True):
            saved, size = self._read(None, answers=False)
            rebuilt = saved.merging is not None and saved.merging.rebuilt
            if saved.log_bytes != size or not self.path.exists() or rebuilt:
                saved.log_bytes = size
                write_json(self.files, saved)
            if size > self._seen:  # answers other processes gave since we last looked
                fd = open_regular(self.history_path)
                try:
                    self._apply_new(fd, size)
                finally:
                    os.close(fd)
            self.progress.adopt_states(saved)
            self.progress.log_id, self.progress.log_bytes = saved.log_id, saved.log_bytes
            self._dirty = False

    def history(self) -> list[Review]:
        """Every answer (``stats``, ``reset`` and an exam plan need them all), read from the
        history the first time it is asked for when only recent ones were loaded."""
        progress = self.progress
        if progress.reviews_since is None:
            return progress.reviews
        whole = Progress.empty()  # collects the answers; the states in memory are current
        if self.folder is not None:
            with self._locked(exclusive=False, create=False):
                whole = all_answers(self.files, self.folder)
        elif self._seen:
            with self._locked(exclusive=False, create=False):
                fd = open_regular(self.history_path)
                try:
                    replay(self.files, whole, read_at(fd, self._seen, 0), 0, states_from=self._seen)
                finally:
                    os.close(fd)
        progress.reviews, progress.reviews_since = whole.reviews, None
        progress.review_ids, progress.resets = whole.review_ids, whole.resets
        return progress.reviews

    def close(self) -> None:
        """Save what this session wrote. Safe to call twice."""
        try:
            if self._dirty:
                self.save()
        finally:
            if self._fd is not None:
                os.close(self._fd)
                self._fd = None

    def __enter__(self) -> ProgressStore:
        return self

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        try:
            self.close()
        except ProgressError:
            if exc is None:
                raise
            # Another error is on its way out (a full disk, say): it is the one to report; the
            # answers are safe in the history and are saved into the JSON next time.

    # -- the operations sessions and commands use ------------------------------------------------

    def record_answer(self, answer: Review, schedule: Schedule | None = None) -> Recorded:
        """Record one answer, durably, scheduled from the card's state as it is on disk now.

        Under the lock, once what other terminals recorded has been applied (so a ``reset`` there
        is never undone by a session holding the old schedule), the card's state is read once:
        the ``prior``. The review takes from it whether the card was new and its state before;
        in study the card moves to ``schedule(prior)``, a pure function of that state. A quiz
        passes no ``schedule``: its answers leave the schedule alone. Returns the review as
        recorded, the prior state and the new one (None for a quiz)."""
        with self._appending(answer=True) as write:
            prior = self.progress.cards.get(answer.card)
            review = answer.after(prior)
            state = schedule(prior) if schedule is not None and review.mode == "study" else None
            write(review.event(state))
        return Recorded(review, prior, state)

    def undo(self, entry: Review, restore: CardState | None) -> None:
        """Take back an answer: remove it from the log and put the card's old state back."""
        event = {"op": "undo", "id": new_id(), "review": entry.id, "card": entry.card}
        self._append({**event, "time": entry.time, "mode": entry.mode, "restore": restore})

    def reset(self, keys: Iterable[str]) -> int:
        """Forget these cards. The reset keeps their schedules as they are on disk now, so that
        :meth:`undo_reset` can bring them back (the answers stay in the history)."""
        keys = sorted(set(keys))
        if keys:
            with self._appending(answer=False) as write:
                cards = self.progress.cards
                states = {k: cards[k] for k in keys if k in cards}
                write({"op": "reset", "id": new_id(), "keys": keys, "states": states})
        return len(keys)

    def undo_reset(self) -> Forgotten | None:
        """Bring back what the last reset not undone yet forgot: the cards' schedules (a card
        studied again since keeps its newer one) and their answers. Returns what it forgot, or
        None when no reset is left to undo. Reads the whole history."""
        self.history()
        with self._appending(answer=False) as write:
            if not self.progress.resets:
                return None
            reset_id, forgotten = list(self.progress.resets.items())[-1]
            write({"op": "unreset", "id": new_id(), "reset": reset_id, "states": forgotten.states})
        return forgotten

    def set_limits(self, limits: Limits, deck: str | None = None) -> None:
        """Everyone's daily limits, or one deck's."""
        event: dict[str, Any] = {"op": "limits", "id": new_id(), "limits": limits.to_dict()}
        if deck:
            event["deck"] = deck
        self._append(event)

    def check_writable(self) -> None:
        """Fail now, before the first question, if answers could not be saved (a read-only or
        missing folder): never after the student has answered."""
        with self._locked(exclusive=True):
            self._history()

    def remember_decks(self, paths: dict[str, str]) -> None:
        """Keep where these decks were read from, so they are found from any folder."""
        changed = {
            d: p
            for d, p in paths.items()
            if self.progress.deck_paths.get(d) != p and storable(d) and storable(p)
        }
        if changed:
            self._append({"op": "decks", "id": new_id(), "paths": changed})

    def set_scheduler(self, settings: SchedulerSettings) -> None:
        settings.scheduler  # noqa: B018 - fsrs validates the parameters before anything is written
        self._append({"op": "scheduler", "id": new_id(), "scheduler": settings.to_dict()})
