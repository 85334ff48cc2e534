"""Every test runs in its own folder with its own progress file: the real home is never touched."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest


@pytest.fixture(autouse=True, scope="session")
def real_home_untouched() -> Iterator[None]:
    """Fails the run if any test created tiesquiz data in the real home directory."""
    home = Path(os.path.expanduser("~"))
    places = [home / ".local" / "share" / "tiesquiz", home / ".cache" / "tiesquiz"]
    existed = {p: p.exists() for p in places}
    yield
    for place in places:
        assert existed[place] or not place.exists(), f"a test wrote to the real {place}"


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("TIESQUIZ_STATE", str(tmp_path / "progress.json"))
    monkeypatch.delenv("TIESQUIZ_DECKS", raising=False)
    monkeypatch.delenv("TIESQUIZ_NOW", raising=False)
    monkeypatch.delenv("TIESQUIZ_TZ", raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / ".cache"))
    monkeypatch.setenv("TIESQUIZ_CACHE", str(tmp_path / "cache"))
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    yield tmp_path


@pytest.fixture
def state(tmp_path: Path) -> Path:
    return tmp_path / "progress.json"
