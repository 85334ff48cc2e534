"""A progress folder in a git repository, merged both ways (issue 28): each machine commits only
its own history (the .gitignore tiesquiz writes keeps the rest out), so ``git pull`` never
conflicts, and every machine counts every answer once with the states of a replay of the union.
Uses the real ``git``; skipped where there is none."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from helpers.machines import Sim, hours, replay

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def git(sim: Sim, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": sim.name,
        "GIT_AUTHOR_EMAIL": f"{sim.name}@example.org",
        "GIT_COMMITTER_NAME": sim.name,
        "GIT_COMMITTER_EMAIL": f"{sim.name}@example.org",
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_CONFIG_GLOBAL": os.devnull,
    }
    return subprocess.run(
        ["git", "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main", *args],
        cwd=sim.folder,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def commit(sim: Sim, message: str) -> None:
    assert git(sim, "add", "-A").returncode == 0
    done = git(sim, "commit", "-q", "-m", message)
    assert done.returncode == 0 or "nothing to commit" in done.stdout, done.stdout + done.stderr


def pull(sim: Sim, other: Sim) -> None:
    done = git(sim, "pull", "-q", "--no-rebase", "--no-edit", str(other.folder), "main")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "CONFLICT" not in done.stdout + done.stderr


def test_a_git_repository_merged_both_ways_counts_every_answer_once(tmp_path: Path) -> None:
    a, b = Sim("A", tmp_path / "A"), Sim("B", tmp_path / "B")
    assert git(a, "init", "-q").returncode == 0
    given = a.study(hours(0), "tttftt")
    commit(a, "A studies")
    shutil.rmtree(b.folder)
    done = subprocess.run(
        ["git", "clone", "-q", str(a.folder), str(b.folder)], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    for day in range(3):  # both study offline, commit, and pull the other: both ways
        given += a.study(hours(24 * day + 1), "tftt")
        given += b.study(hours(24 * day + 1.5), "ttft")
        commit(a, f"A day {day}")
        commit(b, f"B day {day}")
        pull(a, b)
        pull(b, a)
    states, answers = replay(a.folder)
    assert len(answers) == given
    for sim in (a, b):
        with sim.open() as store:
            ids = [r.id for r in store.history()]
            assert len(ids) == len(set(ids)) == given
            assert store.progress.cards == states
    # Each file in the repository was only ever committed by one machine (the .gitignore,
    # the same text everywhere, by whichever wrote it first).
    log = git(a, "log", "--format=@%an", "--name-only").stdout
    authors: dict[str, set[str]] = {}
    who = ""
    for line in log.splitlines():
        if line.startswith("@"):
            who = line[1:]
        elif line.strip():
            authors.setdefault(line, set()).add(who)
    shared = {name: w for name, w in authors.items() if name != ".gitignore"}
    assert shared and all(len(w) == 1 for w in shared.values()), authors
    assert all(name.endswith(".history.jsonl") for name in shared)
