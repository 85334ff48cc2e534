"""What every command shares: the settings read once from the options and the environment, the
progress store they name, and JSON output. The only module below ``cli`` that reads ``os.environ``.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from tiesquiz.clock import Clock, make_clock
from tiesquiz.deck import DeckSearch

if TYPE_CHECKING:
    from tiesquiz.progress import Machine, ProgressStore


@dataclass(frozen=True)
class Settings:
    """The global options and ``TIESQUIZ_*`` variables, read once, typed, and handed down."""

    #: ``--state`` / ``TIESQUIZ_STATE``; None means the default file in the user's data folder.
    state: Path | None
    #: ``TIESQUIZ_NOW`` / ``TIESQUIZ_TZ``.
    clock: Clock
    #: ``./decks`` and the folders in ``TIESQUIZ_DECKS``.
    decks: DeckSearch
    #: False when ``NO_COLOR`` is set.
    color: bool
    #: ``TIESQUIZ_DATA``: this machine's own data folder (its id); None means the default.
    data: Path | None = None

    @classmethod
    def read(cls, state: str | None, environ: Mapping[str, str], cwd: Path) -> Settings:
        return cls(
            state=Path(state) if state else None,
            clock=make_clock(environ.get("TIESQUIZ_NOW"), environ.get("TIESQUIZ_TZ")),
            decks=DeckSearch.from_text(
                cwd, environ.get("TIESQUIZ_DECKS", ""), _cache_dir(environ.get("TIESQUIZ_CACHE"))
            ),
            color=not environ.get("NO_COLOR"),
            data=Path(data).expanduser()
            if (data := environ.get("TIESQUIZ_DATA", "").strip())
            else None,
        )


def _cache_dir(value: str | None) -> Path | None:
    """``TIESQUIZ_CACHE``: a folder for parsed decks, ``off`` for none; unset, the user's cache."""
    if value is None or not value.strip():
        from tiesquiz.paths import default_cache_dir

        return default_cache_dir()
    if value.strip().casefold() == "off":
        return None
    return Path(value.strip()).expanduser()


def settings(ctx: click.Context) -> Settings:
    """The settings for this run, read on first use and kept on the root context."""
    obj = ctx.find_root().ensure_object(dict)
    found = obj.get("settings")
    if found is None:
        found = obj["settings"] = Settings.read(obj.get("state"), os.environ, Path.cwd())
    assert isinstance(found, Settings)
    return found


def open_store(config: Settings, *, today_only: bool = False) -> ProgressStore:
    """The progress store the settings name, or the default one in the user's data folder.

    ``today_only``: load only today's answers (all that the daily limits need), not the whole
    history; what needs more (an exam plan) asks the store for it."""
    from tiesquiz.clock import iso
    from tiesquiz.paths import default_state_path
    from tiesquiz.progress import ProgressStore

    since = iso(config.clock.day_bounds()[0]) if today_only else None
    if config.state is None:
        store = ProgressStore.open(
            default_state_path(), since=since, create_parents=True, machine=machine(config)
        )
    else:
        store = ProgressStore.open(config.state, since=since, machine=machine(config))
    for repair in store.progress.repairs:
        click.echo(repair, err=True)
    return store


def deck_search(config: Settings) -> DeckSearch:
    """Where every command finds decks: ./decks, ``TIESQUIZ_DECKS``, the bundled decks, and the
    decks studied before (remembered in the progress file), so ``show`` and ``export`` read the
    copy ``study`` and ``quiz`` use."""
    from tiesquiz.paths import default_state_path
    from tiesquiz.progress import remembered_decks

    state = config.state or default_state_path()
    return config.decks.remembering(remembered_decks(state, data_dir(config)))


def data_dir(config: Settings) -> Path:
    """This machine's own data folder (``TIESQUIZ_DATA``, or the user's data folder)."""
    from tiesquiz.paths import default_data_dir

    return config.data or default_data_dir()


def machine(config: Settings) -> Machine:
    """This machine, for a progress folder several share: its data folder, its clock, and how
    an answer folded onto another machine's is scheduled again (as a session schedules it)."""
    from tiesquiz.progress import Machine

    def reschedule(key: str, state: Any, rating: int, time: str, scheduler: Any) -> Any:
        from tiesquiz.clock import parse_iso
        from tiesquiz.scheduling import fuzz_seed, review

        return review(state, rating, parse_iso(time), scheduler, seed=fuzz_seed(key, state))

    return Machine(data_dir(config), reschedule, config.clock.now)


def echo_json(data: Any) -> None:
    # ASCII escapes keep deck text (direction overrides included) from reaching the terminal raw.
    click.echo(json.dumps(data, indent=2, ensure_ascii=True))


def complete_deck(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[Any]:
    """Shell completion of a deck id: the decks found where this command would look (from the
    deck cache, without reading an unchanged deck); nothing, quietly, if that fails."""
    from click.shell_completion import CompletionItem

    from tiesquiz.deck import summaries

    try:
        found = summaries(settings(ctx).decks)
    except Exception:  # completion must never print a traceback into the shell
        return []
    return [
        CompletionItem(deck_id, help=summary.title)
        for deck_id, summary in sorted(found.items())
        if deck_id.startswith(incomplete)
    ]


def tell(line: str) -> None:
    """A note about the decks (one broken, one read from elsewhere) on standard error: wrapped
    to the terminal with its continuation lines indented, or one line when piped (for tools)."""
    import sys

    from tiesquiz.safety import safe

    text = safe(line)
    if sys.stderr.isatty():
        from tiesquiz.ui.output import terminal_width
        from tiesquiz.ui.render import wrap

        text = wrap(text, "", terminal_width(sys.stderr), hang="  ")
    click.echo(text, err=True)
