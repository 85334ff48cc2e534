"""Judge a typed answer: right, wrong, or ``check`` (a person decides).

The student's words are aligned with each accepted form (:mod:`.align`): every word of the form
must be matched. What is left over is judged by class (:mod:`.classes`): articles, titles before a
name, intensifiers and the question's own noun change nothing; a hedge, a negation, a second
candidate, another number, another name or another word in place of one of the answer's make it
wrong; anything else makes it ``check``. Commas, slashes and parentheses split the answer into
parts first, so "Quba, Baku" is two candidates, "Quba (in the north)" a detail, and "Sa'ar,
Gideon" one name written surname first.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import permutations
from typing import Literal

from tiesquiz.grading.align import Alignment, Pair, align
from tiesquiz.grading.classes import ARTICLES, INTENSIFIERS, OFFICE_WORDS, SPLIT_WORDS, TITLES
from tiesquiz.grading.context import Context
from tiesquiz.grading.extras import Extras, has_name, judge_extras
from tiesquiz.grading.numbers import is_number
from tiesquiz.grading.result import Note
from tiesquiz.grading.text import lemmas, spellings, tokens

Verdict = Literal["right", "check", "wrong"]
_RANK: dict[Verdict, int] = {"right": 0, "check": 1, "wrong": 2}
#: Words an answer may leave out when it has more: "in" of "the Embassy in Baku".
_SOFT = frozenset({"of", "in", "at", "on", "for"})
#: Commas, semicolons, slashes, ampersands, brackets and dashes between words split an answer.
_SEPARATOR = re.compile(r"(?<!\d),|,(?!\d)|[;/&()\[\]]|\s[-–—]+\s")


@dataclass(frozen=True)
class Judgement:
    verdict: Verdict
    #: Slips forgiven, as canonical (written, answer) word pairs.
    typos: tuple[tuple[str, str], ...] = ()
    notes: tuple[Note, ...] = ()

    @property
    def rank(self) -> tuple[int, int, int]:
        """Better first: right before check before wrong, fewer slips, fewer remarks (but a wrong
        verdict that says why before one that does not)."""
        notes = len(self.notes)
        return (_RANK[self.verdict], len(self.typos), -notes if self.verdict == "wrong" else notes)


WRONG = Judgement("wrong")


@dataclass(frozen=True)
class Segment:
    """A part of the written answer and what set it off: "" (the first), a separator, or a
    joining word ("or", "and")."""

    kind: str
    words: tuple[str, ...]


def segments(text: str) -> list[Segment]:
    """The parts of an answer; what a bracket holds is one part, however it is punctuated."""
    out: list[Segment] = []
    kind, start, depth = "", 0, 0
    for found in _SEPARATOR.finditer(text):
        sep = found.group().strip() or "-"
        if depth and sep not in ")]":
            continue
        out.extend(_split_words(kind, tokens(text[start : found.start()])))
        depth = 1 if sep in "([" else 0
        kind = "(" if sep in "([" else ("," if sep in ")]" else sep[0])
        start = found.end()
    out.extend(_split_words(kind, tokens(text[start:])))
    return [s for s in out if s.words]


def _split_words(kind: str, words: tuple[str, ...]) -> list[Segment]:
    if kind == "(":
        return [Segment(kind, words)]
    out = [Segment(kind, ())]
    for word in words:
        if word in SPLIT_WORDS and out[-1].words:
            out.append(Segment(word, ()))
        else:
            out[-1] = Segment(out[-1].kind, (*out[-1].words, word))
    return out


def capitalised(text: str) -> frozenset[str]:
    """Words written with a capital: the names among what was written."""
    words = re.findall(r"[^\W\d_][\w'’-]*", text)
    return frozenset(t for w in words if w[0].isupper() for t in tokens(w))


def possessive(text: str) -> frozenset[str]:
    """Words written with a possessive ending ("Azerbaijan's", "the rabbis'")."""
    words = re.findall(r"[^\W\d_][\w-]*['’](?:s\b|(?=\s|$))", text)
    return frozenset(t for w in words for t in tokens(w))


def _optional(expected: tuple[str, ...], context: Context, names: frozenset[str]) -> frozenset[int]:
    """Answer words that may go unwritten: articles; before a name, titles and offices; beside
    other words, the question's own noun and small linking words."""
    titled = TITLES | OFFICE_WORDS
    content = [
        e for e in expected if e not in ARTICLES | titled | _SOFT and not context.restates(e)
    ]
    optional = {k for k, e in enumerate(expected) if e in ARTICLES}
    if content:
        optional |= {k for k, e in enumerate(expected) if context.restates(e)}
        if len(expected) >= 3:
            last = len(expected) - 1
            optional |= {k for k, e in enumerate(expected) if e in _SOFT and 0 < k < last}
    if has_name(content, names):
        optional |= {k for k, e in enumerate(expected) if e in titled}
    return frozenset(optional)


def _reorders(words: tuple[str, ...]) -> list[tuple[tuple[str, ...], bool]]:
    """The words, and the same words in each order that keeps their meaning, marked whether
    turned: round an "of" ("Minister of Foreign Affairs" -> "Foreign Affairs Minister"), the two
    words either side of an "and" ("cultural and economic" -> "economic and cultural"), and
    "from A to B" -> "to B from A"."""
    out = [(words, False)]
    last = len(words) - 1
    for k, word in enumerate(words):
        if word == "of" and 0 < k < last:
            out.append(((*words[k + 1 :], *words[:k]), True))
        if word in ("and", "or") and 0 < k < last:
            out.append(((*words[: k - 1], words[k + 1], word, words[k - 1], *words[k + 2 :]), True))
        if word == "from" and "to" in words[k + 2 :]:
            to = words.index("to", k + 2)
            out.append(((*words[:k], *words[to:], *words[k:to]), True))
    return out


def _one(
    written: tuple[str, ...],
    expected: tuple[str, ...],
    context: Context,
    extras: Extras,
) -> Judgement | None:
    """``written`` against one form (both in every order that keeps the meaning)."""
    best: Judgement | None = None
    for form, turned_e in _reorders(expected):
        optional = _optional(form, context, extras.names)
        for words, turned_w in _reorders(written):
            found = align(words, form, optional, context.known, context.tolerance)
            if found is None:
                continue
            judged = _judged(found, words, form, extras)
            if turned_e or turned_w:
                judged = _with(judged, Note("order"))
            if best is None or judged.rank < best.rank:
                best = judged
    return best


def _judged(
    found: Alignment,
    words: tuple[str, ...],
    form: tuple[str, ...],
    extras: Extras,
) -> Judgement:
    typos = tuple(
        ("".join(words[i] for i in p.written), "".join(form[j] for j in p.expected))
        for p in found.pairs
        if p.how == "typo"
    )
    verdict, notes = judge_extras(found, words, form, extras)
    variants = tuple(_variant(p, words, form) for p in found.pairs if p.how == "variant")
    if variants and verdict != "wrong":
        notes = (Note("variant", variants), *notes)
    return Judgement(verdict, typos, notes)


def _variant(pair: Pair, words: tuple[str, ...], form: tuple[str, ...]) -> str:
    return " ".join(words[i] for i in pair.written)


def _with(judged: Judgement, note: Note) -> Judgement:
    if judged.verdict == "wrong":
        return judged
    return Judgement(judged.verdict, judged.typos, (*judged.notes, note))


def judge(given: str, forms: Sequence[str], context: Context) -> Judgement:
    """The verdict on ``given`` against the accepted ``forms`` (the first is the answer)."""
    written = tokens(given)
    if not [w for w in written if w not in ARTICLES | INTENSIFIERS]:
        # Nothing but "the" or "a" said, unless that is the answer ("Plan A": "A", "the A").
        said = any(
            written[len(written) - len(tokens(f)) :] == tokens(f) for f in forms if tokens(f)
        )
        return Judgement("right") if said else WRONG
    parts = segments(given)
    names = capitalised(" ".join(forms))
    extras = Extras(context, capitalised(given), possessive(given), names)
    best = WRONG
    for index, form in enumerate(forms):
        found = None
        for spelt in spellings(form):
            expected = tokens(spelt)
            if not expected:
                continue
            tried = _form(given, written, parts, spelt, expected, forms, extras)
            if tried is not None and (found is None or tried.rank < found.rank):
                found = tried
        if found is not None and index and found.verdict != "wrong":
            found = Judgement(
                found.verdict, found.typos, (Note("alternative", (form,)), *found.notes)
            )
        if found is not None and found.rank < best.rank:
            best = found
    if best.verdict == "wrong" and not best.notes:
        return _other_number(best, written, forms)
    return _near_miss(best, forms)


def _other_number(found: Judgement, written: tuple[str, ...], forms: Sequence[str]) -> Judgement:
    """A wrong answer that gives a number where the answer has another says so."""
    answer = {t for f in forms for t in tokens(f) if is_number(t)}
    given = tuple(t for t in written if is_number(t) and t not in answer)
    return Judgement("wrong", (), (Note("number", given),)) if answer and given else found


def _near_miss(found: Judgement, forms: Sequence[str]) -> Judgement:
    """An added word one or two letters from a word of the answer stands in its place ("Ronald
    Trump" for "Donald Trump" accepted as "Trump"): another word, so wrong, not a detail."""
    if found.verdict != "check":
        return found
    from rapidfuzz.distance import OSA

    answer = {e for f in forms for e in tokens(f) if not is_number(e) and len(e) >= 4}
    added = [w for n in found.notes if n.kind == "extra" for w in n.words if w not in answer]
    near = tuple(
        w
        for w in added
        if not any(lemmas(w) & lemmas(e) for e in answer)  # "rabbi" beside "rabbis" is the same
        and any(OSA.distance(w, e, score_cutoff=2) <= 2 for e in answer)
    )
    return Judgement("wrong", (), (Note("different", near),)) if near else found


def _form(
    given: str,
    written: tuple[str, ...],
    parts: list[Segment],
    form: str,
    expected: tuple[str, ...],
    forms: Sequence[str],
    extras: Extras,
) -> Judgement | None:
    """One accepted form: read whole, as a list, or by the parts the separators make."""
    context = extras.context
    theirs = segments(form)
    if theirs[1:]:
        listed = _as_list(parts, theirs, context, extras)
        return listed if listed is not None else _one(written, expected, context, extras)
    if len(parts) == 1:
        return _one(written, expected, context, extras)
    swapped = _surname_first(parts, expected, context, extras)
    if swapped is not None:
        return swapped
    return _by_part(parts, expected, forms, extras)


def _surname_first(
    parts: list[Segment], expected: tuple[str, ...], context: Context, extras: Extras
) -> Judgement | None:
    """ "Sa'ar, Gideon" = "Gideon Sa'ar": two parts split by a comma, read the other way round."""
    if len(parts) != 2 or parts[1].kind != ",":
        return None
    found = _one((*parts[1].words, *parts[0].words), expected, context, extras)
    if found is None or found.verdict != "right":
        return None
    return _with(found, Note("order"))


def _as_list(
    given_parts: list[Segment], theirs: list[Segment], context: Context, extras: Extras
) -> Judgement | None:
    """An answer that is a list ("Israel and Azerbaijan") written as the same list in any order."""
    mine = [s for s in given_parts if s.kind != "("]
    brackets = tuple(w for s in given_parts if s.kind == "(" for w in s.words)
    if len(theirs) < 2 or len(mine) < len(theirs) or len(mine) > 5:
        return None
    if len(mine) > len(theirs):
        return _list_and_more(mine, theirs, context, extras)
    for order in permutations(range(len(mine))):
        judged = [
            _one(mine[k].words, theirs[n].words, context, extras) for n, k in enumerate(order)
        ]
        if all(j is not None and j.verdict == "right" for j in judged):
            typos = tuple(t for j in judged if j is not None for t in j.typos)
            if len(typos) > 1:
                continue
            turned = order != tuple(range(len(mine)))
            notes = (Note("order"),) if turned else ()
            if brackets:  # a detail in brackets after the list: a person decides
                return Judgement("check", (), (Note("extra", brackets),))
            return Judgement("right", typos, notes)
    return None


def _list_and_more(
    mine: list[Segment], theirs: list[Segment], context: Context, extras: Extras
) -> Judgement | None:
    """Every item of the answer's list, and more parts: another candidate joined to them (wrong)
    or a detail set off by a comma (check)."""
    form = tuple(w for s in theirs for w in s.words)
    for order in permutations(range(len(mine)), len(theirs)):
        judged = [
            _one(mine[k].words, theirs[n].words, context, extras) for n, k in enumerate(order)
        ]
        if all(j is not None and j.verdict == "right" for j in judged):
            rest = [
                extras.part(s.kind, s.words, form) for k, s in enumerate(mine) if k not in order
            ]
            worst = max((v for v, _ in rest), key=_RANK.__getitem__)
            return Judgement(worst, (), tuple(n for v, n in rest if v == worst))
    return None


def _by_part(
    parts: list[Segment], expected: tuple[str, ...], forms: Sequence[str], extras: Extras
) -> Judgement | None:
    """One part is the answer; each other part is judged whole: another accepted form or
    harmless words (right), a detail (check), or a second candidate (wrong)."""
    context = extras.context
    best: Judgement | None = None
    for k, part in enumerate(parts):
        found = _one(part.words, expected, context, extras)
        if found is None or found.verdict == "wrong":
            continue
        verdicts: list[tuple[Verdict, tuple[Note, ...]]] = [(found.verdict, found.notes)]
        detail = False  # the part before was a description, which an "and" goes on
        for other in parts[:k] + parts[k + 1 :]:
            verdict: Verdict
            notes: tuple[Note, ...] = ()
            if _accepted(other.words, forms, context, extras):
                verdict = "right"
            else:
                verdict, note = extras.part(other.kind, other.words, expected, detail)
                notes = (note,)
            detail = verdict == "check"
            verdicts.append((verdict, notes))
        worst = max((v for v, _ in verdicts), key=_RANK.__getitem__)
        notes = tuple(n for v, ns in verdicts if v == worst for n in ns)
        judged = Judgement(worst, found.typos if worst != "wrong" else (), notes)
        if best is None or judged.rank < best.rank:
            best = judged
    return best


def _accepted(
    words: tuple[str, ...], forms: Sequence[str], context: Context, extras: Extras
) -> bool:
    """The words are an accepted form themselves ("Quba (Guba)")."""
    for form in forms:
        found = _one(words, tokens(form), context, extras)
        if found is not None and found.verdict == "right":
            return True
    return False
