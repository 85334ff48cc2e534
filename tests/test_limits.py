"""Daily limits per deck, as Anki counts them; --new N as N more today; what waits when nothing
is due."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers.cli import invoke, lines_in
from helpers.disk import answers_on_disk

NOW = "2026-11-28T09:00:00+00:00"


def deck(folder: Path, deck_id: str, n: int) -> None:
    body = "".join(
        f"  - {{id: c{i}, type: truefalse, question: {deck_id} statement {i}., answer: true, "
        "explanation: E, source: S}\n"
        for i in range(n)
    )
    (folder / f"{deck_id}.yaml").write_text(
        f"deck: {deck_id}\ntitle: {deck_id.title()}\ncards:\n{body}", encoding="utf-8"
    )


@pytest.fixture(autouse=True)
def decks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "decks"
    folder.mkdir()
    deck(folder, "alpha", 8)
    deck(folder, "beta", 8)
    monkeypatch.setenv("TIESQUIZ_DECKS", str(folder))
    monkeypatch.setenv("TIESQUIZ_NOW", NOW)


def new_cards_studied(state: Path) -> dict[str, int]:
    log = answers_on_disk(state)
    counts: dict[str, int] = {}
    for r in log:
        if r["new"]:
            counts[r["card"].split("/")[0]] = counts.get(r["card"].split("/")[0], 0) + 1
    return counts


def study(*args: str, answers: int = 40) -> str:
    result = invoke("study", *args, "--plain", input=lines_in(["t"] * answers + [":q"]))
    assert result.exit_code == 0, result.output
    return result.output


def test_each_deck_has_its_own_daily_limit(state: Path) -> None:
    assert invoke("settings", "--new-per-day", "3").exit_code == 0
    shown = invoke("settings", "--deck", "beta", "--new-per-day", "5").output
    assert "beta: 5 new, 200 reviews a day" in shown
    study("alpha", "beta")
    assert new_cards_studied(state) == {"alpha": 3, "beta": 5}


def test_a_deck_s_limit_used_up_leaves_the_other_deck_alone(state: Path) -> None:
    invoke("settings", "--new-per-day", "3")
    study("alpha")
    out = study("beta")  # alpha's three new cards today do not count against beta
    assert "Nothing is due right now." not in out
    assert new_cards_studied(state) == {"alpha": 3, "beta": 3}


def test_new_n_means_n_more_today_and_nothing_due_says_what_waits(state: Path) -> None:
    invoke("settings", "--new-per-day", "3")
    study("alpha")
    out = study("alpha", answers=0)
    assert "Nothing is due right now." in out
    assert "5 new cards are waiting beyond today's limit." in out
    assert "tiesquiz study alpha --new 5" in out
    assert "Next card due in 2 days" in out  # the three of today, learnt, come back later
    study("alpha", "--new", "2")
    assert new_cards_studied(state) == {"alpha": 5}  # 2 more, on top of the 3 of the day


def test_a_deck_with_room_but_nothing_due_does_not_hold_the_others_back() -> None:
    """The queue stops looking once every deck with cards due is full; a deck that has room
    left but nothing due must not keep it looking, nor take another deck's place."""
    from tiesquiz.deck.model import FlashCard
    from tiesquiz.scheduling.queue import _within

    items = [
        (f"{i:03}", deck, FlashCard(deck=deck, id=f"c{i}", question="Q", answer="A"))
        for i in range(60)
        for deck in ["a" if i % 3 else "b"]
    ]
    taken, left = _within(items, {"a": 5, "b": 2, "empty": 50}, None)
    decks = [deck for _, deck, _ in taken]
    assert decks.count("a") == 5 and decks.count("b") == 2 and left == 53
    assert taken == sorted(taken)  # in the order given
