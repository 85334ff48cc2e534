"""Exports to what schools already run: Anki, Moodle (GIFT), spreadsheets (CSV), paper (Markdown)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from tiesquiz.atomic import replacing, write_atomic
from tiesquiz.deck.model import Deck

FORMATS = ("anki", "gift", "csv", "markdown")


def export_paths(fmt: str, path: Path) -> list[Path]:
    """The files an export writes: ``path``, and for Markdown its answer key beside it."""
    if fmt == "markdown":
        from tiesquiz.export.markdown import answer_key_path

        return [path, answer_key_path(path)]
    return [path]


def export(decks: Sequence[Deck], fmt: str, path: Path) -> list[Path]:
    """Write ``decks`` to ``path`` in ``fmt``; returns the files written."""
    if fmt == "anki":
        from tiesquiz.export.anki import write_apkg

        with replacing(path) as tmp:
            write_apkg(decks, tmp)
        return [path]
    if fmt == "gift":
        from tiesquiz.export.gift import to_gift

        write_atomic(path, to_gift(decks))
        return [path]
    if fmt == "csv":
        from tiesquiz.export.csv_export import to_csv

        write_atomic(path, to_csv(decks), newline="")
        return [path]
    if fmt == "markdown":
        from tiesquiz.export.markdown import answer_key_path, to_markdown

        worksheet, key = to_markdown(decks)
        key_path = answer_key_path(path)
        write_atomic(path, worksheet)
        write_atomic(key_path, key)
        return [path, key_path]
    raise ValueError(f"unknown export format {fmt!r}")
