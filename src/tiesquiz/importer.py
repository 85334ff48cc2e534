"""Import CSV/TSV sheets and Anki's "Notes in Plain Text" into a YAML deck that passes lint.

Problems name the input line. Ids come from an ``id`` column when there is one, otherwise from the
question (a slug plus a short hash), so importing the same sheet twice gives the same ids.
"""

from __future__ import annotations

import csv
import hashlib
import html
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tiesquiz.deck.model import CARD_CLASSES, GAP_RE
from tiesquiz.deck.parse import MAX_CARDS
from tiesquiz.deck.reading import MAX_FILE_BYTES
from tiesquiz.deck.sheet_rows import ROW_FIELDS, Row, guess_type
from tiesquiz.deck.tabular import restore, split
from tiesquiz.errors import TiesquizError
from tiesquiz.paths import NotAFile, TooBig, read_regular

FORMATS = ("csv", "tsv", "anki-txt")
#: A sheet larger than this is refused unread: the deck it made would be over the 5 MB a deck
#: file may be (YAML takes more room than a sheet's cells).
MAX_SHEET_BYTES = 2 * MAX_FILE_BYTES
_TAG = re.compile(r"<[^>]+>")
_ANKI_CLOZE = re.compile(r"\{\{c\d+::(.*?)(?:::[^}]*)?\}\}")


class ImportError_(TiesquizError):
    """The input cannot be turned into a deck; the message names the line."""


@dataclass
class Imported:
    cards: list[dict[str, Any]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    #: The deck's id, title and tags when the sheet has them (a tiesquiz CSV export does).
    deck: str = ""
    title: str = ""
    tags: list[str] = field(default_factory=list)
    #: Ids made from the question text, for rows that had none.
    made_ids: set[str] = field(default_factory=set)


def slug(text: str, limit: int = 40) -> str:
    words = re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-")
    return words[:limit].rstrip("-") or "card"


def _answer_texts(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [str(v) for v in value.values()]
    if isinstance(value, list | tuple):
        return [t for v in value for t in _answer_texts(v)]
    return [] if value is None or isinstance(value, bool) else [str(value)]


def make_id(question: str, taken: set[str], answers: list[str] | tuple[str, ...] = ()) -> str:
    """An id from the question's words, never one that gives the answer away: a cloze's gaps
    and the words of the answers are left out (a short hash keeps two cards apart)."""
    said = {w for a in answers for w in re.findall(r"[a-z0-9]+", a.casefold())}
    said |= {
        w for gap in GAP_RE.findall(question) for w in re.findall(r"[a-z0-9]+", gap.casefold())
    }
    words = re.findall(r"[a-z0-9]+", GAP_RE.sub(" ", question).casefold())
    plain = " ".join(w for w in words if w not in said)
    base = f"{slug(plain, 32)}-{hashlib.sha1(question.encode()).hexdigest()[:6]}"
    ident, n = base, 2
    while ident in taken:
        ident, n = f"{base}-{n}", n + 1
    return ident


def guess_format(path: Path, text: str) -> str:
    if text.startswith("#separator:") or text.startswith("#html:"):
        return "anki-txt"
    if path.suffix.lower() in (".tsv", ".tab"):
        return "tsv"
    if path.suffix.lower() == ".txt":
        return "anki-txt"
    return "csv"


def sniff_delimiter(text: str) -> str:
    """The sheet's delimiter: ``,``, ``;`` (spreadsheets in many locales save CSV with it) or a
    tab, from the header row, by the standard library's ``csv.Sniffer``."""
    header = text.split("\n", 1)[0]
    try:
        return csv.Sniffer().sniff(header, delimiters=",;\t").delimiter
    except csv.Error:
        return ","


def row_to_card(
    row: dict[str, str], line: int, taken: set[str], made: set[str] | None = None
) -> tuple[dict[str, Any] | None, str | None]:
    """One sheet row to a card mapping, or a problem naming the line."""
    cells = Row(row)
    question = cells.get("question") or cells.get("front")
    if not question:
        return None, f"line {line}: no question"
    ctype = cells.get("type").casefold() or guess_type(question, cells)
    cls = CARD_CLASSES.get(ctype)
    if cls is None:
        return None, f"line {line}: unknown type {ctype!r}"
    build = ROW_FIELDS[cls]
    fields, problem = build(cells)
    if problem is not None:
        return None, f"line {line}: {problem}"
    ident = cells.get("id")
    if not ident:
        answers = _answer_texts([fields.get("answer"), fields.get("accept")])
        ident = make_id(question, taken, answers)
        if made is not None:
            made.add(ident)
    if ident in taken:
        return None, f"line {line}: the id {ident!r} is used twice"
    card: dict[str, Any] = {"id": ident, "type": ctype, "question": question, **fields}
    for key in ("hint", "explanation", "source"):
        if cells.get(key):
            card[key] = cells.get(key)
    tags = split(cells.get("tags").replace(",", "|")) if cells.get("tags") else []
    if tags:
        card["tags"] = tags
    taken.add(ident)
    return card, None


def read_sheet(text: str, delimiter: str) -> Imported:
    result = Imported()
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    if reader.fieldnames is None:
        raise ImportError_(
            "line 1: the file is empty; it needs a header row (question, answer, ...)"
        )
    header = [h.strip().casefold() for h in reader.fieldnames]
    if "question" not in header and "front" not in header:
        raise ImportError_(
            f"line 1: the header needs a 'question' column; it has: {', '.join(reader.fieldnames)}"
        )
    reader.fieldnames = header
    taken: set[str] = set()
    for row in reader:
        if not result.deck and (row.get("deck") or "").strip():
            result.deck = (row.get("deck") or "").strip()
            result.title = (row.get("deck_title") or "").strip()
            result.tags = split(row.get("deck_tags") or "")
        card, problem = row_to_card(
            {k: restore(v or "") for k, v in row.items() if k is not None},
            reader.line_num,
            taken,
            result.made_ids,
        )
        if problem:
            result.problems.append(problem)
        elif card:
            result.cards.append(card)
    return result


def _strip_html(text: str) -> str:
    text = re.sub(r"<br\s*/?>", "\n", text, flags=re.I)
    return html.unescape(_TAG.sub("", text)).strip()


def read_anki_txt(text: str) -> Imported:
    """Anki's 'Notes in Plain Text' export: ``#key:value`` header lines, then one note per line."""
    result = Imported()
    separator, is_html, tags_column = "\t", False, None
    lines = text.splitlines()
    body_start = 0
    for i, line in enumerate(lines):
        if not line.startswith("#"):
            body_start = i
            break
        key, _, value = line[1:].partition(":")
        key, value = key.strip().casefold(), value.strip()
        if key == "separator":
            separator = {
                "tab": "\t",
                "comma": ",",
                "semicolon": ";",
                "space": " ",
                "pipe": "|",
            }.get(value.casefold(), value[:1] or "\t")
        elif key == "html":
            is_html = value.casefold() == "true"
        elif key == "tags column":
            tags_column = int(value) - 1 if value.isdigit() else None
    else:
        body_start = len(lines)
    taken: set[str] = set()
    reader = csv.reader(io.StringIO("\n".join(lines[body_start:])), delimiter=separator)
    for fields in reader:
        line_no = body_start + reader.line_num
        if not any(f.strip() for f in fields):
            continue
        clean = [_strip_html(f) if is_html else f.strip() for f in fields]
        tags = (
            clean.pop(tags_column).split()
            if tags_column is not None and tags_column < len(clean)
            else []
        )
        front = clean[0] if clean else ""
        back = clean[1] if len(clean) > 1 else ""
        if _ANKI_CLOZE.search(front):
            row = {
                "question": _ANKI_CLOZE.sub(lambda m: "{{" + m.group(1) + "}}", front),
                "type": "cloze",
                "explanation": back,
            }
        else:
            row = {"question": front, "answer": back, "type": "flashcard"}
        row["tags"] = " | ".join(tags)
        card, problem = row_to_card(row, line_no, taken, result.made_ids)
        if problem:
            result.problems.append(problem)
        elif card:
            result.cards.append(card)
    return result


def _read_text(path: Path) -> str:
    """The sheet's text: a regular file (a FIFO or a device is refused without waiting on it),
    not too big, UTF-8."""
    try:
        return read_regular(path, MAX_SHEET_BYTES).decode("utf-8-sig")
    except NotAFile:
        raise ImportError_(
            f"{path}: not a regular file (a FIFO, a device or a folder), so it is not read; "
            "name the sheet's file itself"
        ) from None
    except TooBig as exc:
        raise ImportError_(
            f"{path}: the sheet is {exc.size / 1024 / 1024:.1f} MB; a sheet may be at most "
            f"{exc.limit // 1024 // 1024} MB (split it into several decks)"
        ) from None
    except UnicodeDecodeError:
        raise ImportError_(f"{path}: not UTF-8 text (save it as UTF-8 and try again)") from None
    except OSError as exc:
        raise ImportError_(f"{path}: cannot read it: {exc.strerror or exc}") from None


def count_rows(text: str, fmt: str) -> int:
    """How many cards the sheet's rows could make, counted before any row is read as a card:
    its records (a quoted cell may hold line breaks), less the header; for Anki's export, its
    notes. A sheet with no more lines than a deck may hold cards is not counted again."""
    if text.count("\n") <= MAX_CARDS:
        return 0
    if fmt == "anki-txt":
        return sum(1 for line in text.splitlines() if line.strip() and not line.startswith("#"))
    delimiter = "\t" if fmt == "tsv" else sniff_delimiter(text)
    return sum(1 for record in csv.reader(io.StringIO(text), delimiter=delimiter) if record) - 1


def import_file(path: Path, fmt: str | None = None) -> Imported:
    text = _read_text(path)
    fmt = fmt or guess_format(path, text)
    try:
        rows = count_rows(text, fmt)
        if rows > MAX_CARDS:
            raise ImportError_(
                f"{path}: the sheet has {rows:,} rows; a deck may hold at most {MAX_CARDS:,} "
                "cards (split the sheet into several decks)"
            )
        if fmt == "anki-txt":
            result = read_anki_txt(text)
        else:
            result = read_sheet(text, "\t" if fmt == "tsv" else sniff_delimiter(text))
    except csv.Error as exc:
        raise ImportError_(f"{path}: not valid {fmt.upper()}: {exc}") from None
    result.problems = [
        f"{path}:{p.removeprefix('line ')}" if p.startswith("line ") else p for p in result.problems
    ]
    return result


@dataclass
class SheetDeck:
    """A deck made from a sheet: the mapping its YAML file is written from."""

    #: ``deck``, ``title``, ``source``, ``tags`` (when the sheet has them) and ``cards``.
    data: dict[str, Any]
    #: Ids made from the question text, for rows that had none.
    made_ids: set[str]
    #: What the caller named itself ("deck", "title"): a re-import keeps the rest of the old deck.
    named: frozenset[str] = frozenset()

    @property
    def id(self) -> str:
        return str(self.data["deck"])

    @property
    def cards(self) -> list[dict[str, Any]]:
        cards: list[dict[str, Any]] = self.data["cards"]
        return cards


def sheet_deck(
    source: Path,
    output: Path,
    fmt: str | None = None,
    *,
    deck_id: str | None = None,
    title: str | None = None,
) -> SheetDeck:
    """The deck a sheet makes, to be written to ``output``; refused (nothing is written) when a
    row cannot be a card, naming every such line, or when no row is one.

    Its id is ``deck_id``, else the sheet's (a tiesquiz CSV export names it), else made from
    ``output``'s name; its title ``title``, else the sheet's, else its id.
    """
    result = import_file(source, fmt)
    if result.problems:
        raise ImportError_(
            "nothing was written; fix these lines first:\n" + "\n".join(result.problems)
        )
    if not result.cards:
        raise ImportError_(f"{source}: no cards found")
    ident = deck_id or result.deck or slug(output.stem, 64)
    data: dict[str, Any] = {"deck": ident, "title": title or result.title or ident}
    data["source"] = source.name
    if result.tags:
        data["tags"] = result.tags
    data["cards"] = result.cards
    named = frozenset(k for k, v in (("deck", deck_id), ("title", title)) if v)
    return SheetDeck(data, result.made_ids, named)
