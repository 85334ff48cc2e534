"""The item-analysis statistics, against hand-worked examples and Python's own ``statistics``."""

from __future__ import annotations

import math
import random
import statistics

import pytest

from tiesquiz.results.stats import discrimination_index, pearson, point_biserial, sem


def test_point_biserial_by_hand() -> None:
    # Chose: 1 1 0 0; rest scores 4 3 1 2. Means 3.5 (chose) and 1.5; overall SD sqrt(1.25);
    # p = q = 0.5: r = (3.5 - 1.5) / sqrt(1.25) * sqrt(0.25) = 0.894427...
    assert point_biserial([True, True, False, False], [4, 3, 1, 2]) == pytest.approx(
        2 / math.sqrt(1.25) * 0.5
    )
    # A distractor the strong students pick correlates positively; the weak ones', negatively.
    assert point_biserial([False, False, True, True], [4, 3, 1, 2]) == pytest.approx(
        -0.894427, 1e-5
    )
    assert point_biserial([True, True, True, True], [4, 3, 1, 2]) is None  # everyone chose it


def test_point_biserial_is_pythons_correlation_of_the_indicator() -> None:
    rng = random.Random(7)
    for _ in range(50):
        chose = [rng.random() < 0.4 for _ in range(30)]
        rest = [rng.uniform(0, 20) for _ in range(30)]
        if len(set(chose)) < 2:
            continue
        expected = statistics.correlation([float(c) for c in chose], rest)
        assert point_biserial(chose, rest) == pytest.approx(expected)
        assert pearson(rest, [x * 2 + 1 for x in rest]) == pytest.approx(1.0)


def test_discrimination_index_by_hand() -> None:
    # Ten students, 27% is 3 at each end. Totals 1..10; the item is right for the top 4 only:
    # upper 3 all right (1.0), lower 3 none (0.0): D = 1.0.
    totals = list(range(1, 11))
    assert discrimination_index([float(t > 6) for t in totals], totals) == pytest.approx(1.0)
    # Right for students 2, 5, 9, 10: upper (8, 9, 10) has 2 of 3, lower (1, 2, 3) 1 of 3.
    points = [0, 1, 0, 0, 1, 0, 0, 0, 1, 1]
    assert discrimination_index(points, totals) == pytest.approx(2 / 3 - 1 / 3)
    # A reversed key: the weak get it, the strong miss it.
    assert discrimination_index([float(t <= 3) for t in totals], totals) == pytest.approx(-1.0)
    assert discrimination_index([1, 0, 1], [1, 2, 3]) is None  # too few students


def test_sem_by_hand() -> None:
    totals = [2, 4, 4, 4, 5, 5, 7, 9]  # population SD 2
    assert sem(totals, 0.75) == pytest.approx(2 * math.sqrt(0.25))
    assert sem(totals, 0.0) == pytest.approx(2.0)
    assert sem(totals, None) is None and sem(totals, -0.2) is None
