"""Exports of the report decks: Anki (imported into the real Anki engine), GIFT, CSV, Markdown."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from helpers.paths import REPORT_DECKS
from tiesquiz.cli import cli
from tiesquiz.deck.model import (
    ChoiceCard,
    ClozeCard,
    Deck,
    FlashCard,
    MatchCard,
    MultiCard,
    OrderCard,
    TrueFalseCard,
    TypedCard,
)
from tiesquiz.deck.reading import read_deck_file
from tiesquiz.export.gift import escape

DECKS: list[Deck] = [read_deck_file(p).deck for p in sorted(REPORT_DECKS.glob("*.yaml"))]  # type: ignore[misc]
IDS = [d.id for d in DECKS]
CARDS = [c for d in DECKS for c in d.cards]


def export(fmt: str, path: Path) -> None:
    result = CliRunner().invoke(cli, ["export", *IDS, "--to", fmt, "-o", str(path)])
    assert result.exit_code == 0, result.output
    assert f"Exported {len(CARDS)} cards from {len(DECKS)} decks" in result.output


# -- Anki ------------------------------------------------------------------------------------------


def import_into_anki(collection_path: Path, apkg: Path):
    from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest

    col = Collection(str(collection_path))
    try:
        col.import_anki_package(
            ImportAnkiPackageRequest(
                package_path=str(apkg),
                options=ImportAnkiPackageOptions(with_scheduling=False, merge_notetypes=True),
            )
        )
        notes = [col.get_note(nid) for nid in col.find_notes("")]
        return [
            (n.guid, n.note_type()["name"], list(n.fields), list(n.tags)) for n in notes
        ], col.card_count()
    finally:
        col.close()


def test_apkg_imports_into_anki_with_one_note_per_card(tmp_path: Path) -> None:
    pytest.importorskip("anki")
    apkg = tmp_path / "report.apkg"
    export("anki", apkg)
    notes, cards = import_into_anki(tmp_path / "collection.anki2", apkg)
    assert len(notes) == len(CARDS)
    by_type: dict[str, int] = {}
    for card in CARDS:
        by_type[card.type] = by_type.get(card.type, 0) + 1
    names = [n[1] for n in notes]
    assert names.count("tiesquiz Cloze") == by_type["cloze"]
    assert names.count("tiesquiz Type in the answer") == by_type["typed"]
    assert names.count("tiesquiz Basic") == len(CARDS) - by_type["cloze"] - by_type["typed"]
    # Cloze gaps became Anki cloze deletions: one Anki card per gap.
    gaps = sum(len(c.gaps) for c in CARDS if isinstance(c, ClozeCard))
    assert cards == len(CARDS) - by_type["cloze"] + gaps
    texts = {n[2][0] for n in notes}
    for card in (c for c in CARDS if isinstance(c, ClozeCard)):
        deletions = [f"{{{{c{i}::{gap[0]}}}}}" for i, gap in enumerate(card.gaps, 1)]
        note = [t for t in texts if deletions[0] in t]
        assert len(note) == 1, card.key  # one note per cloze card, with every gap in order
        places = [note[0].find(d) for d in deletions]
        assert -1 not in places and places == sorted(places), card.key
    assert any("{{c1::first}}" in t and "{{c2::school curriculum}}" in t for t in texts)
    assert all(any(tag.startswith("tiesquiz::") for tag in n[3]) for n in notes)


def test_reimporting_an_updated_export_updates_instead_of_duplicating(tmp_path: Path) -> None:
    pytest.importorskip("anki")
    from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest

    from tiesquiz.export.anki import write_apkg

    first = tmp_path / "a.apkg"
    write_apkg(DECKS, first, timestamp=1_790_000_000)
    col_path = tmp_path / "c.anki2"
    import_into_anki(col_path, first)
    edited = Deck(
        id=DECKS[0].id,
        title=DECKS[0].title,
        path=DECKS[0].path,
        cards=tuple(
            TypedCard(deck=c.deck, id=c.id, question=c.question + " (edited)", answer=c.answer)
            if isinstance(c, TypedCard)
            else c
            for c in DECKS[0].cards
        ),
    )
    second = tmp_path / "b.apkg"
    write_apkg([edited, *DECKS[1:]], second, timestamp=1_790_000_100)  # exported later
    col = Collection(str(col_path))
    try:
        col.import_anki_package(
            ImportAnkiPackageRequest(
                package_path=str(second),
                options=ImportAnkiPackageOptions(
                    merge_notetypes=True
                ),  # Anki's defaults: update if newer
            )
        )
        assert col.note_count() == len(CARDS)  # updated, not duplicated
        fronts = [col.get_note(n).fields[0] for n in col.find_notes("")]
        edited_count = sum(f.endswith("(edited)") for f in fronts)
        assert edited_count == sum(isinstance(c, TypedCard) for c in DECKS[0].cards) > 0
    finally:
        col.close()


def test_anki_guids_are_stable() -> None:
    from tiesquiz.export.anki import note_for

    assert note_for(CARDS[0]).guid == note_for(CARDS[0]).guid
    assert len({note_for(c).guid for c in CARDS}) == len(CARDS)


# -- GIFT ------------------------------------------------------------------------------------------


def unescape(text: str) -> str:
    return re.sub(r"\\(.)", lambda m: "\n" if m[1] == "n" else m[1], text)


def split_unescaped(text: str, marks: str) -> list[tuple[str, str]]:
    """Split an answer block at unescaped mark characters: [(mark, text)]."""
    parts: list[tuple[str, str]] = []
    current, mark, i = "", "", 0
    while i < len(text):
        ch = text[i]
        if ch == "\\" and i + 1 < len(text):
            current += text[i : i + 2]
            i += 2
            continue
        if ch in marks:
            if mark or current.strip():
                parts.append((mark, current.strip()))
            current, mark = "", ch
        else:
            current += ch
        i += 1
    parts.append((mark, current.strip()))
    return [p for p in parts if p[0] or p[1]]


def parse_gift(text: str) -> dict[str, tuple[str, str]]:
    """A small GIFT reader for the test: title -> (question text, answer block)."""
    questions = {}
    for block in text.split("\n\n"):
        block = block.strip()
        if not block or block.startswith("$CATEGORY"):
            continue
        m = re.match(r"::((?:\\.|[^:\\])*)::(.*)$", block, re.S)
        assert m, block
        body = m[2]
        depth, start, end = 0, None, None
        i = 0
        while i < len(body):
            if body[i] == "\\":
                i += 2
                continue
            if body[i] == "{":
                start = i
            elif body[i] == "}":
                end = i
            i += 1
        assert start is not None and end is not None and depth == 0
        questions[unescape(m[1])] = (
            unescape(body[:start] + "___" + body[end + 1 :]),
            body[start + 1 : end],
        )
    return questions


def gift_answers(card, block: str) -> object:
    answers = (
        block.split("####")[0]
        if "####" in block and not block.startswith("####")
        else ("" if block.startswith("####") else block)
    )
    answers = re.split(r"(?<!\\)####", block)[0]
    if isinstance(card, TrueFalseCard):
        return answers.strip() == "TRUE"
    if isinstance(card, TypedCard) and card.numeric:
        value, tol = answers.strip().lstrip("#").split(":")
        return (value, float(tol))
    parts = split_unescaped(answers, "=~")
    if isinstance(card, MatchCard | OrderCard):
        pairs = [
            tuple(unescape(x).strip() for x in re.split(r"(?<!\\)->", t, maxsplit=1))
            for _, t in parts
        ]
        return pairs
    return [(mark, unescape(t)) for mark, t in parts]


def test_gift_has_one_question_per_card_and_round_trips_answers(tmp_path: Path) -> None:
    path = tmp_path / "report.gift"
    export("gift", path)
    questions = parse_gift(path.read_text(encoding="utf-8"))
    assert len(questions) == len(CARDS)
    for card in CARDS:
        text, block = questions[card.key]
        got = gift_answers(card, block)
        if isinstance(card, ChoiceCard):
            assert got == [("=", card.answer), *(("~", d) for d in card.distractors)]
        elif isinstance(card, MultiCard):
            right = {re.sub(r"^%[-\d.]+%", "", t) for m, t in got if not t.startswith("%-")}  # type: ignore[union-attr]
            wrong = {re.sub(r"^%[-\d.]+%", "", t) for m, t in got if t.startswith("%-")}  # type: ignore[union-attr]
            assert right == set(card.answers) and wrong == set(card.distractors)
        elif isinstance(card, TrueFalseCard):
            assert got is card.answer
        elif isinstance(card, TypedCard):
            if card.numeric:
                assert got == (card.answer, card.tolerance or 0.0)
            else:
                assert got == [("=", a) for a in (card.answer, *card.accept)]
        elif isinstance(card, MatchCard):
            assert got == [tuple(p) for p in card.pairs]
        elif isinstance(card, OrderCard):
            assert got == [(item, str(i)) for i, item in enumerate(card.items, 1)]
        elif isinstance(card, ClozeCard):
            assert got == [("=", o) for o in card.gaps[0]]
            assert "___" in text
        else:
            assert isinstance(card, FlashCard)
            assert card.answer.replace(":", "") in unescape(block).replace(":", "")
        if card.explanation and not isinstance(card, FlashCard):
            assert unescape(block.split("####", 1)[1]).startswith(card.explanation)


@pytest.mark.parametrize(
    "text", ["a ~ b", "x = y", "#1", "{braces}", "key: value", "back\\slash", "two\nlines"]
)
def test_gift_escaping_round_trips(text: str) -> None:
    assert unescape(escape(text)) == text
    assert not re.search(r"(?<!\\)[~=#{}:]", escape(text).replace("\\\\", ""))


# -- CSV and Markdown ------------------------------------------------------------------------------


def test_csv_one_row_per_card(tmp_path: Path) -> None:
    path = tmp_path / "report.csv"
    export("csv", path)
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == len(CARDS)
    assert [r["id"] for r in rows] == [c.id for c in CARDS]
    assert rows[0]["question"] == CARDS[0].question


def test_markdown_worksheet_and_key_match(tmp_path: Path) -> None:
    path = tmp_path / "sheet.md"
    export("markdown", path)
    sheet = path.read_text(encoding="utf-8")
    key = (tmp_path / "sheet-answers.md").read_text(encoding="utf-8")
    numbers = re.findall(r"^\*\*(\d+)\.\*\*", sheet, re.M)
    key_numbers = re.findall(r"^\*\*(\d+)\.\*\*", key, re.M)
    assert numbers == key_numbers == [str(i) for i in range(1, len(CARDS) + 1)]
    answers = dict(re.findall(r"^\*\*(\d+)\.\*\* (.*)$", key, re.M))
    for i, card in enumerate(CARDS, 1):
        if isinstance(card, ChoiceCard | TypedCard | TrueFalseCard | FlashCard):
            assert answers[str(i)].replace("\\", "") == card.answer_text()
    # The worksheet shows no answers: a cloze gap is blank, a typed answer is not printed.
    assert "{{" not in sheet
    typed = next(c for c in CARDS if isinstance(c, TypedCard) and c.id == "red-village-city")
    block = sheet.split(typed.question)[1].split("**")[0]
    assert "Quba" not in block


def test_export_needs_an_existing_folder(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli, ["export", "economy", "--to", "csv", "-o", str(tmp_path / "no" / "x.csv")]
    )
    assert result.exit_code == 1 and "does not exist" in result.output


def test_deck_tags_go_into_anki_notes() -> None:
    from tiesquiz.export.anki import build_package

    deck = DECKS[0]
    assert deck.tags  # the report decks have deck-level tags
    notes = [n for d in build_package([deck]).decks for n in d.notes]
    assert len(notes) == len(deck.cards)
    for note in notes:
        assert {t.replace(" ", "_") for t in deck.tags} <= set(note.tags)
        assert f"tiesquiz::{deck.id}" in note.tags


def test_the_markdown_key_renders_answer_and_explanation_as_written(tmp_path: Path) -> None:
    """Rendered by a CommonMark renderer, each answer is its own paragraph with its explanation
    apart from it, and markup characters in the text come out as typed."""
    from markdown_it import MarkdownIt

    from tiesquiz.export.markdown import to_markdown

    card = FlashCard(
        deck="d",
        id="a",
        question="Q?",
        answer="2 * 3 = 6 and a_b_c [x] <b>",
        explanation="Because *stars* and #hashes stay.\nA second line.",
    )
    _, key = to_markdown([Deck(id="d", title="D", path=tmp_path, cards=(card,))])
    html = MarkdownIt("commonmark").render(key)
    assert "<p><strong>1.</strong> 2 * 3 = 6 and a_b_c [x] &lt;b&gt;</p>" in html
    assert "<blockquote>\n<p>Because *stars* and #hashes stay.<br />\nA second line.</p>" in html


def test_gift_select_all_weights_are_what_the_readme_says(tmp_path: Path) -> None:
    from tiesquiz.export.gift import question

    readme = (REPORT_DECKS.parent / "README.md").read_text(encoding="utf-8")
    assert "select-all (weights: right answers share +100%, wrong ones share −100%" in readme
    card = MultiCard(
        deck="d", id="m", question="Q?", answers=("A", "B"), distractors=("C", "D", "E")
    )
    text = question(card)
    assert text.count("~%50%") == 2 and text.count("~%-33.33333%") == 3


# -- GIFT read back by an independent parser (pygiftparser, which parses weights, matching pairs
# and format tags as Moodle's format.php does) ----------------------------------------------------

HOSTILE_GIFT = """\
deck: hostile
title: Hostile
cards:
  - {id: c, type: choice, question: Where?, answer: Quba, distractors: ['%100%Baku', '%-50%Ganja']}
  - {id: m, type: match, question: Match., answer: {'a -> b': 'c', 'd': 'e -> f'}}
  - {id: f, type: truefalse, question: '[html]<b>bold</b> is text', answer: true}
  - {id: t, type: typed, question: Say it., answer: '[markdown]*x*', accept: ['%50%y']}
"""


def test_gift_carries_no_weight_pair_or_format_tag_from_deck_text(tmp_path: Path) -> None:
    pygift = pytest.importorskip("pygiftparser.parser")
    from tiesquiz.export.gift import ZWSP, to_gift

    path = tmp_path / "h.yaml"
    path.write_text(HOSTILE_GIFT, encoding="utf-8")
    deck = read_deck_file(path).deck
    assert deck is not None
    import io

    questions = {q.title: q for q in pygift.parseFile(io.StringIO(to_gift([deck])))}

    def plain(text: str) -> str:
        return text.replace(ZWSP, "").strip()

    choice = {plain(a.answer): float(a.fraction) for a in questions["hostile/c"].answers.answers}
    assert choice == {"Quba": 100.0, "%100%Baku": 0.0, "%-50%Ganja": 0.0}
    pairs = [(plain(a.question), plain(a.answer)) for a in questions["hostile/m"].answers.answers]
    assert pairs == [("a -> b", "c"), ("d", "e -> f")]
    tf = questions["hostile/f"]
    assert plain(tf.text).startswith("[html]<b>bold</b>") and tf.markup != "html"
    typed = [(plain(a.answer), float(a.fraction)) for a in questions["hostile/t"].answers.answers]
    assert typed == [("[markdown]*x*", 100.0), ("%50%y", 100.0)]


# -- the formats' table ------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["anki", "gift", "csv", "markdown"])
def test_each_format_writes_exactly_the_files_it_names(tmp_path: Path, fmt: str) -> None:
    """``export --to`` lists the files it will write before writing them: they must agree."""
    from tiesquiz.export import FORMATS, export_paths
    from tiesquiz.export import export as write

    assert fmt in FORMATS
    (tmp_path / "out").mkdir()
    path = tmp_path / "out" / f"out.{fmt}"
    written = write(DECKS[:1], fmt, path)
    assert written == export_paths(fmt, path)
    assert sorted(p.name for p in path.parent.iterdir()) == sorted(p.name for p in written)
    assert all(p.stat().st_size > 0 for p in written)


def test_an_unknown_format_is_refused() -> None:
    from tiesquiz.export import export_paths

    with pytest.raises(ValueError, match="unknown export format 'pdf'"):
        export_paths("pdf", Path("x.pdf"))
