"""Commands about the learner's progress: due, stats, reset, settings, repair."""

from __future__ import annotations

import shlex
import sys
from pathlib import Path
from typing import Any

import click

from tiesquiz.commands.common import Settings, complete_deck, data_dir, echo_json, open_store, tell
from tiesquiz.commands.common import settings as read_settings
from tiesquiz.safety import safe


@click.command()
@click.argument("deck_names", metavar="[DECK]...", nargs=-1, shell_complete=complete_deck)
@click.option("--json", "as_json", is_flag=True, help="Print the counts as JSON.")
@click.option(
    "--exam",
    type=click.DateTime(["%Y-%m-%d"]),
    metavar="YYYY-MM-DD",
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
    for line in report.skipped:
        tell(line)
    if as_json:
        echo_json(report.to_dict())
    else:
        from tiesquiz.ui.due_view import render_due
        from tiesquiz.ui.output import terminal_width

        click.echo(render_due(report, terminal_width()))


@click.command()
@click.argument("deck_names", metavar="[DECK]...", nargs=-1, shell_complete=complete_deck)
@click.option("--json", "as_json", is_flag=True, help="Print all of it as JSON.")
@click.pass_context
def stats(ctx: click.Context, deck_names: tuple[str, ...], as_json: bool) -> None:
    """Show your progress: cards by state, retention, recall, streak, forecast and heatmap.

    Per deck and in total. Pictures are drawn in colour on a terminal and with plain characters
    otherwise (or with NO_COLOR).
    """
    from tiesquiz import overview

    config = read_settings(ctx)
    store = open_store(config, today_only=True)  # stats reads the rest of the history itself
    result = overview.progress_stats(store, list(deck_names), config.clock, config.decks)
    for line in result.skipped:
        tell(line)
    if as_json:
        echo_json(result.to_dict())
    else:
        from tiesquiz.ui.output import terminal_width
        from tiesquiz.ui.stats_view import render

        render(result, width=terminal_width())


@click.command()
@click.argument("target", metavar="[DECK[/CARD]]", required=False, shell_complete=complete_deck)
@click.option("--yes", "-y", is_flag=True, help="Do not ask for confirmation.")
@click.option("--undo", is_flag=True, help="Bring back what the last reset forgot.")
@click.pass_context
def reset(ctx: click.Context, target: str | None, yes: bool, undo: bool) -> None:
    """Forget your progress on a deck or on one card (its schedule and its answers).

    Works for decks and cards that no longer exist, too. Nothing is deleted from the history
    of answers: 'tiesquiz reset --undo' brings back what the last reset forgot.
    """
    from tiesquiz import overview

    config = read_settings(ctx)
    if undo:
        _undo_reset(config, target)
        return
    if target is None:
        raise click.UsageError("name the DECK or DECK/CARD to forget (or --undo the last reset)")
    store = open_store(config)
    keys = overview.reset_keys(store, target)
    if not keys:
        click.echo(f"No progress recorded for {safe(target)}; nothing to reset.")
        return
    what = f"{len(keys)} card{'s' if len(keys) != 1 else ''}"
    if not yes:
        if not sys.stdin.isatty():
            raise click.UsageError(f"resetting {what} needs confirmation: add --yes")
        click.confirm(f"Forget all progress on {what} in {safe(target)}?", abort=True)
    with store:
        store.reset(keys)
    click.echo(
        f"Progress on {what} forgotten. To bring it back: {_command(config, 'reset --undo')}"
    )


def _undo_reset(config: Settings, target: str | None) -> None:
    if target is not None:
        raise click.UsageError("--undo takes no DECK: it undoes the last reset")
    store = open_store(config)
    with store:
        forgotten = store.undo_reset()
    if forgotten is None:
        click.echo("No reset to undo.")
        return
    keys = forgotten.keys
    decks = sorted({key.split("/", 1)[0] for key in keys})
    only = (
        ""
        if forgotten.kept_schedules
        else " Only their answers: that reset was made by an older tiesquiz, which did not keep "
        "the schedules."
    )
    click.echo(
        f"Progress on {len(keys)} card{'s' if len(keys) != 1 else ''} "
        f"({safe(', '.join(decks), multiline=False)}) brought back.{only}"
    )


def _command(config: Settings, args: str) -> str:
    """The tiesquiz command line to run for this progress file."""
    state = f" --state {shlex.quote(str(config.state))}" if config.state else ""
    return safe(f"tiesquiz{state} {args}", multiline=False)


@click.command()
@click.pass_context
def repair(ctx: click.Context) -> None:
    """Repair a damaged history of answers, as the messages that refuse it say.

    Writes the history again without the lines it cannot use (each named, with what was done),
    keeps the old one as a backup, and recomputes the schedules. Never edit the history by
    hand: the progress file counts its bytes.
    """
    from tiesquiz.progress import repair_history

    config = read_settings(ctx)
    done = repair_history(_state_path(config), data_dir(config))
    if done.backup is None and not done.changes:
        click.echo(
            f"Nothing to repair: {safe(str(done.history))} is sound ({done.answers} answers)."
        )
        return
    click.echo(f"{safe(str(done.history))}:")
    for change in done.changes:
        click.echo(f"  {safe(change, multiline=False)}")
    kept = f" The old history is kept as {safe(str(done.backup))}." if done.backup else ""
    click.echo(
        f"Written again, with {done.answers} answers.{kept} The schedules were recomputed "
        "and saved."
    )


def _state_path(config: Settings) -> Path:
    from tiesquiz.paths import default_state_path

    return config.state if config.state is not None else default_state_path()


@click.command()
@click.option("--new-per-day", type=click.IntRange(0, 10_000), help="New cards introduced per day.")
@click.option("--reviews-per-day", type=click.IntRange(0, 100_000), help="Reviews per day.")
@click.option(
    "--retention", type=click.FloatRange(0.7, 0.99), help="Desired retention (0.70 to 0.99)."
)
@click.option(
    "--deck",
    "deck_id",
    help="Set the daily limits of this deck only.",
    shell_complete=complete_deck,
)
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

    config = read_settings(ctx)
    store = open_store(config, today_only=True)  # the answers are not needed
    if deck_id is not None:
        overview.known_deck(deck_id, store, config.decks)
    with store:
        overview.change_settings(
            store,
            deck=deck_id,
            new_per_day=new_per_day,
            reviews_per_day=reviews_per_day,
            retention=retention,
        )
    from tiesquiz.fitting import source
    from tiesquiz.ui.output import terminal_width
    from tiesquiz.ui.settings_view import render_settings

    p = store.progress
    lines = render_settings(
        str(store.path),
        (p.limits.new_per_day, p.limits.reviews_per_day),
        [(d, lim.new_per_day, lim.reviews_per_day) for d, lim in sorted(p.deck_limits.items())],
        p.scheduler.desired_retention,
        p.scheduler.learning_steps,
        terminal_width(),
        source(p.scheduler, config.clock),
    )
    click.echo("\n".join(lines))
