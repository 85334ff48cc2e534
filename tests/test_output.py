"""Colour only on a terminal and never with NO_COLOR; deck text shown as written, made safe."""

from __future__ import annotations

import io

import pytest

from tiesquiz.ui.output import Out, color_wanted
from tiesquiz.ui.safe import safe


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_colour_on_a_terminal_without_no_color(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert color_wanted(FakeTerminal()) is True
    assert "\x1b[" in Out(print, color=True).good("✓ Right")


def test_no_colour_with_no_color_or_off_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    assert color_wanted(FakeTerminal()) is False
    monkeypatch.delenv("NO_COLOR")
    assert color_wanted(io.StringIO()) is False
    assert Out(print, color=False).good("✓ Right") == "✓ Right"


def test_unicode_is_shown_as_written() -> None:
    text = "Şəki, Bakı, Sa’ar — “Red Village” 70 000"
    assert safe(text) == text
