"""The progress files against odd and hostile content (issue 26, findings 11 and 12): a reset
that says truthfully how to undo it, text UTF-8 cannot hold, a forged checksum, special files
where progress is read, and files created 0600 under names nobody could have planted."""

from __future__ import annotations

import json
import os
import shlex
import stat
import subprocess
import sys
import zlib
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from helpers.decks import use_fixture_decks
from helpers.disk import history_of
from helpers.history import synthetic_progress
from helpers.legacy import write_format_1
from helpers.reviews import record_review
from tiesquiz.cli import cli
from tiesquiz.progress import ProgressStore, write_progress
from tiesquiz.scheduling import AGAIN, GOOD

NOW = datetime(2026, 11, 28, 9, tzinfo=timezone.utc)


@pytest.fixture(autouse=True)
def decks(monkeypatch: pytest.MonkeyPatch) -> None:
    use_fixture_decks(monkeypatch, NOW)


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), input=":q\n")


def studied(state: Path, keys: list[str], start: datetime = NOW) -> None:
    with ProgressStore.open(state) as store:
        for i, key in enumerate(keys):
            record_review(store, key, GOOD, start + timedelta(minutes=i))


# -- reset: undone the way it says -------------------------------------------------------------


def test_reset_says_how_to_undo_it_and_that_way_brings_everything_back(state: Path) -> None:
    studied(state, ["all-types/tf", "all-types/choice", "other/kept"])
    before = ProgressStore.open(state)
    cards, answers = dict(before.progress.cards), [r.id for r in before.history()]
    help_text = run("reset", "--help").output
    assert "backup" not in help_text and "reset --undo" in help_text
    result = run("reset", "all-types", "--yes")
    assert result.exit_code == 0, result.output
    told = result.output.split("To bring it back: ", 1)[1].strip()
    assert told == f"tiesquiz --state {shlex.quote(str(state))} reset --undo"
    assert set(ProgressStore.open(state).progress.cards) == {"other/kept"}
    undone = run(*shlex.split(told)[1:])  # exactly what it said
    assert undone.exit_code == 0 and "brought back" in undone.output, undone.output
    after = ProgressStore.open(state)
    assert after.progress.cards == cards and [r.id for r in after.history()] == answers
    assert "No reset to undo" in run("reset", "--undo").output


def test_undoing_a_reset_keeps_what_was_studied_since(state: Path) -> None:
    studied(state, ["all-types/tf", "all-types/choice"])
    assert run("reset", "all-types", "--yes").exit_code == 0
    with ProgressStore.open(state) as store:
        record_review(store, "all-types/tf", AGAIN, NOW + timedelta(days=1))
        newer = store.progress.cards["all-types/tf"]
    assert run("reset", "--undo").exit_code == 0
    progress = ProgressStore.open(state).progress
    assert progress.cards["all-types/tf"] == newer and "all-types/choice" in progress.cards
    assert len([r for r in ProgressStore.open(state).history() if r.card == "all-types/tf"]) == 2


# -- text UTF-8 cannot hold, and a forged checksum --------------------------------------------


def edited(state: Path, change: str) -> None:
    """``change`` (JSON text) added as the last key of the progress file."""
    text = state.read_text(encoding="utf-8").rstrip()
    assert text.endswith("}")
    state.write_text(text[:-1] + f",\n {change}\n}}\n", encoding="utf-8")


def test_a_lone_surrogate_in_a_kept_key_is_written_safely(state: Path) -> None:
    studied(state, ["all-types/tf"])
    edited(state, '"note\\ud800": "teacher\\udc00 said", "paths": {"x": "\\udcff"}')
    study = run("study", "all-types", "--plain", "--limit", "1")
    assert study.exit_code == 0 and "Traceback" not in study.output, study.output
    reset = run("reset", "all-types/tf", "--yes")
    assert reset.exit_code == 0, reset.output
    data = json.loads(state.read_bytes())
    assert data["note\ud800"] == "teacher\udc00 said" and data["paths"] == {"x": "\udcff"}
    state.read_bytes().decode("utf-8")  # the file is UTF-8 all the same


def test_a_deck_path_that_is_not_utf8_is_not_remembered_and_breaks_nothing(state: Path) -> None:
    with ProgressStore.open(state) as store:
        store.remember_decks({"latin": "/tmp/d\udce9cks/latin.yaml", "fine": "/tmp/fine.yaml"})
        record_review(store, "all-types/tf", GOOD, NOW)
    assert ProgressStore.open(state).progress.deck_paths == {"fine": "/tmp/fine.yaml"}


def test_a_forged_checksum_over_a_damaged_card_is_refused(state: Path) -> None:
    studied(state, ["all-types/tf", "all-types/choice"])
    _, _, body = state.read_bytes().partition(b"\n")
    for damage in (b'"stability":"x"', b'"due":"2026-02-30T09:00:00.000000+00:00"'):
        key = damage.split(b":", 1)[0]
        start = body.index(key)
        forged = body[:start] + damage + body[body.index(b",", start) :]
        state.write_bytes(b'{"checksum": "%08x",\n' % zlib.crc32(forged) + forged)
        for args in (["stats"], ["due"]):
            result = run(*args)
            assert result.exit_code == 1 and "is damaged" in result.output, result.output
            assert "Traceback" not in result.output


# -- special files where progress is read ------------------------------------------------------


def tiesquiz(state: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """A real process (a hang must not hang the test run), with a time limit."""
    env = {**os.environ, "TIESQUIZ_STATE": str(state)}
    return subprocess.run(
        [sys.executable, "-m", "tiesquiz", *args],
        env=env,
        input=":q\n",
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
@pytest.mark.parametrize("which", ["progress", "history"])
def test_a_fifo_where_progress_is_read_is_refused_at_once(state: Path, which: str) -> None:
    if which == "history":
        studied(state, ["all-types/tf"])
        history_of(state).unlink()
    os.mkfifo(state if which == "progress" else history_of(state))
    for args in (["due"], ["study", "all-types", "--plain"], ["repair"]):
        result = tiesquiz(state, *args)
        assert result.returncode == 1, (args, result.stdout, result.stderr)
        assert "not a regular file" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.skipif(not os.path.exists("/dev/null"), reason="no /dev/null here")
def test_a_device_as_the_history_never_swallows_answers(state: Path) -> None:
    history_of(state).symlink_to("/dev/null")
    result = tiesquiz(state, "study", "all-types", "--plain")
    assert result.returncode == 1 and "not a regular file" in result.stderr, result.stderr
    assert not state.exists()


# -- created 0600, under names nobody planted --------------------------------------------------


@pytest.fixture
def open_umask() -> Iterator[None]:
    old = os.umask(0)
    try:
        yield
    finally:
        os.umask(old)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX modes")
@pytest.mark.usefixtures("open_umask")
def test_progress_history_and_backups_are_created_0600_whatever_the_umask(
    state: Path, tmp_path: Path
) -> None:
    studied(state, ["all-types/tf"])
    studied(state, ["all-types/choice"], NOW + timedelta(hours=1))  # a second save: a .bak
    with open(history_of(state), "ab") as fh:
        fh.write(b"{}\n")  # damaged: repair keeps the old history as a backup
    assert run("repair").exit_code == 0
    (backup,) = state.parent.glob("progress.history.jsonl.*.bak")
    old = tmp_path / "old" / "progress.json"
    old.parent.mkdir()
    write_format_1(old, synthetic_progress(["d/a"], 2), [])
    ProgressStore.open(old).close()  # the upgrade
    made = [
        state,
        history_of(state),
        state.with_name("progress.json.bak"),
        state.with_name("progress.json.lock"),
        backup,
        old,
        history_of(old),
        old.with_name("progress.json.lock"),
        old.with_name("progress.json.v1.bak"),
    ]
    assert {str(p): oct(mode(p)) for p in made} == {str(p): "0o600" for p in made}
    data = tmp_path / "data" / "deeper" / "progress.json"
    with ProgressStore.open(data, create_parents=True) as store:
        record_review(store, "d/a", GOOD, NOW)
    assert mode(data.parent) == 0o700 and mode(data) == 0o600


def test_a_planted_temp_name_is_never_written_through(state: Path, tmp_path: Path) -> None:
    """The history's temp name was ``.NAME.PID.tmp``, opened without ``O_EXCL``: a symlink
    planted there sent the whole history into another file."""
    victim = tmp_path / "victim.txt"
    victim.write_text("mine\n")
    for name in (
        f".progress.history.jsonl.{os.getpid()}.tmp",
        f".progress.json.{os.getpid()}.tmp",
        "progress.json.bak.tmp",
    ):
        (state.parent / name).symlink_to(victim)
    write_progress(state, synthetic_progress(["d/a", "d/b"], 3))
    studied(state, ["d/c"])
    assert victim.read_text() == "mine\n"
    assert len(ProgressStore.open(state).history()) == 7
