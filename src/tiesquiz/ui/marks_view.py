"""The words for a student's marks on cards (suspend, unsuspend, flag)."""

from __future__ import annotations

from tiesquiz.safety import safe


def marked(op: str, question: str, note: str = "") -> str:
    """What a command says once it marked the card that asks ``question``."""
    shown = safe(question, multiline=False)
    if op == "suspend":
        return f"Suspended: {shown}\nIt will not be shown until you unsuspend it."
    if op == "unsuspend":
        return f"Unsuspended: {shown}\nIt is studied again when due."
    if not note:
        return f"Flag taken back: {shown}"
    return f"Flagged: {shown}\nNote: {safe(note, multiline=False)}"


def unsuspended(deck: str, count: int) -> str:
    """What ``unsuspend DECK`` says."""
    shown = safe(deck, multiline=False)
    if not count:
        return f"No card of {shown} is suspended or buried."
    return f"Shown in study again: {count} card{'s' if count != 1 else ''} of {shown}."
