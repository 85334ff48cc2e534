"""The command line as a whole: help on every command, version, module entry point."""

from __future__ import annotations

import subprocess
import sys

import click
import pytest
from click.testing import CliRunner

from tiesquiz import __version__
from tiesquiz.cli import COMMANDS, cli


def all_commands() -> list[str]:
    return cli.list_commands(click.Context(cli))


def test_every_command_module_is_listed() -> None:
    import pkgutil

    import tiesquiz.commands

    modules = {m.name for m in pkgutil.iter_modules(tiesquiz.commands.__path__)}
    # ``common`` holds what the commands share (settings, the store, JSON output).
    assert modules == {entry[0] for entry in COMMANDS.values()} | {"common"}


@pytest.mark.parametrize("name", all_commands())
def test_every_command_has_help(name: str) -> None:
    command = cli.get_command(click.Context(cli), name)
    assert isinstance(command, click.Command) and command.name == name
    assert command.help and len(command.help.strip()) > 20, f"{name} needs help text"
    assert len(COMMANDS[name][2]) <= 50  # fits the command list in --help
    result = CliRunner().invoke(cli, [name, "--help"])
    assert result.exit_code == 0
    assert "Usage:" in result.output


def test_version() -> None:
    result = CliRunner().invoke(cli, ["--version"])
    assert result.exit_code == 0 and __version__ in result.output


def test_python_dash_m() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "tiesquiz", "--version"], capture_output=True, text=True, check=True
    )
    assert f"tiesquiz, version {__version__}" in out.stdout


def test_unknown_option_is_a_usage_error() -> None:
    result = CliRunner().invoke(cli, ["lint", "--bogus"])
    assert result.exit_code == 2 and "No such option" in result.output


def test_group_help_lists_commands() -> None:
    out = CliRunner().invoke(cli, ["--help"]).output
    for name in all_commands():
        assert f"  {name}  " in out and COMMANDS[name][2] in out
