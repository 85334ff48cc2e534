"""The third verdict, ``check``: every word of the answer is there, and more that a person must
judge. In study the student says whether theirs means the same (one key, recorded like "I was
right"); in a quiz it scores 0 and is marked ``check`` in the results file; ``tiesquiz results``
lists those answers by card, and ``--accept`` adds a form to the card's ``accept:`` (comments and
layout kept) and scores the class again."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from helpers.cli import invoke, lines_in
from helpers.disk import answers_on_disk
from tiesquiz.scheduling import AGAIN, HARD

DECK = """\
# The class's deck: comments and layout must survive --accept.
deck: geo
title: Places
cards:
  - id: district   # the Red Village
    type: typed
    question: In which Azerbaijani district is the Red Village?
    answer: Quba   # not Baku
    accept:
      - Guba  # the older spelling
    explanation: The Red Village lies across the river from Quba.
    source: para 2

  - id: capital
    type: typed
    question: Which city is the capital of Azerbaijan?
    answer: Baku
    explanation: Baku is the capital.
    source: para 1
"""
DETAIL = "Quba, in the north of the country"


@pytest.fixture
def decks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "decks"
    folder.mkdir()
    (folder / "geo.yaml").write_text(DECK, encoding="utf-8")
    monkeypatch.setenv("TIESQUIZ_DECKS", str(folder))
    return folder / "geo.yaml"


def study(state: Path, lines: list[str]) -> str:
    result = invoke("--state", str(state), "study", "geo", "--plain", input=lines_in(lines))
    assert result.exit_code == 0, result.output
    return result.output


def district_entries(state: Path) -> list[dict[str, object]]:
    return [e for e in answers_on_disk(state) if e["card"] == "geo/district"]


# -- study ------------------------------------------------------------------------------------


def test_in_study_the_student_says_it_means_the_same_and_it_counts_as_hard(
    state: Path, decks: Path
) -> None:
    out = study(state, [DETAIL, "y", ":q"])
    assert "? To check" in out and "y: mine means the same" in out
    assert "Not quite. One more try" not in out  # the whole answer is there: no second try
    assert "you added “in the north of the country”" in out  # says why
    (entry,) = district_entries(state)
    assert (entry["rating"], entry["correct"], entry["overruled"], entry["answer"]) == (
        HARD,
        True,
        True,
        DETAIL,
    )


@pytest.mark.parametrize("reply", ["n", ""], ids=["n", "enter"])
def test_in_study_a_no_keeps_it_wrong(state: Path, decks: Path, reply: str) -> None:
    study(state, [DETAIL, reply, ":q"])
    (entry,) = district_entries(state)
    assert (entry["rating"], entry["correct"]) == (AGAIN, False)
    assert "overruled" not in entry


def test_a_wrong_answer_is_not_to_check_and_a_right_one_needs_no_decision(
    state: Path, decks: Path
) -> None:
    """A second candidate is wrong (with its retry), a title-free right answer just right."""
    out = study(state, ["Quba or Baku", "Quba", ":q"])
    assert "? To check" not in out and "Not quite. One more try" in out
    assert "A second answer was given with it: “Baku”" not in out  # the retry says nothing yet
    (entry,) = district_entries(state)
    assert entry["rating"] == HARD and entry["correct"] is True  # right on the retry


# -- quiz and results -------------------------------------------------------------------------


def quiz(tmp_path: Path, name: str, district: str, capital: str) -> Path:
    """One student's quiz, answered in the order the seeded quiz asks."""
    out = tmp_path / "in" / f"{name}.json"
    out.parent.mkdir(exist_ok=True)
    state = tmp_path / f"{name}-state.json"
    dry = invoke("--state", str(state), "quiz", "geo", "--seed", "3", "--plain", "--results",
                 str(tmp_path / f"{name}-dry.json"), input=lines_in([":s", ":s"]))  # fmt: skip
    assert dry.exit_code == 0, dry.output
    order = [a["card"] for a in json.loads((tmp_path / f"{name}-dry.json").read_text())["answers"]]
    replies = {"geo/district": district, "geo/capital": capital}
    result = invoke("--state", str(tmp_path / f"{name}-2.json"), "quiz", "geo", "--seed", "3",
                    "--plain", "--results", str(out), "--name", name,
                    input=lines_in([replies[c] for c in order]))  # fmt: skip
    assert result.exit_code == 0, result.output
    return out


def answer_of(path: Path, card: str) -> dict[str, object]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return next(a for a in data["answers"] if a["card"] == card)


def test_a_quiz_scores_a_check_answer_0_and_marks_it(tmp_path: Path, decks: Path) -> None:
    path = quiz(tmp_path, "ana", DETAIL, "Baku")
    got = answer_of(path, "geo/district")
    assert (got["verdict"], got["points"], got["correct"]) == ("check", 0, False)
    assert answer_of(path, "geo/capital")["verdict"] == "right"
    # The card as it was asked, and the quiz, are recorded for the teacher's analysis.
    assert len(str(got["version"])) == 12 and json.loads(path.read_text())["quiz"]


def test_results_lists_every_check_answer_by_card_with_how_many_wrote_it(
    tmp_path: Path, decks: Path
) -> None:
    quiz(tmp_path, "ana", DETAIL, "Baku")
    quiz(tmp_path, "ben", DETAIL.upper(), "Baku")
    quiz(tmp_path, "cy", "Quba (where the Red Village is)", "Quba")
    quiz(tmp_path, "dee", "Quba", "Baku")
    shown = invoke("results", str(tmp_path / "in")).output
    assert "Answers to check (3)" in shown
    assert f"'{DETAIL}'  (2 students)" in shown
    assert "'Quba (where the Red Village is)'  (1 student)" in shown
    item = next(
        i
        for i in json.loads(invoke("results", str(tmp_path / "in"), "--json").output)["items"]
        if i["card"] == "geo/district"
    )
    assert item["to_check"] == [
        {"answer": DETAIL, "count": 2},
        {"answer": "Quba (where the Red Village is)", "count": 1},
    ]
    assert item["wrong_answers"] == []  # to check is not wrong


def test_accept_adds_the_form_keeps_the_file_and_rescores_the_class(
    tmp_path: Path, decks: Path
) -> None:
    quiz(tmp_path, "ana", DETAIL, "Baku")
    quiz(tmp_path, "ben", DETAIL.upper(), "Baku")
    quiz(tmp_path, "cy", "Quba (where the Red Village is)", "Baku")
    before = json.loads(invoke("results", str(tmp_path / "in"), "--json").output)
    assert {s["name"]: s["score"] for s in before["students"]} == {"ana": 1, "ben": 1, "cy": 1}

    result = invoke("results", str(tmp_path / "in"), "--json", "--accept", f"district={DETAIL}")
    assert result.exit_code == 0, result.output
    text = decks.read_text(encoding="utf-8")
    assert text == DECK.replace(
        "      - Guba  # the older spelling\n",
        f"      - Guba  # the older spelling\n      - '{DETAIL}'\n",
    )  # one line added, every comment where it was
    after = json.loads(result.stdout)
    # Both students who wrote it (in any case) now score it; the other still waits.
    assert {s["name"]: s["score"] for s in after["students"]} == {"ana": 2, "ben": 2, "cy": 1}
    item = next(i for i in after["items"] if i["card"] == "geo/district")
    assert item["to_check"] == [{"answer": "Quba (where the Red Village is)", "count": 1}]
    # From now on the deck itself accepts it, for every later quiz and study session.
    assert answer_of(quiz(tmp_path, "dee", DETAIL, "Baku"), "geo/district")["verdict"] == "right"


def test_accept_alone_goes_through_the_answers_to_check(tmp_path: Path, decks: Path) -> None:
    quiz(tmp_path, "ana", DETAIL, "Baku")
    quiz(tmp_path, "cy", "Quba (where the Red Village is)", "Baku")
    result = invoke("results", str(tmp_path / "in"), "--accept", input="n\ny\n")
    assert result.exit_code == 0, result.output
    assert "accept 'Quba, in the north of the country' (1 student)?" in result.output
    text = decks.read_text(encoding="utf-8")
    assert "- Quba (where the Red Village is)" in text and DETAIL not in text


def test_accept_with_no_card_or_no_text_says_how(tmp_path: Path, decks: Path) -> None:
    quiz(tmp_path, "ana", DETAIL, "Baku")
    folder = str(tmp_path / "in")
    unknown = invoke("results", folder, "--accept", "nowhere=Quba")
    assert unknown.exit_code != 0 and "no card 'nowhere'" in unknown.output
    shapeless = invoke("results", folder, "--accept", "Quba")
    assert shapeless.exit_code != 0 and "write it as CARD=TEXT" in shapeless.output
    assert "Traceback" not in unknown.output + shapeless.output
    assert decks.read_text(encoding="utf-8") == DECK


# -- feedback says why ------------------------------------------------------------------------


def test_every_kind_of_reason_has_words_for_the_student() -> None:
    from tiesquiz.grading import NOTE_KINDS
    from tiesquiz.ui.verdict import NOTE_LINES

    assert set(NOTE_LINES) == set(NOTE_KINDS)


@pytest.mark.parametrize(
    ("given", "says"),
    [
        ("Guba", "Accepted as “Guba”, another accepted form"),
        ("the Quba district", "Not needed, and left aside: “the district”."),
        ("Qubas", "Accepted: “Qubas” is another form of the answer's word."),
        ("Ganja", None),  # another thing: the answer shown below says it all
        ("probably Quba", "“probably” makes the answer unsure"),
        ("not Quba", "“not” says it is not so."),
        ("Quba or Baku", "A second answer was given with it: “Baku”."),
        ("Quba Baku", "“Baku” names something else."),
        (DETAIL, "you added “in the north of the country”"),
    ],
)
def test_feedback_says_why_whenever_it_is_not_the_answer_word_for_word(
    given: str, says: str | None
) -> None:
    from tiesquiz.deck.model import TypedCard
    from tiesquiz.grading import grade
    from tiesquiz.session.types import Result
    from tiesquiz.ui.verdict import reasons

    card = TypedCard(
        deck="geo",
        id="district",
        question="In which Azerbaijani district is the Red Village?",
        answer="Quba",
        accept=("Guba",),
    )
    lines = reasons(Result(card, grade(card, given)))
    if says is None:
        assert not lines
    else:
        assert any(says in line for line in lines), lines


def test_accept_for_a_cloze_card_says_where_to_add_the_form(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "decks"
    folder.mkdir()
    monkeypatch.setenv("TIESQUIZ_DECKS", str(folder))
    deck = folder / "c.yaml"
    text = (
        "deck: c\ntitle: C\ncards:\n"
        "  - id: gap\n    type: cloze\n    question: The {{Red Village}} is old.\n"
        "    explanation: E\n    source: S\n"
    )
    deck.write_text(text, encoding="utf-8")
    result = invoke("results", "--deck", "c", str(tmp_path), "--accept", "gap=the red town")
    assert result.exit_code != 0 and "Traceback" not in result.output
    assert "c.yaml:4: c/gap is a cloze card: add the form inside its gap by hand" in result.output
    assert deck.read_text(encoding="utf-8") == text
