"""tiesquiz's performance targets (issue 15), each a ratio to a floor or a peer measured in the
same run.

Usage:  python benchmarks/run.py [--runs N] [--cards N] [--decks N] [--reviews N] [--no-anki]

It generates, in a temp folder, a collection of ``--cards`` cards (default 50,000, in 5 decks of
mixed types) whose every card was studied, with ``--reviews`` answers (default 200,000); the same
collection in Anki (the peer, with the ``anki`` package of the test extras); and two progress
files of 1,000 and 1,000,000 answers for the session-end figure. Each figure is the median of
``--runs`` fresh processes; it prints: figure, tiesquiz, floor or peer, ratio, target.
Not part of the test suite; tests/test_benchmarks.py only checks that it runs on tiny data.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent


def tiesquiz_cmd() -> list[str]:
    exe = Path(sys.executable).with_name("tiesquiz")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "tiesquiz"]


@dataclass
class Run:
    seconds: list[float]
    peak_kb: int

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)


def run_process(cmd: list[str], env: dict[str, str], runs: int, cwd: Path) -> Run:
    """Wall time and peak resident memory (from ``wait4``) of ``cmd``, ``runs`` times."""
    times, peak = [], 0
    for _ in range(runs):
        with tempfile.TemporaryFile() as err:
            start = time.perf_counter()
            proc = subprocess.Popen(cmd, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=err)
            _, status, usage = os.wait4(proc.pid, 0)
            times.append(time.perf_counter() - start)
            proc.returncode = os.waitstatus_to_exitcode(status)
            if proc.returncode not in (0, 1):
                err.seek(0)
                raise SystemExit(f"{' '.join(cmd)} failed: {err.read().decode()[-2000:]}")
        peak = max(peak, usage.ru_maxrss)
    return Run(times, peak)


def first_question(cmd: list[str], env: dict[str, str], runs: int, cwd: Path) -> tuple[Run, Run]:
    """In a real terminal (a pseudo-terminal, 100 columns): the time from start to the first
    question on the screen (its header, "Title · 1  new ..."), and to the prompt under it being
    drawn (questionary's "›"), which loads while the question is read."""
    import pexpect

    shown, ready = [], []
    for _ in range(runs):
        start = time.perf_counter()
        child = pexpect.spawn(
            cmd[0],
            cmd[1:],
            env=env,
            cwd=str(cwd),
            encoding="utf-8",
            timeout=60,
            dimensions=(40, 100),
        )
        child.expect(" · 1 ")
        shown.append(time.perf_counter() - start)
        child.expect("›")
        ready.append(time.perf_counter() - start)
        child.terminate(force=True)
    return Run(shown, 0), Run(ready, 0)


@dataclass
class Row:
    figure: str
    ours: float
    floor: float
    target: str
    limit: float
    unit: str = "s"

    @property
    def ratio(self) -> float:
        return self.ours / self.floor if self.floor else float("inf")

    @property
    def ok(self) -> bool:
        return self.ratio <= self.limit


def fmt(value: float, unit: str) -> str:
    if unit == "s":
        return f"{value * 1000:.1f} ms"
    return f"{value / 1024:.1f} MB"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--cards", type=int, default=50_000, help="cards in the collection")
    parser.add_argument("--decks", type=int, default=5, help="decks they are split into")
    parser.add_argument("--reviews", type=int, default=200_000, help="answers in the history")
    parser.add_argument("--long", type=int, default=1_000_000, help="answers for session end")
    parser.add_argument("--no-anki", action="store_true", help="skip the Anki peer")
    args = parser.parse_args()
    anki = not args.no_anki

    with tempfile.TemporaryDirectory(prefix="tiesquiz-bench-") as tmp:
        folder = Path(tmp)
        decks, state = folder / "decks", folder / "progress.json"
        py = sys.executable
        make = [py, str(HERE / "data.py")]
        subprocess.run(
            [*make, "collection", str(folder), str(args.cards), str(args.decks), str(args.reviews)],
            check=True,
        )
        short, long = folder / "short" / "progress.json", folder / "long" / "progress.json"
        for path, answers in ((short, 1_000), (long, args.long)):
            path.parent.mkdir()
            subprocess.run([*make, "history", str(path), str(args.cards), str(answers)], check=True)
        collection = folder / "anki" / "collection.anki2"
        if anki:
            collection.parent.mkdir()
            subprocess.run(
                [
                    py,
                    str(HERE / "anki_peer.py"),
                    "build",
                    str(collection),
                    str(args.cards),
                    str(args.reviews),
                    str(args.decks),
                ],
                check=True,
            )
        env = {
            **os.environ,
            "TIESQUIZ_STATE": str(state),
            "TIESQUIZ_DECKS": str(decks),
            "NO_COLOR": "1",
        }
        env.pop("TIESQUIZ_NOW", None)
        warm_env = {**env, "TIESQUIZ_CACHE": str(folder / "cache")}
        cold_env = {**env, "TIESQUIZ_CACHE": "off"}
        work = folder / "work"
        work.mkdir()
        cmd = tiesquiz_cmd()
        runs = args.runs
        rows: list[Row] = []
        per_deck = args.cards // args.decks

        # -- start-up and the small commands ----------------------------------------------------
        floor_click = run_process([py, "-c", "import click"], env, runs, work)
        help_run = run_process([*cmd, "--help"], env, runs, work)
        rows.append(
            Row(
                "start-up: tiesquiz --help",
                help_run.median,
                floor_click.median,
                "≤ 1.2× import click",
                1.2,
            )
        )
        shipped_env = {
            **os.environ,
            "TIESQUIZ_STATE": str(folder / "empty.json"),
            "TIESQUIZ_CACHE": str(folder / "cache"),
        }
        shipped_env.pop("TIESQUIZ_DECKS", None)
        from tiesquiz.deck.discover import bundled_dir

        shipped = sorted(str(p) for p in (bundled_dir() or Path()).glob("*.yaml"))
        floor_shipped = run_process(
            [
                py,
                "-c",
                "import sys, click, yaml\nfor f in sys.argv[1:]: yaml.load(open(f, encoding='utf-8').read(), Loader=yaml.CSafeLoader)",
                *shipped,
            ],
            shipped_env,
            runs,
            work,
        )
        run_process([*cmd, "due"], shipped_env, 1, work)  # fills the cache
        shipped_due = run_process([*cmd, "due"], shipped_env, runs, work)
        rows.append(
            Row(
                "due on the shipped decks",
                shipped_due.median,
                floor_shipped.median,
                "≤ 2× click+yaml+parse",
                2.0,
            )
        )

        # -- lint: linear in cards, whatever the number of problems --------------------------------
        one = decks / "bench0.yaml"
        lint = run_process([*cmd, "lint", str(one)], cold_env, runs, work)
        broken = folder / "broken" / "bench0.yaml"
        broken.parent.mkdir()
        broken.write_text(
            one.read_text(encoding="utf-8").replace("    type: ", "    bogus: 1\n    type: "),
            encoding="utf-8",
        )
        lint_broken = run_process([*cmd, "lint", str(broken)], cold_env, runs, work)
        rows.append(
            Row(
                f"lint: an error on each of {per_deck:,} cards, vs clean",
                lint_broken.median,
                lint.median,
                "≤ 1.5×",
                1.5,
            )
        )

        # -- due and study on the collection ---------------------------------------------------------
        floor_parse = run_process(
            [
                py,
                "-c",
                "import gc, sys; gc.disable(); import yaml\nfor f in sys.argv[1:]: yaml.load(open(f, encoding='utf-8').read(), Loader=yaml.CSafeLoader)",
                *sorted(str(p) for p in decks.glob("*.yaml")),
            ],
            env,
            runs,
            work,
        )
        cold = run_process([*cmd, "due"], cold_env, runs, work)
        rows.append(
            Row(
                f"due, cold (decks just edited): {args.cards:,} cards",
                cold.median,
                floor_parse.median,
                "≤ 1.2× gc-off parse",
                1.2,
            )
        )
        run_process([*cmd, "due"], warm_env, 1, work)  # fills the deck cache
        time.sleep(2.1)  # past the cache's "racy" window: a deck is trusted unread from now on
        run_process([*cmd, "due"], warm_env, 1, work)
        warm = run_process([*cmd, "due"], warm_env, runs, work)
        study, prompt = first_question([*cmd, "study"], warm_env, runs, work)
        # show one deck with the others beside it, against that deck alone on the path
        alone = folder / "alone"
        alone.mkdir()
        shutil.copy2(one, alone / one.name)
        alone_env = {**warm_env, "TIESQUIZ_DECKS": str(alone)}
        run_process([*cmd, "show", "bench0"], alone_env, 1, work)
        time.sleep(2.1)
        show_alone = run_process([*cmd, "show", "bench0"], alone_env, runs, work)
        show_beside = run_process([*cmd, "show", "bench0"], warm_env, runs, work)
        rows.append(
            Row(
                f"show DECK, {args.decks - 1} other decks unchanged, vs alone",
                show_beside.median,
                show_alone.median,
                "≤ 1.2×",
                1.2,
            )
        )
        if anki:
            peer = [py, str(HERE / "anki_peer.py")]
            anki_due = run_process([*peer, "due", str(collection)], env, runs, work)
            anki_first = run_process([*peer, "first", str(collection)], env, runs, work)
            rows.append(
                Row(
                    "due, warm, vs Anki's due counts",
                    warm.median,
                    anki_due.median,
                    "≤ 1.0× Anki",
                    1.0,
                )
            )
            rows.append(
                Row(
                    "study: the first question on screen, vs Anki",
                    study.median,
                    anki_first.median,
                    "≤ 1.0× Anki",
                    1.0,
                )
            )
            rows.append(
                Row(
                    "memory: peak RSS of due, vs Anki's",
                    warm.peak_kb,
                    anki_due.peak_kb,
                    "≤ 1.0× Anki",
                    1.0,
                    unit="kb",
                )
            )

        # -- ending a session -------------------------------------------------------------------------
        ends = {}
        for path in (short, long):
            out = subprocess.run(
                [py, str(HERE / "session_end.py"), str(path), str(runs)],
                check=True,
                capture_output=True,
                text=True,
            )
            ends[path] = statistics.median(json.loads(out.stdout))
        rows.append(
            Row(
                f"end a session: {args.long:,} vs 1,000 answers",
                ends[long],
                ends[short],
                "≤ 1.5×",
                1.5,
            )
        )

    print(f"{'figure':<52} {'tiesquiz':>10} {'floor/peer':>10} {'ratio':>6}  target")
    for row in rows:
        print(
            f"{row.figure:<52} {fmt(row.ours, row.unit):>10} {fmt(row.floor, row.unit):>10} "
            f"{row.ratio:>5.2f}×  {row.target} {'ok' if row.ok else 'MISSED'}"
        )
    print(
        f"In the terminal, the prompt under that first question was drawn at "
        f"{fmt(prompt.median, 's')}: questionary and prompt_toolkit load while it is read."
    )
    if anki:
        print(
            f"Anki: due {fmt(anki_due.median, 's')}, first card {fmt(anki_first.median, 's')}, peak {fmt(anki_due.peak_kb, 'kb')}"
        )
    print(f"(median of {runs} runs; python {sys.version.split()[0]}; {os.cpu_count()} cores)")


if __name__ == "__main__":
    main()
