"""Decks back to YAML: for imports and ``tiesquiz new``, in the documented key order."""

from __future__ import annotations

from typing import Any

import yaml

from tiesquiz.deck.model import (
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
from tiesquiz.deck.schema import schema_path


def card_to_dict(card: Card) -> dict[str, Any]:
    """The YAML mapping for one card (the inverse of the parser)."""
    data: dict[str, Any] = {"id": card.id, "type": card.type, "question": card.question}
    if isinstance(card, FlashCard | ChoiceCard):
        data["answer"] = card.answer
    if isinstance(card, ChoiceCard):
        data["distractors"] = list(card.distractors)
    elif isinstance(card, MultiCard):
        data["answer"] = list(card.answers)
        if card.distractors:
            data["distractors"] = list(card.distractors)
    elif isinstance(card, TrueFalseCard):
        data["answer"] = card.answer
    elif isinstance(card, TypedCard):
        data["answer"] = _number(card.answer) if card.numeric else card.answer
        if card.accept:
            data["accept"] = list(card.accept)
        if card.tolerance is not None:
            data["tolerance"] = (
                int(card.tolerance) if card.tolerance == int(card.tolerance) else card.tolerance
            )
    elif isinstance(card, OrderCard):
        data["answer"] = list(card.items)
    elif isinstance(card, MatchCard):
        data["answer"] = dict(card.pairs)
    elif not isinstance(card, ClozeCard | FlashCard):  # pragma: no cover - every type is handled
        raise TypeError(card.type)
    for key in ("hint", "explanation", "source"):
        if getattr(card, key):
            data[key] = getattr(card, key)
    if card.tags:
        data["tags"] = list(card.tags)
    return data


def _number(text: str) -> int | float | str:
    try:
        value = float(text)
    except ValueError:
        return text
    return int(value) if value == int(value) else value


class _Dumper(yaml.SafeDumper):
    pass


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def deck_to_yaml(deck: Deck, *, schema: str | None = None) -> str:
    data: dict[str, Any] = {"deck": deck.id, "title": deck.title}
    if deck.description:
        data["description"] = deck.description
    if deck.source:
        data["source"] = deck.source
    if deck.tags:
        data["tags"] = list(deck.tags)
    data["cards"] = [card_to_dict(c) for c in deck.cards]
    return dump_deck(data, schema=schema)


def dump_deck(data: dict[str, Any], *, schema: str | None = None) -> str:
    """YAML text for a deck mapping, starting with the ``$schema`` comment editors read."""
    body = yaml.dump(
        data,
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        width=100,
        default_flow_style=False,
    )
    return f"# yaml-language-server: $schema={schema or schema_path()}\n{body}"
