"""Parsed decks kept between runs, so a command reads an unchanged deck without parsing it again.

An entry is found by the deck's path and trusted only when the deck's bytes hash to what the
entry was made from (a same-size edit within the same second changes the hash, not the mtime),
for the same display name, tiesquiz version and cache format; anything else (stale, unreadable,
another version) is rebuilt. Entries are written to a temp file and renamed into place, so a
crash or two processes writing at once leave either a whole entry or none. The cache folder is
the user's own (``~/.cache/tiesquiz/decks``, or ``TIESQUIZ_CACHE``), like their progress file.

Nothing read from it runs code. A folder that is not the user's, or that others may write to,
is not used at all (a shared ``TIESQUIZ_CACHE`` is as good as off), the folders tiesquiz makes
are 0700 whatever the umask, and an entry is read by an unpickler that builds only the deck's own
classes and plain values: anything else in it (a planted ``os.system``) makes the entry unreadable,
and it is rebuilt.

An entry is two pickles: a small header (the key, the file's ``stat`` when it was read, and the
deck's :class:`Summary`), then the parse. ``due`` needs only the summary, and so does finding
which file holds a deck named on the command line: :func:`peek` reads the header alone, and
trusts it without reading the deck when the file's size, times and inode are those it was made
from, and were already more than two seconds old then (git's answer to "racy" timestamps: a
file changed within the clock's resolution of being read is always read again).
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import os
import pickle
import tempfile
import time
import zlib
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from tiesquiz import __version__
from tiesquiz.deck.problems import ParseResult, Problem

if TYPE_CHECKING:
    from tiesquiz.deck.model import Deck

CACHE_FORMAT = 3
#: A file changed this soon before it was read might change again with the same timestamps.
RACY_NS = 2_000_000_000


@dataclass(frozen=True)
class Summary:
    """What ``due`` needs of a deck, and how to find it by id: no cards, no parse."""

    id: str
    title: str
    path: Path
    keys: tuple[str, ...]
    exam: date | None
    errors: int

    @classmethod
    def of(cls, result: ParseResult) -> Summary | None:
        if result.deck is None:
            return None
        return cls.of_deck(result.deck, sum(1 for p in result.problems if p.severity == "error"))

    @classmethod
    def of_deck(cls, deck: Deck, errors: int = 0) -> Summary:
        keys = tuple(c.key for c in deck.cards)
        return cls(deck.id, deck.title, deck.path, keys, deck.exam, errors)


def _fields(*classes: type) -> tuple[tuple[str, tuple[str, ...]], ...]:
    return tuple((c.__name__, tuple(f.name for f in dataclasses.fields(c))) for c in classes)


#: The header's key holds the summary's shape; the parse's key every class's. A checkout whose
#: classes changed shape (with the same version number) never unpickles an entry made by the
#: old ones. (The card classes are imported only to read or write a parse, not a summary.)
SUMMARY_SHAPE = _fields(Summary)


@functools.cache
def _shape() -> tuple[tuple[str, tuple[str, ...]], ...]:
    from tiesquiz.deck.model import CARD_CLASSES, Deck

    return _fields(ParseResult, Problem, Deck, Summary, *CARD_CLASSES.values())


#: What an entry may build: the parse's classes, and the plain values inside them.
_ALLOWED = {
    ("tiesquiz.deck.cache", "Summary"),
    ("tiesquiz.deck.problems", "ParseResult"),
    ("tiesquiz.deck.problems", "Problem"),
    ("tiesquiz.deck.model", "Deck"),
    ("pathlib", "Path"),
    ("pathlib", "PosixPath"),
    ("pathlib", "WindowsPath"),
    ("pathlib", "PurePosixPath"),
    ("pathlib", "PureWindowsPath"),
    ("pathlib._local", "PosixPath"),  # where Python 3.13 keeps them
    ("pathlib._local", "WindowsPath"),
    ("datetime", "date"),
    ("builtins", "frozenset"),
    ("builtins", "set"),
}


class _DataOnly(pickle.Unpickler):
    """An unpickler that builds only what a parse is made of, never a function to call."""

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) in _ALLOWED:
            return super().find_class(module, name)
        if module == "tiesquiz.deck.model":
            from tiesquiz.deck.model import CARD_CLASSES

            if name in {cls.__name__ for cls in CARD_CLASSES.values()}:
                return super().find_class(module, name)
        raise pickle.UnpicklingError(f"a deck cache entry may not build {module}.{name}")


def _load(fh: BinaryIO) -> Any:
    return _DataOnly(fh).load()


def usable(folder: Path) -> bool:
    """The folder is the user's own and no one else may write to it (or it does not exist yet,
    and will be made so). Elsewhere, another user could plant an entry."""
    try:
        info = folder.stat()
    except FileNotFoundError:
        return True
    except OSError:
        return False
    owner_ok = not hasattr(os, "getuid") or info.st_uid == os.getuid()
    return owner_ok and not info.st_mode & 0o022


def _make(folder: Path) -> None:
    """Make the folder and any missing parent 0700, whatever the umask."""
    missing = []
    at = folder
    while not at.exists() and at != at.parent:
        missing.append(at)
        at = at.parent
    for made in reversed(missing):
        made.mkdir(mode=0o700, exist_ok=True)
        made.chmod(0o700)


def signature(info: os.stat_result) -> tuple[int, int, int, int]:
    return (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino)


def digest(data: bytes) -> str:
    import hashlib  # only when a deck's bytes are read (its file changed, or is too fresh)

    return hashlib.blake2b(data, digest_size=20).hexdigest()


def _entry(folder: Path, path: Path) -> Path:
    """The entry's file, named after the deck's path. Two paths with one name would take turns
    in it: the key inside tells them apart."""
    where = str(path.resolve()).encode()
    return folder / f"{zlib.crc32(where):08x}{zlib.adler32(where):08x}.pickle"


def _key(path: Path, display: str, shape: object) -> tuple[object, ...]:
    return (CACHE_FORMAT, __version__, shape, str(path), display)


def _header(
    fh: BinaryIO, path: Path, display: str, *, parse: bool
) -> tuple[str, tuple[int, ...], int, Any]:
    """The entry's header when it is for this file, shown under this name, by this version (and,
    to read the ``parse`` after it, these classes)."""
    summary_key, parse_key, content, sig, built, summary = _load(fh)
    if summary_key != _key(path, display, SUMMARY_SHAPE) or (
        parse and parse_key != _key(path, display, _shape())
    ):
        raise ValueError("another version, file or shape")
    return content, sig, built, summary


def peek(folder: Path, path: Path, display: str, info: os.stat_result) -> Summary | None:
    """The deck's summary, without reading the deck, when the file is provably as it was."""
    if not usable(folder):
        return None
    try:
        with _entry(folder, path).open("rb") as fh:
            _, sig, built, summary = _header(fh, path, display, parse=False)
    except Exception:  # missing, cut short, another format: read the deck
        return None
    if not _trusted(sig, built, info):
        return None
    return summary if isinstance(summary, Summary) else None


def _trusted(sig: tuple[int, ...], built: int, info: os.stat_result) -> bool:
    """The file is as the entry saw it, and was already too old then to change unseen."""
    return sig == signature(info) and built - max(info.st_mtime_ns, info.st_ctime_ns) >= RACY_NS


def load_unchanged(
    folder: Path, path: Path, display: str, info: os.stat_result
) -> ParseResult | None:
    """The cached parse, without reading the deck, when its file is provably as it was."""
    if not usable(folder):
        return None
    try:
        with _entry(folder, path).open("rb") as fh:
            _, sig, built, _ = _header(fh, path, display, parse=True)
            if not _trusted(sig, built, info):
                return None
            result = _load(fh)
    except Exception:  # missing, cut short, another format: read the deck
        return None
    return result if isinstance(result, ParseResult) else None


def load(
    folder: Path, path: Path, display: str, content: str, info: os.stat_result
) -> ParseResult | None:
    """The cached parse of this exact deck text, or None. An entry made while the file was too
    fresh to trust its timestamps is written again once they can be (so :func:`peek` can)."""
    if not usable(folder):
        return None
    try:
        with _entry(folder, path).open("rb") as fh:
            found, sig, built, _ = _header(fh, path, display, parse=True)
            if found != content:
                return None
            result = _load(fh)
    except Exception:  # missing, cut short, another format, not a pickle: rebuild
        return None
    if not isinstance(result, ParseResult):
        return None
    newest = max(info.st_mtime_ns, info.st_ctime_ns)
    if not _trusted(sig, built, info) and time.time_ns() - newest >= RACY_NS:
        store(folder, path, display, content, info, result)
    return result


def store(
    folder: Path,
    path: Path,
    display: str,
    content: str,
    info: os.stat_result,
    result: ParseResult,
) -> None:
    """Keep a parse for next time; a cache that cannot be written is simply not used. ``info``
    is the file's ``stat`` taken before its bytes were read."""
    header = (
        _key(path, display, SUMMARY_SHAPE),
        _key(path, display, _shape()),
        content,
        signature(info),
        time.time_ns(),
        Summary.of(result),
    )
    if not usable(folder):
        return
    with contextlib.suppress(OSError, pickle.PicklingError, RecursionError):
        _make(folder)
        target = _entry(folder, path)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                pickle.dump(header, fh, pickle.HIGHEST_PROTOCOL)
                pickle.dump(result, fh, pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, target)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
