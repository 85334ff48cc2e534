"""The benchmark's collection: decks of mixed card types, and a progress file whose every card
was studied, with its history of answers. Made in a child process by ``run.py`` (a fork of a big
parent would inherit its peak memory and spoil the figures of every process after it).
"""

from __future__ import annotations

import sys
from datetime import timedelta
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


def make_progress(path: Path, keys: list[str], reviews: int) -> None:
    """Every card studied (due over 400 days from 1 January), ``reviews`` answers in all."""
    progress = synthetic_progress(keys, max(1, reviews // max(1, len(keys))), spread_due=True)
    del progress.reviews[reviews:]
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


if __name__ == "__main__":
    what, target, *numbers = sys.argv[1:]
    if what == "collection":
        cards, decks, reviews = (int(x) for x in numbers)
        folder = Path(target)
        make_progress(folder / "progress.json", make_decks(folder / "decks", cards, decks), reviews)
    else:  # history: a progress file of cards with answers, for the session-end figure
        cards, answers = (int(x) for x in numbers)
        make_long_history(Path(target), [f"deck/card-{i}" for i in range(cards)], answers)
