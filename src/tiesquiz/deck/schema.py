"""The deck format's JSON Schema, shipped in the package for editors and CI.

``schema.json`` is generated from the model (:mod:`tiesquiz.deck.schema_gen`); regenerate it with
``python -m tiesquiz.results.schema_gen``, never by hand (a test compares the two).
"""

from __future__ import annotations

from importlib import resources


def schema_text() -> str:
    return resources.files("tiesquiz.deck").joinpath("schema.json").read_text(encoding="utf-8")


def schema_path() -> str:
    """Where the installed schema lives, for the ``$schema`` comment of decks written by tiesquiz."""
    return str(resources.files("tiesquiz.deck").joinpath("schema.json"))
