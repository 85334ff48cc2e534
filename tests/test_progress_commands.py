"""due, stats --json, reset and settings, and what happens to progress when decks change."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from click.testing import CliRunner

from helpers.reviews import record_review
from tiesquiz.cli import cli
from tiesquiz.clock import iso
from tiesquiz.progress import Mode, ProgressStore
from tiesquiz.scheduling import GOOD

UTC = timezone.utc
NOW = datetime(2026, 11, 28, 12, tzinfo=UTC)

DECK = """deck: mini
title: Mini
cards:
  - id: one
    type: typed
    question: {question}
    answer: Quba
    explanation: E
    source: para 6
  - id: two
    type: truefalse
    question: The Red Village is in Quba.
    answer: true
    explanation: E
    source: para 6
"""


@pytest.fixture
def mini(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "decks"
    folder.mkdir()
    path = folder / "mini.yaml"
    path.write_text(DECK.format(question="Where is the Red Village?"), encoding="utf-8")
    monkeypatch.setenv("TIESQUIZ_DECKS", str(folder))
    monkeypatch.setenv("TIESQUIZ_NOW", iso(NOW))
    monkeypatch.setenv("TIESQUIZ_TZ", "Asia/Baku")
    return path


def study(state: Path, key: str, when: datetime, mode: Mode = "study") -> None:
    with ProgressStore.open(state) as store:
        record_review(store, key, GOOD, when, mode=mode, answer="Quba", duration_ms=900)


def due_json(*args: str) -> dict:
    result = CliRunner().invoke(cli, ["due", "--json", *args])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_due_counts_per_deck(mini: Path, state: Path) -> None:
    data = due_json("mini")
    assert data["decks"]["mini"] == {"new": 2, "learning": 0, "due_now": 0, "due_later_today": 0}
    study(state, "mini/one", NOW - timedelta(minutes=30))  # learning step of 10 minutes: due now
    study(state, "mini/two", NOW - timedelta(seconds=5))  # due in ~10 minutes: later today
    data = due_json("mini")
    assert data["decks"]["mini"] == {"new": 0, "learning": 2, "due_now": 1, "due_later_today": 1}
    assert data["new_today"] == 2 and data["new_per_day"] == 20
    text = CliRunner().invoke(cli, ["due", "mini"]).output
    # mini/one is due already: never a time in the past as the "next" one.
    assert "mini" in text and "Cards are due now" in text and "Next card due:" not in text
    study(state, "mini/one", NOW)  # now both are due later today
    text = CliRunner().invoke(cli, ["due", "mini"]).output
    assert "Next card due: 2026-11-28 " in text and "local time" in text


def test_stats_json_contract(mini: Path, state: Path) -> None:
    study(state, "mini/one", NOW)
    study(state, "mini/one", NOW + timedelta(minutes=1), mode="quiz")
    result = CliRunner().invoke(cli, ["stats", "--json", "mini"])
    data = json.loads(result.output)
    assert data["reviews"] == 2
    assert data["cards"] == {
        "total": 2,
        "new": 1,
        "learning": 1,
        "review": 0,
        "orphaned": 0,
        "due_today": 1,
        "overdue": 0,
    }


def test_editing_a_card_keeps_its_progress_and_removing_it_keeps_history(
    mini: Path, state: Path
) -> None:
    study(state, "mini/one", NOW - timedelta(minutes=30))
    mini.write_text(DECK.format(question="Which city holds the Red Village?"), encoding="utf-8")
    assert due_json("mini")["decks"]["mini"]["new"] == 1  # still studied, under its id
    # Remove card 'one': its history stays in the file and stats lists it as an orphan.
    text = mini.read_text(encoding="utf-8")
    mini.write_text(
        text[: text.index("  - id: one")] + text[text.index("  - id: two") :], encoding="utf-8"
    )
    data = json.loads(CliRunner().invoke(cli, ["stats", "--json"]).output)
    assert data["orphans"] == ["mini/one"] and data["cards"]["orphaned"] == 1
    assert "mini/one" in CliRunner().invoke(cli, ["stats"]).output
    # Put it back: the progress is there again.
    mini.write_text(DECK.format(question="Where is the Red Village?"), encoding="utf-8")
    assert due_json("mini")["decks"]["mini"]["learning"] == 1


def test_reset_a_card_and_a_deck(mini: Path, state: Path) -> None:
    study(state, "mini/one", NOW)
    study(state, "mini/two", NOW)
    result = CliRunner().invoke(cli, ["reset", "mini/one", "--yes"])
    assert result.exit_code == 0 and "1 card" in result.output
    progress = ProgressStore.open(state).progress
    assert set(progress.cards) == {"mini/two"} and [r.card for r in progress.reviews] == [
        "mini/two"
    ]
    result = CliRunner().invoke(cli, ["reset", "mini"], input="y\n")
    # CliRunner's stdin is not a terminal: without --yes it refuses rather than guess.
    assert result.exit_code == 2 and "--yes" in result.output
    assert CliRunner().invoke(cli, ["reset", "mini", "--yes"]).exit_code == 0
    assert ProgressStore.open(state).progress.cards == {}
    assert state.with_name("progress.json.bak").exists()
    assert "nothing to reset" in CliRunner().invoke(cli, ["reset", "mini", "--yes"]).output


def test_settings_persist(state: Path) -> None:
    result = CliRunner().invoke(cli, ["settings", "--new-per-day", "5", "--retention", "0.85"])
    assert result.exit_code == 0, result.output
    progress = ProgressStore.open(state).progress
    assert progress.limits.new_per_day == 5 and progress.scheduler.desired_retention == 0.85
    assert "New cards per day: 5" in CliRunner().invoke(cli, ["settings"]).output
    bad = CliRunner().invoke(cli, ["settings", "--retention", "2"])
    assert bad.exit_code == 2 and "0.7" in bad.output


def test_state_option_and_env(tmp_path: Path, mini: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    other = tmp_path / "other.json"
    CliRunner().invoke(cli, ["--state", str(other), "settings", "--new-per-day", "3"])
    assert ProgressStore.open(other).progress.limits.new_per_day == 3
    monkeypatch.setenv("TIESQUIZ_STATE", str(tmp_path / "env.json"))
    CliRunner().invoke(cli, ["settings", "--new-per-day", "4"])
    assert ProgressStore.open(tmp_path / "env.json").progress.limits.new_per_day == 4


def test_stats_on_a_deck_named_by_path_counts_its_cards_not_orphans(
    tmp_path: Path, state: Path
) -> None:
    elsewhere = tmp_path / "elsewhere"  # not on the search path
    elsewhere.mkdir()
    path = elsewhere / "solo.yaml"
    path.write_text(
        DECK.format(question="Where?").replace("deck: mini", "deck: solo"), encoding="utf-8"
    )
    study(state, "solo/one", NOW)
    data = json.loads(CliRunner().invoke(cli, ["stats", "--json", str(path)]).output)
    assert data["orphans"] == [] and data["cards"]["learning"] == 1
