"""Cost of recording one answer with 100 and with 50,000 cards in the progress file.

Run: python benchmarks/record_answer.py [--answers N]
Prints the median and minimum time per answer (journal append + fsync) and their ratio.
Not part of the test suite: timing belongs to a benchmark, not an assertion.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

from tiesquiz.clock import iso
from tiesquiz.progress import Progress, ProgressStore
from tiesquiz.scheduling import GOOD, review

T0 = datetime(2026, 1, 1, tzinfo=timezone.utc)


def synthetic_progress(
    keys: list[str], reviews_per_card: int, *, spread_due: bool = False
) -> Progress:
    """A made-up history: every key studied, each with ``reviews_per_card`` answers."""
    progress = Progress.empty()
    state = review(None, GOOD, T0, progress.scheduler)
    n = 0
    for i, key in enumerate(keys):
        if spread_due:  # review cards due over the next 400 days, as in a long-used file
            due = T0 + timedelta(days=i % 400)
            progress.cards[key] = {
                **state,
                "state": 2,
                "step": None,
                "due": iso(due),
                "last_review": iso(due - timedelta(days=3)),
            }
        else:
            progress.cards[key] = state
        for j in range(reviews_per_card):
            progress.reviews.append(
                {
                    "id": f"{n:016x}",
                    "card": key,
                    "time": iso(T0 + timedelta(minutes=n)),
                    "rating": GOOD,
                    "correct": True,
                    "answer": "an answer",
                    "duration_ms": 4000,
                    "mode": "study",
                    "new": j == 0,
                    "prior_state": None if j == 0 else progress.cards[key]["state"],
                }
            )
            n += 1
    return progress


def build(path: Path, cards: int, reviews_per_card: int = 4) -> None:
    keys = [f"deck{i % 20}/card-{i}" for i in range(cards)]
    path.write_text(synthetic_progress(keys, reviews_per_card).to_json(), encoding="utf-8")


def measure(cards: int, answers: int, folder: Path) -> list[float]:
    path = folder / f"progress-{cards}.json"
    build(path, cards)
    store = ProgressStore.open(path)
    times = []
    for i in range(answers):
        key = f"deck0/card-{i % cards}"
        now = T0 + timedelta(days=1, seconds=i)
        state = review(store.progress.cards.get(key), GOOD, now, store.progress.scheduler)
        start = time.perf_counter()
        store.record(
            key=key,
            time=iso(now),
            rating=GOOD,
            correct=True,
            answer="x",
            duration_ms=1000,
            mode="study",
            state=state,
        )
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
