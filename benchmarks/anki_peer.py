"""The peer: the same collection in Anki (the ``anki`` package of the test extras), and the same
two things timed there: the due counts of every deck, and starting to study (the first card).

Run by ``run.py``: ``python anki_peer.py build COLLECTION CARDS REVIEWS DECKS`` makes the
collection, ``due COLLECTION`` and ``first COLLECTION`` are the timed commands (each a fresh
process, as a tiesquiz command is).
"""

from __future__ import annotations

import sys
import time


def build(path: str, cards: int, reviews: int, decks: int) -> None:
    """``cards`` notes in ``decks`` decks, every card studied and due over 400 days from the
    first of January (as run.py's progress file), and ``reviews`` answers in the review log."""
    from anki.collection import AddNoteRequest, Collection

    col = Collection(path)
    model = col.models.by_name("Basic")
    assert model is not None
    per_deck = cards // decks
    requests = []
    for d in range(decks):
        deck_id = col.decks.id(f"bench::{d}")  # subdecks of one, so all can be studied at once
        assert deck_id is not None
        for i in range(per_deck):
            note = col.new_note(model)
            note["Front"] = f"Front of card {i}"
            note["Back"] = f"Back of card {i}"
            requests.append(AddNoteRequest(note=note, deck_id=deck_id))
    col.add_notes(requests)
    # Day numbers: Anki counts days since the collection was made; 1 January was this many ago.
    days_since_jan_1 = time.gmtime().tm_yday - 1
    start = col.sched.today - days_since_jan_1
    col.db.execute(
        "update cards set type = 2, queue = 2, ivl = 30, factor = 2500, reps = 4,"
        f" due = {start} + (id % 400)"
    )
    first_ms = int(time.time() * 1000) - 400 * 86_400_000
    col.db.execute(
        "insert into revlog (id, cid, usn, ease, ivl, lastIvl, factor, time, type)"
        " with recursive n(i) as (select 0 union all select i + 1 from n where i < ?),"
        " c(k, id) as (select row_number() over (order by id) - 1, id from cards)"
        " select ? + n.i * 1000, c.id, -1, 3, 30, 10, 2500, 4000, 1"
        " from n join c on c.k = n.i % ?",
        reviews - 1,
        first_ms,
        cards,
    )
    col.close()


def due(path: str) -> None:
    from anki.collection import Collection

    col = Collection(path)
    tree = col.sched.deck_due_tree()
    print(sum(child.review_count + child.new_count for child in tree.children))
    col.close()


def first(path: str) -> None:
    from anki.collection import Collection

    col = Collection(path)
    bench = col.decks.id("bench", create=False)
    assert bench is not None
    col.decks.select(bench)
    queued = col.sched.get_queued_cards()
    print(queued.cards[0].card.note_id if queued.cards else None)
    col.close()


if __name__ == "__main__":
    command, collection, *rest = sys.argv[1:]
    if command == "build":
        build(collection, *(int(x) for x in rest))
    elif command == "due":
        due(collection)
    else:
        first(collection)
