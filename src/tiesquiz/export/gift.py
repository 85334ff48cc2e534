"""Moodle GIFT. One question per card, titled ``deck/card-id``; the explanation is the general
feedback (``####``).

Mapping: choice -> multiple choice; multi -> multiple choice with weights (right answers share
100%, wrong ones share -100%); truefalse -> true/false; typed -> short answer (all accepted forms)
or numerical with tolerance; match -> matching; order -> matching of each item to its position;
cloze -> missing word (GIFT allows one gap per question, so further gaps are shown filled in);
flashcard -> essay with the back as feedback.
"""

from __future__ import annotations

from collections.abc import Sequence

from tiesquiz.deck.model import (
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

SPECIAL = "\\~=#{}:"


def escape(text: str) -> str:
    """Backslash GIFT's special characters; newlines become ``\\n``."""
    out = "".join("\\" + ch if ch in SPECIAL else ch for ch in text)
    return out.replace("\r\n", "\n").replace("\n", "\\n")


def _weight(share: float) -> str:
    text = f"{share:.5f}".rstrip("0").rstrip(".")
    return text


def _feedback(card: Card) -> str:
    parts = [card.explanation, f"Source: {card.source}" if card.source else ""]
    text = " ".join(p for p in parts if p)
    return f" ####{escape(text)}" if text else ""


def _answers(card: Card) -> str:
    if isinstance(card, ChoiceCard):
        return " ".join([f"={escape(card.answer)}", *(f"~{escape(d)}" for d in card.distractors)])
    if isinstance(card, MultiCard):
        right = _weight(100 / len(card.answers))
        parts = [f"~%{right}%{escape(a)}" for a in card.answers]
        if card.distractors:
            wrong = _weight(-100 / len(card.distractors))
            parts += [f"~%{wrong}%{escape(d)}" for d in card.distractors]
        return " ".join(parts)
    if isinstance(card, TrueFalseCard):
        return "TRUE" if card.answer else "FALSE"
    if isinstance(card, TypedCard):
        if card.numeric:
            return f"#{card.answer}:{card.tolerance or 0:g}"
        return " ".join(f"={escape(a)}" for a in (card.answer, *card.accept))
    if isinstance(card, MatchCard):
        return " ".join(f"={escape(left)} -> {escape(right)}" for left, right in card.pairs)
    if isinstance(card, OrderCard):
        return " ".join(f"={escape(item)} -> {i}" for i, item in enumerate(card.items, 1))
    if isinstance(card, FlashCard):
        return ""
    raise TypeError(card.type)  # pragma: no cover


def question(card: Card) -> str:
    title = f"::{escape(card.key)}::"
    feedback = _feedback(card)
    if isinstance(card, ClozeCard):
        first = GAP_RE.search(card.question)
        assert first is not None
        before = GAP_RE.sub(
            lambda m: m.group(1).split("|")[0].strip(), card.question[: first.start()]
        )
        after = GAP_RE.sub(lambda m: m.group(1).split("|")[0].strip(), card.question[first.end() :])
        options = " ".join(f"={escape(o)}" for o in card.gaps[0])
        return f"{title}{escape(before)}{{{options}{feedback}}}{escape(after)}"
    if isinstance(card, OrderCard):
        text = f"{card.question} (Give each item its position: 1 is first.)"
    elif isinstance(card, FlashCard):
        back = f" ####{escape(card.answer)}" + (
            f" — {escape(card.explanation)}" if card.explanation else ""
        )
        return f"{title}{escape(card.question)}{{{back}}}"
    else:
        text = card.question
    return f"{title}{escape(text)}{{{_answers(card)}{feedback}}}"


def to_gift(decks: Sequence[Deck]) -> str:
    blocks = []
    for deck in decks:
        blocks.append(f"$CATEGORY: tiesquiz/{deck.id}")
        blocks.extend(question(card) for card in deck.cards)
    return "\n\n".join(blocks) + "\n"
