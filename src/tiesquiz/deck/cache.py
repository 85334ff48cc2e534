"""Parsed decks kept between runs, so a command reads an unchanged deck without parsing it again.

An entry is found by the deck's real path and trusted only when the deck's bytes hash to what
the entry was made from (a same-size edit within the same second changes the hash, not the
mtime), for the same real path, tiesquiz version, cache format and classes, whatever the folder
the command runs in or the name the deck goes by there; anything else
(stale, unreadable, another version) is rebuilt. Entries are written to a temp file and renamed
into place, so a crash or two processes writing at once leave either a whole entry or none. The
cache folder is the user's own (``~/.cache/tiesquiz/decks``, or ``TIESQUIZ_CACHE``).

Nothing read from it runs code: an entry is JSON, read with orjson and checked like any input
(:mod:`.cache_codec`), under a checksum of its parse. A planted or damaged entry, a FIFO or a
link where an entry should be, can at worst be rebuilt. A folder that is not the user's, or that
others may write to, is not used at all (a shared ``TIESQUIZ_CACHE`` is as good as off, and
that is said once), and the folders tiesquiz makes are 0700 whatever the umask.

An entry is two lines: a header (the keys, the file's ``stat`` when it was read, and the deck's
:class:`Summary`), then the parse. ``due`` needs only the summary, and so does finding which
file holds a deck named on the command line: :func:`peek` reads the header alone, and trusts it
without reading the deck when the file's size, times and inode are those it was made from, and
were already more than two seconds old then (git's answer to "racy" timestamps: a file changed
within the clock's resolution of being read is always read again).
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import os
import stat
import sys
import tempfile
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson

from tiesquiz import __version__
from tiesquiz.deck.problems import ParseResult, Problem
from tiesquiz.safety import safe

if TYPE_CHECKING:
    from tiesquiz.deck.model import Deck

CACHE_FORMAT = 4
#: A file changed this soon before it was read might change again with the same timestamps.
RACY_NS = 2_000_000_000
#: An entry bigger than this (a 5 MB deck makes about 5 MB) is not read: it is not one of ours.
MAX_ENTRY_BYTES = 64 * 1024 * 1024


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
#: classes changed shape (with the same version number) never reads an entry made by the old
#: ones. (The card classes are imported only to read or write a parse, not a summary.)
SUMMARY_SHAPE = _fields(Summary)


@functools.cache
def _shape() -> tuple[tuple[str, tuple[str, ...]], ...]:
    from tiesquiz.deck.model import CARD_CLASSES, Deck

    return _fields(ParseResult, Problem, Deck, Summary, *CARD_CLASSES.values())


# -- the folder ----------------------------------------------------------------------------------

#: Folders already said to be unusable in this process: it is said once, not for every deck.
_told: set[Path] = set()


def usable(folder: Path) -> bool:
    """The folder is the user's own and no one else may write to it (or it does not exist yet,
    and will be made so). Elsewhere, another user could plant an entry: the cache is not used,
    and that is said once on standard error."""
    try:
        info = folder.stat()
    except FileNotFoundError:
        return True
    except OSError:
        return False
    mine = not hasattr(os, "getuid") or info.st_uid == os.getuid()
    if mine and not info.st_mode & 0o022:
        return True
    if folder not in _told:
        _told.add(folder)
        why = "is not yours" if not mine else "may be written by others"
        print(
            f"tiesquiz: the deck cache folder {safe(str(folder), multiline=False)} {why}, so it "
            "is not used (decks are read afresh); make it private (chmod 700) or set "
            "TIESQUIZ_CACHE to a folder of your own, or to 'off'",
            file=sys.stderr,
        )
    return False


def make_private(folder: Path) -> None:
    """Make the folder and any missing parent 0700, whatever the umask."""
    missing = []
    at = folder
    while not at.exists() and at != at.parent:
        missing.append(at)
        at = at.parent
    for made in reversed(missing):
        made.mkdir(mode=0o700, exist_ok=True)
        made.chmod(0o700)


# -- keys and names ------------------------------------------------------------------------------


def signature(info: os.stat_result) -> tuple[int, int, int, int]:
    return (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino)


def digest(data: bytes) -> str:
    import hashlib  # only when a deck's bytes are read (its file changed, or is too fresh)

    return hashlib.blake2b(data, digest_size=20).hexdigest()


@functools.lru_cache(maxsize=256)
def _real(path: Path) -> bytes:
    """The deck's real path (links and ``..`` resolved), as the file system has it (a name that
    is not UTF-8 too): the same file has one entry, from whatever folder it is named."""
    return os.fsencode(path.resolve())


def _entry(folder: Path, path: Path) -> Path:
    """The entry's file, named after the deck's real path. Two paths with one name would take
    turns in it: the key tells them apart."""
    where = _real(path)
    return folder / f"{zlib.crc32(where):08x}{zlib.adler32(where):08x}.json"


@functools.cache
def _made_by(shape: object) -> str:
    return repr((CACHE_FORMAT, __version__, shape))


def _key(path: Path, shape: object) -> str:
    """What an entry is for: the deck's real path, and what made it. Not the name the deck goes
    by here (relative to the current folder, or through a link): the parse is put back under
    whatever name it is read by (see :mod:`.cache_codec`), so one deck used from two folders
    has one entry, not two taking turns."""
    return f"{_real(path)!r} {_made_by(shape)}"


# -- reading -------------------------------------------------------------------------------------

_HEADER = {"summary_key", "parse_key", "content", "sig", "built", "summary", "check"}


def _read(
    folder: Path, path: Path, *, body: bool, wanted: Callable[[dict[str, Any]], bool] | None = None
) -> tuple[dict[str, Any], bytes]:
    """The entry's header and (with ``body``) the parse's bytes: none when the header is not
    ``wanted`` (an entry for other text is not read past its first line). Only a regular file
    is read, never through a link, and opening it never waits (a FIFO planted there would)."""
    flags = os.O_RDONLY | os.O_NONBLOCK
    flags |= getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(_entry(folder, path), flags)
    with open(fd, "rb") as fh:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_ENTRY_BYTES:
            raise ValueError("not a deck cache entry")
        header = orjson.loads(fh.readline())
        if type(header) is not dict or header.keys() != _HEADER:
            raise ValueError("not a deck cache entry")
        body = body and (wanted is None or wanted(header))
        rest = fh.read() if body else b""
    if body and header["check"] != zlib.crc32(rest):
        raise ValueError("the entry is damaged")
    return header, rest


def _trusted(header: dict[str, Any], info: os.stat_result) -> bool:
    """The file is as the entry saw it, and was already too old then to change unseen."""
    built = header["built"]
    return (
        header["sig"] == list(signature(info))
        and type(built) is int
        and built - max(info.st_mtime_ns, info.st_ctime_ns) >= RACY_NS
    )


def _summary(raw: Any, path: Path) -> Summary | None:
    from tiesquiz.deck.cache_codec import READERS

    if type(raw) is not dict or raw.keys() != {"id", "title", "keys", "exam", "errors"}:
        return None
    return Summary(
        READERS["str"](raw["id"]),
        READERS["str"](raw["title"]),
        path,
        READERS["tuple[str, ...]"](raw["keys"]),
        READERS["date | None"](raw["exam"]),
        READERS["int"](raw["errors"]),
    )


def _parse(header: dict[str, Any], rest: bytes, path: Path, display: str) -> ParseResult:
    from tiesquiz.deck.cache_codec import decode_parse

    if header["parse_key"] != _key(path, _shape()):
        raise ValueError("another version, file or shape")
    return decode_parse(orjson.loads(rest), path, display)


def peek(folder: Path, path: Path, display: str, info: os.stat_result) -> Summary | None:
    """The deck's summary, without reading the deck, when the file is provably as it was."""
    if not usable(folder):
        return None
    try:
        header, _ = _read(folder, path, body=False)
        if header["summary_key"] != _key(path, SUMMARY_SHAPE):
            return None
        return _summary(header["summary"], path) if _trusted(header, info) else None
    except Exception:  # missing, cut short, another format, planted: read the deck
        return None


def load_unchanged(
    folder: Path, path: Path, display: str, info: os.stat_result
) -> ParseResult | None:
    """The cached parse, without reading the deck, when its file is provably as it was."""
    if not usable(folder):
        return None
    try:
        header, rest = _read(folder, path, body=True, wanted=lambda h: _trusted(h, info))
        return _parse(header, rest, path, display) if _trusted(header, info) else None
    except Exception:  # missing, cut short, another format, planted: read the deck
        return None


def load(
    folder: Path, path: Path, display: str, content: str, info: os.stat_result
) -> ParseResult | None:
    """The cached parse of this exact deck text, or None. An entry made while the file was too
    fresh to trust its timestamps is written again once they can be (so :func:`peek` can)."""
    if not usable(folder):
        return None
    try:
        header, rest = _read(folder, path, body=True, wanted=lambda h: h["content"] == content)
        if header["content"] != content:
            return None
        result = _parse(header, rest, path, display)
    except Exception:  # missing, cut short, another format, planted: rebuild
        return None
    newest = max(info.st_mtime_ns, info.st_ctime_ns)
    if not _trusted(header, info) and time.time_ns() - newest >= RACY_NS:
        store(folder, path, display, content, info, result)
    return result


# -- writing -------------------------------------------------------------------------------------


def _encode(
    path: Path, display: str, content: str, info: os.stat_result, result: ParseResult
) -> bytes:
    from tiesquiz.deck.cache_codec import encode_parse, plain

    summary = Summary.of(result)
    body = orjson.dumps(encode_parse(result, display), default=plain)
    header = {
        "summary_key": _key(path, SUMMARY_SHAPE),
        "parse_key": _key(path, _shape()),
        "content": content,
        "sig": signature(info),
        "built": time.time_ns(),
        "summary": None
        if summary is None
        else {
            "id": summary.id,
            "title": summary.title,
            "keys": summary.keys,
            "exam": summary.exam,
            "errors": summary.errors,
        },
        "check": zlib.crc32(body),
    }
    return orjson.dumps(header) + b"\n" + body


def store(
    folder: Path,
    path: Path,
    display: str,
    content: str,
    info: os.stat_result,
    result: ParseResult,
) -> None:
    """Keep a parse for next time; a cache that cannot be written is simply not used (nor is
    a parse JSON cannot hold). ``info`` is the file's ``stat`` taken before its bytes were read."""
    if not usable(folder):
        return
    with contextlib.suppress(OSError, TypeError, ValueError):
        data = _encode(path, display, content, info, result)
        make_private(folder)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, _entry(folder, path))
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
        # The pickle an earlier release kept for this deck, which nothing reads now.
        os.unlink(_entry(folder, path).with_suffix(".pickle"))
