"""A study session reduced to its writes: records answers and prints 'ack ID' once each is durable.

Used by the crash and concurrency tests: ``python writer.py STATE PREFIX COUNT SAVE_EVERY OFFSET``.
"""

from __future__ import annotations

import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

if not __package__:  # run as a script (the crash tests do): make ``helpers`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from helpers.reviews import record_review
from tiesquiz.progress import ProgressStore


def run_writer(
    state: Path, prefix: str, count: int, save_every: int, offset: int = 0
) -> subprocess.Popen[str]:
    """Start this script as a separate process; it prints 'ack ID' once each answer is durable."""
    return subprocess.Popen(
        [sys.executable, __file__, str(state), prefix, str(count), str(save_every), str(offset)],
        stdout=subprocess.PIPE,
        text=True,
    )


def main() -> None:
    state, prefix, count, save_every, offset = sys.argv[1:6]
    store = ProgressStore.open(Path(state))
    t0 = datetime(2026, 11, 28, 12, tzinfo=timezone.utc)
    for i in range(int(count)):
        now = t0 + timedelta(seconds=2 * i + int(offset))
        key = f"d/c{i % 20}"
        rating = 1 + (i * 7 + int(offset)) % 4
        entry, _ = record_review(store, key, rating, now, answer=f"{prefix}-{i}", duration_ms=100)
        print(f"ack {entry.id}", flush=True)
        if int(save_every) and (i + 1) % int(save_every) == 0:
            store.save()
    store.close()
    print("done", flush=True)


if __name__ == "__main__":
    main()
