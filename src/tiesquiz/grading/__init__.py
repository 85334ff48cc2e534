"""Is this answer right? What the student means is accepted; a different thing never is.

- Typed text and cloze gaps: the student's words aligned with the answer's, as canonical words
  (:mod:`.text`, :mod:`.align`): every answer word matched, one slip forgiven in one longer word
  that is not a word of its own (:mod:`.words`), numbers compared as numbers within the card's
  tolerance (:mod:`.numbers`). Added words are judged by class (:mod:`.classes`,
  :mod:`.extras`): harmless, wrong, or ``check``, for a person to decide (:mod:`.judge`).
- Select-all, ordering, matching and cloze: partial credit, a pass only when nearly all of it is
  right (:mod:`.parts`).

:func:`grade` looks the card's class up in :data:`GRADERS`; every type has an entry.
"""

from __future__ import annotations

from collections.abc import Callable, Container, Sequence
from dataclasses import replace

from tiesquiz.deck.model import (
    GAP_RE,
    Card,
    ChoiceCard,
    ClozeCard,
    Deck,
    FlashCard,
    MatchCard,
    MultiCard,
    OrderCard,
    TrueFalseCard,
    TypedCard,
)
from tiesquiz.deck.problems import Finding
from tiesquiz.deck.registry import CardTable
from tiesquiz.grading.answer import as_grade
from tiesquiz.grading.classes import APPROXIMATIONS, ARTICLES, COUNTERS
from tiesquiz.grading.context import Context
from tiesquiz.grading.judge import judge
from tiesquiz.grading.numbers import is_number, value
from tiesquiz.grading.parts import PARTIAL_PASS, grade_cloze, grade_match, grade_multi, grade_order
from tiesquiz.grading.result import NOTE_KINDS, GapMark, Grade, Note
from tiesquiz.grading.text import normalize, tokens
from tiesquiz.grading.words import Vocabulary

__all__ = [
    "GRADERS",
    "NOTE_KINDS",
    "PARTIAL_PASS",
    "GapMark",
    "Grade",
    "Note",
    "Vocabulary",
    "card_words",
    "giveaway_findings",
    "grade",
    "normalize",
    "parse_number",
    "probe_findings",
]


_AROUND_A_NUMBER = ARTICLES | APPROXIMATIONS | COUNTERS


def parse_number(text: str) -> float | None:
    """The number an answer gives, or None: "70,000", "about 70 000 people", "seventy thousand"."""
    rest = [t for t in tokens(text) if t not in _AROUND_A_NUMBER]
    return value(rest[0]) if len(rest) == 1 and is_number(rest[0]) else None


def probe_findings(decks: Sequence[Deck]) -> list[Finding]:
    """The grader's self-test on each deck (:mod:`.probes`): a finding per failing probe."""
    from tiesquiz.grading.probes import RULE, probe_deck

    return [Finding(d, f.card, RULE, f.message) for d in decks for f in probe_deck(d)]


def giveaway_findings(decks: Sequence[Deck]) -> list[Finding]:
    """Answers printed where a student reads them first (:mod:`.giveaways`)."""
    from tiesquiz.grading.giveaways import RULE, shown_elsewhere

    return [Finding(s.deck, s.place, RULE, s.message) for s in shown_elsewhere(decks)]


def card_words(card: Card) -> list[str]:
    """The texts of a card whose words count as words (not typos) for every card studied with it."""
    texts = [card.question, card.explanation, card.answer_text(), card.hint]
    return [*texts, *card.written_forms, *card.wrong_options]


def grade_typed(card: TypedCard, given: str, known: Container[str] = frozenset()) -> Grade:
    context = Context.of(card.question, known)
    forms = (card.answer, *card.accept)
    if card.numeric:
        # A number is right within the tolerance (and never a typo of another number); a card
        # with a tolerance asks for an estimate, so "about" may come with it.
        tolerance = card.tolerance or 0.0
        context = replace(context, tolerance=tolerance, approx=context.approx or tolerance > 0)
    return as_grade(judge(given, forms, context), given, forms)


Grader = Callable[[Card, object, Container[str]], Grade]
#: How each type grades a response (no default: what a right answer is differs by type).
GRADERS: CardTable[Grader] = CardTable("grading")


def grade(card: Card, response: object, known: Container[str] = frozenset()) -> Grade:
    """Grade ``response`` (what the front end collected for this card type) by the card's type.

    ``known`` holds the words of the decks being studied (:class:`Vocabulary`): a student's word
    that is one of them is never taken for a typo of another.
    """
    return GRADERS[card](card, response, known)


@GRADERS.register(FlashCard)
def _(card: FlashCard, response: object, known: Container[str] = frozenset()) -> Grade:
    # The student grades a flashcard: the response is their rating, 1 (Again) to 4 (Easy).
    if not isinstance(response, int) or isinstance(response, bool) or not 1 <= response <= 4:
        raise ValueError(f"a flashcard's response is a rating from 1 to 4, not {response!r}")
    return Grade(response > 1, 1.0 if response > 1 else 0.0, self_rating=response)


@GRADERS.register(ChoiceCard)
def _(card: ChoiceCard, response: object, known: Container[str] = frozenset()) -> Grade:
    return Grade(response == card.answer, 1.0 if response == card.answer else 0.0)


@GRADERS.register(TrueFalseCard)
def _(card: TrueFalseCard, response: object, known: Container[str] = frozenset()) -> Grade:
    return Grade(response is card.answer, 1.0 if response is card.answer else 0.0)


@GRADERS.register(TypedCard)
def _(card: TypedCard, response: object, known: Container[str] = frozenset()) -> Grade:
    return grade_typed(card, str(response), known)


def _texts(card: Card, response: object, what: str) -> list[str]:
    if isinstance(response, str) or not isinstance(response, list | tuple | set | frozenset):
        raise TypeError(f"a {card.type} card's response is a list of {what}, not {response!r}")
    return [str(r) for r in response]


@GRADERS.register(ClozeCard)
def _(card: ClozeCard, response: object, known: Container[str] = frozenset()) -> Grade:
    given = _texts(card, response, "gap answers")
    context = Context.around(GAP_RE.sub("\0", card.question).split("\0"), known)
    return grade_cloze(card.gaps, card.groups, given, context)


@GRADERS.register(MultiCard)
def _(card: MultiCard, response: object, known: Container[str] = frozenset()) -> Grade:
    return grade_multi(card.answers, card.options, _texts(card, response, "ticked options"))


@GRADERS.register(OrderCard)
def _(card: OrderCard, response: object, known: Container[str] = frozenset()) -> Grade:
    return grade_order(card.items, _texts(card, response, "items in order"))


@GRADERS.register(MatchCard)
def _(card: MatchCard, response: object, known: Container[str] = frozenset()) -> Grade:
    if not isinstance(response, dict):
        raise TypeError(f"a match card's response maps left items to right, not {response!r}")
    return grade_match(card.pairs, {str(k): str(v) for k, v in response.items()})
