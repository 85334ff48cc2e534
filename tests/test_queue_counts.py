"""The header's ``new · learning · review`` counts of a study session come from counts the queue
keeps, not from a walk of the whole queue at every question; they stay what a recount says."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from helpers.answers import right_answer, wrong_answer
from helpers.decks import fixture_deck
from tiesquiz.clock import Clock
from tiesquiz.progress import REVIEW, ProgressStore
from tiesquiz.scheduling import Limits
from tiesquiz.session import StudySession

CLOCK = Clock(datetime(2026, 11, 28, 9, 0, tzinfo=timezone.utc))


class CountedStates(dict[str, Any]):
    """The progress's card states, counting each look-up of one."""

    looked = 0

    def get(self, key: str, default: Any = None) -> Any:
        CountedStates.looked += 1
        return super().get(key, default)


def many_cards(copies: int) -> list[Any]:
    deck = fixture_deck()
    return [replace(c, id=f"{c.id}-{n}") for n in range(copies) for c in deck.cards]


def recount(session: StudySession, cards: list[Any]) -> dict[str, int]:
    """What the header should say: every card still to come, by its state now."""
    states = session.store.progress.cards
    waiting = [*session._queue, *session._learning.values(), *session._skipped]
    if session._current is not None:
        waiting.append(session._current.card)
    counts = {"new": 0, "learning": 0, "review": 0}
    for card in waiting:
        state = dict.get(states, card.key)
        counts[
            "new" if state is None else "review" if state["state"] == REVIEW else "learning"
        ] += 1
    return counts


def test_the_counts_need_no_walk_of_the_queue(tmp_path: Path) -> None:
    cards = many_cards(60)  # a queue of hundreds of cards
    store = ProgressStore.open(tmp_path / "progress.json")
    session = StudySession(store, cards, CLOCK, Limits(10_000, 10_000), random.Random(3))
    store.progress.cards = CountedStates(store.progress.cards)
    steps = 0
    while (question := session.current()) is not None and steps < 40:
        CountedStates.looked = 0
        counts = session.remaining()
        assert CountedStates.looked <= 1 + len(session._learning) + len(session._skipped)
        assert counts.__dict__ == recount(session, cards)
        if steps % 5 == 1:
            session.skip()
        elif steps % 7 == 3:
            session.undo()
        else:
            reply = wrong_answer if steps % 3 == 0 else right_answer
            result = session.answer(reply(question.view))
            if result.retry:
                session.answer(right_answer(question.view))
        steps += 1
    assert steps == 40
    store.close()
