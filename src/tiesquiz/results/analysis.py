"""A class's quiz results read together: one row per student, an item analysis per question
(facility, discrimination, options picked, common wrong answers) and the quiz's reliability.

Pure: results files (and, when given, the decks' cards) in, a :class:`ClassReport` out.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from tiesquiz.deck.model import CARD_CLASSES, Card, ChoiceCard, ClozeCard, MultiCard, TypedCard
from tiesquiz.deck.registry import CardTable
from tiesquiz.results.model import AnswerRecord, ResultsFile
from tiesquiz.results.stats import alpha, describe, pearson

#: Fewer students than this and a correlation says nothing.
MIN_FOR_DISCRIMINATION = 5
TOO_EASY, TOO_HARD, LOW_DISCRIMINATION = 0.9, 0.3, 0.2
WRONG_ANSWERS_SHOWN = 5


@dataclass(frozen=True)
class StudentRow:
    name: str
    file: str
    started: str
    questions: int
    score: float
    percent: float
    seconds: float
    #: Another file has the same student and the same quiz: both are kept, and flagged.
    duplicate: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "file": self.file,
            "started": self.started,
            "questions": self.questions,
            "score": round(self.score, 3),
            "percent": self.percent,
            "seconds": self.seconds,
            "duplicate": self.duplicate,
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
    discrimination: float | None
    flags: tuple[str, ...] = ()
    #: Choice and select-all: each option with how many picked it (right options marked).
    options: tuple[tuple[str, int, bool], ...] = ()
    #: Typed and cloze: the commonest wrong answers with their counts.
    wrong_answers: tuple[tuple[str, int], ...] = ()
    #: Answers marked ``check`` (every word of the answer, and more), each with how many students
    #: wrote it: the teacher accepts them with ``tiesquiz results --accept``.
    to_check: tuple[tuple[str, int], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "card": self.card,
            "type": self.type,
            "question": self.question,
            "correct_answer": self.correct_answer,
            "asked": self.asked,
            "answered": self.answered,
            "facility": round(self.facility, 4),
            "discrimination": None
            if self.discrimination is None
            else round(self.discrimination, 4),
            "flags": list(self.flags),
            "options": [{"option": o, "picked": n, "right": r} for o, n, r in self.options],
            "wrong_answers": [{"answer": a, "count": n} for a, n in self.wrong_answers],
            "to_check": [{"answer": a, "count": n} for a, n in self.to_check],
        }


@dataclass(frozen=True)
class QuizStats:
    students: int
    cards: int
    reliability: float | None
    #: "KR-20" when every card is scored 0/1, "alpha" (Cronbach's) otherwise.
    method: str
    percent: dict[str, float] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "students": self.students,
            "cards": self.cards,
            "reliability": None if self.reliability is None else round(self.reliability, 4),
            "reliability_method": self.method,
            "mean_percent": round(self.percent.get("mean", 0.0), 1),
            "median_percent": round(self.percent.get("median", 0.0), 1),
            "sd_percent": round(self.percent.get("sd", 0.0), 1),
            "lowest_percent": round(self.percent.get("lowest", 0.0), 1),
            "highest_percent": round(self.percent.get("highest", 0.0), 1),
        }


@dataclass(frozen=True)
class ClassReport:
    students: tuple[StudentRow, ...]
    items: tuple[ItemRow, ...]
    quiz: QuizStats
    #: Files set aside: (file, why).
    skipped: tuple[tuple[str, str], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "students": [s.to_dict() for s in self.students],
            "items": [i.to_dict() for i in self.items],
            "quiz": self.quiz.to_dict(),
            "skipped": [{"file": f, "reason": r} for f, r in self.skipped],
        }


def _shown(record: AnswerRecord) -> bool:
    return record.status != "unasked"


def _quiz_key(f: ResultsFile) -> tuple[str, tuple[str, ...], int | None]:
    return " ".join(f.student.casefold().split()), tuple(sorted(f.decks)), f.seed


def _students(files: Sequence[ResultsFile]) -> list[StudentRow]:
    seen = Counter(_quiz_key(f) for f in files)
    rows = [
        StudentRow(
            name=f.student,
            file=str(f.path or ""),
            started=f.started,
            questions=len(f.answers),
            score=f.score,
            percent=f.percent,
            seconds=f.seconds,
            duplicate=seen[_quiz_key(f)] > 1,
        )
        for f in files
    ]
    return sorted(rows, key=lambda r: (-r.percent, r.name.casefold(), r.file))


def _picked(record: AnswerRecord) -> list[str]:
    if record.status != "answered":
        return []
    if isinstance(record.response, str):
        return [record.response]
    if isinstance(record.response, list):
        return [str(r) for r in record.response]
    return []


Details = tuple[tuple[tuple[str, int, bool], ...], tuple[tuple[str, int], ...]]


def _option_counts(records: list[AnswerRecord], card: Card | None, correct_answer: str) -> Details:
    """How often each option was picked, every option listed (from the deck, or as shown)."""
    kind = CARD_CLASSES.get(records[0].type)
    if card is not None and card.options:
        options: list[str] = list(card.options)
        right = set(card.right_options)
    else:
        options = []
        for r in records:
            options += [o for o in r.options if o not in options]
        one = kind is not None and kind.picks_one
        right = {correct_answer} if one else set(correct_answer.split("; "))
    counts = Counter(p for r in records for p in _picked(r))
    options += [o for o in counts if o not in options]
    return tuple((o, counts[o], o in right) for o in options), ()


def _wrong_answers(records: list[AnswerRecord], card: Card | None, correct_answer: str) -> Details:
    """The commonest wrong written answers: what to add to ``accept`` if they are right."""
    counts: Counter[str] = Counter()
    first: dict[str, str] = {}
    for r in records:
        if r.status == "answered" and r.points < 1 and not r.check and r.answer.strip():
            key = " ".join(r.answer.casefold().split())
            counts[key] += 1
            first.setdefault(key, r.answer.strip())
    return (), tuple((first[k], n) for k, n in counts.most_common(WRONG_ANSWERS_SHOWN))


def _to_check(records: Sequence[AnswerRecord]) -> tuple[tuple[str, int], ...]:
    """Every answer marked ``check``, as first written, with how many wrote it (most first)."""
    counts: Counter[str] = Counter()
    first: dict[str, str] = {}
    for r in records:
        if r.check:
            key = " ".join(r.answer.casefold().split())
            counts[key] += 1
            first.setdefault(key, r.answer.strip())
    return tuple((first[k], n) for k, n in counts.most_common())


def _by_what_it_has(records: list[AnswerRecord], card: Card | None, correct: str) -> Details:
    """Option counts for a card with options, wrong answers for one written, else nothing."""
    if card is None:
        return (), ()
    if card.options:
        return _option_counts(records, card, correct)
    if card.written_answers:
        return _wrong_answers(records, card, correct)
    return (), ()


#: What the analysis adds for each card type (looked up by the type name the results file
#: records: the card itself may be gone from the deck).
DETAILS: CardTable[Callable[[list[AnswerRecord], Card | None, str], Details]] = CardTable(
    "results.details", default=_by_what_it_has
)
DETAILS.register(ChoiceCard, MultiCard)(_option_counts)
DETAILS.register(TypedCard, ClozeCard)(_wrong_answers)


def _flags(facility: float, discrimination: float | None) -> tuple[str, ...]:
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
    return tuple(flags)


#: Each answer shown, with its file's total score: what :func:`_item` reads for one card.
Shown = list[tuple[float, AnswerRecord]]


def _item(key: str, pairs: Shown, card: Card | None) -> ItemRow:
    records = [a for _, a in pairs]
    points = [a.points for a in records]
    rest = [total - a.points for total, a in pairs]
    first = records[0]
    discrimination = pearson(points, rest) if len(points) >= MIN_FOR_DISCRIMINATION else None
    facility = sum(points) / len(points)
    correct_answer = card.answer_text() if card is not None else first.correct_answer
    options, wrong = DETAILS[first.type](records, card, correct_answer)
    return ItemRow(
        card=key,
        type=first.type,
        question=card.question if card is not None else first.question,
        correct_answer=correct_answer,
        asked=len(records),
        answered=sum(a.status == "answered" for a in records),
        facility=facility,
        discrimination=discrimination,
        flags=_flags(facility, discrimination),
        options=options,
        wrong_answers=wrong,
        to_check=_to_check(records),
    )


def _quiz(files: Sequence[ResultsFile], keys: list[str]) -> QuizStats:
    """Reliability rests on the cards every student was shown (all of them for one quiz)."""
    each = [{a.card for a in f.answers if _shown(a)} for f in files]
    everyone = set.intersection(*each) if each else set()
    common = [k for k in keys if k in everyone]
    by_file = [{a.card: a.points for a in f.answers} for f in files]
    matrix = [[points[k] for k in common] for points in by_file]
    binary = all(x in (0.0, 1.0) for row in matrix for x in row)
    return QuizStats(
        students=len(files),
        cards=len(common),
        reliability=alpha(matrix),
        method="KR-20" if binary else "alpha",
        percent=describe([f.percent for f in files]),
    )


def analyse(
    files: Sequence[ResultsFile],
    cards: Mapping[str, Card] | None = None,
    skipped: Sequence[tuple[str, str]] = (),
) -> ClassReport:
    """The class report. ``cards`` (by ``deck/id``), when given, supply each question's current
    text, right answer and options; otherwise the results files alone are used."""
    cards = cards or {}
    # Each card's answers gathered in one pass, in the order first met: linear in answers (a
    # search of every file for each card took 10 s for 16,000 answers).
    shown: dict[str, Shown] = {}
    for f in files:
        total = f.score
        for a in f.answers:
            if _shown(a):
                shown.setdefault(a.card, []).append((total, a))
    keys = list(shown)
    return ClassReport(
        students=tuple(_students(files)),
        items=tuple(_item(k, pairs, cards.get(k)) for k, pairs in shown.items()),
        quiz=_quiz(files, keys),
        skipped=tuple(skipped),
    )
