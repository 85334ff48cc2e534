"""The study queue, with how many cards of each kind it holds kept as cards come and go: the
header's ``new · learning · review`` is asked for at every question, and counting a queue of
21,000 cards each time took 15 ms a question."""

from __future__ import annotations

from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator

from tiesquiz.deck.model import Card


class Queue:
    """Cards in the order they are asked, each counted under its kind when it joins the queue
    (the kind it had then is the one taken off when it leaves)."""

    def __init__(self, cards: Iterable[Card], kind: Callable[[Card], str]) -> None:
        self._kind = kind
        self._cards: deque[tuple[Card, str]] = deque()
        self.counts: Counter[str] = Counter()
        for card in cards:
            self.append(card)

    def append(self, card: Card) -> None:
        kind = self._kind(card)
        self._cards.append((card, kind))
        self.counts[kind] += 1

    def appendleft(self, card: Card) -> None:
        kind = self._kind(card)
        self._cards.appendleft((card, kind))
        self.counts[kind] += 1

    def popleft(self) -> Card:
        card, kind = self._cards.popleft()
        self.counts[kind] -= 1
        return card

    def __bool__(self) -> bool:
        return bool(self._cards)

    def __len__(self) -> int:
        return len(self._cards)

    def __iter__(self) -> Iterator[Card]:
        return (card for card, _ in self._cards)
