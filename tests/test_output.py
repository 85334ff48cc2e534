"""Colour only on a terminal and never with NO_COLOR; deck text shown as written, made safe."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from tiesquiz.commands.common import Settings
from tiesquiz.safety import safe
from tiesquiz.ui.output import Out, color_wanted


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_colour_on_a_terminal_without_no_color(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert color_wanted(FakeTerminal()) is True
    assert "\x1b[" in Out(print, color=True).good("✓ Right")


def test_no_colour_with_no_color_or_off_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    no_color = Settings.read(None, {"NO_COLOR": "1"}, Path.cwd())
    assert no_color.color is False
    assert color_wanted(FakeTerminal(), allowed=no_color.color) is False
    assert Settings.read(None, {}, Path.cwd()).color is True
    assert color_wanted(io.StringIO()) is False
    assert Out(print, color=False).good("✓ Right") == "✓ Right"


def test_unicode_is_shown_as_written() -> None:
    text = "Şəki, Bakı, Sa’ar — “Red Village” 70 000"
    assert safe(text) == text


def test_match_feedback_marks_every_pair() -> None:
    from tiesquiz.deck.model import MatchCard
    from tiesquiz.grading import grade
    from tiesquiz.session import Result
    from tiesquiz.ui.verdict import reasons

    card = MatchCard(
        deck="d", id="m", question="?", pairs=(("Hier", "SWC"), ("Abadi", "UAE"), ("Ralbag", "RAA"))
    )
    result = Result(card, grade(card, {"Hier": "UAE", "Abadi": "SWC", "Ralbag": "RAA"}))
    lines = reasons(result)
    assert lines[0] == "2 of 3 pairs wrong: Hier → UAE (it is SWC); Abadi → SWC (it is UAE)."
    assert lines[1:] == ["  ✗ Hier → UAE", "  ✗ Abadi → SWC", "  ✓ Ralbag → RAA"]
