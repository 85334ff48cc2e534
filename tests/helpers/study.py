"""Shared set-up for the crash and concurrency tests: a deck of true/false cards and a busy file."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from helpers.history import build


def write_deck(folder: Path, cards: int = 60) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    body = "".join(
        f"  - {{id: c{i}, type: truefalse, question: Statement {i} is true., answer: true, "
        f"explanation: E, source: S}}\n"
        for i in range(cards)
    )
    (folder / "crash.yaml").write_text(
        f"deck: crash\ntitle: Crash\ncards:\n{body}", encoding="utf-8"
    )


def write_busy_progress(path: Path, cards: int = 3000, reviews_per_card: int = 4) -> None:
    """History for other decks, so that a save takes long enough to be killed in the middle."""
    build(path, cards, reviews_per_card)


def study_command(*extra: str) -> list[str]:
    return [
        sys.executable,
        "-u",
        "-m",
        "tiesquiz",
        "study",
        "crash",
        "--plain",
        "--new",
        "1000",
        *extra,
    ]


def study_env(decks: Path, state: Path) -> dict[str, str]:
    return {
        **os.environ,
        "TIESQUIZ_DECKS": str(decks),
        "TIESQUIZ_STATE": str(state),
        "PYTHONUNBUFFERED": "1",
        "NO_COLOR": "1",
    }
