"""One student, many machines (issue 28): machines that share a progress folder through a naive
sync tool (a file changed on both sides: the newer wins, the other is kept as a conflict copy),
each studying offline between syncs. Every answer counts once on every machine, the states equal
a replay of the union of the histories, and no file is ever written by two machines."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from helpers.machines import (
    NaiveSync,
    Sim,
    history_files,
    hours,
    replay,
    reschedule,
    sync_all,
)
from tiesquiz.progress import ProgressStore, Review, SchedulerSettings


def check_agree(sims: list[Sim], tool: NaiveSync, given: int) -> None:
    """Every machine counts the ``given`` answers once and holds the replay's states; no sync
    ever found a file changed on both sides."""
    states, answers = replay(sims[0].folder)
    assert len(answers) == given
    for sim in sims:
        with sim.open() as store:
            ids = [r.id for r in store.history()]
            assert len(ids) == len(set(ids)) == given, sim.name
            assert set(ids) == answers, sim.name
            assert store.progress.cards == states, sim.name
        with sim.open(since=hours(0).isoformat()) as store:  # the quick way: from the cache
            assert store.progress.cards == states, sim.name
    assert tool.conflicts == []
    shared = {n: w for n, w in tool.writers.items() if n != ".gitignore"}
    assert all(len(w) == 1 for w in shared.values()), shared


def test_two_machines_studying_offline_between_syncs_lose_nothing(tmp_path: Path) -> None:
    """The issue's measurement: A studies 6 cards, sync, B studies 5, A 5 more, sync (on the
    current main each machine then counted 11 of 16). Then both study the same cards offline,
    several rounds."""
    a, b = Sim("A", tmp_path / "A"), Sim("B", tmp_path / "B")
    tool = NaiveSync()
    given = a.study(hours(0), "tttttt")
    tool.sync(a, b)
    given += b.study(hours(1), "ttftt")
    given += a.study(hours(1.5), "tftft")
    tool.sync(a, b)
    assert given == 16
    check_agree([a, b], tool, 16)
    for day in range(1, 4):  # the same due cards on both, answered differently, offline
        given += a.study(hours(24 * day), "tftttf")
        given += b.study(hours(24 * day + 0.5), "ttfttt")
        tool.sync(a, b)
    check_agree([a, b], tool, given)


def test_an_answer_on_each_machine_to_the_same_card_is_replayed_in_time_order(
    tmp_path: Path,
) -> None:
    """A and B both answer card c0 offline: the merged state is neither recorded state but B's
    answer scheduled again from A's (A answered first)."""
    a, b = Sim("A", tmp_path / "A"), Sim("B", tmp_path / "B")
    tool = NaiveSync()
    a.study(hours(0), "t")
    b.study(hours(1), "f")
    tool.sync(a, b)
    answers = sorted(
        (json.loads(x) for p in history_files(a.folder) for x in p.read_text().splitlines()),
        key=lambda event: str(event.get("time")),
    )
    first, second = (e for e in answers if e.get("card") == "sync/c0")
    assert second["from"] is None  # B gave it as a new card: it had not seen A's answer
    with a.open() as store:
        merged = store.progress.cards["sync/c0"]
    assert merged != second["state"]
    settings = SchedulerSettings.defaults()
    assert merged == reschedule("sync/c0", first["state"], 1, second["time"], settings)
    check_agree([a, b], tool, 2)


def test_three_machines_each_offline_synced_in_pairs(tmp_path: Path) -> None:
    sims = [Sim(n, tmp_path / n) for n in "ABC"]
    a, b, c = sims
    tool = NaiveSync()
    given = 0
    for day in range(3):
        t = 24 * day
        given += a.study(hours(t), "ttft")
        given += b.study(hours(t + 0.2), "tftt")
        tool.sync(a, b)
        given += c.study(hours(t + 0.4), "ttt")
        tool.sync(b, c)
        given += a.study(hours(t + 0.6), "ft")
        tool.sync(c, a)
    sync_all(tool, sims)
    check_agree(sims, tool, given)


def test_a_reset_forgets_the_answers_before_it_not_those_after(tmp_path: Path) -> None:
    """A resets the deck at 10:00; B's answer from 9:30 (synced later) is forgotten, its
    answer from 10:30 counts: the reset applies to the answers before it, on every machine."""
    a, b = Sim("A", tmp_path / "A"), Sim("B", tmp_path / "B")
    tool = NaiveSync()
    a.study(hours(0), "tt")
    tool.sync(a, b)
    b.study(hours(0.5), "t")
    result = a.run(hours(1), "reset", "sync", "--yes")
    assert result.exit_code == 0, result.output
    b.study(hours(1.5), "tt")
    tool.sync(a, b)
    check_agree([a, b], tool, 2)
    with b.open() as store:
        assert {r.time for r in store.history()} == {hours(1.5).isoformat(timespec="microseconds")}


def test_settings_changes_merge_by_time(tmp_path: Path) -> None:
    a, b = Sim("A", tmp_path / "A"), Sim("B", tmp_path / "B")
    tool = NaiveSync()
    assert b.run(hours(2), "settings", "--new-per-day", "7").exit_code == 0
    assert a.run(hours(1), "settings", "--new-per-day", "5").exit_code == 0
    tool.sync(a, b)
    for sim in (a, b):
        with sim.open() as store:
            assert store.progress.limits.new_per_day == 7


def test_deck_locations_are_each_machines_own(tmp_path: Path) -> None:
    from tiesquiz.progress import remembered_decks

    a, b = Sim("A", tmp_path / "A"), Sim("B", tmp_path / "B")
    tool = NaiveSync()
    a.study(hours(0), "t")
    b.study(hours(1), "t")
    tool.sync(a, b)
    for sim in (a, b):
        with sim.open() as store:
            assert store.progress.deck_paths == {"sync": str(sim.decks / "sync.yaml")}
        assert remembered_decks(sim.folder, sim.data) == {"sync": str(sim.decks / "sync.yaml")}


def test_sync_shows_the_machines_their_last_answers_and_the_copies_merged(
    tmp_path: Path,
) -> None:
    a, b = Sim("A", tmp_path / "A"), Sim("B", tmp_path / "B")
    tool = NaiveSync()
    a.study(hours(0), "tt")
    b.study(hours(1), "ttt")
    tool.sync(a, b)
    bs = next(p for p in history_files(a.folder) if p.read_text().count('"op":"review"') == 3)
    copy = bs.with_name(bs.name.replace(".jsonl", " (B's conflicted copy 2026-12-01).jsonl"))
    lines = bs.read_text().splitlines(keepends=True)
    extra = lines[-1].replace('"id":"', '"id":"f')  # an answer only the copy holds
    copy.write_text("".join(lines) + extra)
    result = a.run(hours(2), "sync")
    assert result.exit_code == 0, result.output
    assert "this machine: 2 answers, last 2026-12-01" in result.output
    assert ": 3 answers, last 2026-12-01 10:00" in result.output
    assert "(B's conflicted copy 2026-12-01).jsonl: 4 answers, 1 of them" in result.output
    assert "Answers counted: 6." in result.output


def test_sync_on_one_machines_file_says_how_to_share_it(tmp_path: Path) -> None:
    from helpers.cli import invoke

    result = invoke("--state", str(tmp_path / "progress.json"), "sync")
    assert result.exit_code == 0, result.output
    assert "one machine's progress" in result.output and "--state FOLDER" in result.output


def test_a_folder_opened_without_a_machine_is_refused_in_words(tmp_path: Path) -> None:
    from tiesquiz.errors import ProgressError

    with pytest.raises(ProgressError, match="a progress that several machines share"):
        ProgressStore.open(tmp_path)


def test_nothing_new_from_the_others_reads_the_cache_and_folds_nothing_again(
    tmp_path: Path,
) -> None:
    a, b = Sim("A", tmp_path / "A"), Sim("B", tmp_path / "B")
    tool = NaiveSync()
    a.study(hours(0), "tt")
    b.study(hours(1), "tf")
    tool.sync(a, b)
    assert a.run(hours(2), "due").exit_code == 0  # B's answers folded in, the cache kept
    today = hours(0).isoformat()
    with a.open(since=today) as store:
        merging = store.progress.merging
        assert merging is not None and merging.restored and not merging.rebuilt
        assert len(store.progress.reviews) == 4  # today's answers, from every machine
    b.study(hours(3), "t")
    tool.sync(a, b)
    with a.open(since=today) as store:
        merging = store.progress.merging
        assert merging is not None and not merging.restored  # B answered again: folded again
        assert len(store.progress.reviews) == 5


def test_clocks_that_disagree_still_give_every_machine_the_same_states(tmp_path: Path) -> None:
    """B's clock is hours ahead: A's next answer to a card B answered sorts before B's answer,
    which A has already folded, so A folds everything again rather than add it at the end."""
    a, b = Sim("A", tmp_path / "A"), Sim("B", tmp_path / "B")
    tool = NaiveSync()
    given = a.study(hours(0), "ttt") + b.study(hours(6), "tft")
    tool.sync(a, b)
    assert a.run(hours(1), "due").exit_code == 0  # folded: B's answers are the newest
    when = hours(1).isoformat(timespec="microseconds")
    answer = Review.new_answer("sync/c0", when, 1, False, "False", 900, "study")
    with a.open() as store:  # by A's clock, before B's answer to the same card
        store.record_answer(
            answer, lambda prior: reschedule("sync/c0", prior, 1, when, store.progress.scheduler)
        )
    tool.sync(a, b)
    check_agree([a, b], tool, given + 1)
