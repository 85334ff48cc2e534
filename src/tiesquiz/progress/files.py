"""File-system primitives for the store: locks, positioned reads, directory fsync, files opened
only when they are regular files (a FIFO or a device would hang a read or swallow answers),
files created 0600 under names nobody could have planted, and errors that say what went wrong
in words (a full disk, a read-only folder), not errno numbers.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

from tiesquiz.errors import ProgressError

if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def lock(fd: int, exclusive: bool) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_LOCK, 1)

    def unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def lock(fd: int, exclusive: bool) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH)

    def unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


@contextlib.contextmanager
def locked(path: Path, exclusive: bool, prepare: Callable[[], None] | None) -> Iterator[None]:
    """Hold the lock file ``path`` (made 0600 when missing), shared or ``exclusive``. With
    ``prepare`` (which makes the folder, or says why it cannot), it is called first; without,
    a folder that cannot be written to is read unlocked (a read-only folder can still be read)."""
    try:
        if prepare is not None:
            prepare()
        fd = os.open(path, os.O_RDWR | os.O_CREAT, PRIVATE)
    except OSError as exc:
        if prepare is None and exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
            yield
            return
        raise describe_os_error(path, exc, "lock the progress file") from None
    try:
        try:
            lock(fd, exclusive)
        except OSError as exc:
            raise describe_os_error(path, exc, "lock the progress file") from None
        try:
            yield
        finally:
            unlock(fd)
    finally:
        os.close(fd)


def read_at(fd: int, size: int, offset: int) -> bytes:
    """``os.pread`` where it exists; a seek and read elsewhere (appends ignore the position)."""
    if hasattr(os, "pread"):
        return os.pread(fd, size, offset)
    os.lseek(fd, offset, os.SEEK_SET)  # pragma: no cover - Windows
    return os.read(fd, size)  # pragma: no cover - Windows


def fsync_dir(path: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def describe_os_error(path: Path, exc: OSError, doing: str) -> ProgressError:
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


#: Opening a FIFO without it returns at once instead of waiting for a writer.
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
#: Files of a progress hold a learner's answers: readable by that learner alone.
PRIVATE = 0o600


class NotRegular(Exception):
    """The path is a FIFO, a device, a socket or a folder, not a file."""


def open_regular(path: Path, flags: int = os.O_RDONLY) -> int:
    """``os.open`` that refuses, without blocking, anything but a regular file (created 0600
    when ``flags`` create it). Raises :class:`NotRegular`, or ``OSError`` as ``os.open`` does."""
    fd = os.open(path, flags | _NONBLOCK, PRIVATE)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise NotRegular(str(path))
        if _NONBLOCK:
            os.set_blocking(fd, True)
    except BaseException:
        os.close(fd)
        raise
    return fd


def not_regular(path: Path) -> ProgressError:
    return ProgressError(
        f"{path}: this is not a regular file (a FIFO, a device or a folder), so it was not "
        "read and nothing was written to it. Move it away, or choose another file with --state."
    )


def read_regular(path: Path) -> bytes:
    """The bytes of the regular file at ``path``. Raises ``FileNotFoundError`` when there is
    none, :class:`ProgressError` when it is not a regular file, ``OSError`` otherwise."""
    try:
        fd = open_regular(path)
    except NotRegular:
        raise not_regular(path) from None
    with os.fdopen(fd, "rb") as fh:
        return fh.read()


def private_temp(target: Path) -> tuple[int, Path]:
    """A new file beside ``target``, open for writing, 0600, under a name made with ``O_EXCL``
    (``mkstemp``): a name planted in the folder (a symlink) can never be written through."""
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    return fd, Path(name)


def private_link(source: Path, target: Path) -> Path:
    """A second name for ``source`` beside ``target`` (a copy where hard links are not
    supported), made under an unplanted temp name, 0600 (a backup is the learner's alone, as
    the file it keeps is); returns that name, to be renamed."""
    fd, tmp = private_temp(target)
    os.close(fd)
    try:
        os.unlink(tmp)
        os.link(source, tmp)
        with contextlib.suppress(OSError):
            os.chmod(tmp, PRIVATE)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE)
        with os.fdopen(fd, "wb") as out, open(source, "rb") as src:
            while chunk := src.read(1 << 20):
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
    return tmp


def read_mark(lock_path: Path) -> bytes:
    """The checksum of the progress file tiesquiz last wrote, kept in its lock file (b"" when
    there is none to read)."""
    try:
        fd = open_regular(lock_path)
    except (OSError, NotRegular):
        return b""
    try:
        return read_at(fd, 8, 0)
    finally:
        os.close(fd)


def write_mark(lock_path: Path, mark: bytes) -> None:
    """Keep ``mark`` in the lock file (its content, which locking does not use). Best effort:
    without it the next read only checks each card once more."""
    with contextlib.suppress(OSError, NotRegular):
        fd = open_regular(lock_path, os.O_WRONLY | os.O_CREAT)
        try:
            os.write(fd, mark)  # at the start: the file was just opened
        finally:
            os.close(fd)
