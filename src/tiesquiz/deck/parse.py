"""Turn a YAML document into a :class:`Deck`, collecting every problem instead of stopping at one.

The rules here are the deck format's contract (``docs/deck-format.md``); the JSON Schema in
``schema.json`` says the same for editors, and a test keeps the two in step.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Literal

from tiesquiz.deck.model import (
    CARD_TYPES,
    GAP_RE,
    Card,
    ChoiceCard,
    ClozeCard,
    Deck,
    FlashCard,
    MatchCard,
    MultiCard,
    OrderCard,
    TrueFalseCard,
    TypedCard,
)
from tiesquiz.deck.yamlio import LoadedYaml, Mark, Path_, load_yaml
from tiesquiz.errors import DeckError
from tiesquiz.ui.safe import UNSAFE

Severity = Literal["error", "warning"]

DECK_ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
CARD_ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
MAX_ID_LENGTH = 64
#: Documented limits (docs/deck-format.md, "Limits").
MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_CARDS = 20_000
MAX_OPTIONS = 50
MAX_TEXT = 5_000
#: Longer text than this still loads, but earns a warning: it will not read well in a terminal.
LONG_TEXT = 400

DECK_KEYS = ("deck", "title", "description", "source", "tags", "exam", "cards")
COMMON_KEYS = ("id", "type", "question", "explanation", "source", "tags", "hint")
TYPE_KEYS: dict[str, tuple[str, ...]] = {
    "flashcard": ("answer",),
    "choice": ("answer", "distractors"),
    "multi": ("answer", "distractors"),
    "truefalse": ("answer",),
    "typed": ("answer", "accept", "tolerance"),
    "cloze": (),
    "order": ("answer",),
    "match": ("answer",),
}


@dataclass(frozen=True)
class Problem:
    """One lint finding, printed as ``file:line:col: card-id: severity: message``."""

    file: str
    line: int
    col: int
    card: str
    severity: Severity
    code: str
    message: str

    def format(self) -> str:
        return f"{self.file}:{self.line}:{self.col}: {self.card}: {self.severity}: {self.message}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "line": self.line,
            "col": self.col,
            "card": self.card,
            "severity": self.severity,
            "code": self.code,
            "message": self.message,
        }


@dataclass
class ParseResult:
    deck: Deck | None
    problems: list[Problem]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]


def _kind(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__  # pragma: no cover


class _Checker:
    """Validation state for one file: where things are, and what is wrong so far."""

    def __init__(self, loaded: LoadedYaml, filename: str) -> None:
        self.y = loaded
        self.file = filename
        self.problems: list[Problem] = [
            Problem(
                filename,
                p.mark.line,
                p.mark.col,
                self._label_for(p.path),
                "error",
                "yaml",
                p.message,
            )
            for p in loaded.problems
        ]
        self.card_label = "deck"

    def _label_for(self, path: Path_) -> str:
        """The card id for a problem found while reading YAML, before cards are checked."""
        data = self.y.data
        if (
            len(path) >= 2
            and path[0] == "cards"
            and isinstance(path[1], int)
            and isinstance(data, dict)
        ):
            cards = data.get("cards")
            if (
                isinstance(cards, list)
                and path[1] < len(cards)
                and isinstance(cards[path[1]], dict)
            ):
                ident = cards[path[1]].get("id")
                if isinstance(ident, str | int):
                    return str(ident)
            return f"card #{path[1] + 1}"
        return "deck"

    def report(
        self,
        path: Path_,
        message: str,
        *,
        code: str,
        severity: Severity = "error",
        at_key: bool = False,
        mark: Mark | None = None,
    ) -> None:
        if mark is None:
            mark = self.y.key_mark(path) if at_key else None
            mark = mark or self.y.mark(path)
        self.problems.append(
            Problem(self.file, mark.line, mark.col, self.card_label, severity, code, message)
        )

    # -- typed getters: each reports and returns None when the value is unusable --------------

    def text(
        self,
        obj: dict[Any, Any],
        path: Path_,
        key: str | int,
        *,
        required: bool,
        label: str | None = None,
    ) -> str | None:
        name = label or str(key)
        if key not in obj:
            if required:
                self.report(path, f"missing field '{name}'", code="missing-field")
            return None
        value = obj[key]
        here = (*path, key)
        if isinstance(value, bool) or value is None:
            hint = ""
            if isinstance(value, bool):
                hint = (
                    f" (YAML reads {self.y.raw(here) or value!s} as true/false: put it in quotes)"
                )
            self.report(here, f"'{name}' must be text, not {_kind(value)}{hint}", code="wrong-type")
            return None
        if isinstance(value, int | float):
            return self.y.raw(here) or str(value)
        if not isinstance(value, str):
            self.report(here, f"'{name}' must be text, not {_kind(value)}", code="wrong-type")
            return None
        stripped = value.strip()
        if not stripped and required:
            self.report(here, f"'{name}' is empty", code="empty")
            return None
        if len(stripped) > MAX_TEXT:
            self.report(
                here,
                f"'{name}' is {len(stripped):,} characters; the limit is {MAX_TEXT:,}",
                code="too-long",
            )
            return None
        if UNSAFE.search(stripped):
            self.report(
                here,
                f"'{name}' contains control characters, escape sequences or direction overrides; "
                "they are shown as visible marks (␛, ^G, <U+202E>), so remove them",
                code="control-characters",
                severity="warning",
            )
        if len(stripped) > LONG_TEXT:
            self.report(
                here,
                f"'{name}' is very long ({len(stripped)} characters); split it or shorten it "
                f"to under {LONG_TEXT}",
                code="long-text",
                severity="warning",
            )
        return stripped

    def text_list(
        self, obj: dict[Any, Any], path: Path_, key: str, *, required: bool, minimum: int = 0
    ) -> list[str] | None:
        if key not in obj:
            if required:
                self.report(path, f"missing field '{key}'", code="missing-field")
            return None
        value = obj[key]
        here = (*path, key)
        if isinstance(value, str):
            # A lone string where a list is expected: accept it as a list of one, it is what was meant.
            value = [value]
        if not isinstance(value, list):
            self.report(here, f"'{key}' must be a list, not {_kind(value)}", code="wrong-type")
            return None
        if len(value) > MAX_OPTIONS:
            self.report(
                here,
                f"'{key}' has {len(value):,} items; the limit is {MAX_OPTIONS}",
                code="too-many",
            )
            return None
        items: list[str] = []
        ok = True
        for i, item in enumerate(value):
            got = self.text({i: item}, here, i, required=True, label=f"{key} #{i + 1}")
            if got is None:
                ok = False
            else:
                items.append(got)
        if not ok:
            return None
        if len(items) < minimum:
            self.report(
                here,
                f"'{key}' needs at least {minimum} item{'s' if minimum > 1 else ''}, has {len(items)}",
                code="too-few",
            )
            return None
        return items

    def unknown_keys(
        self, obj: dict[Any, Any], path: Path_, allowed: tuple[str, ...], what: str
    ) -> None:
        for key in obj:
            if key in allowed:
                continue
            close = difflib.get_close_matches(str(key), allowed, n=1)
            hint = f"; did you mean '{close[0]}'?" if close else f"; allowed: {', '.join(allowed)}"
            self.report(
                (*path, key),
                f"unknown field '{key}' in {what}{hint}",
                code="unknown-field",
                at_key=True,
            )


def _check_duplicates(checker: _Checker, items: list[str], path: Path_, what: str) -> bool:
    seen: set[str] = set()
    for i, item in enumerate(items):
        folded = item.casefold()
        if folded in seen:
            checker.report((*path, i), f"{what} {item!r} appears twice", code="duplicate-item")
            return False
        seen.add(folded)
    return True


def _card(checker: _Checker, raw: Any, path: Path_, deck_id: str) -> Card | None:
    if not isinstance(raw, dict):
        checker.card_label = f"card #{int(path[-1]) + 1}"
        checker.report(
            path, f"a card must be a mapping of fields, not {_kind(raw)}", code="wrong-type"
        )
        return None
    card_id = raw.get("id")
    checker.card_label = (
        str(card_id) if isinstance(card_id, str | int) else f"card #{int(path[-1]) + 1}"
    )
    errors_before = sum(p.severity == "error" for p in checker.problems)

    ident = checker.text(raw, path, "id", required=True)
    if ident is not None and (not CARD_ID_RE.match(ident) or len(ident) > MAX_ID_LENGTH):
        checker.report(
            (*path, "id"),
            f"card id {ident!r} may only hold letters, digits, '.', '_' and '-' "
            f"(at most {MAX_ID_LENGTH}), since progress is stored under deck/id",
            code="bad-id",
        )
        ident = None

    ctype = raw.get("type")
    if "type" not in raw:
        checker.report(
            path, f"missing field 'type' (one of: {', '.join(CARD_TYPES)})", code="missing-field"
        )
        return None
    if ctype not in CARD_TYPES:
        close = difflib.get_close_matches(str(ctype), CARD_TYPES, n=1)
        hint = f"did you mean '{close[0]}'?" if close else f"use one of: {', '.join(CARD_TYPES)}"
        checker.report((*path, "type"), f"unknown card type {ctype!r}; {hint}", code="unknown-type")
        return None

    checker.unknown_keys(raw, path, COMMON_KEYS + TYPE_KEYS[ctype], f"a {ctype} card")
    question = checker.text(raw, path, "question", required=True)
    common: dict[str, Any] = {
        "explanation": checker.text(raw, path, "explanation", required=False) or "",
        "source": checker.text(raw, path, "source", required=False) or "",
        "hint": checker.text(raw, path, "hint", required=False) or "",
        "tags": tuple(checker.text_list(raw, path, "tags", required=False) or ()),
    }
    build = _BUILDERS[ctype]
    specific = build(checker, raw, path, question)
    errors_after = sum(p.severity == "error" for p in checker.problems)
    if errors_after > errors_before or ident is None or question is None or specific is None:
        return None
    card_class, fields = specific
    where = checker.y.mark(path)
    return card_class(
        deck=deck_id,
        id=ident,
        question=question,
        line=where.line,
        col=where.col,
        **common,
        **fields,
    )


Built = tuple[type[Card], dict[str, Any]] | None


def _flashcard(c: _Checker, raw: dict[Any, Any], path: Path_, question: str | None) -> Built:
    answer = c.text(raw, path, "answer", required=True)
    return None if answer is None else (FlashCard, {"answer": answer})


def _choice(c: _Checker, raw: dict[Any, Any], path: Path_, question: str | None) -> Built:
    answer = c.text(raw, path, "answer", required=True)
    distractors = c.text_list(raw, path, "distractors", required=True, minimum=1)
    if answer is None or distractors is None:
        return None
    for i, d in enumerate(distractors):
        if d.casefold() == answer.casefold():
            c.report(
                (*path, "distractors", i),
                f"the answer {answer!r} is also a distractor",
                code="answer-is-distractor",
            )
            return None
    if not _check_duplicates(c, distractors, (*path, "distractors"), "distractor"):
        return None
    return ChoiceCard, {"answer": answer, "distractors": tuple(distractors)}


def _multi(c: _Checker, raw: dict[Any, Any], path: Path_, question: str | None) -> Built:
    answers = c.text_list(raw, path, "answer", required=True, minimum=1)
    distractors = c.text_list(raw, path, "distractors", required=False) or []
    if answers is None:
        return None
    if len(answers) + len(distractors) < 2:
        c.report(
            (*path, "answer"),
            "a multi card needs at least 2 options in all (answer + distractors)",
            code="too-few",
        )
        return None
    if not _check_duplicates(c, answers + distractors, (*path, "answer"), "option"):
        return None
    return MultiCard, {"answers": tuple(answers), "distractors": tuple(distractors)}


def _truefalse(c: _Checker, raw: dict[Any, Any], path: Path_, question: str | None) -> Built:
    if "answer" not in raw:
        c.report(path, "missing field 'answer' (true or false)", code="missing-field")
        return None
    answer = raw["answer"]
    if not isinstance(answer, bool):
        c.report(
            (*path, "answer"),
            f"'answer' of a truefalse card must be true or false, not {_kind(answer)}",
            code="wrong-type",
        )
        return None
    return TrueFalseCard, {"answer": answer}


def _typed(c: _Checker, raw: dict[Any, Any], path: Path_, question: str | None) -> Built:
    answer = c.text(raw, path, "answer", required=True)
    accept = c.text_list(raw, path, "accept", required=False) or []
    numeric = isinstance(raw.get("answer"), int | float) and not isinstance(raw.get("answer"), bool)
    tolerance: float | None = None
    if "tolerance" in raw:
        tol = raw["tolerance"]
        if isinstance(tol, bool) or not isinstance(tol, int | float) or tol < 0:
            c.report(
                (*path, "tolerance"),
                f"'tolerance' must be a number of 0 or more, not {_kind(tol)}",
                code="wrong-type",
            )
            return None
        if not numeric:
            c.report(
                (*path, "tolerance"),
                "'tolerance' only applies to a numeric answer (write the answer as a number)",
                code="tolerance-without-number",
            )
            return None
        tolerance = float(tol)
    if answer is None:
        return None
    return TypedCard, {
        "answer": answer,
        "accept": tuple(accept),
        "tolerance": tolerance,
        "numeric": numeric,
    }


def _cloze(c: _Checker, raw: dict[Any, Any], path: Path_, question: str | None) -> Built:
    if question is None:
        return None
    gaps: list[tuple[str, ...]] = []
    for match in GAP_RE.finditer(question):
        options = tuple(part.strip() for part in match.group(1).split("|"))
        if not all(options):
            c.report(
                (*path, "question"),
                f"the gap {match.group(0)!r} is empty; write the answer inside {{{{ }}}}",
                code="empty-gap",
            )
            return None
        gaps.append(options)
    if not gaps:
        c.report(
            (*path, "question"),
            "a cloze card needs at least one gap: mark the answer as {{answer}}",
            code="cloze-no-gap",
        )
        return None
    if "{{" in GAP_RE.sub("", question) or "}}" in GAP_RE.sub("", question):
        c.report(
            (*path, "question"),
            "unbalanced '{{' or '}}' in the cloze text",
            code="cloze-unbalanced",
        )
        return None
    return ClozeCard, {"gaps": tuple(gaps)}


def _order(c: _Checker, raw: dict[Any, Any], path: Path_, question: str | None) -> Built:
    items = c.text_list(raw, path, "answer", required=True, minimum=2)
    if items is None or not _check_duplicates(c, items, (*path, "answer"), "item"):
        return None
    return OrderCard, {"items": tuple(items)}


def _match(c: _Checker, raw: dict[Any, Any], path: Path_, question: str | None) -> Built:
    if "answer" not in raw:
        c.report(
            path,
            "missing field 'answer' (a mapping of left item: right item)",
            code="missing-field",
        )
        return None
    here = (*path, "answer")
    value = raw["answer"]
    if not isinstance(value, dict):
        c.report(
            here,
            f"'answer' of a match card must be a mapping (left: right), not {_kind(value)}",
            code="wrong-type",
        )
        return None
    if len(value) < 2:
        c.report(here, f"a match card needs at least 2 pairs, has {len(value)}", code="too-few")
        return None
    if len(value) > MAX_OPTIONS:
        c.report(
            here, f"'answer' has {len(value):,} pairs; the limit is {MAX_OPTIONS}", code="too-many"
        )
        return None
    pairs: list[tuple[str, str]] = []
    seen_left: dict[str, Any] = {}
    seen_right: dict[str, Any] = {}
    for left_raw in value:
        right = c.text(value, here, left_raw, required=True)
        left = str(left_raw).strip()
        if right is None:
            return None
        if left.casefold() in seen_left:
            c.report(
                (*here, left_raw),
                f"the left side {left!r} appears twice",
                code="match-duplicate",
                at_key=True,
            )
            return None
        if right.casefold() in seen_right:
            c.report(
                (*here, left_raw), f"the right side {right!r} appears twice", code="match-duplicate"
            )
            return None
        seen_left[left.casefold()] = seen_right[right.casefold()] = True
        pairs.append((left, right))
    return MatchCard, {"pairs": tuple(pairs)}


_BUILDERS: dict[str, Callable[[_Checker, dict[Any, Any], Path_, str | None], Built]] = {
    "flashcard": _flashcard,
    "choice": _choice,
    "multi": _multi,
    "truefalse": _truefalse,
    "typed": _typed,
    "cloze": _cloze,
    "order": _order,
    "match": _match,
}


def _warn_cards(c: _Checker, cards: list[Card]) -> None:
    """Warnings: what a good card has but the format does not require."""
    questions: dict[str, Card] = {}
    for card in cards:
        c.card_label = card.id
        where = Mark(card.line, card.col)
        if not card.explanation:
            c.report(
                (),
                "no explanation: students learn from it after answering",
                code="no-explanation",
                severity="warning",
                mark=where,
            )
        if not card.source:
            c.report(
                (),
                "no source: say where in the source text this comes from",
                code="no-source",
                severity="warning",
                mark=where,
            )
        folded = " ".join(card.question.casefold().split())
        first = questions.get(folded)
        if first is not None:
            c.report(
                (),
                f"the same question as card {first.id!r} (line {first.line})",
                code="duplicate-question",
                severity="warning",
                mark=where,
            )
        else:
            questions[folded] = card
    c.card_label = "deck"


def _exam_date(c: _Checker, data: dict[Any, Any]) -> date | None:
    if "exam" not in data:
        return None
    raw = data["exam"]
    try:
        return date.fromisoformat(str(raw).strip())
    except ValueError:
        c.report(
            ("exam",), f"'exam' must be a date written YYYY-MM-DD, not {raw!r}", code="wrong-type"
        )
        return None


def parse_document(loaded: LoadedYaml, path: Path, filename: str | None = None) -> ParseResult:
    """Validate one loaded document; the deck holds only the cards without errors."""
    name = filename or str(path)
    c = _Checker(loaded, name)
    data = loaded.data
    if not isinstance(data, dict):
        c.report(
            (),
            f"a deck file must be a mapping with 'deck', 'title' and 'cards', not {_kind(data)}",
            code="wrong-type",
        )
        return ParseResult(None, c.problems)
    c.unknown_keys(data, (), DECK_KEYS, "the deck")
    deck_id = c.text(data, (), "deck", required=True)
    if deck_id is not None and (not DECK_ID_RE.match(deck_id) or len(deck_id) > MAX_ID_LENGTH):
        c.report(
            ("deck",),
            f"deck id {deck_id!r} must be a lowercase slug such as 'red-village' (letters, digits, '-')",
            code="bad-id",
        )
        deck_id = None
    title = c.text(data, (), "title", required=True)
    description = c.text(data, (), "description", required=False) or ""
    source = c.text(data, (), "source", required=False) or ""
    tags = c.text_list(data, (), "tags", required=False) or []
    exam = _exam_date(c, data)
    raw_cards = data.get("cards")
    cards: list[Card] = []
    if "cards" not in data:
        c.report((), "missing field 'cards' (a list of cards)", code="missing-field")
    elif not isinstance(raw_cards, list):
        c.report(("cards",), f"'cards' must be a list, not {_kind(raw_cards)}", code="wrong-type")
    elif len(raw_cards) > MAX_CARDS:
        c.report(
            ("cards",),
            f"the deck has {len(raw_cards):,} cards; the limit is {MAX_CARDS:,}",
            code="too-many",
        )
    else:
        seen_ids: dict[str, int] = {}
        for i, raw in enumerate(raw_cards):
            card = _card(c, raw, ("cards", i), deck_id or "?")
            ident = raw.get("id") if isinstance(raw, dict) else None
            if isinstance(ident, str):
                if ident in seen_ids:
                    c.report(
                        ("cards", i, "id"),
                        f"duplicate card id {ident!r} (first at line {seen_ids[ident]})",
                        code="duplicate-id",
                    )
                    continue
                seen_ids[ident] = card.line if card is not None else loaded.mark(("cards", i)).line
            if card is not None:
                cards.append(card)
        c.card_label = "deck"
        if not raw_cards:
            c.report(("cards",), "the deck has no cards", code="too-few")
    _warn_cards(c, cards)
    if deck_id is None or title is None:
        return ParseResult(None, c.problems)
    deck = Deck(
        id=deck_id,
        title=title,
        path=path,
        description=description,
        source=source,
        tags=tuple(tags),
        cards=tuple(cards),
        exam=exam,
    )
    return ParseResult(deck, c.problems)


def read_deck_file(path: Path, display: str | None = None) -> ParseResult:
    """Read and validate one deck file; unreadable files raise :class:`DeckError`."""
    name = display or str(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise DeckError(
                f"{name}:1:1: the file is {size / 1024 / 1024:.1f} MB; a deck may be at most "
                f"{MAX_FILE_BYTES // 1024 // 1024} MB (split it into several decks)"
            )
        data = path.read_bytes()
    except OSError as exc:
        raise DeckError(f"{name}: cannot read the deck: {exc.strerror or exc}") from None
    if b"\0" in data:
        raise DeckError(f"{name}:1:1: this is a binary file, not a YAML deck")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise DeckError(f"{name}:{line}:1: the file is not UTF-8 text (save it as UTF-8)") from None
    return parse_document(load_yaml(text, name), path, name)
