"""Coverage of a source text: which paragraphs the cards cite (``source: para N``), and which none.

Paragraphs are counted the way a deck's ``source: para N`` counts them, from 1: blocks of text
between blank lines, or, in a text with no blank line, each line. A heading (a line of at most
eight words that does not end a sentence, such as "Religious freedom") is not a paragraph. A card
cites the paragraphs its ``source`` names: ``para 6``, ``paras 3 and 5``, ``para 6-7``,
``para. 2, 4``.
"""

from __future__ import annotations

import re
import stat
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tiesquiz.deck.model import Card
from tiesquiz.errors import TiesquizError

#: "para 6", "paras 3 and 5", "para. 6-7", "paragraphs 2, 4": the numbers after the word.
_CITE = re.compile(
    r"\bpara(?:graph)?s?\b\.?\s*((?:\d+\s*(?:[-–]\s*\d+)?\s*(?:,|and|&)?\s*)+)", re.I
)
_RANGE = re.compile(r"(\d+)\s*(?:[-–]\s*(\d+))?")
#: A source of more than this is not a text a deck was written from.
MAX_SOURCE_BYTES = 5 * 1024 * 1024
#: How many characters of each paragraph the report shows.
START = 60


@dataclass(frozen=True)
class Paragraph:
    number: int
    #: The line of the source it starts on.
    line: int
    text: str
    #: The cards that cite it, as ``deck/id``.
    cards: tuple[str, ...] = ()

    @property
    def start(self) -> str:
        words = " ".join(self.text.split())
        return words if len(words) <= START else words[: START - 1].rstrip() + "…"

    def to_dict(self) -> dict[str, Any]:
        return {
            "paragraph": self.number,
            "line": self.line,
            "cards": len(self.cards),
            "cited_by": list(self.cards),
            "start": self.start,
        }


#: What a sentence ends with; a short line without it is a heading.
_SENTENCE_END = (".", "!", "?", '"', "”", "’", "'", ":", ";", ")")
HEADING_WORDS = 8


def is_heading(text: str) -> bool:
    words = text.split()
    return len(words) <= HEADING_WORDS and not text.rstrip().endswith(_SENTENCE_END)


def paragraphs(text: str) -> list[tuple[int, str]]:
    """Each paragraph as (the line it starts on, its text); headings left out."""
    return [(n, body) for n, body in _blocks(text) if not is_heading(body)]


def _blocks(text: str) -> list[tuple[int, str]]:
    lines = text.splitlines()
    blank = any(not line.strip() for line in lines[1:-1]) if len(lines) > 2 else False
    found: list[tuple[int, str]] = []
    if not blank:
        return [(n, line) for n, line in enumerate(lines, 1) if line.strip()]
    block: list[str] = []
    for n, line in enumerate([*lines, ""], 1):
        if line.strip():
            if not block:
                start = n
            block.append(line)
        elif block:
            found.append((start, " ".join(block)))
            block = []
    return found


def cited(source: str) -> set[int]:
    """The paragraph numbers a card's ``source`` names."""
    numbers: set[int] = set()
    for found in _CITE.finditer(source):
        for low, high in _RANGE.findall(found.group(1)):
            first, last = int(low), int(high or low)
            if last - first <= 100:
                numbers.update(range(first, last + 1))
    return numbers


def read_source(path: Path) -> str:
    """The text of a source; a file that cannot be read as one is refused, saying why."""
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise TiesquizError(f"{path}: not a regular file, so not read as a source text")
        if info.st_size > MAX_SOURCE_BYTES:
            raise TiesquizError(f"{path}: {info.st_size // 1024} KB is too long for a source text")
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        raise TiesquizError(f"{path}: cannot read the source text: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise TiesquizError(f"{path}: the source text is not UTF-8 (save it as UTF-8)") from None


def coverage(text: str, cards: Iterable[Card]) -> list[Paragraph]:
    """Every paragraph of ``text`` with the cards that cite it."""
    cards = list(cards)
    out = []
    for number, (line, body) in enumerate(paragraphs(text), 1):
        citing = tuple(c.key for c in cards if number in cited(c.source))
        out.append(Paragraph(number, line, body, citing))
    return out
