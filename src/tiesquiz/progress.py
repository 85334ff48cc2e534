"""The progress file: one readable JSON file, plus a journal that makes every answer durable.

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
import re
import secrets
import shutil
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, TypedDict

from tiesquiz.errors import ProgressError
from tiesquiz.scheduling import CardState, Limits, SchedulerSettings

FORMAT = "tiesquiz-progress"
VERSION = 1
Mode = Literal["study", "quiz"]

_HEADER = re.compile(rb'^\s*\{\s*"journal_id"\s*:\s*"([0-9a-f]+)"')


class ReviewEntry(TypedDict):
    """One answer in the review log (UTC time, rating 1-4, the answer as given)."""

    id: str
    card: str
    time: str
    rating: int
    correct: bool
    answer: str
    duration_ms: int
    mode: Mode
    #: The card had never been studied before this answer (for the new-cards-per-day limit).
    new: bool
    #: The card's fsrs state before the answer (None when new), for the reviews-per-day limit.
    prior_state: int | None


class ProgressDict(TypedDict):
    journal_id: str
    format: str
    version: int
    scheduler: dict[str, Any]
    limits: dict[str, int]
    cards: dict[str, CardState]
    reviews: list[ReviewEntry]


def _new_id() -> str:
    return secrets.token_hex(8)


@dataclass
class Progress:
    """The learner's progress in memory. Pure: events in, state out; no I/O."""

    scheduler: SchedulerSettings
    limits: Limits = field(default_factory=Limits)
    cards: dict[str, CardState] = field(default_factory=dict)
    reviews: list[ReviewEntry] = field(default_factory=list)
    journal_id: str = field(default_factory=_new_id)
    #: Top-level keys this version does not know (from a person or a newer minor version): kept.
    extra: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def empty(cls) -> Progress:
        return cls(scheduler=SchedulerSettings.defaults())

    # -- events ---------------------------------------------------------------------------------

    def apply(self, event: dict[str, Any]) -> None:
        """Apply one journal event. Merging: a card keeps the state of its newest review."""
        op = event.get("op")
        if op == "review":
            entry: ReviewEntry = {k: event[k] for k in ReviewEntry.__annotations__}  # type: ignore[assignment]
            self.reviews.append(entry)
            state: CardState | None = event.get("state")
            if entry["mode"] == "study" and state is not None:
                current = self.cards.get(entry["card"])
                if (
                    current is None
                    or current["last_review"] is None
                    or (state["last_review"] or "") >= current["last_review"]
                ):
                    self.cards[entry["card"]] = state
        elif op == "undo":
            self._undo(event["review"], event["card"], event.get("restore"))
        elif op == "reset":
            keys = set(event["keys"])
            for key in keys:
                self.cards.pop(key, None)
            self.reviews = [r for r in self.reviews if r["card"] not in keys]
        elif op == "limits":
            self.limits = Limits.from_dict(event["limits"])
        elif op == "scheduler":
            self.scheduler = SchedulerSettings.from_dict(event["scheduler"])

    def _undo(self, review_id: str, key: str, restore: CardState | None) -> None:
        for i in range(len(self.reviews) - 1, -1, -1):
            entry = self.reviews[i]
            if entry["id"] != review_id:
                continue
            del self.reviews[i]
            current = self.cards.get(key)
            if (
                entry["mode"] == "study"
                and current is not None
                and current["last_review"] == entry["time"]
            ):
                if restore is None:
                    del self.cards[key]
                else:
                    self.cards[key] = restore
            return

    # -- JSON ------------------------------------------------------------------------------------

    def to_json(self) -> str:
        """Readable JSON: settings at the top, then one line per card and per review.

        ``journal_id`` comes first so an append can check it by reading a few bytes.
        """
        dump = json.dumps
        out = [
            "{" + f'"journal_id": {dump(self.journal_id)},',
            f' "format": {dump(FORMAT)},',
            f' "version": {VERSION},',
            f' "scheduler": {dump(self.scheduler.to_dict())},',
            f' "limits": {dump(self.limits.to_dict())},',
        ]
        cards = [
            f"  {dump(k, ensure_ascii=False)}: {dump(v)}" for k, v in sorted(self.cards.items())
        ]
        out.append(' "cards": {' + ("\n" + ",\n".join(cards) + "\n " if cards else "") + "},")
        reviews = [f"  {dump(r, ensure_ascii=False)}" for r in self.reviews]
        tail = "," if self.extra else ""
        out.append(
            ' "reviews": [' + ("\n" + ",\n".join(reviews) + "\n " if reviews else "") + "]" + tail
        )
        extras = [
            f" {dump(k, ensure_ascii=False)}: {dump(v, ensure_ascii=False)}"
            for k, v in self.extra.items()
        ]
        if extras:
            out.append(",\n".join(extras))
        out.append("}\n")
        return "\n".join(out)

    @classmethod
    def from_dict(cls, data: Any, where: str) -> Progress:
        """Validate the whole shape; anything off raises :class:`ProgressError` naming ``where``."""

        def bad(what: str) -> ProgressError:
            return ProgressError(
                f"{where}: {what}. The file was left untouched. Restore it from "
                f"{where}.bak if that is good, or move it away to start afresh."
            )

        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise bad("this is not a tiesquiz progress file")
        version = data.get("version")
        if not isinstance(version, int) or isinstance(version, bool):
            raise bad("the format version is missing")
        if version > VERSION:
            raise ProgressError(
                f"{where}: written by a newer tiesquiz (progress format {version}; this one reads "
                f"up to {VERSION}). Upgrade tiesquiz: python -m pip install -U tiesquiz. "
                "The file was left untouched."
            )
        try:
            scheduler = SchedulerSettings.from_dict(data["scheduler"])
            limits = Limits.from_dict(data["limits"])
            scheduler.scheduler  # noqa: B018 - validates the parameters now, not mid-session
        except (KeyError, TypeError, ValueError) as exc:
            raise bad(f"the scheduler settings are damaged ({exc})") from None
        cards = data.get("cards")
        reviews = data.get("reviews")
        journal_id = data.get("journal_id")
        if (
            not isinstance(cards, dict)
            or not isinstance(reviews, list)
            or not isinstance(journal_id, str)
        ):
            raise bad("'cards' must be a mapping and 'reviews' a list")
        for key, state in cards.items():
            if not _valid_state(state):
                raise bad(f"the progress of card {key!r} is damaged")
        for i, entry in enumerate(reviews):
            if not _valid_review(entry):
                raise bad(f"review number {i + 1} in the log is damaged")
        extra = {k: v for k, v in data.items() if k not in _KNOWN_KEYS}
        return cls(
            scheduler=scheduler,
            limits=limits,
            cards=cards,
            reviews=reviews,
            journal_id=journal_id,
            extra=extra,
        )


_REVIEW_KEYS = frozenset(ReviewEntry.__annotations__)
_KNOWN_KEYS = frozenset(ProgressDict.__annotations__)
#: Stored times are always this form, so they compare correctly as text.
_TIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}\+00:00\Z")
_STATE_KEYS = frozenset(CardState.__annotations__)
_NUMBER = (int, float, type(None))


def _valid_state(state: Any) -> bool:
    return (
        type(state) is dict
        and state.keys() >= _STATE_KEYS
        and state["state"] in (1, 2, 3)
        and type(state["due"]) is str
        and _TIME.match(state["due"]) is not None
        and (
            state["last_review"] is None
            or (type(state["last_review"]) is str and _TIME.match(state["last_review"]) is not None)
        )
        and isinstance(state["stability"], _NUMBER)
        and isinstance(state["difficulty"], _NUMBER)
        and (state["step"] is None or type(state["step"]) is int)
    )


def _valid_review(entry: Any) -> bool:
    # Runs once per answer in the log (200,000 of them is normal): keep it to cheap checks.
    return (
        type(entry) is dict
        and entry.keys() >= _REVIEW_KEYS
        and type(entry["id"]) is str
        and type(entry["card"]) is str
        and type(entry["time"]) is str
        and _TIME.match(entry["time"]) is not None
        and entry["rating"] in (1, 2, 3, 4)
        and entry["mode"] in ("study", "quiz")
    )


def _valid_event(event: Any) -> bool:
    if not isinstance(event, dict):
        return False
    op = event.get("op")
    if op == "review":
        return _valid_review(event) and (event.get("state") is None or _valid_state(event["state"]))
    if op == "undo":
        return isinstance(event.get("review"), str) and isinstance(event.get("card"), str)
    if op == "reset":
        return isinstance(event.get("keys"), list)
    return op in ("limits", "scheduler")


# -- locking -------------------------------------------------------------------------------------

if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _lock(fd: int, exclusive: bool) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_LOCK, 1)

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock(fd: int, exclusive: bool) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH)

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


def _read_at(fd: int, size: int, offset: int) -> bytes:
    """``os.pread`` where it exists; a seek and read elsewhere (appends ignore the position)."""
    if hasattr(os, "pread"):
        return os.pread(fd, size, offset)
    os.lseek(fd, offset, os.SEEK_SET)  # pragma: no cover - Windows
    return os.read(fd, size)  # pragma: no cover - Windows


def _fsync_dir(path: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _describe_os_error(path: Path, exc: OSError, doing: str) -> ProgressError:
    reason = {
        errno.ENOSPC: "the disk is full",
        errno.EDQUOT: "the disk quota is used up",
        errno.EROFS: "the disk is read-only",
        errno.EACCES: "permission denied",
        errno.EPERM: "permission denied",
        errno.ENOENT: "the folder does not exist",
    }.get(exc.errno or 0, exc.strerror or str(exc))
    return ProgressError(
        f"{path}: cannot {doing}: {reason}. Your progress so far is safe in the existing file; "
        "free some space or fix the permissions, or choose another file with --state."
    )


class ProgressStore:
    """The progress file on disk. Every write goes through the journal or an atomic replace."""

    def __init__(self, path: Path, progress: Progress, *, create_parents: bool = False) -> None:
        self.path = path
        self.journal_path = path.with_name(path.name + ".journal")
        self.lock_path = path.with_name(path.name + ".lock")
        self.backup_path = path.with_name(path.name + ".bak")
        self.progress = progress
        self.create_parents = create_parents
        self._journal_fd: int | None = None
        self._dirty = False

    # -- opening ---------------------------------------------------------------------------------

    @classmethod
    def open(cls, path: Path, *, create_parents: bool = False) -> ProgressStore:
        """Load the JSON and replay its journal. A missing file is an empty progress."""
        store = cls(path, Progress.empty(), create_parents=create_parents)
        if not path.exists() and not store.journal_path.exists():
            return store
        with store._locked(exclusive=False, create=False):
            store.progress = store._read_disk()
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
            raise _describe_os_error(self.lock_path, exc, "lock the progress file") from None
        try:
            try:
                _lock(fd, exclusive)
            except OSError as exc:
                raise _describe_os_error(self.lock_path, exc, "lock the progress file") from None
            try:
                yield
            finally:
                _unlock(fd)
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
            raise _describe_os_error(parent, exc, "create the data folder") from None

    def _read_disk(self) -> Progress:
        """JSON plus journal, as they are on disk now (call with the lock held)."""
        where = str(self.path)
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            progress = Progress.empty()
        except OSError as exc:
            raise _describe_os_error(self.path, exc, "read the progress file") from None
        else:
            try:
                data = json.loads(raw)
            except (json.JSONDecodeError, UnicodeDecodeError) as exc:
                detail = (
                    f" (line {exc.lineno}, column {exc.colno})"
                    if isinstance(exc, json.JSONDecodeError)
                    else ""
                )
                raise ProgressError(
                    f"{where}: not valid JSON{detail}, so it was not read and has not been changed. "
                    f"Restore it from {where}.bak if that is good, or move it away to start afresh."
                ) from None
            progress = Progress.from_dict(data, where)
        for event in self._journal_events(progress.journal_id):
            progress.apply(event)
        return progress

    def _journal_events(self, journal_id: str) -> Iterator[dict[str, Any]]:
        try:
            raw = self.journal_path.read_bytes()
        except FileNotFoundError:
            return
        except OSError as exc:
            raise _describe_os_error(self.journal_path, exc, "read the journal") from None
        lines = raw.split(b"\n")
        header = _HEADER.match(lines[0]) if lines else None
        if header is None or header.group(1).decode() != journal_id:
            return  # already folded into the JSON (or empty)
        # The last element is the text after the final newline: a torn write, if anything.
        for line in lines[1:-1]:
            try:
                event = json.loads(line)
            except (json.JSONDecodeError, UnicodeDecodeError):
                continue  # torn by a crash mid-write, then closed by the next append's newline
            if _valid_event(event):
                yield event

    # -- writing ---------------------------------------------------------------------------------

    def _write_json(self, progress: Progress) -> None:
        """Atomically replace the JSON, keeping the previous one as the backup."""
        # Temp files are only written with the lock held, so any found now were left by a crash.
        for stale in self.path.parent.glob(f".{self.path.name}.*.tmp"):
            with contextlib.suppress(OSError):
                stale.unlink()
        tmp = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
        data = progress.to_json().encode("utf-8")
        try:
            with open(tmp, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            if self.path.exists():
                bak_tmp = self.backup_path.with_name(self.backup_path.name + ".tmp")
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(bak_tmp)
                try:
                    os.link(self.path, bak_tmp)  # no copy: the old file simply gets a second name
                except OSError:
                    shutil.copyfile(self.path, bak_tmp)  # a file system without hard links
                os.replace(bak_tmp, self.backup_path)
            os.replace(tmp, self.path)
        except OSError as exc:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise _describe_os_error(self.path, exc, "save the progress file") from None
        _fsync_dir(self.path.parent)

    def _journal(self) -> int:
        if self._journal_fd is None:
            try:
                self._journal_fd = os.open(
                    self.journal_path, os.O_RDWR | os.O_CREAT | os.O_APPEND, 0o644
                )
            except OSError as exc:
                raise _describe_os_error(self.journal_path, exc, "open the journal") from None
        return self._journal_fd

    def _current_journal_id(self) -> str:
        """The id in the JSON on disk: a few bytes read, whatever the file's size."""
        try:
            with open(self.path, "rb") as fh:
                head = fh.read(128)
        except FileNotFoundError:
            head = b""
        except OSError as exc:
            raise _describe_os_error(self.path, exc, "read the progress file") from None
        match = _HEADER.match(head)
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

    def append(self, event: dict[str, Any]) -> None:
        """Make ``event`` durable (fsync'd) and apply it in memory. O(1) in the file's size."""
        line = json.dumps(event, ensure_ascii=False).encode("utf-8") + b"\n"
        with self._locked(exclusive=True):
            journal_id = self._current_journal_id()
            fd = self._journal()
            try:
                size = os.fstat(fd).st_size
                head = _read_at(fd, 64, 0) if size else b""
                match = _HEADER.match(head)
                if match is None or match.group(1).decode() != journal_id:
                    self._reset_journal(fd, journal_id)
                elif _read_at(fd, 1, size - 1) != b"\n":
                    os.write(fd, b"\n")  # close a line torn by a crash, so ours stands alone
                os.write(fd, line)
                os.fsync(fd)
            except OSError as exc:
                raise _describe_os_error(self.journal_path, exc, "record the answer") from None
        self.progress.apply(event)
        self._dirty = True

    def fold(self) -> None:
        """Merge the journal into the JSON from disk, atomically; then start an empty journal."""
        with self._locked(exclusive=True):
            merged = self._read_disk()
            merged.journal_id = _new_id()
            self._write_json(merged)
            try:
                self._reset_journal(self._journal(), merged.journal_id)
            except OSError as exc:
                raise _describe_os_error(self.journal_path, exc, "reset the journal") from None
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

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- the operations sessions and commands use ------------------------------------------------

    def record(
        self,
        *,
        key: str,
        time: str,
        rating: int,
        correct: bool,
        answer: str,
        duration_ms: int,
        mode: Mode,
        state: CardState | None,
    ) -> ReviewEntry:
        """Record one answer; with ``state`` (study mode) it also moves the card's schedule."""
        prior = self.progress.cards.get(key)
        event: dict[str, Any] = {
            "op": "review",
            "id": _new_id(),
            "card": key,
            "time": time,
            "rating": rating,
            "correct": correct,
            "answer": answer,
            "duration_ms": duration_ms,
            "mode": mode,
            "new": prior is None,
            "prior_state": prior["state"] if prior else None,
            "state": state if mode == "study" else None,
        }
        self.append(event)
        return self.progress.reviews[-1]  # apply() just appended it

    def undo(self, entry: ReviewEntry, restore: CardState | None) -> None:
        """Take back an answer: remove it from the log and put the card's old state back."""
        self.append(
            {
                "op": "undo",
                "id": _new_id(),
                "review": entry["id"],
                "card": entry["card"],
                "restore": restore,
            }
        )

    def reset(self, keys: Iterable[str]) -> int:
        keys = sorted(set(keys))
        if keys:
            self.append({"op": "reset", "id": _new_id(), "keys": keys})
        return len(keys)

    def set_limits(self, limits: Limits) -> None:
        self.append({"op": "limits", "id": _new_id(), "limits": limits.to_dict()})

    def set_scheduler(self, settings: SchedulerSettings) -> None:
        settings.scheduler  # noqa: B018 - fsrs validates the parameters before anything is written
        self.append({"op": "scheduler", "id": _new_id(), "scheduler": settings.to_dict()})
