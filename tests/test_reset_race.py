"""An answer starts from the card's state on disk: a `reset` (or an answer) made in another
terminal while a session is open is not undone by that session's next answer."""

from __future__ import annotations

import random
from datetime import datetime, timezone
from pathlib import Path

from helpers.answers import right_answer
from helpers.cli import invoke
from helpers.decks import cards_by_id
from helpers.reviews import record_review
from tiesquiz.clock import Clock
from tiesquiz.progress import ProgressStore
from tiesquiz.scheduling import GOOD, Limits
from tiesquiz.session import StudySession

NOW = datetime(2026, 11, 28, 9, tzinfo=timezone.utc)
CARD = cards_by_id()["choice"]


def test_a_reset_in_another_terminal_is_not_undone_by_an_open_session(state: Path) -> None:
    session = StudySession(
        ProgressStore.open(state), [CARD], Clock(fixed=NOW, tz=timezone.utc), Limits(),
        random.Random(1),
    )  # fmt: skip
    question = session.current()
    assert question is not None
    first = session.answer(right_answer(question.view))  # a learning step: it comes back today
    assert first.comes_back
    assert session.store.progress.cards[CARD.key]["step"] is not None

    other = ProgressStore.open(state)  # another terminal: `tiesquiz reset`
    assert other.reset([CARD.key]) == 1
    other.close()

    question = session.current()
    assert question is not None and question.card.key == CARD.key
    session.answer(right_answer(question.view))
    session.store.close()

    after = ProgressStore.open(state).progress
    answers = [r for r in after.reviews if r.card == CARD.key]
    assert [r.new for r in answers] == [True]  # the reset forgot the first; the second is new
    assert after.cards[CARD.key]["step"] == first_step_after_one_good()


def first_step_after_one_good() -> int | None:
    """The step a new card reaches after one Good, computed on a store of its own."""
    session = StudySession(
        ProgressStore.open(Path("alone.json")), [CARD], Clock(fixed=NOW, tz=timezone.utc),
        Limits(), random.Random(1),
    )  # fmt: skip
    question = session.current()
    assert question is not None
    session.answer(right_answer(question.view))
    return session.store.progress.cards[CARD.key]["step"]


def test_answers_from_two_terminals_build_on_each_other(state: Path) -> None:
    """Each answer is scheduled from the other terminal's latest state, not a stale copy."""
    a, b = ProgressStore.open(state), ProgressStore.open(state)
    seen: list[object] = []

    def answer_with(store: ProgressStore, minute: int) -> None:
        when = datetime(2026, 11, 28, 9, minute, tzinfo=timezone.utc)
        _, prior = record_review(store, CARD.key, GOOD, when, duration_ms=1)
        seen.append(None if prior is None else prior["last_review"])

    answer_with(a, 0)
    answer_with(b, 10)  # b opened before a's answer, and still sees it
    answer_with(a, 20)  # and a sees b's
    assert seen[0] is None and seen[1] is not None and seen[2] is not None
    assert str(seen[2]).startswith("2026-11-28T09:10")
    a.close()
    b.close()
    assert invoke("due").exit_code == 0
