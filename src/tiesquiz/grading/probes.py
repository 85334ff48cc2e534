"""A self-test every deck runs (``tiesquiz lint``): the grader tried on answers drawn from the
deck itself, for each typed card and each cloze gap.

It must refuse every other card's answer and every option of the deck that is not this answer,
the answer behind a hedge, the answer denied, and the answer joined to another candidate. It must
accept each accepted form with an article, in another case, and with a one-letter slip (not a
word of its own) in its longest word. A probe that fails is a ``grading-probe`` warning: either
an ``accept`` form is missing, or the grader would score a student wrongly on this card.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

from tiesquiz.deck.model import Card, ClozeCard, Deck
from tiesquiz.grading import Vocabulary, card_words, grade
from tiesquiz.grading.numbers import is_number
from tiesquiz.grading.text import normalize, tokens
from tiesquiz.grading.words import is_common_word

RULE = "grading-probe"


@dataclass(frozen=True)
class Probe:
    """One answer tried, what it stands for, and the verdict it must get."""

    name: str
    text: str
    must_pass: bool


@dataclass(frozen=True)
class Failure:
    card: Card
    probe: Probe
    verdict: str

    @property
    def message(self) -> str:
        if self.probe.must_pass:
            return (
                f"grading probe '{self.probe.name}': {self.probe.text!r} is graded "
                f"{self.verdict} but must be accepted (add the form to 'accept')"
            )
        return (
            f"grading probe '{self.probe.name}': {self.probe.text!r} is graded {self.verdict} "
            "but must be refused (a student who wrote it would be credited: make the answer "
            "or its accepted forms say only what is asked)"
        )


def _slip(word: str, known: Vocabulary) -> str | None:
    """``word`` with one letter doubled, dropped or swapped, so that it is no word at all."""
    tries = []
    for i in range(1, len(word) - 1):
        tries += [word[:i] + word[i] + word[i:], word[:i] + word[i + 1 :]]
        tries.append(word[: i - 1] + word[i] + word[i - 1] + word[i + 1 :])
    for tried in tries:
        if tried != word and not is_common_word(tried) and tried.casefold() not in known:
            return tried
    return None


def _accept_probes(form: str, known: Vocabulary) -> Iterator[Probe]:
    yield Probe("with an article", f"the {form}", True)
    yield Probe("in another case", form.upper() if form != form.upper() else form.lower(), True)
    words = [w for w in form.split() if w.isalpha()]
    longest = max(words, key=len, default="")
    if len(longest) >= 5 and not any(is_number(t) for t in tokens(form)):
        slipped = _slip(longest, known)
        if slipped is not None:
            yield Probe("a one-letter slip", form.replace(longest, slipped, 1), True)


def _refuse_probes(
    answer: str, others: Sequence[str], candidate: str | None = None
) -> Iterator[Probe]:
    """``others``: the deck's other answers and options to try; ``candidate``: the one joined to
    the answer (the first of ``others`` unless given)."""
    yield Probe("behind a hedge", f"probably {answer}", False)
    yield Probe("denied", f"not {answer}", False)
    candidate = candidate if candidate is not None else (others[0] if others else None)
    if candidate is not None:
        yield Probe("with another candidate", f"{answer} or {candidate}", False)
    for other in others:
        yield Probe("another card's answer or an option", other, False)


def _keys(text: str) -> set[str]:
    """What a text could be graded right by: each word's first and last three letters (a slip
    changes one of them at most, an inflection the end), numbers whole, and the words joined."""
    words = tokens(text)
    joined = "".join(w for w in words if not is_number(w))
    keys = {w for w in words if is_number(w)}
    for word in (*[w for w in words if not is_number(w)], joined):
        if word:
            keys |= {"<" + word[:3], word[-3:] + ">"}
    return keys


#: How many of the deck's other answers and options each card is tried against, the nearest
#: first: enough to meet every one that shares its words in a deck of hand-written cards.
NEAREST = 40


class TextIndex:
    """The deck's answers and options, found by their words: a card is tried only against the
    texts that share a word's start or end with its forms, so lint stays linear in cards (every
    text against every card took 37 s for 1,000 cards)."""

    def __init__(self, texts: Sequence[str]) -> None:
        self.texts = list(texts)
        self._by_key: dict[str, list[int]] = {}
        for i, text in enumerate(self.texts):
            for key in _keys(text):
                self._by_key.setdefault(key, []).append(i)

    def near(self, forms: Sequence[str]) -> list[str]:
        """The texts nearest ``forms``, the most keys shared first (at most :data:`NEAREST`)."""
        shared: dict[int, int] = {}
        for key in {k for f in forms for k in _keys(f)}:
            for i in self._by_key.get(key, ()):
                shared[i] = shared.get(i, 0) + 1
        nearest = sorted(shared, key=lambda i: (-shared[i], i))[:NEAREST]
        return [self.texts[i] for i in sorted(nearest)]

    def first_other(self, forms: Sequence[str]) -> str | None:
        """The first text of the deck that does not hold one of ``forms``: a second candidate."""
        mine = [set(tokens(f)) for f in forms]
        return next(
            (t for t in self.texts if not any(m and m <= set(tokens(t)) for m in mine)), None
        )


def _deck_texts(deck: Deck) -> list[str]:
    """Every answer and option of the deck, each once."""
    seen: dict[str, str] = {}
    for card in deck.cards:
        for text in (*card.written_answers, *card.options):
            seen.setdefault(normalize(text), text)
    return [t for k, t in seen.items() if k]


def _others(forms: Sequence[str], texts: Sequence[str]) -> list[str]:
    """The deck's texts that do not hold one of ``forms`` (those would not be another answer)."""
    mine = [set(tokens(f)) for f in forms]
    return [t for t in texts if not any(m and m <= set(tokens(t)) for m in mine)]


def _asked(card: Card, gap: int | None, text: str, known: Vocabulary) -> str:
    if gap is None:
        return grade(card, text, known).verdict
    assert isinstance(card, ClozeCard)
    response = [forms[0] for forms in card.gaps]
    response[gap] = text
    found = grade(card, response, known)
    return "right" if found.gaps[gap].right else "check" if found.gaps[gap].check else "wrong"


def probe_card(card: Card, texts: Sequence[str] | TextIndex, known: Vocabulary) -> list[Failure]:
    """Every probe of one typed or cloze card that the grader gets wrong."""
    targets: list[tuple[int | None, tuple[str, ...]]]
    if card.gap_forms:
        targets = list(enumerate(card.gap_forms))
    elif card.written_forms:
        targets = [(None, tuple(card.written_forms))]
    else:
        return []
    failures = []
    for gap, forms in targets:
        probes = [p for form in forms for p in _accept_probes(form, known)]
        index = texts if isinstance(texts, TextIndex) else TextIndex(texts)
        others = _others(forms, index.near(forms))
        probes += _refuse_probes(forms[0], others, index.first_other(forms))
        for probe in probes:
            verdict = _asked(card, gap, probe.text, known)
            if (verdict == "right") != probe.must_pass:
                named = (
                    probe if gap is None else replace(probe, name=f"gap {gap + 1}, {probe.name}")
                )
                failures.append(Failure(card, named, verdict))
    return failures


def probe_deck(deck: Deck) -> list[Failure]:
    """Every failing probe of every typed and cloze card of ``deck``."""
    known = Vocabulary(lambda: [t for c in deck.cards for t in card_words(c)])
    index = TextIndex(_deck_texts(deck))
    return [f for card in deck.cards for f in probe_card(card, index, known)]
