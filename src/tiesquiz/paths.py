"""Where tiesquiz keeps a learner's data, and how a file someone names is read."""

from __future__ import annotations

import os
import stat
from pathlib import Path


def default_state_path() -> Path:
    return default_data_dir() / "progress.json"


def default_data_dir() -> Path:
    """This machine's own data folder: the default progress, and the machine's id, which a
    progress folder shared with other machines must not hold (``TIESQUIZ_DATA`` names
    another)."""
    import platformdirs

    return platformdirs.user_data_path("tiesquiz")


def default_cache_dir() -> Path:
    """Where parsed decks are cached: the user's cache folder, which may be emptied at any time."""
    import platformdirs

    return platformdirs.user_cache_path("tiesquiz") / "decks"


class NotAFile(OSError):
    """A FIFO, a device, a socket or a folder where a file was named: reading it would wait for
    a writer, or never end."""


class TooBig(OSError):
    """A file larger than the reader takes; nothing of it was read."""

    def __init__(self, path: Path, size: int, limit: int) -> None:
        super().__init__(f"{path}: {size:,} bytes, over the limit of {limit:,}")
        self.size = size
        self.limit = limit


def read_regular(path: Path, limit: int) -> bytes:
    """The bytes of ``path``, which must be a regular file of at most ``limit`` bytes; opened
    without waiting (a FIFO would block ``open`` until someone writes to it) and checked on the
    open file, so a name swapped for a FIFO after a check is refused too."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(path, flags | getattr(os, "O_BINARY", 0))
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise NotAFile(f"{path}: not a regular file")
        if info.st_size > limit:
            raise TooBig(path, info.st_size, limit)
        chunks = []
        left = limit + 1  # a file that grows while it is read is still cut off
        while left > 0 and (chunk := os.read(fd, min(left, 1 << 20))):
            chunks.append(chunk)
            left -= len(chunk)
    finally:
        os.close(fd)
    data = b"".join(chunks)
    if len(data) > limit:
        raise TooBig(path, len(data), limit)
    return data
