"""Files written whole or not at all: a temp file beside the target, fsync'd, then renamed.

A crash, a kill or a full disk in the middle leaves the old file (or none) in place, never half a
file: an .apkg cut mid-write would be a broken zip, a deck cut mid-write a broken deck.

The temp file lives in a folder of its own that ``mkdtemp`` creates (``O_EXCL``, mode 0700) beside
the target, so no name in it can have been planted: in a hand-in folder others can write to, a
symlink at a predictable temp name would otherwise send the write to a file of the writer's
elsewhere. The rename replaces the target's own entry (a symlink there is replaced, not followed).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path


@contextlib.contextmanager
def replacing(path: Path) -> Iterator[Path]:
    """A temp path to write to; on success it is fsync'd and renamed over ``path``."""
    folder = Path(tempfile.mkdtemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent))
    tmp = folder / path.name
    try:
        yield tmp
        fd = os.open(tmp, os.O_RDWR | getattr(os, "O_NOFOLLOW", 0))
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def taken(path: Path) -> bool:
    """Something is at ``path``: a file, or a link (even one that points nowhere). A command
    replaces it only with ``--force``: a link planted in a shared folder is never written over
    unasked."""
    return path.exists() or path.is_symlink()


def write_atomic(path: Path, text: str, *, newline: str | None = None) -> None:
    """Write ``text`` (UTF-8) to ``path`` whole or not at all."""
    with replacing(path) as tmp, open(tmp, "w", encoding="utf-8", newline=newline) as fh:
        fh.write(text)
