"""Add accepted forms to a typed card in its deck file, the rest of the file kept as written.

A teacher's deck has comments, a key order and line breaks of its own, which a YAML round trip
would lose. So the file is edited as text, at the card's line: the new forms go on the end of its
``accept:`` list (flow ``[a, b]`` or one ``- item`` a line), or a new ``accept:`` line follows
its ``answer:``. The edited file is read back and must parse to the same deck with the forms
added; otherwise nothing is written.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

import yaml

from tiesquiz.atomic import write_atomic
from tiesquiz.deck.model import Card, TypedCard
from tiesquiz.errors import DeckError

_KEY = re.compile(r"^(?P<indent> *)(?:- )?(?P<key>[A-Za-z_][\w-]*):(?P<rest>.*?)(?P<end>\r?\n?)$")
#: A comment after a value: a space, then ``#``.
_COMMENT = re.compile(r"\s+#.*$")


def _flow(items: Sequence[str]) -> str:
    """``[a, "b, c"]``: a YAML flow list, quoted only where YAML needs it."""
    text = yaml.dump(
        list(items),
        Dumper=yaml.CSafeDumper,
        default_flow_style=True,
        allow_unicode=True,
        width=1_000_000,
    )
    return text.strip()


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _block_end(lines: list[str], start: int, indent: int) -> int:
    """The line after the last one of the mapping whose keys stand at ``indent``."""
    end = start + 1
    while end < len(lines):
        stripped = lines[end].strip()
        if stripped and not stripped.startswith("#") and _indent(lines[end]) < indent:
            break
        end += 1
    return end


def _value_end(lines: list[str], at: int, stop: int, indent: int) -> int:
    """The line after a key's value: the lines below it indented further belong to it."""
    end = at + 1
    while end < stop:
        stripped = lines[end].strip()
        if stripped and not stripped.startswith("#") and _indent(lines[end]) <= indent:
            break
        end += 1
    while end - 1 > at and not lines[end - 1].strip():
        end -= 1  # blank lines before the next key stay where they are
    return end


def _find(lines: list[str], start: int, stop: int, indent: int, key: str) -> int | None:
    for i in range(start, stop):
        found = _KEY.match(lines[i])
        if found and found["key"] == key:
            col = len(found["indent"]) + (2 if lines[i].lstrip(" ").startswith("- ") else 0)
            if col == indent:
                return i
    return None


def _added(lines: list[str], card: Card, forms: Sequence[str]) -> list[str]:
    start, indent = card.line - 1, card.col - 1
    stop = _block_end(lines, start, indent)
    at = _find(lines, start, stop, indent, "accept")
    if at is None:
        answer = _find(lines, start, stop, indent, "answer")
        if answer is None:
            raise DeckError("the card has no 'answer:' line to put 'accept:' after")
        after = _value_end(lines, answer, stop, indent)
        line = f"{' ' * indent}accept: {_flow(forms)}\n"
        if not lines[after - 1].endswith("\n"):
            lines = [*lines[: after - 1], lines[after - 1] + "\n", *lines[after:]]
        return [*lines[:after], line, *lines[after:]]
    found = _KEY.match(lines[at])
    assert found is not None
    rest, end = found["rest"], found["end"] or "\n"
    comment = _COMMENT.search(rest)
    value = rest[: comment.start()] if comment else rest
    if value.strip():
        old = yaml.safe_load(value)
        old = old if isinstance(old, list) else [old]
        head = lines[at][: lines[at].index("accept:")]
        line = (
            f"{head}accept: {_flow([*map(str, old), *forms])}{comment.group() if comment else ''}"
        )
        return [*lines[:at], line + end, *lines[at + 1 :]]
    last = _value_end(lines, at, stop, indent)
    items = [i for i in range(at + 1, last) if lines[i].lstrip(" ").startswith("- ")]
    if not items:
        raise DeckError("the card's 'accept:' is not a list tiesquiz can add to")
    pad = " " * _indent(lines[items[-1]])
    added = [f"{pad}- {_flow([form])[1:-1]}\n" for form in forms]
    if not lines[last - 1].endswith("\n"):
        lines = [*lines[: last - 1], lines[last - 1] + "\n", *lines[last:]]
    return [*lines[:last], *added, *lines[last:]]


def add_accepted(path: Path, card: Card, forms: Sequence[str]) -> None:
    """Add ``forms`` to the ``accept:`` of ``card`` (a typed card read from ``path``).

    Raises :class:`DeckError` when the file cannot be edited that way; the file is then as it was.
    """
    from tiesquiz.deck.parse import parse_document
    from tiesquiz.deck.yamlio import load_yaml

    if card.gap_forms:
        raise DeckError(
            f"{path}:{card.line}: {card.key} is a cloze card: add the form inside its gap by hand, "
            "as {{answer|form}}"
        )
    if not isinstance(card, TypedCard) or card.line < 1:
        raise DeckError(f"{card.key}: only a typed card's accepted forms can be added this way")
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeError) as exc:
        raise DeckError(f"{path}: cannot read the deck: {exc}") from None
    edited = "".join(_added(text.splitlines(keepends=True), card, forms))
    try:
        parsed = parse_document(load_yaml(edited, str(path)), path, str(path)).deck
    except DeckError:
        parsed = None
    again = {c.id: c for c in parsed.cards} if parsed is not None else {}
    now = again.get(card.id)
    expected = (*card.written_forms, *forms)
    if now is None or tuple(now.written_forms) != expected:
        raise DeckError(
            f"{path}: could not add {', '.join(map(repr, forms))} to card {card.id!r} without "
            "changing anything else; add it to its 'accept:' list by hand"
        )
    try:
        write_atomic(path, edited)
    except OSError as exc:
        raise DeckError(f"{path}: cannot write the deck: {exc.strerror or exc}") from None
