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

from tiesquiz.grading.numbers import UNIT_WORDS, fold_numbers, is_number

_POSSESSIVE = re.compile(r"(?<=[a-z0-9])'s\b")
#: The section sign is a word ("§ 907" = "Section 907"), and so are its abbreviations before a number.
_SECTION = re.compile(r"§+|\bsect?\.?(?=\s*\d)", re.IGNORECASE)
#: A dot or an apostrophe between groups of three digits separates thousands ("70.000", "70'000"),
#: unless more digits follow a dot ("1.500.3" is nothing a person writes).
_DOT_THOUSANDS = re.compile(r"(?<![\d.])(\d{1,3})((?:[.'’]\d{3})+)(?![\d.])")
#: An ordinal in digits, read as the word: "2nd" = "second", "21st" = "twenty first".
_ORDINAL = re.compile(r"\b(\d{1,3})(?:st|nd|rd|th)\b")
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


_ORDINAL_UNITS = re.findall(
    r"\w+",
    "zeroth first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
    "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth",
)
_TENS = re.findall(r"\w+", "twenty thirty forty fifty sixty seventy eighty ninety")


def ordinal_words(n: int) -> str:
    """The ordinal of ``n`` (under 1,000) in words: 21 -> "twenty first", 100 -> "hundredth"."""
    hundreds, rest = divmod(n, 100)
    head = f"{UNIT_WORDS[hundreds]} hundred" if hundreds else ""
    if not rest:
        return f"{head}th" if head else "zeroth"
    if rest < 20:
        tail = _ORDINAL_UNITS[rest]
    else:
        tens, unit = divmod(rest, 10)
        tail = f"{_TENS[tens - 2]}ieth" if not unit else f"{_TENS[tens - 2]} {_ORDINAL_UNITS[unit]}"
        tail = tail.replace("yieth", "ieth")
    return f"{head} {tail}".strip()


#: Signs that qualify a number, read as the words they stand for ("70,000+" is "70,000 or more").
_SIGNS = (
    (re.compile(r"(?<=\d)\s*\+(?!\d)"), " or more "),
    (re.compile(r"[≥⩾]|>="), " at least "),
    (re.compile(r"[≤⩽]|<="), " at most "),
    (re.compile(r">"), " more than "),
    (re.compile(r"<"), " less than "),
    (re.compile(r"[~≈∼]"), " about "),
    (re.compile(r"\bor so\b|(?<=\d)-?ish\b", re.IGNORECASE), " approx "),
)


def _plain(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    for sign, words in _SIGNS:
        text = sign.sub(words, text)
    text = _SECTION.sub(" section ", text)
    text = _DOT_THOUSANDS.sub(lambda m: m.group(1) + re.sub(r"[.'’]", "", m.group(2)), text)
    text = anyascii(text).casefold()
    text = _ORDINAL.sub(lambda m: ordinal_words(int(m.group(1))), text)
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
    return tuple(american(t) for t in fold_numbers(_join_ordinals(raw)))


def _join_ordinals(raw: list[str]) -> list[str]:
    """ "twenty first" (as "21st" reads too) is one word, "twentyfirst": not the number 20."""
    out: list[str] = []
    for word in raw:
        if out and out[-1] in _TENS and word in _ORDINAL_UNITS[1:10]:
            out[-1] += word
        else:
            out.append(word)
    return out


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


_IRREGULAR = {"men": "man", "women": "woman", "children": "child", "people": "person"}


@lru_cache(maxsize=65536)
def lemmas(word: str) -> frozenset[str]:
    """The forms ``word`` may be an inflection of (singular, -s/-es/-ies/-ing/-ed taken off):
    two words are the same word when their lemmas meet ("sanctions" = "sanctioned")."""
    if is_number(word) or len(word) < 4:
        return frozenset({word})
    out = {word, _IRREGULAR.get(word, word)}
    if word.endswith("ies") and len(word) > 4:
        out.add(word[:-3] + "y")
    if word.endswith("es") and len(word) > 4:
        out.add(word[:-2])
    plural_of_i = word.endswith("is") and not word.endswith("sis") and len(word) >= 6
    if word.endswith("s") and (plural_of_i or not word.endswith(("ss", "us", "is"))):
        out.add(word[:-1])  # "rabbis", "Israelis"; not "basis", "crisis"
    for ending in ("ing", "ed"):
        base = word[: -len(ending)]
        if word.endswith(ending) and len(base) >= 3:
            out.update({base, base + "e"})
            if len(base) > 3 and base[-1] == base[-2] and base[-1] not in "aeiou":
                out.add(base[:-1])  # planned -> plan
            if ending == "ed" and base.endswith("i"):
                out.add(base[:-1] + "y")  # supplied -> supply
    return frozenset(out)


def related(word: str, other: str) -> bool:
    """The same word inflected, or a name and its adjective ("Azerbaijan", "Azerbaijani")."""
    if word == other or lemmas(word) & lemmas(other):
        return True
    short, long = sorted((word, other), key=len)
    return len(short) >= 4 and long.startswith(short) and len(long) - len(short) <= 3


#: Letters of Azerbaijani and Turkish names that English writes in more than one way: "Şəki" is
#: "Seki", "Sheki" and "Shaki".
_LETTERS = {"ş": ("s", "sh"), "ç": ("c", "ch"), "ə": ("e", "a"), "ğ": ("g", "gh")}
_LETTER_RE = re.compile("[" + "".join(_LETTERS) + "]", re.IGNORECASE)
#: At most this many spellings of one form are tried.
MAX_SPELLINGS = 8


def spellings(form: str) -> list[str]:
    """``form`` and its English spellings, the letters of :data:`_LETTERS` written each way."""
    found = [form]
    for match in _LETTER_RE.finditer(form):
        letter = match.group()
        ways = _LETTERS[letter.lower()]
        grown: list[str] = []
        for text in found:
            at = match.start() + len(text) - len(form)  # earlier letters may have grown
            for way in ways:
                way = way.upper() if letter.isupper() and len(way) == 1 else way
                way = way.capitalize() if letter.isupper() else way
                grown.append(text[:at] + way + text[at + 1 :])
        found = grown[:MAX_SPELLINGS]
    return found
