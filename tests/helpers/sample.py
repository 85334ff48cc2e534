"""A learner's real-looking data, built in-process in well under a second: a progress file with
two weeks of study of the shipped decks and a teacher's own (right and wrong answers, overruled
ones) and a folder of a class's quiz results files (partial credit, answers to check).

The widths test runs every listing command on it; ``python tests/helpers/sample.py FOLDER``
writes it for a look in a real terminal.
"""

from __future__ import annotations

import random
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

from tiesquiz.clock import Clock
from tiesquiz.deck import DeckSearch, resolve
from tiesquiz.deck.model import Card
from tiesquiz.progress import Limits, ProgressStore
from tiesquiz.results import results_data, write_results
from tiesquiz.session import Answer, QuizSession, StudySession

#: The sample's "now": its last day of study.
NOW = datetime(2026, 3, 14, 9, 0, tzinfo=timezone.utc)
DAYS = 14
QUIZ_DECKS = ("abraham-accords", "economy")
STUDENTS = ("Aysel Mammadova-Guliyeva", "Ben", "Chen Wei", "Dilara", "Elchin Hasanov")


def _reply(card: Card, right: bool) -> Answer:
    """A reply a student might give: right, wholly wrong, or half of a select-all."""
    from helpers.answers import right_answer, wrong_answer
    from tiesquiz.session import make_view

    view = make_view(card, random.Random(0))
    if not right and card.type == "multi":
        answers = list(card.right_options)
        return Answer(answers[: max(1, len(answers) // 2)], "half")
    if not right and card.type == "typed":
        text = f"{card.answer_text()} (where the report names it first)"  # every word of the answer, and more: to check
        return Answer(text, text)
    return right_answer(view) if right else wrong_answer(view)


def build_state(state: Path, search: DeckSearch) -> None:
    """Two weeks of study, some answers wrong; one card's answer overruled."""
    library = resolve([], where=search)
    cards = [card for deck in library.decks.values() for card in deck.cards]
    rng = random.Random(7)
    for day in range(DAYS, -1, -1):
        clock = Clock(fixed=NOW - timedelta(days=day, minutes=rng.randrange(300)))
        with ProgressStore.open(state, create_parents=True) as store:
            session = StudySession(
                store, cards, clock, Limits(new_per_day=6), random.Random(day), limit=12
            )
            while (question := session.current()) is not None:
                result = session.answer(_reply(question.card, rng.random() < 0.75))
                if result.can_overrule and rng.random() < 0.3:
                    session.overrule()


def build_results(folder: Path, search: DeckSearch) -> None:
    """A class's results files: a quiz of two decks, each student right about two times in
    three; select-all answers half right, typed ones to check."""
    library = resolve(list(QUIZ_DECKS), where=search)
    cards = [card for deck in library.decks.values() for card in deck.cards]
    folder.mkdir(parents=True, exist_ok=True)
    for n, name in enumerate(STUDENTS):
        rng = random.Random(n)
        clock = Clock(fixed=NOW + timedelta(hours=n))
        with ProgressStore.open(folder.parent / f"quiz-state-{n}.json") as store:
            quiz = QuizSession(store, cards, clock, None, random.Random(5))
            while (question := quiz.current()) is not None:
                half = question.card.type == "multi" and n % 2 == 1
                quiz.answer(_reply(question.card, rng.random() < 0.66 and not half))
            write_results(
                folder / f"student-{n}.json",
                results_data(
                    quiz.items,
                    name=name,
                    decks=list(QUIZ_DECKS),
                    started=quiz.started,
                    seconds=300 + 40 * n,
                    seed=5,
                ),
            )


#: A teacher's own deck: a long id, a long title, and a web address no line can hold.
OWN_DECK = """\
deck: a-teachers-own-deck-with-a-long-identifier
title: A teacher's own deck, with a title long enough to need two lines at sixty columns
description: Read https://example.org/a/very/long/address/that/no/terminal/line/can/hold/whole first.
cards:
  - {id: a-card-with-a-long-id-too, type: typed, question: Which city?, answer: Quba,
     explanation: E., source: S}
  - {id: two, type: truefalse, question: The village is all-Jewish., answer: true,
     explanation: E., source: S}
"""


def build(root: Path) -> tuple[Path, Path, Path]:
    """The progress file, the results folder and the teacher's own deck folder under ``root``."""
    own = root / "own-decks"
    own.mkdir(parents=True, exist_ok=True)
    (own / "own.yaml").write_text(OWN_DECK, encoding="utf-8")
    search = DeckSearch.from_text(root, str(own), None)
    state, folder = root / "progress.json", root / "handed-in"
    build_state(state, search)
    build_results(folder, search)
    return state, folder, own


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    print(*build(Path(sys.argv[1])), sep="\n")
