"""kill -9 on each machine while it merges the others' histories into its own states, and while
it takes over the history it had before the folder (issue 28). After every kill, the folder
still loads on that machine, every answer counts once, the states equal a replay of the union,
and nothing but the machine's own files was written.

CI runs 6 kills a machine; more with ``TIESQUIZ_SYNC_KILLS=30``.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest

from helpers.history import build
from helpers.machines import T0, Sim, copy_folder, device_history, replay
from tiesquiz.progress import ProgressStore

KILLS = int(os.environ.get("TIESQUIZ_SYNC_KILLS", "6"))
DEVICES = {"A": "a0" * 8, "B": "b0" * 8}


def machine(tmp_path: Path, name: str) -> Sim:
    sim = Sim(name, tmp_path / name)
    (sim.data / "device-id").write_text(DEVICES[name] + "\n")
    return sim


def run_killed(sim: Sim, command: str, delay: float) -> int:
    env = {**os.environ, **sim.env(T0 + timedelta(days=30)), "TIESQUIZ_CACHE": "off"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "tiesquiz", command],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(delay)
    proc.send_signal(signal.SIGKILL)
    return proc.wait(timeout=60)


def others(sim: Sim) -> dict[str, bytes]:
    """The files of the folder that are not this machine's own (nor the .gitignore, the same
    text on every machine)."""
    mine = f"progress.{DEVICES[sim.name]}."  # its files, and their temp files (hidden)
    return {
        p.name: p.read_bytes()
        for p in sim.folder.iterdir()
        if not p.name.lstrip(".").startswith(mine) and p.name != ".gitignore"
    }


def check(sim: Sim) -> None:
    states, answers = replay(sim.folder)
    with sim.open() as store:
        ids = [r.id for r in store.history()]
        assert len(ids) == len(set(ids)) == len(answers)
        assert set(ids) == answers
        assert store.progress.cards == states


@pytest.mark.slow
@pytest.mark.parametrize("victim", ["A", "B"])
def test_kill_9_during_a_merge_on_each_machine(tmp_path: Path, victim: str) -> None:
    rng = random.Random(f"sync-{victim}")
    a, b = machine(tmp_path, "A"), machine(tmp_path, "B")
    keys = [f"sync/c{i}" for i in range(3000)]
    # Mostly their own cards, 50 in common, answered in turns: the common ones diverge.
    device_history(a.folder, DEVICES["A"], keys[:1550], 6, T0)
    device_history(b.folder, DEVICES["B"], keys[1500:], 6, T0 + timedelta(seconds=3))
    copy_folder(a.folder, b.folder)
    copy_folder(b.folder, a.folder)
    sim, other = (a, b) if victim == "A" else (b, a)
    codes = []
    for kill in range(KILLS):
        # The other machine studied more meanwhile (some of the common cards), and it synced.
        later = T0 + timedelta(days=1 + kill)
        device_history(other.folder, DEVICES[other.name], keys[1500 + kill : 1560], 2, later)
        copy_folder(other.folder, sim.folder)
        before = others(sim)
        codes.append(run_killed(sim, "sync", rng.uniform(0.15, 1.2)))
        assert others(sim) == before  # only its own files were written
        check(sim)
    assert -signal.SIGKILL in codes
    # Run to the end: the cache it saves is then read the quick way, and agrees.
    env = {**os.environ, **sim.env(T0 + timedelta(days=30))}
    done = subprocess.run(
        [sys.executable, "-m", "tiesquiz", "sync"], env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    with ProgressStore.open(sim.folder, machine=sim.machine(), since=T0.isoformat()) as store:
        merging = store.progress.merging
        assert merging is not None and merging.restored and not merging.rebuilt
        assert store.progress.cards == replay(sim.folder)[0]


@pytest.mark.slow
def test_kill_9_while_the_old_history_becomes_this_machines(tmp_path: Path) -> None:
    """One machine's file of 40,000 answers in the folder; the first use is killed at random
    points, then finished: every answer kept, once, and the old history kept as a backup."""
    rng = random.Random(2812)
    for kill in range(max(2, KILLS // 2)):
        sim = machine(tmp_path / str(kill), "A")
        build(sim.folder / "progress.json", 10_000, 4)
        code = run_killed(sim, "due", rng.uniform(0.1, 1.5))
        with sim.open() as store:
            answers = store.history()
            assert len(answers) == len({r.id for r in answers}) == 40_000, code
        assert not (sim.folder / "progress.history.jsonl").exists()
        assert len(list(sim.folder.glob("progress.history.jsonl.*.bak"))) == 1


@pytest.mark.slow
def test_kill_9_a_study_session_in_a_folder_loses_no_acknowledged_answer(tmp_path: Path) -> None:
    """Real plain-mode sessions on machine A, killed after an answer was acknowledged or in the
    middle of the next one's append, while B's answers keep arriving: every answer A showed as
    answered is in A's history, once, and the folder loads."""
    rng = random.Random(2028)
    a, b = machine(tmp_path, "A"), machine(tmp_path, "B")
    device_history(b.folder, DEVICES["B"], [f"sync/c{i}" for i in range(30)], 2, T0)
    acked = 0
    for kill in range(KILLS):
        now = T0 + timedelta(days=kill, hours=1)
        device_history(b.folder, DEVICES["B"], [f"sync/c{kill}"], 1, now)
        copy_folder(b.folder, a.folder)
        env = {**os.environ, **a.env(now), "TIESQUIZ_CACHE": "off", "PYTHONUNBUFFERED": "1"}
        command = [sys.executable, "-u", "-m", "tiesquiz", "study", "sync", "--plain"]
        proc = subprocess.Popen(
            [*command, "--new", "1000"],
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            bufsize=1,
        )
        assert proc.stdin is not None and proc.stdout is not None
        target, seen = rng.randint(1, 6), 0
        for line in proc.stdout:
            if "Statement" in line and "is true" in line:
                proc.stdin.write("t\n")
                proc.stdin.flush()
                if seen == target:  # inside the append of the next answer, or just before
                    time.sleep(rng.uniform(0, 0.003))
                    break
            elif "✓ Right" in line:
                seen += 1
        proc.send_signal(signal.SIGKILL)
        rest, _ = proc.communicate(timeout=60)
        acked += seen + rest.count("✓ Right")
        with a.open() as store:
            mine = [r for r in store.history() if r.duration_ms != 1000]  # B's are 1000 ms
            assert len(mine) >= acked, f"kill {kill + 1} lost acknowledged answers"
            assert len({r.id for r in mine}) == len(mine)
        check(a)
