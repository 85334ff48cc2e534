"""Exports to what schools already run: Anki, Moodle (GIFT), spreadsheets (CSV), paper (Markdown)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

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

        write_apkg(decks, path)
        return [path]
    if fmt == "gift":
        from tiesquiz.export.gift import to_gift

        path.write_text(to_gift(decks), encoding="utf-8")
        return [path]
    if fmt == "csv":
        from tiesquiz.export.csv_export import to_csv

        path.write_text(to_csv(decks), encoding="utf-8", newline="")
        return [path]
    if fmt == "markdown":
        from tiesquiz.export.markdown import answer_key_path, to_markdown

        worksheet, key = to_markdown(decks)
        key_path = answer_key_path(path)
        path.write_text(worksheet, encoding="utf-8")
        key_path.write_text(key, encoding="utf-8")
        return [path, key_path]
    raise ValueError(f"unknown export format {fmt!r}")
