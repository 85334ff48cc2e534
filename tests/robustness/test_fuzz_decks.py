"""Random deck documents, valid and broken: loading succeeds or raises DeckError, nothing else."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tiesquiz.deck.model import CARD_TYPES
from tiesquiz.deck.parse import ParseResult
from tiesquiz.deck.reading import read_deck_file
from tiesquiz.errors import DeckError

KEYS = [
    "id",
    "type",
    "question",
    "answer",
    "distractors",
    "accept",
    "tolerance",
    "explanation",
    "source",
    "hint",
    "tags",
    "bogus",
]

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.sampled_from(list(CARD_TYPES)),
    st.sampled_from(["{{gap}}", "a {{x|y}} b", "{{", "}}"]),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=5),
        st.dictionaries(st.one_of(st.text(max_size=8), st.integers()), inner, max_size=5),
    ),
    max_leaves=20,
)
cards = st.dictionaries(st.sampled_from(KEYS), values, max_size=8) | values
decks = (
    st.fixed_dictionaries(
        {},
        optional={
            "deck": st.one_of(st.sampled_from(["ok", "Bad Id", ""]), values),
            "title": values,
            "description": values,
            "tags": values,
            "exam": values,
            "cards": st.one_of(st.lists(cards, max_size=6), values),
        },
    )
    | values
)


def load(text: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "fuzz.yaml"
        path.write_bytes(text)
        try:
            result = read_deck_file(path)
        except DeckError as exc:
            assert str(exc)
            return
        assert isinstance(result, ParseResult)
        for problem in result.problems:
            assert problem.line >= 1 and problem.col >= 1 and problem.message


@pytest.mark.slow
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(decks)
def test_random_documents(document: object) -> None:
    try:
        text = yaml.safe_dump(document, allow_unicode=True)
    except (yaml.YAMLError, ValueError):
        return
    load(text.encode("utf-8"))


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=300))
def test_random_bytes(data: bytes) -> None:
    load(data)


@settings(max_examples=300, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(list("deck: title cards-[]{}&*!|>'\"#\n\t?,%@`\\x")), max_size=200
    )
)
def test_yaml_punctuation_soup(text: str) -> None:
    load(text.encode("utf-8"))
