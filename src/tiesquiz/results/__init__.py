"""Quiz results: the file a student's quiz writes, and a class's files read back and analysed."""

from __future__ import annotations

from tiesquiz.results.files import check_results_path, read_results, results_data, write_results
from tiesquiz.results.model import FORMAT, AnswerRecord, NotResults, ResultsFile

__all__ = [
    "FORMAT",
    "AnswerRecord",
    "NotResults",
    "ResultsFile",
    "check_results_path",
    "read_results",
    "results_data",
    "write_results",
]
