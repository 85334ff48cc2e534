"""The progress file on disk: one readable JSON file, plus a journal that makes every answer durable.

Layout beside ``progress.json``:

- ``progress.json.journal``: one JSON event per line, appended and fsync'd per answer, so an
  answer costs the same with 50,000 cards as with 100. Its first line names the ``journal_id`` of
  the JSON file it extends; a journal that names another id was already folded and is ignored.
- ``progress.json.lock``: ``flock``-ed around every append (exclusive), load (shared) and fold
  (exclusive), so two terminals never lose each other's answers.
- ``progress.json.bak``: the previous JSON, kept at every fold.

Folding re-reads the JSON and the journal *from disk* under the lock, merges, writes a temp file,
fsyncs it and ``os.replace``-s it: what another session appended is merged, never overwritten.
A file that cannot be read is reported and left exactly as it is.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import shutil
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from tiesquiz.errors import ProgressError
from tiesquiz.progress.codec import dumps, loads, valid_event
from tiesquiz.progress.files import describe_os_error, fsync_dir, lock, read_at, unlock
from tiesquiz.progress.journal import HEADER, extends, journal_events, write_all
from tiesquiz.progress.model import CardState, Limits, Progress, Review, SchedulerSettings, new_id


class ProgressStore:
    """The progress file on disk. Every write goes through the journal or an atomic replace."""

    def __init__(self, path: Path, progress: Progress, *, create_parents: bool = False) -> None:
        # A symlinked file is written through to its target (a rename would replace the link).
        path = Path(os.path.realpath(path)) if path.is_symlink() else path
        self.path = path
        self.journal_path = path.with_name(path.name + ".journal")
        self.lock_path = path.with_name(path.name + ".lock")
        self.backup_path = path.with_name(path.name + ".bak")
        self.progress = progress
        self.create_parents = create_parents
        self._journal_fd: int | None = None
        self._dirty = False
        #: The journal as far as ``progress`` has applied it: its id and byte length. What another
        #: process appends after that is applied before our next write (see :meth:`_catch_up`).
        self._seen: tuple[str, int] = (progress.journal_id, 0)

    # -- opening ---------------------------------------------------------------------------------

    @classmethod
    def open(cls, path: Path, *, create_parents: bool = False) -> ProgressStore:
        """Load the JSON and replay its journal. A missing file is an empty progress."""
        store = cls(path, Progress.empty(), create_parents=create_parents)
        if not path.exists() and not store.journal_path.exists():
            return store
        with store._locked(exclusive=False, create=False):
            store.progress = store._read_disk()
            store._seen = (store.progress.journal_id, store._journal_size())
        return store

    def _journal_size(self) -> int:
        try:
            return self.journal_path.stat().st_size
        except OSError:
            return 0

    def _catch_up(self, journal_id: str, fd: int) -> None:
        """Apply what other processes recorded since we last looked (call with the lock held):
        their lines of our journal, or, when one of them folded the journal into a new JSON, the
        file as it is now. So an answer starts from the card's state on disk: a ``reset`` run in
        another terminal mid-session is not undone by this session's next answer."""
        seen_id, seen_size = self._seen
        if journal_id != self.progress.journal_id or seen_id != journal_id:
            self.progress = self._read_disk()
            self._seen = (self.progress.journal_id, os.fstat(fd).st_size)
            return
        size = os.fstat(fd).st_size
        if size <= seen_size:
            return
        for line in read_at(fd, size - seen_size, seen_size).split(b"\n")[:-1]:
            try:
                event = json.loads(line)
            except (json.JSONDecodeError, UnicodeDecodeError):
                continue  # a torn line, or the header
            if valid_event(event):
                self.progress.apply(event)
        self._seen = (journal_id, size)

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

    def _read_disk(self) -> Progress:
        """JSON plus journal, as they are on disk now (call with the lock held)."""
        where = str(self.path)
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            progress = Progress.empty()
        except OSError as exc:
            raise describe_os_error(self.path, exc, "read the progress file") from None
        else:
            progress = loads(raw, where)
        for event in self._journal_events(progress):
            progress.apply(event)
        return progress

    def _journal_events(self, progress: Progress) -> Iterator[dict[str, Any]]:
        return journal_events(self.journal_path, progress)

    # -- writing ---------------------------------------------------------------------------------

    def _write_json(self, progress: Progress) -> None:
        """Atomically replace the JSON, keeping the previous one as the backup."""
        # Temp files are only written with the lock held, so any found now were left by a crash.
        for stale in self.path.parent.glob(f".{self.path.name}.*.tmp"):
            with contextlib.suppress(OSError):
                stale.unlink()
        tmp = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
        data = dumps(progress).encode("utf-8")
        try:
            with open(tmp, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            bak_tmp = self.backup_path.with_name(self.backup_path.name + ".tmp")
            with contextlib.suppress(FileNotFoundError):
                os.unlink(bak_tmp)
            had_file = self.path.exists()
            if had_file:
                try:
                    os.link(self.path, bak_tmp)  # no copy: the old file simply gets a second name
                except OSError:
                    shutil.copyfile(self.path, bak_tmp)  # a file system without hard links
            os.replace(tmp, self.path)
            # Only now, with the new file safely in place, does the backup move on: a save that
            # fails leaves the previous backup as it was.
            if had_file:
                os.replace(bak_tmp, self.backup_path)
        except OSError as exc:
            for leftover in (tmp, self.backup_path.with_name(self.backup_path.name + ".tmp")):
                with contextlib.suppress(OSError):
                    os.unlink(leftover)
            raise describe_os_error(self.path, exc, "save the progress file") from None
        fsync_dir(self.path.parent)

    def _journal(self) -> int:
        if self._journal_fd is None:
            try:
                self._journal_fd = os.open(
                    self.journal_path, os.O_RDWR | os.O_CREAT | os.O_APPEND, 0o644
                )
            except OSError as exc:
                raise describe_os_error(self.journal_path, exc, "open the journal") from None
        return self._journal_fd

    def _current_journal_id(self) -> str:
        """The id in the JSON on disk: a few bytes read, whatever the file's size."""
        try:
            with open(self.path, "rb") as fh:
                head = fh.read(128)
        except FileNotFoundError:
            head = b""
        except OSError as exc:
            raise describe_os_error(self.path, exc, "read the progress file") from None
        match = HEADER.match(head)
        if match is None:
            # New, or not written by us: read it whole (and refuse it if it is broken).
            progress = self._read_disk() if head else self.progress
            if not head:
                self._write_json(progress)
            return progress.journal_id
        return match.group(1).decode()

    def _reset_journal(self, fd: int, journal_id: str) -> None:
        os.ftruncate(fd, 0)
        os.write(fd, json.dumps({"journal_id": journal_id}).encode() + b"\n")
        os.fsync(fd)

    def append(self, event: dict[str, Any] | Callable[[], dict[str, Any]]) -> dict[str, Any]:
        """Make ``event`` durable (fsync'd) and apply it in memory. O(1) in the file's size.

        ``event`` may be a function that makes it, called with the lock held once what other
        processes recorded has been applied: an event that depends on the current state."""
        is_answer = callable(event) or event.get("op") == "review"
        with self._locked(exclusive=True):
            journal_id = self._current_journal_id()
            fd = self._journal()
            try:
                size = os.fstat(fd).st_size
                head = read_at(fd, 64, 0) if size else b""
                match = HEADER.match(head)
                if match is not None and match.group(1).decode() != journal_id:
                    disk = self._read_disk()
                    if extends(disk, match.group(1).decode()):
                        # Answers the file does not hold (a backup was put back): fold them in
                        # first, never reset them away.
                        self._fold_locked()
                        journal_id = self.progress.journal_id
                        match = HEADER.match(read_at(fd, 64, 0))
                if match is None or match.group(1).decode() != journal_id:
                    self._reset_journal(fd, journal_id)
                elif read_at(fd, 1, size - 1) != b"\n":
                    write_all(fd, b"\n")  # close a line torn by a crash, so ours stands alone
                self._catch_up(journal_id, fd)
                if callable(event):
                    event = event()
                line = json.dumps(event, ensure_ascii=False).encode("utf-8") + b"\n"
                before = os.fstat(fd).st_size
                try:
                    write_all(fd, line)
                    os.fsync(fd)
                except OSError:
                    # Never leave half an answer: cut the journal back to where it was.
                    with contextlib.suppress(OSError):
                        os.ftruncate(fd, before)
                    raise
            except OSError as exc:
                error = describe_os_error(
                    self.journal_path, exc, "record the answer" if is_answer else "save the change"
                )
                lost = " This last answer was not saved." if is_answer else ""
                raise ProgressError(f"{error}{lost}") from None
            self._seen = (journal_id, os.fstat(fd).st_size)
        self.progress.apply(event)
        self._dirty = True
        return event

    def fold(self) -> None:
        """Merge the journal into the JSON from disk, atomically; then start an empty journal."""
        with self._locked(exclusive=True):
            self._fold_locked()

    def _fold_locked(self) -> None:
        merged = self._read_disk()
        merged.folded_journal, merged.journal_id = merged.journal_id, new_id()
        self._write_json(merged)
        try:
            self._reset_journal(self._journal(), merged.journal_id)
        except OSError as exc:
            raise describe_os_error(self.journal_path, exc, "reset the journal") from None
        self._seen = (merged.journal_id, self._journal_size())
        self.progress = merged
        self._dirty = False

    def close(self) -> None:
        """Fold what this session wrote. Safe to call twice."""
        try:
            if self._dirty:
                self.fold()
        finally:
            if self._journal_fd is not None:
                os.close(self._journal_fd)
                self._journal_fd = None

    def __enter__(self) -> ProgressStore:
        return self

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        try:
            self.close()
        except ProgressError:
            if exc is None:
                raise
            # Another error is on its way out (a full disk, say): it is the one to report; the
            # answers are safe in the journal and are folded in next time.

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
            self._journal()

    def remember_decks(self, paths: dict[str, str]) -> None:
        """Keep where these decks were read from, so they are found from any folder."""
        changed = {d: p for d, p in paths.items() if self.progress.deck_paths.get(d) != p}
        if changed:
            self.append({"op": "decks", "id": new_id(), "paths": changed})

    def set_scheduler(self, settings: SchedulerSettings) -> None:
        settings.scheduler  # noqa: B018 - fsrs validates the parameters before anything is written
        self.append({"op": "scheduler", "id": new_id(), "scheduler": settings.to_dict()})
