"""kill -9 a real plain-mode study session at random points: after answers, inside a history
append, inside the save at the end. After each kill the progress file loads and holds every
answer that had been acknowledged on screen.

CI runs 12 kills. The full run is 50:
    TIESQUIZ_STUDY_KILLS=50 python -m pytest tests/robustness/test_crash_study.py
"""

from __future__ import annotations

import contextlib
import os
import queue
import random
import re
import signal
import subprocess
import threading
import time
from collections import Counter
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from helpers.study import study_command, study_env, write_busy_progress, write_deck
from tiesquiz.progress import ProgressStore

KILLS = int(os.environ.get("TIESQUIZ_STUDY_KILLS", "12"))
HEADER = re.compile(r"^Statement (\d+) is true\.")  # the question: the header never names the card


def reader(stream, lines: queue.Queue[str | None]) -> None:  # type: ignore[no-untyped-def]
    for line in iter(stream.readline, ""):
        lines.put(line)
    lines.put(None)


@pytest.mark.slow
def test_kill_study_sessions_at_random_points(tmp_path: Path) -> None:
    rng = random.Random(1128)
    decks, state = tmp_path / "decks", tmp_path / "progress.json"
    write_deck(decks, cards=1000)  # never runs out of new cards, even over 50 runs
    write_busy_progress(state)
    acked: Counter[str] = Counter()
    where_killed: Counter[str] = Counter()
    for kill in range(KILLS):
        # A day later at every run, so that earlier cards are due again and there is always work.
        env = study_env(decks, state)
        env["TIESQUIZ_NOW"] = (
            datetime(2026, 2, 1, 9, tzinfo=timezone.utc) + timedelta(days=kill)
        ).isoformat()
        proc = subprocess.Popen(
            study_command(),
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            bufsize=1,
        )
        assert proc.stdin is not None and proc.stdout is not None
        lines: queue.Queue[str | None] = queue.Queue()
        thread = threading.Thread(target=reader, args=(proc.stdout, lines), daemon=True)
        thread.start()
        point = ("after-answer", "in-append", "in-fold")[kill % 3]
        target = rng.randint(1, 8)
        current, answered = None, 0

        def take(lines: queue.Queue[str | None] = lines, timeout: float = 30.0) -> str | None:
            return lines.get(timeout=timeout)

        while True:
            line = take()
            assert line is not None, "the session ended before the kill"
            if m := HEADER.search(line):
                current = m[1]
                if answered == target and point == "in-fold":
                    proc.stdin.write(":q\n")
                    proc.stdin.flush()
                    time.sleep(rng.uniform(0, 0.05))
                    break
                proc.stdin.write("t\n")
                proc.stdin.flush()
                if answered + 1 == target and point == "in-append":
                    time.sleep(rng.uniform(0, 0.003))
                    break
            elif "✓ Right" in line:
                assert current is not None
                acked[f"crash/c{current}"] += 1
                answered += 1
                if answered == target and point == "after-answer":
                    break
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        while (line := take()) is not None:  # acknowledgements printed before the kill count too
            if m := HEADER.search(line):
                current = m[1]
            elif "✓ Right" in line and current is not None:
                acked[f"crash/c{current}"] += 1
        thread.join(timeout=30)
        proc.stdout.close()
        with contextlib.suppress(BrokenPipeError):
            proc.stdin.close()
        where_killed[point] += 1
        progress = ProgressStore.open(state).progress  # it loads
        recorded = Counter(r.card for r in progress.reviews if r.card.startswith("crash/"))
        missing = {k: n - recorded[k] for k, n in acked.items() if recorded[k] < n}
        assert not missing, f"kill {kill + 1} ({point}) lost acknowledged answers: {missing}"
        assert len(progress.reviews) >= 12_000
    assert sum(acked.values()) >= KILLS
    if KILLS >= 12:
        assert set(where_killed) == {"after-answer", "in-append", "in-fold"}
