"""``answers-other-card``: a card's answer printed where a student reads it before that card:
another card's question, explanation or hint, or a deck's title or description (one folder)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from helpers.cli import invoke

ASKS = (
    "  - id: asks\n    type: typed\n    question: In which district is the Red Village?\n"
    "    answer: Quba\n    accept: [Guba]\n    explanation: E.\n    source: S\n"
)


def lint(folder: Path) -> list[dict[str, object]]:
    result = invoke("lint", "--format", "json", str(folder))
    return [p for p in json.loads(result.output)["problems"] if p["code"] == "answers-other-card"]


def deck(folder: Path, name: str, body: str, head: str = "") -> Path:
    path = folder / f"{name}.yaml"
    path.write_text(f"deck: {name}\ntitle: {name.title()}\n{head}cards:\n{body}", encoding="utf-8")
    return path


def other(field: str, text: str) -> str:
    """A flashcard with ``text`` in one field (the others neutral)."""
    fields = {"question": "What do the ties rest on?", "explanation": "E.", "hint": ""}
    fields[field] = text
    hint = f"    hint: {fields['hint']}\n" if fields["hint"] else ""
    return (
        f"  - id: other\n    type: flashcard\n    question: {fields['question']}\n"
        f"    answer: Trust.\n    explanation: {fields['explanation']}\n{hint}    source: S\n"
    )


@pytest.mark.parametrize(
    ("field", "text"),
    [
        ("question", "Why do the synagogues of Quba thrive?"),
        ("explanation", "The synagogues of Quba are protected."),
        ("hint", "Think of Quba."),
    ],
)
def test_an_answer_in_another_cards_text_is_named_at_that_card(
    tmp_path: Path, field: str, text: str
) -> None:
    deck(tmp_path, "d", ASKS + other(field, text))
    [problem] = lint(tmp_path)
    assert problem["card"] == "other" and problem["line"] == 11
    assert f"the {field} of card 'other' prints 'Quba', the answer to card 'asks' (line 4)" in str(
        problem["message"]
    )


@pytest.mark.parametrize(
    ("head", "where"),
    [
        ("description: Life in Quba and around it.\n", "description"),
        ("", "title"),
    ],
)
def test_an_answer_in_a_decks_title_or_description(tmp_path: Path, head: str, where: str) -> None:
    deck(tmp_path, "d", ASKS)
    if where == "title":
        deck(tmp_path, "quba", other("question", "What do the ties rest on?"))  # title "Quba"
    else:
        deck(tmp_path, "e", other("question", "What do the ties rest on?"), head)
    [problem] = lint(tmp_path)
    assert problem["card"] == "deck" and problem["line"] == 1
    assert f"the deck's {where} prints" in str(problem["message"])
    assert "the answer to card 'd/asks'" in str(problem["message"])


@pytest.mark.parametrize(
    "text",
    [
        "The synagogues of QUBA are protected.",  # case
        "The synagogues of Guba are protected.",  # an accepted form
        "The Qubas are many.",  # a plural
    ],
)
def test_the_graders_folding_does_not_hide_it(tmp_path: Path, text: str) -> None:
    deck(tmp_path, "d", ASKS + other("explanation", text))
    assert len(lint(tmp_path)) == 1


def test_curly_apostrophes_do_not_hide_a_name(tmp_path: Path) -> None:
    body = (
        "  - id: who\n    type: typed\n    question: Who spoke of a unique model?\n"
        "    answer: Gideon Sa'ar\n    explanation: E.\n    source: S\n"
    ) + other("explanation", "Gideon Sa’ar said so.")
    deck(tmp_path, "d", body)
    assert len(lint(tmp_path)) == 1


@pytest.mark.parametrize(
    ("card", "printed"),
    [
        (
            "  - id: pick\n    type: choice\n    question: Where is the Red Village?\n"
            "    answer: Quba\n    distractors: [Ganja, Sheki]\n    explanation: E.\n"
            "    source: S\n",
            "Quba",
        ),
        (
            "  - id: pick\n    type: multi\n    question: Which faiths are free?\n"
            "    answer: [Judaism, Christianity]\n    distractors: [Zoroastrianism, Bahaism,"
            " Hinduism]\n    explanation: E.\n    source: S\n",
            "Christianity",
        ),
    ],
    ids=["choice", "select-all"],
)
def test_choice_and_select_all_answers_count_their_wrong_options_do_not(
    tmp_path: Path, card: str, printed: str
) -> None:
    deck(tmp_path, "d", card + other("explanation", f"Then {printed} came up."))
    [problem] = lint(tmp_path)
    assert f"prints '{printed}'" in str(problem["message"])
    deck(tmp_path, "d", card + other("explanation", "Then Ganja and Hinduism came up."))
    assert lint(tmp_path) == []


def test_a_cards_own_explanation_and_other_folders_are_fine(tmp_path: Path) -> None:
    mine = tmp_path / "mine"
    theirs = tmp_path / "theirs"
    mine.mkdir()
    theirs.mkdir()
    deck(mine, "d", ASKS.replace("explanation: E.", "explanation: Quba, in the north."))
    deck(theirs, "e", other("explanation", "The synagogues of Quba are protected."))
    assert lint(mine) == [] and lint(theirs) == []
    result = invoke("lint", "--format", "json", str(mine), str(theirs))
    assert [
        p for p in json.loads(result.output)["problems"] if p["code"] == "answers-other-card"
    ] == []


def test_it_can_be_switched_off_where_it_is_printed(tmp_path: Path) -> None:
    quiet = other("explanation", "The synagogues of Quba are protected.").replace(
        "    type: flashcard\n", "    type: flashcard\n    lint: {ignore: [answers-other-card]}\n"
    )
    deck(tmp_path, "d", ASKS + quiet)
    assert lint(tmp_path) == []
