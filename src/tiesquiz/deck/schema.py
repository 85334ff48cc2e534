"""The deck format's JSON Schema, shipped in the package for editors and CI."""

from __future__ import annotations

from importlib import resources


def schema_text() -> str:
    return resources.files("tiesquiz.deck").joinpath("schema.json").read_text(encoding="utf-8")


def schema_path() -> str:
    """Where the installed schema lives, for the ``$schema`` comment of decks written by tiesquiz."""
    return str(resources.files("tiesquiz.deck").joinpath("schema.json"))
