"""`tiesquiz import` (CSV, TSV, Anki plain text) and `tiesquiz new`."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from helpers.cli import clean_error, invoke
from helpers.paths import REPORT_DECKS
from tiesquiz.deck.lint import lint_paths
from tiesquiz.deck.model import CARD_TYPES
from tiesquiz.deck.reading import read_deck_file


def comparable(card):
    """A card without what a round trip may legitimately change (the deck it belongs to, its line)."""
    return dataclasses.replace(card, deck="x", line=0, col=0)


@pytest.mark.parametrize("deck_file", sorted(REPORT_DECKS.glob("*.yaml")), ids=lambda p: p.stem)
def test_csv_round_trip_gives_the_same_cards(tmp_path: Path, deck_file: Path) -> None:
    original = read_deck_file(deck_file).deck
    assert original is not None
    sheet = tmp_path / "deck.csv"
    assert invoke("export", str(deck_file), "--to", "csv", "-o", str(sheet)).exit_code == 0
    out = tmp_path / "again.yaml"
    result = invoke("import", str(sheet), "-o", str(out), "--deck", "again")
    assert result.exit_code == 0, result.output
    assert invoke("lint", "--strict", str(out)).exit_code == 0
    back = read_deck_file(out).deck
    assert back is not None
    assert [comparable(c) for c in back.cards] == [comparable(c) for c in original.cards]


def test_tsv_with_generated_stable_ids(tmp_path: Path) -> None:
    sheet = tmp_path / "sheet.tsv"
    sheet.write_text(
        "question\tanswer\ttype\tchoices\texplanation\ttags\n"
        "Where is the Red Village?\tQuba\tchoice\tBaku | Jerusalem\tIn Quba.\tplaces, religion\n"
        "The Red Village is in Quba.\ttrue\t\t\tIt is.\t\n"
        "Who founded the Simon Wiesenthal Center?\tMarvin Hier\t\t\t\t\n",
        encoding="utf-8",
    )
    out1, out2 = tmp_path / "a.yaml", tmp_path / "b.yaml"
    assert invoke("import", str(sheet), "-o", str(out1)).exit_code == 0
    assert invoke("import", str(sheet), "-o", str(out2), "--deck", "a").exit_code == 0
    one, two = read_deck_file(out1).deck, read_deck_file(out2).deck
    assert one is not None and two is not None
    assert [c.id for c in one.cards] == [c.id for c in two.cards]  # same input, same ids
    assert [c.type for c in one.cards] == ["choice", "truefalse", "flashcard"]
    assert one.cards[0].tags == ("places", "religion")
    assert lint_paths([out1]).errors == []
    assert out1.read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=")


def test_anki_plain_text_export(tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text(
        "#separator:tab\n#html:true\n#tags column:3\n"
        "Where is the <b>Red Village</b>?\tQuba<br>in Azerbaijan\tplaces\n"
        "The village lies in {{c1::Quba}}.\tPara 6\tplaces cloze\n",
        encoding="utf-8",
    )
    out = tmp_path / "anki.yaml"
    result = invoke("import", str(notes), "-o", str(out))
    assert result.exit_code == 0, result.output
    deck = read_deck_file(out).deck
    assert deck is not None
    flash, cloze = deck.cards
    assert flash.type == "flashcard" and flash.question == "Where is the Red Village?"
    assert flash.answer_text() == "Quba\nin Azerbaijan"
    assert cloze.type == "cloze" and cloze.question == "The village lies in {{Quba}}."
    assert cloze.tags == ("places", "cloze")


def test_problems_name_the_input_line(tmp_path: Path) -> None:
    sheet = tmp_path / "bad.csv"
    sheet.write_text(
        "question,answer,type\nQ1,A1,typed\n,A2,typed\nQ3,maybe,truefalse\nQ4,x,essay\n",
        encoding="utf-8",
    )
    out = tmp_path / "bad.yaml"
    result = invoke("import", str(sheet), "-o", str(out))
    assert result.exit_code == 1
    assert f"{sheet}:3: no question" in result.output
    assert f"{sheet}:4: a truefalse answer must be true or false" in result.output
    assert f"{sheet}:5: unknown type 'essay'" in result.output
    assert not out.exists()


def test_import_refuses_to_overwrite(tmp_path: Path) -> None:
    sheet = tmp_path / "s.csv"
    sheet.write_text("question,answer\nQ,A\n", encoding="utf-8")
    out = tmp_path / "s.yaml"
    out.write_text("keep me", encoding="utf-8")
    result = invoke("import", str(sheet), "-o", str(out))
    assert result.exit_code == 1 and "--force" in result.output
    assert out.read_text(encoding="utf-8") == "keep me"


def test_new_writes_a_starter_with_every_type(tmp_path: Path) -> None:
    target = tmp_path / "my-deck.yaml"
    result = invoke("new", "my-deck", "-o", str(target))
    assert result.exit_code == 0, result.output
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=")
    schema = Path(text.splitlines()[0].split("=", 1)[1])
    assert schema.is_file()
    report = lint_paths([target])
    assert report.problems == []
    deck = read_deck_file(target).deck
    assert deck is not None and deck.id == "my-deck"
    assert sorted(c.type for c in deck.cards) == sorted(CARD_TYPES)
    again = invoke("new", "my-deck", "-o", str(target))
    assert again.exit_code == 1 and "already exists" in again.output
    assert invoke("new", "Bad Id").exit_code == 1


def test_new_without_o_writes_into_decks_and_study_finds_it() -> None:
    result = invoke("new", "my-deck")
    assert result.exit_code == 0, result.output
    assert Path("decks/my-deck.yaml").is_file()
    assert "Then study it with: tiesquiz study my-deck" in result.output
    study = invoke("study", "my-deck", "--plain", "--limit", "1", input="\n3\n")
    assert study.exit_code == 0 and "Studied 1 card" in study.output, study.output


@pytest.mark.parametrize("delimiter", [";", ",", "\t"])
def test_import_detects_the_delimiter(tmp_path: Path, delimiter: str) -> None:
    sheet = tmp_path / "sheet.csv"
    rows = [
        ["question", "answer", "choices"],
        ["Where is the Red Village?", "Quba", "Baku | Ganja"],
    ]
    sheet.write_text("\n".join(delimiter.join(r) for r in rows) + "\n", encoding="utf-8")
    out = tmp_path / "d.yaml"
    result = invoke("import", str(sheet), "-o", str(out))
    assert result.exit_code == 0, result.output
    (card,) = read_deck_file(out).deck.cards  # type: ignore[union-attr]
    assert (card.type, card.answer_text()) == ("choice", "Quba")


def test_csv_export_carries_the_deck_id_title_and_tags_back(tmp_path: Path) -> None:
    sheet = tmp_path / "economy.csv"
    assert invoke("export", "economy", "--to", "csv", "-o", str(sheet)).exit_code == 0
    out = tmp_path / "back.yaml"
    assert invoke("import", str(sheet), "-o", str(out)).exit_code == 0
    back = read_deck_file(out).deck
    original = read_deck_file(REPORT_DECKS / "economy.yaml").deck
    assert back is not None and original is not None
    assert (back.id, back.title, back.tags) == (original.id, original.title, original.tags)


def test_export_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    sheet = tmp_path / "w.md"
    key = tmp_path / "w-answers.md"
    key.write_text("the teacher's key", encoding="utf-8")
    refused = invoke("export", "economy", "--to", "markdown", "-o", str(sheet))
    assert refused.exit_code == 1 and "w-answers.md already exists; add --force" in refused.output
    assert key.read_text(encoding="utf-8") == "the teacher's key" and not sheet.exists()
    forced = invoke("export", "economy", "--to", "markdown", "-o", str(sheet), "--force")
    assert forced.exit_code == 0 and key.read_text(encoding="utf-8") != "the teacher's key"


SHEET_V1 = (
    "question,answer,type,explanation,source\n"
    "In which city is the Red Village?,Quba,typed,E,S\n"
    "Who founded the Simon Wiesenthal Center?,Marvin Hier,typed,E,S\n"
    "About how many people of Azerbaijani origin live in Israel?,70000,typed,E,S\n"
)
SHEET_V2 = (
    "question,answer,type,explanation,source\n"
    "Which Azerbaijani city is home to the historic Red Village?,Quba,typed,E,S\n"
    "About how many people of Azerbaijani origin live in Israel?,70000,typed,E,S\n"
    "Which section restricts US aid to Azerbaijan?,Section 907,typed,E,S\n"
    "Who founded the Wiesenthal Center in the report?,Eli Abadi,typed,E,S\n"
)


def test_import_says_when_it_makes_ids_from_the_questions(tmp_path: Path) -> None:
    sheet = tmp_path / "v1.csv"
    sheet.write_text(SHEET_V1, encoding="utf-8")
    result = invoke("import", str(sheet), "-o", str(tmp_path / "d.yaml"))
    assert result.exit_code == 0, result.output
    assert "3 rows had no id, so their ids were made from the question text" in result.output


def test_reimport_keeps_the_id_of_a_reworded_card(tmp_path: Path) -> None:
    deck = tmp_path / "d.yaml"
    (tmp_path / "v1.csv").write_text(SHEET_V1, encoding="utf-8")
    (tmp_path / "v2.csv").write_text(SHEET_V2, encoding="utf-8")
    assert invoke("import", str(tmp_path / "v1.csv"), "-o", str(deck)).exit_code == 0
    before = {c.answer_text(): c.id for c in read_deck_file(deck).deck.cards}  # type: ignore[union-attr]

    result = invoke("import", str(tmp_path / "v2.csv"), "-o", str(deck), "--force")
    assert result.exit_code == 0, result.output
    after = {c.answer_text(): c.id for c in read_deck_file(deck).deck.cards}  # type: ignore[union-attr]

    assert after["Quba"] == before["Quba"]  # reworded, same answer: the same card
    assert after["70000"] == before["70000"]  # unchanged
    assert after["Section 907"] not in before.values()  # new
    # A similar question with another answer is another card: Hier's card is removed.
    assert after["Eli Abadi"] != before["Marvin Hier"]
    assert "Kept the ids (and so the progress) of 2 cards; 2 new, 1 removed." in result.output
    assert f"{before['Quba']}: kept for the reworded question" in result.output
    assert f"removed: {before['Marvin Hier']}" in result.output


def test_reimport_keeps_ids_the_sheet_names(tmp_path: Path) -> None:
    deck = tmp_path / "d.yaml"
    sheet = tmp_path / "s.csv"
    sheet.write_text("id,question,answer\nq1,Where?,Quba\n", encoding="utf-8")
    assert invoke("import", str(sheet), "-o", str(deck)).exit_code == 0
    sheet.write_text("id,question,answer\nq1,Where is it?,Baku\n", encoding="utf-8")
    result = invoke("import", str(sheet), "-o", str(deck), "--force")
    assert result.exit_code == 0, result.output
    assert [c.id for c in read_deck_file(deck).deck.cards] == ["q1"]  # type: ignore[union-attr]
    assert "Kept the ids (and so the progress) of 1 card; 0 new, 0 removed." in result.output


def test_import_refuses_a_sheet_with_problems_and_writes_nothing(tmp_path: Path) -> None:
    sheet = tmp_path / "s.csv"
    sheet.write_text("question,answer,type\nWhere?,Quba,bogus\n,x,\n", encoding="utf-8")
    out = tmp_path / "d.yaml"
    message = clean_error(invoke("import", str(sheet), "-o", str(out)))
    assert "nothing was written; fix these lines first:" in message
    assert f"{sheet}:2: unknown type 'bogus'" in message
    assert f"{sheet}:3: no question" in message
    assert not out.exists()


def test_import_refuses_a_sheet_without_cards(tmp_path: Path) -> None:
    sheet = tmp_path / "s.csv"
    sheet.write_text("question,answer\n", encoding="utf-8")
    out = tmp_path / "d.yaml"
    assert f"{sheet}: no cards found" in clean_error(invoke("import", str(sheet), "-o", str(out)))
    assert not out.exists()


def test_import_refuses_a_deck_that_would_not_pass_lint(tmp_path: Path) -> None:
    sheet = tmp_path / "s.csv"
    sheet.write_text("question,answer,type\nWhere?,Quba,choice\n", encoding="utf-8")
    out = tmp_path / "d.yaml"
    message = clean_error(invoke("import", str(sheet), "-o", str(out)))
    assert f"{out} was not written: the deck made from {sheet} would not pass lint:" in message
    assert "'distractors' needs at least 1 item, has 0" in message
    assert not out.exists()


def test_import_over_a_file_that_is_not_a_deck_carries_no_ids(tmp_path: Path) -> None:
    sheet = tmp_path / "s.csv"
    sheet.write_text("question,answer\nWhere?,Quba\n", encoding="utf-8")
    out = tmp_path / "old.yaml"
    out.write_text("not: [a deck\n", encoding="utf-8")
    result = invoke("import", str(sheet), "-o", str(out), "--force")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        f"Imported 1 cards into {out} (deck old).",
        f"{out} could not be read as a deck, so no card ids were carried over.",
    ]
    assert read_deck_file(out).deck is not None


def test_import_with_the_sheets_ids_says_nothing_more(tmp_path: Path) -> None:
    sheet = tmp_path / "s.csv"
    sheet.write_text("id,question,answer\nq1,Where?,Quba\n", encoding="utf-8")
    out = tmp_path / "d.yaml"
    result = invoke("import", str(sheet), "-o", str(out), "--title", "Places")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [f"Imported 1 cards into {out} (deck d)."]
    deck = read_deck_file(out).deck
    assert deck is not None and deck.title == "Places" and deck.id == "d"


def test_the_import_use_case_runs_without_the_command_line(tmp_path: Path) -> None:
    """The library makes the deck and its checked text; only writing it is left to the caller."""
    from tiesquiz.importer import sheet_deck
    from tiesquiz.reimport import deck_file

    sheet, out = tmp_path / "v1.csv", tmp_path / "places.yaml"
    sheet.write_text(SHEET_V1, encoding="utf-8")
    made = sheet_deck(sheet, out)
    assert made.id == "places" and made.data["title"] == "places" and len(made.cards) == 3
    assert made.made_ids == {card["id"] for card in made.cards}
    first = deck_file(made.data, made.made_ids, sheet, out)
    assert first.carried is None and not first.unreadable and not out.exists()
    out.write_text(first.text, encoding="utf-8")

    sheet.write_text(SHEET_V2, encoding="utf-8")
    again = sheet_deck(sheet, out, deck_id="places", title="Places")
    second = deck_file(again.data, again.made_ids, sheet, out, again.named)
    assert second.carried is not None and len(second.carried.matched) == 1
    deck = read_deck_file(out).deck
    assert deck is not None
    old_ids = {card.id for card in deck.cards}
    assert len(old_ids & {card["id"] for card in again.cards}) == 2  # kept and matched
    assert "title: Places" in second.text


@pytest.mark.parametrize(
    ("row", "problem"),
    [
        ({"question": "Q", "type": "truefalse", "answer": "maybe"}, "must be true or false"),
        ({"question": "Q", "type": "typed", "answer": "3", "tolerance": "x"}, "tolerance 'x'"),
        ({"question": "Q", "type": "match", "answer": "a => b | c"}, "write match pairs as"),
        ({"question": "{{a}} b", "any_order": "nonsense"}, "any_order is true or gap numbers"),
        ({"question": "Q", "type": "essay"}, "unknown type 'essay'"),
        ({"question": " ", "answer": "A"}, "no question"),
    ],
)
def test_a_row_that_cannot_be_a_card_names_its_line(row: dict[str, str], problem: str) -> None:
    from tiesquiz.importer import row_to_card

    card, said = row_to_card(row, 7, set())
    assert card is None and said is not None
    assert said.startswith("line 7: ") and problem in said


def test_rows_become_cards_of_the_type_they_hold() -> None:
    from tiesquiz.importer import row_to_card

    taken: set[str] = set()
    made: set[str] = set()
    rows = [
        {"question": "The {{Quba}} village", "any_order": "true"},
        {"question": "Where?", "answer": "Quba", "choices": "Baku | Ganja", "tags": "a, b"},
        {"question": "How far?", "type": "typed", "answer": "1,200", "tolerance": "5"},
        {"question": "Pair", "type": "match", "answer": "a => b | c => d", "hint": "h"},
    ]
    cards = []
    for i, row in enumerate(rows):
        card, problem = row_to_card(row, i, taken, made)
        assert card is not None, problem
        cards.append(card)
    assert [c["type"] for c in cards] == ["cloze", "choice", "typed", "match"]
    assert cards[0]["any_order"] is True
    assert list(cards[1].items())[1:] == [
        ("type", "choice"),
        ("question", "Where?"),
        ("answer", "Quba"),
        ("distractors", ["Baku", "Ganja"]),
        ("tags", ["a", "b"]),
    ]
    assert (cards[2]["answer"], cards[2]["tolerance"]) == (1200, 5)
    assert (cards[3]["answer"], cards[3]["hint"]) == ({"a": "b", "c": "d"}, "h")
    assert made == taken == {c["id"] for c in cards}
    again, problem = row_to_card({"id": cards[1]["id"], "question": "Q"}, 9, taken)
    assert again is None and problem == f"line 9: the id {cards[1]['id']!r} is used twice"


def test_made_ids_never_hold_an_answer(tmp_path: Path) -> None:
    """An id is shown by tools and kept in progress files: made from the question, it must not
    carry a cloze gap, a typed answer (or an accepted form) or a choice's answer."""
    sheet = tmp_path / "s.csv"
    sheet.write_text(
        "type,question,answer,accept,distractors\n"
        "cloze,The {{Louvre}} is the most visited museum of Paris.,,,\n"
        "typed,In which city does the old Quba community live?,Quba,Guba,\n"
        "choice,Which museum holds the Mona Lisa?,Louvre,,Prado|Uffizi\n",
        encoding="utf-8",
    )
    out = tmp_path / "d.yaml"
    assert invoke("import", str(sheet), "-o", str(out), "--deck", "d").exit_code == 0
    deck = read_deck_file(out).deck
    assert deck is not None
    ids = [c.id for c in deck.cards]
    for ident in ids:
        assert not {"louvre", "quba", "guba"} & set(ident.split("-")), ident
    assert ids[0].startswith("the-is-the-most-visited-museum")
    assert ids[1].startswith("in-which-city-does-the-old-commu")  # 32 letters, then a hash
