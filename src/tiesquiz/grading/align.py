"""Align the student's words with an answer's words, in order, each answer word matched once.

A pair of words matches exactly (after folding: :mod:`.text`), as another inflection of the same
word (:func:`~.text.lemmas`), split or joined differently ("anti Semitism" = "antisemitism"), or
through one slip in one word that is not a word of its own (:mod:`.words`). An answer word may be
left out only when the caller says it is optional (an article, a title before a name); a written
word left over is an *extra*, which the judge (:mod:`.judge`) classifies.
"""

from __future__ import annotations

from collections.abc import Container
from dataclasses import dataclass
from functools import cache
from typing import Literal

from tiesquiz.grading.numbers import is_number, value
from tiesquiz.grading.text import lemmas
from tiesquiz.grading.words import is_typo

How = Literal["exact", "variant", "typo"]
#: How many words of one side may be joined to meet words written apart on the other.
MAX_JOIN = 3


@dataclass(frozen=True)
class Pair:
    """Written words ``written`` (indexes) matched to answer words ``expected`` (indexes)."""

    written: tuple[int, ...]
    expected: tuple[int, ...]
    how: How


#: A step of an alignment: a pair, a written word left over (its index), or an optional answer
#: word left out (``-1 - index``).
Step = Pair | int


@dataclass(frozen=True)
class Alignment:
    steps: tuple[Step, ...]

    @property
    def pairs(self) -> tuple[Pair, ...]:
        return tuple(s for s in self.steps if isinstance(s, Pair))

    @property
    def extras(self) -> tuple[int, ...]:
        """Written words matched to nothing."""
        return tuple(s for s in self.steps if isinstance(s, int) and s >= 0)

    @property
    def dropped(self) -> tuple[int, ...]:
        """Optional answer words not written."""
        return tuple(-1 - s for s in self.steps if isinstance(s, int) and s < 0)

    @property
    def typos(self) -> int:
        return sum(p.how == "typo" for p in self.pairs)

    @property
    def span(self) -> tuple[int, int]:
        """The first and last written word that matched."""
        matched = [i for p in self.pairs for i in p.written]
        return min(matched), max(matched)


def _joined_typo(parts: tuple[str, ...], whole: str, known: Container[str]) -> bool:
    """Words written apart meet one answer word with a slip in one of them, the others exact: a
    slip never hides in real words joined together ("north caucasus" for "southcaucasus")."""
    for k, part in enumerate(parts):
        head, tail = "".join(parts[:k]), "".join(parts[k + 1 :])
        if not whole.startswith(head) or not whole.endswith(tail):
            continue
        middle = whole[len(head) : len(whole) - len(tail)] if tail else whole[len(head) :]
        if middle and is_typo(part, middle, known):
            return True
    return False


def compare(
    written: tuple[str, ...],
    expected: tuple[str, ...],
    known: Container[str],
    tolerance: float = 0.0,
) -> How | None:
    """How ``written`` meets ``expected`` (1-3 words each), or None. Numbers are compared whole,
    as numbers, within ``tolerance``."""
    if any(map(is_number, written + expected)):
        if len(written) == len(expected) == 1 and is_number(written[0]) and is_number(expected[0]):
            near = abs(value(written[0]) - value(expected[0])) <= tolerance + 1e-9
            return "exact" if near else None
        return None
    w, e = "".join(written), "".join(expected)
    if w == e:
        return "exact"
    if lemmas(w) & lemmas(e):
        return "variant"
    if len(written) == 1 and is_typo(w, e, known):
        return "typo"
    if len(written) > 1 and _joined_typo(written, e, known):
        return "typo"
    return None


Cost = tuple[int, int, int, int]


def align(
    written: tuple[str, ...],
    expected: tuple[str, ...],
    optional: frozenset[int],
    known: Container[str] = frozenset(),
    tolerance: float = 0.0,
) -> Alignment | None:
    """The alignment that matches every answer word not ``optional`` with the fewest extras, then
    the fewest slips (at most one), then the fewest variants; None when there is none."""
    n, m = len(written), len(expected)

    @cache
    def best(i: int, j: int, slipped: bool) -> tuple[Cost, tuple[Step, ...]] | None:
        if i == n and j == m:
            return (0, 0, 0, 0), ()
        found: list[tuple[Cost, tuple[Step, ...]]] = []
        for a in range(1, MAX_JOIN + 1):
            for b in range(1, MAX_JOIN + 1):
                if i + a > n or j + b > m:
                    continue
                how = compare(written[i : i + a], expected[j : j + b], known, tolerance)
                if how is None or (how == "typo" and slipped):
                    continue
                rest = best(i + a, j + b, slipped or how == "typo")
                if rest is not None:
                    step = (0, how == "typo", how != "exact", 0)
                    pair = Pair(tuple(range(i, i + a)), tuple(range(j, j + b)), how)
                    found.append((_add(rest[0], step), (pair, *rest[1])))
        if i < n:
            rest = best(i + 1, j, slipped)
            if rest is not None:
                found.append((_add(rest[0], (1, 0, 0, 0)), (i, *rest[1])))
        if j < m and j in optional:
            rest = best(i, j + 1, slipped)
            if rest is not None:
                found.append((_add(rest[0], (0, 0, 0, 1)), (-1 - j, *rest[1])))
        return min(found, key=lambda f: f[0]) if found else None

    result = best(0, 0, False)
    if result is None:
        return None
    found = Alignment(tuple(s for s in result[1] if isinstance(s, Pair | int)))
    return found if found.pairs else None


def _add(a: Cost, b: tuple[int | bool, ...]) -> Cost:
    return (a[0] + int(b[0]), a[1] + int(b[1]), a[2] + int(b[2]), a[3] + int(b[3]))
