"""A printable worksheet (questions, options, blanks) and a separate answer key.

What a card prints is looked up by its class in :data:`SHEET` and :data:`KEY`; a type without an
entry is printed from what it can do: its options to tick, a line to write on, or its gaps.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from pathlib import Path

from tiesquiz.atomic import write_atomic
from tiesquiz.deck.model import GAP_RE, Card, Deck, MatchCard, OrderCard, TrueFalseCard
from tiesquiz.deck.registry import CardTable
from tiesquiz.export.arrange import Arrange, alphabetical

BLANK = "\\_\\_\\_\\_\\_\\_\\_\\_"


def answer_key_path(path: Path) -> Path:
    return path.with_name(f"{path.stem}-answers{path.suffix or '.md'}")


#: Characters Markdown reads as markup anywhere: emphasis, code, links, HTML, entities, tables,
#: strikethrough, headings and quotes.
_INLINE = re.compile(r"[\\`*_\[\]<>#|&~!]")
#: What begins a block at the start of a line, where an escape is needed: a list item (``-``,
#: ``+``, ``1.``, ``1)``), a heading's underline or a thematic break (``---``, ``===``).
_BLOCK = re.compile(r"^([-+=]|\d+(?=[.)]))", re.M)
#: Spaces at the start of a line would make code of it, after a blank line or in a quote.
_INDENT = re.compile(r"^[ \t]+", re.M)


def _md(text: str) -> str:
    """Text as Markdown shows it, never as Markdown's structure: characters that are markup
    backslashed, a line that would begin a list, a heading or a rule made text, its leading
    spaces kept as no-break spaces, each line break kept (a hard break)."""
    text = _INLINE.sub(lambda m: "\\" + m.group(0), text.replace("\r\n", "\n"))
    text = _INDENT.sub(lambda m: "\u00a0" * len(m.group(0).expandtabs(4)), text)
    text = _BLOCK.sub(
        lambda m: m.group(0) + "\\" if m.group(0)[0].isdigit() else "\\" + m.group(0), text
    )
    return text.replace("\n", "  \n")


def _line(text: str) -> str:
    """Text for one line (a heading): its line breaks made spaces."""
    return _md(" ".join(text.splitlines()))


def _blanked(card: Card) -> str:
    """The question, with each gap (if it has any) a line to write on."""
    gaps = len(card.gap_forms)
    if not gaps:
        return _md(card.question)
    q = _md(GAP_RE.sub("\0", card.question))
    for i in range(gaps):
        q = q.replace("\0", f"({i + 1}) {BLANK}" if gaps > 1 else BLANK, 1)
    return q


def _ticks(card: Card, arrange: Arrange) -> list[str]:
    hint = "Tick one." if card.picks_one else "Tick all that apply."
    return [f"*{hint}*", "", *(f"- [ ] {_md(o)}" for o in arrange(card, card.options))]


def _by_what_it_has(card: Card, arrange: Arrange) -> list[str]:
    """Options to tick; nothing under a sentence with gaps; else a line to write on."""
    if card.options:
        return _ticks(card, arrange)
    return [] if card.gap_forms else [f"Answer: {BLANK}{BLANK}"]


#: What the worksheet prints under each question.
SHEET: CardTable[Callable[[Card, Arrange], list[str]]] = CardTable(
    "export.markdown.sheet", default=_by_what_it_has
)


@SHEET.register(TrueFalseCard)
def _true_false(card: Card, arrange: Arrange) -> list[str]:
    return ["- [ ] True\n- [ ] False"]


@SHEET.register(OrderCard)
def _order(card: OrderCard, arrange: Arrange) -> list[str]:
    items = arrange(card, card.items)
    return ["*Number them in order.*", "", *(f"- ( ) {_md(i)}" for i in items)]


def _rights(card: MatchCard, arrange: Arrange) -> list[str]:
    return arrange(card, [r for _, r in card.pairs])


@SHEET.register(MatchCard)
def _match(card: MatchCard, arrange: Arrange) -> list[str]:
    rights = _rights(card, arrange)
    return [
        "*Write the letter of the matching item.*",
        "",
        *(
            f"- {_md(left)} ( )   {chr(97 + i)}) {_md(rights[i])}"
            for i, (left, _) in enumerate(card.pairs)
        ),
    ]


def _key_answer(card: Card, arrange: Arrange) -> str:
    return _md(card.answer_text())


#: The answer key's line (matching names the letters the worksheet printed).
KEY: CardTable[Callable[[Card, Arrange], str]] = CardTable(
    "export.markdown.key", default=_key_answer
)


@KEY.register(MatchCard)
def _key_match(card: MatchCard, arrange: Arrange) -> str:
    rights = _rights(card, arrange)
    return "; ".join(
        f"{_md(left)} → {chr(97 + rights.index(right))}) {_md(right)}" for left, right in card.pairs
    )


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
            f"# {_line(deck.title)}{label}",
            "",
            "Name: ______________________  Date: ____________",
            "",
        ]
        key += [f"# {_line(deck.title)}{label}: answer key", ""]
        for card in deck.cards:
            number += 1
            sheet.append(f"**{number}.** {_blanked(card)}")
            sheet.append("")
            sheet += SHEET[card](card, arrange)
            sheet.append("")
            key.append(f"**{number}.** {KEY[card](card, arrange)}")
            if card.explanation:
                # Its own quoted paragraph: an indented line would run on into the answer's.
                key += ["", *(f"> {line}" for line in _md(card.explanation).split("\n"))]
            key.append("")
    return "\n".join(sheet).rstrip() + "\n", "\n".join(key).rstrip() + "\n"


def files(path: Path) -> list[Path]:
    return [path, answer_key_path(path)]


def write(
    decks: Sequence[Deck], path: Path, arrange: Arrange | None = None, version: str = ""
) -> list[Path]:
    worksheet, key = to_markdown(decks, arrange or alphabetical, version)
    write_atomic(path, worksheet)
    write_atomic(answer_key_path(path), key)
    return files(path)
