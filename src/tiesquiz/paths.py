"""Where tiesquiz keeps a learner's data."""

from __future__ import annotations

from pathlib import Path


def default_state_path() -> Path:
    import platformdirs

    return platformdirs.user_data_path("tiesquiz") / "progress.json"


def default_cache_dir() -> Path:
    """Where parsed decks are cached: the user's cache folder, which may be emptied at any time."""
    import platformdirs

    return platformdirs.user_cache_path("tiesquiz") / "decks"
