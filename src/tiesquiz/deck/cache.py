"""Parsed decks kept between runs, so a command reads an unchanged deck without parsing it again.

An entry is found by the deck's path and trusted only when the deck's bytes hash to what the
entry was made from (a same-size edit within the same second changes the hash, not the mtime),
for the same display name, tiesquiz version and cache format; anything else (stale, unreadable,
another version) is rebuilt. Entries are written to a temp file and renamed into place, so a
crash or two processes writing at once leave either a whole entry or none. The cache folder is
the user's own (``~/.cache/tiesquiz/decks``, or ``TIESQUIZ_CACHE``), like their progress file.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import os
import pickle
import tempfile
from pathlib import Path

from tiesquiz import __version__
from tiesquiz.deck.model import CARD_CLASSES, Deck
from tiesquiz.deck.problems import ParseResult, Problem

CACHE_FORMAT = 1
#: The fields of every class an entry holds: a checkout whose classes changed shape (with the
#: same version number) never unpickles an entry made by the old ones.
SHAPE = tuple(
    (cls.__name__, tuple(f.name for f in dataclasses.fields(cls)))
    for cls in (ParseResult, Problem, Deck, *CARD_CLASSES.values())
)


def digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=20).hexdigest()


def _entry(folder: Path, path: Path) -> Path:
    name = hashlib.blake2b(str(path.resolve()).encode(), digest_size=16).hexdigest()
    return folder / f"{name}.pickle"


def _key(path: Path, display: str, content: str) -> tuple[object, ...]:
    return (CACHE_FORMAT, __version__, SHAPE, str(path), display, content)


def load(folder: Path, path: Path, display: str, content: str) -> ParseResult | None:
    """The cached parse of this exact deck text, or None."""
    try:
        with _entry(folder, path).open("rb") as fh:
            key, result = pickle.load(fh)
    except Exception:  # missing, cut short, another format, not a pickle: rebuild
        return None
    if key != _key(path, display, content) or not isinstance(result, ParseResult):
        return None
    return result


def store(folder: Path, path: Path, display: str, content: str, result: ParseResult) -> None:
    """Keep a parse for next time; a cache that cannot be written is simply not used."""
    with contextlib.suppress(OSError, pickle.PicklingError, RecursionError):
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        target = _entry(folder, path)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                pickle.dump((_key(path, display, content), result), fh, pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, target)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
