"""The history of answers read strictly (issue 26, findings 9 and 10): every event validated with
its line number named, only a torn last line passed over, an answer copied twice counted once,
and ``tiesquiz repair`` as the one way to put a damaged history right."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from helpers.decks import use_fixture_decks
from helpers.disk import history_of
from helpers.reviews import record_review
from tiesquiz.cli import cli
from tiesquiz.errors import ProgressError
from tiesquiz.progress import ProgressStore
from tiesquiz.scheduling import GOOD

NOW = datetime(2026, 11, 28, 9, tzinfo=timezone.utc)
KEYS = ["all-types/tf", "all-types/choice", "all-types/match", "all-types/flash"]


@pytest.fixture(autouse=True)
def decks(monkeypatch: pytest.MonkeyPatch) -> None:
    use_fixture_decks(monkeypatch, NOW)


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), input=":q\n")


def lines(state: Path) -> list[bytes]:
    """The history's lines, the text after its last newline included (b"" when none)."""
    return history_of(state).read_bytes().split(b"\n")


def saved_then_unsaved(state: Path) -> ProgressStore:
    """Two answers saved into progress.json, then two more in the history only (a session
    killed before it ended). Returns that session's store, left open."""
    with ProgressStore.open(state) as store:
        for i, key in enumerate(KEYS[:2]):
            record_review(store, key, GOOD, NOW + timedelta(minutes=i))
    store = ProgressStore.open(state)
    for i, key in enumerate(KEYS[2:]):
        record_review(store, key, GOOD, NOW + timedelta(minutes=10 + i))
    return store


def refused_naming(state: Path, line: int) -> None:
    """Every command that reads the history refuses, naming the line and ``tiesquiz repair``;
    both files are left as they were."""
    before = (state.read_bytes(), history_of(state).read_bytes())
    for args in (
        ["stats"],
        ["due"],
        ["study", "all-types", "--plain"],
        ["reset", "all-types", "-y"],
    ):
        result = run(*args)
        assert result.exit_code == 1, (args, result.output)
        assert f"progress.history.jsonl: line {line} is damaged" in result.output, result.output
        assert "repair" in result.output and "Traceback" not in result.output
    assert (state.read_bytes(), history_of(state).read_bytes()) == before


#: Events that passed the old checks and then broke every command (KeyError) or were saved into
#: progress.json by the next session, which then refused it forever.
BAD_EVENTS = {
    "limits-without-keys": {"op": "limits", "id": "e1", "limits": {}},
    "limits-negative": {
        "op": "limits",
        "id": "e2",
        "limits": {"new_per_day": -5, "reviews_per_day": 9},
    },
    "limits-huge": {
        "op": "limits",
        "id": "e3",
        "limits": {"new_per_day": 10**30, "reviews_per_day": 9},
    },
    "limits-text": {
        "op": "limits",
        "id": "e4",
        "limits": {"new_per_day": "5", "reviews_per_day": 9},
    },
    "scheduler-empty": {"op": "scheduler", "id": "e5", "scheduler": {}},
    "review-answer-not-text": None,  # built from a real answer below
}


@pytest.mark.parametrize("case", sorted(BAD_EVENTS))
def test_an_event_that_would_break_later_is_refused_with_its_line(state: Path, case: str) -> None:
    store = saved_then_unsaved(state)
    event = BAD_EVENTS[case]
    if event is None:
        event = {**json.loads(lines(state)[1]), "id": "e6", "answer": {"a": 1}}
    with open(history_of(state), "ab") as fh:
        fh.write(json.dumps(event).encode() + b"\n")
    refused_naming(state, 6)
    saved = state.read_bytes()
    with pytest.raises(ProgressError, match="line 6 is damaged"):
        store.close()  # the session's end does not save it into progress.json either
    assert state.read_bytes() == saved


def test_a_retention_of_7_is_refused_not_saved_into_progress_json(state: Path) -> None:
    saved_then_unsaved(state).close()
    data = json.loads(state.read_bytes())
    scheduler = {**data["scheduler"], "desired_retention": 7}
    with open(history_of(state), "ab") as fh:
        fh.write(
            json.dumps({"op": "scheduler", "id": "s7", "scheduler": scheduler}).encode() + b"\n"
        )
    refused_naming(state, 6)
    assert json.loads(state.read_bytes())["scheduler"]["desired_retention"] == 0.9


#: Whole lines orjson cannot read: once skipped as if torn, losing the answer without a word.
UNREADABLE = {
    "nan": lambda line: line.replace(b'"duration_ms":1500', b'"duration_ms":NaN'),
    "1e400": lambda line: line.replace(b'"duration_ms":1500', b'"duration_ms":1e400'),
    "lone-surrogate": lambda line: line.replace(b'"answer":"x"', b'"answer":"\\ud800"'),
    "invalid-utf8": lambda line: line.replace(b'"answer":"x"', b'"answer":"\xff\xfe"'),
    "depth-10000": lambda line: line.replace(
        b'"answer":"x"', b'"answer":' + b"[" * 10_000 + b"]" * 10_000
    ),
    "cut-short-mid-file": lambda line: line[: len(line) // 2],
}


@pytest.mark.parametrize("case", sorted(UNREADABLE))
def test_an_unreadable_line_in_the_middle_is_reported_by_number(state: Path, case: str) -> None:
    saved_then_unsaved(state).close()
    found = lines(state)
    found[4] = UNREADABLE[case](found[4])  # the third answer, with one more after it
    history_of(state).write_bytes(b"\n".join(found))
    result = run("stats")
    assert result.exit_code == 1 and "line 5 is damaged" in result.output, result.output
    assert "not JSON that can be read" in result.output and "Traceback" not in result.output


def test_only_a_torn_last_line_is_passed_over_and_the_next_answer_cuts_it_off(state: Path) -> None:
    saved_then_unsaved(state).close()
    whole = history_of(state).read_bytes()
    with open(history_of(state), "ab") as fh:
        fh.write(b'{"op":"review","id":"torn","card":"all-types/typed","ti')
    assert run("stats").exit_code == 0  # the torn last line is not an answer yet
    with ProgressStore.open(state) as store:
        record_review(store, "all-types/cloze", GOOD, NOW + timedelta(hours=1))
    after = history_of(state).read_bytes()
    assert after.startswith(whole) and b'"torn"' not in after  # cut off, not closed mid-file
    result = run("stats", "--json")
    assert result.exit_code == 0 and json.loads(result.output)["reviews"] == 5


def test_an_answer_copied_twice_counts_once(state: Path) -> None:
    saved_then_unsaved(state).close()
    found = lines(state)
    history_of(state).write_bytes(b"\n".join([*found[:-1], found[1], found[4], b""]))
    store = ProgressStore.open(state)
    assert [r.card for r in store.history()] == KEYS
    result = run("stats", "--json")
    assert result.exit_code == 0 and json.loads(result.output)["reviews"] == 4


def test_a_line_deleted_by_hand_never_drops_the_unsaved_schedules(state: Path) -> None:
    """The old advice ("delete it") shifted the byte offsets progress.json counts, and the next
    answers not saved yet were read from the wrong place and dropped without a word. Now the
    shift is refused, and ``tiesquiz repair`` keeps every schedule."""
    saved_then_unsaved(state)  # killed: the last two answers are in the history only
    found = lines(state)
    history_of(state).write_bytes(b"\n".join([found[0], *found[2:]]))  # line 2 deleted by hand
    result = run("due")
    assert result.exit_code == 1 and "repair" in result.output, result.output
    assert "Traceback" not in result.output
    repaired = run("repair")
    assert repaired.exit_code == 0, repaired.output
    cards = json.loads(state.read_bytes())["cards"]
    assert set(cards) >= {"all-types/match", "all-types/flash"}  # the unsaved schedules
    assert run("due").exit_code == 0


def test_repair_names_each_line_it_drops_or_fixes_and_keeps_the_old_history(state: Path) -> None:
    saved_then_unsaved(state).close()
    found = lines(state)
    bad_state = json.loads(found[3])
    bad_state["state"]["difficulty"] = 11
    history_of(state).write_bytes(
        b"\n".join(
            [
                *found[:3],
                json.dumps(bad_state).encode(),  # line 4: the answer kept, its schedule not
                found[4].replace(b'"duration_ms":1500', b'"duration_ms":NaN'),  # line 5
                found[2],  # line 6: a copy of line 3
                json.dumps(BAD_EVENTS["limits-negative"]).encode(),  # line 7
                found[4],  # line 8: the answer line 5 was before it was damaged
                b'{"op":"review","id":"torn"',  # torn: never an answer
            ]
        )
    )
    original = history_of(state).read_bytes()
    result = run("repair")
    assert result.exit_code == 0, result.output
    for said in (
        "line 4: the schedule it holds is damaged: difficulty is 11",
        "the answer is kept without it",
        "line 5: it is not JSON that can be read",
        "line 6: a second copy of the answer on line 3; dropped",
        "line 7: new_per_day is -5",
        "line 9: cut short by a crash",
    ):
        assert said in result.output, result.output
    backups = list(state.parent.glob("progress.history.jsonl.*.bak"))
    assert len(backups) == 1 and backups[0].read_bytes() == original
    assert str(backups[0]) in result.output.replace("\n", "")
    saved = json.loads(state.read_bytes())
    assert saved["log_bytes"] == history_of(state).stat().st_size
    stats = run("stats", "--json")
    assert stats.exit_code == 0 and json.loads(stats.output)["reviews"] == 4, stats.output
    # The schedules saved in progress.json stand (match's among them: only the copy of it in
    # the history was damaged); the answers are replayed onto them.
    assert set(saved["cards"]) == set(KEYS)
    again = run("repair")
    assert again.exit_code == 0 and "Nothing to repair" in again.output


def test_the_progress_file_saved_before_a_repair_is_rebuilt_from_the_new_history(
    state: Path,
) -> None:
    saved_then_unsaved(state).close()
    found = lines(state)
    history_of(state).write_bytes(b"\n".join([*found[:-1], found[2], b""]))  # a copied answer
    with ProgressStore.open(state) as store:  # counted once, but the copy is there
        record_review(store, "all-types/typed", GOOD, NOW + timedelta(hours=2))
    before_repair = state.read_bytes()
    assert run("repair").exit_code == 0
    cards = json.loads(state.read_bytes())["cards"]
    state.write_bytes(before_repair)  # the .bak put back, or an old copy
    result = run("stats", "--json")
    assert result.exit_code == 0, result.output
    assert "recomputed from the history" in result.output
    assert ProgressStore.open(state).progress.cards == cards
    assert "Nothing to repair" in run("repair").output  # and it keeps every answer
    assert len(ProgressStore.open(state).history()) == 5


def test_repair_starts_a_missing_history_from_the_saved_schedules(state: Path) -> None:
    saved_then_unsaved(state).close()
    cards = json.loads(state.read_bytes())["cards"]
    history_of(state).unlink()
    refused = run("due")
    assert refused.exit_code == 1 and "is missing" in refused.output
    assert "tiesquiz --state" in refused.output and "repair" in refused.output
    assert 'set "log_bytes"' not in refused.output  # never a hand edit of offsets
    result = run("repair")
    assert result.exit_code == 0 and "the history was missing" in result.output, result.output
    assert json.loads(state.read_bytes())["cards"] == cards
    assert run("due").exit_code == 0


def test_repair_with_nothing_there_says_so(state: Path) -> None:
    result = run("repair")
    assert result.exit_code == 0 and "Nothing to repair" in result.output
    assert not state.exists() and not history_of(state).exists()
