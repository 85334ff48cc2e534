"""Plain mode: one line in, one reply; no cursor movement, no colour.

For scripts, screen readers and tests. End of input or ``:q`` ends the session, keeping answers.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

from tiesquiz.deck.model import (
    ChoiceCard,
    ClozeCard,
    FlashCard,
    MatchCard,
    MultiCard,
    OrderCard,
    TrueFalseCard,
)
from tiesquiz.grading import normalize
from tiesquiz.scheduling import RATING_NAMES
from tiesquiz.session import CardView
from tiesquiz.ui.frontend import COMMANDS_HELP, Do, Reply, Response, header
from tiesquiz.ui.output import Out
from tiesquiz.ui.render import numbered, wrap
from tiesquiz.ui.safe import safe

COMMANDS: dict[str, Do] = {
    "?": Do("hint"),
    ":h": Do("hint"),
    ":hint": Do("hint"),
    ":s": Do("skip"),
    ":skip": Do("skip"),
    ":u": Do("undo"),
    ":undo": Do("undo"),
    ":q": Do("quit"),
    ":quit": Do("quit"),
}


class Invalid(ValueError):
    """A reply that cannot be read; the message says what to type instead."""


def stdin_reader() -> Callable[[], str | None]:
    def read() -> str | None:
        line = sys.stdin.readline()
        return None if line == "" else line.rstrip("\r\n")

    return read


def _numbers(text: str, n: int, what: str) -> list[int]:
    parts = [p.strip() for p in text.replace(" ", ",").split(",") if p.strip()]
    try:
        values = [int(p) for p in parts]
    except ValueError:
        raise Invalid(f"Type {what} as numbers from 1 to {n}, separated by commas.") from None
    if any(not 1 <= v <= n for v in values):
        raise Invalid(f"Numbers must be between 1 and {n}.")
    if len(set(values)) != len(values):
        raise Invalid("Each number may appear only once.")
    return values


def parse_reply(view: CardView, line: str) -> Response:
    """Turn one line into an answer for ``view.card``; raise :class:`Invalid` with advice."""
    card = view.card
    text = line.strip()
    if isinstance(card, ChoiceCard):
        if text.isdigit():
            (index,) = _numbers(text, len(view.options), "your choice")
            return Response(view.options[index - 1], view.options[index - 1])
        for option in view.options:
            if text and normalize(option) == normalize(text):
                return Response(option, option)
        raise Invalid(f"Type the number of your choice (1-{len(view.options)}).")
    if isinstance(card, MultiCard):
        if text.casefold() in ("none", "0", "-"):
            return Response([], "")
        values = _numbers(text, len(view.options), "your choices")
        if not values:
            raise Invalid("Type the numbers of every right option, e.g. 1,3 (or 'none').")
        chosen = [view.options[v - 1] for v in values]
        return Response(chosen, "; ".join(chosen))
    if isinstance(card, TrueFalseCard):
        value = {
            "t": True,
            "true": True,
            "y": True,
            "yes": True,
            "f": False,
            "false": False,
            "n": False,
            "no": False,
        }.get(text.casefold())
        if value is None:
            raise Invalid("Type t for true or f for false.")
        return Response(value, "true" if value else "false")
    if isinstance(card, OrderCard):
        values = _numbers(text, len(view.options), "the order")
        if len(values) != len(view.options):
            raise Invalid(f"Give all {len(view.options)} numbers in the right order, e.g. 2,1,3.")
        ordered = [view.options[v - 1] for v in values]
        return Response(ordered, " → ".join(ordered))
    if isinstance(card, MatchCard):
        pairs: dict[str, str] = {}
        used: set[int] = set()
        for part in [p.strip() for p in text.split(",") if p.strip()]:
            left_s, sep, right_s = part.partition("-")
            if not sep or not left_s.strip().isdigit() or not right_s.strip().isdigit():
                raise Invalid("Type pairs as left-right numbers, e.g. 1-2, 2-1, 3-3.")
            left, right = int(left_s), int(right_s)
            if not (1 <= left <= len(view.options) and 1 <= right <= len(view.rights)):
                raise Invalid(
                    f"Left numbers go from 1 to {len(view.options)}, right from 1 to {len(view.rights)}."
                )
            if view.options[left - 1] in pairs or right in used:
                raise Invalid("Use each left and each right number once.")
            pairs[view.options[left - 1]] = view.rights[right - 1]
            used.add(right)
        if len(pairs) != len(view.options):
            raise Invalid(f"Pair all {len(view.options)} left items, e.g. 1-2, 2-1, 3-3.")
        return Response(pairs, "; ".join(f"{k} → {v}" for k, v in pairs.items()))
    if not text:
        raise Invalid(f"Type an answer ({COMMANDS_HELP}).")
    return Response(text, text)


class PlainFrontend:
    def __init__(self, out: Out, readline: Callable[[], str | None]) -> None:
        self.out = out
        self.readline = readline
        self.total: int | None = None

    def _line(self, prompt: str = "> ") -> str | Do:
        self.out.prompt(prompt)
        line = self.readline()
        if line is None:
            return Do("quit")
        command = COMMANDS.get(line.strip().casefold())
        return command if command is not None else line

    def _show(self, view: CardView, number: int) -> None:
        for line in header(view, number, self.total):
            self.out(line)
        card = view.card
        if isinstance(card, ChoiceCard | MultiCard | OrderCard):
            for line in numbered(view.options):
                self.out(line)
        elif isinstance(card, MatchCard):
            self.out("  Left:")
            for line in numbered(view.options, "    "):
                self.out(line)
            self.out("  Right:")
            for line in numbered(view.rights, "    "):
                self.out(line)

    def ask(self, view: CardView, *, number: int, hinted: bool) -> Reply:
        if not hinted:
            self._show(view, number)
        card = view.card
        if isinstance(card, ClozeCard):
            return self._ask_cloze(card)
        while True:
            line = self._line()
            if isinstance(line, Do):
                return line
            try:
                return parse_reply(view, line)
            except Invalid as exc:
                self.out(str(exc))

    def _ask_cloze(self, card: ClozeCard) -> Reply:
        answers: list[str] = []
        for i in range(len(card.gaps)):
            while True:
                label = f"[{i + 1}]> " if len(card.gaps) > 1 else "> "
                line = self._line(label)
                if isinstance(line, Do):
                    return line
                if line.strip():
                    answers.append(line.strip())
                    break
                self.out(f"Type the missing word(s) ({COMMANDS_HELP}).")
        return Response(answers, " | ".join(answers))

    def ask_flashcard(self, view: CardView, *, number: int, reveal_only: bool = False) -> Reply:
        self._show(view, number)
        self.out("(Press Enter to show the answer.)")
        line = self._line()
        if isinstance(line, Do) and line.command != "hint":
            return line
        card = view.card
        assert isinstance(card, FlashCard)
        self.out(wrap(f"Answer: {card.answer}"))
        if reveal_only:
            return Response(None, "")
        self.out(
            "How well did you know it? " + ", ".join(f"{k} {v}" for k, v in RATING_NAMES.items())
        )
        while True:
            line = self._line()
            if isinstance(line, Do):
                if line.command == "hint":
                    continue
                return line
            if line.strip() in ("1", "2", "3", "4"):
                rating = int(line.strip())
                return Response(rating, RATING_NAMES[rating])
            self.out("Type 1 (Again), 2 (Hard), 3 (Good) or 4 (Easy).")

    def message(self, text: str) -> None:
        self.out(safe(text))
