"""The grader's self-test in ``tiesquiz lint``: each typed card and cloze gap is tried with
answers drawn from its own deck. It runs over every shipped card here, in CI."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers.cli import invoke
from helpers.paths import REPORT_DECKS
from tiesquiz.deck.model import Card, ClozeCard, Deck, TypedCard
from tiesquiz.deck.reading import read_deck_file
from tiesquiz.grading import Grade, probes


def shipped() -> list[Deck]:
    decks = [read_deck_file(p).deck for p in sorted(REPORT_DECKS.glob("*.yaml"))]
    return [d for d in decks if d is not None]


def test_every_shipped_typed_and_cloze_card_passes_every_probe() -> None:
    probed = [c for d in shipped() for c in d.cards if c.written_forms or c.gap_forms]
    assert len(probed) >= 12  # the self-test reaches a real share of the decks
    failures = [f"{f.card.key}: {f.message}" for d in shipped() for f in probes.probe_deck(d)]
    assert failures == []


def test_the_probes_cover_what_the_issue_names() -> None:
    deck = shipped()[0]
    texts = probes._deck_texts(deck)
    card = TypedCard(deck="d", id="q", question="Which district?", answer="Quba", accept=("Guba",))
    known = probes.Vocabulary(lambda: ["Quba", "Guba"])
    names = {p.name for p in probes._accept_probes("Gideon Saar", known)}
    assert names == {"with an article", "in another case", "a one-letter slip"}
    refused = list(probes._refuse_probes("Quba", probes._others(card.written_forms, texts)))
    assert {p.name for p in refused} == {
        "behind a hedge",
        "denied",
        "with another candidate",
        "another card's answer or an option",
    }
    assert sum(p.name == "another card's answer or an option" for p in refused) >= 5


@pytest.mark.parametrize(
    ("verdict", "failing"),
    [("right", "must be refused"), ("wrong", "must be accepted")],
    ids=["grader-accepts-everything", "grader-refuses-everything"],
)
def test_a_broken_grader_fails_the_self_test(
    monkeypatch: pytest.MonkeyPatch, verdict: str, failing: str
) -> None:
    """The self-test has teeth: a grader that credits everything, or nothing, is caught on every
    shipped deck, on typed cards and on cloze gaps."""

    def broken(card: Card, response: object, known: object = None) -> Grade:
        if isinstance(card, ClozeCard):
            from tiesquiz.grading import GapMark

            gaps = tuple(GapMark(g, g, verdict == "right") for g in response)  # type: ignore[attr-defined]
            return Grade(verdict == "right", gaps=gaps)
        return Grade(verdict == "right")

    monkeypatch.setattr(probes, "grade", broken)
    for deck in shipped():
        failures = probes.probe_deck(deck)
        kinds = {type(f.card) for f in failures}
        typed_or_cloze = {type(c) for c in deck.cards if c.written_forms or c.gap_forms}
        assert kinds == typed_or_cloze, deck.id
        assert all(failing in f.message for f in failures)


def test_a_failing_probe_is_a_warning_at_the_cards_line(tmp_path: Path) -> None:
    deck = tmp_path / "d.yaml"
    deck.write_text(
        "deck: d\ntitle: D\ncards:\n"
        "  - id: size\n    type: typed\n    question: How many people of Azerbaijani origin live"
        " in Israel?\n    answer: '70000'\n    accept: [probably 70000]\n"
        "    explanation: E\n    source: S\n",
        encoding="utf-8",
    )
    result = invoke("lint", str(deck))
    assert result.exit_code == 0  # a warning
    assert (
        "d.yaml:4:5: size: warning: grading probe 'behind a hedge': 'probably 70000' is graded "
        "right but must be refused"
    ) in result.output
    assert "[grading-probe]" in result.output
    assert invoke("lint", "--strict", str(deck)).exit_code == 1
    quiet = deck.read_text(encoding="utf-8").replace(
        "    type: typed\n", "    type: typed\n    lint: {ignore: [grading-probe]}\n"
    )
    deck.write_text(quiet, encoding="utf-8")
    assert invoke("lint", "--strict", str(deck)).exit_code == 0


def test_an_answer_of_one_article_word_is_still_an_answer(tmp_path: Path) -> None:
    """ "A" is the answer to "Which plan...?": the grader takes "a" and "the A" (probes pass)."""
    deck = tmp_path / "d.yaml"
    deck.write_text(
        "deck: d\ntitle: D\ncards:\n"
        "  - id: plan\n    type: typed\n    question: Which plan did they choose, A or B?\n"
        "    answer: A\n    explanation: E\n    source: S\n",
        encoding="utf-8",
    )
    result = invoke("lint", "--strict", str(deck))
    assert result.exit_code == 0, result.output


def test_the_self_test_grows_with_the_cards_not_with_their_square(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Each card is tried against the deck's texts that share a word's start or end with it (at
    most NEAREST of them): the grader is called a bounded number of times per card, whatever the
    deck's size (every card against every text took 37 s for 1,000 cards)."""
    calls = {"n": 0}
    real = probes.grade

    def counted(card: Card, response: object, known: object = None) -> Grade:
        calls["n"] += 1
        return real(card, response, known)  # type: ignore[arg-type]

    monkeypatch.setattr(probes, "grade", counted)
    per_card = []
    for n in (30, 120):
        cards = tuple(
            TypedCard(deck="big", id=f"c{i}", question=f"Which place, number {i}?",
                      answer=f"Place {i} of the valley", explanation="E", source="S")
            for i in range(n)
        )  # fmt: skip
        calls["n"] = 0
        assert (
            probes.probe_deck(Deck(id="big", title="Big", path=Path("big.yaml"), cards=cards)) == []
        )
        per_card.append(calls["n"] / n)
    assert per_card[1] <= probes.NEAREST + 12
    assert per_card[1] <= per_card[0] * 1.5  # flat, not growing with the deck
