"""Format 1, fenced: reading it, and the upgrade to format 2. Nothing else reads the old format.

A format 1 file kept every answer inside the JSON (rewritten whole at each session's end) and a
journal beside it (``NAME.json.journal``) for the answers not yet written into the JSON. The
upgrade writes the history (a snapshot of the file's states, its answers, then the journal's
lines as they are) to a temp file and renames it into place; only then is the JSON replaced,
the old one kept as ``NAME.json.v1.bak``, and the journal moved to ``NAME.json.journal.v1.bak``.

An old tiesquiz still running reads the JSON before each answer and refuses format 2, so it
cannot go on adding to a journal nobody reads. When the upgrade was cut short, or the old file
was put back, a format 1 file stands beside a history made from it (``migrated_from``), and an
old tiesquiz may have gone on answering meanwhile (in the journal, or folded into the file): the
next start finishes the upgrade from the history, and every answer and change of the file and
of both journals that the history does not hold yet (by id) is added to it first.

The one entry point is :func:`upgrade`, called by the store when reading the JSON raised
:class:`~tiesquiz.progress.codec.NeedsUpgrade`.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
from dataclasses import dataclass
from operator import itemgetter
from pathlib import Path
from typing import Any

from tiesquiz.errors import ProgressError
from tiesquiz.progress.codec import HEX_ID, parse, read_states, refused
from tiesquiz.progress.disk import ProgressFiles, read_disk, write_json
from tiesquiz.progress.files import (
    NotRegular,
    describe_os_error,
    not_regular,
    open_regular,
    private_link,
    read_at,
    read_regular,
)
from tiesquiz.progress.history import event_line, header_of, torn_tail, write_all, write_history
from tiesquiz.progress.model import REVIEW_FIELDS, CardState, Progress, Review, new_id
from tiesquiz.progress.validate import TIME, valid_event, valid_review

#: The first line of a format 1 journal.
JOURNAL_HEADER = re.compile(rb'^\s*\{\s*"journal_id"\s*:\s*"([0-9a-f]+)"')
_FIELDS = itemgetter(*REVIEW_FIELDS)


def journal_path(files: ProgressFiles) -> Path:
    return files.path.with_name(files.path.name + ".journal")


def moved_journal(files: ProgressFiles) -> Path:
    """Where the journal goes once the upgrade is done: an old tiesquiz that still holds it open
    adds to it there, where the next finish finds it."""
    return files.path.with_name(files.path.name + ".journal.v1.bak")


def format_1_backup(files: ProgressFiles) -> Path:
    return files.path.with_name(files.path.name + ".v1.bak")


@dataclass
class OldFile:
    """A format 1 file: its states and answers, and the journal ids that tell which journal
    still holds answers the file does not."""

    progress: Progress
    journal_id: str
    #: The journal whose answers were last written into the file ("" when none was).
    folded_journal: str

    def extended_by(self, header_id: str) -> bool:
        """Whether a journal with this header holds answers the file does not: it names the
        file itself, or it is newer than the file (a backup put back). A journal naming the
        folded one is in the file already (a crash between writing the file and resetting the
        journal)."""
        if header_id == self.journal_id:
            return True
        return bool(self.folded_journal) and header_id != self.folded_journal


def read_format_1(raw: bytes, where: str) -> OldFile | None:
    """The format 1 file in ``raw``, validated; None when it is not format 1 (another process
    upgraded it while we waited for the lock)."""
    data = parse(raw, where)
    if not isinstance(data, dict) or data.get("version") != 1:
        return None
    progress = read_states(data, where)
    reviews = data.get("reviews")
    journal_id = data.get("journal_id")
    if not isinstance(reviews, list) or not isinstance(journal_id, str):
        raise refused(where, "'cards' must be a mapping and 'reviews' a list")
    if not HEX_ID.fullmatch(journal_id):
        # Anything else would not be recognised in the journal's header, and a session's
        # answers would be set aside as already in the file.
        raise refused(where, f"the journal_id {journal_id[:40]!r} is not 16 lowercase hex digits")
    folded = data.get("folded_journal", "")
    if not isinstance(folded, str) or (folded and not HEX_ID.fullmatch(folded)):
        raise refused(
            where, f"the folded_journal {str(folded)[:40]!r} is not 16 lowercase hex digits"
        )
    log = reviews_of(reviews)
    if log is None:
        bad = next(i for i, entry in enumerate(reviews) if not valid_review(entry))
        raise refused(where, f"review number {bad + 1} in the log is damaged")
    progress.reviews = log
    return OldFile(progress, journal_id, folded)


def reviews_of(entries: list[Any]) -> list[Review] | None:
    """Every entry as a :class:`Review`, or None if any is damaged.

    Runs once per answer in the log (200,000 of them is normal): one pass that checks and builds.
    """
    log: list[Review] = []
    append = log.append
    match = TIME.match
    try:
        for entry in entries:
            if type(entry) is not dict:
                return None
            # KeyError for a missing field
            ident, card, time, rating, correct, answer, ms, mode, new, prior = _FIELDS(entry)
            if not (
                type(ident) is str
                and type(card) is str
                and type(time) is str
                and match(time) is not None
                and rating in (1, 2, 3, 4)
                and mode in ("study", "quiz")
                and type(ms) is int
            ):
                return None
            overruled = entry.get("overruled") is True
            append(
                Review(ident, card, time, rating, correct, answer, ms, mode, new, prior, overruled)
            )
    except KeyError:
        return None
    return log


def journal_events(path: Path, old: OldFile) -> list[dict[str, Any]]:
    """The events of the format 1 journal at ``path`` that the file ``old`` does not hold yet."""
    try:
        raw = read_regular(path)
    except FileNotFoundError:
        return []
    except OSError as exc:
        raise describe_os_error(path, exc, "read the journal") from None
    lines = raw.split(b"\n")
    header = JOURNAL_HEADER.match(lines[0]) if lines else None
    if header is None or not old.extended_by(header.group(1).decode()):
        return []  # already in the JSON (or empty)
    found = []
    # The last element is the text after the final newline: a torn write, if anything.
    for line in lines[1:-1]:
        try:
            event = json.loads(line)
        except (json.JSONDecodeError, UnicodeDecodeError):
            continue  # torn by a crash mid-write, then closed by the next append's newline
        if valid_event(event):
            found.append(event)
    return found


def upgrade(files: ProgressFiles) -> str:
    """Move a format 1 file's answers into a new history, or finish that from the history made
    from it (call with the exclusive lock). Returns what to tell the learner ("" when there was
    nothing to upgrade)."""
    try:
        old = read_format_1(read_regular(files.path), str(files.path))
    except FileNotFoundError:
        return ""
    except OSError as exc:
        raise describe_os_error(files.path, exc, "read the progress file") from None
    if old is None:
        return ""
    journal = [
        e for p in (journal_path(files), moved_journal(files)) for e in journal_events(p, old)
    ]
    if _history_header(files) is None:
        old.progress.log_id = new_id()
        lines = [event_line(event) for event in journal]
        write_history(files.history_path, old.progress, after=lines, migrated_from=old.journal_id)
        said = "upgraded to progress format 2"
    else:
        added = _finish(files, old, journal)
        said = "finished the upgrade to progress format 2" + (
            f" ({added} answer{'s' if added != 1 else ''} given meanwhile with an older "
            "tiesquiz added to the history)"
            if added
            else ""
        )
    _keep(files.path, format_1_backup(files))
    new, size = read_disk(files, None, answers=False, states=False)
    new.log_bytes = size
    write_json(files, new)
    with contextlib.suppress(FileNotFoundError):
        os.replace(journal_path(files), moved_journal(files))
    return (
        f"{files.path}: {said}. Your answers are now kept in {files.history_path.name}, which "
        f"is only ever added to; the old file is kept as {format_1_backup(files).name}."
    )


def _keep(path: Path, backup: Path) -> None:
    """``backup`` becomes a second name of ``path`` (a copy where links are not supported)."""
    try:
        os.replace(private_link(path, backup), backup)
    except OSError as exc:
        raise describe_os_error(backup, exc, "keep the old file") from None


def _history_header(files: ProgressFiles) -> dict[str, Any] | None:
    """The header of the history beside the file, None when there is none (or it is empty)."""
    try:
        fd = open_regular(files.history_path)
    except FileNotFoundError:
        return None
    except NotRegular:
        raise not_regular(files.history_path) from None
    except OSError as exc:
        raise describe_os_error(files.history_path, exc, "read the history") from None
    try:
        if os.fstat(fd).st_size == 0:
            return None
        first = read_at(fd, 4096, 0).split(b"\n", 1)[0]
    finally:
        os.close(fd)
    return header_of(first) or {}


#: An event's id as it appears in a line of the history (written by orjson or by hand). Inside a
#: JSON string a quote is escaped, so this only ever finds the key itself.
_ID = re.compile(rb'"id"\s*:\s*"([^"\\]*)"')
#: An answer's id and card, as tiesquiz writes them.
_ANSWER = re.compile(rb'"id":"[^"\\]*","card":"(?:[^"\\]|\\.)*"')


def _finish(files: ProgressFiles, old: OldFile, journal: list[dict[str, Any]]) -> int:
    """Add to the history made from ``old`` (or from a file it came from) what it does not
    hold yet: the file's answers (those an old tiesquiz folded in since) and the journals'
    events. Returns how many answers were added."""
    try:
        fd = open_regular(files.history_path, os.O_RDWR | os.O_APPEND)
    except NotRegular:
        raise not_regular(files.history_path) from None
    except OSError as exc:
        raise describe_os_error(files.history_path, exc, "read the history") from None
    try:
        header = header_of(read_at(fd, 4096, 0).split(b"\n", 1)[0])
        size = os.fstat(fd).st_size
        size -= torn_tail(fd, size)  # a finish cut short by a crash, maybe
        raw = read_at(fd, size, 0)
        ids = {m[1].decode("utf-8", "replace") for m in _ID.finditer(raw)}
        if header is None or not _related(header, old, raw):
            raise _not_made_from(files)
        os.ftruncate(fd, size)
        missing = _missing(old, journal, ids)
        if missing:
            write_all(fd, b"".join(map(event_line, missing)))
            os.fsync(fd)
    except OSError as exc:
        raise describe_os_error(files.history_path, exc, "finish the upgrade") from None
    finally:
        os.close(fd)
    return sum(event["op"] == "review" for event in missing)


def _related(header: dict[str, Any], old: OldFile, raw: bytes) -> bool:
    """Whether the history was made from this file or one it comes from (an old tiesquiz may
    have folded its journal into a new file since): it names the file's journal, or holds one
    of its answers (the same id, to the same card)."""
    made_from = header.get("migrated_from")
    if made_from and made_from in (old.journal_id, old.folded_journal):
        return True
    answers = {m[0] for m in _ANSWER.finditer(raw)}
    return any(
        b'"id":%s,"card":%s' % (_quoted(r.id), _quoted(r.card)) in answers
        for r in old.progress.reviews
    )


def _quoted(text: str) -> bytes:
    """``text`` as a JSON string, as the history holds it."""
    return event_line({"": text})[4:-2]


def _missing(old: OldFile, journal: list[dict[str, Any]], ids: set[str]) -> list[dict[str, Any]]:
    """The file's answers and the journals' events the history does not hold, in order. The
    last of a card's answers carries the card's schedule in the file: an answer folded in by
    an old tiesquiz moved it."""
    found: list[dict[str, Any]] = []
    last: dict[str, int] = {}
    for entry in old.progress.reviews:
        if entry.id not in ids:
            ids.add(entry.id)
            if entry.mode == "study":
                last[entry.card] = len(found)
            found.append(entry.event(None))
    cards: dict[str, CardState] = old.progress.cards
    for card, at in last.items():
        if card in cards:
            found[at]["state"] = cards[card]
    for event in journal:
        ident = event.get("id")
        if isinstance(ident, str) and ident not in ids:
            ids.add(ident)
            found.append(event)
    return found


def _not_made_from(files: ProgressFiles) -> ProgressError:
    return refused(
        str(files.path),
        f"it is in the old format 1, and the history {files.history_path} beside it was not "
        "made from it; move one of them away (move this file away to keep the history's "
        "progress, or the history away to upgrade this file on its own)",
    )
