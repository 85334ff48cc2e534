"""`tiesquiz results` is linear in the answers of a file (issue 26, finding 5): 8,000 answers
took 2.7 s and 16,000 10.3 s, because each card searched every answer of every file, and each
answer summed its whole file again. Not a timed test: the card keys count how often they are
compared, and a budget linear in the answers fails the analysis at once when it is exceeded."""

from __future__ import annotations

from tiesquiz.results import AnswerRecord, ResultsFile
from tiesquiz.results.analysis import analyse

ANSWERS = 20_000


class CountedKey(str):
    """A card key that counts its comparisons, and stops the run past its budget."""

    compared = 0
    budget = 0

    def __eq__(self, other: object) -> bool:
        CountedKey.compared += 1
        if CountedKey.compared > CountedKey.budget:
            raise AssertionError(f"over {CountedKey.budget:,} comparisons of card keys")
        return str.__eq__(self, other)

    __hash__ = str.__hash__


def _file(student: str, cards: int, right: int) -> ResultsFile:
    """``cards`` questions; every ``right``-th one right (each card's key made afresh, as a
    file read from disk has its own strings)."""
    answers = tuple(
        AnswerRecord(
            card=CountedKey(f"d/c{i}"),
            type="choice",
            question=f"Q{i}?",
            correct_answer="A",
            points=1.0 if i % right == 0 else 0.0,
            status="answered",
            correct=i % right == 0,
            answer="A" if i % right == 0 else "B",
            response="A" if i % right == 0 else "B",
            options=("A", "B", "C"),
        )
        for i in range(cards)
    )
    return ResultsFile(student, ("d",), "2026-11-29T09:00:00+00:00", 60.0, 7, answers)


def test_the_analysis_compares_each_answer_a_bounded_number_of_times() -> None:
    """One student answered 20,000 questions; four others the first 100 of them."""
    files = [_file("Long", ANSWERS, 2), *(_file(f"S{n}", 100, n + 2) for n in range(4))]
    total = sum(len(f.answers) for f in files)
    CountedKey.compared, CountedKey.budget = 0, 4 * total
    report = analyse(files)
    assert CountedKey.compared <= 4 * total
    items = {item.card: item for item in report.items}
    assert len(items) == ANSWERS and list(items)[:3] == ["d/c0", "d/c1", "d/c2"]
    assert items["d/c0"].asked == 5 and items["d/c0"].facility == 1.0
    assert items["d/c1"].asked == 5 and items["d/c1"].facility == 0.0
    assert items["d/c150"].asked == 1 and items["d/c150"].facility == 1.0
    assert items["d/c151"].facility == 0.0 and items["d/c151"].discrimination is None
    assert [(o.option, o.picked, o.right) for o in items["d/c0"].options] == [
        ("A", 5, True),
        ("B", 0, False),
        ("C", 0, False),
    ]
    assert report.quiz.cards == 100  # the cards every student was asked
    long = next(s for s in report.students if s.name == "Long")
    assert long.score == ANSWERS / 2 and long.questions == ANSWERS
