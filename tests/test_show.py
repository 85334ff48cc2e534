"""`tiesquiz show` renders every card type as a student would see it."""

from __future__ import annotations

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
    assert "1. Quba" in out and "2. Baku" in out
    assert "Select all that apply." in out
    assert "Put these in the right order." in out
    assert "Hint: Starts with Q." in out
    assert "Answer:" not in out and "Back of the card" not in out


def test_show_with_answers() -> None:
    out = CliRunner().invoke(cli, ["show", "--answers", DECK]).output
    assert "Answer: Back of the card" in out
    assert "The Red Village is in Quba." in out
    assert "First → Second → Third" in out
    assert "Hier → Simon Wiesenthal Center" in out
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
