"""A student's own marks on single cards: suspend, unsuspend, flag."""

from __future__ import annotations

import click

from tiesquiz.commands.common import open_store
from tiesquiz.commands.common import settings as read_settings


def _mark(ctx: click.Context, card: str, op: str, note: str = "") -> None:
    from tiesquiz import overview
    from tiesquiz.ui.marks_view import marked

    config = read_settings(ctx)
    store = open_store(config)
    question = overview.mark_card(store, card, config.decks, config.clock, op, note)
    click.echo(marked(op, question, note))


@click.command()
@click.argument("card", metavar="DECK/CARD")
@click.pass_context
def suspend(ctx: click.Context, card: str) -> None:
    """Never show a card in study again, until 'tiesquiz unsuspend DECK/CARD'."""
    _mark(ctx, card, "suspend")


@click.command()
@click.argument("card", metavar="DECK[/CARD]")
@click.pass_context
def unsuspend(ctx: click.Context, card: str) -> None:
    """Show a suspended (or buried) card in study again; with a deck alone, every one of it."""
    if "/" in card:
        _mark(ctx, card, "unsuspend")
        return
    from tiesquiz import overview
    from tiesquiz.ui.marks_view import unsuspended

    config = read_settings(ctx)
    store = open_store(config)
    click.echo(unsuspended(card, overview.unsuspend_deck(store, card, config.clock)))


@click.command()
@click.argument("card", metavar="DECK/CARD")
@click.option("--note", required=True, help="What is wrong or unclear ('' takes the flag back).")
@click.pass_context
def flag(ctx: click.Context, card: str, note: str) -> None:
    """Flag a card as wrong or unclear, with a note for whoever writes the deck."""
    _mark(ctx, card, "flag", note)
