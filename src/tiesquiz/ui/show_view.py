"""``tiesquiz show``: every card of a deck as the student sees it, and with ``--answers`` every
accepted answer, for a teacher to proofread. Wrapped to the terminal; a wrapped line continues
under its own text, so an arrow or a number only ever starts an item.

What differs by card type (the options listed, the answer lines) is looked up in one table each;
a type without an entry lists its options (if any) and its answer text.
"""

from __future__ import annotations

import random
import zlib
from collections.abc import Callable

from tiesquiz.deck.model import Card, ClozeCard, Deck, MatchCard, MultiCard, OrderCard, TypedCard
from tiesquiz.deck.registry import CardTable
from tiesquiz.safety import safe
from tiesquiz.ui.render import WIDTH, instructions, numbered, prompt_text, wrap

#: Card lines are indented under the card's number; answer lines under the answer's arrow.
BODY = "   "
DETAIL = "     "

Lines = Callable[[Card, int], list[str]]
#: The options, with ``--answers``: each right one marked.
Options = Callable[[Card, int, bool], list[str]]
RIGHT = "✓ "


def shuffled(card: Card, items: tuple[str, ...] | list[str]) -> list[str]:
    """The items in a shuffled order that is the same every time for this card, as a student
    might see them: the deck's order (the answer often first) gives nothing away."""
    order = list(items)
    random.Random(zlib.crc32(card.key.encode("utf-8", "surrogatepass"))).shuffle(order)
    return order


def _show_options(card: Card, width: int, answers: bool) -> list[str]:
    """The options, shuffled as a student might see them; with the answers, the right ones
    marked. Nothing if it has none."""
    right = set(card.right_options) if answers else set()
    options = [f"{RIGHT}{o}" if o in right else o for o in shuffled(card, card.options)]
    return numbered(options, DETAIL, width)


#: What ``show`` lists under the question.
SHOW_OPTIONS: CardTable[Options] = CardTable("ui.show.options", default=_show_options)


@SHOW_OPTIONS.register(OrderCard)
def _show_items(card: OrderCard, width: int, answers: bool) -> list[str]:
    return numbered(shuffled(card, card.items), DETAIL, width)


def _lettered(items: list[str], width: int) -> list[str]:
    lines = []
    for i, item in enumerate(items):
        mark = f"{DETAIL}{chr(97 + i)}) "
        lines.append(wrap(safe(item, multiline=False), mark, width, hang=" " * len(mark)))
    return lines


@SHOW_OPTIONS.register(MatchCard)
def _show_pairs(card: MatchCard, width: int, answers: bool) -> list[str]:
    rights = shuffled(card, [r for _, r in card.pairs])
    return [
        *numbered([left for left, _ in card.pairs], DETAIL, width),
        *_lettered(rights, width),
    ]


def _arrowed(text: str, width: int) -> str:
    """An answer line: the arrow starts it, and its continuation lines sit under its text."""
    return wrap(text, f"{BODY}→ ", width, hang=DETAIL)


def _answer(card: Card, width: int) -> list[str]:
    return [_arrowed(f"Answer: {card.answer_text()}", width)]


#: What ``show --answers`` prints as the answer, with every accepted form.
ANSWER_LINES: CardTable[Lines] = CardTable("ui.show.answers", default=_answer)


@ANSWER_LINES.register(TypedCard)
def _typed_answer(card: TypedCard, width: int) -> list[str]:
    lines = _answer(card, width)
    if card.accept:
        lines.append(wrap(f"also accepted: {'; '.join(card.accept)}", DETAIL, width))
    if card.tolerance:
        lines.append(f"{DETAIL}within ± {card.tolerance:g}")
    return lines


@ANSWER_LINES.register(ClozeCard)
def _cloze_answer(card: ClozeCard, width: int) -> list[str]:
    lines = [_arrowed(f"Answer: {card.filled_text()}", width)]
    for i, forms in enumerate(card.gaps, 1):
        label = "gap:" if len(card.gaps) == 1 else f"gap {i}:"
        also = f" (also accepted: {'; '.join(forms[1:])})" if len(forms) > 1 else ""
        lines.append(wrap(f"{label} {forms[0]}{also}", DETAIL, width, hang=DETAIL + "  "))
    for group in card.groups:
        numbers = ", ".join(str(g + 1) for g in group)
        lines.append(wrap(f"gaps {numbers} may be given in any order", DETAIL, width))
    return lines


@ANSWER_LINES.register(OrderCard)
def _order_answer(card: OrderCard, width: int) -> list[str]:
    return [_arrowed("Answer, in order:", width), *numbered(list(card.items), DETAIL, width)]


@ANSWER_LINES.register(MatchCard)
def _match_answer(card: MatchCard, width: int) -> list[str]:
    lines = [_arrowed("Answer:", width)]
    for left, right in card.pairs:
        lines.append(wrap(f"{left}  ⇒  {right}", DETAIL, width, hang=DETAIL + "  "))
    return lines


@ANSWER_LINES.register(MultiCard)
def _multi_answer(card: MultiCard, width: int) -> list[str]:
    return [_arrowed("Answer, all of:", width), *numbered(list(card.answers), DETAIL, width)]


def render_card(card: Card, number: int, *, answers: bool, width: int = WIDTH) -> str:
    """A card as ``show`` prints it, in deck order."""
    head = f"{number}. [{card.type}] {safe(card.id, multiline=False)}"
    lines = [
        wrap(head, "", width, hang=BODY),
        wrap(prompt_text(card), BODY, width),
        wrap(f"({instructions(card)})", BODY, width),
    ]
    lines += SHOW_OPTIONS[card](card, width, answers)
    if card.hint:
        lines.append(wrap(f"Hint: {card.hint}", BODY, width, hang=BODY + "  "))
    if answers:
        lines += ANSWER_LINES[card](card, width)
        if card.explanation:
            lines.append(wrap(card.explanation, DETAIL, width))
        if card.source:
            lines.append(wrap(f"Source: {card.source}", DETAIL, width))
    return "\n".join(lines)


def render_deck(deck: Deck, *, answers: bool, width: int = WIDTH) -> str:
    head = f"{safe(deck.title, multiline=False)}  ({deck.id}, {len(deck.cards)} cards)"
    parts = [wrap(head, "", width), "=" * min(len(head), width)]
    if deck.description:
        parts.append(wrap(deck.description, "", width))
    parts.append("")
    for i, card in enumerate(deck.cards, 1):
        parts.append(render_card(card, i, answers=answers, width=width))
        parts.append("")
    return "\n".join(parts)
