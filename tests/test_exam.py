"""Studying toward an exam: intervals capped at the exam day, new cards paced, `due` says the pace."""

from __future__ import annotations

import json
import random
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from click.testing import CliRunner

from tiesquiz.cli import cli
from tiesquiz.clock import Clock, iso, parse_iso
from tiesquiz.deck.model import FlashCard
from tiesquiz.deck.reading import read_deck_file
from tiesquiz.progress import ProgressStore
from tiesquiz.scheduling import EASY, Limits, SchedulerSettings, cap_for_exam, exam_plan, review
from tiesquiz.session import Answer, StudySession

TZ = ZoneInfo("America/New_York")
NOW = datetime(2026, 11, 28, 9, 0, tzinfo=TZ)
EXAM = date(2026, 12, 3)
CLOCK = Clock(fixed=NOW, tz=TZ)


def cards(n: int) -> list[FlashCard]:
    return [FlashCard(deck="d", id=f"c{i:02}", question=f"Q{i}", answer="A") for i in range(n)]


def test_cap_keeps_a_long_interval_inside_the_exam_day() -> None:
    settings = SchedulerSettings.defaults()
    state = review(None, EASY, NOW.astimezone(timezone.utc), settings)
    state = review(state, EASY, NOW.astimezone(timezone.utc) + timedelta(days=1), settings)
    assert parse_iso(state["due"]).date() > EXAM  # fsrs alone would go past the exam
    capped = cap_for_exam(state, EXAM, CLOCK)
    assert parse_iso(capped["due"]) == datetime(2026, 12, 3, tzinfo=TZ).astimezone(timezone.utc)
    assert {k: v for k, v in capped.items() if k != "due"} == {
        k: v for k, v in state.items() if k != "due"
    }


def test_a_session_toward_an_exam_schedules_nothing_past_it(state: Path) -> None:
    store = ProgressStore.open(state)
    deck = cards(5)
    session = StudySession(store, deck, CLOCK, Limits(), random.Random(1), exam=EXAM)
    while session.current() is not None:
        session.answer(Answer(EASY, "Easy"))
    limit = iso(datetime(2026, 12, 3, tzinfo=TZ))
    assert store.progress.cards and all(s["due"] <= limit for s in store.progress.cards.values())


def asked(session: StudySession) -> list[str]:
    """The cards a session asks when each is skipped (it then comes back only after the rest)."""
    seen: list[str] = []
    while (question := session.current()) is not None and question.card.key not in seen:
        seen.append(question.card.key)
        session.skip()
    return seen


def test_new_cards_are_paced_so_all_are_seen_before_the_exam(state: Path) -> None:
    store = ProgressStore.open(state)
    deck = cards(30)
    plan = exam_plan([c.key for c in deck], {}, [], EXAM, NOW, CLOCK, Limits(new_per_day=5))
    assert plan.days_left == 5 and plan.needed_per_day == 6 and not plan.on_track
    session = StudySession(store, deck, CLOCK, Limits(new_per_day=5), random.Random(1), exam=EXAM)
    assert len(asked(session)) == 6
    plain = StudySession(store, deck, CLOCK, Limits(new_per_day=5), random.Random(1))
    assert len(asked(plain)) == 5


def test_exam_today_or_past_schedules_normally(state: Path) -> None:
    store = ProgressStore.open(state)
    session = StudySession(store, cards(3), CLOCK, Limits(), random.Random(1), exam=NOW.date())
    assert session.exam is None


def test_due_shows_days_left_and_pace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "decks"
    folder.mkdir()
    body = "".join(
        f"  - {{id: c{i}, type: truefalse, question: Q{i}, answer: true, explanation: E, source: S}}\n"
        for i in range(50)
    )
    (folder / "exam.yaml").write_text(
        f"deck: exam\ntitle: Exam deck\nexam: 2026-12-03\ncards:\n{body}", encoding="utf-8"
    )
    monkeypatch.setenv("TIESQUIZ_DECKS", str(folder))
    monkeypatch.setenv("TIESQUIZ_NOW", iso(NOW))
    monkeypatch.setenv("TIESQUIZ_TZ", "America/New_York")
    out = CliRunner().invoke(cli, ["due", "exam"]).output
    assert "Exam on 2026-12-03: 5 days left." in out
    assert (
        "50 cards not seen yet: 10 new a day needed, your limit is 20 per deck." in out
        and "On track." in out
    )
    data = json.loads(
        CliRunner().invoke(cli, ["due", "exam", "--json", "--exam", "2026-11-30"]).output
    )
    assert data["exam"] == {
        "exam": "2026-11-30",
        "days_left": 2,
        "unseen": 50,
        "seen_once": 0,
        "new_per_day_needed": 25,
        "new_per_day": 20,
        "on_track": False,
    }
    out = CliRunner().invoke(cli, ["due", "exam", "--exam", "2026-11-30"]).output
    assert "Behind" in out
    # study picks the deck's exam up by itself
    result = CliRunner().invoke(cli, ["study", "exam", "--plain"], input=":q\n")
    assert "Studying toward the exam on 2026-12-03." in result.output


def test_exam_key_in_a_deck(tmp_path: Path) -> None:
    path = tmp_path / "d.yaml"
    path.write_text(
        "deck: d\ntitle: T\nexam: 2026-13-40\ncards:\n  - {id: a, type: truefalse, question: Q, answer: true}\n"
    )
    result = read_deck_file(path)
    assert [p.code for p in result.errors] == ["wrong-type"] and result.errors[0].line == 3
    path.write_text(
        "deck: d\ntitle: T\nexam: 2026-12-03\ncards:\n  - {id: a, type: truefalse, question: Q, answer: true}\n"
    )
    deck = read_deck_file(path).deck
    assert deck is not None and deck.exam == EXAM
