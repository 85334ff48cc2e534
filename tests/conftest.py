"""Every test runs in its own folder with its own progress file: the real home is never touched."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest


@pytest.fixture(autouse=True, scope="session")
def real_home_untouched() -> Iterator[None]:
    """Fails the run if any test created tiesquiz data in the real home directory."""
    data = Path(os.path.expanduser("~")) / ".local" / "share" / "tiesquiz"
    existed = data.exists()
    yield
    assert existed or not data.exists(), f"a test wrote to the real {data}"


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
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    yield tmp_path


@pytest.fixture
def state(tmp_path: Path) -> Path:
    return tmp_path / "progress.json"
