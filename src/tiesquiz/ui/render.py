"""Plain-text renderings of decks and cards, shared by ``show``, the linter and plain mode."""

from __future__ import annotations

import textwrap

from tiesquiz.deck.model import (
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
from tiesquiz.ui.safe import safe

WIDTH = 80


def wrap(text: str, indent: str = "", width: int = WIDTH) -> str:
    """Wrap to 80 columns, keeping the author's line breaks."""
    lines = []
    for para in safe(text).splitlines() or [""]:
        lines.append(
            textwrap.fill(para, width=width, initial_indent=indent, subsequent_indent=indent)
            if para.strip()
            else ""
        )
    return "\n".join(lines)


def prompt_text(card: Card) -> str:
    """What the student reads: the question, or for cloze the sentence with blanks."""
    if isinstance(card, ClozeCard):
        return card.blanked()
    return card.question


def numbered(options: list[str] | tuple[str, ...], indent: str = "  ") -> list[str]:
    return [f"{indent}{i}. {safe(opt, multiline=False)}" for i, opt in enumerate(options, 1)]


def instructions(card: Card) -> str:
    """One line saying how to answer, for plain mode and ``show``."""
    if isinstance(card, ChoiceCard):
        return "Choose one."
    if isinstance(card, MultiCard):
        return "Select all that apply."
    if isinstance(card, TrueFalseCard):
        return "True or false?"
    if isinstance(card, TypedCard):
        return "Type the answer."
    if isinstance(card, ClozeCard):
        return (
            "Fill in the blank." if len(card.gaps) == 1 else f"Fill in the {len(card.gaps)} blanks."
        )
    if isinstance(card, OrderCard):
        return "Put these in the right order."
    if isinstance(card, MatchCard):
        return "Match each item on the left with one on the right."
    return "Recall the answer, then reveal it."


def render_card(card: Card, number: int, *, answers: bool) -> str:
    """A card as ``show`` prints it, in deck order (options unshuffled so a teacher can check)."""
    head = f"{number}. [{card.type}] {safe(card.id, multiline=False)}"
    lines = [head, wrap(prompt_text(card), "   "), f"   ({instructions(card)})"]
    if isinstance(card, ChoiceCard | MultiCard):
        lines += numbered(list(card.options), "     ")
    elif isinstance(card, OrderCard):
        lines += numbered(sorted(card.items, key=str.casefold), "     ")
    elif isinstance(card, MatchCard):
        rights = sorted((r for _, r in card.pairs), key=str.casefold)
        for i, (left, _) in enumerate(card.pairs, 1):
            right = rights[i - 1]
            lines.append(
                f"     {i}. {safe(left, multiline=False):<34} {chr(96 + i)}) {safe(right, multiline=False)}"
            )
    if card.hint:
        lines.append(f"   Hint: {safe(card.hint, multiline=False)}")
    if answers:
        lines.append(wrap(f"Answer: {card.answer_text()}", "   → "))
        if isinstance(card, TypedCard) and card.accept:
            lines.append(f"     also accepted: {safe(', '.join(card.accept), multiline=False)}")
        if isinstance(card, TypedCard) and card.tolerance:
            lines.append(f"     within ± {card.tolerance:g}")
        if isinstance(card, ClozeCard):
            lines.append(wrap(card.filled(), "     "))
        if card.explanation:
            lines.append(wrap(card.explanation, "     "))
        if card.source:
            lines.append(f"     Source: {safe(card.source, multiline=False)}")
    return "\n".join(lines)


def render_deck(deck: Deck, *, answers: bool) -> str:
    head = f"{safe(deck.title, multiline=False)}  ({deck.id}, {len(deck.cards)} cards)"
    parts = [head, "=" * min(len(head), WIDTH)]
    if deck.description:
        parts.append(wrap(deck.description))
    parts.append("")
    for i, card in enumerate(deck.cards, 1):
        parts.append(render_card(card, i, answers=answers))
        parts.append("")
    return "\n".join(parts)
