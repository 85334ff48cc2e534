"""The benchmark's data: decks of mixed card types, progress files whose every card was
studied, with their histories of answers; a class's quiz results; sheets to import. Made in a
child process by ``run.py`` (a fork of a big parent would inherit its peak memory and spoil the
figures of every process after it).

    python data.py collection FOLDER CARDS DECKS REVIEWS   decks/ and progress.json
    python data.py progress PROGRESS CARDS DECKS REVIEWS   another history for those decks
    python data.py history PROGRESS CARDS ANSWERS          a long history (session end)
    python data.py answer PROGRESS N                       N answers recorded now, as study does
    python data.py results FOLDER FILES ANSWERS            FILES results files of ANSWERS each
    python data.py pairs CSV ROWS                          a front,back sheet (and CSV.anki)
"""

from __future__ import annotations

import json
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from helpers.history import T0, synthetic_progress
from tiesquiz.clock import iso
from tiesquiz.progress import write_progress
from tiesquiz.progress.disk import ProgressFiles, write_json

TYPES = ("flashcard", "choice", "multi", "truefalse", "typed", "cloze", "order", "match")


def card_yaml(i: int) -> str:
    kind = TYPES[i % len(TYPES)]
    head = f"  - id: card-{i}\n    type: {kind}\n"
    tail = f"    explanation: Explanation number {i}.\n    source: para {i % 14 + 1}\n"
    if kind == "flashcard":
        body = f"    question: Front of card {i}\n    answer: Back of card {i}\n"
    elif kind == "choice":
        body = f"    question: Which option is right for {i}?\n    answer: Right {i}\n    distractors: [Wrong {i}a, Wrong {i}b]\n"
    elif kind == "multi":
        body = f"    question: Select the right ones for {i}\n    answer: [Right {i}a, Right {i}b]\n    distractors: [Wrong {i}]\n"
    elif kind == "truefalse":
        body = f"    question: Statement number {i} is true.\n    answer: true\n"
    elif kind == "typed":
        body = (
            f"    question: How many for {i}?\n    answer: {i * 10}\n    accept: [about {i * 10}]\n"
        )
    elif kind == "cloze":
        body = f"    question: The answer to card {i} is {{{{word {i}}}}}.\n"
    elif kind == "order":
        body = f"    question: Order the items of {i}\n    answer: [First {i}, Second {i}, Third {i}]\n"
    else:
        body = f"    question: Match the pairs of {i}\n    answer:\n      Left {i}a: Right {i}a\n      Left {i}b: Right {i}b\n"
    return head + body + tail


def make_decks(folder: Path, cards: int, decks: int) -> list[str]:
    """``decks`` decks (``bench0``...) sharing ``cards`` cards; returns every card's key."""
    folder.mkdir(parents=True, exist_ok=True)
    keys = []
    per_deck = cards // decks
    for d in range(decks):
        with (folder / f"bench{d}.yaml").open("w", encoding="utf-8") as fh:
            fh.write(f"deck: bench{d}\ntitle: Benchmark deck {d}\ncards:\n")
            for i in range(per_deck):
                fh.write(card_yaml(i))
                keys.append(f"bench{d}/card-{i}")
    return keys


def deck_keys(cards: int, decks: int) -> list[str]:
    per_deck = cards // decks
    return [f"bench{d}/card-{i}" for d in range(decks) for i in range(per_deck)]


#: How far apart the answers of a benchmark history are: 288 a day, a heavy learner's pace,
#: whatever the history's length (500,000 answers are four and a half years of it).
SPACING = timedelta(minutes=5)


def answer_times(count: int) -> list[str]:
    """``count`` answer times, ``SPACING`` apart, the last an hour ago (``anki_peer.py`` gives
    Anki's review log the same)."""
    last = datetime.now(timezone.utc).replace(microsecond=0) - timedelta(hours=1)
    return [iso(last - SPACING * (count - 1 - n)) for n in range(count)]


def make_progress(path: Path, keys: list[str], reviews: int) -> None:
    """Every card studied (due over 400 days from 1 January), ``reviews`` answers in all, at
    a steady pace up to an hour ago."""
    progress = synthetic_progress(keys, max(1, reviews // max(1, len(keys))), spread_due=True)
    del progress.reviews[reviews:]
    for review, time in zip(progress.reviews, answer_times(len(progress.reviews)), strict=True):
        review.time = time
    write_progress(path, progress)


_LINE = (
    '{{"op":"review","id":"{n:016x}","card":"{card}","time":"{time}","rating":3,'
    '"correct":true,"answer":"an answer","duration_ms":4000,"mode":"study","new":false,'
    '"prior_state":2,"state":null}}\n'
)


def make_long_history(path: Path, keys: list[str], answers: int) -> None:
    """A progress file with ``answers`` answers in its history, written line by line (a million
    review objects would not fit the benchmark's memory)."""
    progress = synthetic_progress(keys, 0, spread_due=True)
    write_progress(path, progress)
    files = ProgressFiles(path)
    with files.history_path.open("a", encoding="utf-8") as fh:
        for n in range(answers):
            time = iso(T0 + timedelta(seconds=n))
            fh.write(_LINE.format(n=n, card=keys[n % len(keys)], time=time))
    progress.log_bytes = files.history_path.stat().st_size
    write_json(files, progress)


def record_answers(path: Path, count: int) -> None:
    """``count`` study answers given now, recorded as a study session records them."""
    from tiesquiz.progress import ProgressStore, Review
    from tiesquiz.scheduling import GOOD, review

    now = datetime.now(timezone.utc)
    with ProgressStore.open(path, since=iso(now - timedelta(hours=1))) as store:
        keys = list(store.progress.cards)[:count]
        for key in keys:
            entry = Review.new_answer(key, iso(now), GOOD, True, "an answer", 3000, "study")
            store.record_answer(
                entry,
                lambda prior: review(prior, GOOD, now, store.progress.scheduler),
            )


def make_results(folder: Path, files: int, answers: int) -> None:
    """A class's quiz: ``files`` students, each answering the same ``answers`` choice cards
    (a student's points follow their ability, so the item analysis has something to find)."""
    folder.mkdir(parents=True, exist_ok=True)
    for s in range(files):
        records = []
        for q in range(answers):
            right = (s * 7 + q * 3) % 10 < 3 + s % 6
            options = [f"Right {q}", f"Wrong {q}a", f"Wrong {q}b"]
            picked = options[0] if right else options[1 + (s + q) % 2]
            records.append(
                {
                    "card": f"bench0/card-{q}",
                    "type": "choice",
                    "question": f"Which option is right for {q}?",
                    "answer": picked,
                    "response": picked,
                    "options": options,
                    "correct_answer": options[0],
                    "correct": right,
                    "verdict": "right" if right else "wrong",
                    "points": 1.0 if right else 0.0,
                    "skipped": False,
                    "status": "answered",
                }
            )
        score = sum(r["points"] for r in records)
        data = {
            "format": 1,
            "tiesquiz": "bench",
            "student": f"Student {s}",
            "decks": ["bench0"],
            "started": "2026-11-29T09:00:00+00:00",
            "seconds": 600.0,
            "seed": 7,
            "score": score,
            "questions": answers,
            "percent": round(score / answers * 100, 1),
            "answers": records,
        }
        (folder / f"student-{s:04d}.json").write_text(json.dumps(data, indent=2), "utf-8")


def make_pairs(path: Path, rows: int) -> None:
    """A two-column sheet: ``path`` with a header row for tiesquiz, ``path.anki`` the same rows
    without one, for Anki's CSV import."""
    body = "".join(f"Front of card {i},Back of card {i}\n" for i in range(rows))
    path.write_text("question,answer\n" + body, "utf-8")
    path.with_suffix(".anki").write_text(body, "utf-8")


if __name__ == "__main__":
    what, target, *numbers = sys.argv[1:]
    n = [int(x) for x in numbers]
    if what == "collection":
        folder = Path(target)
        make_progress(folder / "progress.json", make_decks(folder / "decks", n[0], n[1]), n[2])
    elif what == "progress":
        make_progress(Path(target), deck_keys(n[0], n[1]), n[2])
    elif what == "answer":
        record_answers(Path(target), n[0])
    elif what == "results":
        make_results(Path(target), n[0], n[1])
    elif what == "pairs":
        make_pairs(Path(target), n[0])
    else:  # history: a progress file of cards with answers, for the session-end figure
        make_long_history(Path(target), [f"deck/card-{i}" for i in range(n[0])], n[1])
