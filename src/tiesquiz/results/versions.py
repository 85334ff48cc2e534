"""Which version of a card, and which quiz, a results file's answers were given to.

A deck changes between two groups of students (a key corrected, an option reworded): scoring
both groups as one would mix two questions. Each answer records a fingerprint of the card as
it was asked (its question, its key and its options, in no particular order), and each file the
identity of its quiz (the decks, the cards it could ask, the seed). The analysis takes each
version of a card as a question of its own, and names every file whose quiz differs from the
class's.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from tiesquiz.deck.model import Card
from tiesquiz.results.model import ResultsFile

#: How many hex digits a fingerprint keeps: enough to tell versions of one card apart.
DIGITS = 12


def _digest(data: object) -> str:
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:DIGITS]


def card_version(card: Card) -> str:
    """The card as a student is asked it and scored: question, key and options."""
    return _digest([card.type, card.question, card.answer_text(), sorted(card.options)])


def quiz_identity(decks: Iterable[str], cards: Iterable[str], seed: int | None) -> str:
    """One quiz: its decks, the cards it asked, and its seed."""
    return _digest([sorted(decks), sorted(cards), seed])


@dataclass(frozen=True)
class Versions:
    """How the class's files agree: each card's versions named, and the files that differ."""

    #: (card, version) -> the name the analysis gives that version.
    names: dict[tuple[str, str], str]
    #: (file, reason), for a person.
    warnings: tuple[tuple[str, str], ...]


def _named(card: str, versions: Counter[str], current: str | None) -> dict[tuple[str, str], str]:
    """The deck's current version (else the commonest) keeps the card's name; the others are
    "(changed)", "(changed 2)"..."""
    order = [v for v, _ in versions.most_common() if v]
    if current in order:
        order.remove(current)
        order.insert(0, current)
    names = {(card, ""): card}  # an answer that recorded no version is taken as the card's
    names.update({(card, v): card for v in order[:1]})
    for n, version in enumerate(order[1:], 1):
        names[(card, version)] = f"{card} (changed)" if n == 1 else f"{card} (changed {n})"
    return names


def compare(files: Sequence[ResultsFile], current: dict[str, str]) -> Versions:
    """Each card's versions across the class, and a warning for each file that was asked
    another version or another quiz, or that cannot tell. ``current``: card -> the version the
    deck has now (for the cards of decks read)."""
    seen: dict[str, Counter[str]] = {}
    for f in files:
        for a in f.answers:
            seen.setdefault(a.card, Counter())[a.version] += 1
    names: dict[tuple[str, str], str] = {}
    for card, versions in seen.items():
        names.update(_named(card, versions, current.get(card)))
    quizzes = Counter(f.quiz for f in files if f.quiz)
    main = quizzes.most_common(1)[0][0] if quizzes else ""
    warnings = []
    for f in files:
        name = str(f.path or f.student)
        if not f.quiz:
            warnings.append(
                (
                    name,
                    "written before results recorded card versions: it cannot be "
                    "checked against the class's versions",
                )
            )
            continue
        changed = sorted({names[(a.card, a.version)] for a in f.answers} - set(seen))
        if f.quiz != main:
            warnings.append(
                (
                    name,
                    f"took another quiz than most of the class ({len(f.answers)} "
                    f"questions from {', '.join(f.decks) or 'no deck'}, seed {f.seed})",
                )
            )
        elif changed:
            warnings.append(
                (name, f"was asked another version of {', '.join(changed)} (analysed apart)")
            )
    return Versions(names, tuple(warnings))
