"""Plain-text renderings of decks and cards, shared by ``show``, the linter and plain mode.

What differs by card type (the prompt, the one-line instruction, the options ``show`` lists and
the answer details) is looked up in one table per concern.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable

from tiesquiz.deck.model import (
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
from tiesquiz.safety import safe

WIDTH = 80


def wrap(text: str, indent: str = "", width: int = WIDTH, *, hang: str | None = None) -> str:
    """Wrap to ``width`` columns without breaking a word, keeping the author's line breaks.

    ``hang`` indents the lines after the first (a numbered option's text lines up under itself).
    """
    lines = []
    for para in safe(text).splitlines() or [""]:
        lines.append(
            textwrap.fill(
                para,
                width=width,
                initial_indent=indent,
                subsequent_indent=indent if hang is None else hang,
                break_long_words=False,
                break_on_hyphens=False,
            )
            if para.strip()
            else ""
        )
    return "\n".join(lines)


def prompt_text(card: Card) -> str:
    return card.prompt_text()


def numbered(
    options: list[str] | tuple[str, ...], indent: str = "  ", width: int = WIDTH
) -> list[str]:
    """Options numbered from 1, each wrapped with its later lines under its text."""
    lines = []
    for i, opt in enumerate(options, 1):
        mark = f"{indent}{i}. "
        lines.append(wrap(safe(opt, multiline=False), mark, width, hang=" " * len(mark)))
    return lines


def _cloze_instruction(card: Card) -> str:
    assert isinstance(card, ClozeCard)
    return "Fill in the blank." if len(card.gaps) == 1 else f"Fill in the {len(card.gaps)} blanks."


#: One line saying how to answer, for plain mode and ``show``.
INSTRUCTIONS: dict[type[Card], Callable[[Card], str]] = {
    FlashCard: lambda _: "Recall the answer, then reveal it.",
    ChoiceCard: lambda _: "Choose one.",
    MultiCard: lambda _: "Select all that apply.",
    TrueFalseCard: lambda _: "True or false?",
    TypedCard: lambda _: "Type the answer.",
    ClozeCard: _cloze_instruction,
    OrderCard: lambda _: "Put these in the right order.",
    MatchCard: lambda _: "Match each item on the left with one on the right.",
}


def instructions(card: Card) -> str:
    return INSTRUCTIONS[type(card)](card)


def _no_lines(card: Card) -> list[str]:
    return []


def _show_options(card: Card) -> list[str]:
    assert isinstance(card, ChoiceCard | MultiCard)
    return numbered(list(card.options), "     ")


def _show_items(card: Card) -> list[str]:
    assert isinstance(card, OrderCard)
    return numbered(sorted(card.items, key=str.casefold), "     ")


def _show_pairs(card: Card) -> list[str]:
    assert isinstance(card, MatchCard)
    rights = sorted((r for _, r in card.pairs), key=str.casefold)
    return [
        f"     {i}. {safe(left, multiline=False):<34} {chr(96 + i)}) {safe(rights[i - 1], multiline=False)}"
        for i, (left, _) in enumerate(card.pairs, 1)
    ]


#: What ``show`` lists under the question, in deck order (unshuffled, so a teacher can check).
SHOW_OPTIONS: dict[type[Card], Callable[[Card], list[str]]] = {
    FlashCard: _no_lines,
    ChoiceCard: _show_options,
    MultiCard: _show_options,
    TrueFalseCard: _no_lines,
    TypedCard: _no_lines,
    ClozeCard: _no_lines,
    OrderCard: _show_items,
    MatchCard: _show_pairs,
}


def _typed_details(card: Card) -> list[str]:
    assert isinstance(card, TypedCard)
    lines = []
    if card.accept:
        lines.append(f"     also accepted: {safe(', '.join(card.accept), multiline=False)}")
    if card.tolerance:
        lines.append(f"     within ± {card.tolerance:g}")
    return lines


def _cloze_details(card: Card) -> list[str]:
    return [wrap(card.filled_text(), "     ")]


#: What ``show --answers`` adds below the answer.
ANSWER_DETAILS: dict[type[Card], Callable[[Card], list[str]]] = {
    FlashCard: _no_lines,
    ChoiceCard: _no_lines,
    MultiCard: _no_lines,
    TrueFalseCard: _no_lines,
    TypedCard: _typed_details,
    ClozeCard: _cloze_details,
    OrderCard: _no_lines,
    MatchCard: _no_lines,
}


def render_card(card: Card, number: int, *, answers: bool) -> str:
    """A card as ``show`` prints it, in deck order."""
    head = f"{number}. [{card.type}] {safe(card.id, multiline=False)}"
    lines = [head, wrap(prompt_text(card), "   "), f"   ({instructions(card)})"]
    lines += SHOW_OPTIONS[type(card)](card)
    if card.hint:
        lines.append(f"   Hint: {safe(card.hint, multiline=False)}")
    if answers:
        lines.append(wrap(f"Answer: {card.answer_text()}", "   → "))
        lines += ANSWER_DETAILS[type(card)](card)
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
