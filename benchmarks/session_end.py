"""Ending a session: the save that writes the states the answers gave into the progress file.

``python session_end.py PROGRESS RUNS`` answers 10 cards, times ``close()``, RUNS times, and
prints the median (seconds) as JSON: ``{"end": seconds}``. ``run.py`` runs it on a file with 1,000 answers and on one
with 1,000,000: the save must cost the same.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from datetime import datetime, timedelta, timezone
from functools import partial
from pathlib import Path

from tiesquiz.clock import iso
from tiesquiz.progress import ProgressStore, Review
from tiesquiz.scheduling import GOOD, review


def main() -> None:
    path, runs = Path(sys.argv[1]), int(sys.argv[2])
    now = datetime.now(timezone.utc)
    times = []
    for run in range(runs):
        store = ProgressStore.open(path, since=iso(now - timedelta(days=1)))
        for i in range(10):
            key = f"deck/card-{run * 10 + i}"
            entry = Review.new_answer(key, iso(now), GOOD, True, "x", 900, "study")
            store.record_answer(
                entry, partial(review, rating=GOOD, now=now, settings=store.progress.scheduler)
            )
        start = time.perf_counter()
        store.close()
        times.append(time.perf_counter() - start)
    print(json.dumps({"end": statistics.median(times)}))


if __name__ == "__main__":
    main()
