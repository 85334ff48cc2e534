"""Validation state for one deck file: typed getters that report what is wrong, with its place."""

from __future__ import annotations

import difflib
from typing import Any

from tiesquiz.deck.problems import Problem, Severity
from tiesquiz.deck.yamlio import LoadedYaml, Mark, Path_
from tiesquiz.safety import UNSAFE

MAX_OPTIONS = 50
MAX_TEXT = 5_000
#: Longer text than this still loads, but earns a warning: it will not read well in a terminal.
LONG_TEXT = 400


def kind(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__  # pragma: no cover


class Checker:
    """Validation state for one file: where things are, and what is wrong so far."""

    def __init__(self, loaded: LoadedYaml, filename: str) -> None:
        self.y = loaded
        self.file = filename
        self.problems: list[Problem] = [
            Problem(
                filename,
                p.mark.line,
                p.mark.col,
                self._label_for(p.path),
                "error",
                "yaml",
                p.message,
            )
            for p in loaded.problems
        ]
        self.card_label = "deck"
        #: Errors so far, kept as a count so a card can ask "did I add any?" in O(1).
        self.error_count = len(self.problems)

    def _label_for(self, path: Path_) -> str:
        """The card id for a problem found while reading YAML, before cards are checked."""
        data = self.y.data
        if (
            len(path) >= 2
            and path[0] == "cards"
            and isinstance(path[1], int)
            and isinstance(data, dict)
        ):
            cards = data.get("cards")
            if (
                isinstance(cards, list)
                and path[1] < len(cards)
                and isinstance(cards[path[1]], dict)
            ):
                ident = cards[path[1]].get("id")
                if isinstance(ident, str | int):
                    return str(ident)
            return f"card #{path[1] + 1}"
        return "deck"

    def report(
        self,
        path: Path_,
        message: str,
        *,
        code: str,
        severity: Severity = "error",
        at_key: bool = False,
        mark: Mark | None = None,
    ) -> None:
        if mark is None:
            mark = self.y.key_mark(path) if at_key else None
            mark = mark or self.y.mark(path)
        self.problems.append(
            Problem(self.file, mark.line, mark.col, self.card_label, severity, code, message)
        )
        if severity == "error":
            self.error_count += 1

    # -- typed getters: each reports and returns None when the value is unusable --------------

    def text(
        self,
        obj: dict[Any, Any],
        path: Path_,
        key: str | int,
        *,
        required: bool,
        label: str | None = None,
    ) -> str | None:
        value = obj.get(key)
        if type(value) is str:
            # The common case, with nothing to report: plain text of a usual length.
            stripped = value.strip()
            if stripped and len(stripped) <= LONG_TEXT and UNSAFE.search(stripped) is None:
                return stripped
        return self._text(obj, path, key, required=required, label=label)

    def _text(
        self,
        obj: dict[Any, Any],
        path: Path_,
        key: str | int,
        *,
        required: bool,
        label: str | None = None,
    ) -> str | None:
        name = label or str(key)
        if key not in obj:
            if required:
                self.report(path, f"missing field '{name}'", code="missing-field")
            return None
        value = obj[key]
        here = (*path, key)
        if isinstance(value, bool) or value is None:
            hint = ""
            if isinstance(value, bool):
                hint = (
                    f" (YAML reads {self.y.raw(here) or value!s} as true/false: put it in quotes)"
                )
            self.report(here, f"'{name}' must be text, not {kind(value)}{hint}", code="wrong-type")
            return None
        if isinstance(value, int | float):
            return self.y.raw(here) or str(value)
        if not isinstance(value, str):
            self.report(here, f"'{name}' must be text, not {kind(value)}", code="wrong-type")
            return None
        stripped = value.strip()
        if not stripped and required:
            self.report(here, f"'{name}' is empty", code="empty")
            return None
        if len(stripped) > MAX_TEXT:
            self.report(
                here,
                f"'{name}' is {len(stripped):,} characters; the limit is {MAX_TEXT:,}",
                code="too-long",
            )
            return None
        if UNSAFE.search(stripped):
            self.report(
                here,
                f"'{name}' contains control characters, escape sequences or direction overrides; "
                "they are shown as visible marks (␛, ^G, <U+202E>), so remove them",
                code="control-characters",
                severity="warning",
            )
        if len(stripped) > LONG_TEXT:
            self.report(
                here,
                f"'{name}' is very long ({len(stripped)} characters); split it or shorten it "
                f"to under {LONG_TEXT}",
                code="long-text",
                severity="warning",
            )
        return stripped

    def text_list(
        self, obj: dict[Any, Any], path: Path_, key: str, *, required: bool, minimum: int = 0
    ) -> list[str] | None:
        if key not in obj:
            if required:
                self.report(path, f"missing field '{key}'", code="missing-field")
            return None
        value = obj[key]
        here = (*path, key)
        if isinstance(value, str):
            # A lone string where a list is expected: accept it as a list of one, it is what was meant.
            value = [value]
        if not isinstance(value, list):
            self.report(here, f"'{key}' must be a list, not {kind(value)}", code="wrong-type")
            return None
        if len(value) > MAX_OPTIONS:
            self.report(
                here,
                f"'{key}' has {len(value):,} items; the limit is {MAX_OPTIONS}",
                code="too-many",
            )
            return None
        items: list[str] = []
        ok = True
        for i, item in enumerate(value):
            got = self.text({i: item}, here, i, required=True, label=f"{key} #{i + 1}")
            if got is None:
                ok = False
            else:
                items.append(got)
        if not ok:
            return None
        if len(items) < minimum:
            self.report(
                here,
                f"'{key}' needs at least {minimum} item{'s' if minimum > 1 else ''}, has {len(items)}",
                code="too-few",
            )
            return None
        return items

    def unknown_keys(
        self, obj: dict[Any, Any], path: Path_, allowed: tuple[str, ...], what: str
    ) -> None:
        for key in obj:
            if key in allowed:
                continue
            close = difflib.get_close_matches(str(key), allowed, n=1)
            hint = f"; did you mean '{close[0]}'?" if close else f"; allowed: {', '.join(allowed)}"
            self.report(
                (*path, key),
                f"unknown field '{key}' in {what}{hint}",
                code="unknown-field",
                at_key=True,
            )


def check_duplicates(checker: Checker, items: list[str], path: Path_, what: str) -> bool:
    seen: set[str] = set()
    for i, item in enumerate(items):
        folded = item.casefold()
        if folded in seen:
            checker.report((*path, i), f"{what} {item!r} appears twice", code="duplicate-item")
            return False
        seen.add(folded)
    return True
