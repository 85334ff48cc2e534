"""The command line: a thin click layer over the library.

Only click is imported at module level, so ``tiesquiz --help`` stays fast; each command imports
what it needs. Domain errors (:class:`tiesquiz.errors.TiesquizError`) become one clean message and
a non-zero exit here, in :meth:`TiesquizGroup.invoke`, and nowhere else.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

import click

from tiesquiz import __version__

if TYPE_CHECKING:
    from tiesquiz.progress import ProgressStore


class TiesquizGroup(click.Group):
    def invoke(self, ctx: click.Context) -> Any:
        from tiesquiz.errors import TiesquizError

        try:
            return super().invoke(ctx)
        except TiesquizError as exc:
            from tiesquiz.ui.safe import safe

            raise click.ClickException(safe(str(exc))) from None
        except KeyboardInterrupt:
            click.echo("\nInterrupted.", err=True)
            ctx.exit(130)


@click.group(cls=TiesquizGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="tiesquiz")
@click.option(
    "--state",
    type=click.Path(dir_okay=False),
    envvar="TIESQUIZ_STATE",
    help="Progress file to use (default: your data folder; also TIESQUIZ_STATE).",
)
@click.pass_context
def cli(ctx: click.Context, state: str | None) -> None:
    """Study a report from the terminal: question decks, spaced repetition, exams.

    Start with 'tiesquiz study'. Teachers: 'tiesquiz lint' checks decks, 'tiesquiz show' previews them.
    """
    ctx.ensure_object(dict)
    ctx.obj["state"] = state


def echo_json(data: Any) -> None:
    import json

    # ASCII escapes keep deck text (direction overrides included) from reaching the terminal raw.
    click.echo(json.dumps(data, indent=2, ensure_ascii=True))


def open_store(ctx: click.Context) -> ProgressStore:
    """The progress store for --state / TIESQUIZ_STATE, or the default in the user's data folder."""
    from pathlib import Path

    from tiesquiz.paths import default_state_path
    from tiesquiz.progress import ProgressStore

    obj = ctx.find_root().obj or {}
    state: str | None = obj.get("state")
    if state is None:
        return ProgressStore.open(default_state_path(), create_parents=True)
    return ProgressStore.open(Path(state))


# -- decks -----------------------------------------------------------------------------------


@cli.command(short_help="Check decks; every problem as file:line:col.")
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
def lint(paths: tuple[str, ...], fmt: str, strict: bool) -> None:
    """Check decks and report every problem as file:line:col.

    With no PATH, checks every deck found (bundled, ./decks, TIESQUIZ_DECKS).
    Exits 1 when there are errors (or warnings, with --strict).
    """
    from pathlib import Path

    from tiesquiz.deck.lint import lint_paths

    report = lint_paths([Path(p) for p in paths])
    failing = report.errors + (report.warnings if strict else [])
    if fmt == "json":
        echo_json(report.to_dict(strict=strict))
    else:
        from tiesquiz.ui.safe import safe

        for line in report.lines():
            click.echo(safe(line))
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


# -- study and quiz --------------------------------------------------------------------------------


def _select_cards(
    deck_names: tuple[str, ...], tags: tuple[str, ...], types: tuple[str, ...] = ()
) -> tuple[list[Any], list[str], Any]:
    """Cards of the named decks (all when none), filtered; the deck ids; the earliest deck exam."""
    from tiesquiz.deck.discover import resolve

    decks = list(resolve(list(deck_names)).decks.values())
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
    return cards, [d.id for d in decks], exams[0] if exams else None


def _frontend(plain: bool) -> Any:
    from tiesquiz.ui.output import echo_out

    if plain or not sys.stdin.isatty():
        from tiesquiz.ui.plain import PlainFrontend, stdin_reader

        return PlainFrontend(echo_out(color=False), stdin_reader())
    from tiesquiz.ui.terminal import TerminalFrontend

    return TerminalFrontend(echo_out())


@cli.command(short_help="Study what is due, then new cards.")
@click.argument("deck_names", metavar="[DECK]...", nargs=-1)
@click.option("--tag", "tags", multiple=True, help="Only cards with this tag (repeatable).")
@click.option(
    "--new",
    "new_cards",
    type=click.IntRange(0),
    help="New cards allowed today (overrides your setting).",
)
@click.option(
    "--reviews",
    "review_cards",
    type=click.IntRange(0),
    help="Reviews allowed today (overrides your setting).",
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
    import dataclasses
    import random

    from tiesquiz.clock import clock_from_env
    from tiesquiz.session import StudySession
    from tiesquiz.ui.run import run_study

    cards, _, exam_day = _select_cards(deck_names, tags)
    if not cards:
        raise click.ClickException("no cards match: check the deck names and --tag")
    store = open_store(ctx)
    clock = clock_from_env()
    limits = store.progress.limits
    if new_cards is not None:
        limits = dataclasses.replace(limits, new_per_day=new_cards)
    if review_cards is not None:
        limits = dataclasses.replace(limits, reviews_per_day=review_cards)
    ui = _frontend(plain)
    with store:
        session = StudySession(
            store, cards, clock, limits, random.Random(seed), exam=exam.date() if exam else exam_day
        )
        if session.exam is not None:
            ui.out(f"Studying toward the exam on {session.exam:%Y-%m-%d}.")
        run_study(session, ui, clock, limit=limit)


@cli.command(short_help="Take an exam: a score, no schedule change.")
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
    type=click.Choice(
        ["flashcard", "choice", "multi", "truefalse", "typed", "cloze", "order", "match"]
    ),
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

    from tiesquiz.clock import clock_from_env
    from tiesquiz.results import check_results_path, results_data, write_results
    from tiesquiz.session import QuizSession
    from tiesquiz.ui.run import run_quiz

    results = Path(results_name) if results_name else None
    if results is not None:
        check_results_path(results)
    cards, deck_ids, _ = _select_cards(deck_names, tags, types)
    if not cards:
        raise click.ClickException("no cards match: check the deck names, --tag and --type")
    store = open_store(ctx)
    clock = clock_from_env()
    ui = _frontend(plain)
    with store:
        session = QuizSession(
            store, cards, clock, count, random.Random(seed), include_flashcards="flashcard" in types
        )
        items = run_quiz(
            session,
            ui,
            clock,
            show_feedback=feedback,
            time_limit=time_limit * 60 if time_limit else None,
        )
    if results is not None and items:
        write_results(
            results,
            results_data(
                items,
                name=name,
                decks=deck_ids,
                started=session.started,
                seconds=session.elapsed(),
                score=session.score,
                seed=seed,
            ),
        )
        click.echo(f"Results written to {results}.")


# -- progress ------------------------------------------------------------------------------------


@cli.command(short_help="New, learning and due cards, per deck.")
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

    report = overview.due_report(
        open_store(ctx), list(deck_names), exam=exam.date() if exam else None
    )
    if as_json:
        echo_json(report.to_dict())
    else:
        click.echo(report.render())


@cli.command(short_help="Your progress: retention, streak, charts.")
@click.argument("deck_names", metavar="[DECK]...", nargs=-1)
@click.option("--json", "as_json", is_flag=True, help="Print all of it as JSON.")
@click.pass_context
def stats(ctx: click.Context, deck_names: tuple[str, ...], as_json: bool) -> None:
    """Show your progress: cards by state, retention, recall, streak, forecast and heatmap.

    Per deck and in total. Pictures are drawn in colour on a terminal and with plain characters
    otherwise (or with NO_COLOR).
    """
    from tiesquiz import overview
    from tiesquiz.clock import clock_from_env
    from tiesquiz.stats import compute

    store = open_store(ctx)
    decks, known = overview.decks_and_known(list(deck_names))
    result = compute(
        decks, store.progress, clock_from_env(), known=known, everything=not deck_names
    )
    if as_json:
        echo_json(result.to_dict())
    else:
        from tiesquiz.ui.stats_view import render

        render(result)


@cli.command(short_help="Forget your progress on a deck or a card.")
@click.argument("target", metavar="DECK[/CARD]")
@click.option("--yes", "-y", is_flag=True, help="Do not ask for confirmation.")
@click.pass_context
def reset(ctx: click.Context, target: str, yes: bool) -> None:
    """Forget your progress on a deck or on one card (its schedule and its answers).

    Works for decks and cards that no longer exist, too. A backup of the file is kept.
    """
    from tiesquiz import overview

    store = open_store(ctx)
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


@cli.command(short_help="Show or change daily limits and retention.")
@click.option("--new-per-day", type=click.IntRange(0, 10_000), help="New cards introduced per day.")
@click.option("--reviews-per-day", type=click.IntRange(0, 100_000), help="Reviews per day.")
@click.option(
    "--retention", type=click.FloatRange(0.7, 0.99), help="Desired retention (0.70 to 0.99)."
)
@click.pass_context
def settings(
    ctx: click.Context,
    new_per_day: int | None,
    reviews_per_day: int | None,
    retention: float | None,
) -> None:
    """Show or change your daily limits and desired retention (stored in the progress file)."""
    import dataclasses

    store = open_store(ctx)
    progress = store.progress
    with store:
        if new_per_day is not None or reviews_per_day is not None:
            store.set_limits(
                dataclasses.replace(
                    progress.limits,
                    **{
                        k: v
                        for k, v in (
                            ("new_per_day", new_per_day),
                            ("reviews_per_day", reviews_per_day),
                        )
                        if v is not None
                    },
                )
            )
        if retention is not None:
            store.set_scheduler(
                dataclasses.replace(progress.scheduler, desired_retention=retention)
            )
    p = store.progress
    click.echo(f"Progress file:     {store.path}")
    click.echo(f"New cards per day: {p.limits.new_per_day}")
    click.echo(f"Reviews per day:   {p.limits.reviews_per_day}")
    click.echo(f"Desired retention: {p.scheduler.desired_retention:.2f}")
    click.echo(
        f"Learning steps:    {', '.join(f'{s // 60} min' for s in p.scheduler.learning_steps)}"
    )


# -- moving questions in and out -------------------------------------------------------------------


@cli.command("export", short_help="Export decks to Anki, Moodle, CSV or Markdown.")
@click.argument("deck_names", metavar="DECK...", nargs=-1, required=True)
@click.option(
    "--to",
    "fmt",
    type=click.Choice(["anki", "gift", "csv", "markdown"]),
    required=True,
    help="anki (.apkg), gift (Moodle), csv (spreadsheets) or markdown (worksheet + answer key).",
)
@click.option(
    "-o",
    "--output",
    "output_name",
    type=click.Path(dir_okay=False),
    required=True,
    help="File to write.",
)
def export_cmd(deck_names: tuple[str, ...], fmt: str, output_name: str) -> None:
    """Export decks to Anki, Moodle GIFT, CSV, or a printable Markdown worksheet with its answer key."""
    from pathlib import Path

    from tiesquiz.deck.discover import resolve
    from tiesquiz.errors import TiesquizError
    from tiesquiz.export import export

    output = Path(output_name)
    decks = list(resolve(list(deck_names)).decks.values())
    if not output.parent.exists():
        raise TiesquizError(f"{output}: the folder {output.parent} does not exist")
    try:
        written = export(decks, fmt, output)
    except OSError as exc:
        raise TiesquizError(f"{output}: cannot write it: {exc.strerror or exc}") from None
    cards = sum(len(d.cards) for d in decks)
    click.echo(
        f"Exported {cards} cards from {len(decks)} deck{'s' if len(decks) != 1 else ''} to {', '.join(map(str, written))}."
    )


@cli.command("import", short_help="Make a deck from a CSV/TSV sheet or Anki text.")
@click.argument("source_name", metavar="FILE", type=click.Path(dir_okay=False, exists=True))
@click.option(
    "--from",
    "fmt",
    type=click.Choice(["csv", "tsv", "anki-txt"]),
    help="Input format (default: guessed from the file).",
)
@click.option(
    "-o",
    "--output",
    "output_name",
    type=click.Path(dir_okay=False),
    required=True,
    help="The YAML deck to write.",
)
@click.option("--deck", "deck_id", help="Deck id (default: from the output file name).")
@click.option("--title", help="Deck title (default: the deck id).")
@click.option("--force", is_flag=True, help="Overwrite the output file if it exists.")
def import_cmd(
    source_name: str,
    fmt: str | None,
    output_name: str,
    deck_id: str | None,
    title: str | None,
    force: bool,
) -> None:
    """Turn a CSV/TSV sheet or Anki's "Notes in Plain Text" export into a YAML deck.

    Sheets need a header row: question, answer, and optionally id, type, choices, accept,
    tolerance, explanation, source, hint, tags (lists separated by " | ").
    """
    from pathlib import Path

    from tiesquiz.deck.parse import read_deck_file
    from tiesquiz.deck.write import dump_deck
    from tiesquiz.errors import TiesquizError
    from tiesquiz.importer import import_file, slug

    source, output = Path(source_name), Path(output_name)
    if output.exists() and not force:
        raise TiesquizError(f"{output} already exists; add --force to overwrite it")
    result = import_file(source, fmt)
    if result.problems:
        raise TiesquizError(
            "nothing was written; fix these lines first:\n" + "\n".join(result.problems)
        )
    if not result.cards:
        raise TiesquizError(f"{source}: no cards found")
    ident = deck_id or slug(output.stem, 64)
    data = {"deck": ident, "title": title or ident, "source": source.name, "cards": result.cards}
    output.write_text(dump_deck(data), encoding="utf-8")
    check = read_deck_file(output)
    errors = [p.format() for p in check.errors]
    if errors:
        raise TiesquizError(f"{output} was written but does not pass lint:\n" + "\n".join(errors))
    click.echo(f"Imported {len(result.cards)} cards into {output} (deck {ident}).")


@cli.command("new", short_help="Write a starter deck with every card type.")
@click.argument("deck_id")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    help="File to write (default: DECK-ID.yaml).",
)
def new_cmd(deck_id: str, output: str | None) -> None:
    """Write a starter deck with one example of every card type, ready to edit."""
    from pathlib import Path

    from tiesquiz.deck.starter import starter_deck
    from tiesquiz.errors import TiesquizError

    target = Path(output or f"{deck_id}.yaml")
    if target.exists():
        raise TiesquizError(f"{target} already exists; choose another name or -o FILE")
    target.write_text(starter_deck(deck_id), encoding="utf-8")
    click.echo(f"Wrote {target}. Edit it, then check it with: tiesquiz lint {target}")


def main(prog_name: str | None = None) -> None:
    """Console-script entry point."""
    cli(prog_name=prog_name or "tiesquiz")
