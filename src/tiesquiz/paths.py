"""Where tiesquiz keeps a learner's data."""

from __future__ import annotations

from pathlib import Path


def default_state_path() -> Path:
    import platformdirs

    return platformdirs.user_data_path("tiesquiz") / "progress.json"
