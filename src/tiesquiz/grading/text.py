"""Answers as words: the canonical tokens two answers are compared in.

Both sides of a comparison go through :func:`tokens`: Unicode NFKC, transliteration to ASCII
(``Bakı`` = ``Baki``, ``Şəki`` = ``Seki``), case folding, a possessive ``'s`` dropped and other
apostrophes of any kind removed (``Sa’ar`` = ``Saar``), dotted abbreviations closed up
(``U.A.E.`` = ``UAE``), British spellings read as American (``centre`` = ``center``,
``organisation`` = ``organization``), and every number, in digits or in words, folded into one
token (``70,000`` = ``70 000`` = ``seventy thousand`` = ``70k``). Hyphens and spaces split words;
the matcher (:mod:`.answer`) lets ``anti-Semitism`` meet ``antisemitism`` by joining them.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from anyascii import anyascii

from tiesquiz.grading.numbers import fold_numbers, is_number

_POSSESSIVE = re.compile(r"(?<=[a-z0-9])'s\b")
_APOSTROPHE = re.compile(r"['`]")
_DOTTED = re.compile(r"\b(?:[a-z]\.){2,}")
#: A number in digits: separators of thousands (comma, space, underscore), a decimal point, a sign
#: that stands alone (not the hyphen of ``Section-907``).
_TOKEN = re.compile(
    r"(?P<num>(?<![\w.])[-+]?(?:\d{1,3}(?:[, _]\d{3})+|\d+)(?:\.\d+)?(?!\d|,\d))|(?P<word>[a-z0-9]+)"
)

#: British spellings, read as American on both sides of a comparison (whole words only).
_SPELLING_RULES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        (r"^(.{3,})tre(s?)$", r"\1ter\2"),  # centre, theatre, metre
        (r"^(.{2,}[^aeiou])our(s|ed|ing|able|ite|ites)?$", r"\1or\2"),  # colour, behaviour
        (r"^(.{2,})is(e|es|ed|ing|ation|ations|er|ers)$", r"\1iz\2"),  # organise, realisation
        (r"^(.{2,})ys(e|es|ed|ing)$", r"\1yz\2"),  # analyse, paralyse
        (r"^(defen|offen|licen|preten)ce(s?)$", r"\1se\2"),
        (r"^(.{2,})(?:ogue)(s?)$", r"\1og\2"),  # dialogue, catalogue
        (r"^(.{2,}[aeiou])ll(ed|ing|er|ers)$", r"\1l\2"),  # travelled, labelled
        (r"^programme(s?)$", r"program\1"),
        (r"^(.{2,})aemi(a|c)$", r"\1emi\2"),  # anaemia, leukaemia
    )
)


@lru_cache(maxsize=65536)
def american(word: str) -> str:
    """One spelling for words that British and American English spell differently."""
    if is_number(word):
        return word
    for pattern, replacement in _SPELLING_RULES:
        changed = pattern.sub(replacement, word)
        if changed != word:
            return changed
    return word


def _plain(text: str) -> str:
    text = anyascii(unicodedata.normalize("NFKC", text)).casefold()
    text = _POSSESSIVE.sub("", text)
    text = _APOSTROPHE.sub("", text)
    return _DOTTED.sub(lambda m: m.group(0).replace(".", ""), text)


@lru_cache(maxsize=16384)
def tokens(text: str) -> tuple[str, ...]:
    """The canonical words of ``text``; a number is one token, written as ``#`` and its value."""
    raw: list[str] = []
    for match in _TOKEN.finditer(_plain(text)):
        if match.group("num") is not None:
            raw.append("#" + re.sub(r"[, _]", "", match.group("num")))
        else:
            raw.append(match.group("word"))
    return tuple(american(t) for t in fold_numbers(raw))


def normalize(text: str) -> str:
    """The canonical form of an answer as one string (for matching typed-out options)."""
    return " ".join(tokens(text))


def stem(word: str) -> str:
    """A rough singular, so that ``borders`` in a question lets ``border`` through."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word
