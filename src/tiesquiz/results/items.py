"""One question of a class's quiz: its item analysis, as the LMS item reports give it.

Facility (the mean points), discrimination twice over (the correlation of the card's points
with the rest of the score, and the upper-lower 27% index), and for each option of a choice or
select-all card how many picked it and its point-biserial with the rest score: a wrong option
that strong students pick is flagged. Typed and cloze cards list their commonest wrong answers
and the answers to check. Flags need at least :data:`MIN_FOR_FLAGS` students.

Pure: the answers shown (each with its file's total) and, when known, the deck's card, in.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from tiesquiz.deck.model import CARD_CLASSES, Card, ChoiceCard, ClozeCard, MultiCard, TypedCard
from tiesquiz.deck.registry import CardTable
from tiesquiz.results.model import AnswerRecord
from tiesquiz.results.stats import discrimination_index, pearson, point_biserial

#: Fewer students than this and a correlation says nothing.
MIN_FOR_DISCRIMINATION = 5
#: Fewer students than this and no item is flagged: the figures are shown, the verdicts not.
MIN_FOR_FLAGS = 10
TOO_EASY, TOO_HARD, LOW_DISCRIMINATION = 0.9, 0.3, 0.2
#: A wrong option whose point-biserial with the rest score is above this draws strong students.
STRONG_PULL = 0.05
WRONG_ANSWERS_SHOWN = 5


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


@dataclass(frozen=True)
class OptionRow:
    """One option of a choice or select-all card."""

    option: str
    picked: int
    right: bool
    #: Picking it against the rest score; None when it does not vary or too few students.
    point_biserial: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "option": self.option,
            "picked": self.picked,
            "right": self.right,
            "point_biserial": _round(self.point_biserial),
        }


@dataclass(frozen=True)
class ItemRow:
    card: str
    type: str
    question: str
    correct_answer: str
    #: Students shown the question (answered or skipped).
    asked: int
    answered: int
    facility: float
    #: The correlation of the card's points with the rest of the score.
    discrimination: float | None
    flags: tuple[str, ...] = ()
    #: Choice and select-all: each option, how many picked it, and its point-biserial.
    options: tuple[OptionRow, ...] = ()
    #: Typed and cloze: the commonest wrong answers with their counts.
    wrong_answers: tuple[tuple[str, int], ...] = ()
    #: Answers marked ``check`` (every word of the answer, and more), each with how many students
    #: wrote it: the teacher accepts them with ``tiesquiz results --accept``.
    to_check: tuple[tuple[str, int], ...] = ()
    #: The upper-lower 27% discrimination index.
    discrimination_index: float | None = None
    #: What students who flagged the question wrote, with how many wrote it.
    student_flags: tuple[tuple[str, int], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "card": self.card,
            "type": self.type,
            "question": self.question,
            "correct_answer": self.correct_answer,
            "asked": self.asked,
            "answered": self.answered,
            "facility": round(self.facility, 4),
            "discrimination": _round(self.discrimination),
            "discrimination_index": _round(self.discrimination_index),
            "flags": list(self.flags),
            "options": [o.to_dict() for o in self.options],
            "wrong_answers": [{"answer": a, "count": n} for a, n in self.wrong_answers],
            "to_check": [{"answer": a, "count": n} for a, n in self.to_check],
            "student_flags": [{"note": a, "count": n} for a, n in self.student_flags],
        }


def _picked(record: AnswerRecord) -> list[str]:
    if record.status != "answered":
        return []
    if isinstance(record.response, str):
        return [record.response]
    if isinstance(record.response, list):
        return [str(r) for r in record.response]
    return []


#: Each answer shown, with its file's total score: what an item's analysis reads.
Shown = list[tuple[float, AnswerRecord]]
Details = tuple[tuple[OptionRow, ...], tuple[tuple[str, int], ...]]


def _option_list(
    records: list[AnswerRecord], card: Card | None, correct: str
) -> tuple[list[str], set[str]]:
    """Every option (from the deck, or as shown) and the right ones."""
    kind = CARD_CLASSES.get(records[0].type)
    if card is not None and card.options:
        return list(card.options), set(card.right_options)
    options: list[str] = []
    for r in records:
        options += [o for o in r.options if o not in options]
    one = kind is not None and kind.picks_one
    return options, {correct} if one else set(correct.split("; "))


def _option_counts(pairs: Shown, card: Card | None, correct_answer: str) -> Details:
    """How often each option was picked, every option listed, each with its point-biserial
    against the rest score (from :data:`MIN_FOR_DISCRIMINATION` students)."""
    records = [a for _, a in pairs]
    options, right = _option_list(records, card, correct_answer)
    picked = [set(_picked(r)) for r in records]
    counts = Counter(p for chosen in picked for p in chosen)
    options += [o for o in counts if o not in options]
    rest = [total - a.points for total, a in pairs]
    enough = len(records) >= MIN_FOR_DISCRIMINATION
    return tuple(
        OptionRow(
            o,
            counts[o],
            o in right,
            point_biserial([o in c for c in picked], rest) if enough else None,
        )
        for o in options
    ), ()


def _tally(answers: Iterable[str], most: int | None = None) -> tuple[tuple[str, int], ...]:
    """Written answers counted alike whatever their case and spacing, each shown as first
    written, the commonest first."""
    counts: Counter[str] = Counter()
    first: dict[str, str] = {}
    for answer in answers:
        key = " ".join(answer.casefold().split())
        counts[key] += 1
        first.setdefault(key, answer.strip())
    return tuple((first[k], n) for k, n in counts.most_common(most))


def _wrong_answers(pairs: Shown, card: Card | None, correct_answer: str) -> Details:
    """The commonest wrong written answers: what to add to ``accept`` if they are right."""
    wrong = (
        r.answer
        for _, r in pairs
        if r.status == "answered" and r.points < 1 and not r.check and r.answer.strip()
    )
    return (), _tally(wrong, WRONG_ANSWERS_SHOWN)


def _to_check(records: Sequence[AnswerRecord]) -> tuple[tuple[str, int], ...]:
    """Every answer marked ``check``, as first written, with how many wrote it (most first)."""
    return _tally(r.answer for r in records if r.check)


def _by_what_it_has(pairs: Shown, card: Card | None, correct: str) -> Details:
    """Option counts for a card with options, wrong answers for one written, else nothing."""
    if card is None:
        return (), ()
    if card.options:
        return _option_counts(pairs, card, correct)
    if card.written_answers:
        return _wrong_answers(pairs, card, correct)
    return (), ()


#: What the analysis adds for each card type (looked up by the type name the results file
#: records: the card itself may be gone from the deck).
DETAILS: CardTable[Callable[[Shown, Card | None, str], Details]] = CardTable(
    "results.details", default=_by_what_it_has
)
DETAILS.register(ChoiceCard, MultiCard)(_option_counts)
DETAILS.register(TypedCard, ClozeCard)(_wrong_answers)


def _flags(
    facility: float, discrimination: float | None, options: Sequence[OptionRow], students: int
) -> tuple[str, ...]:
    """The verdicts on an item, from :data:`MIN_FOR_FLAGS` students on."""
    if students < MIN_FOR_FLAGS:
        return ()
    flags = []
    if facility > TOO_EASY:
        flags.append("too easy")
    elif facility < TOO_HARD:
        flags.append("too hard")
    if discrimination is not None:
        if discrimination < 0:
            flags.append("check the key")
        elif discrimination < LOW_DISCRIMINATION:
            flags.append("not discriminating")
    pulls = [o.option for o in options if not o.right and (o.point_biserial or 0) > STRONG_PULL]
    flags += [f"strong students pick {o!r}" for o in pulls]
    return tuple(flags)


def item_row(key: str, pairs: Shown, card: Card | None) -> ItemRow:
    """One card's (one version's) item analysis."""
    records = [a for _, a in pairs]
    points = [a.points for a in records]
    totals = [total for total, _ in pairs]
    rest = [total - a.points for total, a in pairs]
    first = records[0]
    enough = len(points) >= MIN_FOR_DISCRIMINATION
    discrimination = pearson(points, rest) if enough else None
    facility = sum(points) / len(points)
    correct_answer = card.answer_text() if card is not None else first.correct_answer
    options, wrong = DETAILS[first.type](pairs, card, correct_answer)
    return ItemRow(
        card=key,
        type=first.type,
        question=card.question if card is not None else first.question,
        correct_answer=correct_answer,
        asked=len(records),
        answered=sum(a.status == "answered" for a in records),
        facility=facility,
        discrimination=discrimination,
        flags=_flags(facility, discrimination, options, len(records)),
        options=options,
        wrong_answers=wrong,
        to_check=_to_check(records),
        discrimination_index=discrimination_index(points, totals) if enough else None,
        student_flags=tuple(
            Counter(r.flag.strip() for r in records if r.flag.strip()).most_common()
        ),
    )
