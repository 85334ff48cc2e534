"""Two sessions writing one progress file at once lose nothing."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest

from helpers.writer import run_writer
from tiesquiz.progress import ProgressStore


@pytest.mark.parametrize("writers", [2, 4])
def test_concurrent_sessions_keep_every_review(state: Path, writers: int) -> None:
    procs = [run_writer(state, f"w{n}", 60, 7 + n, offset=n) for n in range(writers)]
    acked: set[str] = set()
    for proc in procs:
        out, _ = proc.communicate(timeout=120)
        assert proc.returncode == 0
        acked.update(line.split()[1] for line in out.splitlines() if line.startswith("ack "))
    assert len(acked) == 60 * writers
    progress = ProgressStore.open(state).progress
    assert {r.id for r in progress.reviews} == acked
    newest: dict[str, str] = defaultdict(str)
    for r in progress.reviews:
        newest[r.card] = max(newest[r.card], r.time)
    for key, state_ in progress.cards.items():
        assert state_["last_review"] == newest[key], (
            f"{key} has a state older than its newest review"
        )
