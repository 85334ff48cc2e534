"""Numbers as people write them: in digits with separators, with ``k`` or ``thousand`` after
them, or in words ("seventy thousand", "one hundred and five"). Each becomes one token, ``#``
followed by its value, so a number is compared as a number and never taken for a typo.
"""

from __future__ import annotations

import math

UNITS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
UNIT_WORDS = tuple(UNITS)
TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
SCALES = {
    "thousand": 1_000,
    "k": 1_000,
    "million": 1_000_000,
    "billion": 1_000_000_000,
    "bn": 1_000_000_000,
}
_NUMBER_WORDS = {*UNITS, *TENS, "hundred", *SCALES}
#: "one" is a pronoun, not the number 1, after these words ("the one in Quba", "no one") and
#: before these ("one of the cities", "one another").
_ONE_AFTER = frozenset(
    {"the", "no", "any", "every", "each", "this", "that", "which", "some", "first", "second"}
    | {"third", "last", "only", "other", "same", "next", "right", "wrong"}
)
#: A scale in the plural counts after a number ("70 thousands"), and nowhere else.
PLURAL_SCALES = {"thousands": 1_000, "millions": 1_000_000, "billions": 1_000_000_000}
_ONE_BEFORE = frozenset({"of", "another", "who", "which", "that"})


def _pronoun_one(raw: list[str], i: int) -> bool:
    if raw[i] != "one":
        return False
    before = raw[i - 1] if i else ""
    after = raw[i + 1] if i + 1 < len(raw) else ""
    return before in _ONE_AFTER or after in _ONE_BEFORE


def is_number(token: str) -> bool:
    return token.startswith("#")


def value(token: str) -> float:
    return float(token[1:])


def number_token(amount: float) -> str:
    if not math.isfinite(amount):  # 400 digits typed in overflow a float: still a number token
        return "#" + repr(amount)
    return "#" + (str(int(amount)) if amount == int(amount) else repr(amount))


def _words_value(words: list[str]) -> float:
    """The value of a run of number words (already checked to be number words)."""
    total = 0
    current = 0
    for word in words:
        if word in UNITS:
            current += UNITS[word]
        elif word in TENS:
            current += TENS[word]
        elif word == "hundred":
            current = (current or 1) * 100
        else:  # a scale
            total += (current or 1) * SCALES[word]
            current = 0
    return total + current


def fold_numbers(raw: list[str]) -> list[str]:
    """Fold runs of number words, and a number followed by a scale word, into one ``#`` token.

    ``minus`` before a number makes it negative; ``and`` and ``a`` inside a run of number words
    ("one hundred and five", "a thousand") belong to it.
    """
    out: list[str] = []
    i = 0
    while i < len(raw):
        token = raw[i]
        negative = (
            token == "minus"
            and i + 1 < len(raw)
            and (is_number(raw[i + 1]) or raw[i + 1] in _NUMBER_WORDS)
        )
        if negative:
            i += 1
            token = raw[i]
        if is_number(token):
            amount = float(token[1:])
            i += 1
            if i < len(raw) and (raw[i] in SCALES or raw[i] in PLURAL_SCALES):
                amount *= SCALES.get(raw[i]) or PLURAL_SCALES[raw[i]]
                i += 1
            out.append(number_token(-amount if negative else amount))
            continue
        if _pronoun_one(raw, i):
            out.append(token)
            i += 1
            continue
        if token in _NUMBER_WORDS or (
            token == "a" and i + 1 < len(raw) and raw[i + 1] in ("hundred", *SCALES)
        ):
            run: list[str] = []
            while i < len(raw):
                word = raw[i]
                if word in _NUMBER_WORDS:
                    run.append(word)
                elif (
                    word in ("and", "a")
                    and run
                    and i + 1 < len(raw)
                    and raw[i + 1] in _NUMBER_WORDS
                ) or (word == "a" and not run):
                    pass
                else:
                    break
                i += 1
            if run == ["k"]:  # a lone "k" is a letter, not a thousand
                out.append("k")
                continue
            amount = _words_value(run)
            out.append(number_token(-amount if negative else amount))
            continue
        out.append(token)
        i += 1
    return out
