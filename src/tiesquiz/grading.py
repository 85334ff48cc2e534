"""Is this answer right? Lenient where a person would be, never where it would be wrong.

Typed text is compared after normalising both sides: Unicode NFKC, transliteration to ASCII
with anyascii (so ``Bakı`` = ``Baki`` and ``Şəki`` = ``Seki``), case folding, apostrophes dropped,
other punctuation and runs of white space folded to one space, and a leading article removed.
Numbers are compared as numbers ("70,000" = "70000" = "70 000"), within the card's tolerance.
A small typo in a longer answer is accepted but said so, and counts as Hard.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import singledispatch

from anyascii import anyascii

from tiesquiz.deck.model import (
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

ARTICLES = ("the ", "a ", "an ")
HEDGES = (
    "about ",
    "approximately ",
    "approx ",
    "around ",
    "roughly ",
    "some ",
    "nearly ",
    "almost ",
    "ca ",
)
_NON_WORD = re.compile(r"[^0-9a-z]+")
_NUMBER = re.compile(
    r"^[+-]?(?:\d{1,3}(?:[,\s_]\d{3})+|\d+)(?:\.\d+)?$"  # 70,000 / 70 000 / 70000 / 1.5
)
#: Partial credit from this share up counts as right (but Hard); below it, wrong.
PARTIAL_PASS = 0.75
#: Answers shorter than this (after normalising) must be exact: "Baku" is not a typo of "Quba".
TYPO_MIN_LENGTH = 5


@dataclass(frozen=True)
class Grade:
    """The verdict on one answer. ``score`` is the share right, for partial credit."""

    correct: bool
    score: float = 1.0
    typo: bool = False
    note: str = ""
    #: For a flashcard: the rating the student gave themselves (1-4).
    self_rating: int | None = None


def normalize(text: str) -> str:
    """The form two answers are compared in (see the module docstring)."""
    text = anyascii(unicodedata.normalize("NFKC", text)).casefold()
    text = text.replace("'", "").replace("`", "")
    text = _NON_WORD.sub(" ", text).strip()
    for article in ARTICLES:
        if text.startswith(article) and len(text) > len(article):
            text = text[len(article) :]
            break
    return text


def parse_number(text: str) -> float | None:
    """A number as people write it, or None. "70,000", "70 000", "about 70000" all give 70000."""
    raw = anyascii(unicodedata.normalize("NFKC", text)).strip().casefold()
    raw = raw.replace("\u00a0", " ").replace("\u202f", " ").strip(" .~")
    for hedge in HEDGES:
        if raw.startswith(hedge):
            raw = raw[len(hedge) :].strip()
    raw = raw.lstrip("~").strip()
    if not _NUMBER.match(raw):
        return None
    try:
        return float(re.sub(r"[,\s_]", "", raw))
    except ValueError:  # pragma: no cover - the regex admits only numbers
        return None


def edit_distance(a: str, b: str, limit: int) -> int:
    """Optimal string alignment distance (a swap of neighbours counts as one), capped at limit+1."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


def typo_allowance(expected: str) -> int:
    """How many slips an answer of this length may have: none for short words."""
    length = len(expected.replace(" ", ""))
    if length < TYPO_MIN_LENGTH or any(ch.isdigit() for ch in expected):
        return 0
    return 1 if length < 10 else 2


def match_text(given: str, accepted: Iterable[str]) -> Grade:
    """Grade free text against every accepted form."""
    said = normalize(given)
    if not said:
        return Grade(False, 0.0, note="No answer given.")
    forms = [a for a in accepted if a.strip()]
    normal = [normalize(a) for a in forms]
    if said in normal:
        return Grade(True)
    said_number = parse_number(given)
    if said_number is not None:
        for form in forms:
            if parse_number(form) == said_number:
                return Grade(True)
    best: tuple[int, str] | None = None
    for form, norm in zip(forms, normal, strict=True):
        allowance = typo_allowance(norm)
        if allowance and parse_number(form) is None:
            distance = edit_distance(said, norm, allowance)
            if distance <= allowance and (best is None or distance < best[0]):
                best = (distance, form)
    if best is not None:
        return Grade(True, typo=True, note=f"Accepted with a small typo: it is spelt {best[1]!r}.")
    return Grade(False, 0.0)


def grade_typed(card: TypedCard, given: str) -> Grade:
    if card.numeric:
        value = parse_number(given)
        target = parse_number(card.answer)
        if value is not None and target is not None:
            tolerance = card.tolerance or 0.0
            if abs(value - target) <= tolerance + 1e-9:
                return Grade(True)
            # A number is never a typo of another number; but an accepted text form may match.
            alt = match_text(given, card.accept)
            return alt if alt.correct and not alt.typo else Grade(False, 0.0)
    return match_text(given, (card.answer, *card.accept))


def grade_cloze(card: ClozeCard, gaps: Sequence[str]) -> Grade:
    grades = [match_text(g, options) for g, options in zip(gaps, card.gaps, strict=False)]
    grades += [Grade(False, 0.0)] * (len(card.gaps) - len(grades))
    right = sum(g.correct for g in grades)
    score = right / len(card.gaps)
    notes = " ".join(g.note for g in grades if g.typo)
    return Grade(right == len(card.gaps), score, typo=any(g.typo for g in grades), note=notes)


def grade_multi(card: MultiCard, chosen: Iterable[str]) -> Grade:
    """Score = 1 - (missed + wrongly ticked) / options; right (but Hard) from 3/4 up."""
    picked = set(chosen)
    answers = set(card.answers)
    mistakes = len(answers - picked) + len(picked - answers)
    score = 1 - mistakes / len(card.options)
    if mistakes == 0:
        return Grade(True)
    if not picked & answers:
        return Grade(False, 0.0)
    return Grade(
        score >= PARTIAL_PASS,
        score,
        note=f"Partly right: {len(answers & picked)} of {len(answers)} found, {len(picked - answers)} wrong.",
    )


def grade_order(card: OrderCard, given: Sequence[str]) -> Grade:
    """Score = share of item pairs in the right relative order."""
    if list(given) == list(card.items):
        return Grade(True)
    position = {item: i for i, item in enumerate(given)}
    if set(position) != set(card.items):
        return Grade(False, 0.0)
    items = card.items
    pairs = [(a, b) for i, a in enumerate(items) for b in items[i + 1 :]]
    score = sum(position[a] < position[b] for a, b in pairs) / len(pairs)
    return Grade(
        score >= PARTIAL_PASS, score, note=f"Partly right: {score:.0%} of the pairs are in order."
    )


def grade_match(card: MatchCard, given: Mapping[str, str]) -> Grade:
    right = sum(given.get(left) == r for left, r in card.pairs)
    score = right / len(card.pairs)
    if right == len(card.pairs):
        return Grade(True)
    return Grade(score >= PARTIAL_PASS, score, note=f"{right} of {len(card.pairs)} pairs right.")


@singledispatch
def grade(card: Card, response: object) -> Grade:
    """Grade ``response`` (what the front end collected for this card type) by the card's type."""
    raise TypeError(f"no grader for {card.type} cards")


@grade.register
def _(card: FlashCard, response: object) -> Grade:
    # The student grades a flashcard: the response is their rating, 1 (Again) to 4 (Easy).
    if not isinstance(response, int) or isinstance(response, bool) or not 1 <= response <= 4:
        raise ValueError(f"a flashcard's response is a rating from 1 to 4, not {response!r}")
    return Grade(response > 1, 1.0 if response > 1 else 0.0, self_rating=response)


@grade.register
def _(card: ChoiceCard, response: object) -> Grade:
    return Grade(response == card.answer, 1.0 if response == card.answer else 0.0)


@grade.register
def _(card: TrueFalseCard, response: object) -> Grade:
    return Grade(response is card.answer, 1.0 if response is card.answer else 0.0)


@grade.register
def _(card: TypedCard, response: object) -> Grade:
    return grade_typed(card, str(response))


def _texts(card: Card, response: object, what: str) -> list[str]:
    if isinstance(response, str) or not isinstance(response, list | tuple | set | frozenset):
        raise TypeError(f"a {card.type} card's response is a list of {what}, not {response!r}")
    return [str(r) for r in response]


@grade.register
def _(card: ClozeCard, response: object) -> Grade:
    return grade_cloze(card, _texts(card, response, "gap answers"))


@grade.register
def _(card: MultiCard, response: object) -> Grade:
    return grade_multi(card, _texts(card, response, "ticked options"))


@grade.register
def _(card: OrderCard, response: object) -> Grade:
    return grade_order(card, _texts(card, response, "items in order"))


@grade.register
def _(card: MatchCard, response: object) -> Grade:
    if not isinstance(response, dict):
        raise TypeError(f"a match card's response maps left items to right, not {response!r}")
    return grade_match(card, {str(k): str(v) for k, v in response.items()})
