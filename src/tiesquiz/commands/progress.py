"""Commands about the learner's progress: due, stats, reset, settings."""

from __future__ import annotations

import sys
from typing import Any

import click

from tiesquiz.commands.common import echo_json, open_store
from tiesquiz.commands.common import settings as read_settings
from tiesquiz.safety import safe


@click.command()
@click.argument("deck_names", metavar="[DECK]...", nargs=-1)
@click.option("--json", "as_json", is_flag=True, help="Print the counts as JSON.")
@click.option(
    "--exam",
    type=click.DateTime(["%Y-%m-%d"]),
    help="Exam day: show days left and whether your pace is on track.",
)
@click.pass_context
def due(ctx: click.Context, deck_names: tuple[str, ...], as_json: bool, exam: Any) -> None:
    """Show, per deck, the cards that are new, learning, due now and due later today.

    "Today" is your local calendar day. With an exam day (--exam or a deck's exam: setting),
    also the days left and whether your pace has every card seen twice before it.
    """
    from tiesquiz import overview

    config = read_settings(ctx)
    store = open_store(config, today_only=True)
    report = overview.due_report(
        store, list(deck_names), config.clock, config.decks, exam=exam.date() if exam else None
    )
    if as_json:
        echo_json(report.to_dict())
    else:
        from tiesquiz.ui.due_view import render_due

        click.echo(render_due(report))


@click.command()
@click.argument("deck_names", metavar="[DECK]...", nargs=-1)
@click.option("--json", "as_json", is_flag=True, help="Print all of it as JSON.")
@click.pass_context
def stats(ctx: click.Context, deck_names: tuple[str, ...], as_json: bool) -> None:
    """Show your progress: cards by state, retention, recall, streak, forecast and heatmap.

    Per deck and in total. Pictures are drawn in colour on a terminal and with plain characters
    otherwise (or with NO_COLOR).
    """
    from tiesquiz import overview

    config = read_settings(ctx)
    store = open_store(config)
    result = overview.progress_stats(store, list(deck_names), config.clock, config.decks)
    if as_json:
        echo_json(result.to_dict())
    else:
        from tiesquiz.ui.stats_view import render

        render(result)


@click.command()
@click.argument("target", metavar="DECK[/CARD]")
@click.option("--yes", "-y", is_flag=True, help="Do not ask for confirmation.")
@click.pass_context
def reset(ctx: click.Context, target: str, yes: bool) -> None:
    """Forget your progress on a deck or on one card (its schedule and its answers).

    Works for decks and cards that no longer exist, too. A backup of the file is kept.
    """
    from tiesquiz import overview

    store = open_store(read_settings(ctx))
    keys = overview.reset_keys(store, target)
    if not keys:
        click.echo(f"No progress recorded for {target}; nothing to reset.")
        return
    what = f"{len(keys)} card{'s' if len(keys) != 1 else ''}"
    if not yes:
        if not sys.stdin.isatty():
            raise click.UsageError(f"resetting {what} needs confirmation: add --yes")
        click.confirm(f"Forget all progress on {what} in {target}?", abort=True)
    with store:
        store.reset(keys)
    click.echo(f"Progress on {what} forgotten.")


@click.command()
@click.option("--new-per-day", type=click.IntRange(0, 10_000), help="New cards introduced per day.")
@click.option("--reviews-per-day", type=click.IntRange(0, 100_000), help="Reviews per day.")
@click.option(
    "--retention", type=click.FloatRange(0.7, 0.99), help="Desired retention (0.70 to 0.99)."
)
@click.option("--deck", "deck_id", help="Set the daily limits of this deck only.")
@click.pass_context
def settings(
    ctx: click.Context,
    new_per_day: int | None,
    reviews_per_day: int | None,
    retention: float | None,
    deck_id: str | None,
) -> None:
    """Show or change your daily limits and desired retention (stored in the progress file).

    Limits count per deck, as Anki counts them: each deck may introduce this many new cards and
    show this many reviews a day. --deck sets one deck's own limits.
    """
    from tiesquiz import overview

    store = open_store(read_settings(ctx), today_only=True)  # the answers are not needed
    with store:
        overview.change_settings(
            store,
            deck=deck_id,
            new_per_day=new_per_day,
            reviews_per_day=reviews_per_day,
            retention=retention,
        )
    p = store.progress
    click.echo(f"Progress file:     {store.path}")
    click.echo(f"New cards per day: {p.limits.new_per_day} (per deck)")
    click.echo(f"Reviews per day:   {p.limits.reviews_per_day} (per deck)")
    for deck, limits in sorted(p.deck_limits.items()):
        click.echo(
            f"  {safe(deck, multiline=False)}: {limits.new_per_day} new, "
            f"{limits.reviews_per_day} reviews a day"
        )
    click.echo(f"Desired retention: {p.scheduler.desired_retention:.2f}")
    click.echo(
        f"Learning steps:    {', '.join(f'{s // 60} min' for s in p.scheduler.learning_steps)}"
    )
