"""In what order an export lists a card's options (choice, select-all), items (order) and right
sides (match), and its cards: sorted by default, as a teacher proofreads; shuffled, once per card,
for versions A, B, C of a paper quiz, so that neighbours do not share answers."""

from __future__ import annotations

import dataclasses
import random
from collections.abc import Callable, Sequence

from tiesquiz.deck.model import Card, Deck

#: ``arrange(card, texts)``: the texts in the order to print them.
Arrange = Callable[[Card, Sequence[str]], list[str]]


def alphabetical(card: Card, texts: Sequence[str]) -> list[str]:
    return sorted(texts, key=str.casefold)


class Shuffled:
    """One shuffle per card and list, remembered, so a worksheet and its key agree."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self._seen: dict[tuple[str, tuple[str, ...]], list[str]] = {}

    def __call__(self, card: Card, texts: Sequence[str]) -> list[str]:
        key = (card.key, tuple(sorted(texts)))
        if key not in self._seen:
            self._seen[key] = self.rng.sample(list(texts), len(texts))
        return list(self._seen[key])

    def decks(self, decks: Sequence[Deck]) -> list[Deck]:
        """The decks with their cards in a shuffled order (each deck keeps its own cards)."""
        return [
            dataclasses.replace(d, cards=tuple(self.rng.sample(d.cards, len(d.cards))))
            for d in decks
        ]


LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def versions(seed: int | None, count: int) -> list[tuple[str, Shuffled]]:
    """``count`` lettered shufflers; the same seed gives the same versions."""
    rng = random.Random(seed)
    return [(LETTERS[i], Shuffled(random.Random(rng.getrandbits(64)))) for i in range(count)]
