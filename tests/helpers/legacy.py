"""Progress files as tiesquiz wrote them before format 2: the answers inside the JSON, and a
journal beside it holding a session's answers not yet written into the JSON."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tiesquiz.progress import Progress

JOURNAL_ID = "00000000000000aa"


def write_format_1(
    path: Path,
    progress: Progress,
    journal: list[dict[str, Any]] | None = None,
    *,
    folded: str = "",
    journal_header: str = JOURNAL_ID,
) -> bytes:
    """Write ``progress`` in format 1 (and ``journal`` events after it, in a journal whose header
    names ``journal_header``); returns the JSON bytes. ``folded``: the journal whose answers the
    file says it already holds."""
    data = {
        "journal_id": JOURNAL_ID,
        **({"folded_journal": folded} if folded else {}),
        "format": "tiesquiz-progress",
        "version": 1,
        "scheduler": progress.scheduler.to_dict(),
        "limits": progress.limits.to_dict(),
        **({"deck_paths": progress.deck_paths} if progress.deck_paths else {}),
        "cards": progress.cards,
        "reviews": [r.to_dict() for r in progress.reviews],
        **progress.extra,
    }
    raw = json.dumps(data, indent=1).encode()
    path.write_bytes(raw)
    if journal is not None:
        lines = [json.dumps({"journal_id": journal_header}), *map(json.dumps, journal)]
        path.with_name(path.name + ".journal").write_text("\n".join(lines) + "\n")
    return raw
