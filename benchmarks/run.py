"""tiesquiz's performance targets, each measured as a ratio to a floor taken in the same run.

Usage:  python benchmarks/run.py [--runs N] [--cards N] [--progress-cards N] [--reviews N]

It generates its own data in a temp folder (by default a 20,000-card deck of mixed types and a
progress file with 50,000 cards and 200,000 reviews), times each figure over several runs (median
and min, standard library timing), and prints: figure, tiesquiz, floor, ratio, target.
Not part of the test suite; tests/test_benchmarks.py only checks that it runs on tiny data.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

T0 = datetime(2026, 1, 1, tzinfo=timezone.utc)
TYPES = ("flashcard", "choice", "multi", "truefalse", "typed", "cloze", "order", "match")


def tiesquiz_cmd() -> list[str]:
    exe = Path(sys.executable).with_name("tiesquiz")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "tiesquiz"]


# -- data --------------------------------------------------------------------------------------------


def card_yaml(i: int) -> str:
    kind = TYPES[i % len(TYPES)]
    head = f"  - id: card-{i}\n    type: {kind}\n"
    tail = f"    explanation: Explanation number {i}.\n    source: para {i % 14 + 1}\n"
    if kind == "flashcard":
        body = f"    question: Front of card {i}\n    answer: Back of card {i}\n"
    elif kind == "choice":
        body = f"    question: Which option is right for {i}?\n    answer: Right {i}\n    distractors: [Wrong {i}a, Wrong {i}b]\n"
    elif kind == "multi":
        body = f"    question: Select the right ones for {i}\n    answer: [Right {i}a, Right {i}b]\n    distractors: [Wrong {i}]\n"
    elif kind == "truefalse":
        body = f"    question: Statement number {i} is true.\n    answer: true\n"
    elif kind == "typed":
        body = (
            f"    question: How many for {i}?\n    answer: {i * 10}\n    accept: [about {i * 10}]\n"
        )
    elif kind == "cloze":
        body = f"    question: The answer to card {i} is {{{{word {i}}}}}.\n"
    elif kind == "order":
        body = f"    question: Order the items of {i}\n    answer: [First {i}, Second {i}, Third {i}]\n"
    else:
        body = f"    question: Match the pairs of {i}\n    answer:\n      Left {i}a: Right {i}a\n      Left {i}b: Right {i}b\n"
    return head + body + tail


def make_deck(folder: Path, cards: int) -> Path:
    path = folder / "bench.yaml"
    with path.open("w", encoding="utf-8") as fh:
        fh.write("deck: bench\ntitle: Benchmark deck\ncards:\n")
        for i in range(cards):
            fh.write(card_yaml(i))
    return path


def make_progress(path: Path, deck_cards: int, cards: int, reviews: int) -> None:
    from record_answer import synthetic_progress

    from tiesquiz.progress import write_progress

    keys = [f"bench/card-{i}" if i < deck_cards else f"old/card-{i}" for i in range(cards)]
    progress = synthetic_progress(keys, max(1, reviews // max(1, cards)), spread_due=True)
    del progress.reviews[reviews:]
    write_progress(path, progress)


# -- measuring ----------------------------------------------------------------------------------------


@dataclass
class Run:
    seconds: list[float]
    peak_kb: int

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)


def run_process(cmd: list[str], env: dict[str, str], runs: int, cwd: Path) -> Run:
    times, peak = [], 0
    for _ in range(runs):
        start = time.perf_counter()
        proc = subprocess.Popen(
            cmd, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
        )
        _, status, usage = os.wait4(proc.pid, 0)
        times.append(time.perf_counter() - start)
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode not in (0, 1):
            raise SystemExit(
                f"{' '.join(cmd)} failed: {proc.stderr.read().decode() if proc.stderr else ''}"
            )
        if proc.stderr:
            proc.stderr.close()
        peak = max(peak, usage.ru_maxrss)
    return Run(times, peak)


@dataclass
class Row:
    figure: str
    ours: float
    floor: float
    target: str
    ok: bool
    unit: str = "s"

    @property
    def ratio(self) -> float:
        return self.ours / self.floor if self.floor else float("inf")


def fmt(value: float, unit: str) -> str:
    if unit == "s":
        return f"{value * 1000:.1f} ms"
    if unit == "ms":
        return f"{value:.3f} ms"
    return f"{value / 1024:.1f} MB"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--cards", type=int, default=20_000, help="cards in the generated deck")
    parser.add_argument("--progress-cards", type=int, default=50_000)
    parser.add_argument("--reviews", type=int, default=200_000)
    parser.add_argument(
        "--answers", type=int, default=300, help="answers timed for the recording figure"
    )
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="tiesquiz-bench-") as tmp:
        folder = Path(tmp)
        decks = folder / "decks"
        decks.mkdir()
        deck = decks / "bench.yaml"
        state = folder / "progress.json"
        # Generate in a child process: a fork of a big parent would inherit its peak RSS and
        # spoil the memory figure of every process started after it.
        subprocess.run(
            [
                sys.executable,
                "-c",
                "import sys; sys.path.insert(0, sys.argv[1]); from run import make_deck, make_progress; "
                "from pathlib import Path; make_deck(Path(sys.argv[2]), int(sys.argv[3])); "
                "make_progress(Path(sys.argv[4]), int(sys.argv[3]), int(sys.argv[5]), int(sys.argv[6]))",
                str(Path(__file__).parent),
                str(decks),
                str(args.cards),
                str(state),
                str(args.progress_cards),
                str(args.reviews),
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
        work = folder / "work"
        work.mkdir()
        cmd = tiesquiz_cmd()
        py = sys.executable
        rows: list[Row] = []

        floor_click = run_process([py, "-c", "import click"], env, args.runs, work)
        for what in ("--help", "--version"):
            ours = run_process([*cmd, what], env, args.runs, work)
            rows.append(
                Row(
                    f"start-up: tiesquiz {what}",
                    ours.median,
                    floor_click.median,
                    "≤ 1.3×",
                    ours.median <= 1.3 * floor_click.median,
                )
            )

        floor_code = (
            "import json, yaml, sys\n"
            f"yaml.load(open({str(deck)!r}, encoding='utf-8').read(), Loader=yaml.CSafeLoader)\n"
            f"json.load(open({str(state)!r}, encoding='utf-8'))\n"
        )
        floor = run_process([py, "-c", floor_code], env, args.runs, work)
        # The floor for a cold run: CSafeLoader with the garbage collector off.
        floor_nogc = run_process(
            [py, "-c", "import gc; gc.disable()\n" + floor_code], env, args.runs, work
        )
        cold_env = {**env, "TIESQUIZ_CACHE": "off"}
        warm_env = {**env, "TIESQUIZ_CACHE": str(folder / "cache")}
        lint = run_process([*cmd, "lint", str(deck)], cold_env, args.runs, work)
        # The same deck with an unknown field on every card: one error per card.
        broken = folder / "broken" / "bench.yaml"
        broken.parent.mkdir()
        broken.write_text(
            deck.read_text(encoding="utf-8").replace("    type: ", "    bogus: 1\n    type: "),
            encoding="utf-8",
        )
        lint_broken = run_process([*cmd, "lint", str(broken)], cold_env, args.runs, work)
        due = run_process([*cmd, "due", "bench"], cold_env, args.runs, work)
        run_process([*cmd, "due", "bench"], warm_env, 1, work)  # fills the deck cache
        warm = run_process([*cmd, "due", "bench"], warm_env, args.runs, work)
        rows.append(
            Row(
                f"lint: {args.cards:,}-card deck",
                lint.median,
                floor.median,
                "≤ 1.5×",
                lint.median <= 1.5 * floor.median,
            )
        )
        rows.append(
            Row(
                "lint: an error on every card, vs that clean",
                lint_broken.median,
                lint.median,
                "≤ 1.5×",
                lint_broken.median <= 1.5 * lint.median,
            )
        )
        rows.append(
            Row(
                f"due, cold: {args.cards:,} cards, {args.progress_cards:,} in progress",
                due.median,
                floor_nogc.median,
                "≤ 1.2× (gc-off floor)",
                due.median <= 1.2 * floor_nogc.median,
            )
        )
        rows.append(
            Row(
                "due, warm (deck cache)",
                warm.median,
                floor.median,
                "≤ 1.0×",
                warm.median <= floor.median,
            )
        )
        rows.append(
            Row(
                "memory: peak RSS of due",
                due.peak_kb,
                floor.peak_kb,
                "≤ 3×",
                due.peak_kb <= 3 * floor.peak_kb,
                unit="kb",
            )
        )
        sys.path.insert(0, str(Path(__file__).parent))
        from record_answer import measure

        small = statistics.median(measure(100, args.answers, folder))
        large = statistics.median(measure(args.progress_cards, args.answers, folder))
        rows.append(
            Row(
                f"record an answer: {args.progress_cards:,} vs 100 cards",
                large * 1000,
                small * 1000,
                "≤ 1.5× and < 5 ms",
                large <= 1.5 * small and large < 0.005,
                unit="ms",
            )
        )

    print(f"{'figure':<46} {'tiesquiz':>11} {'floor':>11} {'ratio':>6}  target")
    for row in rows:
        mark = "ok" if row.ok else "MISSED"
        print(
            f"{row.figure:<46} {fmt(row.ours, row.unit):>11} {fmt(row.floor, row.unit):>11} "
            f"{row.ratio:>5.2f}×  {row.target} {mark}"
        )
    print(f"(median of {args.runs} runs; python {sys.version.split()[0]}; {os.cpu_count()} cores)")


if __name__ == "__main__":
    main()
