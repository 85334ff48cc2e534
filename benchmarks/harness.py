"""The timer behind ``run.py``: every measurement is a fresh process, run once per round.

A round runs every job once, in a new random order, so that whatever else the machine is doing
falls on both sides of a comparison alike (running all of one command's repetitions before the
next lets a busy minute flatter one side). A row compares two jobs; its ratio is the median of
the ratios of each round, not the ratio of two medians.

What a job measures (``metrics``):

- a plain process: ``time`` (start to exit, wall clock) and ``peak`` (its peak resident memory,
  from ``wait4``);
- a process in a pseudo-terminal (``expect``): the time at which each given text first appears
  on its screen, named as given (the process is killed after the last one);
- a process that reports its own figures: the JSON object it prints last (``reported``), for
  what must be timed inside a process (one call, not the process's start).
"""

from __future__ import annotations

import json
import os
import random
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Job:
    name: str
    cmd: list[str]
    env: dict[str, str]
    cwd: Path
    #: Run (untimed) before each timed run: an edit, a fresh copy, an answer appended.
    prepare: Callable[[], None] | None = None
    #: Texts to wait for in a pseudo-terminal, each timed: {metric name: text}.
    expect: dict[str, str] = field(default_factory=dict)
    #: The process prints its own figures as a JSON object on its last line.
    reported: bool = False
    results: dict[str, list[float]] = field(default_factory=dict)

    def run_once(self) -> None:
        if self.prepare is not None:
            self.prepare()
        if self.expect:
            got = _in_terminal(self)
        elif self.reported:
            got = _reported(self)
        else:
            got = _plain(self)
        for metric, value in got.items():
            self.results.setdefault(metric, []).append(value)


def _plain(job: Job) -> dict[str, float]:
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(
            job.cmd, env=job.env, cwd=job.cwd, stdout=subprocess.DEVNULL, stderr=err
        )
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode not in (0, 1):
            err.seek(0)
            raise SystemExit(
                f"{job.name}: {' '.join(job.cmd)} failed:\n{err.read().decode()[-3000:]}"
            )
    return {"time": elapsed, "peak": float(usage.ru_maxrss)}


def _reported(job: Job) -> dict[str, float]:
    out = subprocess.run(
        job.cmd, env=job.env, cwd=job.cwd, capture_output=True, text=True, check=False
    )
    if out.returncode != 0:
        raise SystemExit(f"{job.name}: {' '.join(job.cmd)} failed:\n{out.stderr[-3000:]}")
    figures: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    return figures


def _in_terminal(job: Job) -> dict[str, float]:
    """In a pseudo-terminal of 100 columns: from the start to each text on the screen."""
    import pexpect

    got = {}
    start = time.perf_counter()
    child = pexpect.spawn(
        job.cmd[0],
        job.cmd[1:],
        env=job.env,
        cwd=str(job.cwd),
        encoding="utf-8",
        timeout=120,
        dimensions=(40, 100),
    )
    try:
        for metric, text in job.expect.items():
            child.expect_exact(text)
            got[metric] = time.perf_counter() - start
    finally:
        child.terminate(force=True)
    return got


def run_rounds(
    jobs: list[Job], rounds: int, seed: int = 0, say: Callable[[str], None] = print
) -> None:
    """Every job once per round, in a new random order each round."""
    order = random.Random(seed)
    for number in range(1, rounds + 1):
        started = time.perf_counter()
        batch = list(jobs)
        order.shuffle(batch)
        for job in batch:
            job.run_once()
        say(f"round {number}/{rounds}: {time.perf_counter() - started:.1f} s")


@dataclass
class Row:
    """One line of the table: ``ours`` against ``base`` (a floor, a peer, or ours on less work)."""

    figure: str
    ours: tuple[Job, str]
    base: tuple[Job, str]
    target: str
    #: The ratio must be at most this (None: shown for information, no target).
    limit: float | None
    unit: str = "s"

    def values(self, side: tuple[Job, str]) -> list[float]:
        job, metric = side
        return job.results[metric]

    @property
    def ratio(self) -> float:
        pairs = zip(self.values(self.ours), self.values(self.base), strict=True)
        return statistics.median(o / b if b else float("inf") for o, b in pairs)

    def verdict(self) -> str:
        if self.limit is None:
            return ""
        return "ok" if self.ratio <= self.limit else "MISSED"


def fmt(value: float, unit: str) -> str:
    if unit == "s":
        if value >= 10:
            return f"{value:.2f} s"
        return f"{value * 1000:.0f} ms" if value >= 0.01 else f"{value * 1000:.2f} ms"
    return f"{value / 1024:.0f} MB"


def table(rows: list[Row]) -> list[str]:
    width = max(len(r.figure) for r in rows)
    lines = [f"{'figure':<{width}} {'tiesquiz':>9} {'base':>9} {'ratio':>6}  target"]
    for row in rows:
        ours = statistics.median(row.values(row.ours))
        base = statistics.median(row.values(row.base))
        lines.append(
            f"{row.figure:<{width}} {fmt(ours, row.unit):>9} {fmt(base, row.unit):>9} "
            f"{row.ratio:>5.2f}×  {row.target} {row.verdict()}".rstrip()
        )
    return lines
