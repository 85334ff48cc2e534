"""Deck mappings to YAML, for ``tiesquiz import``: the documented key order and the schema comment."""

from __future__ import annotations

from typing import Any

import yaml

from tiesquiz.deck.schema import schema_path


class _Dumper(yaml.SafeDumper):
    pass


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


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
