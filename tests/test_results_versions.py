"""Results never mix versions or quizzes silently: each answer records the card as it was asked,
each file its quiz; `results` analyses each version apart, warns about every file that differs,
and computes the reliability on the cards most of the class shared. And the item analysis an LMS
gives: option point-biserials, the upper-lower index, the standard error of measurement."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from helpers.cli import invoke
from tiesquiz.deck.model import ChoiceCard
from tiesquiz.results.analysis import analyse
from tiesquiz.results.model import AnswerRecord, ResultsFile
from tiesquiz.results.versions import card_version, quiz_identity

OLD = ChoiceCard(
    deck="cls", id="c3", question="Which city?", answer="Baku", distractors=("Quba", "Ganja")
)
NEW = ChoiceCard(
    deck="cls", id="c3", question="Which city?", answer="Quba", distractors=("Baku", "Ganja")
)
OTHER = ChoiceCard(
    deck="cls", id="c4", question="Which sea?", answer="Caspian", distractors=("Black",)
)


def quiz_file(
    name: str, picks: dict[ChoiceCard, str], quiz: str = "Q", path: str = ""
) -> ResultsFile:
    answers = tuple(
        AnswerRecord(
            card=card.key,
            type="choice",
            question=card.question,
            correct_answer=card.answer,
            points=float(pick == card.answer),
            status="answered",
            correct=pick == card.answer,
            answer=pick,
            response=pick,
            options=card.options,
            version=card_version(card),
        )
        for card, pick in picks.items()
    )
    return ResultsFile(
        student=name, decks=("cls",), started="2026-12-01T09:00:00+00:00", seconds=60, seed=1,
        answers=answers, quiz=quiz, path=Path(path or f"{name}.json"),
    )  # fmt: skip


def test_a_key_changed_between_two_groups_is_two_questions() -> None:
    """Six students took the quiz before the key of c3 was corrected, six after."""
    before = [
        quiz_file(f"a{i}", {OLD: "Baku" if i < 4 else "Quba", OTHER: "Caspian"}) for i in range(6)
    ]
    after = [
        quiz_file(f"b{i}", {NEW: "Quba" if i < 5 else "Baku", OTHER: "Caspian"}) for i in range(6)
    ]
    report = analyse([*before, *after], {NEW.key: NEW, OTHER.key: OTHER})
    items = {i.card: i for i in report.items}
    assert set(items) == {"cls/c3", "cls/c3 (changed)", "cls/c4"}
    assert items["cls/c3"].asked == 6 and items["cls/c3"].correct_answer == "Quba"  # the deck's
    assert (
        items["cls/c3 (changed)"].asked == 6 and items["cls/c3 (changed)"].correct_answer == "Baku"
    )
    assert items["cls/c3 (changed)"].facility == pytest.approx(4 / 6)
    warned = dict(report.warnings)
    assert set(warned) == {f"a{i}.json" for i in range(6)}  # the deck has the new version
    assert all("another version of cls/c3 (changed)" in why for why in warned.values())


def test_one_student_who_took_another_quiz_is_named_and_left_out_of_reliability() -> None:
    class_ = [
        quiz_file(
            f"s{i}", {OLD: "Baku" if i % 2 else "Quba", OTHER: "Caspian" if i % 3 else "Black"}
        )
        for i in range(8)
    ]
    stray = quiz_file("stray", {OTHER: "Caspian"}, quiz="another", path="in/stray.json")
    report = analyse([*class_, stray])
    assert (
        "in/stray.json",
        "took another quiz than most of the class (1 questions from cls, seed 1)",
    ) in report.warnings
    assert report.quiz.cards == 2 and report.quiz.left_out == ("in/stray.json",)
    assert report.quiz.reliability is not None
    got = report.to_dict()
    assert {"file": "in/stray.json", "reason": report.warnings[0][1]} in got["warnings"]


def test_a_file_without_versions_still_reads_with_a_warning() -> None:
    old = quiz_file("old", {OLD: "Baku"})
    old = ResultsFile(**{**old.__dict__, "quiz": "", "answers": tuple(
        AnswerRecord(**{**a.__dict__, "version": ""}) for a in old.answers)})  # fmt: skip
    report = analyse([old, quiz_file("new", {OLD: "Baku"})])
    assert [i.card for i in report.items] == ["cls/c3"]  # counted with the card, not apart
    assert ("old.json", "written before results recorded card versions: it cannot be checked "
            "against the class's versions") in report.warnings  # fmt: skip


def test_the_identity_of_a_quiz_and_a_version() -> None:
    assert card_version(OLD) != card_version(NEW)
    shuffled = ChoiceCard(
        deck="cls", id="c3", question="Which city?", answer="Baku", distractors=("Ganja", "Quba")
    )
    assert card_version(shuffled) == card_version(OLD)  # the options' order is not a version
    assert quiz_identity(["cls"], ["cls/c3", "cls/c4"], 1) == quiz_identity(
        ["cls"], ["cls/c4", "cls/c3"], 1
    )
    assert quiz_identity(["cls"], ["cls/c3"], 1) != quiz_identity(["cls"], ["cls/c3"], 2)


def test_a_distractor_strong_students_pick_is_flagged_with_ten_students() -> None:
    """The five strongest students (all right on c4) pick Quba on c3, keyed Baku: Quba's
    point-biserial is positive and the item says so; the upper-lower index is negative."""
    files = [
        quiz_file(
            f"s{i}", {OLD: "Quba" if i >= 5 else "Baku", OTHER: "Caspian" if i >= 5 else "Black"}
        )
        for i in range(10)
    ]
    report = analyse(files)
    item = {i.card: i for i in report.items}["cls/c3"]
    quba = next(o for o in item.options if o.option == "Quba")
    assert quba.picked == 5 and not quba.right and quba.point_biserial == pytest.approx(1.0)
    assert "strong students pick 'Quba'" in item.flags and "check the key" in item.flags
    assert item.discrimination_index == pytest.approx(-1.0)
    fewer = {i.card: i for i in analyse(files[:9]).items}["cls/c3"]
    assert fewer.flags == ()  # nine students: the figures, no verdict


def test_results_json_and_view_carry_warnings(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for f in [quiz_file(f"s{i}", {OLD: "Baku", OTHER: "Caspian"}) for i in range(3)] + [
        quiz_file("stray", {OTHER: "Caspian"}, quiz="another")
    ]:
        (folder / f"{f.student}.json").write_text(json.dumps(f.to_dict()), encoding="utf-8")
    got = json.loads(invoke("results", str(folder), "--json").stdout)
    assert [w["reason"][:24] for w in got["warnings"]] == ["took another quiz than m"]
    assert got["warnings"][0]["file"].endswith("stray.json")
    shown = invoke("results", str(folder)).stdout
    assert "Files that differ from the class" in shown and "stray.json" in shown
    assert "With fewer than 10 students no question is flagged." in " ".join(shown.split())


def test_the_standard_error_of_measurement_of_a_class() -> None:
    """Totals 2, 2, 1, 0 on two cards, KR-20 = 2 * (1 - 0.4375 / 0.6875); SEM = SD x sqrt(1 - r)."""
    import math

    picks = [("Baku", "Caspian"), ("Baku", "Caspian"), ("Baku", "Black"), ("Quba", "Black")]
    files = [quiz_file(f"s{i}", {OLD: a, OTHER: b}) for i, (a, b) in enumerate(picks)]
    quiz = analyse(files).quiz
    reliability = 2 * (1 - (0.1875 + 0.25) / 0.6875)
    assert quiz.reliability == pytest.approx(reliability)
    assert quiz.sem == pytest.approx(math.sqrt(0.6875) * math.sqrt(1 - reliability))
