"""The shell around tiesquiz: a mistyped command suggests the nearest; tab completion of commands,
options, deck ids and card types (click's completion, for bash, zsh and fish)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from helpers.cli import invoke


@pytest.mark.parametrize(
    ("typed", "meant"), [("stuyd", "study"), ("reslts", "results"), ("dekcs", "decks")]
)
def test_a_mistyped_command_suggests_the_nearest(typed: str, meant: str) -> None:
    result = invoke(typed)
    assert result.exit_code == 2
    assert f"No such command '{typed}'. Did you mean '{meant}'?" in result.output


def test_a_command_nothing_like_any_is_just_unknown() -> None:
    result = invoke("xyzzy")
    assert result.exit_code == 2 and "No such command 'xyzzy'." in result.output
    assert "Did you mean" not in result.output


def complete(words: str, tmp_path: Path) -> list[str]:
    """What the shell would offer after ``words`` (the last one being completed)."""
    parts = words.split(" ")
    env = {
        **os.environ,
        "_TIESQUIZ_COMPLETE": "bash_complete",
        "COMP_WORDS": words,
        "COMP_CWORD": str(len(parts) - 1),
        "TIESQUIZ_CACHE": str(tmp_path / "cache"),
        "TIESQUIZ_STATE": str(tmp_path / "state.json"),
    }
    out = subprocess.run(
        [sys.executable, "-m", "tiesquiz"], env=env, capture_output=True, text=True, timeout=60
    )
    assert "Traceback" not in out.stderr, out.stderr
    return out.stdout.split("\n")


def test_commands_options_decks_and_types_complete(tmp_path: Path) -> None:
    assert {"plain,stats", "plain,study"} <= set(complete("tiesquiz st", tmp_path))
    assert "plain,economy" in complete("tiesquiz study ec", tmp_path)
    assert "plain,economy" in complete("tiesquiz show econ", tmp_path)
    assert "plain,economy" in complete("tiesquiz settings --deck eco", tmp_path)
    assert "plain,--time-limit" in complete("tiesquiz quiz --ti", tmp_path)
    assert "plain,cloze" in complete("tiesquiz quiz --type cl", tmp_path)


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_each_shell_gets_a_completion_script(shell: str) -> None:
    env = {**os.environ, "_TIESQUIZ_COMPLETE": f"{shell}_source"}
    out = subprocess.run(
        [sys.executable, "-m", "tiesquiz"], env=env, capture_output=True, text=True, timeout=60
    )
    assert out.returncode == 0 and "_TIESQUIZ_COMPLETE" in out.stdout


def test_the_readme_gives_the_completion_and_install_lines() -> None:
    from helpers.paths import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for line in ("bash_source", "zsh_source", "fish_source", "pipx install .", "uv tool install ."):
        assert line in readme, line
    assert "python -m venv" in readme and "externally" in readme
