"""What differs by card type, one table per concern, looked up by the card's class.

Every table is named and kept in :data:`TABLES`, so for any card class a test can list the
concerns that do not know it yet: a new card type is complete when that list is empty. A table
may have a default, built from what every card says it can do (its options, written forms,
gaps...): a new type then works there as soon as its class says so, and registers only where it
needs something of its own.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Generic, TypeVar, cast

if TYPE_CHECKING:
    from tiesquiz.deck.model import Card

V = TypeVar("V")
W = TypeVar("W")

#: Every table by the concern it serves ("grading", "export.gift", ...).
TABLES: dict[str, CardTable[Any]] = {}


class CardTable(Generic[V]):
    """One concern's entry for each card class (found through the class's bases)."""

    def __init__(self, concern: str, *, default: V | None = None) -> None:
        if concern in TABLES:
            raise ValueError(f"two card tables are named {concern!r}")
        self.concern = concern
        self.default = default
        self._entries: dict[type[Card], V] = {}
        TABLES[concern] = self

    def register(self, *classes: type[Card]) -> Callable[[W], W]:
        """A decorator: the function (or value) is this table's entry for each class given.

        The function's first parameter may be typed as the class it is for, as with
        ``functools.singledispatch``: the table only ever calls it with that class's cards.
        """

        def add(value: W) -> W:
            for cls in classes:
                self._entries[cls] = cast("V", value)
            return value

        return add

    def add(self, cls: type[Card], value: V) -> None:
        self._entries[cls] = value

    def remove(self, cls: type[Card]) -> None:
        self._entries.pop(cls, None)

    def own(self, cls: type[Card]) -> V | None:
        """The entry registered for ``cls`` or its nearest base, or None."""
        for base in cls.__mro__:
            if base in self._entries:
                return self._entries[base]
        return None

    def knows(self, cls: type[Card]) -> bool:
        return self.default is not None or self.own(cls) is not None

    def __getitem__(self, key: Card | type[Card] | str) -> V:
        cls = _class_of(key)
        value = self.own(cls) if cls is not None else None
        if value is not None:
            return value
        if self.default is not None:
            return self.default
        name = key if isinstance(key, str) else getattr(key, "type", key)
        raise TypeError(f"{self.concern}: nothing registered for {name} cards")


def _class_of(key: Card | type[Card] | str) -> type[Card] | None:
    if isinstance(key, str):
        from tiesquiz.deck.model import CARD_CLASSES

        return CARD_CLASSES.get(key)
    return key if isinstance(key, type) else type(key)


def unknown_to(cls: type[Card]) -> list[str]:
    """The concerns that have nothing for ``cls``: what a new card type still has to register.

    Only the tables of modules imported so far are counted; import the whole package first.
    """
    return sorted(concern for concern, table in TABLES.items() if not table.knows(cls))
