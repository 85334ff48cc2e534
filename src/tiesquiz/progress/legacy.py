"""Format 1, fenced: reading it, and the upgrade to format 2. Nothing else reads the old format.

A format 1 file kept every answer inside the JSON (rewritten whole at each session's end) and a
journal beside it (``NAME.json.journal``) for the answers not yet written into the JSON. The
upgrade writes the history (a snapshot of every card's state, then the answers) to a temp file
and renames it into place; only then is the JSON replaced, the old one kept as
``NAME.json.v1.bak``. A crash in between leaves a history that names the file it came from
(``migrated_from``), which the next start recognises and finishes from.

The one entry point is :func:`upgrade`, called by the store when reading the JSON raised
:class:`~tiesquiz.progress.codec.NeedsUpgrade`.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from operator import itemgetter
from pathlib import Path
from typing import Any

from tiesquiz.progress.codec import HEX_ID, parse, read_states, refused
from tiesquiz.progress.disk import ProgressFiles, read_disk, write_json
from tiesquiz.progress.files import describe_os_error
from tiesquiz.progress.history import read_header, write_history
from tiesquiz.progress.model import REVIEW_FIELDS, Progress, Review, new_id
from tiesquiz.progress.validate import TIME, valid_event, valid_review

#: The first line of a format 1 journal.
JOURNAL_HEADER = re.compile(rb'^\s*\{\s*"journal_id"\s*:\s*"([0-9a-f]+)"')
_FIELDS = itemgetter(*REVIEW_FIELDS)


def journal_path(files: ProgressFiles) -> Path:
    return files.path.with_name(files.path.name + ".journal")


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


def journal_events(path: Path, old: OldFile) -> Iterator[dict[str, Any]]:
    """The events of the format 1 journal at ``path`` that the file ``old`` does not hold yet."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return
    except OSError as exc:
        raise describe_os_error(path, exc, "read the journal") from None
    lines = raw.split(b"\n")
    header = JOURNAL_HEADER.match(lines[0]) if lines else None
    if header is None or not old.extended_by(header.group(1).decode()):
        return  # already in the JSON (or empty)
    # The last element is the text after the final newline: a torn write, if anything.
    for line in lines[1:-1]:
        try:
            event = json.loads(line)
        except (json.JSONDecodeError, UnicodeDecodeError):
            continue  # torn by a crash mid-write, then closed by the next append's newline
        if valid_event(event):
            yield event


def upgrade(files: ProgressFiles) -> str:
    """Move a format 1 file's answers into a new history (call with the exclusive lock).
    Returns what to tell the learner ("" when there was nothing to upgrade)."""
    where = str(files.path)
    old = read_format_1(files.path.read_bytes(), where)
    if old is None:
        return ""
    for event in journal_events(journal_path(files), old):
        old.progress.apply(event)
    _start_history(files, old)
    try:
        backup = format_1_backup(files)
        with contextlib.suppress(FileNotFoundError):
            os.unlink(backup)
        try:
            os.link(files.path, backup)
        except OSError:
            shutil.copyfile(files.path, backup)
    except OSError as exc:
        raise describe_os_error(format_1_backup(files), exc, "keep the old file") from None
    new, size = read_disk(files, None, answers=False, states=False)
    new.log_bytes = size
    write_json(files, new)
    with contextlib.suppress(FileNotFoundError):
        os.unlink(journal_path(files))
    return (
        f"{files.path}: upgraded to progress format 2. Your answers are now kept in "
        f"{files.history_path.name}, which is only ever added to; the old file is kept as "
        f"{format_1_backup(files).name}."
    )


def _start_history(files: ProgressFiles, old: OldFile) -> None:
    """Write the history made from ``old``; or find it there already (an upgrade cut short, or
    the old file put back: it holds all of the file and whatever was answered since)."""
    header, found = None, False
    with contextlib.suppress(FileNotFoundError):
        fd = os.open(files.history_path, os.O_RDONLY)
        try:
            found = os.fstat(fd).st_size > 0
            header = read_header(fd) if found else None
        finally:
            os.close(fd)
    if not found:
        old.progress.log_id = new_id()
        write_history(files.history_path, old.progress, migrated_from=old.journal_id)
    elif header is None or header.get("migrated_from") != old.journal_id:
        raise refused(
            str(files.path),
            f"it is in the old format 1, and the history {files.history_path} beside it was "
            "not made from it; move one of them away",
        )
