"""Exports to what schools already run: Anki, Moodle (GIFT), spreadsheets (CSV), paper (Markdown)."""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, cast

from tiesquiz.deck.model import Deck

if TYPE_CHECKING:
    from tiesquiz.export.arrange import Arrange


@dataclass(frozen=True)
class Format:
    """An export format: the module that writes it (imported only when it is used), and whether
    it can be written as shuffled versions A, B, C... of one quiz."""

    module: str
    versioned: bool = False


#: Every export format by the name ``export --to`` takes. Its module has ``files`` and ``write``
#: (:class:`Writer`); adding a format is that module and one line here.
FORMAT_MODULES: dict[str, Format] = {
    "anki": Format("anki"),
    "gift": Format("gift", versioned=True),
    "csv": Format("csv_export"),
    "markdown": Format("markdown", versioned=True),
}
FORMATS = tuple(FORMAT_MODULES)
#: Formats that can be written as shuffled versions A, B, C... of one quiz.
VERSIONED = tuple(name for name, f in FORMAT_MODULES.items() if f.versioned)


class Writer(Protocol):
    """What a format's module provides."""

    def files(self, path: Path) -> list[Path]:
        """The files an export to ``path`` writes (a Markdown sheet has its key beside it)."""
        ...

    def write(
        self, decks: Sequence[Deck], path: Path, arrange: Arrange | None, version: str
    ) -> list[Path]:
        """Write the decks (options ordered by ``arrange``, headed by ``version``), atomically."""
        ...


def writer(fmt: str) -> Writer:
    if fmt not in FORMAT_MODULES:
        raise ValueError(f"unknown export format {fmt!r}")
    return cast(Writer, importlib.import_module(f"tiesquiz.export.{FORMAT_MODULES[fmt].module}"))


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
    return writer(fmt).files(path)


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
        written += writer(fmt).write(shuffle.decks(decks), target, shuffle, letter)
    return written


def export(decks: Sequence[Deck], fmt: str, path: Path) -> list[Path]:
    """Write ``decks`` to ``path`` in ``fmt``; returns the files written."""
    return writer(fmt).write(decks, path, None, "")
