"""The teacher's side of a quiz: ``tiesquiz results``."""

from __future__ import annotations

from pathlib import Path

import click

from tiesquiz.commands.common import echo_json, settings


@click.command("results")
@click.argument("paths", metavar="FILE-OR-FOLDER...", nargs=-1, required=True, type=click.Path())
@click.option("--json", "as_json", is_flag=True, help="Print the whole report as JSON.")
@click.option(
    "--csv",
    "gradebook",
    type=click.Path(dir_okay=False),
    help="Also write a gradebook: a row per student, a column per card, the total.",
)
@click.option(
    "--deck",
    "deck_names",
    multiple=True,
    help="Read this deck (repeatable) for each card's current question, answer and options.",
)
@click.option("--force", is_flag=True, help="Overwrite the gradebook file if it exists.")
@click.pass_context
def results_cmd(
    ctx: click.Context,
    paths: tuple[str, ...],
    as_json: bool,
    gradebook: str | None,
    deck_names: tuple[str, ...],
    force: bool,
) -> None:
    """Read a class's quiz results (files written by 'quiz --results', or folders of them):
    each student's score, each question's facility and discrimination, the quiz's reliability.
    """
    from tiesquiz.results import class_results

    config = settings(ctx)
    target = Path(gradebook) if gradebook else None
    report = class_results(
        [Path(p) for p in paths], deck_names, config.decks, gradebook=target, force=force
    )
    if as_json:
        echo_json(report.to_dict())
    else:
        from tiesquiz.ui.output import terminal_width
        from tiesquiz.ui.results_view import render_report

        click.echo("\n".join(render_report(report, width=terminal_width(), clock=config.clock)))
    if target is not None:
        click.echo(f"Gradebook written to {target}.", err=as_json)
    if as_json:  # the report lists them otherwise
        for file, why in report.skipped:
            click.echo(f"Skipped {file}: {why}", err=True)
