"""Simulated machines sharing a progress folder: each has its own copy of the folder and its own
local data folder (``TIESQUIZ_DATA``); a naive sync tool copies files between the copies (a file
changed on one side goes to the other; changed on both, the newer wins and the other is kept as
a ``.sync-conflict-`` copy on both sides, as Syncthing does); and a replay of the union of the
histories, written here independently of :mod:`tiesquiz.progress.merge`, that every machine's
states must equal."""

from __future__ import annotations

import heapq
import os
import shutil
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import orjson
from click.testing import Result

from helpers.cli import invoke
from tiesquiz.clock import parse_iso
from tiesquiz.progress import CardState, Machine, ProgressStore, SchedulerSettings
from tiesquiz.scheduling import fuzz_seed, review

T0 = datetime(2026, 12, 1, 9, tzinfo=timezone.utc)


def write_deck(folder: Path, cards: int = 40) -> Path:
    """A deck of true/false cards (``t`` is right, ``f`` wrong) named ``sync``."""
    folder.mkdir(parents=True, exist_ok=True)
    body = "".join(
        f"  - {{id: c{i}, type: truefalse, question: Statement {i} is true., answer: true, "
        "explanation: E, source: S}\n"
        for i in range(cards)
    )
    path = folder / "sync.yaml"
    path.write_text(f"deck: sync\ntitle: Sync\ncards:\n{body}", encoding="utf-8")
    return path


def reschedule(key: str, state: Any, rating: int, time: str, scheduler: Any) -> Any:
    """What the command line passes: fsrs, seeded as a session seeds it."""
    return review(state, rating, parse_iso(time), scheduler, seed=fuzz_seed(key, state))


@dataclass
class Sim:
    """One machine: its copy of the shared folder, its data folder and its decks."""

    name: str
    root: Path
    #: What this machine wrote since the last sync (file names), for "no file written by two".
    wrote: set[str] = field(default_factory=set)
    #: Use ``progress.json`` in the folder, one machine's file, as before folders were shared.
    file_mode: bool = False

    def __post_init__(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        self.data.mkdir(parents=True, exist_ok=True)
        write_deck(self.decks)

    @property
    def folder(self) -> Path:
        return self.root / "progress"

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def decks(self) -> Path:
        return self.root / "decks"

    def env(self, now: datetime) -> dict[str, str]:
        return {
            "TIESQUIZ_STATE": str(self.folder / "progress.json" if self.file_mode else self.folder),
            "TIESQUIZ_DATA": str(self.data),
            "TIESQUIZ_DECKS": str(self.decks),
            "TIESQUIZ_NOW": now.isoformat(),
        }

    def run(self, now: datetime, *args: str, input: str | None = None) -> Result:
        before = snapshot(self.folder)
        result = invoke_env(self.env(now), *args, input=input)
        after = snapshot(self.folder)
        self.wrote |= {n for n in set(before) | set(after) if before.get(n) != after.get(n)}
        return result

    def study(self, now: datetime, replies: str) -> int:
        """Answer one card per letter of ``replies`` (t: right, f: wrong); how many answers
        were given."""
        text = "".join(f"{r}\n" for r in replies) + ":q\n"
        result = self.run(now, "study", "sync", "--plain", "--new", "100", input=text)
        assert result.exit_code == 0, result.output
        given = result.output.count("✓ Right") + result.output.count("✗ Wrong")
        assert given == len(replies), result.output
        return given

    def machine(self) -> Machine:
        return Machine(self.data, reschedule)

    def open(self, **kw: Any) -> ProgressStore:
        return ProgressStore.open(self.folder, machine=self.machine(), **kw)


def invoke_env(env: dict[str, str], *args: str, input: str | None = None) -> Result:
    saved = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    try:
        return invoke(*args, input=input)
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file of a folder (not hidden temp files), by name."""
    return {
        p.name: p.read_bytes()
        for p in sorted(folder.iterdir())
        if p.is_file() and not p.name.startswith(".progress")
    }


@dataclass
class NaiveSync:
    """A sync tool that knows only files, as Syncthing does: each file has a version vector
    (which machine changed it how often); a newer version replaces an older one, and two
    versions made independently (a file changed on both sides) conflict: the newer by
    modification time wins and the other is kept as ``NAME.sync-conflict-STAMP.EXT``."""

    #: Files changed on both sides (each made a conflict copy).
    conflicts: list[str] = field(default_factory=list)
    #: Which machines wrote each file, over the whole run.
    writers: dict[str, set[str]] = field(default_factory=dict)
    #: Each machine's version vector of each file.
    versions: dict[str, dict[str, dict[str, int]]] = field(default_factory=dict)
    count: int = 0

    def _local(self, sim: Sim) -> dict[str, dict[str, int]]:
        """Count the files ``sim`` changed since it last synced as its new versions."""
        mine = self.versions.setdefault(sim.name, {})
        for name in sim.wrote:
            self.writers.setdefault(name, set()).add(sim.name)
            vector = mine.setdefault(name, {})
            vector[sim.name] = vector.get(sim.name, 0) + 1
        sim.wrote = set()
        return mine

    def sync(self, a: Sim, b: Sim) -> None:
        va, vb = self._local(a), self._local(b)
        fa, fb = snapshot(a.folder), snapshot(b.folder)
        for name in sorted(set(va) | set(vb) | set(fa) | set(fb)):
            xa, xb = va.get(name, {}), vb.get(name, {})
            if fa.get(name) == fb.get(name):  # the same bytes: no conflict, as in Syncthing
                va[name] = vb[name] = {k: max(xa.get(k, 0), xb.get(k, 0)) for k in {*xa, *xb}}
                continue
            if _covers(xa, xb):
                _put(b.folder / name, fa.get(name))
                vb[name] = dict(xa)
            elif _covers(xb, xa):
                _put(a.folder / name, fb.get(name))
                va[name] = dict(xb)
            else:
                self._conflict(a, b, name, fa.get(name), fb.get(name))
                va[name] = vb[name] = {k: max(xa.get(k, 0), xb.get(k, 0)) for k in {*xa, *xb}}
        assert snapshot(a.folder) == snapshot(b.folder)

    def _conflict(self, a: Sim, b: Sim, name: str, ca: bytes | None, cb: bytes | None) -> None:
        self.conflicts.append(name)
        self.count += 1
        newer_a = (a.folder / name).exists() and (
            not (b.folder / name).exists()
            or (a.folder / name).stat().st_mtime_ns >= (b.folder / name).stat().st_mtime_ns
        )
        win, lose = (ca, cb) if newer_a else (cb, ca)
        stem, dot, ext = name.rpartition(".")
        copy = f"{stem}.sync-conflict-20261201-0900{self.count:02d}-{'AB'[newer_a]}{dot}{ext}"
        for folder in (a.folder, b.folder):
            _put(folder / name, win)
            _put(folder / copy, lose)


def _covers(x: dict[str, int], y: dict[str, int]) -> bool:
    """Version ``x`` has seen everything ``y`` has."""
    return all(x.get(k, 0) >= n for k, n in y.items())


def sync_all(tool: NaiveSync, sims: list[Sim]) -> None:
    """Every pair, twice round: all copies end the same."""
    for _ in range(2):
        for i, a in enumerate(sims):
            for b in sims[i + 1 :]:
                tool.sync(a, b)


def _put(path: Path, data: bytes | None) -> None:
    if data is None:
        path.unlink(missing_ok=True)
    else:
        path.write_bytes(data)


# -- the replay of the union, independent of the code under test ---------------------------------


def history_files(folder: Path) -> list[Path]:
    return sorted(
        p
        for p in folder.iterdir()
        if p.name.startswith("progress")
        and "history" in p.name
        and not p.name.endswith((".bak", ".json", ".lock", ".tmp"))
    )


def union(folder: Path) -> list[tuple[str, str, dict[str, Any]]]:
    """Every event of every history in ``folder``, once (by id), in the merged order: its time
    (raised to the latest before it in its file), the machine, the file, the place in it."""

    def stream(index: int, path: Path) -> Iterator[tuple[str, str, int, int, dict[str, Any]]]:
        lines = path.read_bytes().split(b"\n")
        first = orjson.loads(lines[0]) if lines[0].startswith(b'{"log_id"') else {}
        device = first.get("device") or _device(path.name)
        running = ""
        for seq, line in enumerate(lines[1:]):
            if not line.strip() or line.startswith((b"<<<", b"===", b">>>", b'{"log_id"')):
                continue
            event = orjson.loads(line)
            own = event.get("at") or (event["time"] if event["op"] == "review" else "")
            running = max(running, own)
            yield running, device, index, seq, event

    seen: set[str] = set()
    out = []
    files = history_files(folder)
    for time, device, _, _, event in heapq.merge(*(stream(i, p) for i, p in enumerate(files))):
        if event["id"] not in seen:
            seen.add(event["id"])
            out.append((time, device, event))
    return out


def _device(name: str) -> str:
    parts = name.split(".")
    return parts[1] if len(parts) > 2 and len(parts[1]) == 16 else ""


def mark(state: CardState | None) -> str | None:
    if state is None:
        return None
    return f"{zlib.crc32(orjson.dumps(state, option=orjson.OPT_SORT_KEYS)):08x}"


def replay(folder: Path) -> tuple[dict[str, CardState], set[str]]:
    """The card states and the answers (ids) of the union: an answer given from the card's
    state so far keeps its own schedule; any other is scheduled again by fsrs from that state.
    A reset forgets the cards and the answers before it."""
    settings = SchedulerSettings.defaults()
    cards: dict[str, CardState] = {}
    answers: dict[str, str] = {}
    for _, _, event in union(folder):
        if event["op"] == "reset":
            for key in event["keys"]:
                cards.pop(key, None)
            answers = {i: k for i, k in answers.items() if k not in event["keys"]}
        elif event["op"] == "undo":
            answers.pop(event["review"], None)
        elif event["op"] == "review":
            answers[event["id"]] = event["card"]
            if event["mode"] != "study":
                continue
            key, current = event["card"], cards.get(event["card"])
            if "from" in event and event["from"] != mark(current):
                when = max(event["time"], (current or {}).get("last_review") or "")
                cards[key] = reschedule(key, current, event["rating"], when, settings)
            elif event["state"] is not None:
                cards[key] = event["state"]
    return cards, set(answers)


def hours(n: float) -> datetime:
    return T0 + timedelta(hours=n)


def device_history(
    folder: Path,
    device: str,
    keys: list[str],
    per_card: int,
    start: datetime,
    *,
    step: timedelta = timedelta(seconds=7),
) -> int:
    """Write (or add to) a machine's history in ``folder`` directly: ``per_card`` answers to
    each key, one every ``step`` from ``start``, each given from the state the one before it
    recorded (as a session on that machine would). Returns how many answers it holds now."""
    path = folder / f"progress.{device}.history.jsonl"
    last: dict[str, CardState] = {}
    if not path.exists():
        path.write_bytes(orjson.dumps({"log_id": device[::-1], "device": device}) + b"\n")
    else:
        for line in path.read_bytes().splitlines()[1:]:
            event = orjson.loads(line)
            if event.get("op") == "review":
                last[event["card"]] = event["state"]
    lines = []
    n = 0
    for j in range(per_card):
        for key in keys:
            when = start + step * n
            n += 1
            prior = last.get(key)
            state: CardState = {
                "state": 2,
                "step": None,
                "stability": 1.0 + j + len(last) % 3,
                "difficulty": 5.0,
                "due": (when + timedelta(days=1 + j)).isoformat(timespec="microseconds"),
                "last_review": when.isoformat(timespec="microseconds"),
            }
            event = {
                "op": "review",
                "id": os.urandom(8).hex(),
                "card": key,
                "time": when.isoformat(timespec="microseconds"),
                "rating": 3,
                "correct": True,
                "answer": "True",
                "duration_ms": 1000,
                "mode": "study",
                "new": prior is None,
                "prior_state": prior["state"] if prior else None,
                "state": state,
                "from": mark(prior),
                "to": mark(state),
            }
            last[key] = state
            lines.append(orjson.dumps(event) + b"\n")
    with path.open("ab") as fh:
        fh.write(b"".join(lines))
    return path.read_bytes().count(b'"op":"review"')


def copy_folder(source: Path, target: Path) -> None:
    """What a sync tool brings: every history of ``source`` (each machine's cache stays)."""
    for path in history_files(source):
        shutil.copyfile(path, target / path.name)
