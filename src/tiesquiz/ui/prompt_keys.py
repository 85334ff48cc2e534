"""The keys of questionary's list prompts: commands by one key, options picked or ticked by
number; and a timed quiz's countdown over any prompt. Imported with the first prompt
(questionary and prompt_toolkit load then)."""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import questionary
    from prompt_toolkit.formatted_text import StyleAndTextTuples
    from prompt_toolkit.key_binding import KeyBindings

#: Single keys for commands in list prompts; a question offers only those its session allows.
KEYS = {
    "?": "hint",
    "s": "skip",
    "u": "undo",
    "q": "quit",
    "b": "bury",
    "x": "suspend",
    "!": "flag",
}


@functools.cache
def style() -> questionary.Style:
    import questionary

    return questionary.Style(
        [
            ("qmark", "fg:ansicyan bold"),
            ("answer", "fg:ansigreen bold"),
            ("countdown", "fg:ansibrightblack"),
            ("countdown.warn", "fg:ansiyellow bold"),
        ]
    )


class Command:
    """A prompt's result when a command key was pressed instead of an answer."""

    def __init__(self, command: str) -> None:
        self.command = command


UNSET = object()


def with_command_keys(
    question: questionary.Question,
    keys: dict[str, str],
    values: dict[str, Any] | None = None,
    any_key: Any = UNSET,
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
        bindings.add(key, eager=True)(exit_with(Command(command)))
    for key, value in (values or {}).items():
        bindings.add(key, eager=True)(exit_with(value))
    if any_key is not UNSET:
        bindings.add(Keys.Any)(exit_with(any_key))  # specific keys above still win
        bindings.add(Keys.ControlM)(exit_with(any_key))
    add_bindings(question, bindings)
    return question


def list_control(question: questionary.Question) -> Any:
    """The list a select or checkbox prompt draws (questionary's ``InquirerControl``)."""
    from questionary.prompts.common import InquirerControl

    windows = question.application.layout.find_all_windows()
    return next(w.content for w in windows if isinstance(w.content, InquirerControl))


def add_bindings(question: questionary.Question, bindings: KeyBindings) -> None:
    """Our keys after the prompt's own, so that ours win."""
    from prompt_toolkit.key_binding import merge_key_bindings

    app = question.application
    app.key_bindings = merge_key_bindings([b for b in (app.key_bindings, bindings) if b])


def toggle_by_number(question: questionary.Question, count: int) -> None:
    """In a select-all list, a number ticks or unticks its option; ``a`` and ``i`` do nothing."""
    from prompt_toolkit.key_binding import KeyBindings

    control = list_control(question)
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
    add_bindings(question, bindings)


def answer_at_once(question: questionary.Question, keys: dict[str, int]) -> None:
    """Keys that pick an option and answer at once (``keys`` maps a key to the option's index);
    the prompt then shows the option picked, as Enter would."""
    from prompt_toolkit.key_binding import KeyBindings

    control = list_control(question)
    bindings = KeyBindings()

    def pick(index: int) -> Any:
        def handler(event: Any) -> None:
            control.pointed_at = index
            control.is_answered = True
            event.app.exit(result=control.choices[index].value)

        return handler

    for key, index in keys.items():
        bindings.add(key, eager=True)(pick(index))
    add_bindings(question, bindings)


#: How often a countdown is redrawn, in seconds: well within the second it shows.
TICK = 0.25


class Expired:
    """A prompt's result when its countdown reached zero: what had been typed or ticked."""

    def __init__(self, typed: str) -> None:
        self.typed = typed


def typed_so_far(question: questionary.Question) -> str:
    """The text in a text prompt; the options ticked in a select-all list; else nothing."""
    app = question.application
    text: str = app.current_buffer.text
    if text:
        return text
    try:
        ticked = list_control(question).selected_options
    except StopIteration:  # a text prompt: no list
        return ""
    return "; ".join(str(value) for value in ticked)


def with_countdown(
    question: questionary.Question,
    left: Callable[[], float],
    words: Callable[[float], tuple[str, bool]],
) -> None:
    """A line over the prompt with the time left (``words``: its text, and whether to warn),
    redrawn every :data:`TICK`; at zero the prompt ends with :class:`Expired`."""
    from prompt_toolkit.filters import is_done
    from prompt_toolkit.layout import ConditionalContainer, HSplit, Layout, Window
    from prompt_toolkit.layout.controls import FormattedTextControl

    app = question.application

    def line() -> StyleAndTextTuples:
        text, warn = words(left())
        return [("class:countdown.warn" if warn else "class:countdown", text)]

    shown = Window(FormattedTextControl(line), height=1, dont_extend_height=True)
    old = app.layout
    app.layout = Layout(
        HSplit([ConditionalContainer(shown, filter=~is_done), old.container]),
        focused_element=old.current_window,
    )

    async def tick() -> None:
        while left() > 0:
            app.invalidate()
            await asyncio.sleep(TICK)
        if app.future is not None and not app.future.done():
            app.exit(result=Expired(typed_so_far(question)))

    def start() -> None:
        app.create_background_task(tick())

    app.pre_run_callables.append(start)
