"""The existing history becomes this machine's on first use of a progress folder: every answer
kept, once, and the old files kept as backups (issue 28)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from helpers.machines import NaiveSync, Sim, history_files, hours, replay
from tiesquiz.progress import ProgressStore, device_id


def test_one_machines_file_in_the_folder_becomes_this_machines_history(tmp_path: Path) -> None:
    a = Sim("A", tmp_path / "A", file_mode=True)
    given = a.study(hours(0), "ttft")
    assert a.run(hours(1), "settings", "--new-per-day", "9").exit_code == 0
    given += a.study(hours(2), "tt")
    old_history = (a.folder / "progress.history.jsonl").read_bytes()
    log_id = json.loads(old_history.split(b"\n", 1)[0])["log_id"]
    with ProgressStore.open(a.folder / "progress.json") as store:
        before = store.progress.cards

    a.file_mode = False
    result = a.run(hours(3), "due")
    assert result.exit_code == 0, result.output
    assert "now this machine's history in the shared folder" in result.output
    device = device_id(a.data)
    assert device is not None
    own = a.folder / f"progress.{device}.history.jsonl"
    # Kept byte for byte as a backup, and out of the way of every other machine.
    assert (a.folder / f"progress.history.jsonl.{log_id}.bak").read_bytes() == old_history
    assert (a.folder / f"progress.json.{log_id}.bak").exists()
    assert not (a.folder / "progress.history.jsonl").exists()
    assert os.stat(own).st_mode & 0o777 == 0o600
    with a.open() as store:
        assert len(store.history()) == given
        assert store.progress.cards == before
        assert store.progress.limits.new_per_day == 9
    with a.open() as store:  # the second time, nothing more is said or done
        assert store.progress.repairs == []


def test_two_machines_own_files_both_join_a_new_folder(tmp_path: Path) -> None:
    """Each machine studied alone with its default progress (in its data folder); both then
    name one shared folder: each one's answers become its history there, all counted."""
    a, b = Sim("A", tmp_path / "A"), Sim("B", tmp_path / "B")
    tool = NaiveSync()
    given = 0
    for sim, replies in ((a, "tttf"), (b, "ttt")):
        sim.file_mode = True
        folder = sim.root / "progress"
        sim.root.joinpath("alone").mkdir()
        os.rename(folder, sim.root / "shared-later")
        os.symlink(sim.data, folder)  # its state file is the one in its data folder
        given += sim.study(hours(0), replies)
        os.unlink(folder)
        os.rename(sim.root / "shared-later", folder)
        sim.file_mode = False
        assert (sim.data / "progress.history.jsonl").exists()
    a.study(hours(1), "t")
    b.study(hours(1.5), "t")
    tool.sync(a, b)
    states, answers = replay(a.folder)
    assert len(answers) == given + 2
    for sim in (a, b):
        with sim.open() as store:
            assert {r.id for r in store.history()} == answers
            assert store.progress.cards == states
        assert (sim.data / "progress.history.jsonl").exists()  # its own file, left as it was
    assert tool.conflicts == []


def test_the_issue_measurement_one_file_synced_by_two_machines_then_a_folder(
    tmp_path: Path,
) -> None:
    """On the current main, with one progress file in a naively synced folder: A studies 6
    cards, sync, B 5, A 5 more, sync: both files change on both machines, and each machine
    counted 11 answers of 16. Naming the folder instead reads the history and its conflict
    copy: 16 on each machine, and no conflict after."""
    a = Sim("A", tmp_path / "A", file_mode=True)
    b = Sim("B", tmp_path / "B", file_mode=True)
    tool = NaiveSync()
    a.study(hours(0), "tttttt")
    tool.sync(a, b)
    b.study(hours(1), "ttttt")
    a.study(hours(1.5), "ttttt")
    tool.sync(a, b)
    assert "progress.history.jsonl" in tool.conflicts  # the old way
    with ProgressStore.open(a.folder / "progress.json") as store:
        assert len(store.history()) == 11
    tool.conflicts.clear()
    a.file_mode = b.file_mode = False
    tool.writers.clear()
    for sim in (a, b):
        assert sim.run(hours(2), "due").exit_code == 0
        tool.sync(a, b)
    states, answers = replay(a.folder)
    assert len(answers) == 16
    for sim in (a, b):
        with sim.open() as store:
            assert {r.id for r in store.history()} == answers
            assert store.progress.cards == states
    given = a.study(hours(3), "tt") + b.study(hours(3.5), "ft")
    tool.sync(a, b)
    assert tool.conflicts == []
    assert len(replay(b.folder)[1]) == 16 + given


def test_a_first_use_cut_short_is_finished_and_counts_each_answer_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Killed after this machine's history was written and before the old pair was renamed:
    the next start renames it, and until then each answer is still counted once."""
    a = Sim("A", tmp_path / "A", file_mode=True)
    given = a.study(hours(0), "tftt")
    a.file_mode = False
    real = os.replace

    def killed(src: object, dst: object) -> None:
        if str(dst).endswith(".bak") and "progress.history.jsonl" in str(src):
            raise KeyboardInterrupt  # stands for the kill: nothing after it runs
        real(src, dst)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "replace", killed)
    with pytest.raises(KeyboardInterrupt):
        a.open()
    monkeypatch.setattr(os, "replace", real)
    assert (a.folder / "progress.history.jsonl").exists()
    assert len([p for p in history_files(a.folder)]) == 2
    with a.open() as store:
        assert len(store.history()) == given
    assert not (a.folder / "progress.history.jsonl").exists()


def test_a_legacy_history_git_left_conflicted_is_read_as_its_two_sides(tmp_path: Path) -> None:
    a = Sim("A", tmp_path / "A", file_mode=True)
    a.study(hours(0), "tt")
    legacy = a.folder / "progress.history.jsonl"
    lines = legacy.read_text().splitlines(keepends=True)
    ours = lines[-1]
    theirs = ours.replace('"id":"', '"id":"e').replace("T09:00", "T09:05")
    legacy.write_text(
        "".join(lines[:-1]) + "<<<<<<< HEAD\n" + ours + "=======\n" + theirs + ">>>>>>> b\n"
    )
    a.file_mode = False
    with a.open() as store:
        assert len(store.history()) == 3
