"""A printable worksheet (questions, options, blanks) and a separate answer key."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from tiesquiz.deck.model import (
    GAP_RE,
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

BLANK = "\\_\\_\\_\\_\\_\\_\\_\\_"


def answer_key_path(path: Path) -> Path:
    return path.with_name(f"{path.stem}-answers{path.suffix or '.md'}")


def _md(text: str) -> str:
    """Escape what Markdown would otherwise render as markup."""
    for ch in "\\`*_[]<>#|":
        text = text.replace(ch, "\\" + ch)
    return text.replace("\n", "  \n")


def to_markdown(decks: Sequence[Deck]) -> tuple[str, str]:
    sheet: list[str] = []
    key: list[str] = []
    number = 0
    for deck in decks:
        sheet += [
            f"# {_md(deck.title)}",
            "",
            "Name: ______________________  Date: ____________",
            "",
        ]
        key += [f"# {_md(deck.title)}: answer key", ""]
        for card in deck.cards:
            number += 1
            if isinstance(card, ClozeCard):
                q = _md(GAP_RE.sub("\0", card.question))
                for i in range(len(card.gaps)):
                    q = q.replace("\0", f"({i + 1}) {BLANK}" if len(card.gaps) > 1 else BLANK, 1)
            else:
                q = _md(card.question)
            sheet.append(f"**{number}.** {q}")
            sheet.append("")
            if isinstance(card, ChoiceCard | MultiCard):
                hint = "Tick one." if isinstance(card, ChoiceCard) else "Tick all that apply."
                sheet.append(f"*{hint}*")
                sheet.append("")
                options = sorted(card.options, key=str.casefold)
                sheet += [f"- [ ] {_md(o)}" for o in options]
            elif isinstance(card, TrueFalseCard):
                sheet.append("- [ ] True\n- [ ] False")
            elif isinstance(card, TypedCard | FlashCard):
                sheet.append(f"Answer: {BLANK}{BLANK}")
            elif isinstance(card, OrderCard):
                sheet.append("*Number them in order.*")
                sheet.append("")
                sheet += [f"- ( ) {_md(i)}" for i in sorted(card.items, key=str.casefold)]
            elif isinstance(card, MatchCard):
                sheet.append("*Write the letter of the matching item.*")
                sheet.append("")
                rights = sorted((r for _, r in card.pairs), key=str.casefold)
                for i, (left, _) in enumerate(card.pairs):
                    sheet.append(f"- {_md(left)} ( )   {chr(97 + i)}) {_md(rights[i])}")
            sheet.append("")
            answer = _md(card.answer_text())
            if isinstance(card, MatchCard):
                rights = sorted((r for _, r in card.pairs), key=str.casefold)
                answer = "; ".join(
                    f"{_md(left)} → {chr(97 + rights.index(right))}) {_md(right)}"
                    for left, right in card.pairs
                )
            key.append(f"**{number}.** {answer}")
            if card.explanation:
                key.append(f"   {_md(card.explanation)}")
            key.append("")
    return "\n".join(sheet).rstrip() + "\n", "\n".join(key).rstrip() + "\n"
