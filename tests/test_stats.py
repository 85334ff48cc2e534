"""Stats on a scripted history with known answers: retention, forecast, streak, heatmap, hardest."""

from __future__ import annotations

import io
import json
from datetime import datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import fsrs
import pytest
from click.testing import CliRunner

from helpers.decks import fixture_deck
from tiesquiz.cli import cli
from tiesquiz.clock import Clock, iso
from tiesquiz.progress import Mode, Progress, Review
from tiesquiz.scheduling import AGAIN, GOOD, LEARNING, REVIEW, to_fsrs
from tiesquiz.stats import compute, recall
from tiesquiz.ui.stats_view import render

BAKU = ZoneInfo("Asia/Baku")  # UTC+4: a local day runs 20:00 UTC to 20:00 UTC
NOW = datetime(2026, 11, 28, 10, 0, tzinfo=BAKU)
DECK = fixture_deck()
KEYS = [c.key for c in DECK.cards]


def entry(
    n: int,
    key: str,
    when: datetime,
    *,
    rating: int = GOOD,
    prior: int | None = REVIEW,
    mode: Mode = "study",
    ms: int = 60_000,
) -> Review:
    return Review(
        id=f"{n:016x}",
        card=key,
        time=iso(when),
        rating=rating,
        correct=rating > 1,
        answer="x",
        duration_ms=ms,
        mode=mode,
        new=prior is None,
        prior_state=prior,
    )


def state(due: datetime, last: datetime, kind: int = REVIEW, stability: float = 10.0) -> dict:
    return {
        "state": kind,
        "step": None if kind == REVIEW else 0,
        "stability": stability,
        "difficulty": 5.0,
        "due": iso(due),
        "last_review": iso(last),
    }


def scripted() -> Progress:
    progress = Progress.empty()
    day = timedelta(days=1)
    # Review answers in the last 30 days: 8 right, 2 wrong -> retention 80%.
    reviews = [
        entry(i, KEYS[i % 4], NOW - day * (i + 1), rating=AGAIN if i in (2, 5) else GOOD)
        for i in range(10)
    ]
    reviews.append(entry(20, KEYS[0], NOW - day * 40, rating=AGAIN))  # too old for retention
    reviews.append(
        entry(21, KEYS[1], NOW - timedelta(hours=1), prior=None)
    )  # a new card: not a review answer
    reviews.append(
        entry(22, KEYS[2], NOW - timedelta(hours=2), mode="quiz", rating=AGAIN)
    )  # quiz: not retention
    progress.reviews = reviews
    progress.cards = {
        KEYS[0]: state(NOW - day * 2, NOW - day * 12),  # overdue
        KEYS[1]: state(NOW + timedelta(hours=5), NOW - day * 3),  # due later today (15:00 local)
        KEYS[2]: state(NOW + day * 3, NOW - day),  # in 3 days
        KEYS[3]: state(NOW + day * 3, NOW - day, kind=LEARNING),  # in 3 days too
        KEYS[4]: state(NOW + day * 20, NOW - day),  # beyond the forecast
        "all-types/removed": state(NOW + day, NOW - day),  # an orphan
    }
    return progress


@pytest.fixture
def stats():
    return compute([DECK], scripted(), Clock(fixed=NOW, tz=BAKU), known=set(KEYS), everything=True)


def test_card_counts(stats) -> None:
    c = stats.cards
    assert (c.total, c.new, c.learning, c.review, c.orphaned) == (8, 3, 1, 4, 1)
    assert (c.due_today, c.overdue) == (1, 1)
    assert stats.orphans == ["all-types/removed"]


def test_retention_counts_only_review_answers_of_the_last_30_days(stats) -> None:
    assert stats.retention_answers_30d == 10
    assert stats.retention_30d == pytest.approx(0.8)


def test_periods_and_streak(stats) -> None:
    # Today (local): the 1 h and 2 h ago answers; 7 days: + 6 daily reviews; 30 days: + 4 more.
    assert stats.today.answers == 2
    assert stats.last_7_days.answers == 2 + 6
    assert stats.last_30_days.answers == 2 + 10
    assert stats.last_30_days.seconds == 12 * 60
    assert stats.streak == 11  # today and the ten days before it


def test_forecast_counts(stats) -> None:
    counts = [n for _, n in stats.forecast]
    assert len(counts) == 14
    assert counts[0] == 2  # the overdue card and the one due later today
    assert counts[3] == 2
    assert sum(counts) == 4
    assert stats.forecast[0][0] == NOW.date()


def test_heatmap_covers_12_weeks_ending_today(stats) -> None:
    assert len(stats.heatmap) == 84 and stats.heatmap[-1] == (NOW.date(), 2)
    assert sum(n for _, n in stats.heatmap) == 13  # every answer of the log is within 84 days
    assert dict(stats.heatmap)[(NOW - timedelta(days=40)).date()] == 1
    assert dict(stats.heatmap)[(NOW - timedelta(days=11)).date()] == 0


def test_hardest_cards_lead_with_lapses(stats) -> None:
    # KEYS[2] and KEYS[1] were each failed once in study (answers 2 and 5); KEYS[0] once, 40
    # days ago; the quiz failure does not count. A card never failed is not "hard".
    assert {h["card"]: h["lapses"] for h in stats.hardest} == {KEYS[0]: 1, KEYS[1]: 1, KEYS[2]: 1}
    assert all(h["question"] for h in stats.hardest)


def test_a_card_failed_twice_is_hard_whatever_fsrs_predicts() -> None:
    """Just failed and relearnt, fsrs predicts near-certain recall; the answers say otherwise."""
    progress = Progress.empty()
    progress.reviews = [
        entry(1, KEYS[0], NOW - timedelta(minutes=30), rating=AGAIN),
        entry(2, KEYS[0], NOW - timedelta(minutes=20), rating=AGAIN),
        entry(3, KEYS[0], NOW - timedelta(minutes=1), rating=GOOD),
        entry(4, KEYS[1], NOW - timedelta(minutes=5), rating=GOOD),
    ]
    progress.cards = {
        KEYS[0]: state(NOW + timedelta(days=1), NOW - timedelta(minutes=1)),
        KEYS[1]: state(NOW + timedelta(days=1), NOW - timedelta(minutes=5)),
    }
    result = compute([DECK], progress, Clock(fixed=NOW, tz=BAKU), known=set(KEYS), everything=True)
    assert [(h["card"], h["lapses"], h["answers"]) for h in result.hardest] == [(KEYS[0], 2, 3)]
    assert result.hardest[0]["recall"] > 0.9


def test_recall_matches_fsrs() -> None:
    progress = Progress.empty()
    s = state(NOW + timedelta(days=3), NOW - timedelta(days=9), stability=4.2)
    card = to_fsrs(s, NOW.astimezone(timezone.utc))
    expected = fsrs.Scheduler().get_card_retrievability(card, NOW.astimezone(timezone.utc))
    assert recall(s, NOW.astimezone(timezone.utc), progress.scheduler) == pytest.approx(expected)


def test_average_recall_is_the_mean_over_studied_cards(stats) -> None:
    progress = scripted()
    now = NOW.astimezone(timezone.utc)
    values = [
        recall(progress.cards[k], now, progress.scheduler) for k in KEYS if k in progress.cards
    ]
    assert len(values) == 5
    assert stats.average_recall == pytest.approx(sum(values) / len(values))


def test_json_keeps_the_reviews_contract(stats) -> None:
    data = stats.to_dict()
    assert data["reviews"] == 13
    assert data["cards"]["total"] == 8 and data["streak_days"] == 11
    assert len(data["forecast"]) == 14 and len(data["heatmap"]) == 84


def test_render_plain_has_pictures_and_no_escape_codes(stats) -> None:
    buffer = io.StringIO()
    render(stats, buffer)
    text = buffer.getvalue()
    assert "\x1b[" not in text
    assert "Due in the next 14 days" in text and "█" in text
    assert "Answers per day, last 12 weeks" in text
    assert "True retention, last 30 days: 80%" in text
    assert "Hardest cards" in text
    assert all(len(line) <= 80 for line in text.splitlines())


def test_stats_command_json_and_text() -> None:
    result = CliRunner().invoke(cli, ["stats", "--json"])
    assert result.exit_code == 0
    assert json.loads(result.output)["reviews"] == 0
    text = CliRunner().invoke(cli, ["stats"]).output
    assert "Cards" in text and "total" in text


def test_local_days_are_right_at_a_half_hour_zone_midnight() -> None:
    """Days are cached by the minute; a +05:30 zone's midnight falls at 18:30 UTC."""
    from tiesquiz.clock import make_clock
    from tiesquiz.stats import _local_day

    day_of = _local_day(make_clock("2026-11-30T00:00:00+00:00", "Asia/Kolkata"))
    assert str(day_of("2026-11-29T18:29:59.999999+00:00")) == "2026-11-29"
    assert str(day_of("2026-11-29T18:29:00.000001+00:00")) == "2026-11-29"
    assert str(day_of("2026-11-29T18:30:00.000000+00:00")) == "2026-11-30"
    assert str(day_of("2026-11-29T18:30:59.000000+00:00")) == "2026-11-30"
    assert str(day_of("2026-11-29T18:30:00Z")) == "2026-11-30"


def test_the_stats_screen_names_cards_by_question_never_by_id(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A card's id can say its answer (``red-village-city``): the student's screen shows the
    question, and the deck it is in."""
    from helpers.cli import invoke
    from helpers.sample import build

    state, _, decks = build(tmp_path)
    monkeypatch.setenv("TIESQUIZ_DECKS", str(decks))
    monkeypatch.setenv("TIESQUIZ_NOW", "2026-03-14T09:00:00+00:00")
    shown = invoke("--state", str(state), "stats").stdout
    hardest = shown.split("Hardest cards", 1)[1]
    assert "(abraham-accords)" in hardest or "(diplomacy)" in hardest
    assert "abraham-accords/" not in hardest and "diplomacy/" not in hardest
