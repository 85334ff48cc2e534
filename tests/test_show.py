"""`tiesquiz show` renders every card type as a student would see it."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from helpers.paths import FIXTURES
from tiesquiz.cli import cli

DECK = str(FIXTURES / "good" / "all-types.yaml")


def test_show_renders_every_type_without_answers() -> None:
    result = CliRunner().invoke(cli, ["show", DECK])
    assert result.exit_code == 0, result.output
    out = result.output
    for ctype in ("flashcard", "choice", "multi", "truefalse", "typed", "cloze", "order", "match"):
        assert f"[{ctype}]" in out
    assert "The [1]_____ is in [2]_____." in out
    assert ". Quba" in out and ". Baku" in out
    assert "Select all that apply." in out
    assert "Put these in the right order." in out
    assert "Hint: Starts with Q." in out
    assert "Answer:" not in out and "Back of the card" not in out


def test_show_with_answers() -> None:
    out = CliRunner().invoke(cli, ["show", "--answers", DECK]).output
    assert "Answer: Back of the card" in out
    assert "The Red Village is in Quba." in out
    assert "Answer, in order:\n     1. First\n     2. Second\n     3. Third" in out
    assert "Hier  ⇒  Simon Wiesenthal Center" in out
    assert "within ± 500" in out
    assert "Source: para 6" in out


def test_show_neutralises_terminal_escapes(tmp_path) -> None:
    path = tmp_path / "evil.yaml"
    path.write_text(
        'deck: evil\ntitle: "Evil \\e[2J"\ncards:\n'
        '  - {id: a, type: truefalse, question: "Clear \\e[2J now \\e]52;c;aGk=\\a \\u202Eright", answer: true}\n',
        encoding="utf-8",
    )
    out = CliRunner().invoke(cli, ["show", str(path)]).output
    assert "\x1b" not in out and "\x07" not in out and "\u202e" not in out
    assert "␛[2J" in out and "<U+202E>" in out


LONG = (
    "deck: long\ntitle: Long\ncards:\n"
    "  - id: m\n    type: match\n    question: Match them.\n    answer:\n"
    "      The first left side, which is long enough to wrap: "
    "the right side, which also runs on for quite a few words indeed\n"
    "      Short: Also short\n"
    "  - id: c\n    type: choice\n    question: Pick one.\n"
    "    answer: An option long enough that it has to wrap onto a second line at sixty\n"
    "    distractors: [Another]\n"
    "  - id: z\n    type: cloze\n"
    "    question: A vital {{cultural|culture}} and {{economic|economy|trade}} bridge.\n"
    "    any_order: true\n"
    "  - id: y\n    type: typed\n    question: Where?\n    answer: Quba\n"
    "    accept: [Guba, Kuba, the city of Quba in the north of Azerbaijan near the mountains]\n"
)


def _show(tmp_path: Path, width: int) -> str:
    from tiesquiz.deck.reading import read_deck_file
    from tiesquiz.ui.show_view import render_deck

    path = tmp_path / "long.yaml"
    path.write_text(LONG, encoding="utf-8")
    deck = read_deck_file(path).deck
    assert deck is not None
    return render_deck(deck, answers=True, width=width)


@pytest.mark.parametrize("width", [60, 120])
def test_show_answers_fit_the_width(tmp_path: Path, width: int) -> None:
    out = _show(tmp_path, width)
    assert max(len(line) for line in out.splitlines()) <= width


def test_a_wrapped_answer_continues_without_an_arrow(tmp_path: Path) -> None:
    lines = _show(tmp_path, 60).splitlines()
    arrows = [i for i, line in enumerate(lines) if "→" in line]
    assert arrows, lines
    for i in arrows:  # every arrow starts an answer; none marks a continuation
        assert lines[i].startswith("   → Answer"), lines[i]
    pair = next(i for i, line in enumerate(lines) if "⇒" in line)
    assert lines[pair].startswith("     The first left side")
    assert lines[pair + 1].startswith("       ") and "⇒" not in lines[pair + 1]


def test_a_long_option_wraps_under_its_own_text(tmp_path: Path) -> None:
    lines = _show(tmp_path, 60).splitlines()
    first = next(i for i, line in enumerate(lines) if ". ✓ An option long" in line)
    assert lines[first + 1].startswith("        ") and lines[first + 1].strip()


def test_every_accepted_form_is_shown(tmp_path: Path) -> None:
    out = " ".join(_show(tmp_path, 60).split())
    assert "gap 1: cultural (also accepted: culture)" in out
    assert "gap 2: economic (also accepted: economy; trade)" in out
    assert "gaps 1, 2 may be given in any order" in out
    assert "also accepted: Guba; Kuba; the city of Quba in the north" in out


def _options(out: str, card_id: str) -> list[str]:
    """The numbered options listed under one card of ``show``."""
    lines = out.splitlines()
    start = next(i for i, line in enumerate(lines) if f"] {card_id}" in line)
    found = []
    for line in lines[start + 1 :]:
        if not line.strip() or line[0].isdigit() or line.strip().startswith(("→", "Hint:")):
            break
        stripped = line.strip()
        if stripped[:1].isdigit() and ". " in stripped:
            found.append(stripped.split(". ", 1)[1])
    return found


def test_without_answers_options_come_shuffled_the_same_way_every_time(tmp_path: Path) -> None:
    """The deck lists the answer first; show does not, and a rerun shows the same order."""
    options = [f"Option {i}" for i in range(1, 9)]
    cards = "".join(
        f"  - id: c{n}\n    type: choice\n    question: Pick {n}.\n    answer: {options[0]}\n"
        f"    distractors: [{', '.join(options[1:])}]\n"
        for n in range(6)
    )
    path = tmp_path / "d.yaml"
    path.write_text(f"deck: d\ntitle: D\ncards:\n{cards}", encoding="utf-8")
    first = CliRunner().invoke(cli, ["show", str(path)]).output
    again = CliRunner().invoke(cli, ["show", str(path)]).output
    assert first == again
    orders = [_options(first, f"c{n}") for n in range(6)]
    assert all(sorted(o) == sorted(options) for o in orders)
    assert [o.index(options[0]) for o in orders] != [0] * 6  # the answer is not always first
    assert len({tuple(o) for o in orders}) > 1  # each card its own order
    assert "✓" not in first


def test_with_answers_the_right_options_are_marked_in_the_same_order() -> None:
    plain = CliRunner().invoke(cli, ["show", DECK]).output
    marked = CliRunner().invoke(cli, ["show", "--answers", DECK]).output
    for card in ("choice", "multi"):
        shown = _options(marked, card)
        assert [o.removeprefix("✓ ") for o in shown] == _options(plain, card)
    assert [o for o in _options(marked, "choice") if o.startswith("✓ ")] == ["✓ Quba"]
    ticked = {o for o in _options(marked, "multi") if o.startswith("✓ ")}
    assert ticked == {"✓ Jews", "✓ Christians"}
