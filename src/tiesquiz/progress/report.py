"""``tiesquiz sync``: what a progress folder holds, machine by machine (see :mod:`.merging`).

Each machine that wrote a history in the folder, its host's name, how many answers it gave and
when the last was; every conflict copy a sync tool or git made, read and merged, with how many
answers only it held (answers that would have been lost with it); and how many answers count
once merged. Reading it also brings this machine's cache up to date.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from tiesquiz.progress.history import header_of
from tiesquiz.progress.sources import Source, lenient, read_source

if TYPE_CHECKING:
    from tiesquiz.progress.store import ProgressStore


@dataclass(frozen=True)
class DeviceSummary:
    """One machine's history in the folder."""

    device: str
    #: Its host's name, as its history's first line gives it ("" when it does not).
    name: str
    file: Path
    answers: int
    #: The UTC time of its last answer (None: none yet).
    last: str | None
    #: This machine.
    own: bool


@dataclass(frozen=True)
class CopySummary:
    """A copy of a history that a sync tool or git made, merged."""

    file: Path
    #: The machine whose history it copies ("" for one machine's file from before the folder).
    device: str
    answers: int
    #: Answers no machine's own history holds: they count because the copy was read.
    only_here: int


@dataclass
class SyncReport:
    #: The folder; None when the progress is one machine's file (``state``).
    folder: Path | None
    state: Path
    device: str = ""
    devices: list[DeviceSummary] = field(default_factory=list)
    copies: list[CopySummary] = field(default_factory=list)
    #: Answers counted once merged (those taken back or reset left out).
    answers: int = 0
    notes: list[str] = field(default_factory=list)


@dataclass
class _Read:
    ids: set[str]
    last: str | None
    name: str


def sync_report(store: ProgressStore) -> SyncReport:
    """The folder ``store`` reads, machine by machine; its cache saved up to date first."""
    folder = store.folder
    if folder is None:
        return SyncReport(None, store.path, answers=len(store.history()))
    store.save()
    report = SyncReport(folder.path, store.path, folder.device, answers=len(store.history()))
    read = {source: _answers(source, report.notes) for source in folder.sources()}
    held = set().union(*(r.ids for s, r in read.items() if not s.copy))
    for source, found in read.items():
        if source.copy:
            only = len(found.ids - held)
            report.copies.append(CopySummary(source.path, source.device, len(found.ids), only))
        else:
            summary = DeviceSummary(
                source.device, found.name, source.path, len(found.ids), found.last, source.own
            )
            report.devices.append(summary)
    report.devices.sort(key=lambda d: (not d.own, d.device))
    return report


def _answers(source: Source, notes: list[str]) -> _Read:
    raw = read_source(source, notes) or b""
    header = header_of(raw.split(b"\n", 1)[0]) or {}
    ids: set[str] = set()
    last: str | None = None
    for *_, event in lenient(raw, str(source.path), []):
        if event["op"] == "review":
            ids.add(event["id"])
            last = max(last or "", event["time"])
    return _Read(ids, last, str(header.get("name", ""))[:64])
