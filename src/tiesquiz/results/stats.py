"""The statistics of item analysis, as pure functions over lists of numbers.

Variances are population variances (divided by n) throughout, so that Cronbach's alpha on items
scored 0/1 is exactly KR-20 (``p * q`` is such an item's population variance).
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence


def variance(xs: Sequence[float]) -> float:
    return statistics.pvariance(xs) if xs else 0.0


def pearson(xs: Sequence[float], ys: Sequence[float]) -> float | None:
    """The correlation of two lists, or None when either does not vary."""
    n = len(xs)
    if n < 2 or n != len(ys):
        return None
    mx, my = sum(xs) / n, sum(ys) / n
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
    sxx = sum((x - mx) ** 2 for x in xs)
    syy = sum((y - my) ** 2 for y in ys)
    if sxx <= 1e-12 or syy <= 1e-12:
        return None
    return max(-1.0, min(1.0, sxy / math.sqrt(sxx * syy)))


def alpha(matrix: Sequence[Sequence[float]]) -> float | None:
    """Cronbach's alpha of a students x items matrix (KR-20 when every item is 0/1); None with
    fewer than two items or students, or when the totals do not vary."""
    if len(matrix) < 2 or not matrix[0] or len(matrix[0]) < 2:
        return None
    k = len(matrix[0])
    totals = [sum(row) for row in matrix]
    total_var = variance(totals)
    if total_var <= 1e-12:
        return None
    item_var = sum(variance([row[j] for row in matrix]) for j in range(k))
    return k / (k - 1) * (1 - item_var / total_var)


def describe(values: Sequence[float]) -> dict[str, float]:
    """Mean, median, spread (population SD), lowest and highest."""
    if not values:
        return {"mean": 0.0, "median": 0.0, "sd": 0.0, "lowest": 0.0, "highest": 0.0}
    return {
        "mean": statistics.fmean(values),
        "median": statistics.median(values),
        "sd": statistics.pstdev(values),
        "lowest": min(values),
        "highest": max(values),
    }


def point_biserial(chose: Sequence[bool], rest: Sequence[float]) -> float | None:
    """How choosing (1) or not (0) goes with the rest of the score: the Pearson correlation of a
    0/1 variable, which is the point-biserial. Positive for an option strong students pick."""
    return pearson([1.0 if c else 0.0 for c in chose], rest)


#: The share of students at each end that the upper/lower discrimination index compares
#: (Kelley's 27%, as Moodle and Canvas use).
TAIL = 0.27


def discrimination_index(points: Sequence[float], totals: Sequence[float]) -> float | None:
    """The upper-lower index: the item's mean points among the top 27% of students by total
    score less its mean among the bottom 27% (from -1 to 1); None with fewer than 4 students.
    Ties at the cut go by the order given."""
    n = len(points)
    if n < 4 or n != len(totals):
        return None
    k = max(1, round(n * TAIL))
    order = sorted(range(n), key=lambda i: totals[i])
    low, high = order[:k], order[-k:]
    return sum(points[i] for i in high) / k - sum(points[i] for i in low) / k


def sem(totals: Sequence[float], reliability: float | None) -> float | None:
    """The standard error of measurement, in points: SD x sqrt(1 - reliability). None when the
    reliability is unknown (or negative: the scores then measure nothing consistent)."""
    if reliability is None or not totals or reliability < 0:
        return None
    return statistics.pstdev(totals) * math.sqrt(1 - min(reliability, 1.0))
