"""The teacher's side of a quiz: ``tiesquiz results``."""

from __future__ import annotations

from pathlib import Path

import click

from tiesquiz.commands.common import complete_deck, deck_search, echo_json, settings

ASK = "\0ask"


def _pairs(accepts: tuple[str, ...]) -> list[tuple[str, str]]:
    pairs = []
    for given in accepts:
        if given == ASK:
            continue
        card, sep, text = given.partition("=")
        if not sep or not card.strip():
            raise click.UsageError(
                f"--accept {given!r}: write it as CARD=TEXT, e.g. economy/oil=crude"
            )
        pairs.append((card.strip(), text.strip()))
    return pairs


def _accept(
    ctx: click.Context, paths: list[Path], accepts: tuple[str, ...], deck_names: tuple[str, ...]
) -> tuple[str, ...]:
    """Add the accepted forms to their decks; the decks to score the class with, from then on."""
    from tiesquiz.results import accept_answers, class_results, results_decks

    config = settings(ctx)
    names = deck_names or results_decks(paths)
    pairs = _pairs(accepts)
    if ASK in accepts:
        from tiesquiz.ui.results_view import ask_accepts

        report = class_results(paths, names, deck_search(config))
        pairs += ask_accepts(report, lambda q: click.confirm(q, default=False))
    for done in accept_answers(pairs, names, deck_search(config)):
        forms = ", ".join(repr(f) for f in done.forms)
        click.echo(f"Accepted {forms} for {done.card} (added to {done.file}).", err=True)
    return names


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
    shell_complete=complete_deck,
    help="Read this deck (repeatable) for each card's current question, answer and options.",
)
@click.option("--force", is_flag=True, help="Overwrite the gradebook file if it exists.")
@click.option(
    "--accept",
    "accepts",
    metavar="CARD=TEXT",
    multiple=True,
    is_flag=False,
    flag_value=ASK,
    help="Accept TEXT as a right answer to typed card CARD (deck/id): it is added to the card's "
    "accept: list in its deck file and the class is scored again. Repeatable; alone, goes through "
    "the answers to check one by one. Put it after the folders.",
)
@click.pass_context
def results_cmd(
    ctx: click.Context,
    paths: tuple[str, ...],
    as_json: bool,
    gradebook: str | None,
    deck_names: tuple[str, ...],
    force: bool,
    accepts: tuple[str, ...],
) -> None:
    """Read a class's quiz results (files written by 'quiz --results', or folders of them):
    each student's score, each question's facility and discrimination, the quiz's reliability,
    and the answers a person must check.
    """
    from tiesquiz.results import class_results

    config = settings(ctx)
    target = Path(gradebook) if gradebook else None
    if accepts:
        deck_names = _accept(ctx, [Path(p) for p in paths], accepts, deck_names)
    report = class_results(
        [Path(p) for p in paths], deck_names, deck_search(config), gradebook=target, force=force
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
