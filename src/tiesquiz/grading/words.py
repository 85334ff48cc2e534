"""Typos: a slip inside one word is forgiven, never a different word.

A slip is forgiven in a word of 5 letters or more (one in words of 5-9 letters, two from 10), never
in a number, and never when what the student wrote is itself a word: an English word or name in
pyspellchecker's English word list (the 47,000 words it counts at least 100 times; the package
is 7 MB installed), or any word of the decks being studied (their proper nouns among them). "North" is a word, so "North Caucasus" is not a typo of "South Caucasus"; "Kushnr"
is not, so it is forgiven.
"""

from __future__ import annotations

from collections.abc import Callable, Container, Iterable
from functools import lru_cache

from tiesquiz.grading.numbers import is_number

#: Words shorter than this must be spelt exactly: "Baku" is no typo of "Quba".
TYPO_MIN_LENGTH = 5


def allowance(expected: str) -> int:
    """How many slips a word may have: none under 5 letters, one up to 9, two from 10."""
    if is_number(expected) or any(ch.isdigit() for ch in expected):
        return 0
    if len(expected) < TYPO_MIN_LENGTH:
        return 0
    return 1 if len(expected) < 10 else 2


#: A word seen at least this often in pyspellchecker's counts is a real word. The list's floor,
#: 50, holds 113,000 rare forms, slips among them ("shool" for school); from 100 it keeps 47,000
#: words, rare ones such as "firs" (254) or "causal" (464) included.
REAL_WORD_COUNT = 100


@lru_cache(maxsize=1)
def _english() -> frozenset[str]:
    """pyspellchecker's English words, read once, when a typo is first possible (a tenth of a
    second)."""
    from spellchecker import SpellChecker

    counts = SpellChecker(language="en", distance=1).word_frequency.dictionary
    return frozenset(w for w, n in counts.items() if n >= REAL_WORD_COUNT)


@lru_cache(maxsize=8192)
def is_common_word(word: str) -> bool:
    """An English word or name, not a slip: "religous" and "tecnology" are not."""
    return word.casefold() in _english()


def is_typo(written: str, expected: str, known: Container[str] = frozenset()) -> bool:
    """``written`` is a slip for ``expected``: close enough, and not a word of its own."""
    if written == expected or is_number(written):
        return False
    limit = allowance(expected)
    if not limit or abs(len(written) - len(expected)) > limit:
        return False
    from rapidfuzz.distance import OSA  # a swap of neighbours counts as one slip

    if OSA.distance(written, expected, score_cutoff=limit) > limit:
        return False
    return written not in known and not is_common_word(written)


class Vocabulary(Container[str]):
    """Every word of some texts: a student's word that is one of them is no typo.

    Read only when a slip has to be told from a word, so a session over 20,000 cards does not
    pay for it up front.
    """

    def __init__(self, texts: Callable[[], Iterable[str]]) -> None:
        self._texts = texts
        self._words: frozenset[str] | None = None

    def __contains__(self, word: object) -> bool:
        if self._words is None:
            from tiesquiz.grading.text import tokens

            self._words = frozenset(
                t for text in self._texts() for t in tokens(text) if not is_number(t)
            )
        return word in self._words
