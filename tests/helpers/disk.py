"""What the progress files hold, read back the way a person would: line by line."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any


def history_of(state: Path) -> Path:
    return state.with_name(state.name.removesuffix(".json") + ".history.jsonl")


def answers_on_disk(state: Path) -> list[dict[str, Any]]:
    """The answers in the history beside ``state``, in order, without those taken back (an undo)
    or forgotten (a reset): what a person reading the file would count."""
    answers: list[dict[str, Any]] = []
    path = history_of(state)
    if not path.exists():
        return answers
    for line in path.read_bytes().split(b"\n")[1:]:
        if not line.strip():
            continue
        event = json.loads(line)
        if event["op"] == "review":
            answers.append({k: v for k, v in event.items() if k not in ("op", "state")})
        elif event["op"] == "undo":
            answers = [a for a in answers if a["id"] != event["review"]]
        elif event["op"] == "reset":
            answers = [a for a in answers if a["card"] not in event["keys"]]
    return answers
