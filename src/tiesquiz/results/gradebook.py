"""A gradebook a spreadsheet opens: a row per student, a column per card, the total."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from tiesquiz.deck.tabular import neutralise
from tiesquiz.results.analysis import ClassReport
from tiesquiz.results.model import ResultsFile


def gradebook_csv(report: ClassReport, files: Sequence[ResultsFile]) -> str:
    """Points per card (blank where a student was not asked it), in the report's order; points
    to two decimals, as every screen shows them."""
    cards = [item.card for item in report.items]
    by_file = {str(f.path or ""): f for f in files}
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    header = ["student", "file", "started", *cards, "total", "questions", "percent"]
    writer.writerow([neutralise(c) for c in header])  # a card key comes from a student's file
    for row in report.students:
        points = {a.card: round(a.points, 2) for a in by_file[row.file].answers}
        cells = [
            row.name,
            row.file,
            row.started,
            *(points.get(card, "") for card in cards),
            round(row.score, 2),
            row.questions,
            row.percent,
        ]
        writer.writerow([neutralise(c) if isinstance(c, str) else c for c in cells])
    return buffer.getvalue()
