"""The statistics behind `tiesquiz results`, on small classes worked out by hand."""

from __future__ import annotations

import pytest

from tiesquiz.results.analysis import analyse
from tiesquiz.results.model import AnswerRecord, ResultsFile
from tiesquiz.results.stats import alpha, pearson


def student(name: str, points: dict[str, float]) -> ResultsFile:
    return ResultsFile(
        student=name,
        decks=("d",),
        started="2026-11-29T09:00:00+00:00",
        seconds=60,
        seed=1,
        answers=tuple(
            AnswerRecord(card=f"d/{c}", type="typed", question="Q?", correct_answer="A",
                         points=p, status="answered", answer="x")
            for c, p in points.items()
        ),
    )  # fmt: skip


def test_discrimination_is_blank_under_five_students_and_without_variation() -> None:
    four = [student(str(i), {"a": i % 2, "b": 1.0, "c": i / 4}) for i in range(4)]
    items = {i.card: i for i in analyse(four).items}
    assert items["d/a"].discrimination is None  # 4 students
    five = [student(str(i), {"a": i % 2, "b": 1.0, "c": i / 4}) for i in range(5)]
    items = {i.card: i for i in analyse(five).items}
    assert items["d/a"].discrimination is not None
    assert items["d/b"].discrimination is None  # everyone right: nothing varies
    assert items["d/b"].flags == ()  # no verdict from five students
    ten = [student(str(i), {"a": i % 2, "b": 1.0, "c": i / 4}) for i in range(10)]
    assert {i.card: i for i in analyse(ten).items}["d/b"].flags == ("too easy",)


def test_partial_credit_uses_cronbachs_alpha() -> None:
    rows = [
        {"a": 1.0, "b": 0.5, "c": 1.0},
        {"a": 0.5, "b": 0.5, "c": 0.0},
        {"a": 0.0, "b": 0.0, "c": 0.5},
        {"a": 1.0, "b": 1.0, "c": 1.0},
    ]
    quiz = analyse([student(str(i), r) for i, r in enumerate(rows)]).quiz
    # By hand: item variances 0.171875, 0.125, 0.171875; totals 2.5, 1, 0.5, 3 -> variance 1.0625
    expected = 3 / 2 * (1 - (0.171875 + 0.125 + 0.171875) / 1.0625)
    assert quiz.method == "alpha"
    assert quiz.reliability == pytest.approx(expected)
    assert alpha([[1.0, 1.0], [1.0, 1.0]]) is None  # totals do not vary


def test_pearson_against_a_hand_computed_value() -> None:
    assert pearson([1, 2, 3], [2, 4, 6]) == pytest.approx(1.0)
    assert pearson([1, 2, 3], [3, 2, 1]) == pytest.approx(-1.0)
    assert pearson([1, 0, 1, 0], [3, 1, 2, 2]) == pytest.approx(1 / 2**0.5)
    assert pearson([1, 1, 1], [1, 2, 3]) is None
