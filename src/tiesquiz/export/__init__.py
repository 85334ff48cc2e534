"""Exports to what schools already run: Anki, Moodle (GIFT), spreadsheets (CSV), paper (Markdown)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from tiesquiz.atomic import replacing, write_atomic
from tiesquiz.deck.model import Deck

FORMATS = ("anki", "gift", "csv", "markdown")
#: Formats that can be written as shuffled versions A, B, C... of one quiz.
VERSIONED = ("gift", "markdown")


def version_path(path: Path, letter: str) -> Path:
    return path.with_name(f"{path.stem}-{letter}{path.suffix}")


def export_paths(fmt: str, path: Path, versions: int = 0) -> list[Path]:
    """The files an export writes: ``path``, and for Markdown its answer key beside it; with
    ``versions``, one such set per version, lettered."""
    if versions:
        from tiesquiz.export.arrange import LETTERS

        return [
            p
            for letter in LETTERS[:versions]
            for p in export_paths(fmt, version_path(path, letter))
        ]
    if fmt == "markdown":
        from tiesquiz.export.markdown import answer_key_path

        return [path, answer_key_path(path)]
    return [path]


def export_versions(
    decks: Sequence[Deck], fmt: str, path: Path, count: int, seed: int | None
) -> list[Path]:
    """``count`` versions of the same questions, each with its cards and options in its own
    shuffled order (and, for Markdown, its own answer key); the same seed gives the same files."""
    from tiesquiz.export.arrange import versions

    if fmt not in VERSIONED:
        raise ValueError(f"no versions for {fmt!r}")
    written: list[Path] = []
    for letter, shuffle in versions(seed, count):
        target = version_path(path, letter)
        shuffled = shuffle.decks(decks)
        if fmt == "gift":
            from tiesquiz.export.gift import to_gift

            write_atomic(target, to_gift(shuffled, shuffle, letter))
            written.append(target)
        else:
            from tiesquiz.export.markdown import answer_key_path, to_markdown

            worksheet, key = to_markdown(shuffled, shuffle, letter)
            write_atomic(target, worksheet)
            write_atomic(answer_key_path(target), key)
            written += [target, answer_key_path(target)]
    return written


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
