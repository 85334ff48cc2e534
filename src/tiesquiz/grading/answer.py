"""Free text: is what the student typed the accepted answer, said their way?

What may come with the answer: words of the question (or of a cloze sentence), articles, titles
and hedges ("President", "Rabbi", "Foreign Minister", "about", "approximately", "people"), and a
possessive ("Iran's"). What may not: anything else. "Quba or Baku", "not antisemitism" and
"Section 907 or 908" say something more, so they are wrong. Words may be split or joined
differently ("anti-Semitism" = "antisemitism", "IMPACT SE" = "IMPACTSE"), and one word may
carry a slip (:mod:`.words`).
"""

from __future__ import annotations

import re
from collections.abc import Container, Iterable, Sequence
from dataclasses import dataclass
from functools import cache

from tiesquiz.grading.numbers import is_number
from tiesquiz.grading.text import stem, tokens
from tiesquiz.grading.words import is_typo

ARTICLES = frozenset({"the", "a", "an"})
HEDGES = frozenset(
    {
        "about",
        "approximately",
        "approx",
        "around",
        "roughly",
        "nearly",
        "almost",
        "some",
        "ca",
        "circa",
    }
)
TITLES = frozenset(
    {
        "president",
        "rabbi",
        "minister",
        "foreign",
        "prime",
        "defense",
        "mr",
        "mrs",
        "ms",
        "dr",
        "sir",
        "senior",
        "chief",
    }
)
#: Words that add nothing to an answer, wherever they stand.
FILLERS = ARTICLES | HEDGES | TITLES | frozenset({"people", "of"})
#: How many words of an answer may be joined to meet one written apart ("anti Semitism").
MAX_JOIN = 3


@dataclass(frozen=True)
class Context:
    """What an answer may be said with: the question's words and the words known to be words."""

    #: Stems of the question's words (for cloze: the sentence without its gaps).
    question: frozenset[str] = frozenset()
    #: Words of the decks: a student's word that is one of them is never a typo.
    known: Container[str] = frozenset()

    @classmethod
    def of(cls, question: str, known: Container[str] = frozenset()) -> Context:
        return cls(frozenset(stem(t) for t in tokens(question)), known)

    def droppable(self, word: str) -> bool:
        return word in FILLERS or stem(word) in self.question


@dataclass(frozen=True)
class TextMatch:
    """A match of written words to an accepted form; ``typos`` holds (written, spelt) pairs."""

    typos: tuple[tuple[str, str], ...] = ()


def match_words(
    written: tuple[str, ...], expected: tuple[str, ...], context: Context
) -> TextMatch | None:
    """Align ``written`` to ``expected``; None when they say different things.

    Written words that add nothing may be left over, expected articles and titles may be left
    out, words may be joined or split, and at most one word may have a slip.
    """
    if not [e for e in expected if e not in FILLERS] and written != expected:
        return None

    @cache
    def best(i: int, j: int) -> tuple[tuple[str, str], ...] | None:
        if i == len(written) and j == len(expected):
            return ()
        found: list[tuple[tuple[str, str], ...]] = []
        for a in range(1, MAX_JOIN + 1):
            for b in range(1, MAX_JOIN + 1):
                if i + a > len(written) or j + b > len(expected):
                    continue
                part_w, part_e = written[i : i + a], expected[j : j + b]
                if (a > 1 or b > 1) and any(map(is_number, part_w + part_e)):
                    continue  # numbers are compared whole
                w, e = "".join(part_w), "".join(part_e)
                if w == e:
                    rest = best(i + a, j + b)
                    if rest is not None:
                        found.append(rest)
                elif (a == b == 1 or a != b) and is_typo(w, e, context.known):
                    # A slip in one word: words compared together are not one word.
                    rest = best(i + a, j + b)
                    if rest is not None and not rest:  # a slip in one word only
                        found.append(((w, e),))
        if i < len(written) and context.droppable(written[i]):
            rest = best(i + 1, j)
            if rest is not None:
                found.append(rest)
        if j < len(expected) and expected[j] in FILLERS:
            rest = best(i, j + 1)
            if rest is not None:
                found.append(rest)
        return min(found, key=len) if found else None

    typos = best(0, 0)
    return None if typos is None else TextMatch(typos)


def match_text(given: str, forms: Iterable[str], context: Context) -> TextMatch | None:
    """The best match of ``given`` to any accepted form: exact before a slip."""
    written = tokens(given)
    if not [w for w in written if w not in ARTICLES]:
        return None
    best: TextMatch | None = None
    for form in forms:
        expected = tokens(form)
        if not expected:
            continue
        found = match_words(written, expected, context)
        if found is not None and (best is None or len(found.typos) < len(best.typos)):
            best = found
            if not found.typos:
                break
    return best


def _shown(text: str, canonical: str) -> str:
    """The word of ``text`` that reads as ``canonical``, as it was written there."""
    for found in re.finditer(r"[^\s]+", text):
        word = found.group().strip('.,;:!?"()[]')
        if "".join(tokens(word)) == canonical:
            return word
    return canonical


def shown_typos(
    given: str, forms: Sequence[str], typos: tuple[tuple[str, str], ...]
) -> tuple[tuple[str, str], ...]:
    """The slips as the student wrote them and as the deck spells them (for feedback)."""
    return tuple(
        (_shown(given, w), next((s for f in forms if (s := _shown(f, e)) != e), e))
        for w, e in typos
    )
