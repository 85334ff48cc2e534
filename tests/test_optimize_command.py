"""``tiesquiz optimize`` on a simulated student's history: a better fit is kept (and recorded,
and shown by ``settings``), a worse one is not, too few answers say how many more, study then
schedules with the fitted parameters, and reminds once when the answers have doubled."""

from __future__ import annotations

import json
import sys
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest

from helpers.cli import clean_error, invoke, lines_in
from helpers.student import FORGETFUL, T0, simulate
from helpers.study import write_deck
from tiesquiz.clock import iso
from tiesquiz.progress import Progress, ProgressStore, Review, SchedulerSettings, write_progress
from tiesquiz.scheduling import GOOD, review

pytest.importorskip("fsrs_rs_python")

NOW = "2026-06-05T10:00:00+00:00"  # the day after the simulation's 150 days
DEFAULTS = SchedulerSettings.defaults()


@pytest.fixture(scope="module")
def student() -> Progress:
    """200 cards studied for 150 days by a forgetful student, scheduled with the defaults."""
    return simulate(FORGETFUL, cards=200, days=150, seed=1)


@pytest.fixture(autouse=True)
def clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TIESQUIZ_NOW", NOW)
    monkeypatch.setenv("TIESQUIZ_TZ", "UTC")


def write(state: Path, student: Progress, scheduler: SchedulerSettings = DEFAULTS) -> None:
    progress = Progress.empty()
    progress.reviews, progress.cards = list(student.reviews), dict(student.cards)
    progress.scheduler = scheduler
    write_progress(state, progress)


def scheduler(state: Path) -> SchedulerSettings:
    with ProgressStore.open(state) as store:
        return store.progress.scheduler


def test_a_better_fit_is_kept_recorded_and_shown_by_settings(state: Path, student) -> None:
    write(state, student)
    result = invoke("optimize")
    assert result.exit_code == 0, result.output
    text = " ".join(result.output.split())
    assert "Read 2,034 answers to 200 cards" in text and "1,834 of them came back" in text
    assert "Kept: the fitted parameters predict your answers better" in text
    kept = scheduler(state)
    assert kept.parameters != DEFAULTS.parameters and len(kept.parameters) == 21
    assert (kept.fitted_at, kept.fitted_answers) == ("2026-06-05T10:00:00.000000+00:00", 2034)
    assert kept.desired_retention == DEFAULTS.desired_retention  # the rest as it was
    settings = " ".join(invoke("settings").output.split())
    assert "Parameters: Fitted on 2026-06-05 from 2,034 answers" in settings
    again = invoke("optimize")  # the same answers: the same fit, no better
    assert "Not kept" in again.output and scheduler(state) == kept


def test_dry_run_and_json_keep_nothing(state: Path, student) -> None:
    write(state, student)
    result = invoke("optimize", "--dry-run", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert (data["verdict"], data["kept"], data["dry_run"]) == ("better", False, True)
    assert (data["answers"], data["cards"], data["reviews"]) == (2034, 200, 1834)
    assert data["fitted"]["history"]["log_loss"] < data["current"]["history"]["log_loss"]
    assert data["current"]["time_series_split"]["rmse"] > 0
    assert len(data["parameters"]) == 21 and data["before"]["origin"] == "default"
    assert scheduler(state) == DEFAULTS
    text = " ".join(invoke("optimize", "--dry-run").output.split())
    assert "nothing was kept (--dry-run)" in text
    assert "FSRS-6's defaults" in " ".join(invoke("settings").output.split())


def test_too_few_answers_say_how_many_more_and_keep_the_parameters(state: Path) -> None:
    write(state, simulate(FORGETFUL, cards=20, days=30))
    result = invoke("optimize", "--retention")
    assert result.exit_code == 0, result.output
    data = json.loads(invoke("optimize", "--json").output)
    reviews = data["reviews"]
    assert data["verdict"] == "too-few" and 0 < reviews < 400
    assert data["reviews_needed"] == 400 - reviews and data["parameters"] is None
    text = " ".join(result.output.split())
    assert (
        f"a fit needs 400 answers that come back to a card on a later day, and you have {reviews}."
        in text
    )
    assert f"About {400 - reviews} more" in text
    assert "Your parameters stay as they are (FSRS-6's defaults)" in text
    assert scheduler(state) == DEFAULTS


def test_a_worse_fit_is_not_kept(state: Path, student) -> None:
    true = SchedulerSettings(FORGETFUL)  # the student's true memory is already in use
    write(state, student, true)
    result = invoke("optimize")
    assert result.exit_code == 0, result.output
    assert "Not kept: the fitted parameters do not predict your answers better" in " ".join(
        result.output.split()
    )
    assert scheduler(state) == true
    assert "Set outside tiesquiz optimize" in invoke("settings").output


def test_study_schedules_with_the_fitted_parameters(
    state: Path, student, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(state, student)
    assert invoke("optimize").exit_code == 0
    fitted = scheduler(state).parameters
    write_deck(tmp_path / "decks", cards=3)
    monkeypatch.setenv("TIESQUIZ_DECKS", str(tmp_path / "decks"))
    result = invoke("study", "crash", "--plain", "--limit", "1", input=lines_in(["t"]))
    assert result.exit_code == 0, result.output
    with ProgressStore.open(state) as store:
        first = store.progress.cards["crash/c0"]
    # Good on a new card: its stability is the parameters' third, 2.3065 by default.
    assert first["stability"] == pytest.approx(fitted[2]) and fitted[2] != DEFAULTS.parameters[2]


def test_study_reminds_once_when_the_answers_have_doubled_since_the_fit(
    state: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ten cards first seen three days ago: studied again today, they count 20 answers, at least
    twice the 5 the parameters were fitted from. Said in that session, not in the next."""
    seen = T0.replace(month=6, day=2)
    progress = Progress.empty()
    progress.scheduler = replace(DEFAULTS, fitted_at=iso(seen), fitted_answers=5)
    for i in range(10):
        key = f"crash/c{i}"
        progress.reviews.append(Review.new_answer(key, iso(seen), GOOD, True, "t", 900, "study"))
        progress.cards[key] = review(None, GOOD, seen + timedelta(minutes=i), progress.scheduler)
    write_progress(state, progress)
    write_deck(tmp_path / "decks", cards=20)
    monkeypatch.setenv("TIESQUIZ_DECKS", str(tmp_path / "decks"))
    first = invoke("study", "crash", "--plain", "--limit", "10", input=lines_in(["t"] * 10))
    assert first.exit_code == 0, first.output
    said = " ".join(first.output.split())
    assert (
        "You have 20 answers now, at least twice the 5 your parameters were fitted from on "
        "2026-06-02: 'tiesquiz optimize' may fit them better." in said
    )
    monkeypatch.setenv("TIESQUIZ_NOW", "2026-06-05T11:00:00+00:00")  # an hour later
    second = invoke("study", "crash", "--plain", "--limit", "3", input=lines_in(["t"] * 3))
    assert second.exit_code == 0, second.output
    assert "Studied 3 cards" in second.output and "optimize" not in second.output


def test_without_the_fitter_installed_it_says_how_to_install_it(
    state: Path, student, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(state, student)
    monkeypatch.setitem(sys.modules, "fsrs_rs_python", None)  # import fails, as uninstalled
    message = clean_error(invoke("optimize"))
    assert "python -m pip install fsrs-rs-python" in message
    assert scheduler(state) == DEFAULTS


def test_settings_names_a_fit_whose_time_was_edited_by_hand(state: Path, student) -> None:
    write(state, student, replace(DEFAULTS, fitted_at="last spring", fitted_answers=12))
    text = " ".join(invoke("settings").output.split())
    assert "Parameters: Fitted on an unknown day from 12 answers" in text
