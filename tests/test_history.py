"""The history of answers beside the progress file: the upgrade from format 1, reading only
today's answers, and what a missing or foreign history does."""

from __future__ import annotations

import json
import random
import re
import shutil
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from click.testing import CliRunner

from helpers.decks import use_fixture_decks
from helpers.disk import answers_on_disk, history_of
from helpers.history import synthetic_progress
from helpers.legacy import JOURNAL_ID, write_format_1
from helpers.reviews import record_review
from tiesquiz.cli import cli
from tiesquiz.clock import iso
from tiesquiz.errors import ProgressError
from tiesquiz.progress import ProgressStore, Review, legacy, write_progress
from tiesquiz.progress import history as history_module
from tiesquiz.progress.disk import ProgressFiles
from tiesquiz.scheduling import AGAIN, GOOD

NOW = datetime(2026, 11, 28, 9, tzinfo=timezone.utc)


def old_file(state: Path) -> tuple[bytes, list[str]]:
    """A format 1 file with 120 answers inside it and 3 more in its journal (one taken back, one
    card reset), as a learner upgrading would have. Returns its bytes and the answer ids kept."""
    progress = synthetic_progress([f"deck{i % 3}/card-{i}" for i in range(40)], 3)
    late = [
        Review.new_answer("deck0/late", iso(NOW), GOOD, True, "x", 900, "study"),
        Review.new_answer("deck1/undone", iso(NOW), AGAIN, False, "y", 900, "study"),
        Review.new_answer("deck2/card-2", iso(NOW), GOOD, True, "z", 900, "quiz"),
    ]
    state_after = {**progress.cards["deck0/card-0"], "last_review": iso(NOW)}
    journal = [
        {"op": "review", **late[0].to_dict(), "state": state_after},
        {"op": "review", **late[1].to_dict(), "state": state_after},
        {"op": "undo", "id": "u1", "review": late[1].id, "card": "deck1/undone", "restore": None},
        {"op": "review", **late[2].to_dict(), "state": None},
        {"op": "reset", "id": "r1", "keys": ["deck1/card-1"]},
    ]
    raw = write_format_1(state, progress, journal)
    kept = [r.id for r in progress.reviews if r.card != "deck1/card-1"]
    return raw, [*kept, late[0].id, late[2].id]


def test_upgrading_an_old_file_keeps_every_answer_and_the_old_file(state: Path) -> None:
    raw, kept = old_file(state)
    result = CliRunner().invoke(cli, ["stats", "--json"])
    assert result.exit_code == 0, result.output
    assert "upgraded to progress format 2" in result.output
    assert json.loads(result.output[result.output.index("{") :])["reviews"] == len(kept)
    # Every answer, in order, in the history; the old file kept byte for byte; no journal.
    assert [a["id"] for a in answers_on_disk(state)] == kept
    assert state.with_name("progress.json.v1.bak").read_bytes() == raw
    assert not state.with_name("progress.json.journal").exists()
    data = json.loads(state.read_bytes())
    assert data["version"] == 2 and "reviews" not in data
    assert "deck0/late" in data["cards"] and "deck1/undone" not in data["cards"]
    assert "deck1/card-1" not in data["cards"] and len(data["cards"]) == 40
    # Said once: the next command has nothing to say.
    again = CliRunner().invoke(cli, ["due", "--json"])
    assert again.exit_code == 0 and "upgraded" not in again.output


def test_an_upgrade_cut_short_or_an_old_file_put_back_loses_nothing(state: Path) -> None:
    """The history names the file it was made from. Put that file back (a crash before the JSON
    was replaced leaves the same thing) and the history, with what was answered since, wins."""
    raw, kept = old_file(state)
    with ProgressStore.open(state) as store:
        later, _ = record_review(store, "deck2/new", GOOD, NOW + timedelta(hours=1))
    state.write_bytes(raw)  # the old file back in place
    reopened = ProgressStore.open(state)
    assert [r.id for r in reopened.progress.reviews] == [*kept, later.id]  # each answer once
    assert "deck2/new" in reopened.progress.cards and "deck0/late" in reopened.progress.cards


def test_an_old_file_beside_another_files_history_is_refused(state: Path) -> None:
    other = synthetic_progress(["x/a"], 2)
    write_progress(state, other)
    history = history_of(state).read_bytes()
    raw, _ = old_file(state)  # a format 1 file copied over, the other history left beside it
    with pytest.raises(ProgressError, match="was not made from it; move one of them away"):
        ProgressStore.open(state)
    assert state.read_bytes() == raw and history_of(state).read_bytes() == history


DAMAGED_OLD_FILES = {
    "journal-id": (lambda d: d.update(journal_id="ABC"), "the journal_id 'ABC' is not 16"),
    "folded": (lambda d: d.update(folded_journal=7), "the folded_journal '7' is not 16"),
    "review": (lambda d: d["reviews"][4].pop("rating"), "review number 5 in the log is damaged"),
    "no-reviews": (lambda d: d.pop("reviews"), "'reviews' a list"),
}


@pytest.mark.parametrize("name", sorted(DAMAGED_OLD_FILES))
def test_a_damaged_old_file_is_refused_and_left_untouched(state: Path, name: str) -> None:
    edit, message = DAMAGED_OLD_FILES[name]
    old_file(state)
    data = json.loads(state.read_bytes())
    edit(data)
    raw = json.dumps(data).encode()
    state.write_bytes(raw)
    with pytest.raises(ProgressError, match=re.escape(message)):
        ProgressStore.open(state)
    assert state.read_bytes() == raw and not history_of(state).exists()
    assert not state.with_name("progress.json.v1.bak").exists()


@pytest.mark.parametrize(
    ("folded", "header", "replayed"),
    [
        ("", JOURNAL_ID, True),  # the file's own journal
        ("", "00000000000000cc", False),  # another file's
        ("00000000000000bb", "00000000000000bb", False),  # written into the file already
        ("00000000000000bb", "00000000000000cc", True),  # newer than the file (a backup put back)
    ],
)
def test_an_old_journal_is_kept_only_when_it_holds_answers_the_file_does_not(
    state: Path, folded: str, header: str, replayed: bool
) -> None:
    progress = synthetic_progress(["d/a"], 2)
    late = Review.new_answer("d/late", iso(NOW), GOOD, True, "x", 900, "study")
    after = {**progress.cards["d/a"], "last_review": iso(NOW)}
    journal = [{"op": "review", **late.to_dict(), "state": after}]
    write_format_1(state, progress, journal, folded=folded, journal_header=header)
    upgraded = ProgressStore.open(state).progress
    assert [r.card for r in upgraded.reviews] == ["d/a", "d/a", *(["d/late"] if replayed else [])]
    assert ("d/late" in upgraded.cards) == replayed
    assert not state.with_name("progress.json.journal").exists()


def test_two_terminals_upgrading_at_once_upgrade_once(state: Path) -> None:
    """The second to get the lock finds the file upgraded already and leaves it alone."""
    old_file(state)
    ProgressStore.open(state).close()
    upgraded, history = state.read_bytes(), history_of(state).read_bytes()
    assert legacy.upgrade(ProgressFiles(state)) == ""
    assert state.read_bytes() == upgraded and history_of(state).read_bytes() == history


def test_a_missing_history_is_refused_until_the_file_says_to_start_afresh(state: Path) -> None:
    with ProgressStore.open(state) as store:
        record_review(store, "d/a", GOOD, NOW)
    history_of(state).unlink()
    content = state.read_bytes()
    result = CliRunner().invoke(cli, ["due"])
    assert result.exit_code == 1 and "this history of answers is missing" in result.output
    assert "repair" in result.output and state.read_bytes() == content
    data = json.loads(content)
    state.write_text(json.dumps({**data, "log_bytes": 0}))  # as the message says
    with ProgressStore.open(state) as store:
        assert "d/a" in store.progress.cards and store.progress.reviews == []
        record_review(store, "d/b", GOOD, NOW)
    assert [a["card"] for a in answers_on_disk(state)] == ["d/b"]


def test_a_history_shorter_than_the_file_says_is_refused(state: Path) -> None:
    with ProgressStore.open(state) as store:
        record_review(store, "d/a", GOOD, NOW)
        record_review(store, "d/b", GOOD, NOW)
    history = history_of(state)
    history.write_bytes(history.read_bytes()[:60])
    with pytest.raises(ProgressError, match="is shorter than the progress file says"):
        ProgressStore.open(state)


def test_a_deleted_progress_json_is_rebuilt_from_the_history(state: Path) -> None:
    with ProgressStore.open(state) as store:
        record_review(store, "d/a", GOOD, NOW)
        store.set_limits(store.progress.limits.__class__(5, 50))
    before = ProgressStore.open(state).progress
    state.unlink()
    rebuilt = ProgressStore.open(state).progress
    assert rebuilt.cards == before.cards and rebuilt.limits == before.limits
    assert [r.id for r in rebuilt.reviews] == [r.id for r in before.reviews]


def test_today_only_loads_the_answers_from_then_and_the_same_ones(
    state: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Over 30 days of answers, with a clock set back a few seconds now and then, an undo and a
    reset: opening with ``since`` gives exactly the answers the whole history has from then."""
    monkeypatch.setattr(history_module, "CHUNK", 512)  # many chunks, lines longer than some
    rng = random.Random(7)
    t = NOW - timedelta(days=30)
    with ProgressStore.open(state) as store:
        for i in range(600):
            t += timedelta(minutes=rng.randint(30, 90))
            at = t - timedelta(seconds=rng.randint(0, 5))  # not always in order
            entry, prior = record_review(store, f"d/c{i % 50}", GOOD, at, answer="a" * (i % 300))
            if i % 97 == 0:
                store.undo(entry, prior)
            if i == 500:
                store.reset(["d/c7"])
            if i % 150 == 0:
                store.save()  # some answers before log_bytes, some after
    whole = ProgressStore.open(state).progress
    for days in (0, 1, 3, 10, 40):
        since = iso(t - timedelta(days=days))
        recent = ProgressStore.open(state, since=since)
        assert [r.id for r in recent.progress.reviews] == [
            r.id for r in whole.reviews if r.time >= since
        ]
        assert recent.progress.cards == whole.cards
        assert [r.id for r in recent.history()] == [r.id for r in whole.reviews]


def test_due_and_study_do_not_read_the_old_answers(
    state: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An old line of the history damaged by hand: ``due`` and ``study`` (which need only today's
    answers) work and save, ``stats`` (which reads all of them) refuses with the line named."""
    use_fixture_decks(monkeypatch, NOW)
    with ProgressStore.open(state) as store:
        record_review(store, "all-types/tf", GOOD, NOW - timedelta(days=20))
        record_review(store, "all-types/choice", GOOD, NOW - timedelta(days=19))
    history = history_of(state)
    head, first, rest = history.read_bytes().split(b"\n", 2)
    history.write_bytes(b"\n".join([head, first.replace(b'"rating":3', b'"rating":0'), rest]))
    due = CliRunner().invoke(cli, ["due", "--json"])
    assert due.exit_code == 0, due.output
    study = CliRunner().invoke(
        cli, ["study", "all-types", "--plain", "--limit", "1"], input="\n3\n"
    )
    assert study.exit_code == 0, study.output
    assert "line 2 is damaged" in CliRunner().invoke(cli, ["stats"]).output
    assert len(history.read_bytes().split(b"\n")) == 5  # header, 3 answers, end


def test_ending_a_session_does_not_rewrite_the_answers(state: Path) -> None:
    """The JSON saved at the end holds the states, never the answers; the history is added to."""
    write_progress(state, synthetic_progress([f"d/c{i}" for i in range(200)], 10))
    size = state.stat().st_size
    history = history_of(state).read_bytes()
    with ProgressStore.open(state) as store:
        record_review(store, "d/c1", GOOD, NOW)
    assert history_of(state).read_bytes().startswith(history)
    assert abs(state.stat().st_size - size) < 400  # one card's state changed, nothing more
    assert len(answers_on_disk(state)) == 2001


def test_the_history_survives_in_a_copied_folder(tmp_path: Path, state: Path) -> None:
    """Both files travel together (a backup of the folder, a new computer)."""
    with ProgressStore.open(state) as store:
        record_review(store, "d/a", GOOD, NOW)
    moved = tmp_path / "elsewhere"
    shutil.copytree(state.parent, moved, ignore=shutil.ignore_patterns("elsewhere"))
    assert [r.card for r in ProgressStore.open(moved / "progress.json").progress.reviews] == ["d/a"]


def test_a_save_takes_in_what_another_terminal_answered(state: Path) -> None:
    """A store that saved without answering itself still holds, after the save, the answers
    another terminal gave meanwhile (and its next answer does not skip them)."""
    with ProgressStore.open(state) as store:
        record_review(store, "d/a", GOOD, NOW)
    quiet = ProgressStore.open(state)
    busy = ProgressStore.open(state)
    record_review(busy, "d/b", GOOD, NOW + timedelta(minutes=1))
    quiet.save()
    assert [r.card for r in quiet.progress.reviews] == ["d/a", "d/b"]
    record_review(quiet, "d/c", GOOD, NOW + timedelta(minutes=2))
    assert [r.card for r in quiet.progress.reviews] == ["d/a", "d/b", "d/c"]
    quiet.close()
    busy.close()


def test_an_upgrade_never_writes_over_a_file_that_is_not_a_history(state: Path) -> None:
    raw, _ = old_file(state)
    notes = history_of(state)
    notes.write_text("my own notes, which happen to have this name\n")
    with pytest.raises(ProgressError, match="was not made from it"):
        ProgressStore.open(state)
    assert notes.read_text() == "my own notes, which happen to have this name\n"
    assert state.read_bytes() == raw


def test_a_torn_old_answer_at_the_end_does_not_stop_today_from_loading(state: Path) -> None:
    """A crash tore the last line, an answer from last week: today's answers still load."""
    with ProgressStore.open(state) as store:
        record_review(store, "d/a", GOOD, NOW - timedelta(days=7))
    with open(history_of(state), "ab") as fh:
        fh.write(b'{"op":"review","id":"x","card":"d/b","time":"2026-11-20T09:00:00.000000+00:00"')
    recent = ProgressStore.open(state, since=iso(NOW - timedelta(hours=1)))
    assert recent.progress.reviews == [] and "d/a" in recent.progress.cards
