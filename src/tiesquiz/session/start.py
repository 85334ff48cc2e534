"""Starting a study session or a quiz: which cards, toward which exam, with how much room today.

What ``tiesquiz study`` and ``tiesquiz quiz`` do before the first question. The commands keep
their options and the front end; the choices are made here.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from tiesquiz.deck import CARD_CLASSES, exam_day
from tiesquiz.errors import TiesquizError
from tiesquiz.scheduling import Allowance
from tiesquiz.session.quiz import QuizSession
from tiesquiz.session.study import StudySession

if TYPE_CHECKING:
    from datetime import date

    from tiesquiz.clock import Clock
    from tiesquiz.deck import Card, Deck, DeckSearch
    from tiesquiz.progress import Progress, ProgressStore


@dataclass(frozen=True)
class Selection:
    """The decks chosen, and those of their cards that pass the filters."""

    decks: list[Deck]
    cards: list[Card]

    @property
    def titles(self) -> dict[str, str]:
        """Each deck's title by its id, in the order the decks were chosen."""
        return {d.id: d.title for d in self.decks}


def _ignore(line: str) -> None:
    pass


def select_cards(
    store: ProgressStore,
    deck_names: Sequence[str],
    where: DeckSearch,
    *,
    tags: Iterable[str] = (),
    types: Collection[str] = (),
    warn: Callable[[str], None] = _ignore,
) -> Selection:
    """The named decks (every deck found when none is named) and their cards with one of ``tags``
    (a deck's tags count for its cards) and of one of ``types`` (no filter when empty).

    A progress file that could not take an answer is found now, before the first question.
    Decks studied before are found from any folder, and the files of the decks chosen are
    remembered. With no name, a broken deck is left out, said through ``warn``, and the others
    are chosen.
    """
    from tiesquiz.deck import resolve

    store.check_writable()
    library = resolve(list(deck_names), where=where.remembering(store.progress.deck_paths))
    for line in library.skipped:
        warn(line)
    decks = list(library.decks.values())
    store.remember_decks(_deck_files(decks))
    wanted = {t.casefold() for t in tags}
    cards = [card for deck in decks for card in deck.cards if _passes(card, deck, wanted, types)]
    return Selection(decks, cards)


def _deck_files(decks: Iterable[Deck]) -> dict[str, str]:
    """Where each deck was read from, by id; not the bundled decks' (they are always found)."""
    from tiesquiz.deck import bundled_dir

    bundled = bundled_dir()
    return {
        d.id: str(d.path.resolve())
        for d in decks
        if bundled is None or d.path.resolve().parent != bundled.resolve()
    }


def _passes(card: Card, deck: Deck, tags: set[str], types: Collection[str]) -> bool:
    if tags and not tags & {t.casefold() for t in (*card.tags, *deck.tags)}:
        return False
    return not types or card.type in types


def allowance(
    progress: Progress, new_cards: int | None = None, review_cards: int | None = None
) -> Allowance:
    """How much may be studied today: the daily limits, each deck's own, and the extra room asked
    for now (``--new N``, ``--reviews N``: N more, whatever the limits)."""
    return Allowance(progress.limits, progress.deck_limits, new_cards, review_cards)


def start_study(
    store: ProgressStore,
    selection: Selection,
    clock: Clock,
    *,
    new_cards: int | None = None,
    review_cards: int | None = None,
    exam: date | None = None,
    limit: int | None = None,
    seed: int | None = None,
) -> StudySession:
    """A study session of the selection's cards, toward ``exam`` or else the decks' own exam,
    stopping after ``limit`` answers; options shuffled by ``seed``."""
    if not selection.cards:
        raise TiesquizError("no cards match: check the deck names and --tag")
    return StudySession(
        store,
        selection.cards,
        clock,
        allowance(store.progress, new_cards, review_cards),
        random.Random(seed),
        exam=exam_day(selection.decks, exam),
        limit=limit,
        titles=selection.titles,
    )


def start_quiz(
    store: ProgressStore,
    selection: Selection,
    clock: Clock,
    *,
    count: int,
    types: Collection[str] = (),
    minutes: float | None = None,
    seed: int | None = None,
) -> QuizSession:
    """A quiz of ``count`` of the selection's cards (flashcards only when ``types`` asks for
    them), within ``minutes``; questions chosen and shuffled by ``seed``."""
    if not selection.cards:
        raise TiesquizError("no cards match: check the deck names, --tag and --type")
    return QuizSession(
        store,
        selection.cards,
        clock,
        count,
        random.Random(seed),
        include_flashcards=any(CARD_CLASSES[t].self_rated for t in types if t in CARD_CLASSES),
        time_limit=minutes * 60 if minutes else None,
        titles=selection.titles,
    )
