"""File-system primitives for the store: locks, positioned reads, directory fsync, and errors
that say what went wrong in words (a full disk, a read-only folder), not errno numbers.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sys
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
