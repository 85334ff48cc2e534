"""Commands that ask questions: study and quiz."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

import click

from tiesquiz.commands.common import Settings, open_store, settings
from tiesquiz.deck.model import CARD_TYPES
from tiesquiz.errors import TiesquizError
from tiesquiz.safety import safe

if TYPE_CHECKING:
    from tiesquiz.progress.store import ProgressStore


def _select_cards(
    config: Settings,
    store: ProgressStore,
    deck_names: tuple[str, ...],
    tags: tuple[str, ...],
    types: tuple[str, ...] = (),
) -> tuple[list[Any], dict[str, str], Any]:
    """Cards of the named decks (all when none), filtered; deck titles by id; the earliest exam.

    Decks studied before are found from any folder; the files of the decks chosen are remembered.
    A progress file that could not take an answer is found now, before the first question.
    """
    from tiesquiz.deck.discover import bundled_dir, resolve

    store.check_writable()
    library = resolve(list(deck_names), where=config.decks.remembering(store.progress.deck_paths))
    for line in library.skipped:  # a broken deck is named, and the others are studied
        click.echo(safe(line), err=True)
    decks = list(library.decks.values())
    bundled = bundled_dir()
    store.remember_decks(
        {
            d.id: str(d.path.resolve())
            for d in decks
            if bundled is None or d.path.resolve().parent != bundled.resolve()
        }
    )
    cards = []
    wanted_tags = {t.casefold() for t in tags}
    for deck in decks:
        for card in deck.cards:
            if wanted_tags and not wanted_tags & {t.casefold() for t in (*card.tags, *deck.tags)}:
                continue
            if types and card.type not in types:
                continue
            cards.append(card)
    exams = sorted(d.exam for d in decks if d.exam is not None)
    return cards, {d.id: d.title for d in decks}, exams[0] if exams else None


def _frontend(plain: bool, config: Settings) -> Any:
    from tiesquiz.ui.output import color_wanted, echo_out

    if plain or not sys.stdin.isatty():
        from tiesquiz.ui.plain import PlainFrontend, stdin_reader

        return PlainFrontend(echo_out(color=False), stdin_reader())
    from tiesquiz.ui.terminal import TerminalFrontend

    return TerminalFrontend(echo_out(color_wanted(allowed=config.color)))


@click.command()
@click.argument("deck_names", metavar="[DECK]...", nargs=-1)
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
    help="Exam day (YYYY-MM-DD): no interval goes past it and new cards are paced to it "
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
    import random

    from tiesquiz.scheduling.queue import Allowance
    from tiesquiz.session.study import StudySession
    from tiesquiz.ui.run import run_study

    config = settings(ctx)
    store = open_store(config, today_only=True)
    with store:  # closed whatever happens: it may have written (the decks' paths, say)
        cards, titles, exam_day = _select_cards(config, store, deck_names, tags)
        if not cards:
            raise TiesquizError("no cards match: check the deck names and --tag")
        clock = config.clock
        progress = store.progress
        allowance = Allowance(progress.limits, progress.deck_limits, new_cards, review_cards)
        ui = _frontend(plain, config)
        session = StudySession(
            store,
            cards,
            clock,
            allowance,
            random.Random(seed),
            exam=exam.date() if exam else exam_day,
            limit=limit,
            titles=titles,
        )
        if session.exam is not None:
            ui.out(f"Studying toward the exam on {session.exam:%Y-%m-%d}.")
        run_study(session, ui, clock)


@click.command()
@click.argument("deck_names", metavar="[DECK]...", nargs=-1)
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
    help="Only this card type (repeatable); flashcards only when asked for.",
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
    name: str,
    feedback: bool,
    plain: bool,
) -> None:
    """Take an exam: a score at the end, and no change to your study schedule.

    Questions are sampled from the decks (all of them when there are fewer). Answers are kept in
    your review log, marked as quiz answers.
    """
    import random
    from pathlib import Path

    from tiesquiz.results import check_results_path, results_data, write_results
    from tiesquiz.session.quiz import QuizSession
    from tiesquiz.ui.run import run_quiz

    config = settings(ctx)
    results = Path(results_name) if results_name else None
    if results is not None:
        check_results_path(results)
    store = open_store(config, today_only=True)
    with store:  # closed whatever happens: it may have written (the decks' paths, say)
        cards, titles, _ = _select_cards(config, store, deck_names, tags, types)
        if not cards:
            raise TiesquizError("no cards match: check the deck names, --tag and --type")
        ui = _frontend(plain, config)
        session = QuizSession(
            store,
            cards,
            config.clock,
            count,
            random.Random(seed),
            include_flashcards="flashcard" in types,
            time_limit=time_limit * 60 if time_limit else None,
            titles=titles,
        )
        items = run_quiz(session, ui, show_feedback=feedback)
    if results is not None and items:
        write_results(
            results,
            results_data(
                items,
                name=name,
                decks=list(titles),
                started=session.started,
                seconds=session.elapsed(),
                seed=seed,
            ),
        )
        click.echo(f"Results written to {results}.")
