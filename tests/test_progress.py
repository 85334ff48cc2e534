"""The progress file: durable answers, exact undo, merging, refusal of broken files."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.disk import answers_on_disk, history_of
from helpers.reviews import record_review
from tiesquiz.cli import cli
from tiesquiz.clock import iso
from tiesquiz.errors import ProgressError
from tiesquiz.progress import (
    FORMAT,
    VERSION,
    Mode,
    Progress,
    ProgressStore,
    Review,
    dumps,
    from_data,
)
from tiesquiz.progress.history import event_line, events, header_line
from tiesquiz.scheduling import AGAIN, GOOD, CardState, SchedulerSettings, review

UTC = timezone.utc
T0 = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)
SETTINGS = SchedulerSettings.defaults()


def answer(store: ProgressStore, key: str, rating: int, when: datetime, mode: Mode = "study"):
    return record_review(store, key, rating, when, mode=mode)


def test_an_answer_is_on_disk_before_the_session_ends(state: Path) -> None:
    store = ProgressStore.open(state)
    entry, _ = answer(store, "d/a", GOOD, T0)
    # No save, no close: another process opening the file sees the answer.
    other = ProgressStore.open(state)
    assert [r.id for r in other.progress.reviews] == [entry.id]
    assert other.progress.cards["d/a"] == store.progress.cards["d/a"]
    review_log = other.progress.reviews[0]
    assert review_log.time == iso(T0) and review_log.rating == GOOD
    assert review_log.mode == "study" and review_log.duration_ms == 1500


def test_saving_writes_readable_json_and_keeps_a_backup(state: Path) -> None:
    store = ProgressStore.open(state)
    answer(store, "d/a", GOOD, T0)
    store.close()
    first = state.read_bytes()
    data = json.loads(first)
    assert data["format"] == FORMAT and data["version"] == VERSION
    assert data["scheduler"]["desired_retention"] == 0.9
    assert set(data["cards"]) == {"d/a"} and "reviews" not in data
    history = history_of(state).read_bytes()
    assert data["log_bytes"] == len(history) and len(answers_on_disk(state)) == 1
    store = ProgressStore.open(state)
    answer(store, "d/b", GOOD, T0)
    store.close()
    assert state.with_name("progress.json.bak").read_bytes() == first
    assert set(json.loads(state.read_bytes())["cards"]) == {"d/a", "d/b"}
    # The history was added to, never rewritten.
    assert history_of(state).read_bytes().startswith(history)
    assert len(answers_on_disk(state)) == 2


def test_undo_restores_the_previous_state_exactly(state: Path) -> None:
    store = ProgressStore.open(state)
    answer(store, "d/a", GOOD, T0)
    after_first = dict(store.progress.cards["d/a"])
    entry, prior = answer(store, "d/a", AGAIN, T0 + timedelta(minutes=10))
    assert store.progress.cards["d/a"] != after_first
    store.undo(entry, prior)
    assert store.progress.cards["d/a"] == after_first
    assert len(store.progress.reviews) == 1
    reopened = ProgressStore.open(state)  # the undo is durable too
    assert reopened.progress.cards["d/a"] == after_first and len(reopened.progress.reviews) == 1
    store.close()
    assert ProgressStore.open(state).progress.cards["d/a"] == after_first


def test_undo_of_a_first_answer_makes_the_card_new_again(state: Path) -> None:
    store = ProgressStore.open(state)
    entry, prior = answer(store, "d/a", GOOD, T0)
    store.undo(entry, prior)
    assert "d/a" not in store.progress.cards and store.progress.reviews == []


def test_quiz_answers_are_logged_but_do_not_move_the_schedule(state: Path) -> None:
    store = ProgressStore.open(state)
    answer(store, "d/a", GOOD, T0)
    before = dict(store.progress.cards["d/a"])
    answer(store, "d/a", AGAIN, T0 + timedelta(days=1), mode="quiz")
    assert store.progress.cards["d/a"] == before
    assert [r.mode for r in store.progress.reviews] == ["study", "quiz"]


def test_a_torn_last_history_line_is_ignored(state: Path) -> None:
    store = ProgressStore.open(state)
    answer(store, "d/a", GOOD, T0)
    with open(history_of(state), "ab") as fh:
        fh.write(b'{"op": "review", "id": "torn", "card": "d/b", "ti')
    reopened = ProgressStore.open(state)
    assert len(reopened.progress.reviews) == 1
    answer(reopened, "d/c", GOOD, T0)  # appending after a torn line still works
    again = ProgressStore.open(state)
    assert [r.card for r in again.progress.reviews] == ["d/a", "d/c"]


def test_two_stores_merge_rather_than_overwrite(state: Path) -> None:
    a = ProgressStore.open(state)
    b = ProgressStore.open(state)
    answer(a, "d/a", GOOD, T0)
    answer(b, "d/b", GOOD, T0 + timedelta(seconds=1))
    a.close()  # saves what is on disk, including b's answer
    answer(b, "d/c", GOOD, T0 + timedelta(seconds=2))
    b.close()
    final = ProgressStore.open(state).progress
    assert sorted(r.card for r in final.reviews) == ["d/a", "d/b", "d/c"]
    assert set(final.cards) == {"d/a", "d/b", "d/c"}


def test_merge_keeps_the_newest_state_of_a_card(state: Path) -> None:
    a = ProgressStore.open(state)
    b = ProgressStore.open(state)
    answer(b, "d/a", AGAIN, T0 + timedelta(hours=1))  # newer, recorded first
    answer(a, "d/a", GOOD, T0)  # older view, recorded second
    a.close()
    b.close()
    final = ProgressStore.open(state).progress
    assert final.cards["d/a"]["last_review"] == iso(T0 + timedelta(hours=1))


def test_one_trip_records_an_answer_from_the_state_on_disk(state: Path) -> None:
    """The store reads the card's state under the lock (what another terminal recorded
    included), schedules from it once, records, and says what the state was and became."""
    here, there = ProgressStore.open(state), ProgressStore.open(state)
    answer(there, "d/a", GOOD, T0)  # another terminal, after this one read the file
    on_disk = there.progress.cards["d/a"]
    when = T0 + timedelta(minutes=10)
    asked: list[CardState | None] = []

    def schedule(prior: CardState | None) -> CardState:
        asked.append(prior)
        return review(prior, AGAIN, when, SETTINGS)

    entry = Review.new_answer("d/a", iso(when), AGAIN, False, "no", 700, "study")
    recorded = here.record_answer(entry, schedule)
    assert asked == [on_disk] and recorded.prior == on_disk
    assert not recorded.review.new and recorded.review.prior_state == on_disk["state"]
    assert recorded.state == here.progress.cards["d/a"] == review(on_disk, AGAIN, when, SETTINGS)
    assert [a["id"] for a in answers_on_disk(state)][-1] == recorded.review.id == entry.id
    quiz = here.record_answer(Review.new_answer("d/a", iso(when), GOOD, True, "x", 1, "quiz"))
    assert quiz.prior == recorded.state and quiz.state is None
    assert here.progress.cards["d/a"] == recorded.state and not quiz.review.new
    here.close()
    there.close()


BROKEN = {
    "not-json": (b'{"format": "tiesquiz-progress", "version": 1, "cards": {', "not valid JSON"),
    "wrong-shape": (
        json.dumps({"format": FORMAT, "version": 1, "cards": [], "reviews": {}}).encode(),
        "damaged",
    ),
    "not-ours": (b'{"hello": "world"}', "not a tiesquiz progress file"),
    "newer": (json.dumps({"format": FORMAT, "version": 99}).encode(), "newer tiesquiz"),
}


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_a_broken_file_is_refused_and_left_untouched(state: Path, name: str) -> None:
    content, message = BROKEN[name]
    state.write_bytes(content)
    with pytest.raises(ProgressError, match=message) as info:
        ProgressStore.open(state)
    assert str(state) in str(info.value)
    for args in (["due"], ["stats", "--json"], ["reset", "--yes", "economy"]):
        result = CliRunner().invoke(cli, ["--state", str(state), *args])
        assert result.exit_code == 1
        assert message in result.output and "Traceback" not in result.output
    assert state.read_bytes() == content
    assert not history_of(state).exists()


def test_a_damaged_card_entry_is_refused(state: Path) -> None:
    progress = Progress.empty()
    data = json.loads(dumps(progress))
    data["cards"]["d/a"] = {"state": "seven"}
    state.write_text(json.dumps(data))
    with pytest.raises(ProgressError, match="card 'd/a' is damaged"):
        ProgressStore.open(state)


def test_missing_folder_for_an_explicit_state_file(tmp_path: Path) -> None:
    target = tmp_path / "nowhere" / "progress.json"
    store = ProgressStore.open(target)
    with pytest.raises(ProgressError, match="does not exist"):
        answer(store, "d/a", GOOD, T0)
    assert not target.parent.exists()


def test_default_location_creates_its_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tiesquiz.paths import default_state_path

    path = default_state_path()
    assert str(path).startswith(str(tmp_path))  # conftest points the data dir at tmp_path
    store = ProgressStore.open(path, create_parents=True)
    answer(store, "d/a", GOOD, T0)
    store.close()
    assert path.exists()


# -- hypothesis: JSON round trips ------------------------------------------------------------------

times = st.datetimes(
    min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1), timezones=st.just(UTC)
).map(iso)
card_states = st.builds(
    lambda s, step, stab, diff, due, last: CardState(
        state=s, step=step, stability=stab, difficulty=diff, due=due, last_review=last
    ),
    st.sampled_from([1, 2, 3]),
    st.one_of(st.none(), st.integers(0, 5)),
    st.one_of(st.none(), st.floats(0.001, 36500, allow_nan=False)),
    st.one_of(st.none(), st.floats(1, 10, allow_nan=False)),
    times,
    st.one_of(st.none(), times),
).map(lambda s: {**s, "step": None} if s["state"] == 2 else {**s, "step": s["step"] or 0})
# As fsrs makes them: never reviewed after the due date (such a hand edit is repaired on reading).
card_states = card_states.map(
    lambda s: {**s, "last_review": min(s["last_review"], s["due"])} if s["last_review"] else s
)
keys = st.from_regex(r"[a-z0-9-]{1,12}/[A-Za-z0-9._-]{1,12}", fullmatch=True)
entries = st.fixed_dictionaries(
    {
        "id": st.text("0123456789abcdef", min_size=16, max_size=16),
        "card": keys,
        "time": times,
        "rating": st.integers(1, 4),
        "correct": st.booleans(),
        "answer": st.text(max_size=40),
        "duration_ms": st.integers(0, 10**7),
        "mode": st.sampled_from(["study", "quiz"]),
        "new": st.booleans(),
        "prior_state": st.one_of(st.none(), st.sampled_from([1, 2, 3])),
    }
)


@settings(max_examples=60, deadline=None)
@given(cards=st.dictionaries(keys, card_states, max_size=8), reviews=st.lists(entries, max_size=8))
def test_progress_json_round_trips(cards: dict[str, CardState], reviews: list) -> None:
    progress = Progress(scheduler=SETTINGS, cards=cards)
    text = dumps(progress)
    back = from_data(json.loads(text), "test")
    assert back == progress
    assert dumps(back) == text
    # The answers round-trip through the history's lines.
    log = [Review.from_dict(r) for r in reviews]
    raw = header_line("0123456789abcdef") + b"".join(
        event_line({"op": "review", **r.to_dict(), "state": None}) for r in log
    )
    assert [Review.from_dict(e) for _, e in events(raw, 0)] == log


@settings(max_examples=60, deadline=None)
@given(state=card_states)
def test_card_state_survives_the_fsrs_round_trip(state: CardState) -> None:
    from tiesquiz.scheduling import from_fsrs, to_fsrs

    assert from_fsrs(to_fsrs(state, T0)) == state
