"""A student's own marks on single cards: suspended, buried until a time, flagged with a note.

Each is an event of the history (``suspend``, ``unsuspend``, ``bury``, ``flag``) naming its card
by ``deck/card``, so it survives an edit of the deck and merges like any other event in a
progress folder (the latest wins). ``unsuspend`` takes back a suspension and a burial; a
``flag`` with an empty note takes the flag back. The marks in force are kept with the card
states in the progress file (``marks``), so a command that reads only the end of the history
still knows them.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from typing import Any

#: The events of this module.
MARK_OPS = frozenset(("suspend", "unsuspend", "bury", "flag"))

#: One card's marks as stored: ``suspended`` (true), ``buried_until`` (a UTC time), ``flag``
#: (the note) and ``flagged_at`` (a UTC time); a key is there only while the mark is.
CardMarks = dict[str, Any]


def apply_mark(marks: dict[str, CardMarks], event: Mapping[str, Any]) -> None:
    """Apply one validated mark event to ``marks`` (card key -> its marks)."""
    card, op = event["card"], event["op"]
    mark = dict(marks.get(card, {}))
    if op == "suspend":
        mark["suspended"] = True
    elif op == "unsuspend":
        mark.pop("suspended", None)
        mark.pop("buried_until", None)
    elif op == "bury":
        mark["buried_until"] = event["until"]
    elif event["note"]:
        mark["flag"], mark["flagged_at"] = event["note"], event["time"]
    else:
        mark.pop("flag", None)
        mark.pop("flagged_at", None)
    if mark:
        marks[card] = mark
    else:
        marks.pop(card, None)


def stored_marks_problem(marks: Any, is_time: Callable[[Any], bool]) -> str:
    """What is wrong with the ``marks`` of a progress file, in words ("" when nothing is)."""
    if type(marks) is not dict:
        return "'marks' must map cards to their marks"
    for card, mark in marks.items():
        if type(mark) is not dict or not mark.keys() <= {
            "suspended",
            "buried_until",
            "flag",
            "flagged_at",
        }:
            return f"the marks of {str(card)[:60]!r} are not what tiesquiz writes"
        if (
            mark.get("suspended", True) is not True
            or type(mark.get("flag", "")) is not str
            or not all(is_time(mark[k]) for k in ("buried_until", "flagged_at") if k in mark)
        ):
            return f"the marks of {str(card)[:60]!r} are damaged"
    return ""


class MarkRecorder:
    """The store's methods that record marks (mixed into :class:`~.store.ProgressStore`)."""

    def _append(self, event: dict[str, Any]) -> None:  # pragma: no cover - the store's own
        raise NotImplementedError

    def _mark(self, op: str, card: str, time: str, **fields: Any) -> None:
        ident = os.urandom(8).hex()  # as :func:`.model.new_id` (which imports this module)
        self._append({"op": op, "id": ident, "card": card, "time": time, **fields})

    def suspend(self, card: str, time: str) -> None:
        """Never show ``card`` (``deck/card``) until it is unsuspended."""
        self._mark("suspend", card, time)

    def unsuspend(self, card: str, time: str) -> None:
        """Take back a suspension, and a burial, of ``card``."""
        self._mark("unsuspend", card, time)

    def bury(self, card: str, time: str, until: str) -> None:
        """Keep ``card`` out of study until ``until`` (UTC: the start of the next local day)."""
        self._mark("bury", card, time, until=until)

    def flag(self, card: str, time: str, note: str) -> None:
        """Flag ``card`` as wrong or unclear, with a note ("" takes the flag back)."""
        self._mark("flag", card, time, note=note)


def set_aside(marks: Mapping[str, CardMarks], now: str) -> set[str]:
    """The cards study leaves out at ``now`` (UTC text): suspended, or buried until later."""
    return {
        key
        for key, mark in marks.items()
        if mark.get("suspended") or mark.get("buried_until", "") > now
    }
