"""Commands that ask questions: study and quiz."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

import click

from tiesquiz.commands.common import Settings, complete_deck, open_store, settings, tell
from tiesquiz.deck import CARD_TYPES

if TYPE_CHECKING:
    from tiesquiz.progress import ProgressStore
    from tiesquiz.session import Selection


def _select(
    config: Settings,
    store: ProgressStore,
    deck_names: tuple[str, ...],
    tags: tuple[str, ...],
    types: tuple[str, ...] = (),
) -> Selection:
    """The cards asked for; a broken deck left out is named on standard error."""
    from tiesquiz.session import select_cards

    return select_cards(
        store,
        deck_names,
        config.decks,
        tags=tags,
        types=types,
        warn=tell,
    )


def _frontend(plain: bool, config: Settings) -> Any:
    from tiesquiz.ui.output import color_wanted, echo_out

    if plain or not sys.stdin.isatty():
        from tiesquiz.ui.plain import PlainFrontend, stdin_reader

        return PlainFrontend(echo_out(color=False), stdin_reader())
    from tiesquiz.ui.terminal import TerminalFrontend

    return TerminalFrontend(echo_out(color_wanted(allowed=config.color)))


@click.command()
@click.argument("deck_names", metavar="[DECK]...", nargs=-1, shell_complete=complete_deck)
@click.option("--tag", "tags", multiple=True, help="Only cards with this tag (repeatable).")
@click.option(
    "--new",
    "new_cards",
    type=click.IntRange(0),
    help="Study N more new cards now, whatever today's limits.",
)
@click.option(
    "--reviews",
    "review_cards",
    type=click.IntRange(0),
    help="Study N more due reviews now, whatever today's limits.",
)
@click.option("--limit", type=click.IntRange(1), help="Stop after this many answers.")
@click.option(
    "--plain",
    is_flag=True,
    help="Line by line, no colours or cursor movement (automatic when input is not a terminal).",
)
@click.option("--seed", type=int, help="Seed for shuffling options (for reproducible runs).")
@click.option(
    "--exam",
    type=click.DateTime(["%Y-%m-%d"]),
    metavar="YYYY-MM-DD",
    help="Exam day: no interval goes past it and new cards are paced to it "
    "(default: the decks' exam: setting).",
)
@click.pass_context
def study(
    ctx: click.Context,
    deck_names: tuple[str, ...],
    tags: tuple[str, ...],
    new_cards: int | None,
    review_cards: int | None,
    limit: int | None,
    plain: bool,
    seed: int | None,
    exam: Any,
) -> None:
    """Study the cards that are due, then new ones, with spaced repetition (FSRS-6).

    With no DECK, studies every deck found. During a question: ? shows the hint, s skips,
    u undoes the last answer, q quits (in text prompts type :s, :u or :q). Every answer is
    saved the moment you give it.
    """
    from tiesquiz.session import start_study
    from tiesquiz.ui.run import run_study

    config = settings(ctx)
    store = open_store(config, today_only=True)
    with store:  # closed whatever happens: it may have written (the decks' paths, say)
        session = start_study(
            store,
            _select(config, store, deck_names, tags),
            config.clock,
            new_cards=new_cards,
            review_cards=review_cards,
            exam=exam.date() if exam else None,
            limit=limit,
            seed=seed,
        )
        ui = _frontend(plain, config)
        if session.exam is not None:
            ui.out(f"Studying toward the exam on {session.exam:%Y-%m-%d}.")
        run_study(session, ui, config.clock)


@click.command()
@click.argument("deck_names", metavar="[DECK]...", nargs=-1, shell_complete=complete_deck)
@click.option(
    "--count",
    "-n",
    type=click.IntRange(1),
    default=10,
    show_default=True,
    help="Number of questions.",
)
@click.option("--tag", "tags", multiple=True, help="Only cards with this tag (repeatable).")
@click.option(
    "--type",
    "types",
    multiple=True,
    type=click.Choice(CARD_TYPES),
    metavar="TYPE",
    help=f"Only this card type (repeatable): {', '.join(CARD_TYPES)}. Flashcards only when "
    "asked for.",
)
@click.option(
    "--seed", type=int, help="Seed for choosing and shuffling questions (same seed, same quiz)."
)
@click.option(
    "--time-limit",
    type=click.FloatRange(min=0.1),
    help="Minutes allowed; checked between questions.",
)
@click.option(
    "--results",
    "results_name",
    type=click.Path(dir_okay=False),
    help="Write results to FILE.json or FILE.csv.",
)
@click.option("--force", is_flag=True, help="Overwrite the results file if it exists.")
@click.option("--name", default="", help="Your name, for the results file.")
@click.option(
    "--feedback", is_flag=True, help="Show right/wrong after each question, not only at the end."
)
@click.option(
    "--plain",
    is_flag=True,
    help="Line by line, no colours or cursor movement (automatic when input is not a terminal).",
)
@click.pass_context
def quiz(
    ctx: click.Context,
    deck_names: tuple[str, ...],
    count: int,
    tags: tuple[str, ...],
    types: tuple[str, ...],
    seed: int | None,
    time_limit: float | None,
    results_name: str | None,
    force: bool,
    name: str,
    feedback: bool,
    plain: bool,
) -> None:
    """Take an exam: a score at the end, and no change to your study schedule.

    Questions are sampled from the decks (all of them when there are fewer). Answers are kept in
    your review log, marked as quiz answers.
    """
    from pathlib import Path

    from tiesquiz.results import check_results_path, results_data, write_results
    from tiesquiz.session import start_quiz
    from tiesquiz.ui.run import run_quiz

    config = settings(ctx)
    results = Path(results_name) if results_name else None
    if results is not None:
        check_results_path(results, overwrite=force)
    store = open_store(config, today_only=True)
    with store:  # closed whatever happens: it may have written (the decks' paths, say)
        selection = _select(config, store, deck_names, tags, types)
        session = start_quiz(
            store, selection, config.clock, count=count, types=types, minutes=time_limit, seed=seed
        )
        ui = _frontend(plain, config)
        items = run_quiz(session, ui, show_feedback=feedback)
    if results is not None and items:
        write_results(
            results,
            results_data(
                items,
                name=name,
                decks=list(selection.titles),
                started=session.started,
                seconds=session.elapsed(),
                seed=seed,
            ),
        )
        click.echo(f"Results written to {results}.")
