"""The command line: a thin click layer over the library.

Only click is imported at module level, and a command's module (``tiesquiz.commands.*``) is
imported only when that command runs, so ``tiesquiz --help`` stays fast. Domain errors (:class:`tiesquiz.errors.TiesquizError`) become one clean message and
a non-zero exit here, in :meth:`TiesquizGroup.invoke`, and nowhere else.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import click

from tiesquiz import __version__

#: name -> (module in tiesquiz.commands, function, one line for ``tiesquiz --help``).
#: Commands are imported only when they run, so ``--help`` and ``--version`` build none of them.
COMMANDS: dict[str, tuple[str, str, str]] = {
    "study": ("sessions", "study", "Study what is due, then new cards."),
    "quiz": ("sessions", "quiz", "Take an exam: a score, no schedule change."),
    "results": ("teacher", "results_cmd", "A class's quiz results: scores, item analysis."),
    "due": ("progress", "due", "New, learning and due cards, per deck."),
    "stats": ("progress", "stats", "Your progress: retention, streak, charts."),
    "reset": ("progress", "reset", "Forget your progress on a deck or a card."),
    "settings": ("progress", "settings", "Show or change daily limits and retention."),
    "suspend": ("marks", "suspend", "Never show a card in study, until unsuspended."),
    "unsuspend": ("marks", "unsuspend", "Show a suspended card in study again."),
    "flag": ("marks", "flag", "Flag a card as wrong or unclear, with a note."),
    "repair": ("progress", "repair", "Repair a damaged history of answers."),
    "optimize": ("optimize", "optimize", "Fit the scheduler to your own answers (FSRS-6)."),
    "sync": ("sync", "sync", "Machines sharing a progress folder, last answers."),
    "decks": ("decks", "decks", "List the decks found: id, title and cards by type."),
    "show": ("decks", "show", "Print every card of a deck, for proofreading."),
    "lint": ("decks", "lint", "Check decks; every problem as file:line:col."),
    "schema": ("decks", "schema", "Print the deck format's JSON Schema."),
    "export": ("transfer", "export_cmd", "Export decks to Anki, Moodle, CSV or Markdown."),
    "import": ("transfer", "import_cmd", "Make a deck from a CSV/TSV sheet or Anki text."),
    "new": ("transfer", "new_cmd", "Write a starter deck with every card type."),
}


class HelpFormatter(click.HelpFormatter):
    """Click's help, fitted to narrow terminals: where the help column beside the options would
    be too narrow to read, each option gets a line of its own and its help wraps under it."""

    #: Narrower than this, a help column breaks most words: stack instead.
    NARROW = 24

    def write_dl(
        self, rows: Iterable[tuple[str, str]], col_max: int = 30, col_spacing: int = 2
    ) -> None:
        rows = list(rows)
        longest = max((len(term) for term, _ in rows), default=0)
        first = min(longest, col_max) + col_spacing
        if self.width - self.current_indent - first >= self.NARROW:
            super().write_dl(rows, col_max, col_spacing)
            return
        for term, text in rows:
            self.write(f"{'':>{self.current_indent}}{term}\n")
            if text:
                with self.indentation(), self.indentation():
                    self.write_text(text)


class HelpContext(click.Context):
    formatter_class = HelpFormatter


class TiesquizGroup(click.Group):
    """Loads a command's module only when it is run; turns domain errors into one message."""

    context_class = HelpContext

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS:
            return None
        import importlib

        module, attr, _ = COMMANDS[cmd_name]
        command: click.Command = getattr(
            importlib.import_module(f"tiesquiz.commands.{module}"), attr
        )
        command.context_class = HelpContext  # its help fits narrow terminals too
        return command

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        """A mistyped command is refused with the nearest one ("stuyd": did you mean study?)."""
        name = args[0] if args else ""
        if name and name not in COMMANDS and not name.startswith("-") and not ctx.resilient_parsing:
            import difflib

            near = difflib.get_close_matches(name, list(COMMANDS), n=1, cutoff=0.5)
            if near:
                ctx.fail(f"No such command {name!r}. Did you mean {near[0]!r}?")
        return super().resolve_command(ctx, args)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, COMMANDS[name][2]) for name in self.list_commands(ctx)]
        with formatter.section("Commands"):
            formatter.write_dl(rows)

    def invoke(self, ctx: click.Context) -> Any:
        from tiesquiz.errors import TiesquizError

        try:
            return super().invoke(ctx)
        except TiesquizError as exc:
            from tiesquiz.safety import safe

            raise click.ClickException(safe(str(exc))) from None
        except KeyboardInterrupt:
            click.echo("\nInterrupted.", err=True)
            ctx.exit(130)


@click.group(cls=TiesquizGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="tiesquiz")
@click.option(
    "--state",
    type=click.Path(),
    envvar="TIESQUIZ_STATE",
    help="Progress file, or a folder machines share (default: your data folder; also "
    "TIESQUIZ_STATE).",
)
@click.pass_context
def cli(ctx: click.Context, state: str | None) -> None:
    """Study a report from the terminal: question decks, spaced repetition, exams.

    Start with 'tiesquiz study'. Teachers: 'tiesquiz lint' checks decks, 'tiesquiz show' previews
    them, 'tiesquiz results' reads a class's quiz results.
    """
    ctx.ensure_object(dict)
    ctx.obj["state"] = state


def _help_width() -> int:
    """The width click wraps help text to: the terminal's less two, at most 78 (78 when output
    is not a terminal), at least 30. Asked of the terminal itself: click would import shutil for
    it, a tenth of ``--help``'s own time. (So ``COLUMNS`` no longer changes the help's width.)"""
    import os
    import sys

    try:
        columns = os.get_terminal_size(sys.stdout.fileno()).columns
    except (OSError, ValueError, AttributeError):
        columns = 80
    return max(min(columns, 80) - 2, 30)


def main(prog_name: str | None = None) -> None:
    """Console-script entry point."""
    cli(prog_name=prog_name or "tiesquiz", terminal_width=_help_width())
