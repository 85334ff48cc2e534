"""What ``due``, ``stats``, ``reset`` and ``settings`` compute: decks and progress in, plain data
out (the words are :mod:`tiesquiz.ui.due_view`'s and :mod:`tiesquiz.ui.stats_view`'s); and the
settings changed.

In :func:`due_report` and :func:`progress_stats`, decks studied before are found from any folder:
``where`` is searched with the deck files the progress remembers.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from tiesquiz.clock import Clock, iso
from tiesquiz.deck import exam_day
from tiesquiz.deck.cache import Summary
from tiesquiz.deck.discover import (
    DeckSearch,
    is_deck_path,
    load_library,
    missing_folders,
    resolve,
    summaries,
    unusable,
)
from tiesquiz.errors import DeckNotFound
from tiesquiz.progress import ProgressStore
from tiesquiz.scheduling import DueCounts, ExamPlan, due_counts, exam_plan, next_due, today_counts

if TYPE_CHECKING:
    from tiesquiz.deck.model import Deck
    from tiesquiz.stats import Stats


@dataclass
class DueReport:
    now: datetime
    clock: Clock
    decks: dict[str, DueCounts] = field(default_factory=dict)
    titles: dict[str, str] = field(default_factory=dict)
    total: DueCounts = field(default_factory=DueCounts)
    new_today: int = 0
    new_per_day: int = 20
    reviews_today: int = 0
    reviews_per_day: int = 200
    next_due: str | None = None
    exam: ExamPlan | None = None
    #: Deck files that could not be used, one line each, said on standard error.
    skipped: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "now": iso(self.now),
            "decks": {name: counts.to_dict() for name, counts in self.decks.items()},
            "total": self.total.to_dict(),
            "new_today": self.new_today,
            "new_per_day": self.new_per_day,
            "reviews_today": self.reviews_today,
            "reviews_per_day": self.reviews_per_day,
            "next_due": self.next_due,
            "exam": self.exam.to_dict() if self.exam else None,
            "skipped": self.skipped,
        }


def _decks(names: list[str], where: DeckSearch) -> list[Deck]:
    if names:
        return list(resolve(names, where=where).decks.values())
    return list(load_library(where=where).decks.values())


def _summaries(names: list[str], where: DeckSearch, skipped: list[str]) -> list[Summary]:
    """The decks ``due`` counts, as summaries: an unchanged deck's comes from the cache, so its
    file is not even read. Anything unusual (a path, an unknown name, a deck with errors) takes
    the full way, which also words the error. With no name, the decks left out are said in
    ``skipped``."""
    if not any(is_deck_path(n) for n in names):
        broken: dict[str, str] = {}
        found = summaries(where, broken)
        if not names:
            skipped += [*missing_folders(where), *broken.values()]
            return list(found.values())
        if all(n in found for n in names):
            return [found[n] for n in dict.fromkeys(names)]
    return [Summary.of_deck(d) for d in _decks(names, where)]


def due_report(
    store: ProgressStore,
    names: list[str],
    clock: Clock,
    where: DeckSearch,
    exam: date | None = None,
) -> DueReport:
    now = clock.now()
    progress = store.progress
    where = where.remembering(progress.deck_paths)
    today = today_counts(progress.reviews, now, clock)
    report = DueReport(
        now=now,
        clock=clock,
        new_today=today.new,
        new_per_day=progress.limits.new_per_day,
        reviews_today=today.reviews,
        reviews_per_day=progress.limits.reviews_per_day,
    )
    keys: list[str] = []
    decks = sorted(_summaries(names, where, report.skipped), key=lambda d: d.id)
    for deck in decks:
        deck_keys = deck.keys
        keys += deck_keys
        counts = due_counts(deck_keys, progress.cards, now, clock)
        report.decks[deck.id] = counts
        report.titles[deck.id] = deck.title
        report.total.add(counts)
    report.next_due = next_due(progress.cards, keys)
    exam = exam_day(decks, exam)
    if exam is not None:
        report.exam = exam_plan(
            keys, progress.cards, store.history(), exam, now, clock, progress.limits
        )
    return report


def decks_and_known(
    names: list[str], where: DeckSearch
) -> tuple[list[Deck], set[str], dict[str, str], list[str]]:
    """The decks asked for; every card key loaded (to tell orphans from cards); the decks
    studied before whose file is gone (id -> the path it had); and, with no name, the deck files
    left out (one line each)."""
    skipped: list[str] = []
    if names:
        # Every deck read: a deck studied before whose remembered file is gone is "gone" only
        # when it is found nowhere else.
        library = resolve(names, where=where, read_all=True)
        loaded, chosen = library.found, library.decks
    else:
        library = load_library(where=where)  # every deck, even when another one is broken
        loaded, chosen = library.decks, library.usable(where.cwd)
        skipped = unusable(library, where)
    known = {c.key for d in loaded.values() for c in d.cards}
    gone = {d: str(p) for d, p in library.gone.items() if d not in loaded}
    return list(chosen.values()), known, gone, skipped


def progress_stats(
    store: ProgressStore, names: list[str], clock: Clock, where: DeckSearch
) -> Stats:
    """``stats``: the progress on the decks named (on every deck found, and on decks gone, when
    none is named)."""
    from tiesquiz.stats import compute_stored

    where = where.remembering(store.progress.deck_paths)
    decks, known, gone, skipped = decks_and_known(names, where)
    found = compute_stored(
        decks, store, clock, known=known, everything=not names, gone=gone, cache=where.cache
    )
    found.skipped = skipped
    return found


def reset_keys(store: ProgressStore, target: str) -> list[str]:
    """The progress keys that ``reset DECK`` or ``reset DECK/CARD`` would forget."""
    recorded = set(store.progress.cards) | {r.card for r in store.history()}
    if "/" in target:
        return [target] if target in recorded else []
    prefix = target + "/"
    return sorted(k for k in recorded if k.startswith(prefix))


def known_deck(deck: str, store: ProgressStore, where: DeckSearch) -> None:
    """Refuse a deck id that is neither found nor studied before, suggesting the nearest."""
    import difflib

    studied = {key.split("/", 1)[0] for key in store.progress.cards}
    known = set(summaries(where.remembering(store.progress.deck_paths))) | studied
    if deck in known:
        return
    near = difflib.get_close_matches(deck, sorted(known), n=1)
    hint = f"; did you mean {near[0]!r}?" if near else ""
    found = ", ".join(sorted(known)) or "none"
    raise DeckNotFound(f"no deck named {deck!r}{hint} (decks: {found}; see 'tiesquiz decks')")


def change_settings(
    store: ProgressStore,
    *,
    deck: str | None = None,
    new_per_day: int | None = None,
    reviews_per_day: int | None = None,
    retention: float | None = None,
) -> None:
    """Change the daily limits given (every deck's, or ``deck``'s own) and the desired retention;
    what is not given stays as it is."""
    progress = store.progress
    limits = {
        k: v
        for k, v in (("new_per_day", new_per_day), ("reviews_per_day", reviews_per_day))
        if v is not None
    }
    if limits:
        before = progress.limits_for(deck) if deck else progress.limits
        store.set_limits(replace(before, **limits), deck)
    if retention is not None:
        store.set_scheduler(replace(progress.scheduler, desired_retention=retention))


def unsuspend_deck(store: ProgressStore, deck_id: str, clock: Clock) -> int:
    """Show every suspended or buried card of a deck again (a student never sees card ids, so
    the deck is how they name them); how many there were."""
    keys = [
        k
        for k, mark in store.progress.marks.items()
        if k.startswith(f"{deck_id}/") and (mark.get("suspended") or mark.get("buried_until"))
    ]
    now = iso(clock.now())
    with store:
        for key in keys:
            store.unsuspend(key, now)
    return len(keys)


def mark_card(
    store: ProgressStore, target: str, where: DeckSearch, clock: Clock, op: str, note: str = ""
) -> str:
    """``suspend``, ``unsuspend`` or ``flag`` one card, named ``deck/card``; its question.

    The card must be in a deck found now (a typo would mark nothing); ``unsuspend`` also takes
    a card gone from its deck, which may still be suspended."""
    deck_id, _, card_id = target.partition("/")
    if not deck_id or not card_id:
        raise DeckNotFound(f"name the card as DECK/CARD, as in 'tiesquiz show DECK' ({target!r})")
    question = target
    if op != "unsuspend" or target not in store.progress.marks:
        known_deck(deck_id, store, where)
        deck = resolve([deck_id], where=where.remembering(store.progress.deck_paths)).decks[deck_id]
        card = next((c for c in deck.cards if c.id == card_id), None)
        if card is None:
            raise DeckNotFound(f"deck {deck_id!r} has no card {card_id!r}")
        question = card.prompt_text()
    now = iso(clock.now())
    with store:
        if op == "flag":
            store.flag(target, now, note)
        elif op == "suspend":
            store.suspend(target, now)
        else:
            store.unsuspend(target, now)
    return question
