"""`tiesquiz quiz`: a score, a results file, and no change to the schedule."""

from __future__ import annotations

import csv
import json
import random
from collections.abc import Sequence
from datetime import datetime, timezone
from pathlib import Path

import pytest

from helpers.answers import right_lines, wrong_lines
from helpers.cli import invoke, lines_in
from helpers.decks import fixture_cards, use_fixture_decks
from tiesquiz.clock import Clock
from tiesquiz.deck.model import AUTO_GRADED, Card
from tiesquiz.progress import ProgressStore
from tiesquiz.session import CardView, QuizSession

NOW = datetime(2026, 11, 28, 9, 0, tzinfo=timezone.utc)
CLOCK = Clock(fixed=NOW, tz=timezone.utc)
CARDS = fixture_cards()


@pytest.fixture(autouse=True)
def decks(monkeypatch: pytest.MonkeyPatch) -> None:
    use_fixture_decks(monkeypatch, NOW)


def quiz(cards: Sequence[Card], count: int | None, seed: int, flash: bool = False) -> QuizSession:
    """A quiz from Python, on a store that is never written to (nothing here is answered)."""
    store = ProgressStore.open(Path("never-written.json"))
    return QuizSession(store, cards, CLOCK, count, random.Random(seed), include_flashcards=flash)


def shown(session: QuizSession) -> list[CardView]:
    """Every question of ``session`` as it is first shown, each skipped once seen (put off to
    the end, so the next one comes)."""
    views: list[CardView] = []
    while len(views) < len(session.questions) and (question := session.current()) is not None:
        views.append(question.view)
        session.skip()
    return views


def quiz_views(seed: int, count: int, types: tuple[str, ...] = ()) -> list[CardView]:
    """The questions ``tiesquiz quiz all-types --seed SEED --count COUNT [--type T...]`` asks, in
    order and as shown: asked of the session itself (the command's quiz is the same quiz)."""
    cards = [c for c in CARDS if not types or c.type in types]
    return shown(quiz(cards, count, seed, flash="flashcard" in types))


def run_quiz(lines: list[str], *args: str):
    return invoke("quiz", "all-types", "--plain", *args, input=lines_in(lines))


def test_quiz_scores_and_leaves_the_schedule_alone(state: Path, tmp_path: Path) -> None:
    vs = quiz_views(3, 5)
    lines = [line for v in vs[:3] for line in right_lines(v)]
    lines += [line for v in vs[3:] for line in wrong_lines(v)[:1]]  # no retries in a quiz
    results = tmp_path / "results.json"
    result = run_quiz(
        lines, "--count", "5", "--seed", "3", "--results", str(results), "--name", "Ada"
    )
    assert result.exit_code == 0, result.output
    out = result.output
    assert "✓" not in out.split("Quiz results")[0]  # no feedback until the end
    assert "Score:" in out and "/ 5" in out
    assert "your answer:" in out and "correct answer:" in out
    progress = ProgressStore.open(state).progress
    assert progress.cards == {}  # the schedule is untouched
    assert len(progress.reviews) == 5 and {r.mode for r in progress.reviews} == {"quiz"}
    data = json.loads(results.read_text(encoding="utf-8"))
    assert data["student"] == "Ada" and data["decks"] == ["all-types"] and data["questions"] == 5
    assert [a["correct"] for a in data["answers"]] == [True, True, True, False, False]
    assert data["score"] >= 3 and data["answers"][0]["question"]


def test_same_seed_same_quiz() -> None:
    skips = [":s"] * 8  # every question shown, put off, shown again, left; none answered
    first = run_quiz(skips, "--count", "4", "--seed", "11")
    second = run_quiz(skips, "--count", "4", "--seed", "11")
    other = run_quiz(skips, "--count", "4", "--seed", "12")
    assert first.exit_code == second.exit_code == other.exit_code == 0, first.output
    asked = [line for line in first.output.splitlines() if " · 1/4" in line]
    assert len(asked) == 2 and "Quiz results" in first.output  # a real quiz was shown
    assert first.output == second.output
    assert other.output != first.output  # the seed is what decides


def test_quiz_csv_results(tmp_path: Path) -> None:
    vs = quiz_views(5, 7)
    lines = [line for v in vs for line in right_lines(v)]
    results = tmp_path / "r.csv"
    result = run_quiz(lines, "--count", "20", "--seed", "5", "--results", str(results))
    assert result.exit_code == 0, result.output
    assert "Score: 7 / 7 (100%)" in result.output
    with results.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == 7 and all(r["correct"] == "True" for r in rows)
    assert {r["type"] for r in rows} == AUTO_GRADED  # flashcards only when asked for


def test_feedback_option_and_flashcards_when_asked(state: Path) -> None:
    vs = quiz_views(2, 1, types=("flashcard",))
    result = run_quiz(
        right_lines(vs[0]), "--type", "flashcard", "--count", "1", "--seed", "2", "--feedback"
    )
    assert result.exit_code == 0, result.output
    assert "✓ Right" in result.output.split("Quiz results")[0]


def test_quitting_shows_the_score_so_far_and_nothing_of_the_questions_not_asked(
    state: Path, tmp_path: Path
) -> None:
    vs = quiz_views(4, 3)
    results = tmp_path / "r.json"
    result = run_quiz(
        [*right_lines(vs[0]), ":q"], "--count", "3", "--seed", "4", "--results", str(results)
    )
    out = result.output
    assert "Score: 1 / 3" in out and "2 questions were not asked and score 0." in out
    results_shown = out.split("Quiz results")[1]
    # The question on screen when the student quit, and the one never shown: no answers given
    # away, so a retake with the same seed is not free.
    for unasked in vs[1:]:
        assert unasked.card.question not in results_shown
        assert f"correct answer: {unasked.card.answer_text()}" not in out
    assert vs[2].card.question not in out
    assert len(ProgressStore.open(state).progress.reviews) == 1
    data = json.loads(results.read_text(encoding="utf-8"))
    assert [a["status"] for a in data["answers"]] == ["answered", "unasked", "unasked"]


def test_bad_results_extension_fails_before_the_quiz(tmp_path: Path) -> None:
    result = run_quiz([], "--results", str(tmp_path / "r.txt"))
    assert result.exit_code == 1 and ".json or .csv" in result.output
    assert "Quiz results" not in result.output


def test_time_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    import tiesquiz.clock as clock

    real = clock.Clock.now
    calls = {"n": 0}

    def ticking(self: clock.Clock) -> datetime:
        calls["n"] += 1
        return real(self).replace(minute=calls["n"])  # each look at the clock is a minute later

    lines = [line for v in quiz_views(1, 7) for line in right_lines(v)]
    monkeypatch.setattr(clock.Clock, "now", ticking)
    result = run_quiz(lines, "--count", "7", "--seed", "1", "--time-limit", "2")
    assert "Time is up." in result.output
    assert "/ 7" in result.output and "questions were not asked and score 0" in result.output
    assert "left" in result.output.split("Quiz results")[0]  # the time left, with the question


def test_hint_and_undo_are_refused_in_a_quiz_and_the_question_asked_again(state: Path) -> None:
    vs = quiz_views(8, 1)
    result = run_quiz(["?", ":u", *right_lines(vs[0])], "--count", "1", "--seed", "8")
    assert (
        "No hints in a quiz." in result.output
        and "A quiz answer cannot be taken back." in result.output
    )
    assert "Score: 1 / 1" in result.output


@pytest.mark.parametrize("count", [1, 3, 5, 7, 20])
def test_a_quiz_asks_count_distinct_cards_a_quiz_can_grade(count: int) -> None:
    for seed in range(10):
        questions = [view.card for view in shown(quiz(CARDS, count, seed))]
        assert len(questions) == min(count, 7)  # 7 of the 8 cards are graded by the quiz itself
        assert len({card.key for card in questions}) == len(questions)
        assert all(card.type in AUTO_GRADED for card in questions)


def test_flashcards_are_asked_only_when_wanted_and_no_count_asks_them_all() -> None:
    assert {view.card.key for view in shown(quiz(CARDS, None, 1))} == {
        c.key for c in CARDS if c.type in AUTO_GRADED
    }
    everything = shown(quiz(CARDS, None, 1, flash=True))
    assert sorted(view.card.key for view in everything) == sorted(c.key for c in CARDS)


def test_the_same_seed_gives_the_same_quiz_and_the_seed_decides_it() -> None:
    """The same questions, in the same order, their options in the same order: a class given
    one seed sits one quiz. Other seeds choose, order and shuffle differently."""
    first = shown(quiz(CARDS, 5, 11))
    assert shown(quiz(CARDS, 5, 11)) == first
    others = [shown(quiz(CARDS, 5, seed)) for seed in range(12, 22)]
    assert any(other != first for other in others)
    assert len({tuple(v.card.key for v in other) for other in others}) > 1
