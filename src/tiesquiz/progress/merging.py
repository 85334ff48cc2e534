"""One student, many machines: how the histories of several machines become one progress.

The design, in brief (the files are :mod:`.shared`'s, reading them :mod:`.merge`'s):

- **One writer per file.** In a progress *folder* (``--state FOLDER``, which a sync tool or
  git may share), each machine appends only to its own history,
  ``progress.DEVICE.history.jsonl``, with everything today's single history holds. ``DEVICE``
  is 16 hex digits kept in the machine's local data folder (never in the shared one). The card
  states are that machine's cache, ``progress.DEVICE.json``, rebuilt from the histories; its
  lock and backup are named per device too. So no file is ever written by two machines, and a
  sync tool or ``git merge`` has nothing to conflict on.
- **Reading merges every history in the folder**, the other machines' and any conflict copy a
  sync tool or git made of one (``*.sync-conflict-*``, ``* (conflicted copy ...)``, ``*.orig``,
  a mergetool's ``_LOCAL_``/``_REMOTE_`` sides; git's conflict markers inside one are passed
  over): events are united by id, so an answer that reached the folder once is never lost and
  one that reached it twice counts once.
- **The merged order** is by time, then device, then place in the file. An event's time is its
  own (an answer's ``time``; any other event's ``at``, written in a folder), raised to the
  latest time before it in the same file: so every file is already in order, the merge is a
  k-way merge that never reorders one machine's events, and one machine alone folds exactly as
  the single history always did.
- **States follow the merged history.** An answer written in a folder names the schedule it
  was given from (``from``: :func:`mark` of the card's state before it, null for a new card)
  and the one it leaves (``to``, so that following a chain of answers hashes nothing).
  Folded in the merged order, an answer given from the card's merged state so far keeps the
  schedule it recorded (the one its rating buttons showed); an answer given from another one
  (the other machine answered the card meanwhile, or a reset came between) is scheduled again
  through fsrs from the merged state: the card is replayed from the point where the machines
  diverged, as py-fsrs' ``Scheduler.reschedule_card`` replays a card from its reviews, by the
  :data:`Reschedule` the caller passes in (the scheduler lives above this layer). Answers
  without ``from`` (one machine's file, or written before) keep the newest-answer-wins merge.
- A reset forgets the answers before it in this order, so an answer another machine gave after
  it counts; a settings change is one more event, so the latest wins; an undo names the answer
  it takes back. Deck locations are each machine's own: another machine's ``decks`` events and
  the paths in its snapshots are not applied. A card is ``deck/card`` everywhere.
- **Incremental when it can be.** The cache records which bytes of which histories it holds
  (:class:`Merging` is that record). When no other history changed, a command reads the cache
  and this machine's new lines, as with one machine; when one did, or this machine's new lines
  would sort before something already folded (clocks that disagree), everything is folded
  again from the histories.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import orjson

#: How an answer folded onto a state it was not given from is scheduled again: (the card's
#: key, its merged state before the answer or None, the rating, the answer's UTC time, the
#: scheduler settings) -> the card's state after it. The command line passes
#: :func:`tiesquiz.scheduling.review` with the session's fuzz seed.
#: (This module is below the model, so the states are ``Any`` here: ``CardState`` dicts, and the
#: model's ``SchedulerSettings``.)
Reschedule = Callable[[str, Any, int, str, Any], Any]


def mark(state: Mapping[str, Any] | None) -> str | None:
    """A short checksum of a card's schedule (None for a new card): what an answer names as the
    state it was given from. Key order and float spelling cannot change it."""
    if state is None:
        return None
    return f"{zlib.crc32(orjson.dumps(state, option=orjson.OPT_SORT_KEYS)):08x}"


def event_time(event: dict[str, Any]) -> str:
    """An event's own time: ``at`` (written by a folder's store for every event but an
    answer), else an answer's ``time``; "" for an event that has none (it takes the time of
    the line before it)."""
    at = event.get("at")
    if type(at) is str:
        return at
    if event.get("op") == "review":
        return str(event["time"])
    return ""


@dataclass
class Merging:
    """The folding of a folder's histories, kept with the states as the cache's ``merged``
    record: this machine, what was folded last, and the other histories' bytes it holds."""

    device: str
    reschedule: Reschedule
    #: The (time, device) of the last event folded: this machine's next one must not sort
    #: before it, or everything is folded again.
    last: tuple[str, str] = ("", "")
    #: The latest time among this machine's own events folded (its file's running time).
    own_time: str = ""
    #: Each other history (file name) -> [its log_id, the bytes folded, a checksum of the
    #: last of those bytes]: what :func:`tiesquiz.progress.sources.unchanged` compares.
    sources: dict[str, list[Any]] = field(default_factory=dict)
    #: This machine's own event sorted before one already folded: fold everything again.
    out_of_order: bool = False
    #: The record was made now (the cache must be saved), or read back from the cache.
    rebuilt: bool = False
    #: The record read from the cache was this machine's and sound.
    restored: bool = False
    #: A card's state and its :func:`mark`, as its answer recorded it (``to``); used while the
    #: card still holds that very state. Not stored.
    marks: dict[str, tuple[Any, str]] = field(default_factory=dict, repr=False)

    def own_event(self, event: dict[str, Any]) -> None:
        """Place one of this machine's events after what was folded (incremental reading)."""
        time = max(event_time(event), self.own_time)
        self.own_time = time
        key = (time, self.device)
        if key < self.last:
            self.out_of_order = True
        else:
            self.last = key

    def follow(
        self, current: Mapping[str, Any] | None, event: Mapping[str, Any], scheduler: Any
    ) -> Any:
        """A card's state after an answer written in a folder (it names, ``from``, the state it
        was given from), folded onto ``current``: the schedule it recorded when it was given
        from ``current``, else scheduled again from ``current`` (never from before the state's
        own last review, which a clock set back could name)."""
        card = event["card"]
        known = self.marks.get(card)
        if (known[1] if known is not None and known[0] is current else mark(current)) == event[
            "from"
        ]:
            state = event.get("state")
            if state is not None and type(event.get("to")) is str:
                self.marks[card] = (state, event["to"])  # the next answer needs no hashing
            return state
        last = current["last_review"] if current else None
        time = max(str(event["time"]), last or "")
        return self.reschedule(event["card"], current, event["rating"], time, scheduler)

    def record(self) -> dict[str, Any]:
        """The ``merged`` record the cache keeps."""
        return {
            "device": self.device,
            "last": list(self.last),
            "own_time": self.own_time,
            "sources": {name: list(v) for name, v in sorted(self.sources.items())},
        }

    def restore(self, record: Any) -> None:
        """Take back a record the cache kept; one that is not this machine's or not sound is
        ignored, and everything is folded again."""
        if not (
            isinstance(record, dict)
            and record.get("device") == self.device
            and _pair(record.get("last"))
            and type(record.get("own_time")) is str
            and isinstance(record.get("sources"), dict)
            and all(_source(v) for v in record["sources"].values())
        ):
            return
        self.last = (record["last"][0], record["last"][1])
        self.own_time = record["own_time"]
        self.sources = {str(k): list(v) for k, v in record["sources"].items()}
        self.restored = True


def _pair(value: Any) -> bool:
    return type(value) is list and len(value) == 2 and all(type(v) is str for v in value)


def _source(value: Any) -> bool:
    return (
        type(value) is list
        and len(value) == 3
        and type(value[0]) is str
        and type(value[1]) is int
        and type(value[2]) is int
    )
