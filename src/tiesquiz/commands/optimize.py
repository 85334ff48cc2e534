"""``tiesquiz optimize``: FSRS-6's parameters fitted to your own answers."""

from __future__ import annotations

import shlex

import click

from tiesquiz.commands.common import Settings, echo_json, open_store
from tiesquiz.commands.common import settings as read_settings
from tiesquiz.safety import safe


@click.command()
@click.option("--dry-run", is_flag=True, help="Fit and show the figures; keep nothing.")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@click.option(
    "--retention",
    is_flag=True,
    help="Also suggest a desired retention, from a simulated year of your cards.",
)
@click.pass_context
def optimize(ctx: click.Context, dry_run: bool, as_json: bool, retention: bool) -> None:
    """Fit the scheduler's parameters (FSRS-6) to your own study answers.

    Uses the first answer to each card on each day, as Anki's optimizer does, and keeps the
    fitted parameters only when they predict your answers better than the ones in use (a
    lower log loss on your history). Also shows how parameters fitted to your earlier answers
    predict your later ones. 'tiesquiz settings' shows where the parameters came from.
    """
    from tiesquiz import fitting

    config = read_settings(ctx)
    store = open_store(config, today_only=True)  # the fit reads the whole history itself
    with store:
        result = fitting.optimize(store, config.clock, dry_run=dry_run, retention=retention)
    if as_json:
        echo_json(result.to_dict())
        return
    from tiesquiz.ui.optimize_view import render_optimized
    from tiesquiz.ui.output import terminal_width

    retention_now = store.progress.scheduler.desired_retention
    lines = render_optimized(result, retention_now, _prefix(config), terminal_width())
    click.echo("\n".join(lines))


def _prefix(config: Settings) -> str:
    """The tiesquiz command line for this progress file, to which a suggestion adds its words."""
    state = f" --state {shlex.quote(str(config.state))}" if config.state else ""
    return safe(f"tiesquiz{state}", multiline=False)
