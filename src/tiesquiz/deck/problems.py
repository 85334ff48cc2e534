"""What the deck checker reports: one finding with its place, and a parse's result."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from tiesquiz.deck.model import Card, Deck


Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Problem:
    """One lint finding, printed as ``file:line:col: card-id: severity: message [rule]``."""

    file: str
    line: int
    col: int
    card: str
    severity: Severity
    code: str
    message: str

    def format(self) -> str:
        # A warning names its rule, which is what a card's ``lint: {ignore: [...]}`` takes.
        rule = f" [{self.code}]" if self.severity == "warning" else ""
        return f"{self.file}:{self.line}:{self.col}: {self.card}: {self.severity}: {self.message}{rule}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "line": self.line,
            "col": self.col,
            "card": self.card,
            "severity": self.severity,
            "code": self.code,
            "message": self.message,
        }


@dataclass
class ParseResult:
    deck: Deck | None
    problems: list[Problem]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]


@dataclass(frozen=True)
class Finding:
    """A warning from a check above the decks: at a card, or at the deck itself (``card`` None)."""

    deck: Deck
    card: Card | None
    rule: str
    message: str
