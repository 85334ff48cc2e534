"""``tiesquiz decks``: each deck's id, number of cards, title, cards by type and description,
wrapped to the terminal. Side by side when the title has room beside the id; otherwise the id
and count on a line, and the rest indented under it."""

from __future__ import annotations

from collections.abc import Sequence

from tiesquiz.deck.model import Deck
from tiesquiz.safety import safe
from tiesquiz.ui.render import wrap, wrap_items
from tiesquiz.ui.table import cells

#: Side by side only when the title has this many columns beside the id.
TITLE_ROOM = 40
STACKED = "  "


def _count(n: int) -> str:
    return f"{n} card{'s' if n != 1 else ''}"


def render_decks(decks: Sequence[Deck], width: int) -> list[str]:
    """A few lines a deck."""
    if not decks:
        return [
            wrap(
                "No decks found. Put .yaml decks in ./decks or a folder named in TIESQUIZ_DECKS.",
                "",
                width,
            )
        ]
    ids = [safe(d.id, multiline=False) for d in decks]
    id_width = max(cells(i) for i in ids)
    count_width = max(len(_count(len(d.cards))) for d in decks)
    indent = " " * (id_width + count_width + 4)
    side = width - len(indent) >= TITLE_ROOM
    lines = []
    for deck_id, deck in zip(ids, decks, strict=True):
        title = safe(deck.title, multiline=False)
        types = [f"{n} {t}" for t, n in deck.counts_by_type().items()]
        if side:
            head = f"{deck_id}{' ' * (id_width - cells(deck_id))}  {_count(len(deck.cards)):>{count_width}}  "
            lines.append(wrap(head + title, "", width, hang=indent))
            under = indent
        else:
            if lines:
                lines.append("")
            lines.append(wrap(f"{deck_id} ({_count(len(deck.cards))})", "", width, hang=STACKED))
            lines.append(wrap(title, STACKED, width))
            under = STACKED
        lines.append(wrap_items(types, ", ", under, width))
        if deck.description:
            lines.append(wrap(safe(deck.description, multiline=False), under, width))
    return lines
