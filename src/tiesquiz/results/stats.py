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
