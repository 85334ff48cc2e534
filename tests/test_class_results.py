"""A class of 30 takes a real quiz (plain mode, scripted answers of known quality); the teacher's
`tiesquiz results` must find what an independent computation here finds."""

from __future__ import annotations

import json
import math
import random
import statistics
from pathlib import Path

import pytest

from helpers.cli import invoke, lines_in

SEED = 11
#: A quiz deck whose every card is scored 0/1, and one whose key is wrong: `keyed` marks "Bad"
#: right, though a student who knows the material picks "Good".
DECK = """\
deck: class
title: Class quiz
cards:
  - {id: c1, type: choice, question: Which city?, answer: Quba, distractors: [Baku, Ganja]}
  - {id: c2, type: choice, question: Which sector?, answer: Energy, distractors: [Tourism, Banking]}
  - {id: c3, type: choice, question: Which section?, answer: Section 907, distractors: [Section 101, Section 300]}
  - {id: keyed, type: choice, question: Which is good?, answer: Bad, distractors: [Good, Neither]}
  - {id: t1, type: truefalse, question: The village is all-Jewish., answer: true}
  - {id: t2, type: truefalse, question: The drills were Israeli., answer: false}
  - {id: t3, type: truefalse, question: The minister is Sa'ar., answer: true}
  - {id: y1, type: typed, question: Which commodity?, answer: oil}
  - {id: y2, type: typed, question: How many thousand?, answer: "70"}
  - {id: y3, type: typed, question: Which region?, answer: Caucasus}
"""
RIGHT = {
    "c1": "Quba", "c2": "Energy", "c3": "Section 907", "keyed": "Good",
    "t1": "t", "t2": "f", "t3": "t", "y1": "oil", "y2": "70", "y3": "Caucasus",
}  # fmt: skip
WRONG = {
    "c1": "Baku", "c2": "Tourism", "c3": "Section 300", "keyed": "Bad",
    "t1": "f", "t2": "t", "t3": "f", "y1": "gas", "y2": "7", "y3": "Balkans",
}  # fmt: skip
#: What the deck's key scores as right (only `keyed` differs from what is true).
KEY_RIGHT = {**RIGHT, "keyed": "Bad"}
ABILITY = {"strong": 0.9, "average": 0.6, "weak": 0.25}


def class_list() -> list[tuple[str, float]]:
    return [(f"{level} {i:02d}", p) for level, p in ABILITY.items() for i in range(10)]


@pytest.fixture(scope="module")
def classroom(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, dict[str, float]]]:
    """Thirty results files, and the points each student should have on each card."""
    root = tmp_path_factory.mktemp("class")
    (root / "decks").mkdir()
    (root / "decks" / "class.yaml").write_text(DECK, encoding="utf-8")
    folder = root / "handed-in"
    folder.mkdir()
    mp = pytest.MonkeyPatch()  # module-scoped: the per-test isolation is not in place yet
    mp.setenv("HOME", str(root))
    mp.setenv("TIESQUIZ_CACHE", str(root / "cache"))
    mp.setenv("TIESQUIZ_DECKS", str(root / "decks"))
    try:
        # The question order of this seeded quiz, from a first run that skips everything.
        mp.setenv("TIESQUIZ_STATE", str(root / "dry.json"))
        dry = invoke(
            "quiz", "class", "--seed", str(SEED), "--results", str(root / "dry.json.json"),
            input=lines_in([":s"] * 10),
        )  # fmt: skip
        assert dry.exit_code == 0, dry.output
        order = [
            a["card"].split("/")[1]
            for a in json.loads((root / "dry.json.json").read_text())["answers"]
        ]
        expected: dict[str, dict[str, float]] = {}
        for n, (name, ability) in enumerate(class_list()):
            rng = random.Random(n)
            replies = []
            for card in order:
                knows = rng.random() < ability
                replies.append(RIGHT[card] if knows else WRONG[card])
            mp.setenv("TIESQUIZ_STATE", str(root / f"state-{n}.json"))
            out = folder / f"student-{n:02d}.json"
            result = invoke(
                "quiz", "class", "--seed", str(SEED), "--results", str(out), "--name", name,
                input=lines_in(replies),
            )  # fmt: skip
            assert result.exit_code == 0, result.output
            expected[name] = {
                card: float(reply == KEY_RIGHT[card])
                for card, reply in zip(order, replies, strict=True)
            }
    finally:
        mp.undo()
    return folder, expected


def report(folder: Path, *extra: str) -> dict:  # type: ignore[type-arg]
    result = invoke("results", str(folder), "--json", *extra)
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def pearson(xs: list[float], ys: list[float]) -> float:
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    cov = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
    return cov / math.sqrt(sum((x - mx) ** 2 for x in xs) * sum((y - my) ** 2 for y in ys))


def test_the_class_mean_and_every_score(classroom) -> None:  # type: ignore[no-untyped-def]
    folder, expected = classroom
    got = report(folder)
    assert got["quiz"]["students"] == 30 and len(got["students"]) == 30
    percents = {s["name"]: s["percent"] for s in got["students"]}
    for name, points in expected.items():
        assert percents[name] == pytest.approx(sum(points.values()) * 10)
    mean = statistics.fmean(sum(p.values()) * 10 for p in expected.values())
    assert got["quiz"]["mean_percent"] == pytest.approx(mean, abs=0.05)
    ranked = [s["percent"] for s in got["students"]]
    assert ranked == sorted(ranked, reverse=True)


def test_facility_and_discrimination_match_an_independent_computation(classroom) -> None:  # type: ignore[no-untyped-def]
    folder, expected = classroom
    items = {i["card"].split("/")[1]: i for i in report(folder)["items"]}
    assert set(items) == set(RIGHT)
    names = list(expected)
    for card, item in items.items():
        points = [expected[n][card] for n in names]
        rest = [sum(expected[n].values()) - expected[n][card] for n in names]
        assert item["answered"] == 30
        assert item["facility"] == pytest.approx(statistics.fmean(points), abs=1e-4)
        assert item["discrimination"] == pytest.approx(pearson(points, rest), abs=1e-4)


def test_the_wrong_key_is_flagged_as_negatively_discriminating(classroom) -> None:  # type: ignore[no-untyped-def]
    folder, _ = classroom
    items = {i["card"].split("/")[1]: i for i in report(folder)["items"]}
    assert items["keyed"]["discrimination"] < 0
    assert "check the key" in items["keyed"]["flags"]
    flagged = [card for card, item in items.items() if "check the key" in item["flags"]]
    assert flagged == ["keyed"]
    picks = {o["option"]: o for o in items["keyed"]["options"]}
    assert set(picks) == {"Bad", "Good", "Neither"}
    assert picks["Bad"]["right"] and not picks["Good"]["right"]
    assert picks["Good"]["picked"] > picks["Bad"]["picked"] > 0
    # Typed cards list the commonest wrong answers, for the teacher's `accept`.
    assert items["y1"]["wrong_answers"][0]["answer"] == "gas"


def test_kr20_matches_an_independent_computation(classroom) -> None:  # type: ignore[no-untyped-def]
    folder, expected = classroom
    quiz = report(folder)["quiz"]
    cards = sorted(RIGHT)
    k = len(cards)
    totals = [sum(points.values()) for points in expected.values()]
    pq = 0.0
    for card in cards:
        p = statistics.fmean(points[card] for points in expected.values())
        pq += p * (1 - p)
    kr20 = k / (k - 1) * (1 - pq / statistics.pvariance(totals))
    assert quiz["reliability_method"] == "KR-20"
    assert quiz["cards"] == 10
    assert quiz["reliability"] == pytest.approx(kr20, abs=1e-4)


def test_the_human_report_and_the_gradebook(classroom, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import csv

    folder, expected = classroom
    book = tmp_path / "gradebook.csv"
    result = invoke("results", str(folder), "--csv", str(book))
    assert result.exit_code == 0, result.output
    out = result.output
    assert "Students (30)" in out and "Class: mean" in out and "Scores" in out
    assert "class/keyed  ⚑" in out and "check the key" in out
    assert "reliability" in out and "KR-20" in out
    with book.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == 30
    for row in rows:
        points = expected[row["student"]]
        assert float(row["total"]) == pytest.approx(sum(points.values()))
        for card, value in points.items():
            assert float(row[f"class/{card}"]) == value
    again = invoke("results", str(folder), "--csv", str(book))
    assert again.exit_code == 1 and "--force" in again.output
