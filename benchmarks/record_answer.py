"""Cost of recording one answer with 100 and with 50,000 cards in the progress file.

Run: python benchmarks/record_answer.py [--answers N]
Prints the median and minimum time per answer (history append + fsync) and their ratio.
Not part of the test suite: timing belongs to a benchmark, not an assertion.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

from tiesquiz.clock import iso
from tiesquiz.progress import ProgressStore, Review
from tiesquiz.scheduling import GOOD, review

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from helpers.history import T0, build, synthetic_progress

__all__ = ["build", "measure", "synthetic_progress"]


def measure(cards: int, answers: int, folder: Path) -> list[float]:
    path = folder / f"progress-{cards}.json"
    build(path, cards)
    store = ProgressStore.open(path)
    times = []
    for i in range(answers):
        key = f"deck0/card-{i % cards}"
        now = T0 + timedelta(days=1, seconds=i)
        state = review(store.progress.cards.get(key), GOOD, now, store.progress.scheduler)
        entry = Review.new_answer(key, iso(now), GOOD, True, "x", 1000, "study")
        start = time.perf_counter()
        store.record_answer(entry, lambda _prior, state=state: state)  # scheduled above: untimed
        times.append(time.perf_counter() - start)
    store.close()
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--answers", type=int, default=300)
    parser.add_argument(
        "--dir", type=Path, default=None, help="where to write (default: a temp dir)"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(dir=args.dir) as tmp:
        small = measure(100, args.answers, Path(tmp))
        large = measure(50_000, args.answers, Path(tmp))
    print(f"{'cards':>8} {'median ms':>10} {'min ms':>8}")
    for n, t in ((100, small), (50_000, large)):
        print(f"{n:>8} {statistics.median(t) * 1000:>10.3f} {min(t) * 1000:>8.3f}")
    print(
        f"ratio (50,000 / 100, median): {statistics.median(large) / statistics.median(small):.2f}"
    )


if __name__ == "__main__":
    main()
