"""Plain-text pieces shared by ``show`` and the prompts: wrapping, numbered options, and the
one-line instruction for each card type (looked up in a table)."""

from __future__ import annotations

import textwrap
from collections.abc import Callable

from tiesquiz.deck.model import (
    Card,
    ChoiceCard,
    ClozeCard,
    FlashCard,
    MatchCard,
    MultiCard,
    OrderCard,
    TrueFalseCard,
    TypedCard,
)
from tiesquiz.deck.registry import CardTable
from tiesquiz.safety import safe

WIDTH = 80


def wrap(text: str, indent: str = "", width: int = WIDTH, *, hang: str | None = None) -> str:
    """Wrap to ``width`` columns, keeping the author's line breaks. A word is broken only when
    it is longer than a whole line (a path, a web address): it would overflow otherwise.

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
                break_long_words=True,
                break_on_hyphens=False,
            )
            if para.strip()
            else ""
        )
    return "\n".join(lines).replace(KEEP, " ")


#: A space that :func:`wrap` never breaks a line at (printed as a space).
KEEP = "\ue000"


def wrap_items(
    items: list[str] | tuple[str, ...], sep: str, indent: str, width: int, hang: str | None = None
) -> str:
    """Items joined by ``sep`` and wrapped between them, never inside one (unless it is longer
    than a line): 'answered 5/5' or '2 typed' stays on one line."""
    return wrap(sep.join(item.replace(" ", KEEP) for item in items), indent, width, hang=hang)


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


#: One line saying how to answer, for plain mode and ``show`` (no default: it is a sentence).
INSTRUCTIONS: CardTable[Callable[[Card], str]] = CardTable("ui.instructions")
INSTRUCTIONS.register(FlashCard)(lambda _: "Recall the answer, then reveal it.")
INSTRUCTIONS.register(ChoiceCard)(lambda _: "Choose one.")
INSTRUCTIONS.register(MultiCard)(lambda _: "Select all that apply.")
INSTRUCTIONS.register(TrueFalseCard)(lambda _: "True or false?")
INSTRUCTIONS.register(TypedCard)(lambda _: "Type the answer.")
INSTRUCTIONS.register(OrderCard)(lambda _: "Put these in the right order.")
INSTRUCTIONS.register(MatchCard)(lambda _: "Match each item on the left with one on the right.")


@INSTRUCTIONS.register(ClozeCard)
def _cloze_instruction(card: ClozeCard) -> str:
    n = len(card.gaps)
    return "Fill in the blank." if n == 1 else f"Fill in the {n} blanks."


def instructions(card: Card) -> str:
    return INSTRUCTIONS[card](card)
