"""Gather a class's results files from the files and folders a teacher names."""

from __future__ import annotations

from collections.abc import Iterable
from importlib import resources
from pathlib import Path

from tiesquiz.results.files import FORMATS, read_results
from tiesquiz.results.model import NotResults, ResultsFile


def results_schema_text() -> str:
    return resources.files("tiesquiz.results").joinpath("schema.json").read_text(encoding="utf-8")


def collect(paths: Iterable[Path]) -> tuple[list[ResultsFile], list[tuple[str, str]]]:
    """Every results file named, or in a folder named; and each file set aside, with why.

    A folder means its ``.json`` and ``.csv`` files (not its subfolders)."""
    files: list[ResultsFile] = []
    skipped: list[tuple[str, str]] = []
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.iterdir() if p.suffix.lower() in FORMATS and p.is_file())
            if not found:
                skipped.append((str(path), "a folder with no .json or .csv files"))
        elif path.exists():
            found = [path]
        else:
            skipped.append((str(path), "no such file or folder"))
            continue
        for file in found:
            try:
                files.append(read_results(file))
            except NotResults as exc:
                skipped.append((str(file), str(exc)))
    return files, skipped
