"""Run the command line in-process, as a user would type it."""

from __future__ import annotations

from click.testing import CliRunner, Result

from tiesquiz.cli import cli


def invoke(*args: str, input: str | None = None) -> Result:
    """``tiesquiz ARGS...`` with ``input`` on standard input."""
    return CliRunner().invoke(cli, list(args), input=input)


def lines_in(lines: list[str]) -> str:
    """Standard input for plain mode: one reply a line."""
    return "".join(line + "\n" for line in lines)


def clean_error(result: Result) -> str:
    """Assert the command failed as a person should see it (exit 1, no traceback); the message."""
    assert result.exit_code == 1, result.output
    assert ("Traceback" not in result.output and result.exception is None) or isinstance(
        result.exception, SystemExit
    )
    return result.output
