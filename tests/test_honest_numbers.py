"""Counts and scores say what is true: daily limits are per deck and said so; points are shown
with at most two decimals in the results view and the gradebook."""

from __future__ import annotations

import csv
import re
from datetime import datetime, timezone
from pathlib import Path

import pytest

from helpers.cli import invoke
from helpers.decks import fixture_cards, use_fixture_decks
from tiesquiz.results import results_data, write_results
from tiesquiz.session import QuizItem
from tiesquiz.ui.words import format_points

STARTED = datetime(2026, 11, 28, 9, 0, tzinfo=timezone.utc)


@pytest.mark.parametrize(
    ("points", "shown"),
    [(3.16667, "3.17"), (2.5, "2.5"), (3.0, "3"), (0.0, "0"), (0.004, "0"), (19.995, "20")],
)
def test_points_have_at_most_two_decimals(points: float, shown: str) -> None:
    assert format_points(points) == shown


def test_due_says_the_limits_count_per_deck(monkeypatch: pytest.MonkeyPatch) -> None:
    use_fixture_decks(monkeypatch)
    out = invoke("due").output
    assert "New cards today: 0 (up to 20 per deck)." in out
    assert "Reviews today: 0 (up to 200 per deck)." in out
    assert " of 20 new cards" not in out


def _thirds(folder: Path) -> None:
    """Two students; one has 1 + 1 + 1/3 + 1/3 + 1/2 points (3.1666...), as select-all partial
    credit gives."""
    cards = [c for c in fixture_cards() if not c.self_rated][:5]
    for name, scores in (("Ann", (1, 1, 1 / 3, 1 / 3, 0.5)), ("Bo", (1, 0, 0, 1, 1))):
        items = [
            QuizItem(card, "an answer", score == 1, float(score), response="an answer")
            for card, score in zip(cards, scores, strict=True)
        ]
        data = results_data(
            items, name=name, decks=["all-types"], started=STARTED, seconds=90, seed=None
        )
        write_results(folder / f"{name}.json", data)


def test_the_results_view_and_the_gradebook_round_points_to_two_decimals(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    use_fixture_decks(monkeypatch)
    folder = tmp_path / "in"
    folder.mkdir()
    _thirds(folder)
    book = tmp_path / "book.csv"
    result = invoke("results", str(folder), "--csv", str(book))
    assert result.exit_code == 0, result.output
    assert re.search(r"Ann .* 3\.17/5 ", result.output), result.output
    assert "3.166" not in result.output
    with book.open(newline="", encoding="utf-8") as fh:
        rows = {row["student"]: row for row in csv.DictReader(fh)}
    assert rows["Ann"]["total"] == "3.17"
    numbers = [v for row in rows.values() for v in row.values() if re.fullmatch(r"[\d.]+", v)]
    assert "0.33" in numbers
    assert all(len(v.partition(".")[2]) <= 2 for v in numbers), numbers


def test_the_quiz_summary_and_a_true_false_answer_read_as_a_student_expects() -> None:
    """The quiz's score has at most two decimals, and a true/false answer is spelt as the
    answer is ("True"), in the summary and in the results file."""
    from tiesquiz.ui.frontend import quiz_results
    from tiesquiz.ui.plain import parse_reply

    lines: list[str] = []

    class Out:
        width = 80

        def __call__(self, text: str = "") -> None:
            lines.append(text)

        def good(self, text: str) -> str:
            return text

        bad = dim = bold = good

        def style(self, text: str, **_: object) -> str:
            return text

    from tiesquiz.session.views import CardView

    card = next(c for c in fixture_cards() if c.type == "truefalse")
    reply = parse_reply(CardView(card), "t")
    assert getattr(reply, "text", None) == "True"
    items = [QuizItem(card, "True", True, 1.0), QuizItem(card, "x", False, 1 / 6)]
    quiz_results(Out(), items, 7 / 6, 60.0)  # type: ignore[arg-type]
    assert any(line.startswith("Score: 1.17 / 2 (58%)") for line in lines), lines


def test_the_header_keeps_the_deck_and_the_position_together() -> None:
    from tiesquiz.session.types import Question
    from tiesquiz.session.views import CardView
    from tiesquiz.ui.frontend import header

    card = fixture_cards()[0]
    question = Question(CardView(card), number=3, total=10, mode="quiz", deck_title="Places")
    for width in (14, 20, 40):
        shown = header(question, width)[1].split("\n")
        assert any("Places · 3/10" in line for line in shown), (width, shown)
