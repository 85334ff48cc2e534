"""Moodle GIFT. One question per card, titled ``deck/card-id``; the explanation is the general
feedback (``####``).

Mapping: choice -> multiple choice; multi -> multiple choice with weights (right answers share
100%, wrong ones share -100%); truefalse -> true/false; typed -> short answer (all accepted forms)
or numerical with tolerance; match -> matching; order -> matching of each item to its position;
cloze -> missing word (GIFT allows one gap per question, so further gaps are shown filled in);
flashcard, and any type with no entry in :data:`QUESTIONS` -> essay with the answer as feedback.
Every question is in Moodle's plain-text format (``[plain]``): HTML in a deck is text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from pathlib import Path

from tiesquiz.atomic import write_atomic
from tiesquiz.deck.model import (
    GAP_RE,
    Card,
    ChoiceCard,
    ClozeCard,
    Deck,
    MatchCard,
    MultiCard,
    OrderCard,
    TrueFalseCard,
    TypedCard,
)
from tiesquiz.deck.registry import CardTable
from tiesquiz.export.arrange import Arrange

SPECIAL = "\\~=#{}:"
#: An invisible break for what GIFT gives meaning to but cannot backslash (Moodle's parser escapes
#: only ``\\ ~ = # { } :``): a leading ``%50%`` weight (``^%-*[0-9]{1,2}\\.?[0-9]*%`` in Moodle's
#: format.php would make a distractor ``%100%Baku`` a right answer), a leading ``[html]``-style
#: format tag, and the ``->`` that splits a matching pair.
ZWSP = "\u200b"


_NEEDS = re.compile(r"[\\~=#{}:\n]")
#: What a text that starts with ``%`` or ``[`` after its spaces can start with.
_LEADS = frozenset(
    "%[\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005"
    "\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)


def escape(text: str) -> str:
    """Text as GIFT shows it, never as GIFT syntax: special characters backslashed, newlines as
    ``\\n``, and a leading weight or format tag or a ``->`` broken by an invisible space."""
    out = text
    if _NEEDS.search(out) is not None:  # most text has nothing to escape
        for ch in SPECIAL:  # the backslash first, so that none added is doubled
            if ch in out:
                out = out.replace(ch, "\\" + ch)
        out = out.replace("\r\n", "\n").replace("\n", "\\n")
    if "->" in out:
        out = out.replace("->", "-" + ZWSP + ">")
    if out[:1] in _LEADS and out.lstrip().startswith(("%", "[")):
        out = ZWSP + out
    return out


def _weight(share: float) -> str:
    text = f"{share:.5f}".rstrip("0").rstrip(".")
    return text


def _feedback(card: Card) -> str:
    explanation, source = card.explanation, card.source
    if source:
        text = f"{explanation} Source: {source}" if explanation else f"Source: {source}"
    else:
        text = explanation
    return f" ####{escape(text)}" if text else ""


def _as_written(card: Card, texts: Sequence[str]) -> list[str]:
    return list(texts)


def question(card: Card, arrange: Arrange = _as_written) -> str:
    """One GIFT question: ``::title::text{answers ####feedback}``; ``arrange`` orders a choice's
    options (Moodle shuffles them again unless told not to)."""
    return QUESTIONS[card](card, arrange)


#: Every question's text format: Moodle then shows the text, options and feedback as written,
#: HTML in them included (its default format would run that HTML). The answers take the
#: question's format, and a format tag at an answer's start is broken by :func:`escape`.
PLAIN = "[plain]"


def _title(card: Card) -> str:
    return f"::{escape(card.key)}::{PLAIN}"


def _with_answers(card: Card, answers: str, text: str | None = None) -> str:
    return f"{_title(card)}{escape(card.question if text is None else text)}{{{answers}{_feedback(card)}}}"


def _essay(card: Card, arrange: Arrange = _as_written) -> str:
    back = f" ####{escape(card.answer_text())}" + (
        f" — {escape(card.explanation)}" if card.explanation else ""
    )
    return f"{_title(card)}{escape(card.question)}{{{back}}}"


#: Each type's GIFT question; a type without one is an essay with its answer as feedback.
QUESTIONS: CardTable[Callable[[Card, Arrange], str]] = CardTable("export.gift", default=_essay)


@QUESTIONS.register(ChoiceCard)
def _(card: ChoiceCard, arrange: Arrange = _as_written) -> str:
    answers = [
        f"={escape(o)}" if o == card.answer else f"~{escape(o)}"
        for o in arrange(card, card.options)
    ]
    return _with_answers(card, " ".join(answers))


@QUESTIONS.register(MultiCard)
def _(card: MultiCard, arrange: Arrange = _as_written) -> str:
    right = _weight(100 / len(card.answers))
    wrong = _weight(-100 / len(card.distractors)) if card.distractors else ""
    parts = [
        f"~%{right if o in card.answers else wrong}%{escape(o)}"
        for o in arrange(card, card.options)
    ]
    return _with_answers(card, " ".join(parts))


@QUESTIONS.register(TrueFalseCard)
def _(card: TrueFalseCard, arrange: Arrange = _as_written) -> str:
    return _with_answers(card, "TRUE" if card.answer else "FALSE")


@QUESTIONS.register(TypedCard)
def _(card: TypedCard, arrange: Arrange = _as_written) -> str:
    if card.numeric:
        return _with_answers(card, f"#{card.answer}:{card.tolerance or 0:g}")
    return _with_answers(card, " ".join(f"={escape(a)}" for a in (card.answer, *card.accept)))


@QUESTIONS.register(MatchCard)
def _(card: MatchCard, arrange: Arrange = _as_written) -> str:
    pairs = (f"={escape(left)} -> {escape(right)}" for left, right in card.pairs)
    return _with_answers(card, " ".join(pairs))


@QUESTIONS.register(OrderCard)
def _(card: OrderCard, arrange: Arrange = _as_written) -> str:
    positions = (f"={escape(item)} -> {i}" for i, item in enumerate(card.items, 1))
    text = f"{card.question} (Give each item its position: 1 is first.)"
    return _with_answers(card, " ".join(positions), text)


@QUESTIONS.register(ClozeCard)
def _(card: ClozeCard, arrange: Arrange = _as_written) -> str:
    first = GAP_RE.search(card.question)
    assert first is not None
    before = GAP_RE.sub(lambda m: m.group(1).split("|")[0].strip(), card.question[: first.start()])
    after = GAP_RE.sub(lambda m: m.group(1).split("|")[0].strip(), card.question[first.end() :])
    options = " ".join(f"={escape(o)}" for o in card.gaps[0])
    return f"{_title(card)}{escape(before)}{{{options}{_feedback(card)}}}{escape(after)}"


def to_gift(decks: Sequence[Deck], arrange: Arrange = _as_written, version: str = "") -> str:
    blocks = []
    writers: dict[type[Card], Callable[[Card, Arrange], str]] = {}  # each type's, looked up once
    for deck in decks:
        category = f"tiesquiz/{deck.id}" + (f"/version-{version}" if version else "")
        blocks.append(f"$CATEGORY: {category}")
        for card in deck.cards:
            kind = type(card)
            writer = writers.get(kind)
            if writer is None:
                writer = writers[kind] = QUESTIONS[kind]
            blocks.append(writer(card, arrange))
    return "\n\n".join(blocks) + "\n"


def files(path: Path) -> list[Path]:
    return [path]


def write(
    decks: Sequence[Deck], path: Path, arrange: Arrange | None = None, version: str = ""
) -> list[Path]:
    write_atomic(path, to_gift(decks, arrange or _as_written, version))
    return [path]
