"""The command line: a thin click layer over the library.

Only click is imported at module level, so ``tiesquiz --help`` stays fast; each command imports
what it needs. Domain errors (:class:`tiesquiz.errors.TiesquizError`) become one clean message and
a non-zero exit here, in :meth:`TiesquizGroup.invoke`, and nowhere else.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from tiesquiz import __version__


class TiesquizGroup(click.Group):
    def invoke(self, ctx: click.Context) -> Any:
        from tiesquiz.errors import TiesquizError

        try:
            return super().invoke(ctx)
        except TiesquizError as exc:
            raise click.ClickException(str(exc)) from None
        except KeyboardInterrupt:
            click.echo("\nInterrupted.", err=True)
            ctx.exit(130)


@click.group(cls=TiesquizGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="tiesquiz")
@click.option(
    "--state",
    type=click.Path(dir_okay=False, path_type=Path),
    envvar="TIESQUIZ_STATE",
    help="Progress file to use (default: your data folder; also TIESQUIZ_STATE).",
)
@click.pass_context
def cli(ctx: click.Context, state: Path | None) -> None:
    """Study a report from the terminal: question decks, spaced repetition, exams.

    Start with 'tiesquiz study'. Teachers: 'tiesquiz lint' checks decks, 'tiesquiz show' previews them.
    """
    ctx.ensure_object(dict)
    ctx.obj["state"] = state


def state_path(ctx: click.Context) -> Path:
    from tiesquiz.paths import default_state_path

    state: Path | None = ctx.find_root().obj.get("state") if ctx.find_root().obj else None
    return state if state is not None else default_state_path()


# -- decks -----------------------------------------------------------------------------------


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="json prints one object per problem, for CI.",
)
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
def lint(paths: tuple[Path, ...], fmt: str, strict: bool) -> None:
    """Check decks and report every problem as file:line:col.

    With no PATH, checks every deck found (bundled, ./decks, TIESQUIZ_DECKS).
    Exits 1 when there are errors (or warnings, with --strict).
    """
    from tiesquiz.deck.lint import lint_paths

    report = lint_paths(list(paths))
    failing = report.errors + (report.warnings if strict else [])
    if fmt == "json":
        click.echo(json.dumps(report.to_dict(strict=strict), indent=2, ensure_ascii=False))
    else:
        for line in report.lines():
            click.echo(line)
        click.echo(report.summary(), err=True)
    if failing or report.failures:
        sys.exit(1)


@cli.command()
def schema() -> None:
    """Print the deck format's JSON Schema (for editors and CI)."""
    from tiesquiz.deck.schema import schema_text

    click.echo(schema_text(), nl=False)


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="Print the list as JSON.")
def decks(as_json: bool) -> None:
    """List the decks found: id, title and cards by type."""
    from tiesquiz.deck.discover import load_library
    from tiesquiz.ui.safe import safe

    library = load_library()
    rows = sorted(library.decks.values(), key=lambda d: d.id)
    if as_json:
        click.echo(
            json.dumps(
                [
                    {
                        "id": d.id,
                        "title": d.title,
                        "path": str(d.path),
                        "cards": len(d.cards),
                        "types": d.counts_by_type(),
                    }
                    for d in rows
                ],
                indent=2,
                ensure_ascii=False,
            )
        )
        return
    if not rows:
        click.echo(
            "No decks found. Put .yaml decks in ./decks or a folder named in TIESQUIZ_DECKS."
        )
    for d in rows:
        types = ", ".join(f"{n} {t}" for t, n in d.counts_by_type().items())
        click.echo(f"{d.id:<24} {len(d.cards):>4} cards  {safe(d.title, multiline=False)}")
        click.echo(f"{'':<24}            {types}")
        if d.description:
            click.echo(f"{'':<24}            {safe(d.description, multiline=False)}")
    if library.failures or library.errors:
        click.echo("Some decks have problems; run 'tiesquiz lint'.", err=True)


@cli.command()
@click.argument("deck")
@click.option("--answers", is_flag=True, help="Also show answers, explanations and sources.")
def show(deck: str, answers: bool) -> None:
    """Print every card of DECK as a student sees it, for proofreading."""
    from tiesquiz.deck.discover import resolve
    from tiesquiz.ui.render import render_deck

    library = resolve([deck])
    for d in library.decks.values():
        click.echo(render_deck(d, answers=answers))


def main(prog_name: str | None = None) -> None:
    """Console-script entry point."""
    cli(prog_name=prog_name or "tiesquiz")
