"""Commands that move questions in and out: export, import, new."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from tiesquiz.atomic import taken, write_atomic
from tiesquiz.commands.common import complete_deck, deck_search, settings, tell
from tiesquiz.errors import TiesquizError
from tiesquiz.export import FORMATS as EXPORT_FORMATS
from tiesquiz.importer import FORMATS as IMPORT_FORMATS

if TYPE_CHECKING:
    from tiesquiz.importer import SheetDeck
    from tiesquiz.reimport import DeckFile, Written


def _check_folder(target: Path) -> None:
    if not target.parent.is_dir():
        raise TiesquizError(
            f"{target}: the folder {target.parent} does not exist; create it or choose another path"
        )


def _write_new_file(target: Path, text: str) -> None:
    """Write a file the user asked for, or say in words why it cannot be written."""
    _check_folder(target)
    try:
        write_atomic(target, text)
    except OSError as exc:
        raise TiesquizError(f"{target}: cannot write it: {exc.strerror or exc}") from None


@click.command("export")
@click.argument(
    "deck_names", metavar="DECK...", nargs=-1, required=True, shell_complete=complete_deck
)
@click.option(
    "--to",
    "fmt",
    type=click.Choice(EXPORT_FORMATS),
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
@click.option("--force", is_flag=True, help="Overwrite the file(s) if they exist.")
@click.option(
    "--versions",
    type=click.IntRange(1, 26),
    help="Markdown and GIFT: write N versions (FILE-A, FILE-B...) with questions and options "
    "shuffled, each with its answer key.",
)
@click.option("--seed", type=int, help="Seed for --versions (same seed, same versions).")
@click.pass_context
def export_cmd(
    ctx: click.Context,
    deck_names: tuple[str, ...],
    fmt: str,
    output_name: str,
    force: bool,
    versions: int | None,
    seed: int | None,
) -> None:
    """Export decks to Anki, Moodle GIFT, CSV, or a printable Markdown worksheet with its answer key."""
    from tiesquiz.deck import resolve
    from tiesquiz.export import VERSIONED, export, export_paths, export_versions

    output = Path(output_name)
    if versions and fmt not in VERSIONED:
        raise TiesquizError(
            f"--versions is for --to markdown or --to gift; {fmt} cannot be shuffled into versions"
        )
    if seed is not None and not versions:
        raise TiesquizError("--seed goes with --versions (add --versions N)")
    library = resolve(list(deck_names), where=deck_search(settings(ctx)))
    for line in library.skipped:
        tell(line)
    decks = list(library.decks.values())
    _check_folder(output)
    there = [p for p in export_paths(fmt, output, versions or 0) if taken(p)]
    if there and not force:
        raise TiesquizError(
            f"{', '.join(map(str, there))} already exist{'s' if len(there) == 1 else ''}; "
            "add --force to overwrite, or choose another -o FILE"
        )
    try:
        if versions:
            written = export_versions(decks, fmt, output, versions, seed)
        else:
            written = export(decks, fmt, output)
    except OSError as exc:
        raise TiesquizError(f"{output}: cannot write it: {exc.strerror or exc}") from None
    cards = sum(len(d.cards) for d in decks)
    click.echo(
        f"Exported {cards} cards from {len(decks)} deck{'s' if len(decks) != 1 else ''} to {', '.join(map(str, written))}."
    )


@click.command("import")
@click.argument("source_name", metavar="FILE", type=click.Path(dir_okay=False, exists=True))
@click.option(
    "--from",
    "fmt",
    type=click.Choice(IMPORT_FORMATS),
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
@click.option("--deck", "deck_id", help="Deck id (default: the sheet's, or the output file name).")
@click.option("--title", help="Deck title (default: the sheet's, or the deck id).")
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
    from tiesquiz.importer import sheet_deck
    from tiesquiz.reimport import deck_file, read_back

    source, output = Path(source_name), Path(output_name)
    _check_folder(output)
    if taken(output) and not force:
        raise TiesquizError(f"{output} already exists; add --force to overwrite it")
    made = sheet_deck(source, output, fmt, deck_id=deck_id, title=title)
    written = deck_file(made.data, made.made_ids, source, output, made.named)
    _write_new_file(output, written.text)
    result = read_back(output, written)  # what is said is what the file now holds
    click.echo(f"Imported {len(made.cards)} cards into {output} (deck {result.deck}).")
    for line in _import_report(output, made, written, result):
        click.echo(line)


def _import_report(output: Path, made: SheetDeck, written: DeckFile, result: Written) -> list[str]:
    """What the import did to the cards' ids, which carry their progress, in sentences."""
    if written.unreadable:
        return [f"{output} could not be read as a deck, so no card ids were carried over."]
    if written.carried is None:
        if not made.made_ids:
            return []
        return [
            f"{len(made.made_ids)} rows had no id, so their ids were made from the question "
            "text; keep the id column from now on, so a reworded question keeps its progress."
        ]
    if result.was:
        return [
            f"The deck's id is now {result.deck!r}, not {result.was!r}: the progress kept "
            f"under {result.was!r} does not carry over (import with --deck {result.was} to keep "
            "it)."
        ]
    kept = len(result.kept)
    lines = [
        f"Kept the ids (and so the progress) of {kept} card{'s' if kept != 1 else ''}; "
        f"{len(result.new)} new, {len(result.removed)} removed."
    ]
    questions = {card["id"]: card["question"] for card in made.cards}
    lines += [
        f"  {old_id}: kept for the reworded question {questions[old_id]!r}"
        for _, old_id in result.matched
    ]
    if result.removed:
        lines.append(f"  removed: {', '.join(result.removed)}")
    return lines


@click.command("new")
@click.argument("deck_id")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    help="File to write (default: decks/DECK-ID.yaml, where study finds it).",
)
def new_cmd(deck_id: str, output: str | None) -> None:
    """Write a starter deck with one example of every card type, ready to edit."""
    from tiesquiz.deck import starter_deck

    text = starter_deck(deck_id)  # checks the id first
    if output is None:
        target = Path("decks") / f"{deck_id}.yaml"  # where 'tiesquiz study' looks
        target.parent.mkdir(exist_ok=True)
    else:
        target = Path(output)
    if taken(target):
        raise TiesquizError(f"{target} already exists; choose another name or -o FILE")
    _write_new_file(target, text)
    click.echo(f"Wrote {target}. Edit it, check it with: tiesquiz lint {target}")
    if output is None:
        click.echo(f"Then study it with: tiesquiz study {deck_id}")
