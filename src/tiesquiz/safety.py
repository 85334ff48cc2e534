"""Make deck text harmless before it reaches a terminal (a neutral module: deck, ui and cli use it).

Decks come from other people. An escape sequence in a question could clear the screen, rewrite
the clipboard (OSC 52) or hide text; a bidirectional override could make an answer read backwards.
Every piece of deck text goes through :func:`safe` before it is printed.
"""

from __future__ import annotations

import re

_BIDI = {
    "\u202a",
    "\u202b",
    "\u202c",
    "\u202d",
    "\u202e",
    "\u2066",
    "\u2067",
    "\u2068",
    "\u2069",
    "\u200e",
    "\u200f",
    "\u061c",
}
UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")


def _visible(match: re.Match[str]) -> str:
    ch = match.group(0)
    if ch == "\x1b":
        return "␛"
    if ch in _BIDI:
        return f"<U+{ord(ch):04X}>"
    if ch == "\r":
        return "␍"
    if ord(ch) < 0x20:
        return f"^{chr(ord(ch) + 0x40)}"
    return f"<U+{ord(ch):04X}>"


def safe(text: str, *, multiline: bool = True) -> str:
    """Replace control characters and bidi overrides with visible stand-ins; keep newlines."""
    text = UNSAFE.sub(_visible, text)
    if not multiline:
        text = text.replace("\n", " ")
    return text
