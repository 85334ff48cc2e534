"""kill -9 at any moment loses no acknowledged answer, and the file still loads.

CI runs 12 kills; the full run is ``TIESQUIZ_CRASH_KILLS=50 python -m pytest tests/test_progress_crash.py``.
"""

from __future__ import annotations

import os
import random
import signal
import time
from pathlib import Path

from helpers.writer import run_writer
from tiesquiz.progress import ProgressStore

KILLS = int(os.environ.get("TIESQUIZ_CRASH_KILLS", "12"))


def test_sigkill_while_recording_loses_no_acknowledged_answer(state: Path) -> None:
    rng = random.Random(20261128)
    acked: set[str] = set()
    for kill in range(KILLS):
        proc = run_writer(state, f"k{kill}", 100_000, rng.randint(2, 9))
        assert proc.stdout is not None
        target = rng.randint(1, 40)
        seen = 0
        for line in proc.stdout:
            if line.startswith("ack "):
                acked.add(line.split()[1])
                seen += 1
            if seen >= target:
                break
        time.sleep(rng.uniform(0, 0.004))  # land inside an append or a save, not only between them
        proc.send_signal(signal.SIGKILL)
        rest, _ = proc.communicate()
        acked.update(line.split()[1] for line in rest.splitlines() if line.startswith("ack "))
        assert proc.returncode == -signal.SIGKILL
        progress = ProgressStore.open(state).progress  # the file loads...
        recorded = {r.id for r in progress.reviews}
        missing = acked - recorded
        assert not missing, f"after kill {kill + 1}, {len(missing)} acknowledged answers are gone"
    assert len(acked) >= KILLS
