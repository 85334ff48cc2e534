"""Interactive prompts with questionary: the only module that imports it.

questionary and prompt_toolkit take a tenth of a second to import, so they are imported when
the first prompt is drawn, after the card's header and question are on the screen: the student
reads the question while they load.

Keys in list prompts: number keys pick an option, ``?`` shows the hint, ``s`` skips, ``u`` undoes
the last answer, ``q`` quits. In text prompts, where letters are answers, type ``?``, ``:s``,
``:u`` or ``:q``. Ctrl-C quits everywhere; answers already given are saved.
"""

from __future__ import annotations

import functools
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
from tiesquiz.ui.frontend import OVERRULE_HELP, Do, Reply, header, rating_choices
from tiesquiz.ui.output import Out
from tiesquiz.ui.plain import COMMANDS, Invalid, parse_reply
from tiesquiz.ui.render import numbered, wrap
from tiesquiz.ui.words import RATING_NAMES

if TYPE_CHECKING:
    import questionary
    from prompt_toolkit.key_binding import KeyBindings

#: Single keys for commands in list prompts; a question offers only those its session allows.
_KEYS = {"?": "hint", "s": "skip", "u": "undo", "q": "quit"}


@functools.cache
def _style() -> questionary.Style:
    import questionary

    return questionary.Style([("qmark", "fg:ansicyan bold"), ("answer", "fg:ansigreen bold")])


class _Command:
    """A prompt's result when a command key was pressed instead of an answer."""

    def __init__(self, command: str) -> None:
        self.command = command


_UNSET = object()


def _with_command_keys(
    question: questionary.Question,
    keys: dict[str, str],
    values: dict[str, Any] | None = None,
    any_key: Any = _UNSET,
) -> questionary.Question:
    """Add single-key commands (and keys that answer at once) to a list prompt."""
    from prompt_toolkit.key_binding import KeyBindings
    from prompt_toolkit.keys import Keys

    bindings = KeyBindings()

    def exit_with(result: Any) -> Any:
        def handler(event: Any) -> None:
            event.app.exit(result=result)

        return handler

    for key, command in keys.items():
        bindings.add(key, eager=True)(exit_with(_Command(command)))
    for key, value in (values or {}).items():
        bindings.add(key, eager=True)(exit_with(value))
    if any_key is not _UNSET:
        bindings.add(Keys.Any)(exit_with(any_key))  # specific keys above still win
        bindings.add(Keys.ControlM)(exit_with(any_key))
    _add_bindings(question, bindings)
    return question


def _list_control(question: questionary.Question) -> Any:
    """The list a select or checkbox prompt draws (questionary's ``InquirerControl``)."""
    from questionary.prompts.common import InquirerControl

    windows = question.application.layout.find_all_windows()
    return next(w.content for w in windows if isinstance(w.content, InquirerControl))


def _add_bindings(question: questionary.Question, bindings: KeyBindings) -> None:
    """Our keys after the prompt's own, so that ours win."""
    from prompt_toolkit.key_binding import merge_key_bindings

    app = question.application
    app.key_bindings = merge_key_bindings([b for b in (app.key_bindings, bindings) if b])


def _toggle_by_number(question: questionary.Question, count: int) -> None:
    """In a select-all list, a number ticks or unticks its option; ``a`` and ``i`` do nothing."""
    from prompt_toolkit.key_binding import KeyBindings

    control = _list_control(question)
    bindings = KeyBindings()

    def toggle(index: int) -> Any:
        def handler(event: Any) -> None:
            value = control.choices[index].value
            chosen = control.selected_options
            chosen.remove(value) if value in chosen else chosen.append(value)
            control.pointed_at = index
            event.app.invalidate()

        return handler

    for i in range(min(count, 9)):
        bindings.add(str(i + 1), eager=True)(toggle(i))
    for key in ("a", "i", "j", "k"):
        bindings.add(key, eager=True)(lambda event: None)
    _add_bindings(question, bindings)


def _answer_at_once(question: questionary.Question, keys: dict[str, int]) -> None:
    """Keys that pick an option and answer at once (``keys`` maps a key to the option's index);
    the prompt then shows the option picked, as Enter would."""
    from prompt_toolkit.key_binding import KeyBindings

    control = _list_control(question)
    bindings = KeyBindings()

    def pick(index: int) -> Any:
        def handler(event: Any) -> None:
            control.pointed_at = index
            control.is_answered = True
            event.app.exit(result=control.choices[index].value)

        return handler

    for key, index in keys.items():
        bindings.add(key, eager=True)(pick(index))
    _add_bindings(question, bindings)


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
        """The command keys this question allows, and h for the key list."""
        allowed = self._question.allowed if self._question else frozenset(_KEYS.values())
        return {**{k: c for k, c in _KEYS.items() if c in allowed}, "h": "help"}

    def _hint(self) -> str:
        return "? hint · " if self._question and "hint" in self._question.allowed else ""

    def _run(self, question: questionary.Question) -> Any:
        result = question.unsafe_ask()
        if isinstance(result, _Command):
            return Do(result.command)  # type: ignore[arg-type]
        return result

    def _select(
        self,
        message: str,
        options: list[tuple[str, Any]],
        *,
        keys: dict[str, str],
        values: dict[str, Any] | None = None,
        any_key: Any = _UNSET,
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
            style=_style(),
            qmark="›",
            instruction=instruction,
            default=default,
            **self.kwargs,
        )
        if picks:
            _answer_at_once(question, picks)
        return self._run(_with_command_keys(question, keys, values, any_key))

    def _text(self, message: str) -> Any:
        def check(text: str) -> bool | str:
            return True if text.strip() else "Type an answer (:h for the keys)."

        import questionary

        hint = "? hint · " if self._hint() else ""
        question = questionary.text(
            message,
            validate=check,
            style=_style(),
            qmark="›",
            instruction=f"({hint}:h keys)",
            **self.kwargs,
        )
        answer = self._run(question)
        if isinstance(answer, Do):
            return answer
        command = COMMANDS.get(str(answer).strip().casefold())
        return command if command is not None else answer

    def _show(self, lines: list[str]) -> None:
        for line in lines:
            self.out(line)

    # -- the front-end protocol --------------------------------------------------------------------

    def ask(self, question: Question) -> Reply:
        self._question = question
        if not question.again:
            self._show(header(question, self.out.width))
        return ASKERS[question.card](self, question.view)

    def offer_overrule(self) -> bool:
        choice = self._select(
            "Marked wrong.",
            [("Go on", False)],
            keys={},
            values={"r": True},
            any_key=False,
            instruction=f"({OVERRULE_HELP})",
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
        return Answer(value, "true" if value else "false")

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
            style=_style(),
            qmark="›",
            instruction=f"(numbers tick · Enter answers{' · ? hint' if self._hint() else ''})",
            **self.kwargs,
        )
        _toggle_by_number(question, len(view.options))
        value = self._run(_with_command_keys(question, self._keys()))
        if isinstance(value, Do):
            return value
        chosen = list(value or [])
        return Answer(chosen, "; ".join(chosen))

    def _ask_order(self, view: CardView) -> Reply:
        self._show(numbered(view.options, width=self.out.width))
        return self._parsed(view, "Order (numbers, e.g. 2,1,3):")

    def _ask_cloze(self, view: CardView) -> Reply:
        gaps = len(view.card.gap_forms)
        answers = []
        for i in range(gaps):
            label = f"Blank {i + 1}:" if gaps > 1 else "Missing word(s):"
            value = self._text(label)
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
