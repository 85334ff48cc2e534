"""What an answer is said about: the question it answers."""

from __future__ import annotations

from collections.abc import Container, Sequence
from dataclasses import dataclass

from tiesquiz.grading.classes import APPROX_QUESTION, question_nouns
from tiesquiz.grading.text import related, tokens


@dataclass(frozen=True)
class Context:
    """What an answer is said about: the question's words and own noun, whether it asks for an
    estimate, and the words known to be words (never typos)."""

    question: frozenset[str] = frozenset()
    nouns: frozenset[str] = frozenset()
    approx: bool = False
    known: Container[str] = frozenset()
    #: Numbers this close to the answer's are the answer's (a numeric card's tolerance).
    tolerance: float = 0.0

    @classmethod
    def of(cls, question: str, known: Container[str] = frozenset()) -> Context:
        words = tokens(question)
        approx = bool(APPROX_QUESTION & set(words))
        return cls(frozenset(words), question_nouns(words), approx, known)

    @classmethod
    def around(cls, parts: Sequence[str], known: Container[str] = frozenset()) -> Context:
        """A cloze sentence split at its gaps: the words beside a gap restate what it asks."""
        words = [tokens(p) for p in parts]
        near = {w for i, p in enumerate(words) for w in (p[-2:] if i < len(words) - 1 else ())}
        near |= {w for p in words[1:] for w in p[:2]}
        return cls(frozenset(w for p in words for w in p), frozenset(near), False, known)

    def restates(self, word: str) -> bool:
        return any(related(word, noun) for noun in self.nouns)
