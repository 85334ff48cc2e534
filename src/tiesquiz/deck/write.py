"""Deck mappings to YAML, for ``tiesquiz import``: the documented key order and the schema comment.

The text is PyYAML's pure-Python emitter's. libyaml's (``CSafeDumper``) writes the same text three
times faster for text in printable ASCII, and only for that: it escapes what it takes for
unprintable (an emoji becomes ``\\U0001F600``) and folds long lines of other text elsewhere. So
the cards whose every text is printable ASCII are written by libyaml, the others by Python, each
as it would be in the whole document (a card is a list item at the left margin either way).
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from tiesquiz.deck.schema import schema_path


class _Dumper(yaml.SafeDumper):
    pass


class _FastDumper(yaml.CSafeDumper):
    pass


def _str(dumper: yaml.representer.SafeRepresenter, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)
_FastDumper.add_representer(str, _str)

_ASCII = re.compile(r"[\x20-\x7e]*\Z")


def _ascii(value: Any) -> bool:
    """Every text in ``value`` (keys too) is printable ASCII, with no tab or line break."""
    if isinstance(value, str):
        return _ASCII.match(value) is not None
    if isinstance(value, dict):
        return all(_ascii(k) and _ascii(v) for k, v in value.items())
    if isinstance(value, list | tuple):
        return all(_ascii(v) for v in value)
    return True


def _dump(data: Any, fast: bool) -> str:
    text = yaml.dump(
        data,
        Dumper=_FastDumper if fast else _Dumper,
        sort_keys=False,
        allow_unicode=True,
        width=100,
        default_flow_style=False,
    )
    return text.removesuffix("\n...\n") + "\n" if text.endswith("\n...\n") else text


def _body(data: dict[str, Any]) -> str:
    cards = data.get("cards")
    if not isinstance(cards, list) or not cards or list(data)[-1] != "cards":
        return _dump(data, False)
    head = {k: v for k, v in data.items() if k != "cards"}
    parts = [_dump(head, False) if head else "", "cards:\n"]
    run: list[Any] = []
    fast = False
    for card in cards:
        this = _ascii(card)
        if run and this != fast:
            parts.append(_dump(run, fast))
            run = []
        run.append(card)
        fast = this
    parts.append(_dump(run, fast))
    return "".join(parts)


def dump_deck(data: dict[str, Any], *, schema: str | None = None) -> str:
    """YAML text for a deck mapping, starting with the ``$schema`` comment editors read."""
    return f"# yaml-language-server: $schema={schema or schema_path()}\n{_body(data)}"
