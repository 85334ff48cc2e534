"""Quiz results: the file a student's quiz writes, and a class's files read back and analysed.

The names here are the package's public face, what the commands use. What only the teacher's
side needs (:func:`class_results`, the analysis) is imported on first use, so a quiz that writes
its results file does not load it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tiesquiz.results.files import check_results_path, read_results, results_data, write_results
from tiesquiz.results.model import FORMAT, AnswerRecord, NotResults, ResultsFile

if TYPE_CHECKING:
    from tiesquiz.deck import DeckSearch
    from tiesquiz.results.accept import Accepted, accept_answers
    from tiesquiz.results.analysis import ClassReport
    from tiesquiz.results.collect import results_schema_text

#: Public names imported on first use -> the module (in this package) they come from.
_LAZY: dict[str, str] = {
    "Accepted": "accept",
    "ClassReport": "analysis",
    "accept_answers": "accept",
    "results_schema_text": "collect",
}

__all__ = [
    "FORMAT",
    "Accepted",
    "AnswerRecord",
    "ClassReport",
    "NotResults",
    "ResultsFile",
    "accept_answers",
    "check_results_path",
    "class_results",
    "read_results",
    "results_data",
    "results_decks",
    "results_schema_text",
    "write_results",
]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        from importlib import import_module

        return getattr(import_module(f"tiesquiz.results.{_LAZY[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def results_decks(paths: Iterable[Path]) -> tuple[str, ...]:
    """The decks the results files (or folders of them) were quizzed from, each once."""
    from tiesquiz.results.collect import collect

    files, _ = collect(paths)
    return tuple(dict.fromkeys(d for f in files for d in f.decks))


def class_results(
    paths: Iterable[Path],
    deck_names: Sequence[str] = (),
    where: DeckSearch | None = None,
    *,
    gradebook: Path | None = None,
    force: bool = False,
) -> ClassReport:
    """A class's quiz results (files, or folders of them) read and analysed; each question as the
    decks named now have it (else as the files recorded it), and each written answer not counted
    right graded again by the deck as it is now (forms accepted since count). With ``gradebook``,
    a CSV with a row
    per student and a column per card is written too (over an existing file only with ``force``).

    Raises :class:`~tiesquiz.errors.TiesquizError` when the gradebook cannot be written, before
    anything is read, or when no results file could be read.
    """
    from tiesquiz.atomic import taken, write_atomic
    from tiesquiz.errors import TiesquizError
    from tiesquiz.results.analysis import analyse
    from tiesquiz.results.collect import collect
    from tiesquiz.results.gradebook import gradebook_csv

    if gradebook is not None:
        if taken(gradebook) and not force:
            raise TiesquizError(f"{gradebook} already exists; add --force to overwrite it")
        if not gradebook.parent.is_dir():
            raise TiesquizError(f"{gradebook}: the folder {gradebook.parent} does not exist")
    cards = {}
    if deck_names:
        from tiesquiz.deck import resolve

        library = resolve(deck_names, where=where)
        cards = {c.key: c for d in library.decks.values() for c in d.cards}
    files, skipped = collect(paths)
    if not files:
        reasons = "\n".join(f"  {f}: {why}" for f, why in skipped)
        raise TiesquizError(f"no results files could be read:\n{reasons}")
    if cards:
        from tiesquiz.results.accept import rescore

        files = rescore(files, cards)
    report = analyse(files, cards, skipped)
    if gradebook is not None:
        try:
            write_atomic(gradebook, gradebook_csv(report, files), newline="")
        except OSError as exc:
            raise TiesquizError(f"{gradebook}: cannot write it: {exc.strerror or exc}") from None
    return report
