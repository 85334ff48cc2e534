""" "I was right": in study, after a typed or cloze answer is marked wrong, one key overrules the
verdict. It then counts as Hard, the log says it was overruled, and `stats` lists the answer."""

from __future__ import annotations

import json
import random
from datetime import datetime, timezone
from pathlib import Path

import pytest

from helpers.answers import right_answer, wrong_answer
from helpers.cli import invoke, lines_in
from helpers.decks import cards_by_id, use_fixture_decks
from helpers.disk import answers_on_disk
from tiesquiz.clock import Clock
from tiesquiz.progress import ProgressStore
from tiesquiz.scheduling import AGAIN, HARD, Limits
from tiesquiz.session import Answer, QuizSession, StudySession

NOW = datetime(2026, 11, 28, 9, 0, tzinfo=timezone.utc)
CARDS = cards_by_id()


@pytest.fixture(autouse=True)
def decks(monkeypatch: pytest.MonkeyPatch) -> None:
    use_fixture_decks(monkeypatch, NOW)


def session(state: Path, *ids: str) -> StudySession:
    clock = Clock(fixed=NOW, tz=timezone.utc)
    cards = [CARDS[i] for i in ids]
    return StudySession(ProgressStore.open(state), cards, clock, Limits(), random.Random(1))


def test_a_wrong_typed_answer_can_be_overruled_and_counts_as_hard(state: Path) -> None:
    study = session(state, "typed")
    study.answer(Answer("69,000", "69,000"))  # the retry
    result = study.answer(Answer("69,000", "69,000"))
    assert not result.correct and result.rating == AGAIN and result.can_overrule
    before = study.store.progress.cards["all-types/typed"]
    overruled = study.overrule()
    assert overruled.overruled and overruled.rating == HARD and not overruled.can_overrule
    log = study.store.progress.reviews
    assert len(log) == 1  # the wrong answer was replaced, not added to
    assert (log[0].rating, log[0].correct, log[0].overruled, log[0].answer) == (
        HARD,
        True,
        True,
        "69,000",
    )
    assert study.store.progress.cards["all-types/typed"] != before  # scheduled as Hard
    assert (study.summary().right, study.summary().wrong) == (1, 0)
    with pytest.raises(ValueError, match="only the last answer"):
        study.overrule()  # once only


@pytest.mark.parametrize("card_id", ["choice", "multi", "tf", "order", "match", "flash"])
def test_other_types_and_right_answers_cannot_be_overruled(state: Path, card_id: str) -> None:
    study = session(state, card_id)
    question = study.current()
    assert question is not None
    assert not study.answer(wrong_answer(question.view)).can_overrule
    with pytest.raises(ValueError):
        study.overrule()


def test_a_right_answer_cannot_be_overruled(state: Path) -> None:
    study = session(state, "cloze")
    question = study.current()
    assert question is not None
    assert not study.answer(right_answer(question.view)).can_overrule


def test_a_quiz_has_no_override(state: Path) -> None:
    quiz = QuizSession(
        ProgressStore.open(state), [CARDS["typed"]], Clock(fixed=NOW), rng=random.Random(1)
    )
    assert not quiz.answer(Answer("1", "1")).can_overrule
    assert not hasattr(quiz, "overrule")


DECK = """deck: numbers
title: Numbers
cards:
  - {id: size, type: typed, question: How many?, answer: 70000, explanation: E, source: S}
  - {id: place, type: cloze, question: "The {{Red Village}} is in {{Quba}}.", explanation: E, source: S}
"""


def study_plain(state: Path, tmp_path: Path, lines: list[str], monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    folder = tmp_path / "decks"
    folder.mkdir(exist_ok=True)
    (folder / "numbers.yaml").write_text(DECK, encoding="utf-8")
    monkeypatch.setenv("TIESQUIZ_DECKS", str(folder))
    result = invoke("--state", str(state), "study", "numbers", "--plain", input=lines_in(lines))
    assert result.exit_code == 0, result.output
    return result.output


def test_an_overruled_answer_through_a_real_study_session(
    state: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Plain mode, as a student types it: wrong twice, then r; the log and stats show it."""
    out = study_plain(state, tmp_path, ["69,000", "69,500", "r", ":q"], monkeypatch)
    assert "✗ Wrong" in out and "r: I was right" in out
    assert "Counted as right (Hard): you overruled the verdict." in out
    assert "numbers/size" in json.loads(state.read_text(encoding="utf-8"))["cards"]
    (entry,) = answers_on_disk(state)
    assert entry["card"] == "numbers/size" and entry["overruled"] is True
    assert (entry["rating"], entry["correct"], entry["answer"]) == (HARD, True, "69,500")
    stats = json.loads(invoke("--state", str(state), "stats", "--json").output)
    assert stats["overruled"] == {"numbers/size": ["69,500"]}
    shown = invoke("--state", str(state), "stats").output
    assert "Answers you overruled" in shown and "How many?: “69,500”" in shown
    assert "numbers/size" not in shown  # a student is shown the question, never the card's id


@pytest.mark.parametrize("after", [[""], []], ids=["enter", "straight-on"])
def test_going_on_keeps_the_verdict(
    state: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, after: list[str]
) -> None:
    """Enter goes on; a script that types the next answer at once is read as it always was."""
    lines = ["69,000", "69,500", *after, "Red Village", "Quba", ":q"]
    out = study_plain(state, tmp_path, lines, monkeypatch)
    ratings = {r["card"]: (r["rating"], r.get("overruled", False)) for r in answers_on_disk(state)}
    assert ratings == {"numbers/size": (AGAIN, False), "numbers/place": (3, False)}, out
    assert json.loads(invoke("--state", str(state), "stats", "--json").output)["overruled"] == {}
