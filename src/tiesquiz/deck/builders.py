"""One builder per card type: the type's own fields, checked, as the card class's arguments.

:data:`BUILDERS` has an entry per card class; the keys each type takes are the class's
``yaml_keys``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tiesquiz.deck.checker import MAX_OPTIONS, Checker, check_duplicates, kind
from tiesquiz.deck.model import (
    CARD_CLASSES,
    GAP_RE,
    Card,
    ChoiceCard,
    ClozeCard,
    FlashCard,
    MatchCard,
    MultiCard,
    OrderCard,
    TrueFalseCard,
    TypedCard,
)
from tiesquiz.deck.registry import CardTable
from tiesquiz.deck.yamlio import Path_

#: The fields each type adds to the common ones, by type name (from the classes).
TYPE_KEYS: dict[str, tuple[str, ...]] = {name: c.yaml_keys for name, c in CARD_CLASSES.items()}

Built = tuple[type[Card], dict[str, Any]] | None
Builder = Callable[[Checker, dict[Any, Any], Path_, "str | None"], Built]

#: How each type's own keys become the class's arguments (no default: parsing is per type).
BUILDERS: CardTable[Builder] = CardTable("deck.builders")


@BUILDERS.register(FlashCard)
def _flashcard(c: Checker, raw: dict[Any, Any], path: Path_, question: str | None) -> Built:
    answer = c.text(raw, path, "answer", required=True)
    return None if answer is None else (FlashCard, {"answer": answer})


@BUILDERS.register(ChoiceCard)
def _choice(c: Checker, raw: dict[Any, Any], path: Path_, question: str | None) -> Built:
    answer = c.text(raw, path, "answer", required=True)
    distractors = c.text_list(raw, path, "distractors", required=True, minimum=1)
    if answer is None or distractors is None:
        return None
    for i, d in enumerate(distractors):
        if d.casefold() == answer.casefold():
            c.report(
                (*path, "distractors", i),
                f"the answer {answer!r} is also a distractor",
                code="answer-is-distractor",
            )
            return None
    if not check_duplicates(c, distractors, (*path, "distractors"), "distractor"):
        return None
    return ChoiceCard, {"answer": answer, "distractors": tuple(distractors)}


@BUILDERS.register(MultiCard)
def _multi(c: Checker, raw: dict[Any, Any], path: Path_, question: str | None) -> Built:
    answers = c.text_list(raw, path, "answer", required=True, minimum=1)
    distractors = c.text_list(raw, path, "distractors", required=False) or []
    if answers is None:
        return None
    if len(answers) + len(distractors) < 2:
        c.report(
            (*path, "answer"),
            "a multi card needs at least 2 options in all (answer + distractors)",
            code="too-few",
        )
        return None
    if not check_duplicates(c, answers + distractors, (*path, "answer"), "option"):
        return None
    return MultiCard, {"answers": tuple(answers), "distractors": tuple(distractors)}


@BUILDERS.register(TrueFalseCard)
def _truefalse(c: Checker, raw: dict[Any, Any], path: Path_, question: str | None) -> Built:
    if "answer" not in raw:
        c.report(path, "missing field 'answer' (true or false)", code="missing-field")
        return None
    answer = raw["answer"]
    if not isinstance(answer, bool):
        c.report(
            (*path, "answer"),
            f"'answer' of a truefalse card must be true or false, not {kind(answer)}",
            code="wrong-type",
        )
        return None
    return TrueFalseCard, {"answer": answer}


@BUILDERS.register(TypedCard)
def _typed(c: Checker, raw: dict[Any, Any], path: Path_, question: str | None) -> Built:
    answer = c.text(raw, path, "answer", required=True)
    accept = c.text_list(raw, path, "accept", required=False) or []
    numeric = isinstance(raw.get("answer"), int | float) and not isinstance(raw.get("answer"), bool)
    tolerance: float | None = None
    if "tolerance" in raw:
        tol = raw["tolerance"]
        if isinstance(tol, bool) or not isinstance(tol, int | float) or tol < 0:
            c.report(
                (*path, "tolerance"),
                f"'tolerance' must be a number of 0 or more, not {kind(tol)}",
                code="wrong-type",
            )
            return None
        if not numeric:
            c.report(
                (*path, "tolerance"),
                "'tolerance' only applies to a numeric answer (write the answer as a number)",
                code="tolerance-without-number",
            )
            return None
        tolerance = float(tol)
    if answer is None:
        return None
    return TypedCard, {
        "answer": answer,
        "accept": tuple(accept),
        "tolerance": tolerance,
        "numeric": numeric,
    }


@BUILDERS.register(ClozeCard)
def _cloze(c: Checker, raw: dict[Any, Any], path: Path_, question: str | None) -> Built:
    if question is None:
        return None
    gaps: list[tuple[str, ...]] = []
    for match in GAP_RE.finditer(question):
        options = tuple(part.strip() for part in match.group(1).split("|"))
        if not all(options):
            c.report(
                (*path, "question"),
                f"the gap {match.group(0)!r} is empty; write the answer inside {{{{ }}}}",
                code="empty-gap",
            )
            return None
        gaps.append(options)
    if not gaps:
        c.report(
            (*path, "question"),
            "a cloze card needs at least one gap: mark the answer as {{answer}}",
            code="cloze-no-gap",
        )
        return None
    if "{{" in GAP_RE.sub("", question) or "}}" in GAP_RE.sub("", question):
        c.report(
            (*path, "question"),
            "unbalanced '{{' or '}}' in the cloze text",
            code="cloze-unbalanced",
        )
        return None
    groups = _any_order(c, raw, path, len(gaps))
    if groups is None:
        return None
    return ClozeCard, {"gaps": tuple(gaps), "groups": groups}


def _any_order(
    c: Checker, raw: dict[Any, Any], path: Path_, count: int
) -> tuple[tuple[int, ...], ...] | None:
    """``any_order: true`` (all gaps) or groups of 1-based gap numbers; 0-based groups out."""
    if "any_order" not in raw or raw["any_order"] is False:
        return ()
    here = (*path, "any_order")
    value = raw["any_order"]
    if value is True:
        value = [list(range(1, count + 1))]
    usage = "true (all the gaps) or groups of gap numbers such as [[1, 2]]"
    if not isinstance(value, list) or not all(isinstance(g, list) for g in value):
        c.report(here, f"'any_order' must be {usage}, not {kind(value)}", code="wrong-type")
        return None
    seen: set[int] = set()
    groups: list[tuple[int, ...]] = []
    for group in value:
        numbers = [n for n in group if isinstance(n, int) and not isinstance(n, bool)]
        if len(numbers) != len(group) or any(not 1 <= n <= count for n in numbers):
            c.report(
                here,
                f"'any_order' names gap numbers from 1 to {count} (this card has {count} gap"
                f"{'s' if count != 1 else ''}), not {group!r}",
                code="bad-gap-number",
            )
            return None
        if len(set(numbers)) < 2 or seen & set(numbers):
            c.report(
                here,
                "each 'any_order' group needs at least 2 different gaps, and a gap can be in one "
                "group only",
                code="bad-gap-group",
            )
            return None
        seen |= set(numbers)
        groups.append(tuple(sorted(n - 1 for n in numbers)))
    return tuple(groups)


@BUILDERS.register(OrderCard)
def _order(c: Checker, raw: dict[Any, Any], path: Path_, question: str | None) -> Built:
    items = c.text_list(raw, path, "answer", required=True, minimum=2)
    if items is None or not check_duplicates(c, items, (*path, "answer"), "item"):
        return None
    return OrderCard, {"items": tuple(items)}


@BUILDERS.register(MatchCard)
def _match(c: Checker, raw: dict[Any, Any], path: Path_, question: str | None) -> Built:
    if "answer" not in raw:
        c.report(
            path,
            "missing field 'answer' (a mapping of left item: right item)",
            code="missing-field",
        )
        return None
    here = (*path, "answer")
    value = raw["answer"]
    if not isinstance(value, dict):
        c.report(
            here,
            f"'answer' of a match card must be a mapping (left: right), not {kind(value)}",
            code="wrong-type",
        )
        return None
    if len(value) < 2:
        c.report(here, f"a match card needs at least 2 pairs, has {len(value)}", code="too-few")
        return None
    if len(value) > MAX_OPTIONS:
        c.report(
            here, f"'answer' has {len(value):,} pairs; the limit is {MAX_OPTIONS}", code="too-many"
        )
        return None
    pairs: list[tuple[str, str]] = []
    seen_left: dict[str, Any] = {}
    seen_right: dict[str, Any] = {}
    for left_raw in value:
        right = c.text(value, here, left_raw, required=True)
        left = str(left_raw).strip()
        if right is None:
            return None
        if left.casefold() in seen_left:
            c.report(
                (*here, left_raw),
                f"the left side {left!r} appears twice",
                code="match-duplicate",
                at_key=True,
            )
            return None
        if right.casefold() in seen_right:
            c.report(
                (*here, left_raw), f"the right side {right!r} appears twice", code="match-duplicate"
            )
            return None
        seen_left[left.casefold()] = seen_right[right.casefold()] = True
        pairs.append((left, right))
    return MatchCard, {"pairs": tuple(pairs)}
