"""Words as the item-writing rules compare them: folded, split on anything not a letter or digit."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

WORD_RE = re.compile(r"[^\W_]+")
#: 70,000 and 70 000 are the number 70000.
THOUSANDS_RE = re.compile(r"(?<=\d)[,\u00a0\u202f ](?=\d{3}\b)")
ARTICLES = frozenset({"the", "a", "an"})
#: Words too common to tell two texts apart.
STOPWORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "of",
        "in",
        "on",
        "at",
        "to",
        "for",
        "from",
        "by",
        "with",
        "as",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "has",
        "have",
        "had",
        "it",
        "its",
        "this",
        "that",
        "these",
        "those",
        "which",
        "who",
        "whom",
        "what",
        "when",
        "where",
        "how",
        "why",
        "their",
        "there",
        "they",
        "them",
        "his",
        "her",
        "he",
        "she",
        "we",
        "our",
        "you",
        "your",
        "not",
        "no",
        "into",
        "over",
        "under",
        "about",
        "than",
        "then",
        "also",
        "such",
        "per",
    ]
)

Words = tuple[str, ...]


def words(text: str) -> Words:
    """The text's words, case and accents folded, numbers without thousands separators."""
    text = THOUSANDS_RE.sub("", text)
    folded = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return tuple(WORD_RE.findall(plain))


def phrase(text: str) -> Words:
    """An answer as a phrase to look for: its words without a leading article; empty when it is
    too short to mean anything on its own (under 3 letters and no digit)."""
    got = words(text)
    while got and got[0] in ARTICLES:
        got = got[1:]
    if not got or all(w in STOPWORDS for w in got):
        return ()
    if sum(len(w) for w in got) < 3 and not any(w.isdigit() for w in got):
        return ()
    return got


def contains(haystack: Words, needle: Words) -> bool:
    """Whether ``needle`` occurs in ``haystack`` as a run of whole words."""
    n = len(needle)
    if not n:
        return False
    return any(haystack[i : i + n] == needle for i in range(len(haystack) - n + 1))


def runs(text_words: Words, longest: int) -> Iterable[Words]:
    """Every run of up to ``longest`` words: what to look up in a table of phrases."""
    for i in range(len(text_words)):
        for n in range(1, min(longest, len(text_words) - i) + 1):
            yield text_words[i : i + n]


def content_stems(text: str) -> frozenset[str]:
    """The meaningful words of a text, cut to five letters so 'energy' meets 'energetic'."""
    return frozenset(w[:5] for w in words(text) if len(w) >= 4 and w not in STOPWORDS)
