"""tiesquiz's performance targets (issues 15 and 27), each a ratio to a floor or a peer measured
in the same run.

Usage:  python benchmarks/run.py [--runs N] [--cards N] [--reviews N] [--no-anki] [...]

It generates, in a temp folder, a collection of ``--cards`` cards (default 50,000, in 5 decks of
mixed types) whose every card was studied, with ``--reviews`` answers (default 200,000) and a
second history of ``--more-reviews`` (500,000); the same collections in Anki (the peer, with the
``anki`` package of the test extras); a class's quiz results; sheets to import; and two progress
files of 1,000 and ``--long`` answers for the session-end figure.

Then it runs ``--runs`` rounds (default 7). A round runs every command once, each a fresh
process, in a new random order (see ``harness.py``); each row's ratio is the median of its
per-round ratios. It prints: figure, tiesquiz, the floor or peer (medians), ratio, target.
Not part of the test suite: tests/test_benchmarks.py only checks that it runs on tiny data.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from harness import run_rounds, table
from plan import Plan, Sizes


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    add = parser.add_argument
    add("--runs", type=int, default=7, help="rounds (each command once per round)")
    add("--cards", type=int, default=50_000, help="cards in the collection")
    add("--decks", type=int, default=5, help="decks they are split into")
    add("--reviews", type=int, default=200_000, help="answers in the history")
    add("--more-reviews", type=int, default=500_000, help="answers in the longer history")
    add("--long", type=int, default=1_000_000, help="answers for session end")
    add("--students", type=int, default=500, help="results files of a class")
    add("--questions", type=int, default=100, help="answers in each results file")
    add("--one-file", type=int, default=8_000, help="answers in one long results file")
    add("--rows", type=int, default=20_000, help="rows of the sheet imported")
    add("--big-rows", type=int, default=50_000, help="rows of the sheet over the cap")
    add("--queue", type=int, default=21_000, help="cards in the study queue")
    add("--lint-cards", type=int, default=400, help="cards of the deck linted")
    add("--no-anki", action="store_true", help="skip the Anki peer")
    return parser.parse_args()


def make(*args: object) -> None:
    """Data made in a child process (see data.py)."""
    here = Path(__file__).resolve().parent
    subprocess.run([sys.executable, str(here / "data.py"), *map(str, args)], check=True)


def build(folder: Path, sizes: Sizes, anki: bool) -> None:
    """Everything the rounds read, made once."""
    here = Path(__file__).resolve().parent
    make("collection", folder, sizes.cards, sizes.decks, sizes.reviews)
    (folder / "more").mkdir()
    make("progress", folder / "more" / "progress.json", sizes.cards, sizes.decks, sizes.more)
    for name, answers in (("short", 1_000), ("long", sizes.long)):
        (folder / name).mkdir()
        make("history", folder / name / "progress.json", sizes.cards, answers)
    make("results", folder / "class", sizes.students, sizes.questions)
    make("results", folder / "one", 1, sizes.one_file)
    make("results", folder / "two", 1, sizes.one_file * 2)
    make("pairs", folder / "pairs.csv", sizes.big_rows)
    make("pairs", folder / "pairs-small.csv", sizes.rows)
    if not anki:
        return
    peer = [sys.executable, str(here / "anki_peer.py")]
    (folder / "anki").mkdir()
    for name, reviews in (("collection", sizes.reviews), ("more", sizes.more)):
        target = folder / "anki" / f"{name}.anki2"
        sizes_ = [str(sizes.cards), str(reviews), str(sizes.decks)]
        subprocess.run([*peer, "build", str(target), *sizes_], check=True)
    subprocess.run([*peer, "empty", str(folder / "anki" / "empty.anki2")], check=True)


def main() -> None:
    args = arguments()
    anki = not args.no_anki
    sizes = Sizes(
        cards=args.cards,
        decks=args.decks,
        reviews=args.reviews,
        more=args.more_reviews,
        long=args.long,
        students=args.students,
        questions=args.questions,
        one_file=args.one_file,
        rows=args.rows,
        big_rows=args.big_rows,
        queue=args.queue,
        lint=args.lint_cards,
    )
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="tiesquiz-bench-") as tmp:
        folder = Path(tmp)
        build(folder, sizes, anki)
        plan = Plan(folder, sizes, anki)
        plan.setup()
        made = time.perf_counter() - started
        print(f"data made in {made:.0f} s; {len(plan.jobs)} commands a round", file=sys.stderr)
        run_rounds(plan.jobs, args.runs, say=lambda line: print(line, file=sys.stderr))
        rows = plan.rows()
        for line in table(rows):
            print(line)
        for line in plan.notes():
            print(line)
        shutil.rmtree(folder, ignore_errors=True)
    print(
        f"(median of {args.runs} interleaved rounds, ratio = median of per-round ratios; "
        f"python {sys.version.split()[0]}; {os.cpu_count()} cores; "
        f"{time.perf_counter() - started:.0f} s in all)"
    )


if __name__ == "__main__":
    main()
