"""Interactive prompts with questionary: the only module that imports it.

Keys in list prompts: number keys pick an option, ``?`` shows the hint, ``s`` skips, ``u`` undoes
the last answer, ``q`` quits. In text prompts, where letters are answers, type ``?``, ``:s``,
``:u`` or ``:q``. Ctrl-C quits everywhere; answers already given are saved.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import questionary
from prompt_toolkit.key_binding import KeyBindings, merge_key_bindings
from prompt_toolkit.keys import Keys
from questionary import Choice

from tiesquiz.deck.model import ClozeCard
from tiesquiz.safety import safe
from tiesquiz.session.types import Answer, Question
from tiesquiz.session.views import CardView
from tiesquiz.ui.frontend import OVERRULE_HELP, Do, Reply, header
from tiesquiz.ui.output import Out
from tiesquiz.ui.plain import COMMANDS, Invalid, parse_reply
from tiesquiz.ui.render import numbered, wrap
from tiesquiz.ui.words import RATING_NAMES

_KEYS = {"?": "hint", "s": "skip", "u": "undo", "q": "quit"}
SELECT_HELP = "(number or arrows + enter · ? hint · s skip · u undo · q quit)"
TEXT_HELP = "(? hint · :s skip · :u undo · :q quit)"
CHECKBOX_HELP = "(space ticks, enter answers · ? hint · s skip · u undo · q quit)"
STYLE = questionary.Style([("qmark", "fg:ansicyan bold"), ("answer", "fg:ansigreen bold")])


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
    app = question.application
    app.key_bindings = merge_key_bindings(
        [b for b in (app.key_bindings, bindings) if b is not None]
    )
    return question


def _plain_text(text: str) -> str:
    return safe(text, multiline=False)


class TerminalFrontend:
    """Front end for a real terminal. ``prompt_kwargs`` (input/output) let tests drive it."""

    def __init__(self, out: Out, **prompt_kwargs: Any) -> None:
        self.out = out
        self.kwargs = prompt_kwargs

    # -- prompt helpers ----------------------------------------------------------------------------

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
        instruction: str | None = None,
    ) -> Any:
        shortcuts = len(options) <= 9
        choices = [
            Choice(title=title, value=value, shortcut_key=str(i) if shortcuts else True)
            for i, (title, value) in enumerate(options, 1)
        ]
        question = questionary.select(
            message,
            choices=choices,
            use_shortcuts=shortcuts,
            use_jk_keys=False,
            use_emacs_keys=False,
            style=STYLE,
            qmark="›",
            instruction=instruction
            or (SELECT_HELP if shortcuts else SELECT_HELP.replace("number or ", "")),
            **self.kwargs,
        )
        return self._run(_with_command_keys(question, keys, values, any_key))

    def _text(self, message: str, validate: Any = None) -> Any:
        def check(text: str) -> bool | str:
            if text.strip().casefold() in COMMANDS:
                return True
            if validate is None:
                return (
                    True if text.strip() else "Type an answer (? hint, :s skip, :u undo, :q quit)"
                )
            result: bool | str = validate(text)
            return result

        question = questionary.text(
            message, validate=check, style=STYLE, qmark="›", instruction=TEXT_HELP, **self.kwargs
        )
        answer = self._run(question)
        if isinstance(answer, Do):
            return answer
        command = COMMANDS.get(str(answer).strip().casefold())
        return command if command is not None else answer

    # -- the front-end protocol --------------------------------------------------------------------

    def ask(self, question: Question) -> Reply:
        if not question.again:
            for line in header(question):
                self.out(line)
        return ASKERS[question.card.type](self, question.view)

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
        options = [(_plain_text(o), o) for o in view.options]
        value = self._select("Your choice:", options, keys=_KEYS)
        return value if isinstance(value, Do) else Answer(value, value)

    def _ask_truefalse(self, view: CardView) -> Reply:
        keys = {**_KEYS, "t": "true", "f": "false"}
        value = self._select("True or false?", [("True", True), ("False", False)], keys=keys)
        if isinstance(value, Do):
            command: str = value.command
            if command not in ("true", "false"):
                return value
            value = command == "true"
        return Answer(value, "true" if value else "false")

    def _ask_multi(self, view: CardView) -> Reply:
        question = questionary.checkbox(
            "Select all that apply:",
            choices=[Choice(title=_plain_text(o), value=o) for o in view.options],
            style=STYLE,
            qmark="›",
            instruction=CHECKBOX_HELP,
            **self.kwargs,
        )
        value = self._run(_with_command_keys(question, _KEYS))
        if isinstance(value, Do):
            return value
        chosen = list(value or [])
        return Answer(chosen, "; ".join(chosen))

    def _ask_order(self, view: CardView) -> Reply:
        for line in numbered(view.options):
            self.out(line)
        return self._parsed(view, "Order (numbers, e.g. 2,1,3):")

    def _ask_cloze(self, view: CardView) -> Reply:
        card = view.card
        assert isinstance(card, ClozeCard)
        answers = []
        for i in range(len(card.gaps)):
            label = f"Blank {i + 1}:" if len(card.gaps) > 1 else "Missing word(s):"
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
        def validate(text: str) -> bool | str:
            try:
                parse_reply(view, text)
            except Invalid as exc:
                return str(exc)
            return True

        value = self._text(message, validate)
        if isinstance(value, Do):
            return value
        return parse_reply(view, str(value))

    def _ask_match(self, view: CardView) -> Reply:
        self.out("Right-hand items:")
        for line in numbered(view.rights):
            self.out(line)
        pairs: dict[str, str] = {}
        for left in view.options:
            remaining = [r for r in view.rights if r not in pairs.values()]
            if len(remaining) == 1:
                pairs[left] = remaining[0]
                self.out(f"{_plain_text(left)} → {_plain_text(remaining[0])}")
                continue
            value = self._select(
                f"{_plain_text(left)} →", [(_plain_text(r), r) for r in remaining], keys=_KEYS
            )
            if isinstance(value, Do):
                return value
            pairs[left] = value
        return Answer(pairs, "; ".join(f"{k} → {v}" for k, v in pairs.items()))

    def _ask_flashcard(self, view: CardView) -> Reply:
        reveal = self._select(
            "Recall the answer, then press a key:",
            [("Show the answer", True)],
            keys=_KEYS,
            any_key=True,
            instruction="(any key shows the answer · ? hint · s skip · u undo · q quit)",
        )
        if isinstance(reveal, Do) and reveal.command != "hint":
            return reveal
        self.out(wrap(f"Answer: {view.card.answer_text()}"))
        options = [(f"{name}", rating) for rating, name in RATING_NAMES.items()]
        while True:
            rating = self._select(
                "How well did you know it?",
                options,
                keys=_KEYS,
                values={str(r): r for r in RATING_NAMES},
                instruction="(1 Again · 2 Hard · 3 Good · 4 Easy · u undo · q quit)",
            )
            if isinstance(rating, Do) and rating.command == "hint":
                continue
            if isinstance(rating, Do):
                return rating
            return Answer(rating, RATING_NAMES[rating])


#: How each card type is asked in a terminal.
ASKERS: dict[str, Callable[[TerminalFrontend, CardView], Reply]] = {
    "flashcard": TerminalFrontend._ask_flashcard,
    "choice": TerminalFrontend._ask_choice,
    "multi": TerminalFrontend._ask_multi,
    "truefalse": TerminalFrontend._ask_truefalse,
    "typed": TerminalFrontend._ask_typed,
    "cloze": TerminalFrontend._ask_cloze,
    "order": TerminalFrontend._ask_order,
    "match": TerminalFrontend._ask_match,
}
