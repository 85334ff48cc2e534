"""The peer: the same collection in Anki (the ``anki`` package of the test extras), and the same
work timed there, each a fresh process as a tiesquiz command is.

Run by ``run.py``: ``python anki_peer.py build COLLECTION CARDS REVIEWS DECKS`` makes the
collection; the timed commands are

- ``due COLLECTION``: the due counts of every deck (``deck_due_tree``);
- ``first COLLECTION``: the first card of the queue, printed (``run.py`` stops the clock when it
  is on the screen, as it does for tiesquiz's first question);
- ``graphs COLLECTION``: the statistics screen's data for the whole collection over a year
  (``graphs``: what Anki computes to draw its graphs);
- ``export COLLECTION OUT``: every note to an ``.apkg`` with no scheduling and no media;
- ``import COLLECTION CSV``: a two-column CSV (front, back, no header) into a collection as Basic
  notes (``import_csv``, the CSV import's defaults).
"""

from __future__ import annotations

import sys
import time


def build(path: str, cards: int, reviews: int, decks: int) -> None:
    """``cards`` notes in ``decks`` decks, every card studied and due over 400 days from the
    first of January (as run.py's progress file), and ``reviews`` answers in the review log,
    5 minutes apart up to an hour ago (as data.py's history)."""
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
    # The answers 5 minutes apart up to an hour ago, as data.py gives tiesquiz's history.
    spacing = 5 * 60_000
    first_ms = int(time.time() * 1000) - 3_600_000 - (reviews - 1) * spacing
    col.db.execute(
        "insert into revlog (id, cid, usn, ease, ivl, lastIvl, factor, time, type)"
        " with recursive n(i) as (select 0 union all select i + 1 from n where i < ?),"
        " c(k, id) as (select row_number() over (order by id) - 1, id from cards)"
        " select ? + n.i * ?, c.id, -1, 3, 30, 10, 2500, 4000, 1"
        " from n join c on c.k = n.i % ?",
        reviews - 1,
        first_ms,
        spacing,
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
    card = col.get_card(queued.cards[0].card.id) if queued.cards else None
    question = card.question() if card else "none"
    print(f"first card: {question[-40:]}", flush=True)
    col.close()


def graphs(path: str) -> None:
    from anki.collection import Collection

    col = Collection(path)
    data = col._backend.graphs(search="", days=365)
    print(data.ByteSize())
    col.close()


def export(path: str, out: str) -> None:
    from anki.collection import Collection, ExportAnkiPackageOptions

    col = Collection(path)
    options = ExportAnkiPackageOptions(
        with_scheduling=False, with_deck_configs=False, with_media=False, legacy=True
    )
    print(col.export_anki_package(out_path=out, options=options, limit=None))
    col.close()


def import_csv(path: str, csv_path: str) -> None:
    from anki.collection import Collection
    from anki.import_export_pb2 import CsvMetadata, ImportCsvRequest

    col = Collection(path)
    metadata = col.get_csv_metadata(csv_path, CsvMetadata.Delimiter.COMMA)
    log = col.import_csv(ImportCsvRequest(path=csv_path, metadata=metadata))
    print(len(log.log.new))
    col.close()


if __name__ == "__main__":
    command, collection, *rest = sys.argv[1:]
    if command == "build":
        build(collection, *(int(x) for x in rest))
    elif command == "empty":
        from anki.collection import Collection

        Collection(collection).close()
    elif command == "due":
        due(collection)
    elif command == "graphs":
        graphs(collection)
    elif command == "export":
        export(collection, rest[0])
    elif command == "import":
        import_csv(collection, rest[0])
    else:
        first(collection)
