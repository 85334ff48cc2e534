"""Make deck text harmless before it reaches a terminal (a neutral module: deck, ui and cli use it).

Decks come from other people. An escape sequence in a question could clear the screen, rewrite
the clipboard (OSC 52) or hide text; a bidirectional override could make an answer read backwards;
an invisible character could make two different options look the same ("Baku" and "Ba\u200bku").
Every piece of deck text goes through :func:`safe` before it is printed, and each of these is shown
as a visible stand-in. So are the bytes of a file name that are not UTF-8 (``<0xE9>``), which a
terminal expecting UTF-8 could not be sent at all.
"""

from __future__ import annotations

import re

#: Direction controls: text stored in one order and shown in another.
_DIRECTION = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
#: Control characters, and the direction controls: what the deck checker's ``control-characters``
#: warning reports.
UNSAFE = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_DIRECTION}]")

#: Characters that show nothing: Unicode's default-ignorable code points (soft hyphen, zero-width
#: space, word joiner, byte order mark, Hangul fillers, TAG characters and the supplementary
#: variation selectors that can smuggle text), less the variation selectors of emoji and CJK
#: (U+FE00-FE0F) and Mongolian's; and the line and paragraph separators and interlinear
#: annotation marks, which a terminal shows as nothing or as a break.
_INVISIBLE = (
    "\u00ad\u034f\u115f\u1160\u17b4\u17b5\u180e\u180f\u200b\u2028\u2029\u2060-\u2065"
    "\u206a-\u206f\u3164\ufeff\uffa0\ufff0-\ufffb\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    "\U000e0000-\U000e0fff"
)
#: The zero-width joiner and non-joiner shape Persian, the Indic scripts and emoji sequences
#: between two such characters; next to plain ASCII, or at either end, they only hide.
_JOINERS = "\u200c\u200d"
#: Every character that may be hidden (a joiner only where it joins nothing: see :func:`_joins`).
_MAYBE_HIDDEN = re.compile(f"[{_INVISIBLE}{_JOINERS}]")
#: Everything :func:`safe` may replace: the above, and lone surrogates (a file name's bytes that
#: are not UTF-8, as Python decodes them).
_SHOWN = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_DIRECTION}{_INVISIBLE}{_JOINERS}\ud800-\udfff]")


#: In ASCII text (most of it), only the control characters.
_ASCII_SHOWN = re.compile("[\x00-\x08\x0b-\x1f\x7f]")


def _joins(text: str, at: int) -> bool:
    """The character at ``at`` is a joiner between two characters that are not ASCII."""
    return text[at] in _JOINERS and 0 < at < len(text) - 1 and text[at - 1] > "\x7f" < text[at + 1]


def hidden(text: str) -> list[int]:
    """Where ``text`` holds a character that shows nothing (in order)."""
    return [m.start() for m in _MAYBE_HIDDEN.finditer(text) if not _joins(text, m.start())]


def _visible(match: re.Match[str]) -> str:
    ch = match.group(0)
    code = ord(ch)
    if ch == "\x1b":
        return "␛"
    if ch == "\r":
        return "␍"
    if code < 0x20:
        return f"^{chr(code + 0x40)}"
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8
        return f"<0x{code - 0xDC00:02X}>"
    if _joins(match.string, match.start()):
        return ch
    return f"<U+{code:04X}>"


def safe(text: str, *, multiline: bool = True) -> str:
    """Replace control characters, direction controls, invisible characters and bytes that
    are not UTF-8 with visible stand-ins; keep newlines (or, not ``multiline``, make them spaces)."""
    text = (_ASCII_SHOWN if text.isascii() else _SHOWN).sub(_visible, text)
    if not multiline:
        text = text.replace("\n", " ")
    return text
