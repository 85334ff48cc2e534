"""Commands for teachers' decks: lint, schema, decks, show."""

from __future__ import annotations

import click

from tiesquiz.commands.common import complete_deck, deck_search, echo_json, settings, tell


@click.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="json prints one object per problem, for CI.",
)
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.option(
    "--source",
    type=click.Path(dir_okay=False),
    help="The text the decks were written from: list each paragraph with how many cards cite "
    "it (source: para N), and warn about those none cites.",
)
@click.pass_context
def lint(
    ctx: click.Context, paths: tuple[str, ...], fmt: str, strict: bool, source: str | None
) -> None:
    """Check decks and report every problem as file:line:col.

    With no PATH, checks every deck found (bundled, ./decks, TIESQUIZ_DECKS).
    Exits 1 when there are errors (or warnings, with --strict).
    """
    from pathlib import Path

    from tiesquiz.deck import lint_paths
    from tiesquiz.grading import giveaway_findings, probe_findings

    checks = [giveaway_findings, probe_findings]
    text = Path(source) if source else None
    report = lint_paths([Path(p) for p in paths], settings(ctx).decks, checks=checks, source=text)
    failing = report.errors + (report.warnings if strict else [])
    if fmt == "json":
        echo_json(report.to_dict(strict=strict))
    else:
        import sys

        from tiesquiz.ui.coverage_view import render_coverage, render_problems
        from tiesquiz.ui.output import terminal_width

        width = terminal_width() if sys.stdout.isatty() else None
        for line in render_problems(report.lines(), width):
            click.echo(line)
        if report.coverage:
            click.echo("\n".join(render_coverage(report.coverage, source or "", terminal_width())))
        click.echo(report.summary(), err=True)
    if failing or report.failures:
        ctx.exit(1)


@click.command()
@click.option("--results", is_flag=True, help="The quiz results file's schema instead.")
def schema(results: bool) -> None:
    """Print the deck format's JSON Schema (for editors and CI), or with --results the results
    file's. A terminal narrower than its lines is told how to save or page it instead."""
    import sys

    if results:
        from tiesquiz.results import results_schema_text

        text = results_schema_text()
    else:
        from tiesquiz.deck import schema_text

        text = schema_text()
    if sys.stdout.isatty():
        import os

        from tiesquiz.ui.output import terminal_width
        from tiesquiz.ui.schema_view import fits, too_wide

        if not fits(text, os.get_terminal_size(sys.stdout.fileno()).columns):
            click.echo(too_wide(text, results=results, width=terminal_width()))
            return
    click.echo(text, nl=False)


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print the list as JSON.")
@click.pass_context
def decks(ctx: click.Context, as_json: bool) -> None:
    """List the decks found: id, title and cards by type."""
    from tiesquiz.deck import load_library, unusable

    where = deck_search(settings(ctx))
    library = load_library(where=where)
    for line in unusable(library, where):
        tell(line)
    rows = sorted(library.usable(where.cwd).values(), key=lambda d: d.id)
    if as_json:
        echo_json(
            [
                {
                    "id": d.id,
                    "title": d.title,
                    "path": str(d.path),
                    "cards": len(d.cards),
                    "types": d.counts_by_type(),
                }
                for d in rows
            ]
        )
        return
    from tiesquiz.ui.decks_view import render_decks
    from tiesquiz.ui.output import terminal_width

    click.echo("\n".join(render_decks(rows, terminal_width())))


@click.command()
@click.argument("deck", shell_complete=complete_deck)
@click.option("--answers", is_flag=True, help="Also show answers, explanations and sources.")
@click.pass_context
def show(ctx: click.Context, deck: str, answers: bool) -> None:
    """Print every card of DECK as a student sees it, for proofreading."""
    from tiesquiz.deck import resolve
    from tiesquiz.ui.output import terminal_width
    from tiesquiz.ui.show_view import render_deck

    library = resolve([deck], where=deck_search(settings(ctx)))
    for line in library.skipped:
        tell(line)
    width = terminal_width()
    for d in library.decks.values():
        click.echo(render_deck(d, answers=answers, width=width))
