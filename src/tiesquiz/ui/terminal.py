"""Interactive prompts with questionary: the only module that imports it.

questionary and prompt_toolkit take a tenth of a second to import, so they are imported when
the first prompt is drawn, after the card's header and question are on the screen: the student
reads the question while they load.

Keys in list prompts: number keys pick an option, ``?`` shows the hint, ``s`` skips, ``u`` undoes
the last answer, ``q`` quits. In text prompts, where letters are answers, type ``?``, ``:s``,
``:u`` or ``:q``. Every command key reaches the session, which says why when it does not apply
(no undo in a quiz). Ctrl-C quits everywhere; answers already given are saved. In a timed quiz
every prompt has the time left over it, redrawn as it runs down.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

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
from tiesquiz.safety import safe
from tiesquiz.session.types import Answer, Question
from tiesquiz.session.views import CardView
from tiesquiz.ui.frontend import (
    CHECK_HELP,
    OVERRULE_HELP,
    Do,
    Reply,
    TimeUp,
    header,
    rating_choices,
    time_left_text,
)
from tiesquiz.ui.output import Out
from tiesquiz.ui.plain import Invalid, command_of, parse_reply
from tiesquiz.ui.prompt_keys import (
    KEYS,
    UNSET,
    Command,
    Expired,
    answer_at_once,
    style,
    toggle_by_number,
    with_command_keys,
    with_countdown,
)
from tiesquiz.ui.render import numbered, wrap
from tiesquiz.ui.words import RATING_NAMES

if TYPE_CHECKING:
    import questionary


def _plain_text(text: str) -> str:
    return safe(text, multiline=False)


def _titles(options: tuple[str, ...] | list[str], width: int, marker: int) -> list[str]:
    """Options numbered and wrapped to the window, later lines under the text; ``marker`` is
    the width questionary draws before each option (" » " or " » ○ ")."""
    titles = []
    for i, option in enumerate(options, 1):
        number = f"{i}. "
        text = wrap(f"{number}{_plain_text(option)}", width=width - marker, hang=" " * len(number))
        titles.append(text.replace("\n", "\n" + " " * marker))
    return titles


class TerminalFrontend:
    """Front end for a real terminal. ``prompt_kwargs`` (input/output) let tests drive it."""

    plain = False

    def __init__(self, out: Out, **prompt_kwargs: Any) -> None:
        self.out = out
        self.kwargs = prompt_kwargs
        self._question: Question | None = None

    # -- prompt helpers ----------------------------------------------------------------------------

    def _keys(self) -> dict[str, str]:
        """Every command key, and h for the key list: one the session does not allow is said
        so (no undo in a quiz), never silently ignored."""
        return {**KEYS, "h": "help"}

    def _hint(self) -> str:
        return "? hint · " if self._question and "hint" in self._question.allowed else ""

    def _run(self, question: questionary.Question) -> Any:
        countdown = self._question.countdown if self._question else None
        if countdown is not None:
            with_countdown(question, countdown.left, time_left_text)
        result = question.unsafe_ask()
        if isinstance(result, Expired):
            return TimeUp(typed=result.typed)
        if isinstance(result, Command) and result.command == "flag":
            return Do("flag", note=self._note())
        if isinstance(result, Command):
            return Do(result.command)  # type: ignore[arg-type]
        return result

    def _select(
        self,
        message: str,
        options: list[tuple[str, Any]],
        *,
        keys: dict[str, str],
        values: dict[str, Any] | None = None,
        any_key: Any = UNSET,
        instruction: str,
        default: Any = None,
        picks: dict[str, int] | None = None,
    ) -> Any:
        import questionary

        choices = [questionary.Choice(title=title, value=value) for title, value in options]
        question = questionary.select(
            message,
            choices=choices,
            use_shortcuts=False,
            use_jk_keys=False,
            use_emacs_keys=False,
            style=style(),
            qmark="›",
            instruction=instruction,
            default=default,
            **self.kwargs,
        )
        if picks:
            answer_at_once(question, picks)
        question.application.erase_when_done = True  # the answer is said below, wrapped
        value = self._run(with_command_keys(question, keys, values, any_key))
        self._answered(message, options, value)
        return value

    def _answered(self, message: str, options: list[tuple[str, Any]], value: Any) -> None:
        """The option picked, after the prompt, wrapped on words to the window (questionary's
        own line would run a long option past the edge, where the terminal breaks a word)."""
        title = next((t for t, v in options if type(v) is type(value) and v == value), None)
        if title is None:  # a command, or a key that stands for no option
            return
        prefix = f"› {message} "
        text = wrap(f"{prefix}{' '.join(title.split())}", width=self.out.width, hang="  ")
        mark, answer = self.out.style("›", fg="cyan", bold=True), text[len(prefix) :]
        self.out(f"{mark} {message} {self.out.style(answer, fg='green', bold=True)}")

    def _text(self, message: str) -> Any:
        def check(text: str) -> bool | str:
            return True if text.strip() else "Type an answer (:h for the keys)."

        import questionary

        hint = "? hint · " if self._hint() else ""
        question = questionary.text(
            message,
            validate=check,
            style=style(),
            qmark="›",
            instruction=f"({hint}:h keys)",
            **self.kwargs,
        )
        answer = self._run(question)
        if isinstance(answer, Do):
            return answer
        command = command_of(str(answer))
        return command if command is not None else answer

    def _note(self) -> str:
        """What a flag says (asked after its key in a list prompt); empty: no flag."""
        import questionary

        question = questionary.text(
            "Flag: what is wrong or unclear?", style=style(), qmark="!", **self.kwargs
        )
        return " ".join(str(question.unsafe_ask() or "").split())

    def _show(self, lines: list[str]) -> None:
        for line in lines:
            self.out(line)

    # -- the front-end protocol --------------------------------------------------------------------

    def ask(self, question: Question) -> Reply:
        self._question = question
        if not question.again:  # the time left is drawn over each prompt, live
            self._show(header(question, self.out.width, timed=question.countdown is None))
        return ASKERS[question.card](self, question.view)

    def offer_overrule(self, check: bool = False) -> bool:
        title, go_on = ("Same meaning?", "No") if check else ("Marked wrong.", "Go on")
        keys = {"y": True, "r": True, "n": False} if check else {"r": True}
        help_line = CHECK_HELP if check else OVERRULE_HELP
        choice = self._select(
            title,
            [(go_on, False)],
            keys={},
            values=keys,
            any_key=False,
            instruction=f"({help_line})",
        )
        return choice is True

    # -- one asker per card type -------------------------------------------------------------------

    def _ask_choice(self, view: CardView) -> Reply:
        n = len(view.options)
        titles = _titles(view.options, self.out.width, marker=3)
        options = list(zip(titles, view.options, strict=True))
        value = self._select(
            "Your choice:",
            options,
            keys=self._keys(),
            picks={str(i): i - 1 for i in range(1, min(n, 9) + 1)},
            instruction=f"(1-{min(n, 9)} · {self._hint()}h keys)",
        )
        return value if isinstance(value, Do) else Answer(value, value)

    def _ask_truefalse(self, view: CardView) -> Reply:
        value = self._select(
            "True or false?",
            [("True", True), ("False", False)],
            keys=self._keys(),
            picks={"t": 0, "1": 0, "f": 1, "2": 1},
            instruction=f"(t/f · {self._hint()}h keys)",
        )
        if isinstance(value, Do):
            return value
        return Answer(value, "True" if value else "False")

    def _ask_multi(self, view: CardView) -> Reply:
        import questionary

        question = questionary.checkbox(
            "Select all that apply:",
            choices=[
                questionary.Choice(title=title, value=o)
                for title, o in zip(
                    _titles(view.options, self.out.width, marker=5), view.options, strict=True
                )
            ],
            style=style(),
            qmark="›",
            instruction=f"(numbers tick · Enter answers{' · ? hint' if self._hint() else ''})",
            **self.kwargs,
        )
        toggle_by_number(question, len(view.options))
        value = self._run(with_command_keys(question, self._keys()))
        if isinstance(value, Do):
            return value
        chosen = list(value or [])
        return Answer(chosen, "; ".join(chosen))

    def _ask_order(self, view: CardView) -> Reply:
        self._show(numbered(view.options, width=self.out.width))
        return self._parsed(view, "Order (numbers, e.g. 2,1,3):")

    def _ask_cloze(self, view: CardView) -> Reply:
        gaps = len(view.card.gap_forms)
        answers: list[str] = []
        for i in range(gaps):
            label = f"Blank {i + 1}:" if gaps > 1 else "Missing word(s):"
            value = self._text(label)
            if isinstance(value, TimeUp):
                return TimeUp(typed=" | ".join([*answers, value.typed.strip()]))
            if isinstance(value, Do):
                return value
            answers.append(str(value).strip())
        return Answer(answers, " | ".join(answers))

    def _ask_typed(self, view: CardView) -> Reply:
        value = self._text("Answer:")
        if isinstance(value, Do):
            return value
        return Answer(str(value).strip(), str(value).strip())

    def _parsed(self, view: CardView, message: str) -> Reply:
        """A text reply read as numbers; a reply that cannot be read is explained and the prompt
        starts empty again (what was refused does not stay in the input)."""
        while True:
            value = self._text(message)
            if isinstance(value, Do):
                return value
            try:
                return parse_reply(view, str(value))
            except Invalid as exc:
                self.out(str(exc))

    def _ask_match(self, view: CardView) -> Reply:
        """Both sides on screen with one numbering that does not change; pairs typed as 1-2."""
        width = self.out.width
        self._show(["Left:", *numbered(view.options, width=width)])
        self._show(["Right:", *numbered(view.rights, width=width)])
        return self._parsed(view, "Pairs (e.g. 1-2, 2-1):")

    def _ask_flashcard(self, view: CardView) -> Reply:
        question = self._question
        reveal = self._select(
            "Turn the card:",
            [("Turn", True)],
            keys=self._keys(),
            values={" ": True},
            instruction=f"(Space or Enter · {self._hint()}h keys)",
        )
        if isinstance(reveal, Do) and reveal.command not in ("hint",):
            return reveal
        self.out(wrap(f"Answer: {view.card.answer_text()}", width=self.out.width))
        assert question is not None
        options = rating_choices(question)
        while True:
            rating = self._select(
                "How well did you know it?",
                [(f"{r}. {title}", r) for title, r in options],
                keys={k: c for k, c in self._keys().items() if c != "hint"},
                picks={str(r): r - 1 for r in RATING_NAMES},
                instruction="(1-4 or Enter · h keys)",
                default=3,
            )
            if isinstance(rating, Do) and rating.command == "hint":
                continue
            if isinstance(rating, Do):
                return rating
            return Answer(rating, RATING_NAMES[rating])


#: How each card type is asked in a terminal: by default, a line of text (as a typed card).
ASKERS: CardTable[Callable[[TerminalFrontend, CardView], Reply]] = CardTable(
    "ui.terminal.askers", default=TerminalFrontend._ask_typed
)
ASKERS.register(FlashCard)(TerminalFrontend._ask_flashcard)
ASKERS.register(ChoiceCard)(TerminalFrontend._ask_choice)
ASKERS.register(MultiCard)(TerminalFrontend._ask_multi)
ASKERS.register(TrueFalseCard)(TerminalFrontend._ask_truefalse)
ASKERS.register(TypedCard)(TerminalFrontend._ask_typed)
ASKERS.register(ClozeCard)(TerminalFrontend._ask_cloze)
ASKERS.register(OrderCard)(TerminalFrontend._ask_order)
ASKERS.register(MatchCard)(TerminalFrontend._ask_match)
