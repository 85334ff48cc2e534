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

A file that cannot be read is reported and left exactly as it is.
"""

from __future__ import annotations

import contextlib
import errno
import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from tiesquiz.errors import ProgressError
from tiesquiz.progress.disk import (
    NeedsUpgrade,
    ProgressFiles,
    read_disk,
    replay,
    upgrade,
    write_json,
)
from tiesquiz.progress.files import describe_os_error, lock, read_at, unlock
from tiesquiz.progress.history import event_line, header_line, read_header, write_all
from tiesquiz.progress.model import CardState, Limits, Progress, Review, SchedulerSettings, new_id


class ProgressStore:
    """The progress on disk. Every write is an append to the history or an atomic replace."""

    def __init__(
        self,
        path: Path,
        progress: Progress,
        *,
        since: str | None = None,
        create_parents: bool = False,
    ) -> None:
        # A symlinked file is written through to its target (a rename would replace the link).
        path = Path(os.path.realpath(path)) if path.is_symlink() else path
        self.files = ProgressFiles(path)
        self.path = path
        self.progress = progress
        self.create_parents = create_parents
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
        cls, path: Path, *, since: str | None = None, create_parents: bool = False
    ) -> ProgressStore:
        """Load the states and replay the history after them. A missing file is an empty
        progress. With ``since``, only the answers from that UTC time on are loaded (enough
        for today's limits); :meth:`history` loads the rest when it is needed."""
        store = cls(path, Progress.empty(), since=since, create_parents=create_parents)
        if not any(p.exists() for p in (path, store.history_path, store.files.journal_path)):
            return store
        upgraded = ""
        try:
            with store._locked(exclusive=False, create=False):
                store.progress, store._seen = read_disk(store.files, since)
        except NeedsUpgrade:
            with store._locked(exclusive=True):
                upgraded = upgrade(store.files)
                store.progress, store._seen = read_disk(store.files, since)
        if upgraded:
            store.progress.repairs.append(upgraded)
        return store

    @contextlib.contextmanager
    def _locked(self, *, exclusive: bool, create: bool = True) -> Iterator[None]:
        try:
            if create:
                self._ensure_parent()
            fd = os.open(self.lock_path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            if not create and exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
                yield  # a read-only folder can still be read
                return
            raise describe_os_error(self.lock_path, exc, "lock the progress file") from None
        try:
            try:
                lock(fd, exclusive)
            except OSError as exc:
                raise describe_os_error(self.lock_path, exc, "lock the progress file") from None
            try:
                yield
            finally:
                unlock(fd)
        finally:
            os.close(fd)

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
            parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise describe_os_error(parent, exc, "create the data folder") from None

    # -- writing ---------------------------------------------------------------------------------

    def _reload(self) -> None:
        """Read everything again (call with the exclusive lock held)."""
        try:
            self.progress, self._seen = read_disk(self.files, self.since)
        except NeedsUpgrade:  # a format 1 file put back mid-session
            upgrade(self.files)
            self.progress, self._seen = read_disk(self.files, self.since)

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
            self._reload()
        try:
            self._fd = os.open(self.history_path, os.O_RDWR | os.O_CREAT | os.O_APPEND, 0o644)
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
            self._reload()
            return
        self._apply_new(fd, size)

    def _apply_new(self, fd: int, size: int) -> None:
        """Apply the history's bytes from where we last looked up to ``size``."""
        if size > self._seen:
            replay(
                self.files, self.progress, read_at(fd, size - self._seen, self._seen), self._seen
            )
            self._seen = size

    def append(self, event: dict[str, Any] | Callable[[], dict[str, Any]]) -> dict[str, Any]:
        """Make ``event`` durable (fsync'd) and apply it in memory. O(1) in the history's size.

        ``event`` may be a function that makes it, called with the lock held once what other
        processes recorded has been applied: an event that depends on the current state."""
        is_answer = callable(event) or event.get("op") == "review"
        with self._locked(exclusive=True):
            fd = self._history()
            try:
                size = os.fstat(fd).st_size
                if size == 0:
                    write_all(fd, header_line(self.progress.log_id))
                    self._seen = os.fstat(fd).st_size
                elif read_at(fd, 1, size - 1) != b"\n":
                    write_all(fd, b"\n")  # close a line torn by a crash, so ours stands alone
                self._catch_up(fd)
                if callable(event):
                    event = event()
                before = os.fstat(fd).st_size
                try:
                    write_all(fd, event_line(event))
                    os.fsync(fd)
                except OSError:
                    # Never leave half an answer: cut the history back to where it was.
                    with contextlib.suppress(OSError):
                        os.ftruncate(fd, before)
                    raise
            except OSError as exc:
                error = describe_os_error(
                    self.history_path,
                    exc,
                    "record the answer" if is_answer else "save the change",
                )
                lost = " This last answer was not saved." if is_answer else ""
                raise ProgressError(f"{error}{lost}") from None
            self._seen = os.fstat(fd).st_size
        self.progress.apply(event)
        self._dirty = True
        return event

    def fold(self) -> None:
        """Save the states as of the end of the history into the JSON, atomically, so the next
        start replays nothing. Costs the same however many answers the history holds."""
        with self._locked(exclusive=True):
            try:
                saved, size = read_disk(self.files, None, answers=False)
            except NeedsUpgrade:
                upgrade(self.files)
                saved, size = read_disk(self.files, None, answers=False)
            if saved.log_bytes != size or not self.path.exists():
                saved.log_bytes = size
                write_json(self.files, saved)
            if size > self._seen:  # answers other processes gave since we last looked
                fd = os.open(self.history_path, os.O_RDONLY)
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
        if self._seen:
            with self._locked(exclusive=False, create=False), open(self.history_path, "rb") as fh:
                replay(self.files, whole, fh.read(self._seen), 0, states_from=self._seen)
        progress.reviews, progress.reviews_since = whole.reviews, None
        return progress.reviews

    def close(self) -> None:
        """Fold what this session wrote. Safe to call twice."""
        try:
            if self._dirty:
                self.fold()
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

    def record(self, review: Review, state: CardState | None) -> Review:
        """Record one answer; with ``state`` (study mode) it also moves the card's schedule."""
        event: dict[str, Any] = {
            "op": "review",
            **review.to_dict(),
            "state": state if review.mode == "study" else None,
        }
        self.append(event)
        return review

    def record_from_disk(
        self, card: str, answer: Callable[[CardState | None], tuple[Review, CardState | None]]
    ) -> tuple[Review, CardState | None, CardState | None]:
        """Record one answer to ``card`` made from its state as it is on disk now, under the lock
        (``answer(prior)`` gives the review and the new state): a ``reset`` in another terminal
        is never undone by a session that still had the old schedule in memory. Returns the
        review, the new state and the prior one."""
        made: list[Any] = []

        def event() -> dict[str, Any]:
            prior = self.progress.cards.get(card)
            review, state = answer(prior)
            made[:] = [review, state, prior]
            return {
                "op": "review",
                **review.to_dict(),
                "state": state if review.mode == "study" else None,
            }

        self.append(event)
        review, state, prior = made
        return review, state, prior

    def undo(self, entry: Review, restore: CardState | None) -> None:
        """Take back an answer: remove it from the log and put the card's old state back."""
        self.append(
            {
                "op": "undo",
                "id": new_id(),
                "review": entry.id,
                "card": entry.card,
                "time": entry.time,
                "mode": entry.mode,
                "restore": restore,
            }
        )

    def reset(self, keys: Iterable[str]) -> int:
        keys = sorted(set(keys))
        if keys:
            self.append({"op": "reset", "id": new_id(), "keys": keys})
        return len(keys)

    def set_limits(self, limits: Limits, deck: str | None = None) -> None:
        """Everyone's daily limits, or one deck's."""
        event: dict[str, Any] = {"op": "limits", "id": new_id(), "limits": limits.to_dict()}
        if deck:
            event["deck"] = deck
        self.append(event)

    def check_writable(self) -> None:
        """Fail now, before the first question, if answers could not be saved (a read-only or
        missing folder): never after the student has answered."""
        with self._locked(exclusive=True):
            self._history()

    def remember_decks(self, paths: dict[str, str]) -> None:
        """Keep where these decks were read from, so they are found from any folder."""
        changed = {d: p for d, p in paths.items() if self.progress.deck_paths.get(d) != p}
        if changed:
            self.append({"op": "decks", "id": new_id(), "paths": changed})

    def set_scheduler(self, settings: SchedulerSettings) -> None:
        settings.scheduler  # noqa: B018 - fsrs validates the parameters before anything is written
        self.append({"op": "scheduler", "id": new_id(), "scheduler": settings.to_dict()})
