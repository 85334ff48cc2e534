"""``stats`` reads the answers it summed on an earlier run from a ledger in the cache, and only
the rest of the history: the figures are those of reading every answer, whatever happened
since (an undo, a reset, a copied line, an edit, the clock set back, an odd time zone)."""

from __future__ import annotations

import dataclasses
import json
from datetime import datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from helpers.cli import invoke
from helpers.decks import fixture_deck, use_fixture_decks
from tiesquiz.clock import Clock, iso
from tiesquiz.deck.model import Deck
from tiesquiz.errors import ProgressError
from tiesquiz.progress import Progress, ProgressStore, Review, write_progress
from tiesquiz.scheduling import AGAIN, GOOD, REVIEW
from tiesquiz.stats import compute, compute_stored, ledger

NOW = datetime(2026, 11, 28, 10, 7, tzinfo=timezone.utc)


def decks() -> list[Deck]:
    """The fixture deck, and a copy of it under another id: two decks to choose among."""
    first = fixture_deck()
    other = dataclasses.replace(
        first, id="copy", cards=tuple(dataclasses.replace(c, deck="copy") for c in first.cards)
    )
    return [first, other]


def history(days: int = 120, per_day: int = 7) -> Progress:
    """Answers over ``days`` days to both decks, some failed, some in a quiz, some overruled,
    at times that fall on every quarter hour; the cards' states as studied."""
    progress = Progress.empty()
    keys = [c.key for d in decks() for c in d.cards][:-1]  # one card never answered
    n = 0
    for day in range(days, -1, -1):
        for i in range(per_day):
            when = NOW - timedelta(days=day, minutes=97 * i + 15 * (day % 4))
            key = keys[(day * per_day + i) % len(keys)]
            failed = (day + i) % 5 == 0
            progress.reviews.append(
                Review(
                    id=f"{n:016x}",
                    card=key,
                    time=iso(when),
                    rating=AGAIN if failed else GOOD,
                    correct=not failed,
                    answer=f"answer {n % 3}",
                    duration_ms=20_000 + n,
                    mode="quiz" if i == 3 else "study",
                    new=day == days,
                    prior_state=None if day == days else REVIEW,
                    overruled=(n % 11 == 0),
                )
            )
            n += 1
    for key in keys:
        progress.cards[key] = {
            "state": REVIEW,
            "step": None,
            "stability": 12.0,
            "difficulty": 5.0,
            "due": iso(NOW + timedelta(days=len(key) % 9 - 2)),
            "last_review": iso(NOW - timedelta(days=len(key) % 5)),
        }
    return progress


@pytest.fixture
def state(tmp_path: Path) -> Path:
    path = tmp_path / "progress.json"
    write_progress(path, history())
    return path


def read_all(path: Path, clock: Clock, names: tuple[str, ...] = ()) -> dict:
    """What stats said when it read every answer (the store opened whole)."""
    chosen = [d for d in decks() if not names or d.id in names]
    known = {c.key for d in decks() for c in d.cards}
    with ProgressStore.open(path) as store:
        found = compute(chosen, store.progress, clock, known=known, everything=not names)
    return found.to_dict()


def from_ledger(path: Path, clock: Clock, cache: Path | None, names: tuple[str, ...] = ()) -> dict:
    """What stats says now: today's answers from the store, the rest through the ledger."""
    chosen = [d for d in decks() if not names or d.id in names]
    known = {c.key for d in decks() for c in d.cards}
    since = iso(clock.day_bounds()[0])
    with ProgressStore.open(path, since=since) as store:
        found = compute_stored(chosen, store, clock, known=known, everything=not names, cache=cache)
    return found.to_dict()


def counted_events(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many events of the history the ledger's reader goes through."""
    seen: list[int] = []
    real = ledger.events

    def counting(*args, **kwargs):  # type: ignore[no-untyped-def]
        for found in real(*args, **kwargs):
            seen.append(1)
            yield found

    monkeypatch.setattr(ledger, "events", counting)
    return seen


@pytest.mark.parametrize("zone", ["Asia/Kathmandu", "Asia/Baku", "America/New_York", "UTC"])
def test_the_figures_are_those_of_reading_every_answer(
    state: Path, tmp_path: Path, zone: str
) -> None:
    clock = Clock(NOW, ZoneInfo(zone))
    cache = tmp_path / "cache"
    expected = read_all(state, clock)
    assert expected["streak_days"] > 40 and sum(d["reviews"] for d in expected["heatmap"])
    assert expected["hardest"] and expected["overruled"]
    assert from_ledger(state, clock, cache) == expected  # the ledger made
    assert list((cache / "stats").glob("*.json"))
    assert from_ledger(state, clock, cache) == expected  # and used
    for names in (("copy",), ("all-types",)):
        assert from_ledger(state, clock, cache, names) == read_all(state, clock, names)


def test_only_the_answers_after_the_ledger_are_read_again(
    state: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = Clock(NOW, ZoneInfo("Asia/Baku"))
    cache = tmp_path / "cache"
    seen = counted_events(monkeypatch)
    from_ledger(state, clock, cache)
    assert len(seen) == len(history().reviews)  # the first run reads them all
    seen.clear()
    assert from_ledger(state, clock, cache) == read_all(state, clock)
    recent = [r for r in history().reviews if r.time >= iso(NOW - ledger.KEEP - timedelta(days=1))]
    assert 0 < len(seen) <= len(recent) < len(history().reviews) / 2


def test_nothing_is_kept_with_the_cache_off(state: Path, tmp_path: Path) -> None:
    clock = Clock(NOW, ZoneInfo("Asia/Baku"))
    assert from_ledger(state, clock, None) == read_all(state, clock)
    assert not (tmp_path / "cache").exists()


def append(path: Path, event: dict) -> None:
    """One line written to the end of the history, as another tiesquiz would."""
    history_file = path.with_name("progress.history.jsonl")
    with history_file.open("a", encoding="utf-8") as fh:
        fh.write(json.dumps(event) + "\n")


def old_answer() -> Review:
    return history().reviews[5]


@pytest.mark.parametrize(
    "change",
    ["undo an old answer", "reset a deck", "copy an old answer", "undo then reset back"],
)
def test_what_acts_on_the_answers_summed_is_seen(state: Path, tmp_path: Path, change: str) -> None:
    clock = Clock(NOW, ZoneInfo("Asia/Baku"))
    cache = tmp_path / "cache"
    from_ledger(state, clock, cache)  # the ledger made
    old = old_answer()
    if change == "undo an old answer":
        append(state, {"op": "undo", "id": "f" * 16, "review": old.id, "card": old.card})
    elif change == "copy an old answer":
        append(state, old.event(None))
    else:
        with ProgressStore.open(state) as store:
            store.reset([c.key for c in decks()[1].cards])
            if change == "undo then reset back":
                store.undo_reset()
    expected = read_all(state, clock)
    assert from_ledger(state, clock, cache) == expected
    assert from_ledger(state, clock, cache) == expected  # and again, from what was kept then


def test_an_edit_before_the_ledgers_end_is_read(state: Path, tmp_path: Path) -> None:
    clock = Clock(NOW, ZoneInfo("Asia/Baku"))
    cache = tmp_path / "cache"
    from_ledger(state, clock, cache)
    history_file = state.with_name("progress.history.jsonl")
    text = history_file.read_text(encoding="utf-8")
    first = history().reviews[0]  # overruled: its answer is listed
    assert first.overruled
    line = first.event(None)
    edited = json.dumps({**line, "answer": "answer Z"}, separators=(",", ":"))
    original = json.dumps(line, separators=(",", ":"))
    assert original in text and len(edited) == len(original)
    history_file.write_text(text.replace(original, edited), "utf-8")  # the same length
    expected = read_all(state, clock)
    assert "answer Z" in expected["overruled"][first.card]
    assert from_ledger(state, clock, cache) == expected
    broken = history_file.read_text(encoding="utf-8").replace('"rating":1', '"rating":9', 1)
    history_file.write_text(broken, "utf-8")
    with pytest.raises(ProgressError, match=r"line \d+ is damaged"):
        from_ledger(state, clock, cache)


def test_a_clock_set_back_or_an_odd_zone_reads_every_answer(state: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    from_ledger(state, Clock(NOW, ZoneInfo("Asia/Baku")), cache)
    # Days that start at 10:10 UTC, inside the quarter hour of the answers given at 10:07.
    odd = Clock(NOW, timezone(-timedelta(hours=10, minutes=10)))
    assert from_ledger(state, odd, cache) == read_all(state, odd)
    back = Clock(NOW - timedelta(days=50), ZoneInfo("Asia/Baku"))
    assert from_ledger(state, back, cache) == read_all(state, back)


def test_the_stats_command_keeps_a_ledger_and_says_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    use_fixture_decks(monkeypatch, NOW, "Asia/Baku")
    state = tmp_path / "progress.json"
    write_progress(state, history())
    first = invoke("stats", "--json")
    assert first.exit_code == 0, first.output
    assert list((tmp_path / "cache" / "stats").glob("*.json"))
    again = invoke("stats", "--json")
    assert again.output == first.output
    assert json.loads(again.output)["reviews"] == len(history().reviews)
