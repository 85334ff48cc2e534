"""A progress folder's files (issue 28): every guarantee of one machine's file holds for each
machine's own (two terminals, a full disk, files 0600, a damaged line refused and repaired), and
what other machines and sync tools leave there is read without trusting it: a damaged line is
left out and named, a line being synced is not read yet, conflict markers and git's sides are
read as copies, a FIFO is never waited on."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path

import pytest

from helpers.machines import NaiveSync, Sim, history_files, hours, replay
from tiesquiz.progress import device_id
from tiesquiz.progress import store as store_module


def two_machines(tmp_path: Path) -> tuple[Sim, Sim, int]:
    a, b = Sim("A", tmp_path / "A"), Sim("B", tmp_path / "B")
    given = a.study(hours(0), "ttt") + b.study(hours(1), "tft")
    NaiveSync().sync(a, b)
    return a, b, given


def history_of(sim: Sim) -> Path:
    return sim.folder / f"progress.{device_id(sim.data)}.history.jsonl"


def test_a_damaged_line_in_another_machines_history_is_left_out_and_named(
    tmp_path: Path,
) -> None:
    a, b, given = two_machines(tmp_path)
    theirs = a.folder / history_of(b).name
    lines = theirs.read_text().splitlines(keepends=True)
    lines[2] = '{"op":"review","id":"x" NaN}\n'
    theirs.write_text("".join(lines))
    result = a.run(hours(2), "due")
    assert result.exit_code == 0, result.output
    assert f"{theirs}: line 3 was left out" in result.output
    assert "run tiesquiz repair on the machine that writes it" in result.output
    with a.open() as store:
        assert len(store.history()) == given - 1
    assert a.study(hours(2), "t") == 1  # studying goes on


def test_a_line_a_sync_tool_is_still_writing_is_not_read_yet(tmp_path: Path) -> None:
    a, b, given = two_machines(tmp_path)
    theirs = a.folder / history_of(b).name
    whole = theirs.read_bytes()
    theirs.write_bytes(whole[: len(whole) - 40])  # the last line arrives in two parts
    result = a.run(hours(2), "due")
    assert result.exit_code == 0 and "left out" not in result.output, result.output
    with a.open() as store:
        assert len(store.history()) == given - 1
    theirs.write_bytes(whole)
    with a.open() as store:
        assert len(store.history()) == given


@pytest.mark.parametrize(
    "name",
    [
        "{stem}.jsonl.orig",
        "{stem}_REMOTE_4242.jsonl",
        "{stem}.sync-conflict-20261201-101010-ABCDEFG.jsonl",
        "{stem} (conflicted copy 2026-12-01 101010).jsonl",
    ],
)
def test_copies_git_and_sync_tools_make_are_merged_each_answer_once(
    tmp_path: Path, name: str
) -> None:
    a, b, given = two_machines(tmp_path)
    theirs = a.folder / history_of(b).name
    lines = theirs.read_text().splitlines(keepends=True)
    # The copy: the same answers, one more, and git's markers around a side.
    extra = lines[-1].replace('"id":"', '"id":"c')
    body = [*lines, "<<<<<<< HEAD\n", extra, "=======\n", ">>>>>>> theirs\n"]
    copy = a.folder / name.format(stem=theirs.name.removesuffix(".jsonl"))
    copy.write_text("".join(body))
    with a.open() as store:
        ids = [r.id for r in store.history()]
    assert len(ids) == len(set(ids)) == given + 1
    assert set(ids) == replay(a.folder)[1]


def test_a_fifo_named_like_a_history_is_never_waited_on(tmp_path: Path) -> None:
    a, _, given = two_machines(tmp_path)
    os.mkfifo(a.folder / "progress.0123456789abcdef.history.jsonl")
    with a.open() as store:
        assert len(store.history()) == given


def test_this_machines_damaged_history_is_refused_and_repair_puts_it_right(
    tmp_path: Path,
) -> None:
    a, _, given = two_machines(tmp_path)
    own = history_of(a)
    lines = own.read_text().splitlines(keepends=True)
    lines.insert(2, "{not json\n")
    own.write_text("".join(lines))
    result = a.run(hours(2), "due")
    assert result.exit_code == 1
    assert f"{own}: line 3 is damaged" in result.output and "repair" in result.output
    repaired = a.run(hours(2), "repair")
    assert repaired.exit_code == 0, repaired.output
    assert "line 3" in repaired.output
    with a.open() as store:
        assert len(store.history()) == given


def test_each_machines_files_are_its_alone(tmp_path: Path) -> None:
    a, _, _ = two_machines(tmp_path)
    device = device_id(a.data)
    for path in a.folder.glob(f"progress.{device}.*"):
        assert path.stat().st_mode & 0o777 == 0o600, path
    assert (a.data / "device-id").stat().st_mode & 0o777 == 0o600
    assert a.data.stat().st_mode & 0o777 in (0o700, 0o755)  # made by the test, or by tiesquiz


def test_a_full_disk_never_acknowledges_half_an_answer_in_a_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    a, _, given = two_machines(tmp_path)
    own = history_of(a)
    before = own.read_bytes()
    real_write = os.write

    def full(fd: int, data: bytes) -> int:
        if b'"op":"review"' in bytes(data):
            real_write(fd, bytes(data)[: len(data) // 2])
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write(fd, data)

    monkeypatch.setattr(store_module.os, "write", full)
    result = a.run(hours(2), "study", "sync", "--plain", input="t\n:q\n")
    monkeypatch.undo()
    assert result.exit_code == 1
    assert (
        "the disk is full" in result.output and "This last answer was not saved." in result.output
    )
    assert own.read_bytes() == before
    with a.open() as store:
        assert len(store.history()) == given


def test_two_terminals_on_one_machine_lose_nothing_in_a_folder(tmp_path: Path) -> None:
    a, _, given = two_machines(tmp_path)
    env = {**os.environ, **a.env(hours(30)), "TIESQUIZ_CACHE": "off"}
    command = [sys.executable, "-m", "tiesquiz", "study", "sync", "--plain", "--limit", "12"]
    procs = [
        subprocess.Popen(
            command,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    outputs = [p.communicate("t\n" * 40, timeout=120) for p in procs]
    for proc, (out, err) in zip(procs, outputs, strict=True):
        assert proc.returncode == 0, err
        assert "Studied 12 cards: 12 right" in out, out
    states, answers = replay(a.folder)
    assert len(answers) == given + 24
    with a.open() as store:
        assert {r.id for r in store.history()} == answers
        assert store.progress.cards == states
    assert len(history_files(a.folder)) == 2  # nothing but the two machines' own
