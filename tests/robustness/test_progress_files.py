"""Disk trouble and hand-edited progress files: a clear message, the file untouched, no traceback."""

from __future__ import annotations

import errno
import json
import os
import re
import shutil
from datetime import datetime, timezone
from pathlib import Path

import pytest
from click.testing import CliRunner

from helpers.decks import use_fixture_decks
from helpers.disk import answers_on_disk, history_of
from helpers.reviews import record_review
from tiesquiz.cli import cli
from tiesquiz.errors import ProgressError
from tiesquiz.progress import ProgressStore, codec
from tiesquiz.progress import disk as disk_module
from tiesquiz.progress import store as progress_module
from tiesquiz.scheduling import GOOD

NOW = datetime(2026, 11, 28, 9, tzinfo=timezone.utc)


@pytest.fixture(autouse=True)
def decks(monkeypatch: pytest.MonkeyPatch) -> None:
    use_fixture_decks(monkeypatch, NOW)


def answer(store: ProgressStore, key: str = "all-types/tf") -> None:
    record_review(store, key, GOOD, NOW, answer="t", duration_ms=5)


def seeded(state: Path) -> bytes:
    with ProgressStore.open(state) as store:
        answer(store)
    return state.read_bytes()


def study(*args: str, stdin: str = "", state: Path | None = None):
    extra = ["--state", str(state)] if state else []
    return CliRunner().invoke(cli, [*extra, "study", "all-types", "--plain", *args], input=stdin)


def fail_writes_under(folder: Path, code: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """Make every write into ``folder`` fail as a read-only or full disk would (root ignores chmod)."""
    real_open, real_write, real_builtin_open = os.open, os.write, open

    def fake_os_open(path, flags, *args, **kwargs):  # type: ignore[no-untyped-def]
        if str(path).startswith(str(folder)) and flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT):
            raise OSError(code, os.strerror(code), str(path))
        return real_open(path, flags, *args, **kwargs)

    def fake_open(file, mode="r", *args, **kwargs):  # type: ignore[no-untyped-def]
        if str(file).startswith(str(folder)) and any(m in mode for m in "wax+"):
            raise OSError(code, os.strerror(code), str(file))
        return real_builtin_open(file, mode, *args, **kwargs)

    def fake_write(fd: int, data: bytes) -> int:
        target = os.readlink(f"/proc/self/fd/{fd}") if os.path.exists(f"/proc/self/fd/{fd}") else ""
        if target.startswith(str(folder)):
            raise OSError(code, os.strerror(code))
        return real_write(fd, data)

    monkeypatch.setattr(progress_module.os, "open", fake_os_open)
    monkeypatch.setattr(progress_module.os, "write", fake_write)
    monkeypatch.setattr(progress_module, "open", fake_open, raising=False)
    monkeypatch.setattr(disk_module, "open", fake_open, raising=False)


@pytest.mark.parametrize(
    ("code", "words"),
    [
        (errno.EROFS, "the disk is read-only"),
        (errno.EACCES, "permission denied"),
        (errno.ENOSPC, "the disk is full"),
    ],
)
def test_write_failures_give_a_clear_message_and_leave_the_file(
    state: Path, monkeypatch: pytest.MonkeyPatch, code: int, words: str
) -> None:
    before = seeded(state)
    history = history_of(state).read_bytes()
    fail_writes_under(state.parent, code, monkeypatch)
    result = study(stdin="\n3\n:q\n")
    assert result.exit_code == 1, result.output
    assert words in result.output and "Your progress so far is safe" in result.output
    assert "Front of the card" not in result.output  # found before the first question
    assert "Traceback" not in result.output and not isinstance(result.exception, OSError)
    monkeypatch.undo()
    assert state.read_bytes() == before
    assert history_of(state).read_bytes() == history


def test_a_full_disk_during_the_fold_keeps_every_answer(
    state: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = seeded(state)
    store = ProgressStore.open(state)
    answer(store, "all-types/flash")  # in the history

    real_replace = os.replace

    def no_space(src, dst):  # type: ignore[no-untyped-def]
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(progress_module.os, "replace", no_space)
    with pytest.raises(ProgressError, match="the disk is full"):
        store.close()
    monkeypatch.setattr(progress_module.os, "replace", real_replace)
    assert state.read_bytes() == before
    assert not list(state.parent.glob(".progress.json.*.tmp"))  # the temp file was removed
    reopened = ProgressStore.open(state).progress
    assert sorted(r.card for r in reopened.reviews) == ["all-types/flash", "all-types/tf"]


def test_a_missing_parent_directory(tmp_path: Path) -> None:
    target = tmp_path / "no" / "such" / "progress.json"
    result = study(stdin="\n3\n:q\n", state=target)
    assert result.exit_code == 1
    assert "does not exist; create it, or choose another file with --state" in result.output
    assert not target.parent.exists()


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes to read-only folders anyway")
def test_a_real_read_only_folder(state: Path) -> None:  # pragma: no cover - runs for non-root users
    before = seeded(state)
    os.chmod(state.parent, 0o555)
    try:
        result = study(stdin="\n3\n:q\n")
        assert result.exit_code == 1 and "permission denied" in result.output
        assert state.read_bytes() == before
    finally:
        os.chmod(state.parent, 0o755)


# -- hand-edited files -------------------------------------------------------------------------------


def edited(state: Path, change) -> bytes:  # type: ignore[no-untyped-def]
    seeded(state)
    data = json.loads(state.read_text(encoding="utf-8"))
    change(data)
    text = json.dumps(data, indent=4)
    state.write_text(text, encoding="utf-8")
    return text.encode()


REFUSED = {
    "truncated": (None, "not valid JSON (line"),
    "cards-not-a-mapping": (lambda d: d.update(cards=[]), "'cards' must be a mapping"),
    "due-not-a-time": (
        lambda d: next(iter(d["cards"].values())).update(due="tomorrow"),
        "the progress of card 'all-types/tf' is damaged",
    ),
    "state-number": (lambda d: next(iter(d["cards"].values())).update(state=9), "is damaged"),
    "scheduler-params": (
        lambda d: d["scheduler"].update(parameters=[1, 2]),
        "the scheduler settings are damaged",
    ),
    "no-version": (lambda d: d.pop("version"), "the format version is missing"),
    "future-version": (
        lambda d: d.update(version=7),
        "written by a newer tiesquiz (progress format 7",
    ),
    "not-ours": (lambda d: d.pop("format"), "not a tiesquiz progress file"),
    # Values a hand edit can leave that would crash later (issue 16, point 7)
    **{
        f"stability-{name}": (
            lambda d, v=value: next(iter(d["cards"].values())).update(stability=v),
            "stability is",
        )
        for name, value in (
            ("nan", float("nan")),
            ("inf", float("inf")),
            ("-inf", -float("inf")),
            ("zero", 0),
            ("negative", -3),
        )
    },
    **{
        f"difficulty-{name}": (
            lambda d, v=value: next(iter(d["cards"].values())).update(difficulty=v),
            "difficulty is",
        )
        for name, value in (("nan", float("nan")), ("huge", 1e308))
    },
    **{
        f"retention-{name}": (
            lambda d, v=value: d["scheduler"].update(desired_retention=v),
            "desired_retention",
        )
        for name, value in (
            ("zero", 0),
            ("nan", float("nan")),
            ("negative", -0.5),
            ("above-1", 1.5),
        )
    },
    "due-feb-30": (
        lambda d: next(iter(d["cards"].values())).update(due="2026-02-30T09:00:00.000000+00:00"),
        "is not a real date",
    ),
    "due-month-13": (
        lambda d: next(iter(d["cards"].values())).update(due="2026-13-01T09:00:00.000000+00:00"),
        "is not a real date",
    ),
    "limit-infinity": (
        lambda d: d["limits"].update(new_per_day=float("inf")),
        "the scheduler settings are damaged",
    ),
    "maximum-interval-infinity": (
        lambda d: d["scheduler"].update(maximum_interval=float("inf")),
        "the scheduler settings are damaged",
    ),
}


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_nonsense_is_refused_never_reset(state: Path, case: str) -> None:
    change, message = REFUSED[case]
    if change is None:
        content = seeded(state)[:-40]
        state.write_bytes(content)
    else:
        content = edited(state, change)
    for args in (
        ["due"],
        ["stats"],
        ["study", "all-types", "--plain"],
        ["reset", "all-types", "--yes"],
    ):
        result = CliRunner().invoke(cli, args, input="t\n:q\n")
        assert result.exit_code == 1, (args, result.output)
        assert message in result.output and str(state) in result.output
        assert "Traceback" not in result.output
    assert state.read_bytes() == content


#: Edits of an answer in the history (its second line; the first names the history).
REFUSED_ANSWERS = {
    "rating-text": lambda d: d.update(rating="good"),
    "local-time-offset": lambda d: d.update(time="2026-11-28T13:00:00.000000+04:00"),
    "duration-text": lambda d: d.update(duration_ms="5 seconds"),
    "unknown-op": lambda d: d.update(op="rewind"),
}


@pytest.mark.parametrize("case", sorted(REFUSED_ANSWERS))
def test_a_damaged_answer_in_the_history_is_refused_never_reset(state: Path, case: str) -> None:
    seeded(state)
    history = history_of(state)
    head, line, rest = history.read_bytes().split(b"\n", 2)
    event = json.loads(line)
    REFUSED_ANSWERS[case](event)
    content = b"\n".join([head, json.dumps(event).encode(), rest])
    history.write_bytes(content)
    before = state.read_bytes()
    for args in (["stats"], ["study", "all-types", "--plain"], ["reset", "all-types", "--yes"]):
        result = CliRunner().invoke(cli, args, input="t\n:q\n")
        assert result.exit_code == 1, (args, result.output)
        assert "progress.history.jsonl: line 2 is damaged" in result.output, result.output
        assert str(state) in result.output and "Traceback" not in result.output
    assert history.read_bytes() == content and state.read_bytes() == before


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (
            lambda text: text.replace('"new_per_day": 20', '"new_per_day": ' + "9" * 5000),
            "not valid JSON",
        ),
        (
            lambda text: text.replace(
                '"limits": {', '"limits": ' + "[" * 100_000 + "]" * 100_000 + ', "x": {'
            ),
            "nested too deeply",
        ),
    ],
    ids=["5000-digit-integer", "100k-deep-nesting"],
)
def test_text_that_json_cannot_hold_is_refused(state: Path, edit, message: str) -> None:  # type: ignore[no-untyped-def]
    seeded(state)
    content = edit(state.read_text(encoding="utf-8")).encode("utf-8")
    state.write_bytes(content)
    result = study(stdin="t\n:q\n")
    assert result.exit_code == 1, result.output
    assert message in result.output and "Traceback" not in result.output
    assert state.read_bytes() == content


def test_unknown_keys_are_kept_and_a_reformatted_file_is_read(state: Path) -> None:
    edited(state, lambda d: d.update(teacher_note="keep me", zz={"nested": [1, 2]}))
    with ProgressStore.open(state) as store:
        answer(store, "all-types/flash")
    data = json.loads(state.read_text(encoding="utf-8"))
    assert data["teacher_note"] == "keep me" and data["zz"] == {"nested": [1, 2]}
    assert len(answers_on_disk(state)) == 2


def test_a_card_that_no_longer_exists_is_kept_as_an_orphan(state: Path) -> None:
    edited(state, lambda d: d["cards"].update({"all-types/gone": next(iter(d["cards"].values()))}))
    result = CliRunner().invoke(cli, ["stats", "--json"])
    assert result.exit_code == 0
    assert json.loads(result.output)["orphans"] == ["all-types/gone"]
    assert "all-types/gone" in ProgressStore.open(state).progress.cards


def test_empty_file_is_refused(state: Path) -> None:
    state.write_bytes(b"")
    with pytest.raises(ProgressError, match="not valid JSON"):
        ProgressStore.open(state)
    result = CliRunner().invoke(cli, ["study", "all-types", "--plain"], input="t\n:q\n")
    assert result.exit_code == 1 and "not valid JSON" in result.output
    assert state.read_bytes() == b""  # refused, not replaced by a fresh file


def test_backup_without_hard_links(state: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = seeded(state)

    def no_links(src, dst):  # type: ignore[no-untyped-def]
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(progress_module.os, "link", no_links)
    with ProgressStore.open(state) as store:
        answer(store, "all-types/flash")
    assert state.with_name("progress.json.bak").read_bytes() == before
    assert len(ProgressStore.open(state).progress.reviews) == 2


def test_a_temp_file_left_by_a_crash_is_cleaned_up(state: Path) -> None:
    seeded(state)
    stale = state.with_name(".progress.json.99999.tmp")
    stale.write_text("half a file", encoding="utf-8")
    with ProgressStore.open(state) as store:
        answer(store, "all-types/flash")
    assert not stale.exists()
    assert len(ProgressStore.open(state).progress.reviews) == 2


@pytest.mark.parametrize(
    "log_id",
    ["ABCDEF0123456789", "", "not-hex-at-all!!", "0" * 5000, "0123456789abcde", 12],
    ids=["uppercase", "empty", "non-hex", "very-long", "short", "a-number"],
)
def test_an_unusual_log_id_is_refused_not_trusted(state: Path, log_id: object) -> None:
    """Such an id could never match the history's first line. Refuse the file, with what to do."""
    content = edited(state, lambda d: d.update(log_id=log_id))
    with pytest.raises(ProgressError, match="log_id"):
        ProgressStore.open(state)
    result = study(stdin="t\n:q\n")
    assert result.exit_code == 1 and "log_id" in result.output
    assert state.read_bytes() == content


@pytest.mark.parametrize("log_bytes", [-1, "12", 1.5, None])
def test_an_unusual_log_bytes_is_refused(state: Path, log_bytes: object) -> None:
    content = edited(state, lambda d: d.update(log_bytes=log_bytes))
    result = study(stdin="t\n:q\n")
    assert result.exit_code == 1 and "log_bytes is" in result.output, result.output
    assert state.read_bytes() == content


def test_a_failed_save_keeps_the_previous_backup(
    state: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seeded(state)
    with ProgressStore.open(state) as store:  # a second save: the backup is the first file
        answer(store, "all-types/flash")
    backup = state.with_name("progress.json.bak").read_bytes()
    current = state.read_bytes()
    store = ProgressStore.open(state)
    answer(store, "all-types/choice")
    real_replace = os.replace

    def immutable(src, dst):  # type: ignore[no-untyped-def]
        if str(dst) == str(state):
            raise OSError(errno.EPERM, "Operation not permitted")  # chattr +i
        return real_replace(src, dst)

    monkeypatch.setattr(progress_module.os, "replace", immutable)
    with pytest.raises(ProgressError, match="cannot save"):
        store.close()
    monkeypatch.undo()
    assert state.with_name("progress.json.bak").read_bytes() == backup  # not overwritten
    assert state.read_bytes() == current
    assert not list(state.parent.glob("*.tmp")) and not list(state.parent.glob(".*.tmp"))
    assert len(ProgressStore.open(state).progress.reviews) == 3  # the answer is in the history


def test_a_symlinked_state_file_is_written_through(tmp_path: Path) -> None:
    target = tmp_path / "real" / "progress.json"
    target.parent.mkdir()
    link = tmp_path / "link.json"
    link.symlink_to(target)
    result = study("--limit", "1", stdin="\n3\n", state=link)
    assert result.exit_code == 0, result.output
    assert link.is_symlink() and target.is_file()  # the link is still a link
    assert not Path(str(link) + ".bak").is_symlink()
    assert len(answers_on_disk(target)) == 1 and not history_of(link).exists()


def test_a_short_write_on_a_full_disk_never_acknowledges_the_answer(
    state: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The disk fills mid-line: the half line is cut away, the answer is not counted and the
    student is told; every answer before it is kept."""
    seeded(state)
    history = history_of(state)
    real_write = os.write
    calls = {"n": 0}

    def short_then_full(fd: int, data: bytes) -> int:
        if b'"op":"review"' in bytes(data) and calls["n"] == 0:
            calls["n"] += 1
            return real_write(fd, bytes(data)[: len(data) // 2])  # a short write
        if calls["n"] == 1 and os.readlink(f"/proc/self/fd/{fd}") == str(history):
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write(fd, data)

    monkeypatch.setattr(progress_module.os, "write", short_then_full)
    result = study(stdin="\n3\nt\n:q\n")
    monkeypatch.undo()
    assert result.exit_code == 1, result.output
    assert (
        "the disk is full" in result.output and "This last answer was not saved." in result.output
    )
    lines = history.read_bytes().split(b"\n")
    assert lines[-1] == b""  # no torn line left behind
    assert all(json.loads(line) for line in lines[:-1])
    assert len(ProgressStore.open(state).progress.reviews) == 1  # the seeded answer, no other


def test_a_real_full_disk(tmp_path: Path) -> None:
    """On a tiny tmpfs, where the machine lets the test mount one."""
    import subprocess

    mount = tmp_path / "tiny"
    mount.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=48k", "tmpfs", str(mount)], capture_output=True
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode().strip()[:80]}")
    try:
        state = mount / "progress.json"
        (mount / "filler").write_bytes(b"x" * 49_152)  # every page of the 48 KB taken
        # A bundled deck: nothing is written before the first answer.
        outcome = CliRunner().invoke(
            cli, ["--state", str(state), "study", "community", "--plain"], input="t\n1\n" * 5
        )
        assert outcome.exit_code == 1, outcome.output
        assert "the disk is full" in outcome.output
        assert "This last answer was not saved." in outcome.output
        assert "✓" not in outcome.output and "✗" not in outcome.output  # none acknowledged
        history = history_of(state)
        lines = history.read_bytes().split(b"\n") if history.exists() else [b""]
        assert lines[-1] == b"" and all(json.loads(x) for x in lines[:-1])
    finally:
        unmounted = subprocess.run(["umount", str(mount)], capture_output=True)
    assert unmounted.returncode == 0, "a file on the full disk was left open"


@pytest.mark.parametrize(
    ("before", "after", "key"),
    [
        ('"scheduler": ', '"cards": {}, "scheduler": ', "cards"),
        ('"stability":', '"due":"2026-01-01T00:00:00.000000+00:00","stability":', "due"),
        ('"log_id"', '"log_id": "0123456789abcdef", "log_id"', "log_id"),
    ],
    ids=["a second cards", "a repeated field in a card", "a repeated log id"],
)
def test_a_repeated_key_anywhere_is_refused(state: Path, before: str, after: str, key: str) -> None:
    """JSON keeps the last of two equal keys: a pasted second "cards" would wipe every schedule
    at the next save. The file is refused instead, naming the key, and left as it is."""
    text = seeded(state).decode("utf-8")
    assert before in text
    state.write_text(text.replace(before, after, 1), encoding="utf-8")
    content = state.read_bytes()
    with pytest.raises(ProgressError, match=f"the key '{key}' appears twice"):
        ProgressStore.open(state)
    result = study(stdin="t\n:q\n")
    assert result.exit_code == 1 and f"'{key}' appears twice" in result.output
    assert "Traceback" not in result.output
    assert state.read_bytes() == content


def test_putting_the_backup_back_keeps_the_historys_answers(state: Path) -> None:
    """The refusal message says to restore the .bak. The history holds the answers saved after
    it (and those of a session that crashed before saving): the backup names how much of the
    history it holds, and the rest is replayed onto it."""
    for key in ("all-types/tf", "all-types/choice"):  # two sessions, each saved: file and .bak
        with ProgressStore.open(state) as store:
            record_review(store, key, GOOD, NOW)
    crashed = ProgressStore.open(state)
    record_review(crashed, "all-types/typed", GOOD, NOW)  # in the history only: no close()
    backup = state.with_name("progress.json.bak")
    assert "all-types/choice" not in json.loads(backup.read_bytes())["cards"]
    state.write_text("{ broken by hand", encoding="utf-8")
    with pytest.raises(ProgressError, match=r"progress\.json\.bak"):
        ProgressStore.open(state)
    shutil.copyfile(backup, state)  # what the message says to do

    restored = ProgressStore.open(state)
    assert {"all-types/tf", "all-types/choice", "all-types/typed"} <= set(restored.progress.cards)
    record_review(restored, "all-types/cloze", GOOD, NOW)
    restored.close()
    final = ProgressStore.open(state).progress
    assert sorted(r.card for r in final.reviews) == [
        "all-types/choice",
        "all-types/cloze",
        "all-types/tf",
        "all-types/typed",
    ]  # each answer once: a replayed answer is not counted twice
    assert {"all-types/choice", "all-types/typed", "all-types/cloze"} <= set(final.cards)


def test_answers_already_saved_are_not_replayed_twice(state: Path) -> None:
    """Reopening after a save replays nothing: the file says how much of the history it holds.
    An undo saved in the file stays undone."""
    with ProgressStore.open(state) as store:
        record_review(store, "all-types/tf", GOOD, NOW)
        entry, _ = record_review(store, "all-types/choice", GOOD, NOW)
        store.undo(entry, None)
    saved = json.loads(state.read_bytes())
    assert saved["log_bytes"] == history_of(state).stat().st_size
    again = ProgressStore.open(state).progress
    assert [r.card for r in again.reviews] == ["all-types/tf"]
    assert set(again.cards) == {"all-types/tf"}


def test_a_card_reviewed_after_its_due_date_is_rescheduled_not_asked_forever(state: Path) -> None:
    """A hand edit puts the last review in the future, the due date in the past. Newest answer
    wins when two terminals merge, so every new answer (older than that future review) would be
    dropped, and the card asked again and again. It is rescheduled instead, and said so."""
    key = "all-types/tf"

    def future_review(data: dict) -> None:  # type: ignore[type-arg]
        data["cards"][key].update(
            last_review="2027-06-01T00:00:00.000000+00:00", due="2026-01-01T00:00:00.000000+00:00"
        )

    edited(state, future_review)
    result = study("--limit", "1", stdin="t\n:q\n")
    assert result.exit_code == 0, result.output
    assert f"card '{key}' was last reviewed (2027-06-01) after its due date" in result.output
    card = ProgressStore.open(state).progress.cards[key]
    assert card["last_review"] is not None and card["last_review"] < "2027"
    assert card["due"] > NOW.isoformat()  # answered now, and due later: not asked forever
    again = study("--limit", "1", stdin=":q\n")
    assert "after its due date" not in again.output  # saved repaired: said once


def test_an_edit_under_the_checksum_line_is_checked_in_full(state: Path) -> None:
    """A file just as tiesquiz wrote it is read on trust (its checksum matches); change one
    value in place, checksum line and all kept, and every card is checked again."""
    text = seeded(state).decode("utf-8")
    assert text.startswith('{"checksum": "')
    broken = re.sub(r'"stability":[0-9.e-]+', '"stability":-1', text, count=1)
    assert broken != text
    state.write_text(broken, encoding="utf-8")
    with pytest.raises(ProgressError, match="stability is -1"):
        ProgressStore.open(state)
    assert state.read_text(encoding="utf-8") == broken


def test_a_file_read_on_trust_is_the_same_as_one_checked_in_full(state: Path) -> None:
    with ProgressStore.open(state) as store:
        for key in ("all-types/tf", "all-types/choice", "all-types/typed"):
            answer(store, key)
        store.set_limits(store.progress.limits.__class__(7, 70), "all-types")
    raw = state.read_bytes()
    assert codec.loads(raw, "x") == codec.from_data(json.loads(raw), "x")
