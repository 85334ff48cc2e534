"""Issue 29, item 2: a student's own marks on single cards (suspend, bury, flag), as events of
the history: validated on read, folded (also in a shared folder), undoable, kept across edits."""

from __future__ import annotations

import json
import random
from datetime import datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from helpers.answers import right_answer
from helpers.cli import clean_error, invoke
from helpers.decks import fixture_deck, use_fixture_decks
from helpers.machines import NaiveSync, Sim, hours, snapshot
from tiesquiz.clock import Clock, iso
from tiesquiz.errors import ProgressError
from tiesquiz.progress import Limits, ProgressStore
from tiesquiz.session import StudySession
from tiesquiz.ui.frontend import Frontend
from tiesquiz.ui.output import Out
from tiesquiz.ui.plain import PlainFrontend
from tiesquiz.ui.prompt_keys import KEYS
from tiesquiz.ui.run import run_study
from tiesquiz.ui.terminal import TerminalFrontend

DECK = fixture_deck()

T1 = "2026-12-04T10:00:00.000000+00:00"
T2 = "2026-12-04T11:00:00.000000+00:00"
MIDNIGHT = "2026-12-05T00:00:00.000000+00:00"


def test_marks_are_folded_saved_and_read_back(state: Path) -> None:
    with ProgressStore.open(state) as store:
        store.suspend("d/a", T1)
        store.bury("d/b", T1, MIDNIGHT)
        store.flag("d/c", T1, "the answer is wrong")
        assert store.progress.marks == {
            "d/a": {"suspended": True},
            "d/b": {"buried_until": MIDNIGHT},
            "d/c": {"flag": "the answer is wrong", "flagged_at": T1},
        }
    saved = json.loads(state.read_text(encoding="utf-8"))
    assert saved["marks"]["d/a"] == {"suspended": True}
    with ProgressStore.open(state, since=T2) as store:  # from the saved file
        assert store.progress.marks["d/c"]["flag"] == "the answer is wrong"
    state.unlink()  # and from the history alone
    with ProgressStore.open(state) as store:
        assert set(store.progress.marks) == {"d/a", "d/b", "d/c"}


def test_unsuspend_and_an_empty_flag_take_the_marks_back(state: Path) -> None:
    with ProgressStore.open(state) as store:
        store.suspend("d/a", T1)
        store.bury("d/a", T1, MIDNIGHT)
        store.flag("d/a", T1, "unclear")
        store.unsuspend("d/a", T2)
        assert store.progress.marks == {"d/a": {"flag": "unclear", "flagged_at": T1}}
        store.flag("d/a", T2, "")
        assert store.progress.marks == {}
    with ProgressStore.open(state) as store:
        assert store.progress.marks == {}


@pytest.mark.parametrize(
    "event",
    [
        {"op": "suspend", "id": "x", "time": T1},
        {"op": "bury", "id": "x", "card": "d/a", "time": T1, "until": "tomorrow"},
        {"op": "flag", "id": "x", "card": "d/a", "time": T1, "note": 3},
        {"op": "unsuspend", "id": "x", "card": "d/a", "time": "now"},
    ],
)
def test_a_damaged_mark_event_is_refused_and_named(state: Path, event: dict[str, object]) -> None:
    with ProgressStore.open(state) as store:
        store.suspend("d/b", T1)
    with state.with_name("progress.history.jsonl").open("a", encoding="utf-8") as history:
        history.write(json.dumps(event) + "\n")
    state.unlink()
    with pytest.raises(ProgressError, match="line 3"):
        ProgressStore.open(state)


def test_damaged_marks_in_the_progress_file_are_refused(state: Path) -> None:
    with ProgressStore.open(state) as store:
        store.suspend("d/a", T1)
    data = json.loads(state.read_text(encoding="utf-8"))
    data["marks"]["d/a"] = {"suspended": "yes"}
    state.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ProgressError, match="marks of 'd/a' are damaged"):
        ProgressStore.open(state)


def _wrote(sim: Sim, before: dict[str, bytes]) -> None:
    """What the store wrote in ``sim``'s folder, for the sync tool (as ``Sim.run`` records)."""
    after = snapshot(sim.folder)
    sim.wrote |= {n for n in set(before) | set(after) if before.get(n) != after.get(n)}


def test_marks_merge_across_machines_the_latest_winning(tmp_path: Path) -> None:
    a, b = Sim("A", tmp_path / "A"), Sim("B", tmp_path / "B")
    tool = NaiveSync()
    before = snapshot(a.folder)
    with a.open() as store:
        store.suspend("sync/c1", hours(0).isoformat(timespec="microseconds"))
        store.flag("sync/c2", hours(0).isoformat(timespec="microseconds"), "typo")
    _wrote(a, before)
    tool.sync(a, b)
    before = snapshot(b.folder)
    with b.open() as store:
        assert store.progress.marks["sync/c1"] == {"suspended": True}
        store.unsuspend("sync/c1", hours(1).isoformat(timespec="microseconds"))
    _wrote(b, before)
    tool.sync(a, b)
    for sim in (a, b):
        with sim.open() as store:
            assert "sync/c1" not in store.progress.marks, sim.name
            assert store.progress.marks["sync/c2"]["flag"] == "typo", sim.name


NOW = datetime(2026, 12, 4, 9, tzinfo=timezone.utc)
TOKYO = Clock(fixed=NOW, tz=ZoneInfo("Asia/Tokyo"))  # 18:00 there: the day ends at 15:00 UTC


def _asked(state: Path, clock: Clock) -> list[str]:
    """The cards a study session asks, in order (the student answering each right)."""
    with ProgressStore.open(state) as store:
        session = StudySession(store, list(DECK.cards), clock, Limits(), random.Random(3))
        asked = []
        while (question := session.current()) is not None:
            asked.append(question.card.key)
            session.answer(right_answer(question.view))
        return asked


def test_study_leaves_out_suspended_cards_and_buried_ones_until_the_day_ends(state: Path) -> None:
    first, second, third = (c.key for c in DECK.cards[:3])
    until = iso(TOKYO.day_bounds()[1])
    assert until == "2026-12-04T15:00:00.000000+00:00"
    with ProgressStore.open(state) as store:
        store.suspend(first, iso(NOW))
        store.bury(second, iso(NOW), until)
    asked = _asked(state, TOKYO)
    assert first not in asked and second not in asked and third in asked
    later = Clock(fixed=NOW + timedelta(hours=6), tz=TOKYO.tz)  # the next day in Tokyo
    asked = _asked(state, later)
    assert second in asked and first not in asked
    with ProgressStore.open(state) as store:
        store.unsuspend(first, iso(later.now()))
    assert first in _asked(state, later)


def test_the_commands_suspend_unsuspend_and_flag_a_card(
    state: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    use_fixture_decks(monkeypatch, NOW, "UTC")
    result = invoke("suspend", "all-types/flash")
    assert result.exit_code == 0, result.output
    assert "Suspended: Front of the card" in result.output and "flash" not in result.output
    result = invoke("flag", "all-types/flash", "--note", "the back is wrong")
    assert result.exit_code == 0 and "Note: the back is wrong" in result.output
    with ProgressStore.open(state) as store:
        assert store.progress.marks["all-types/flash"] == {
            "suspended": True,
            "flag": "the back is wrong",
            "flagged_at": iso(NOW),
        }
    assert invoke("unsuspend", "all-types/flash").exit_code == 0
    with ProgressStore.open(state) as store:
        assert "suspended" not in store.progress.marks["all-types/flash"]


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("suspend", "all-types"), "DECK/CARD"),
        (("suspend", "all-types/nope"), "has no card 'nope'"),
        (("flag", "all-typo/flash", "--note", "x"), "did you mean 'all-types'"),
    ],
)
def test_a_card_not_found_is_refused_and_nothing_is_marked(
    state: Path, monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...], words: str
) -> None:
    use_fixture_decks(monkeypatch, NOW, "UTC")
    assert words in clean_error(invoke(*args))
    with ProgressStore.open(state) as store:
        assert store.progress.marks == {}


def test_stats_lists_suspended_and_flagged_cards_by_question(
    state: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    use_fixture_decks(monkeypatch, NOW, "UTC")
    with ProgressStore.open(state) as store:
        store.suspend("all-types/flash", iso(NOW))
        store.flag("all-types/flash", iso(NOW), "the back is wrong")
        store.flag("gone-deck/x", iso(NOW), "not in scope")
    result = invoke("stats", "all-types")
    assert result.exit_code == 0, result.output
    assert "Suspended, not studied (1):\n  Front of the card" in result.output
    assert "Flagged as wrong or unclear (1):\n  Front of the card: the back is wrong" in (
        result.output
    )
    assert "all-types/flash" not in result.output and "not in scope" not in result.output
    data = json.loads(invoke("stats", "all-types", "--json").output)
    assert data["suspended"] == ["all-types/flash"]
    assert data["flagged"] == {"all-types/flash": "the back is wrong"}


def _study(state: Path, frontend: Frontend, *ids: str) -> None:
    cards = [c for c in DECK.cards if c.id in ids]
    session = StudySession(ProgressStore.open(state), cards, TOKYO, Limits(), random.Random(1))
    with session.store:
        run_study(session, frontend, TOKYO)


def test_plain_study_buries_suspends_and_flags_the_card_on_screen(state: Path) -> None:
    printed: list[str] = []
    lines = iter([":flag", ":flag  the  back is wrong ", ":suspend", ":bury", ":h", ":q"])
    frontend = PlainFrontend(Out(printed.append), lambda: next(lines, None))
    _study(state, frontend, "typed", "tf")
    text = "\n".join(printed)
    assert "Say what is wrong or unclear: :flag NOTE" in text
    assert "Flagged, with your note" in text and "Suspended: it is not shown" in text
    assert "Buried: it comes back tomorrow." in text
    assert ":flag NOTE" in text.split("One reply a line:")[-1]  # listed by :h
    with ProgressStore.open(state) as store:
        marks = store.progress.marks
    flagged = [k for k, m in marks.items() if m.get("flag") == "the back is wrong"]
    suspended = [k for k, m in marks.items() if m.get("suspended")]
    buried = [
        k for k, m in marks.items() if m.get("buried_until") == "2026-12-04T15:00:00.000000+00:00"
    ]
    assert flagged == suspended and len(flagged) == 1 and len(buried) == 1
    assert set(flagged + buried) == {"all-types/typed", "all-types/tf"}


def test_terminal_list_prompts_bury_suspend_and_flag_by_single_keys(state: Path) -> None:
    """b, x and ! in a list prompt (a true/false card, whose own keys are t, f, 1 and 2)."""
    printed: list[str] = []
    with create_pipe_input() as pipe:
        frontend = TerminalFrontend(Out(printed.append, width=60), input=pipe, output=DummyOutput())
        pipe.send_text("!" + "unclear wording\r" + "h" + "x")
        _study(state, frontend, "tf")
    text = "\n".join(printed)
    assert "Flagged, with your note" in text and "Suspended: it is not shown" in text
    study_keys = text.split("Keys in study:")[-1]
    assert "bury: the card comes back tomorrow" in study_keys and "flag the card" in study_keys
    with ProgressStore.open(state) as store:
        assert store.progress.marks["all-types/tf"] == {
            "suspended": True,
            "flag": "unclear wording",
            "flagged_at": iso(NOW),
        }
    cards = [c for c in DECK.cards if c.id == "tf"]
    with ProgressStore.open(state) as store:  # nothing left to ask: the only card is suspended
        assert StudySession(store, cards, TOKYO, Limits()).current() is None


def test_the_new_keys_clash_with_no_answer_key() -> None:
    answer_keys = {"t", "f", " ", *map(str, range(1, 10))}
    assert {"b", "x", "!"} <= set(KEYS) and not answer_keys & set(KEYS)


def test_a_flag_in_a_quiz_reaches_the_teacher_with_the_results(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`:flag NOTE` in a quiz: the question stays to be answered, the results file carries the
    note, and `results` lists it under the card."""
    use_fixture_decks(monkeypatch)
    folder = tmp_path / "in"
    folder.mkdir()
    out = folder / "ana.json"
    lines = [":flag the key looks wrong", "Quba", *[":s"] * 20]
    result = invoke(
        "--state", str(tmp_path / "s.json"), "quiz", "all-types", "--type", "typed", "--plain",
        "--results", str(out), "--name", "Ana", input="\n".join(lines) + "\n",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "Flagged, with your note: your teacher sees it with your results." in result.output
    answers = json.loads(out.read_text(encoding="utf-8"))["answers"]
    flagged = [a for a in answers if a["flag"]]
    assert [a["flag"] for a in flagged] == ["the key looks wrong"]
    assert flagged[0]["status"] == "answered"  # flagging did not skip the question
    shown = invoke("results", str(folder)).stdout
    assert "flagged by students: 'the key looks wrong' 1" in shown
    got = json.loads(invoke("results", str(folder), "--json").stdout)
    notes = [n for item in got["items"] for n in item["student_flags"]]
    assert notes == [{"note": "the key looks wrong", "count": 1}]


def test_unsuspend_takes_a_deck_since_a_student_never_sees_card_ids(
    state: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    use_fixture_decks(monkeypatch)
    for card in ("all-types/typed", "all-types/cloze"):
        assert invoke("--state", str(state), "suspend", card).exit_code == 0
    result = invoke("--state", str(state), "unsuspend", "all-types")
    assert result.exit_code == 0 and "Shown in study again: 2 cards of all-types." in result.output
    marks = json.loads(state.read_text(encoding="utf-8")).get("marks", {})
    assert not any(m.get("suspended") for m in marks.values())
    again = invoke("--state", str(state), "unsuspend", "all-types")
    assert "No card of all-types is suspended or buried." in again.output
