"""Answers in parts: select-all, ordering, matching and cloze gaps, with partial credit.

A part-right answer counts as right (but Hard) only when nearly all of it is right: a score of
:data:`PARTIAL_PASS` (3/4) or more. Select-all scores the right options found less the wrong ones
ticked, over the right options (so missing half of them, or ticking as many wrong as right, is
never a pass); ordering the share of item pairs in the right relative order; matching the share of
pairs right; cloze the share of gaps right.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from itertools import permutations

from tiesquiz.grading.answer import as_grade
from tiesquiz.grading.context import Context
from tiesquiz.grading.judge import judge
from tiesquiz.grading.result import GapMark, Grade

#: Partial credit from this share up counts as right (but Hard); below it, wrong.
PARTIAL_PASS = 0.75
#: Interchangeable gaps are tried in every order up to this many; a larger group goes in order.
MAX_GROUP_PERMUTATIONS = 6


def grade_multi(answers: Sequence[str], options: Sequence[str], chosen: Sequence[str]) -> Grade:
    picked = set(chosen)
    right = set(answers)
    found = right & picked
    wrong = [o for o in options if o in picked and o not in right]
    missed = [a for a in answers if a not in picked]
    score = max(0.0, (len(found) - len(wrong)) / len(right))
    return Grade(score >= PARTIAL_PASS, score, missed=tuple(missed), wrongly_ticked=tuple(wrong))


def _in_order(given: Sequence[str], items: Sequence[str]) -> list[str]:
    """The longest run of ``given`` (not necessarily adjacent) that is in the right order."""
    rank = {item: i for i, item in enumerate(items)}
    best: list[list[str]] = []
    for item in given:
        chain = max((c for c in best if rank[c[-1]] < rank[item]), key=len, default=[])
        best.append([*chain, item])
    return max(best, key=len, default=[])


def grade_order(items: Sequence[str], given: Sequence[str]) -> Grade:
    if list(given) == list(items):
        return Grade(True)
    if sorted(given) != sorted(items):
        return Grade(False, 0.0, misplaced=tuple(items))
    position = {item: i for i, item in enumerate(given)}
    pairs = [(a, b) for i, a in enumerate(items) for b in items[i + 1 :]]
    score = sum(position[a] < position[b] for a, b in pairs) / len(pairs)
    keep = set(_in_order(given, items))
    return Grade(score >= PARTIAL_PASS, score, misplaced=tuple(i for i in given if i not in keep))


def grade_match(pairs: Sequence[tuple[str, str]], given: Mapping[str, str]) -> Grade:
    marks = tuple((left, given.get(left, ""), right) for left, right in pairs)
    wrong = tuple(m for m in marks if m[1] != m[2])
    score = (len(pairs) - len(wrong)) / len(pairs)
    return Grade(
        not wrong or score >= PARTIAL_PASS, score, wrong_pairs=wrong, pairs=marks, parts=len(pairs)
    )


def _gap(given: str, forms: Sequence[str], context: Context) -> GapMark:
    shown = as_grade(judge(given, forms, context), given, forms)
    return GapMark(given, forms[0], shown.correct, shown.typos, shown.check, shown.notes)


def grade_cloze(
    gaps: Sequence[Sequence[str]],
    groups: Sequence[Sequence[int]],
    given: Sequence[str],
    context: Context,
) -> Grade:
    """Every gap against its accepted forms; the gaps of a group may be filled in any order."""
    given = list(given) + [""] * (len(gaps) - len(given))
    marks: list[GapMark | None] = [None] * len(gaps)
    for group in groups:
        choices = (
            list(permutations(group)) if len(group) <= MAX_GROUP_PERMUTATIONS else [tuple(group)]
        )
        best: list[GapMark] = []
        for order in choices:  # order[k]: the gap whose answer is written at position group[k]
            tried = [
                _gap(given[at], gaps[gap], context) for at, gap in zip(group, order, strict=True)
            ]
            if not best or _rank(tried) > _rank(best):
                best = tried
        for at, mark in zip(group, best, strict=True):
            marks[at] = mark
    for i, forms in enumerate(gaps):
        if marks[i] is None:
            marks[i] = _gap(given[i], forms, context)
    done = [m for m in marks if m is not None]
    right = sum(m.right for m in done)
    return Grade(
        right == len(gaps),
        right / len(gaps),
        typos=tuple(t for m in done for t in m.typos),
        gaps=tuple(done),
        # No gap wrong, some a person must judge: the whole answer waits for them.
        check=right < len(gaps) and all(m.right or m.check for m in done),
    )


def _rank(marks: Sequence[GapMark]) -> tuple[int, int, int]:
    return (
        sum(m.right for m in marks),
        sum(m.check for m in marks),
        -sum(len(m.typos) for m in marks),
    )
