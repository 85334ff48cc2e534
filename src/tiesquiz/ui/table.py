"""Tables that fit the terminal: a label column and columns of numbers.

Tried in turn until one fits: the full headers; the short ones; the label column shortened to
what is left (a cut label ends in an ellipsis, never silently); and last, one row stacked over
two lines, the label then each number with its name, wrapped on words.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

ELLIPSIS = "…"
#: A label column narrower than this would say nothing: stack the rows instead.
MIN_LABEL = 10


def cells(text: str) -> int:
    """Columns ``text`` takes on a terminal: wide (East Asian) characters take two, combining
    marks none."""
    if text.isascii():
        return len(text)
    return sum(
        0 if unicodedata.combining(ch) else 2 if unicodedata.east_asian_width(ch) in "WF" else 1
        for ch in text
    )


def shorten(text: str, width: int) -> str:
    """``text`` cut to ``width`` columns, with an ellipsis where it was cut."""
    if cells(text) <= width:
        return text
    out = ""
    for ch in text:
        if cells(out + ch) > width - 1:
            break
        out += ch
    return out.rstrip() + ELLIPSIS


def pad(text: str, width: int, *, right: bool = False) -> str:
    space = " " * max(0, width - cells(text))
    return space + text if right else text + space


@dataclass(frozen=True)
class Column:
    """A column of numbers: its header, and a shorter one for a narrow terminal."""

    name: str
    short: str = ""


def fit_table(
    label: str, columns: Sequence[Column], rows: Sequence[Sequence[str]], width: int
) -> tuple[list[str], list[list[str]]]:
    """The header lines and each row's lines, within ``width`` columns: a line a row under a
    header line, or when even short headers and shortened labels cannot fit, each row stacked
    over two lines or more, with no header."""
    full = [c.name for c in columns]
    short = [c.short or c.name for c in columns]
    longest = max([cells(label), *(cells(row[0]) for row in rows)])
    for headers, cut in ((full, False), (short, False), (short, True)):
        widths = [
            max([cells(h), *(cells(row[i]) for row in rows)]) for i, h in enumerate(headers, 1)
        ]
        room = width - sum(w + 2 for w in widths)
        if longest <= room or (cut and room >= max(MIN_LABEL, cells(label))):
            first = min(longest, room)
            line = [
                pad(shorten(row[0], first), first)
                + "".join(pad(v, w + 2, right=True) for v, w in zip(row[1:], widths, strict=True))
                for row in [[label, *headers], *rows]
            ]
            return line[:1], [[row] for row in line[1:]]
    return [], [stacked(full, row, width) for row in rows]


def stacked(headers: Sequence[str], row: Sequence[str], width: int) -> list[str]:
    """A row as its label (cut with an ellipsis only if wider than the terminal), then its
    numbers with their names, as many a line as fit."""
    lines = [shorten(row[0], width)]
    line = " "
    for name, value in zip(headers, row[1:], strict=True):
        if not value:
            continue
        pair = f" {name} {value}" if name else f" {value}"
        if cells(line) + cells(pair) + 1 > width and line.strip():
            lines.append(line.rstrip(","))
            line = " "
        line += pair + ","
    lines.append(line.rstrip(","))
    return lines
