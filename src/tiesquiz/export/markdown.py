"""A printable worksheet (questions, options, blanks) and a separate answer key."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

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
from tiesquiz.export.arrange import Arrange, alphabetical

BLANK = "\\_\\_\\_\\_\\_\\_\\_\\_"


def answer_key_path(path: Path) -> Path:
    return path.with_name(f"{path.stem}-answers{path.suffix or '.md'}")


def _md(text: str) -> str:
    """Escape what Markdown would otherwise render as markup."""
    for ch in "\\`*_[]<>#|":
        text = text.replace(ch, "\\" + ch)
    return text.replace("\n", "  \n")


def _blanked(card: Card) -> str:
    """The question, with each cloze gap a line to write on."""
    if not isinstance(card, ClozeCard):
        return _md(card.question)
    q = _md(GAP_RE.sub("\0", card.question))
    for i in range(len(card.gaps)):
        q = q.replace("\0", f"({i + 1}) {BLANK}" if len(card.gaps) > 1 else BLANK, 1)
    return q


def _ticks(card: Card, arrange: Arrange) -> list[str]:
    assert isinstance(card, ChoiceCard | MultiCard)
    hint = "Tick one." if isinstance(card, ChoiceCard) else "Tick all that apply."
    return [f"*{hint}*", "", *(f"- [ ] {_md(o)}" for o in arrange(card, card.options))]


def _true_false(card: Card, arrange: Arrange) -> list[str]:
    return ["- [ ] True\n- [ ] False"]


def _write_in(card: Card, arrange: Arrange) -> list[str]:
    return [f"Answer: {BLANK}{BLANK}"]


def _nothing(card: Card, arrange: Arrange) -> list[str]:
    return []


def _order(card: Card, arrange: Arrange) -> list[str]:
    assert isinstance(card, OrderCard)
    items = arrange(card, card.items)
    return ["*Number them in order.*", "", *(f"- ( ) {_md(i)}" for i in items)]


def _rights(card: MatchCard, arrange: Arrange) -> list[str]:
    return arrange(card, [r for _, r in card.pairs])


def _match(card: Card, arrange: Arrange) -> list[str]:
    assert isinstance(card, MatchCard)
    rights = _rights(card, arrange)
    return [
        "*Write the letter of the matching item.*",
        "",
        *(
            f"- {_md(left)} ( )   {chr(97 + i)}) {_md(rights[i])}"
            for i, (left, _) in enumerate(card.pairs)
        ),
    ]


#: What the worksheet prints under each question, by card type.
SHEET: dict[type[Card], Callable[[Card, Arrange], list[str]]] = {
    FlashCard: _write_in,
    ChoiceCard: _ticks,
    MultiCard: _ticks,
    TrueFalseCard: _true_false,
    TypedCard: _write_in,
    ClozeCard: _nothing,
    OrderCard: _order,
    MatchCard: _match,
}


def _key_match(card: Card, arrange: Arrange) -> str:
    assert isinstance(card, MatchCard)
    rights = _rights(card, arrange)
    return "; ".join(
        f"{_md(left)} → {chr(97 + rights.index(right))}) {_md(right)}" for left, right in card.pairs
    )


def _key_answer(card: Card, arrange: Arrange) -> str:
    return _md(card.answer_text())


#: The answer key's line, by card type (matching names the letters the worksheet printed).
KEY: dict[type[Card], Callable[[Card, Arrange], str]] = {
    FlashCard: _key_answer,
    ChoiceCard: _key_answer,
    MultiCard: _key_answer,
    TrueFalseCard: _key_answer,
    TypedCard: _key_answer,
    ClozeCard: _key_answer,
    OrderCard: _key_answer,
    MatchCard: _key_match,
}


def to_markdown(
    decks: Sequence[Deck], arrange: Arrange = alphabetical, version: str = ""
) -> tuple[str, str]:
    """The worksheet and its answer key; ``arrange`` orders options, and ``version`` (a letter)
    heads both, for shuffled versions of one quiz."""
    sheet: list[str] = []
    key: list[str] = []
    number = 0
    label = f" (version {version})" if version else ""
    for deck in decks:
        sheet += [
            f"# {_md(deck.title)}{label}",
            "",
            "Name: ______________________  Date: ____________",
            "",
        ]
        key += [f"# {_md(deck.title)}{label}: answer key", ""]
        for card in deck.cards:
            number += 1
            sheet.append(f"**{number}.** {_blanked(card)}")
            sheet.append("")
            sheet += SHEET[type(card)](card, arrange)
            sheet.append("")
            key.append(f"**{number}.** {KEY[type(card)](card, arrange)}")
            if card.explanation:
                # Its own quoted paragraph: an indented line would run on into the answer's.
                key += ["", *(f"> {line}" for line in _md(card.explanation).split("\n"))]
            key.append("")
    return "\n".join(sheet).rstrip() + "\n", "\n".join(key).rstrip() + "\n"
