"""The history of answers read for ``stats``: the answers summed on an earlier run (a ledger
kept in the cache folder), and the rest read as answers.

``stats`` needs every answer, and the history only grows. So a run sums the answers older than
:data:`KEEP` (see :mod:`.earlier` for what of them is kept) into a ledger, kept beside the deck
cache (``stats/`` in it) with where in the history it stops and the SHA-256 of every byte before
that point. The next run uses it when the history still begins with those very bytes
(each byte is hashed again, so an edit anywhere is seen), and reads only what follows, exactly
as the progress store does: each line checked, a copied answer counted once, an undo applied.

A ledger is used only when nothing after it acts on what it summed (a reset or its undo, an
undo of an answer in it, a second copy of one of its answers); then, and when there is none,
the whole history is read, and a new ledger made where that is sound. A damaged ledger, or one
from another history, is never used. ``TIESQUIZ_CACHE=off`` keeps none. Nothing is locked: only whole lines are read, and the
history is only ever appended to, or replaced whole (``repair``), which leaves this reader the
file it opened.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import os
import re
import sys
import tempfile
import zlib
from array import array
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import orjson

from tiesquiz.clock import iso
from tiesquiz.memory import bulk_loading
from tiesquiz.progress.disk import ProgressFiles, replay
from tiesquiz.progress.files import open_regular, read_at
from tiesquiz.progress.history import DamagedLine, events, read_header, start_of_recent, torn_tail
from tiesquiz.progress.model import Progress, Review
from tiesquiz.stats.earlier import Counts, Earlier, Reviewed

FORMAT = 2
#: Answers older than this are summed: the day's are read one by one, so that taking one back
#: (``u`` in a session) never reaches into the ledger.
KEEP = timedelta(days=1)
#: A ledger is written again once this much of the history has aged past it.
REWRITE = 256 * 1024
_CHUNK = 1 << 20
_NO_STATES = 1 << 62
_ACTS_ON_ANSWERS = re.compile(rb'"op"\s*:\s*"(?:un)?reset"')


class Crossing(Exception):
    """Something after the ledger acts on an answer it summed."""


@dataclass
class Ledger:
    log_id: str
    #: Where in the history the answers summed end (a line's start), and the hash before it.
    end: int
    digest: str
    #: The ids of every answer summed (hashed to 64 bits, sorted): a second copy is seen.
    ids: array  # type: ignore[type-arg]
    earlier: Earlier = field(default_factory=Earlier)


@dataclass
class Gathered:
    """The answers ``stats`` counts: summed before, then each one read."""

    earlier: Earlier
    recent: list[Review]


def id_hash(review_id: str) -> int:
    return int.from_bytes(hashlib.blake2b(review_id.encode(), digest_size=8).digest(), "big")


def _known(ids: array, review_id: str) -> bool:  # type: ignore[type-arg]
    import bisect

    value = id_hash(review_id)
    at = bisect.bisect_left(ids, value)
    return at < len(ids) and ids[at] == value


# -- reading the history ---------------------------------------------------------------------


class _Reader:
    """The history's whole lines from ``start``, read into one answers-only progress."""

    def __init__(self, files: ProgressFiles, fd: int, ledger: Ledger | None) -> None:
        self.files, self.fd, self.ledger = files, fd, ledger
        self.progress = Progress.empty()
        #: The ids of the answers read before the cut, once the reading has passed it.
        self.before: set[str] | None = None
        #: A reset, or an undo, after the cut reached the answers read before it.
        self.touched_before = False

    def read(self, start: int, end: int, hasher: Any = None) -> None:
        raw = read_at(self.fd, end - start, start) if end > start else b""
        if hasher is not None:
            hasher.update(raw)
        if self.ledger is not None and _ACTS_ON_ANSWERS.search(raw):
            raise Crossing
        try:
            for _, event in events(raw, start, _NO_STATES):
                self._apply(event)
        except DamagedLine:
            replay(self.files, Progress.empty(), raw, start)  # raises, naming the line
            raise

    def _apply(self, event: dict[str, Any]) -> None:
        op, ledger, before = event["op"], self.ledger, self.before
        if op == "review" and ledger is not None and _known(ledger.ids, event["id"]):
            raise Crossing  # a second copy of an answer summed: it must count once
        if op == "undo":
            if ledger is not None and _known(ledger.ids, event["review"]):
                raise Crossing
            self.touched_before |= before is not None and event["review"] in before
        elif op in ("reset", "unreset"):
            self.touched_before |= before is not None
        self.progress.apply(event, states=False)


def whole_size(fd: int) -> int:
    size = os.fstat(fd).st_size
    return size - torn_tail(fd, size) if size else 0


def prefix_digest(fd: int, end: int) -> Any:
    hasher = hashlib.sha256()
    for at in range(0, end, _CHUNK):
        hasher.update(read_at(fd, min(_CHUNK, end - at), at))
    return hasher


@bulk_loading()
def gather(
    files: ProgressFiles, now: datetime, folder: Path | None, *, use: bool = True
) -> Gathered:
    """Every answer in the history, as :class:`Gathered`: with a ledger from ``folder`` when
    one can be used (and ``use``), kept up to date there (None: no ledger at all)."""
    try:
        fd = open_regular(files.history_path)
    except FileNotFoundError:
        return Gathered(Earlier(), [])
    try:
        header = read_header(fd)
        size = whole_size(fd)
        if header is None or size == 0:
            return Gathered(Earlier(), [])
        log_id = str(header["log_id"])
        found = load(folder, files, fd, log_id, size) if use and folder else None
        if found is not None:
            with contextlib.suppress(Crossing):
                return _gather(files, fd, (size, now, log_id), found, folder)
        return _gather(files, fd, (size, now, log_id), None, folder)
    finally:
        os.close(fd)


def _gather(
    files: ProgressFiles,
    fd: int,
    at: tuple[int, datetime, str],
    found: tuple[Ledger, Any] | None,
    folder: Path | None,
) -> Gathered:
    """The answers after the ledger ``found`` (with its prefix's hasher), or all of them."""
    size, now, log_id = at
    ledger, hasher = found if found is not None else (None, hashlib.sha256())
    start = ledger.end if ledger is not None else 0
    earlier = ledger.earlier if ledger is not None else Earlier()
    cut = max(start, start_of_recent(fd, size, iso(now - KEEP)))
    reader = _Reader(files, fd, ledger)
    reader.read(start, cut, hasher)
    aged = list(reader.progress.reviews)
    reader.before = aged_ids = set(reader.progress.review_ids)
    reader.read(cut, size)
    everything = reader.progress.reviews
    if reader.touched_before:  # the answers before the cut changed after it: count them as read
        return Gathered(earlier, everything)
    if folder is None or cut == start or (ledger is not None and cut - start < REWRITE):
        return Gathered(earlier, everything)
    summed = earlier.added(aged)
    ids = [*(ledger.ids if ledger is not None else ()), *map(id_hash, aged_ids)]
    save(folder, files, Ledger(log_id, cut, hasher.hexdigest(), array("Q", sorted(ids)), summed))
    return Gathered(summed, everything[len(aged) :])


# -- the ledger's file -----------------------------------------------------------------------


def _path(folder: Path, files: ProgressFiles) -> Path:
    where = os.fsencode(files.history_path.resolve())
    return folder / "stats" / f"{zlib.crc32(where):08x}{zlib.adler32(where):08x}.json"


def _b64(data: array) -> str:  # type: ignore[type-arg]
    return base64.b64encode(data.tobytes()).decode("ascii")


def _array(kind: str, text: Any) -> array:  # type: ignore[type-arg]
    found = array(kind)
    found.frombytes(base64.b64decode(text, validate=True))
    return found


def encode(ledger: Ledger) -> bytes:
    return orjson.dumps(
        {
            "format": FORMAT,
            "byteorder": sys.byteorder,
            "log_id": ledger.log_id,
            "end": ledger.end,
            "digest": ledger.digest,
            "ids": _b64(ledger.ids),
            "keys": ledger.earlier.keys,
            "counts": _b64(ledger.earlier.counts),
            "overruled": ledger.earlier.overruled,
            "decks": {
                d: [_b64(c.quarters), _b64(c.answers), _b64(c.ms)]
                for d, c in ledger.earlier.decks.items()
            },
            "reviewed": {
                d: [_b64(r.times), _b64(r.right)] for d, r in ledger.earlier.reviewed.items()
            },
        }
    )


def decode(raw: bytes) -> Ledger:
    """The ledger in ``raw``; ValueError (or another error) when it is not a sound one."""
    data = orjson.loads(raw)
    if data["format"] != FORMAT or data["byteorder"] != sys.byteorder:
        raise ValueError("another format")
    keys, tallies = data["keys"], _array("q", data["counts"])
    if len(tallies) != 3 * len(keys) or not all(type(k) is str for k in keys):
        raise ValueError("not counts")
    overruled = data["overruled"]
    if not all(type(v) is list and all(type(a) is str for a in v) for v in overruled.values()):
        raise ValueError("not answers")
    decks = {}
    for deck, (quarters, answers, ms) in data["decks"].items():
        counts = Counts(_array("q", quarters), _array("q", answers), _array("q", ms))
        if not len(counts.quarters) == len(counts.answers) == len(counts.ms):
            raise ValueError("not counts")
        decks[str(deck)] = counts
    reviewed = {}
    for deck, (times, right) in data["reviewed"].items():
        reviewed[str(deck)] = Reviewed(_array("q", times), _array("q", right))
        if len(reviewed[str(deck)].times) != len(reviewed[str(deck)].right):
            raise ValueError("not counts")
    earlier = Earlier(keys, tallies, overruled, decks, reviewed)
    fields = (str(data["log_id"]), int(data["end"]), str(data["digest"]))
    return Ledger(*fields, _array("Q", data["ids"]), earlier)


def load(
    folder: Path | None,
    files: ProgressFiles,
    fd: int,
    log_id: str,
    size: int,
) -> tuple[Ledger, Any] | None:
    """The ledger kept for this history, with the hasher of the bytes it covers, when the
    history still begins with them; else None."""
    from tiesquiz.deck.cache import usable

    if folder is None or not usable(folder):
        return None
    try:
        entry = open_regular(_path(folder, files), os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        try:
            ledger = decode(read_at(entry, os.fstat(entry).st_size, 0))
        finally:
            os.close(entry)
    except Exception:  # missing, cut short, planted, another format: read the history whole
        return None
    if ledger.log_id != log_id or not 0 < ledger.end <= size:
        return None
    hasher = prefix_digest(fd, ledger.end)
    return (ledger, hasher) if hasher.hexdigest() == ledger.digest else None


def save(folder: Path, files: ProgressFiles, ledger: Ledger) -> None:
    """Keep the ledger for next time, written whole or not at all; a folder that cannot take it
    (or is not private) simply keeps none."""
    from tiesquiz.deck.cache import make_private, usable

    if not usable(folder):
        return
    target = _path(folder, files)
    with contextlib.suppress(OSError):
        make_private(target.parent)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(encode(ledger))
            os.replace(tmp, target)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
