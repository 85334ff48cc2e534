"""The upgrade from format 1 never drops an answer an old tiesquiz gave meanwhile (issue 26,
finding 3): killed at every step with an old tiesquiz still answering, the old file put back
after new answers, an old tiesquiz that folded its journal into the old file again."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from helpers.disk import answers_on_disk, history_of
from helpers.history import synthetic_progress
from helpers.legacy import JOURNAL_ID, write_format_1
from helpers.reviews import record_review
from tiesquiz.clock import iso
from tiesquiz.errors import ProgressError
from tiesquiz.progress import Progress, ProgressStore, Review
from tiesquiz.scheduling import GOOD, review

NOW = datetime(2026, 11, 28, 9, tzinfo=timezone.utc)
#: The file-system calls an upgrade makes its changes with: a kill can land before any of them.
STEPS = ("replace", "rename", "link", "unlink", "fsync", "ftruncate", "write")
#: More than an upgrade has (the test below holds it to that).
KILLS = 24


class Killed(BaseException):
    """kill -9: nothing after it runs (no ``except Exception`` catches it)."""


def old_progress() -> Progress:
    return synthetic_progress([f"deck{i % 2}/card-{i}" for i in range(6)], 2)


def journal_event(key: str, minutes: int, progress: Progress) -> dict[str, Any]:
    """An answer as an old tiesquiz wrote it to its journal: the review and the new state."""
    when = NOW + timedelta(minutes=minutes)
    entry = Review.new_answer(key, iso(when), GOOD, True, "old", 700, "study")
    state = review(progress.cards.get(key), GOOD, when, progress.scheduler)
    return {"op": "review", **entry.to_dict(), "state": state}


def old_writer_answers(
    state: Path, keys: list[str], minutes: int, journal: Path | None = None
) -> list[str]:
    """An old tiesquiz answering: before each answer it reads the JSON, and refuses format 2
    (as it did); else it appends to its journal the way it always did (a header naming the
    file's journal first, when the journal is new). Returns the ids it acknowledged."""
    try:
        data = json.loads(state.read_bytes())
    except FileNotFoundError:
        return []
    if data.get("version") != 1:
        return []  # "written by a newer tiesquiz": the old version refuses
    journal = journal or state.with_name(state.name + ".journal")
    progress = old_progress()
    events = [journal_event(key, minutes + i, progress) for i, key in enumerate(keys)]
    with open(journal, "a", encoding="utf-8") as fh:
        if fh.tell() == 0:
            fh.write(json.dumps({"journal_id": data["journal_id"]}) + "\n")
        for event in events:
            fh.write(json.dumps(event) + "\n")
    return [e["id"] for e in events]


def kill_at(step: int, monkeypatch: pytest.MonkeyPatch) -> Callable[[], int]:
    """Make the ``step``-th file-system call of :data:`STEPS` a kill; returns the count."""
    count = [0]
    for name in STEPS:
        real = getattr(os, name)

        def call(*args: Any, _real: Any = real, **kwargs: Any) -> Any:
            count[0] += 1
            if count[0] == step:
                raise Killed
            return _real(*args, **kwargs)

        monkeypatch.setattr(os, name, call)
    return lambda: count[0]


def ids_in(state: Path) -> list[str]:
    return [a["id"] for a in answers_on_disk(state)]


def fresh_old_file(state: Path, journal: list[dict[str, Any]] | None = None) -> list[str]:
    """A format 1 file with 12 answers and 2 more in its journal; returns the answer ids."""
    progress = old_progress()
    if journal is None:
        journal = [
            journal_event("deck0/new", 1, progress),
            journal_event("deck1/card-1", 2, progress),
        ]
    write_format_1(state, progress, journal)
    return [r.id for r in progress.reviews] + [e["id"] for e in journal]


def test_a_kill_at_every_step_with_an_old_tiesquiz_answering_loses_no_answer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    steps = 0
    for step in range(1, KILLS):
        state = tmp_path / f"kill{step}" / "progress.json"
        state.parent.mkdir()
        acknowledged = fresh_old_file(state)
        acknowledged += old_writer_answers(state, ["deck0/card-0"], 10)
        with monkeypatch.context() as patched:
            count = kill_at(step, patched)
            try:
                ProgressStore.open(state).close()
            except Killed:
                pass
            else:
                steps = steps or count()
        # The old tiesquiz goes on answering, as long as it still finds its format.
        late = old_writer_answers(state, ["deck1/card-3", "deck0/late"], 20)
        acknowledged += late
        store = ProgressStore.open(state)
        assert [r.id for r in store.history()] == acknowledged, f"killed at step {step}"
        assert "deck0/new" in store.progress.cards
        assert not late or {"deck0/late", "deck1/card-3"} <= set(store.progress.cards)
        assert json.loads(state.read_bytes())["version"] == 2
        assert old_writer_answers(state, ["deck0/card-2"], 30) == []  # it refuses now
        assert ids_in(state) == acknowledged
    assert 10 <= steps < KILLS, "a kill must land before each step the upgrade makes"


def test_the_old_file_put_back_after_new_answers_loses_nothing(state: Path) -> None:
    acknowledged = fresh_old_file(state)
    with ProgressStore.open(state) as store:  # upgraded
        acknowledged.append(
            record_review(store, "deck0/card-0", GOOD, NOW + timedelta(hours=1))[0].id
        )
    assert not state.with_name("progress.json.journal").exists()
    moved = state.with_name("progress.json.journal.v1.bak")
    assert moved.exists()
    state.write_bytes(state.with_name("progress.json.v1.bak").read_bytes())  # put back
    # An old tiesquiz started now writes a new journal; one that was running all along still
    # holds the journal that was moved, and adds to it there.
    acknowledged += old_writer_answers(state, ["deck1/card-1"], 90)
    acknowledged += old_writer_answers(state, ["deck0/card-4"], 95, journal=moved)
    store = ProgressStore.open(state)
    assert [r.id for r in store.history()] == acknowledged
    assert "finished the upgrade" in " ".join(store.progress.repairs)
    assert "2 answers given meanwhile" in " ".join(store.progress.repairs)
    assert store.progress.cards["deck1/card-1"]["last_review"] == iso(NOW + timedelta(minutes=90))
    store.close()
    again = ProgressStore.open(state)  # nothing added twice
    assert [r.id for r in again.history()] == acknowledged and again.progress.repairs == []


def test_an_old_file_an_old_tiesquiz_folded_into_is_merged_not_refused(state: Path) -> None:
    """Put back, answered with an old tiesquiz, which then wrote its answers into the file
    itself (a new journal id): the file shares answers with the history, so it is the same
    learner's, and what it holds that the history does not is added."""
    old = old_progress()
    journal = [journal_event("deck0/new", 1, old), journal_event("deck1/card-1", 2, old)]
    acknowledged = fresh_old_file(state, journal)
    with ProgressStore.open(state) as store:
        acknowledged.append(
            record_review(store, "deck0/card-0", GOOD, NOW + timedelta(hours=1))[0].id
        )
    for event in journal:
        old.apply(event)
    folded = journal_event("deck1/card-5", 120, old)
    old.apply(folded)
    write_format_1(state, old, folded=JOURNAL_ID)
    data = json.loads(state.read_bytes())
    data.update(journal_id="00000000000000cc", folded_journal="00000000000000bb")
    state.write_text(json.dumps(data))
    store = ProgressStore.open(state)
    assert [r.id for r in store.history()] == [*acknowledged, folded["id"]]
    assert store.progress.cards["deck1/card-5"] == folded["state"]


def test_an_unrelated_old_file_is_still_refused_with_both_choices(state: Path) -> None:
    fresh_old_file(state)
    ProgressStore.open(state).close()
    other = synthetic_progress(["x/a"], 1)
    other.reviews[0].id = "ffffffffffffffff"
    write_format_1(state, other)
    data = json.loads(state.read_bytes())
    data.update(journal_id="00000000000000dd")
    state.write_text(json.dumps(data))
    with pytest.raises(ProgressError, match="move this file away to keep the history's progress"):
        ProgressStore.open(state)
    assert history_of(state).exists()
