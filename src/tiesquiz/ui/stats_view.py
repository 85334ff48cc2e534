"""The stats screen, drawn with rich: tables, a 14-day forecast bar chart and a 12-week heatmap.

rich drops colour by itself when the output is not a terminal or ``NO_COLOR`` is set; the
pictures then fall back to plain characters.
"""

from __future__ import annotations

from typing import IO

from rich.console import Console
from rich.table import Table
from rich.text import Text

from tiesquiz.safety import safe
from tiesquiz.stats import Stats
from tiesquiz.ui.words import format_duration

SHADES = " ░▒▓█"
HEAT_STYLES = ("grey23", "green4", "green3", "green1", "bright_green")


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{value:.0%}"


def render(stats: Stats, file: IO[str] | None = None, *, width: int = 80) -> None:
    """Draw the stats screen: the cards, the answers, the forecast, the heatmap, then the cards
    and decks that need the learner (hardest, gone, orphaned, overruled)."""
    console = Console(file=file, width=width, highlight=False, soft_wrap=False)
    plain = console.no_color or not console.is_terminal
    console.print(_cards_table(stats))
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


def _cards_table(stats: Stats) -> Table:
    """The cards by state, one row a deck and a bold total row."""
    cards = Table(title="Cards", title_justify="left", expand=False, box=None, pad_edge=False)
    for name in ("deck", "new", "learning", "review", "orphaned", "due today", "overdue"):
        cards.add_column(name, justify="left" if name == "deck" else "right")
    for deck_id, c in stats.decks.items():
        cards.add_row(
            deck_id,
            *(str(v) for v in (c.new, c.learning, c.review, c.orphaned, c.due_today, c.overdue)),
        )
    t = stats.cards
    cards.add_row(
        Text("total", style="bold"),
        *(
            Text(str(v), style="bold")
            for v in (t.new, t.learning, t.review, t.orphaned, t.due_today, t.overdue)
        ),
    )
    return cards


def _print_answers(console: Console, stats: Stats) -> None:
    """How much was studied and how well: answers, streak, retention, recall, time per period."""
    console.print(
        f"Answers recorded: {stats.reviews}    Streak: {stats.streak} day{'s' if stats.streak != 1 else ''}"
    )
    console.print(
        f"True retention, last 30 days: {_pct(stats.retention_30d)} "
        f"({stats.retention_answers_30d} review answers)    Average predicted recall now: {_pct(stats.average_recall)}"
    )
    for label, period in (
        ("Today", stats.today),
        ("Last 7 days", stats.last_7_days),
        ("Last 30 days", stats.last_30_days),
    ):
        console.print(
            f"{label + ':':<14} {period.answers:>5} answers, {format_duration(period.seconds)}"
        )


def _print_forecast(console: Console, stats: Stats) -> None:
    """Cards due on each of the next days, as bars scaled to the busiest day."""
    console.print(Text("Due in the next 14 days", style="bold"))
    peak = max((n for _, n in stats.forecast), default=0) or 1
    bar_width = 50
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
    hard.add_column("card")
    for entry in stats.hardest:
        hard.add_row(
            str(entry["lapses"]),
            str(entry["answers"]),
            Text(
                f"{safe(entry['card'], multiline=False)}: {safe(entry['question'], multiline=False)}"
            ),
        )
    console.print(hard)


def _print_gone(console: Console, stats: Stats) -> None:
    """Decks studied before whose file is gone, and the two ways out."""
    for deck_id, path in stats.gone.items():
        console.print(
            Text(
                f"Deck {safe(deck_id, multiline=False)}: its file {safe(path, multiline=False)} "
                "is gone (its progress is kept; put the file back, or run tiesquiz reset "
                f"{safe(deck_id, multiline=False)})."
            )
        )


def _print_orphans(console: Console, stats: Stats) -> None:
    """Progress kept for cards no longer in any deck: the first 20 keys and how many more."""
    if not stats.orphans:
        return
    console.print(f"Progress kept for {len(stats.orphans)} card(s) no longer in any deck:")
    for key in stats.orphans[:20]:
        console.print(f"  {safe(key, multiline=False)}", markup=False)
    if len(stats.orphans) > 20:
        console.print(f"  ... and {len(stats.orphans) - 20} more")


def _print_overruled(console: Console, stats: Stats) -> None:
    """Answers the learner overruled, per card: what the deck's ``accept`` may be missing."""
    if not stats.overruled:
        return
    console.print()
    console.print(
        Text(
            "Answers you overruled (marked wrong, you said right): add them to accept?",
            style="bold",
        )
    )
    for key, answers in stats.overruled.items():
        given = "; ".join(f"“{safe(a, multiline=False)}”" for a in answers)
        console.print(Text(f"  {safe(key, multiline=False)}: {given}"))
