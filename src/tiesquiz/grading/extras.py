"""What the student wrote beyond the answer, judged by class (:mod:`.classes`).

Harmless: articles, intensifiers, the question's own noun, a linking word the question itself
uses ("under" Section 907), a counter after a number ("70,000 people"), titles before a name.
Wrong: a negation, a hedge or a number's qualifier (an approximation only where the question
asks for an estimate), a joining word, another number, a name beside the answer, another title
in place of the answer's. Anything else: ``check``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from tiesquiz.grading.align import Alignment, Pair
from tiesquiz.grading.classes import (
    APPROXIMATIONS,
    ARTICLES,
    CONNECTORS,
    COUNTERS,
    HEDGES,
    INTENSIFIERS,
    LEADING,
    LINKING,
    NEGATIONS,
    NUMBER_QUALIFIERS,
    OFFICE_WORDS,
    SPLIT_WORDS,
    TITLES,
)
from tiesquiz.grading.context import Context
from tiesquiz.grading.numbers import is_number
from tiesquiz.grading.result import Note
from tiesquiz.grading.words import is_common_word

Verdict = Literal["right", "check", "wrong"]
#: The kinds of extra word that make an answer wrong, in the order feedback names them.
WRONG_KINDS = ("negation", "hedge", "candidate", "number", "name", "different")
_TITLED = TITLES | OFFICE_WORDS


def is_name(word: str) -> bool:
    """A word that names something: not a number, not an English word."""
    return not is_number(word) and not is_common_word(word)


def _number_follows(words: Sequence[str], k: int) -> bool:
    """A number comes next, past at most one more qualifier ("more than 5", "at least 5")."""
    for nxt in words[k + 1 : k + 3]:
        if is_number(nxt):
            return True
        if nxt not in NUMBER_QUALIFIERS:
            return False
    return False


def _in_title_run(words: Sequence[str], k: int) -> bool:
    """A title, or an office word in a run of words that holds a title ("Foreign Minister")."""
    if words[k] in TITLES:
        return True
    if words[k] not in OFFICE_WORDS:
        return False
    lo, hi = k, k
    while lo > 0 and words[lo - 1] in _TITLED:
        lo -= 1
    while hi + 1 < len(words) and words[hi + 1] in _TITLED:
        hi += 1
    return any(w in TITLES for w in words[lo : hi + 1])


@dataclass(frozen=True)
class Extras:
    """How to judge added words, for one answer and one question."""

    context: Context
    #: Words the student wrote with a capital: names, whatever the word list says.
    caps: frozenset[str] = frozenset()
    #: Words written with a possessive ("Azerbaijan's"): they say whose, not another answer.
    possessives: frozenset[str] = frozenset()
    #: Words the deck writes with a capital in the accepted forms: names.
    names: frozenset[str] = frozenset()

    def approx(self, form: Sequence[str]) -> bool:
        return self.context.approx and any(map(is_number, form))

    def harmless(self, words: Sequence[str], k: int, form: Sequence[str]) -> bool:
        word = words[k]
        counted = any(map(is_number, form))
        return (
            word in ARTICLES
            or word in INTENSIFIERS
            or self.context.restates(word)
            or (word in LINKING and word in self.context.question)
            or (counted and word in COUNTERS)
            or (counted and self._estimate(words, k, form))
        )

    def _estimate(self, words: Sequence[str], k: int, form: Sequence[str]) -> bool:
        """An approximation beside a number ("about 70,000", "70,000 approx."), where the
        question asks for an estimate."""
        beside = _number_follows(words, k) or (k > 0 and is_number(words[k - 1]))
        return words[k] in APPROXIMATIONS and beside and self.approx(form)

    def wrong_kind(self, words: Sequence[str], k: int, form: Sequence[str]) -> str | None:
        """The kind of wrong an added word makes by itself, or None."""
        word = words[k]
        if is_number(word):
            return "number"
        if word in NEGATIONS and not (word == "no" and _number_follows(words, k)):
            return "negation"
        if word in CONNECTORS:
            return "candidate"
        qualifier = word in HEDGES or (word in NUMBER_QUALIFIERS and _number_follows(words, k))
        return "hedge" if qualifier and not self._estimate(words, k, form) else None

    def name_like(self, word: str) -> bool:
        """A name: written with a capital ("Iran Russia"), or in no English word list ("Baku")."""
        return word in self.caps or is_name(word)

    def part(
        self, kind: str, words: tuple[str, ...], form: Sequence[str], after_detail: bool = False
    ) -> tuple[Verdict, Note]:
        """A part set off from the answer by a separator: harmless, a detail, or a second answer.

        After a comma, a part is a second answer when it is short and plain: at most three words,
        no article, no linking word, no possessive, no title ("Quba, Baku"; "energy,
        agriculture"). Anything longer describes the answer ("Quba, north of Baku"). A part that an
        "and" or "or" adds to such a description belongs to it.
        """
        if all(self.harmless(words, k, form) for k in range(len(words))):
            return "right", Note("ignored", words)
        if self.approx(form) and all(w in APPROXIMATIONS for w in words):
            return "right", Note("ignored", words)  # "70,000 (approximately)"
        for k in range(len(words)):
            found = self.wrong_kind(words, k, form)
            if found is not None and not (kind == "(" and found == "candidate"):
                return "wrong", Note(found, (words[k],))  # an "and" in brackets joins detail
        if kind in SPLIT_WORDS and after_detail:
            return "check", Note("extra", words)
        if kind in "/&" or kind in SPLIT_WORDS:
            return "wrong", Note("candidate", words)
        plain = (
            len(words) <= 3
            and not _describes(words[0])
            and not any(
                w in ARTICLES or w in LINKING or w in self.possessives or w in _TITLED
                for w in words
            )
        )
        if kind != "(" and plain:
            return "wrong", Note("candidate", words)
        return "check", Note("extra", words)


def _describes(word: str) -> bool:
    """A participle opens a description ("protecting synagogues", "passed by Congress")."""
    return len(word) > 5 and word.endswith(("ing", "ed")) and is_common_word(word)


def _substitutes(found: Alignment, k: int, form: Sequence[str]) -> bool:
    """The added word stands where a word of the answer was left out: another office ("Prime"
    for "Foreign"), another thing ("Institute" for "Center")."""
    steps = found.steps
    at = steps.index(k)
    run: list[int] = []
    for direction in (-1, 1):
        i = at + direction
        while 0 <= i < len(steps) and not isinstance(steps[i], Pair):
            step = steps[i]
            assert isinstance(step, int)
            run.append(step)
            i += direction
    return any(s < 0 and form[-1 - s] not in ARTICLES for s in run)


def has_name(form: Sequence[str], names: frozenset[str]) -> bool:
    """The answer names a person or a place: a word of it that is no title is a name (written
    with a capital in the deck, or in no English word list)."""
    return any(e not in _TITLED and (e in names or is_name(e)) for e in form)


def _kind(
    found: Alignment,
    words: Sequence[str],
    k: int,
    form: Sequence[str],
    extras: Extras,
) -> str:
    """``ignored``, ``extra`` (check) or the kind of wrong that the added word ``k`` makes."""
    wrong = extras.wrong_kind(words, k, form)
    if wrong is not None:
        return wrong
    word = words[k]
    if word == "affairs" and _in_title_run(words, k):
        return "ignored"  # "Minister of Foreign Affairs" is the Foreign Minister
    if word not in ARTICLES and _substitutes(found, k, form):
        return "different"
    if extras.harmless(words, k, form) or (word == "one" and k - 1 not in found.extras and k):
        return "ignored"  # "the first one"
    if _in_title_run(words, k):
        if not has_name(form, extras.names):
            return "different"
        said = word in TITLES or word in extras.context.question or word in form
        return "ignored" if said else "extra"
    lo, hi = found.span
    if lo < k < hi:
        return "extra"
    others = (i for i in range(lo) if i != k)
    if word in LEADING and k < lo and all(extras.harmless(words, i, form) for i in others):
        return "ignored"  # "in Baku"
    if extras.name_like(word) and _beside(found, words, k, form, extras):
        # A possessive, or an adjective of a people ("Israeli"), says whose: a detail.
        demonym = word.endswith(("i", "ian", "ese", "ish", "an")) and is_common_word(word)
        named = word in extras.context.question or word in extras.possessives or demonym
        return "extra" if named else "name"
    return "extra"


def _beside(
    found: Alignment, words: Sequence[str], k: int, form: Sequence[str], extras: Extras
) -> bool:
    """Only harmless words (or titles) stand between the added word and the answer."""
    lo, hi = found.span
    between = range(k + 1, lo) if k < lo else range(hi + 1, k)
    return all(words[i] in ARTICLES or _in_title_run(words, i) for i in between)


def judge_extras(
    found: Alignment,
    words: Sequence[str],
    form: Sequence[str],
    extras: Extras,
) -> tuple[Verdict, tuple[Note, ...]]:
    """The verdict the added words give an aligned answer, and why."""
    kinds: dict[str, list[str]] = {}
    for k in found.extras:
        kinds.setdefault(_kind(found, words, k, form, extras), []).append(words[k])
    wrong = [Note(kind, tuple(kinds[kind])) for kind in WRONG_KINDS if kind in kinds]
    if wrong:
        return "wrong", tuple(wrong)
    if "extra" in kinds:
        return "check", (Note("extra", tuple(kinds["extra"])),)
    notes: list[Note] = []
    if "ignored" in kinds:
        notes.append(Note("ignored", tuple(kinds["ignored"])))
    left = tuple(form[j] for j in found.dropped if form[j] not in ARTICLES)
    if left:
        notes.append(Note("left-out", left))
    return "right", tuple(notes)
