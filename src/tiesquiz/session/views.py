"""How a card is shown this time: options shuffled once per asking, so a retry or an undo of that
asking shows it the same way, and a card that comes back later in the session is shuffled anew.
:data:`VIEWS` has an entry per card type; a type without one is asked as written, its options (if
it has any) shuffled.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass

from tiesquiz.deck.model import Card, MatchCard, OrderCard
from tiesquiz.deck.registry import CardTable
from tiesquiz.grading import normalize


@dataclass(frozen=True)
class CardView:
    """A card as it is asked this time."""

    card: Card
    options: tuple[str, ...] = ()
    #: For match: the right-hand items, shuffled; ``options`` holds the left items in deck order.
    rights: tuple[str, ...] = ()

    def option_named(self, text: str) -> str | None:
        """The option a student typed out (compared as the grader compares text), if any."""
        said = normalize(text)
        return next((o for o in self.options if said and normalize(o) == said), None)


def _as_written(card: Card, rng: random.Random) -> CardView:
    """The card as the deck has it; its options, if it has any, shuffled."""
    if not card.options:
        return CardView(card)
    options = list(card.options)
    rng.shuffle(options)
    return CardView(card, tuple(options))


#: How each type is laid out for one session.
VIEWS: CardTable[Callable[[Card, random.Random], CardView]] = CardTable(
    "session.views", default=_as_written
)


@VIEWS.register(OrderCard)
def _(card: OrderCard, rng: random.Random) -> CardView:
    items = list(card.items)
    while items == list(card.items):  # never show the answer as the puzzle
        rng.shuffle(items)
    return CardView(card, tuple(items))


@VIEWS.register(MatchCard)
def _(card: MatchCard, rng: random.Random) -> CardView:
    rights = [right for _, right in card.pairs]
    while len(rights) > 1 and rights == [right for _, right in card.pairs]:
        rng.shuffle(rights)
    return CardView(card, tuple(left for left, _ in card.pairs), tuple(rights))


def make_view(card: Card, rng: random.Random) -> CardView:
    return VIEWS[card](card, rng)


class Views:
    """The view of each card being asked: asked again (a retry, or after an undo), it looks the
    same; once :meth:`done`, the card's next asking is shuffled anew."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self._views: dict[str, CardView] = {}

    def __call__(self, card: Card) -> CardView:
        view = self._views.get(card.key)
        if view is None:
            view = self._views[card.key] = make_view(card, self.rng)
        return view

    def done(self, card: Card) -> CardView | None:
        """The card's asking is over (answered, or set aside): its view, forgotten here."""
        return self._views.pop(card.key, None)

    def keep(self, view: CardView) -> None:
        """Ask the card as ``view`` again (its answer was taken back)."""
        self._views[view.card.key] = view
