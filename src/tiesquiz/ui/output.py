"""Where text meets the terminal: colour only on a terminal and never with NO_COLOR."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import TextIO

import click


def color_wanted(stream: TextIO | None = None, *, allowed: bool = True) -> bool:
    """Colour only on a terminal, and only when allowed (``NO_COLOR`` unset, say)."""
    stream = stream or sys.stdout
    if not allowed:
        return False
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


#: Text is wrapped to the terminal, but never wider than this: long lines are hard to read.
READING_WIDTH = 100
#: Narrower than this, wrapping would help nobody: use it as the least.
MIN_WIDTH = 30


def terminal_width(stream: TextIO | None = None) -> int:
    """The terminal's width less one column (so a full line never wraps on its own), capped
    for reading; 80 when there is no terminal.

    Without a stream, standard output's terminal, or else standard error's: output piped into
    ``less`` or ``head`` is still read on the terminal the command was typed in.
    """
    for candidate in (stream,) if stream is not None else (sys.stdout, sys.stderr):
        try:
            columns = os.get_terminal_size(candidate.fileno()).columns
        except (AttributeError, ValueError, OSError):
            continue
        return max(MIN_WIDTH, min(READING_WIDTH, columns - 1))
    return 80


@dataclass
class Out:
    """A writer with optional colour; plain mode and tests use it without colour."""

    write: Callable[[str], None]
    color: bool = False
    #: Writes without a newline (for a prompt); defaults to ``write``.
    write_raw: Callable[[str], None] | None = None
    #: Columns to wrap text to.
    width: int = 80

    def __call__(self, text: str = "") -> None:
        self.write(text)

    def prompt(self, text: str) -> None:
        (self.write_raw or self.write)(text)

    def style(self, text: str, **kwargs: object) -> str:
        return click.style(text, **kwargs) if self.color else text  # type: ignore[arg-type]

    def good(self, text: str) -> str:
        return self.style(text, fg="green", bold=True)

    def bad(self, text: str) -> str:
        return self.style(text, fg="red", bold=True)

    def dim(self, text: str) -> str:
        return self.style(text, dim=True)

    def bold(self, text: str) -> str:
        return self.style(text, bold=True)


def echo_out(color: bool) -> Out:
    return Out(
        lambda text: click.echo(text),
        color,
        lambda text: click.echo(text, nl=False),
        terminal_width(),
    )
