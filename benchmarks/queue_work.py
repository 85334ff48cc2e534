"""The queue's work for one question of a study session, timed inside the process.

``python queue_work.py CARDS QUESTIONS`` makes decks of CARDS new cards of mixed types (two
decks: a deck holds at most 20,000), starts a study session on all of them with no daily limit
(a queue of CARDS cards), and asks QUESTIONS questions, each set aside (``skip``) once shown so
that no answer is graded or written. Prints, as JSON, the median seconds of ``current()`` (the
next card, its view, the header's counts: everything between one answer and the next question
on screen) and of ``remaining()`` alone (the header's new · learning · review counts).
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

from data import make_decks

from tiesquiz.clock import Clock
from tiesquiz.deck import read_deck_file
from tiesquiz.progress import Limits, ProgressStore
from tiesquiz.session import StudySession


def main() -> None:
    cards, questions = int(sys.argv[1]), int(sys.argv[2])
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        make_decks(folder / "decks", cards, 2)
        loaded = []
        for path in sorted((folder / "decks").glob("*.yaml")):
            deck = read_deck_file(path).deck
            assert deck is not None
            loaded += deck.cards
        store = ProgressStore.open(folder / "progress.json")
        unlimited = Limits(new_per_day=10**7, reviews_per_day=10**7)
        session = StudySession(store, loaded, Clock(), unlimited)
        shown, counted = [], []
        for _ in range(questions):
            start = time.perf_counter()
            session.current()
            shown.append(time.perf_counter() - start)
            start = time.perf_counter()
            session.remaining()
            counted.append(time.perf_counter() - start)
            session.skip()
        store.close()
    print(
        json.dumps({"question": statistics.median(shown), "remaining": statistics.median(counted)})
    )


if __name__ == "__main__":
    main()
