"""What the student sees, in a real pseudo-terminal read through a terminal emulator (pyte), at
60 and 120 columns: every card type in study and in quiz, the keys doing what they say, no card
id on screen, and no line running into the edge (where the terminal would break a word)."""

from __future__ import annotations

import os
import re
import shutil
import sys
from pathlib import Path

import pytest

from helpers.answers import views
from helpers.paths import FIXTURES
from tiesquiz.deck.reading import read_deck_file
from tiesquiz.session import CardView

pexpect = pytest.importorskip("pexpect")
pyte = pytest.importorskip("pyte")

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")

ROWS = 400  # tall enough that nothing scrolls away: the whole session stays readable
SEED = 3
#: Card ids that could not appear by chance: none may ever be on screen.
IDS = {
    "flash": "kq1f",
    "choice": "kq2c",
    "multi": "kq3m",
    "tf": "kq4t",
    "typed": "kq5y",
    "cloze": "kq6z",
    "order": "kq7o",
    "match": "kq8p",
}


@pytest.fixture
def deck_dir(tmp_path: Path) -> Path:
    text = (FIXTURES / "good" / "all-types.yaml").read_text(encoding="utf-8")
    for old, new in IDS.items():
        text = text.replace(f"  - id: {old}\n", f"  - id: {new}\n")
    folder = tmp_path / "decks"
    folder.mkdir()
    (folder / "all-types.yaml").write_text(text, encoding="utf-8")
    return folder


class Screen:
    """A pseudo-terminal running tiesquiz, its output fed to a terminal emulator."""

    def __init__(self, args: list[str], columns: int, env: dict[str, str]) -> None:
        self.screen = pyte.Screen(columns, ROWS)
        self.stream = pyte.Stream(self.screen)
        exe = shutil.which("tiesquiz", path=os.path.dirname(sys.executable))
        command, extra = (exe, []) if exe else (sys.executable, ["-m", "tiesquiz"])
        self.child = pexpect.spawn(
            command,
            [*extra, *args],
            env=env,
            encoding="utf-8",
            timeout=20,
            dimensions=(ROWS, columns),
        )

    def expect(self, pattern: str) -> None:
        self.child.expect(pattern)
        self.stream.feed(self.child.before + self.child.after)

    def send(self, keys: str) -> None:
        self.child.send(keys)

    def finish(self) -> list[str]:
        self.child.expect(pexpect.EOF)
        self.stream.feed(self.child.before)
        self.child.close()
        return [line.rstrip() for line in self.screen.display]


def env(deck_dir: Path, state: Path) -> dict[str, str]:
    return {
        **os.environ,
        "TIESQUIZ_STATE": str(state),
        "TIESQUIZ_DECKS": str(deck_dir),
        "TIESQUIZ_NOW": "2026-11-28T09:00:00+00:00",
        "TIESQUIZ_TZ": "UTC",
        "TERM": "xterm",
        "PROMPT_TOOLKIT_NO_CPR": "1",
        "NO_COLOR": "1",
    }


def answer_keys(view: CardView) -> str:
    """The keys that answer a card right in the terminal front end."""
    card = view.card
    kind = card.type
    if kind == "flashcard":
        return " 3"  # Space turns the card, 3 rates it Good at once
    if kind == "choice":
        return str(view.options.index(card.answer) + 1)  # type: ignore[attr-defined]
    if kind == "multi":
        return "".join(str(view.options.index(a) + 1) for a in card.answers) + "\r"  # type: ignore[attr-defined]
    if kind == "truefalse":
        return "t" if card.answer else "f"  # type: ignore[attr-defined]
    if kind == "typed":
        return "70,000\r"
    if kind == "cloze":
        return "".join(gap[0] + "\r" for gap in card.gaps)  # type: ignore[attr-defined]
    if kind == "order":
        return ",".join(str(view.options.index(i) + 1) for i in card.items) + "\r"  # type: ignore[attr-defined]
    pairs = ", ".join(  # match
        f"{i}-{view.rights.index(right) + 1}"
        for i, (_, right) in enumerate(card.pairs, 1)  # type: ignore[attr-defined]
    )
    return pairs + "\r"


def again_view(cards: list, kind: str) -> CardView:  # type: ignore[type-arg]
    """How a card asked again later in the session is shown: the session's next draw, after
    one view of each card in deck order."""
    import random

    from tiesquiz.session import make_view

    rng = random.Random(SEED)
    for card in cards:
        make_view(card, rng)
    return make_view(next(c for c in cards if c.type == kind), rng)


def check_screen(lines: list[str], columns: int) -> str:
    text = "\n".join(lines)
    for card_id in IDS.values():
        assert card_id not in text, f"the card id {card_id} is on screen"
    edge = [line for line in lines if len(line) >= columns]
    assert not edge, f"lines run into the edge at {columns} columns: {edge}"
    return text


@pytest.mark.parametrize("columns", [60, 80, 120])
def test_study_every_card_type_and_every_key(deck_dir: Path, state: Path, columns: int) -> None:
    cards = read_deck_file(deck_dir / "all-types.yaml").deck.cards  # type: ignore[union-attr]
    shown = {v.card.type: v for v in views(cards, SEED)}
    s = Screen(
        ["study", "all-types", "--seed", str(SEED), "--limit", "8"], columns, env(deck_dir, state)
    )
    s.expect("Keys in study:")  # the key table, once, at the start
    s.expect("Turn the card")
    s.send("h")  # h shows the keys again
    s.expect("Keys in study:")
    s.send(answer_keys(shown["flashcard"]))
    s.expect("Rated Good")
    s.expect("Your choice")
    s.send("?")  # this card has a hint
    s.expect("Hint: Starts with Q")
    s.send(answer_keys(shown["choice"]))
    s.expect("counts as Hard")
    s.expect("Select all that apply")
    s.send("s")  # skip: set aside until nothing else is left
    s.expect("Skipped")
    s.expect("True or false")
    s.send(answer_keys(shown["truefalse"]))
    s.expect("Right")
    s.expect("Answer:")
    s.send(answer_keys(shown["typed"]))
    s.expect("Right")
    s.expect("Blank 1")
    s.send("u")  # in a text prompt u is a letter...
    s.send("\x7f:u\r")  # ...and :u takes the last answer back
    s.expect("Undone")
    s.expect("Answer:")
    s.send(answer_keys(shown["typed"]))
    s.expect("Right")
    s.expect("Blank 1")
    s.send(answer_keys(shown["cloze"]))
    s.expect("Right")
    s.expect("Order")
    s.send(answer_keys(shown["order"]))
    s.expect("Right")
    s.expect("Pairs")
    s.send(answer_keys(shown["match"]))
    s.expect("Right")
    # The choice card (Hard with the hint) comes back for its learning step, its options
    # shuffled again (the session's next draw); the skipped card waits until nothing else is
    # left, so the limit of 8 answers is reached before it.
    s.expect("Your choice")
    s.send(answer_keys(again_view(cards, "choice")))
    s.expect("Session summary")
    text = check_screen(s.finish(), columns)
    assert "Studied 8 cards: 8 right, 0 wrong, 1 skipped" in text
    assert "One card of every type · 1" in text and "new 8 · learning 0 · review 0" in " ".join(
        text.split()
    )
    assert "Good · 10m" in text  # the rating shows when the card comes back
    assert not re.search(
        r"\? hint", text.split("True or false?")[1].split("\n")[0]
    )  # no hint: not offered


@pytest.mark.parametrize("columns", [60, 80, 120])
def test_quiz_every_card_type_time_left_and_quit(deck_dir: Path, state: Path, columns: int) -> None:
    cards = read_deck_file(deck_dir / "all-types.yaml").deck.cards  # type: ignore[union-attr]
    auto = [c for c in cards if c.type != "flashcard"]
    import random

    rng = random.Random(SEED)
    picked = rng.sample(auto, 7)
    from tiesquiz.session import make_view

    asked = [make_view(card, rng) for card in picked]
    s = Screen(
        ["quiz", "all-types", "--seed", str(SEED), "--count", "7", "--time-limit", "30"],
        columns,
        env(deck_dir, state),
    )
    s.expect("Keys in a quiz:")
    for view in asked[:6]:
        s.expect("left")  # the time left, over each prompt
        s.send("u")  # a quiz offers no undo: in a list it says so, in text it is a letter
        if view.card.type in ("typed", "cloze", "order", "match"):
            s.send("\x7f")
        else:
            s.expect("A quiz answer cannot be taken back.")
        s.send(answer_keys(view))
    s.expect("left")
    s.send("q" if asked[6].card.type in ("choice", "multi", "truefalse") else ":q\r")
    s.expect("Quiz results")
    text = check_screen(s.finish(), columns)
    assert "Score: 6 / 7" in text and "1 question was not asked and scores 0." in text
    last = asked[6].card
    results = text.split("Quiz results")[1]
    assert f"correct answer: {last.answer_text()}" not in results


@pytest.mark.parametrize("columns", [60, 80])
def test_long_options_wrap_inside_the_window(tmp_path: Path, state: Path, columns: int) -> None:
    long = "It was the first Muslim-majority country to teach about antisemitism formally in its schools"
    folder = tmp_path / "long"
    folder.mkdir()
    (folder / "long.yaml").write_text(
        "deck: long\ntitle: Long options\ncards:\n"
        f"  - {{id: kq9l, type: choice, question: Which?, answer: {long}, "
        f"distractors: [{long.replace('first', 'second')}, {long.replace('first', 'third')}], "
        "explanation: E, source: S}\n"
        f"  - {{id: kq9m, type: multi, question: Which?, answer: [{long}], "
        f"distractors: [{long.replace('first', 'second')}], explanation: E, source: S}}\n",
        encoding="utf-8",
    )
    s = Screen(["study", "long", "--seed", "1"], columns, env(folder, state))
    s.expect("Your choice")
    for _ in range(3):
        s.expect("schools")  # each option's end, wrapped onto the window
    on_screen = [line.rstrip() for line in s.screen.display]
    check_screen(on_screen, columns)
    assert sum("schools" in line for line in on_screen) == 3  # whole options, not cut
    s.send("q")
    s.expect("Session summary")
    check_screen(s.finish(), columns)
