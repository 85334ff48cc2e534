"""Two, then four real study sessions answer 50 cards each against one progress file at once."""

from __future__ import annotations

import subprocess
from collections import defaultdict
from pathlib import Path

import pytest

from helpers.study import study_command, study_env, write_busy_progress, write_deck
from tiesquiz.progress import ProgressStore


@pytest.mark.parametrize("sessions", [2, 4])
def test_concurrent_sessions_lose_no_review(tmp_path: Path, sessions: int) -> None:
    decks, state = tmp_path / "decks", tmp_path / "progress.json"
    write_deck(decks, cards=250)  # enough new cards however the sessions interleave
    write_busy_progress(state, cards=500)
    procs = [
        subprocess.Popen(
            study_command("--limit", "50"),
            env=study_env(decks, state),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(sessions)
    ]
    outputs = [p.communicate("t\n" * 200, timeout=300) for p in procs]
    for proc, (out, err) in zip(procs, outputs, strict=True):
        assert proc.returncode == 0, err
        assert "Studied 50 cards: 50 right" in out
    progress = ProgressStore.open(state).progress
    ours = [r for r in progress.reviews if r.card.startswith("crash/")]
    assert len(ours) == 50 * sessions
    assert len({r.id for r in ours}) == 50 * sessions
    newest: dict[str, str] = defaultdict(str)
    for r in ours:
        newest[r.card] = max(newest[r.card], r.time)
    for key, when in newest.items():
        assert progress.cards[key]["last_review"] == when, (
            f"{key}: state older than its newest review"
        )
