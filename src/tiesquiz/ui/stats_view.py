"""The stats screen, drawn with rich: tables, a 14-day forecast bar chart and a 12-week heatmap.

rich drops colour by itself when the output is not a terminal or ``NO_COLOR`` is set; the
pictures then fall back to plain characters.
"""

from __future__ import annotations

from typing import IO

from rich.console import Console
from rich.table import Table
from rich.text import Text

from tiesquiz.deck.model import GAP_RE
from tiesquiz.safety import safe
from tiesquiz.stats import Stats
from tiesquiz.ui.render import wrap
from tiesquiz.ui.table import Column, fit_table
from tiesquiz.ui.words import format_duration

SHADES = " ░▒▓█"
HEAT_STYLES = ("grey23", "green4", "green3", "green1", "bright_green")
CARD_COLUMNS = (
    Column("new"),
    Column("learning", "learn"),
    Column("review", "rev"),
    Column("orphaned", "orph"),
    Column("due today", "today"),
    Column("overdue", "late"),
)


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{value:.0%}"


def render(stats: Stats, file: IO[str] | None = None, *, width: int = 80) -> None:
    """Draw the stats screen within ``width`` columns: the cards, the answers, the forecast, the
    heatmap, then the cards and decks that need the learner (hardest, gone, orphaned,
    overruled)."""
    console = Console(file=file, width=width, highlight=False, soft_wrap=False)
    plain = console.no_color or not console.is_terminal
    _print_cards(console, stats)
    console.print()
    _print_answers(console, stats)
    console.print()
    _print_forecast(console, stats)
    console.print()
    _print_heatmap(console, stats, plain=plain)
    console.print()
    _print_hardest(console, stats)
    _print_gone(console, stats)
    _print_orphans(console, stats)
    _print_overruled(console, stats)
    _print_marks(console, stats)


def _say(console: Console, text: str, indent: str = "", hang: str = "  ") -> None:
    """A sentence wrapped on words to the console's width, its later lines indented."""
    console.print(Text(wrap(text, indent, console.width, hang=hang)))


def _print_cards(console: Console, stats: Stats) -> None:
    """The cards by state, one row a deck and a bold total row, shrunk or stacked to fit."""
    rows = [
        [safe(deck_id, multiline=False), *map(str, (c.new, c.learning, c.review))]
        + [str(v) for v in (c.orphaned, c.due_today, c.overdue)]
        for deck_id, c in stats.decks.items()
    ]
    t = stats.cards
    total = ["total", *map(str, (t.new, t.learning, t.review, t.orphaned, t.due_today, t.overdue))]
    header, body = fit_table("deck", CARD_COLUMNS, [*rows, total], console.width)
    console.print(Text("Cards", style="bold"))
    for line in header:
        console.print(Text(line, style="dim"))
    for row in body[:-1]:
        console.print(Text("\n".join(row)))
    console.print(Text("\n".join(body[-1]), style="bold"))


def _print_answers(console: Console, stats: Stats) -> None:
    """How much was studied and how well: answers, streak, retention, recall, time per period."""
    days = f"{stats.streak} day{'s' if stats.streak != 1 else ''}"
    _say(console, f"Answers recorded: {stats.reviews}")
    _say(console, f"Streak: {days}")
    _say(
        console,
        f"True retention, last 30 days: {_pct(stats.retention_30d)} "
        f"({stats.retention_answers_30d} review answers)",
    )
    _say(console, f"Average predicted recall now: {_pct(stats.average_recall)}")
    for label, period in (
        ("Today", stats.today),
        ("Last 7 days", stats.last_7_days),
        ("Last 30 days", stats.last_30_days),
    ):
        _say(
            console,
            f"{label + ':':<14} {period.answers:>5} answers, {format_duration(period.seconds)}",
            hang=" " * 15,
        )


def _print_forecast(console: Console, stats: Stats) -> None:
    """Cards due on each of the next days, as bars scaled to the busiest day and to the width."""
    console.print(Text("Due in the next 14 days", style="bold"))
    peak = max((n for _, n in stats.forecast), default=0) or 1
    bar_width = max(1, min(50, console.width - 17))
    for day, n in stats.forecast:
        length = round(n / peak * bar_width)
        bar = Text("█" * length, style="cyan")
        line = Text(f"{day:%a %d %b} {n:>5} ")
        line.append(bar)
        console.print(line)


def _print_heatmap(console: Console, stats: Stats, *, plain: bool) -> None:
    """Answers per day, one row a weekday and one column a week, in five levels of the busiest
    day; ``plain`` (no colour) draws the levels as shades of a character instead."""
    console.print(Text(f"Answers per day, last {len(stats.heatmap) // 7} weeks", style="bold"))
    top = max((n for _, n in stats.heatmap), default=0)
    weeks = [stats.heatmap[i : i + 7] for i in range(0, len(stats.heatmap), 7)]
    for weekday in range(7):
        row = Text(f"{weeks[0][weekday][0]:%a} " if weeks and len(weeks[0]) > weekday else "    ")
        for week in weeks:
            if weekday >= len(week):
                continue
            n = week[weekday][1]
            level = 0 if n == 0 or top == 0 else min(4, 1 + (n * 4 - 1) // top)
            if plain:
                row.append(SHADES[level] if level else "·")
            else:
                row.append("■", style=HEAT_STYLES[level])
        console.print(row)
    console.print(
        f"    {'·' if plain else '■'} none, {SHADES[1:] if plain else '■■■■'} more (most: {top})"
    )


def _print_hardest(console: Console, stats: Stats) -> None:
    """The cards failed most, with how often; nothing when no card was failed."""
    if not stats.hardest:
        return
    hard = Table(title="Hardest cards", title_justify="left", box=None, pad_edge=False)
    hard.add_column("wrong", justify="right")
    hard.add_column("of", justify="right")
    hard.add_column("question")
    for entry in stats.hardest:
        # The question, never the card's id (an id can say the answer); the deck it is in.
        deck = str(entry["card"]).split("/", 1)[0]
        asked = GAP_RE.sub("_____", str(entry["question"] or entry["card"]))
        hard.add_row(
            str(entry["lapses"]),
            str(entry["answers"]),
            Text(f"{safe(asked, multiline=False)} ({safe(deck, multiline=False)})"),
        )
    console.print(hard)


def _print_gone(console: Console, stats: Stats) -> None:
    """Decks studied before whose file is gone, and the two ways out."""
    for deck_id, path in stats.gone.items():
        _say(
            console,
            f"Deck {safe(deck_id, multiline=False)}: its file {safe(path, multiline=False)} "
            "is gone (its progress is kept; put the file back, or run tiesquiz reset "
            f"{safe(deck_id, multiline=False)}).",
        )


def _print_orphans(console: Console, stats: Stats) -> None:
    """Progress kept for cards no longer in any deck: the first 20 keys and how many more."""
    if not stats.orphans:
        return
    _say(console, f"Progress kept for {len(stats.orphans)} card(s) no longer in any deck:")
    for key in stats.orphans[:20]:
        _say(console, safe(key, multiline=False), "  ", "    ")
    if len(stats.orphans) > 20:
        console.print(f"  ... and {len(stats.orphans) - 20} more")


def _print_overruled(console: Console, stats: Stats) -> None:
    """Answers the learner overruled, per card: what the deck's ``accept`` may be missing."""
    if not stats.overruled:
        return
    console.print()
    console.print(
        Text(
            wrap(
                "Answers you overruled (marked wrong, you said right): add them to accept?",
                "",
                console.width,
            ),
            style="bold",
        )
    )
    for key, answers in stats.overruled.items():
        given = "; ".join(f"“{safe(a, multiline=False)}”" for a in answers)
        asked = GAP_RE.sub("_____", stats.questions.get(key, key))  # the question, not its id
        _say(console, f"{safe(asked, multiline=False)}: {given}", "  ", "    ")


def _print_marks(console: Console, stats: Stats) -> None:
    """The cards the learner suspended, and those flagged with their notes, by question."""
    asked = {k: safe(GAP_RE.sub("_____", q), multiline=False) for k, q in stats.questions.items()}
    if stats.suspended:
        console.print()
        console.print(Text(f"Suspended, not studied ({len(stats.suspended)}):", style="bold"))
        for key in stats.suspended:
            _say(console, asked[key], "  ", "    ")
    if stats.flagged:
        console.print()
        console.print(Text(f"Flagged as wrong or unclear ({len(stats.flagged)}):", style="bold"))
        for key, note in stats.flagged.items():
            _say(console, f"{asked[key]}: {safe(note, multiline=False)}", "  ", "    ")
