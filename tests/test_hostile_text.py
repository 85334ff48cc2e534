"""Text from a deck that hides or builds something (issue 26, finding 13): invisible characters
are shown as visible marks on the terminal and flagged by lint (``hidden-characters``); a line
of a question never becomes Markdown structure; HTML stays text in GIFT and in an Anki deck's
name."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest

from helpers.cli import invoke
from tiesquiz.deck.model import Deck, FlashCard
from tiesquiz.deck.reading import read_deck_file
from tiesquiz.safety import safe

#: Each shows nothing, or breaks a line where a terminal does not expect it.
INVISIBLE = {
    "zero width space": "\u200b",
    "zero width non-joiner": "\u200c",
    "zero width joiner": "\u200d",
    "word joiner": "\u2060",
    "byte order mark": "\ufeff",
    "soft hyphen": "\u00ad",
    "line separator": "\u2028",
    "paragraph separator": "\u2029",
    "tag latin small letter a": "\U000e0061",
    "variation selector-17": "\U000e0100",
    "hangul filler": "\u3164",
}


@pytest.mark.parametrize("ch", INVISIBLE.values(), ids=INVISIBLE.keys())
def test_an_invisible_character_is_shown_as_a_visible_mark(ch: str) -> None:
    shown = safe(f"Ba{ch}ku")
    assert ch not in shown and shown == f"Ba<U+{ord(ch):04X}>ku"


def test_joiners_that_shape_a_script_or_an_emoji_are_kept() -> None:
    persian = "می\u200cخواهم"  # the non-joiner is part of how the word is written
    family = "👩\u200d👧"
    assert safe(persian) == persian and safe(family) == family
    assert safe("\u200dBaku") == "<U+200D>Baku"


def test_a_deck_with_hidden_characters_shows_them_and_lint_names_each(tmp_path: Path) -> None:
    deck = tmp_path / "hidden.yaml"
    deck.write_text(
        "deck: hidden\ntitle: Hidden\ncards:\n"
        '  - {id: c, type: choice, question: "Which city?", answer: Baku,'
        ' distractors: ["Ba\\u200bku", Quba], explanation: E, source: S}\n'
        '  - {id: t, type: typed, question: "Where?\\u2028Say it.", answer: Quba,'
        ' accept: ["Guba\\U000E0041"], explanation: E, source: S}\n'
        '  - {id: g, type: cloze, question: "The {{Red\\u00adVillage}}.", explanation: E, source: S}\n'
        '  - {id: m, type: match, question: Match., answer: {Hier: "SWC\\ufeff", A: B},'
        " explanation: E, source: S}\n"
        '  - {id: f, type: flashcard, question: Q?, answer: A, explanation: E, source: S, hint: "\\u2060"}\n'
        '  - {id: p, type: flashcard, question: "می\\u200cخواهم", answer: A, explanation: E, source: S}\n',
        encoding="utf-8",
    )
    shown = invoke("show", str(deck), "--answers")
    assert shown.exit_code == 0, shown.output
    assert not re.search("[\u200b\u2028\u00ad\ufeff\u2060\U000e0041]", shown.output)
    assert "Ba<U+200B>ku" in shown.output and "<U+2028>" in shown.output
    report = json.loads(invoke("lint", "--format", "json", str(deck)).output)
    flagged = {
        p["card"]: p["message"] for p in report["problems"] if p["code"] == "hidden-characters"
    }
    assert set(flagged) == {"c", "t", "g", "m", "f"}  # not the Persian word's joiner
    assert "<U+200B> (zero width space)" in flagged["c"] and "'Baku'" in flagged["c"]
    assert "'distractors'" in flagged["c"] and "'question'" in flagged["g"]
    assert "'accept'" in flagged["t"] or "'question'" in flagged["t"]


# -- Markdown: a question's lines never become structure -------------------------------------------

STRUCTURE = [
    "A heading?\n---",
    "A heading?\n===",
    "Rule\n\n***\n\n- - -",
    "1986. A year\n2) Another",
    "- a list\n+ another\n* a third",
    "> a quote\n>> nested",
    "# hash\n## two",
    "```\nfenced\n```",
    "~~~\nfenced\n~~~",
    "Text\n\n    indented code",
    "<div>html block</div>\n<script>alert(1)</script>",
    "&lt;entity&gt; &amp; &#60;",
    "![image](x.png) [link](http://x) <http://auto>",
    "| a | b |\n|---|---|\n| 1 | 2 |",
    "~~struck~~ *em* __strong__ `code`",
    "[ref]: http://example.com",
    "a line ending in a backslash\\\nnext",
]


def test_no_question_becomes_markdown_structure(tmp_path: Path) -> None:
    """Each of these in a question, an answer, an explanation and a title, rendered by a
    CommonMark renderer (with GFM's tables and strikethrough): only the title's heading, the
    paragraphs (and the key's quotes) and the text as written."""
    from markdown_it import MarkdownIt

    from tiesquiz.export.markdown import to_markdown

    md = MarkdownIt("commonmark", {"html": True}).enable(["strikethrough", "table"])
    for question in STRUCTURE:
        card = FlashCard(deck="d", id="a", question=question, answer=question, explanation=question)
        deck = Deck(id="d", title=f"Title\n{question}", path=tmp_path, cards=(card,))
        sheet, key = to_markdown([deck])
        for page, blocks in (
            (sheet, {"heading", "paragraph"}),
            (key, {"heading", "paragraph", "blockquote"}),
        ):
            tokens = md.parse(page)
            kinds = {t.type.removesuffix("_open").removesuffix("_close") for t in tokens}
            assert kinds <= {*blocks, "inline"}, page
            assert sum(t.type == "heading_open" for t in tokens) == 1, page
            inline = [c for t in tokens if t.type == "inline" for c in t.children or []]
            assert {c.type for c in inline} <= {"text", "hardbreak", "strong_open", "strong_close"}
            text = "".join(c.content for c in inline if c.type == "text").replace("\u00a0", " ")
            for line in question.splitlines():
                assert line.strip() in text, (line, page)


# -- GIFT and Anki: HTML is text -------------------------------------------------------------------

HTML_DECK = """\
deck: html
title: "<b onmouseover=alert(1)>Bold</b> :: & more"
cards:
  - {id: c, type: choice, question: "<script>alert(1)</script> Where?", answer: "<i>Quba</i>",
     distractors: [Baku], explanation: "<img src=x onerror=alert(2)>", source: S}
  - {id: y, type: typed, question: "AT&T's <b>founder</b>?", answer: "A & B", explanation: E,
     source: S}
  - {id: g, type: cloze, question: "The <u>{{Red Village}}</u> is in Quba.", explanation: E,
     source: S}
"""


def _html_deck(tmp_path: Path) -> Deck:
    path = tmp_path / "html.yaml"
    path.write_text(HTML_DECK, encoding="utf-8")
    deck = read_deck_file(path).deck
    assert deck is not None
    return deck


def test_gift_questions_are_plain_text_so_html_is_shown_not_run(tmp_path: Path) -> None:
    pygift = pytest.importorskip("pygiftparser.parser")
    from tiesquiz.export.gift import to_gift

    gift = to_gift([_html_deck(tmp_path)])
    questions = {q.title: q for q in pygift.parseFile(io.StringIO(gift))}
    assert set(questions) == {"html/c", "html/y", "html/g"}
    for q in questions.values():
        assert q.markup == "plain", (q.title, q.markup)  # Moodle's FORMAT_PLAIN: escaped on show
    assert questions["html/c"].text.startswith("<script>")
    typed = [a.answer.strip() for a in questions["html/y"].answers.answers]
    assert typed == ["A & B"]  # matched as typed: no &amp; a student would have to type


def test_an_anki_deck_name_holds_no_tag_and_no_subdeck(tmp_path: Path) -> None:
    from tiesquiz.export.anki import build_package

    [anki_deck] = build_package([_html_deck(tmp_path)]).decks
    name = anki_deck.name
    assert "<" not in name and ">" not in name
    assert name.count("::") == 1 and name.startswith("tiesquiz::")
    assert "‹b onmouseover=alert(1)›Bold‹/b›" in name and "& more" in name
