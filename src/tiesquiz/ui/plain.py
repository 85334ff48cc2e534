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
    TypedCard,
)
from tiesquiz.deck.registry import CardTable
from tiesquiz.session.types import Answer, Question
from tiesquiz.session.views import CardView
from tiesquiz.ui.frontend import (
    CHECK_HELP,
    COMMANDS_HELP,
    OVERRULE_HELP,
    Do,
    Reply,
    header,
    rating_choices,
    time_left_text,
)
from tiesquiz.ui.output import Out
from tiesquiz.ui.render import numbered, wrap
from tiesquiz.ui.words import RATING_NAMES

COMMANDS: dict[str, Do] = {
    "?": Do("hint"),
    ":hint": Do("hint"),
    ":h": Do("help"),
    ":help": Do("help"),
    ":s": Do("skip"),
    ":skip": Do("skip"),
    ":u": Do("undo"),
    ":undo": Do("undo"),
    ":q": Do("quit"),
    ":quit": Do("quit"),
    ":bury": Do("bury"),
    ":suspend": Do("suspend"),
}


def command_of(line: str) -> Do | None:
    """The command a typed line asks for (``:flag NOTE`` with its note), or None: an answer."""
    text = line.strip()
    command = COMMANDS.get(text.casefold())
    if command is None and text.casefold().startswith(":flag") and text[5:6] in ("", " "):
        return Do("flag", note=" ".join(text[5:].split()))
    return command


class Invalid(ValueError):
    """A reply that cannot be read; the message says what to type instead."""


#: What the reader returns for a line that is not valid text: it is explained and asked again.
UNREADABLE = "\x00unreadable"


def stdin_reader() -> Callable[[], str | None]:
    """Lines of standard input as text; a line that is not UTF-8 reads as :data:`UNREADABLE`."""
    buffer = getattr(sys.stdin, "buffer", None)

    def read() -> str | None:
        if buffer is None:  # a text stream (tests): it has been decoded already
            line = sys.stdin.readline()
            return None if line == "" else line.rstrip("\r\n")
        raw: bytes = buffer.readline()
        if raw == b"":
            return None
        try:
            return raw.decode("utf-8").rstrip("\r\n")
        except UnicodeDecodeError:
            return UNREADABLE

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


def _choice(view: CardView, text: str) -> Answer:
    # An option typed out wins over a number: options may themselves be numbers ("2020").
    option = view.option_named(text)
    if option is not None:
        return Answer(option, option)
    if text.isdigit():
        (index,) = _numbers(text, len(view.options), "your choice")
        return Answer(view.options[index - 1], view.options[index - 1])
    raise Invalid(f"Type the number of your choice (1-{len(view.options)}).")


def _multi(view: CardView, text: str) -> Answer:
    if text.casefold() in ("none", "0", "-"):
        return Answer([], "")
    values = _numbers(text, len(view.options), "your choices")
    if not values:
        raise Invalid("Type the numbers of every right option, e.g. 1,3 (or 'none').")
    chosen = [view.options[v - 1] for v in values]
    return Answer(chosen, "; ".join(chosen))


_TRUTH = {
    "t": True,
    "true": True,
    "y": True,
    "yes": True,
    "f": False,
    "false": False,
    "n": False,
    "no": False,
}


def _truefalse(view: CardView, text: str) -> Answer:
    value = _TRUTH.get(text.casefold())
    if value is None:
        raise Invalid("Type t for true or f for false.")
    return Answer(value, "True" if value else "False")


def _order(view: CardView, text: str) -> Answer:
    values = _numbers(text, len(view.options), "the order")
    if len(values) != len(view.options):
        raise Invalid(f"Give all {len(view.options)} numbers in the right order, e.g. 2,1,3.")
    ordered = [view.options[v - 1] for v in values]
    return Answer(ordered, " → ".join(ordered))


def _match(view: CardView, text: str) -> Answer:
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
    return Answer(pairs, "; ".join(f"{k} → {v}" for k, v in pairs.items()))


def _text(view: CardView, text: str) -> Answer:
    if not text:
        raise Invalid(f"Type an answer ({COMMANDS_HELP}).")
    return Answer(text, text)


#: How one line becomes an answer, for the types answered on one line (by default, the line is
#: the answer, as for a typed card).
PARSERS: CardTable[Callable[[CardView, str], Answer]] = CardTable("ui.parsers", default=_text)
PARSERS.register(ChoiceCard)(_choice)
PARSERS.register(MultiCard)(_multi)
PARSERS.register(TrueFalseCard)(_truefalse)
PARSERS.register(TypedCard)(_text)
PARSERS.register(OrderCard)(_order)
PARSERS.register(MatchCard)(_match)


def parse_reply(view: CardView, line: str) -> Answer:
    """Turn one line into an answer for ``view.card``; raise :class:`Invalid` with advice."""
    return PARSERS[view.card](view, line.strip())


def _options(view: CardView, width: int) -> list[str]:
    """The options as this session shuffled them, numbered; nothing for a card without."""
    return numbered(view.options, width=width)


def _sides(view: CardView, width: int) -> list[str]:
    return [
        "  Left:",
        *numbered(view.options, "    ", width),
        "  Right:",
        *numbered(view.rights, "    ", width),
    ]


#: What plain mode prints under the question.
SHOWN: CardTable[Callable[[CardView, int], list[str]]] = CardTable(
    "ui.plain.shown", default=_options
)
SHOWN.register(MatchCard)(_sides)


class PlainFrontend:
    plain = True

    def __init__(self, out: Out, readline: Callable[[], str | None]) -> None:
        self.out = out
        self.readline = readline
        #: A line read ahead that was not meant for the prompt that read it.
        self._pending: str | None = None
        self._question: Question | None = None

    def _read(self) -> str | None:
        if self._pending is not None:
            line, self._pending = self._pending, None
            return line
        return self.readline()

    def _line(self, prompt: str = "> ") -> str | Do:
        self.out.prompt(prompt)
        line = self._read()
        while line == UNREADABLE:
            self.out("That line is not valid text (UTF-8); type it again.")
            self.out.prompt(prompt)
            line = self._read()
        if line is None:
            return Do("quit")
        command = command_of(line)
        return command if command is not None else line

    def offer_overrule(self, check: bool = False) -> bool:
        """An empty line goes on, ``r`` overrules (``y`` too for an answer to check; ``n`` says
        it does not mean the same); any other line is kept for the next prompt, so a script that
        answers straight on is read as it always was."""
        self.out(f"({CHECK_HELP if check else OVERRULE_HELP})")
        self.out.prompt("> ")
        line = self._read()
        if line is None:
            return False
        reply = line.strip().casefold()
        if reply in ("r", ":r") or (check and reply in ("y", "yes")):
            return True
        if check and reply in ("n", "no"):
            return False
        if line.strip():
            self._pending = line
        return False

    def ask(self, question: Question) -> Reply:
        view = question.view
        self._question = question
        if not question.again:
            for line in header(question, self.out.width):
                self.out(line)
            for line in SHOWN[view.card](view, self.out.width):
                self.out(line)
        elif question.time_left is not None:  # asked again: the time left, said again
            self.out(f"({time_left_text(question.time_left)[0]})")
        return ASKERS[view.card](self, view)

    def _ask_line(self, view: CardView) -> Reply:
        """One line, parsed for the card's type; an unreadable one is explained and asked again."""
        while True:
            got = self._line()
            if isinstance(got, Do):
                return got
            try:
                return parse_reply(view, got)
            except Invalid as exc:
                self.out(str(exc))

    def _ask_cloze(self, view: CardView) -> Reply:
        gaps = len(view.card.gap_forms)
        answers: list[str] = []
        for i in range(gaps):
            while True:
                label = f"[{i + 1}]> " if gaps > 1 else "> "
                line = self._line(label)
                if isinstance(line, Do):
                    return line
                if line.strip():
                    answers.append(line.strip())
                    break
                self.out(f"Type the missing word(s) ({COMMANDS_HELP}).")
        return Answer(answers, " | ".join(answers))

    def _ask_flashcard(self, view: CardView) -> Reply:
        self.out("(Press Enter to show the answer.)")
        line = self._line()
        if isinstance(line, Do) and line.command != "hint":
            return line
        self.out(wrap(f"Answer: {view.card.answer_text()}", width=self.out.width))
        assert self._question is not None
        ratings = ", ".join(f"{r} {name}" for name, r in rating_choices(self._question))
        self.out(wrap(f"How well did you know it? {ratings}", width=self.out.width))
        while True:
            line = self._line()
            if isinstance(line, Do):
                if line.command == "hint":
                    continue
                return line
            if line.strip() in ("1", "2", "3", "4"):
                rating = int(line.strip())
                return Answer(rating, RATING_NAMES[rating])
            self.out("Type 1 (Again), 2 (Hard), 3 (Good) or 4 (Easy).")


#: How each card type is asked in plain mode: by default one line, read by its parser.
ASKERS: CardTable[Callable[[PlainFrontend, CardView], Reply]] = CardTable(
    "ui.plain.askers", default=PlainFrontend._ask_line
)
ASKERS.register(FlashCard)(PlainFrontend._ask_flashcard)
ASKERS.register(ClozeCard)(PlainFrontend._ask_cloze)
