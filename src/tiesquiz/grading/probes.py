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


def _refuse_probes(answer: str, others: Sequence[str]) -> Iterator[Probe]:
    yield Probe("behind a hedge", f"probably {answer}", False)
    yield Probe("denied", f"not {answer}", False)
    if others:
        yield Probe("with another candidate", f"{answer} or {others[0]}", False)
    for other in others:
        yield Probe("another card's answer or an option", other, False)


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


def probe_card(card: Card, texts: Sequence[str], known: Vocabulary) -> list[Failure]:
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
        probes += _refuse_probes(forms[0], _others(forms, texts))
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
    texts = _deck_texts(deck)
    return [f for card in deck.cards for f in probe_card(card, texts, known)]
