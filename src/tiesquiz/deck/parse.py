"""Turn a YAML document into a :class:`Deck`, collecting every problem instead of stopping at one.

The rules here are the deck format's contract (``docs/deck-format.md``); the JSON Schema in
``schema.json`` says the same for editors, and a test keeps the two in step. The checker
(:mod:`.checker`) reads typed values and reports; each card type's fields are built in
:mod:`.builders`.
"""

from __future__ import annotations

import difflib
import re
from datetime import date
from pathlib import Path
from typing import Any

from tiesquiz.deck.builders import BUILDERS, TYPE_KEYS
from tiesquiz.deck.checker import Checker, kind
from tiesquiz.deck.model import CARD_TYPES, Card, Deck
from tiesquiz.deck.problems import ParseResult, Problem
from tiesquiz.deck.writing.rules import IGNORABLE
from tiesquiz.deck.yamlio import LoadedYaml, Mark, Path_

__all__ = ["ParseResult", "Problem", "parse_document"]

DECK_ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
CARD_ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
MAX_ID_LENGTH = 64
#: Documented limits (docs/deck-format.md, "Limits").
MAX_CARDS = 20_000

DECK_KEYS = ("deck", "title", "description", "source", "tags", "exam", "lint", "cards")
COMMON_KEYS = ("id", "type", "question", "explanation", "source", "tags", "hint", "lint")


def _card(checker: Checker, raw: Any, path: Path_, deck_id: str) -> Card | None:
    if not isinstance(raw, dict):
        checker.card_label = f"card #{int(path[-1]) + 1}"
        checker.report(
            path, f"a card must be a mapping of fields, not {kind(raw)}", code="wrong-type"
        )
        return None
    card_id = raw.get("id")
    checker.card_label = (
        str(card_id) if isinstance(card_id, str | int) else f"card #{int(path[-1]) + 1}"
    )
    errors_before = checker.error_count

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
        "lint_ignore": _lint_ignore(checker, raw, path),
    }
    build = BUILDERS[ctype]
    specific = build(checker, raw, path, question)
    if checker.error_count > errors_before or ident is None or question is None or specific is None:
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


def _lint_ignore(c: Checker, obj: dict[Any, Any], path: Path_) -> frozenset[str]:
    """``lint: {ignore: [rule, ...]}``: warnings switched off, each a rule the linter knows."""
    if "lint" not in obj:
        return frozenset()
    value = obj["lint"]
    here = (*path, "lint")
    if not isinstance(value, dict):
        c.report(
            here,
            f"'lint' must be a mapping such as {{ignore: [no-source]}}, not {kind(value)}",
            code="wrong-type",
        )
        return frozenset()
    c.unknown_keys(value, here, ("ignore",), "'lint'")
    rules = c.text_list(value, here, "ignore", required=True) or []
    known = []
    for i, rule in enumerate(rules):
        if rule in IGNORABLE:
            known.append(rule)
            continue
        close = difflib.get_close_matches(rule, IGNORABLE, n=1)
        hint = f"did you mean '{close[0]}'?" if close else "see docs/deck-format.md for the rules"
        c.report((*here, "ignore", i), f"unknown lint rule {rule!r}; {hint}", code="unknown-rule")
    return frozenset(known)


def _warn_cards(c: Checker, cards: list[Card], deck_ignore: frozenset[str]) -> None:
    """Warnings: what a good card has but the format does not require."""
    questions: dict[str, Card] = {}
    for card in cards:
        c.card_label = card.id
        skip = card.lint_ignore | deck_ignore
        where = Mark(card.line, card.col)
        if not card.explanation and "no-explanation" not in skip:
            c.report(
                (),
                "no explanation: students learn from it after answering",
                code="no-explanation",
                severity="warning",
                mark=where,
            )
        if not card.source and "no-source" not in skip:
            c.report(
                (),
                "no source: say where in the source text this comes from",
                code="no-source",
                severity="warning",
                mark=where,
            )
        folded = " ".join(card.question.casefold().split())
        first = questions.get(folded)
        if first is not None and "duplicate-question" not in skip:
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


def _exam_date(c: Checker, data: dict[Any, Any]) -> date | None:
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
    c = Checker(loaded, name)
    data = loaded.data
    if not isinstance(data, dict):
        c.report(
            (),
            f"a deck file must be a mapping with 'deck', 'title' and 'cards', not {kind(data)}",
            code="wrong-type",
        )
        return ParseResult(None, c.problems)
    c.unknown_keys(data, (), DECK_KEYS, "the deck")
    deck_id = _deck_id(c, data)
    title = c.text(data, (), "title", required=True)
    description = c.text(data, (), "description", required=False) or ""
    source = c.text(data, (), "source", required=False) or ""
    tags = c.text_list(data, (), "tags", required=False) or []
    exam = _exam_date(c, data)
    deck_ignore = _lint_ignore(c, data, ())
    cards = _cards(c, data, deck_id or "?")
    _warn_cards(c, cards, deck_ignore)
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
        lint_ignore=deck_ignore,
    )
    return ParseResult(deck, c.problems)


def _deck_id(c: Checker, data: dict[Any, Any]) -> str | None:
    """The deck's id, None (reported) when missing or not a slug: progress is stored under it."""
    deck_id = c.text(data, (), "deck", required=True)
    if deck_id is not None and (not DECK_ID_RE.match(deck_id) or len(deck_id) > MAX_ID_LENGTH):
        c.report(
            ("deck",),
            f"deck id {deck_id!r} must be a lowercase slug such as 'red-village' (letters, digits, '-')",
            code="bad-id",
        )
        return None
    return deck_id


def _cards(c: Checker, data: dict[Any, Any], deck_id: str) -> list[Card]:
    """The deck's cards without errors; ``cards`` missing, not a list, empty or over the limit is
    reported as one problem of the deck."""
    raw_cards = data.get("cards")
    if "cards" not in data:
        c.report((), "missing field 'cards' (a list of cards)", code="missing-field")
        return []
    if not isinstance(raw_cards, list):
        c.report(("cards",), f"'cards' must be a list, not {kind(raw_cards)}", code="wrong-type")
        return []
    if len(raw_cards) > MAX_CARDS:
        c.report(
            ("cards",),
            f"the deck has {len(raw_cards):,} cards; the limit is {MAX_CARDS:,}",
            code="too-many",
        )
        return []
    cards = _each_card(c, raw_cards, deck_id)
    c.card_label = "deck"
    if not raw_cards:
        c.report(("cards",), "the deck has no cards", code="too-few")
    return cards


def _each_card(c: Checker, raw_cards: list[Any], deck_id: str) -> list[Card]:
    """Each card checked in turn; a card whose id was used before is reported, and dropped, at
    its second use, naming the line of the first (a card's id is its progress's key)."""
    cards: list[Card] = []
    seen_ids: dict[str, int] = {}
    for i, raw in enumerate(raw_cards):
        card = _card(c, raw, ("cards", i), deck_id)
        ident = raw.get("id") if isinstance(raw, dict) else None
        if isinstance(ident, str):
            if ident in seen_ids:
                c.report(
                    ("cards", i, "id"),
                    f"duplicate card id {ident!r} (first at line {seen_ids[ident]})",
                    code="duplicate-id",
                )
                continue
            seen_ids[ident] = card.line if card is not None else c.y.mark(("cards", i)).line
        if card is not None:
            cards.append(card)
    return cards
