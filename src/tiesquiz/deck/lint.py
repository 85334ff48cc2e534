"""The linter: every problem in every deck, in one run."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tiesquiz.deck.coverage import Paragraph, coverage, read_source
from tiesquiz.deck.discover import DeckSearch, display_name, load_library
from tiesquiz.deck.model import Deck
from tiesquiz.deck.problems import Finding, Problem
from tiesquiz.deck.writing import check_writing


@dataclass
class LintReport:
    problems: list[Problem] = field(default_factory=list)
    #: Files that could not be parsed at all, already formatted as ``file:line:col: message``.
    failures: list[str] = field(default_factory=list)
    decks: int = 0
    cards: int = 0
    #: With a source text: each of its paragraphs and the cards that cite it.
    coverage: list[Paragraph] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    def lines(self) -> list[str]:
        return [*self.failures, *(p.format() for p in self.problems)]

    def summary(self) -> str:
        errors = len(self.errors) + len(self.failures)
        return (
            f"{self.decks} deck{'s' if self.decks != 1 else ''}, {self.cards} cards: "
            f"{errors} error{'s' if errors != 1 else ''}, "
            f"{len(self.warnings)} warning{'s' if len(self.warnings) != 1 else ''}"
        )

    def to_dict(self, *, strict: bool = False) -> dict[str, Any]:
        failing = bool(self.errors or self.failures or (strict and self.warnings))
        return {
            "ok": not failing,
            "decks": self.decks,
            "cards": self.cards,
            "errors": len(self.errors) + len(self.failures),
            "warnings": len(self.warnings),
            "problems": [p.to_dict() for p in self.problems]
            + [_failure_dict(f) for f in self.failures],
            **({"coverage": [p.to_dict() for p in self.coverage]} if self.coverage else {}),
        }


def _failure_dict(text: str) -> dict[str, Any]:
    file, line, col, message = text, 1, 1, text
    parts = text.split(":", 3)
    if len(parts) == 4 and parts[1].isdigit() and parts[2].isdigit():
        file, line, col, message = parts[0], int(parts[1]), int(parts[2]), parts[3].strip()
    elif len(parts) >= 2:
        file, message = parts[0], ":".join(parts[1:]).strip()
    return {
        "file": file,
        "line": line,
        "col": col,
        "card": "deck",
        "severity": "error",
        "code": "unreadable",
        "message": message,
    }


#: A check from a layer above the decks (the grader's): the decks linted together in, findings out.
DeckCheck = Callable[[Sequence[Deck]], Iterable[Finding]]


def _checked(decks: Sequence[Deck], checks: Sequence[DeckCheck], cwd: Path) -> list[Problem]:
    """The warnings of ``checks``, less what a card or its deck switched off."""
    found = []
    for check in checks:
        for f in check(decks):
            off = f.deck.lint_ignore | (f.card.lint_ignore if f.card else frozenset())
            if f.rule in off:
                continue
            file = display_name(f.deck.path, cwd)
            line, col, label = (f.card.line, f.card.col, f.card.id) if f.card else (1, 1, "deck")
            found.append(Problem(file, line, col, label, "warning", f.rule, f.message))
    return found


def _uncited(source: Path, paragraphs: list[Paragraph], cwd: Path) -> list[Problem]:
    file = display_name(source, cwd)
    return [
        Problem(
            file,
            p.line,
            1,
            f"para {p.number}",
            "warning",
            "uncited-paragraph",
            f"no card cites paragraph {p.number} ({p.start!r}): ask what it says, with "
            f"'source: para {p.number}'",
        )
        for p in paragraphs
        if not p.cards
    ]


def lint_paths(
    paths: list[Path],
    where: DeckSearch | None = None,
    checks: Sequence[DeckCheck] = (),
    source: Path | None = None,
) -> LintReport:
    """Lint the given files and folders, or every deck found when none are given; ``checks``
    add warnings of their own (see :data:`DeckCheck`). With ``source``, the text the decks were
    written from: each paragraph no card cites is a warning (see :mod:`.coverage`)."""
    where = where or DeckSearch()
    library = load_library(paths, where=where, search=not paths)
    cwd = where.cwd
    writing = check_writing(library.decks.values(), lambda deck: display_name(deck.path, cwd))
    more = _checked(list(library.decks.values()), checks, cwd)
    cited: list[Paragraph] = []
    if source is not None:
        cards = [c for d in library.decks.values() for c in d.cards]
        cited = coverage(read_source(source), cards)
        more += _uncited(source, cited, cwd)
    problems = sorted([*library.problems, *writing, *more], key=lambda p: (p.file, p.line, p.col))
    return LintReport(
        coverage=cited,
        problems=problems,
        failures=library.failures,
        decks=len(library.decks),
        cards=sum(len(d.cards) for d in library.decks.values()),
    )
