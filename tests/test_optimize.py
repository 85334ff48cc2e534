"""FSRS-6's parameters fitted to a student's answers (``tiesquiz.scheduling.optimize``): what the
trainer reads, how close a fit comes to a simulated student's true memory, and when a fit is not
better than what is in use."""

from __future__ import annotations

import math
from datetime import timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from helpers.student import FORGETFUL, T0, simulate
from tiesquiz.clock import Clock, iso
from tiesquiz.progress import Review, SchedulerSettings
from tiesquiz.scheduling import optimize
from tiesquiz.scheduling.optimize import MIN_REVIEWS, card_histories, fit

rs = pytest.importorskip("fsrs_rs_python")

UTC_CLOCK = Clock(tz=timezone.utc)
DEFAULTS = SchedulerSettings.defaults().parameters


@pytest.fixture(scope="module")
def histories() -> list[optimize.CardHistory]:
    """200 cards studied for 150 days by a forgetful student, scheduled with the defaults."""
    return card_histories(simulate(FORGETFUL, cards=200, days=150, seed=1).reviews, UTC_CLOCK)


def answer(card: str, minutes: float, rating: int = 3, *, mode: str = "study", new: bool = False):
    time = iso(T0 + timedelta(minutes=minutes))
    return Review(f"{card}{minutes}", card, time, rating, rating > 1, "x", 1000, mode, new, None)  # type: ignore[arg-type]


def test_a_fit_from_the_defaults_comes_close_to_the_students_true_parameters(
    histories: list[optimize.CardHistory],
) -> None:
    result = fit(histories, DEFAULTS)
    truth = optimize._evaluate(FORGETFUL, optimize._points(histories))
    assert result.verdict == "better" and result.parameters is not None
    assert (result.answers, result.cards) == (2034, 200) and result.reviews == 1834
    assert result.current is not None and result.fitted is not None
    current, fitted, true = (e.whole.log_loss for e in (result.current, result.fitted, truth))
    # The defaults are well off this student's memory (0.020 here); the fit closes most of the
    # gap: 82% here, 0.0037 above the truth (seeds 1 to 8 of this simulation: 61% to 96% of
    # it, at most 0.0113 above the truth).
    assert current - true > 0.015
    assert fitted - true < 0.012
    assert (current - fitted) / (current - true) > 0.6
    # Fitted to the earlier answers only, it predicts the later ones better too.
    assert result.fitted.later is not None and result.current.later is not None
    assert result.fitted.later.log_loss < result.current.later.log_loss
    assert result.fitted.whole.rmse < result.current.whole.rmse


def test_a_fit_no_better_than_the_parameters_in_use_is_not_better(
    histories: list[optimize.CardHistory],
) -> None:
    # The student's true memory is what is in use: a fit to 1,834 reviews comes near it, not
    # past it (so in each of seeds 1 to 8), and the fit's own parameters fit no better again.
    result = fit(histories, FORGETFUL)
    assert result.verdict == "not-better" and not result.better
    assert result.parameters is not None
    assert fit(histories, result.parameters).verdict == "not-better"


def test_too_few_reviews_are_not_fitted_and_say_how_many_more() -> None:
    few = card_histories(simulate(FORGETFUL, cards=20, days=30).reviews, UTC_CLOCK)
    result = fit(few, DEFAULTS)
    assert result.verdict == "too-few" and result.parameters is None
    assert 0 < result.reviews < MIN_REVIEWS
    assert result.needed == MIN_REVIEWS - result.reviews
    assert fit(few, DEFAULTS, minimum=result.reviews).verdict != "too-few"


def test_the_trainer_reads_the_first_study_answer_of_each_local_day() -> None:
    baku = Clock(tz=ZoneInfo("Asia/Baku"))  # UTC+4: T0 (09:00 UTC) is 13:00 there
    reviews = [
        answer("d/a", 0, 1, new=True),
        answer("d/a", 10, 3),  # the same day: a learning step, not read
        answer("d/a", 60 * 24 - 30, 3, mode="quiz"),  # a quiz answer is never read
        answer("d/a", 60 * 12, 2),  # 21:00 UTC is 01:00 the next day in Baku: one day on
        answer("d/a", 60 * 24 * 3 + 5, 4),
        answer("d/b", 5, 3),  # its first answer here is not as a new card: left out
        answer("d/b", 60 * 24 * 2, 3),
    ]
    (a,) = card_histories(reversed(reviews), baku)
    assert (a.card, a.ratings, a.gaps) == ("d/a", (1, 2, 4), (0, 1, 2))
    (utc,) = card_histories(reviews, UTC_CLOCK)
    assert (utc.ratings, utc.gaps) == ((1, 4), (0, 3))


def test_the_figures_are_fsrs_rs_own(histories: list[optimize.CardHistory]) -> None:
    """The log loss computed here is fsrs-rs's, weighted as its ``evaluate`` weighs it."""
    points = optimize._points(histories)
    chances = optimize.predictions(DEFAULTS, points)
    weights = [0.25 + 0.75 * (i / (len(points) - 1)) ** 3 for i in range(len(points))]
    loss = -sum(
        w * math.log(c if p.recalled else 1 - c)
        for w, c, p in zip(weights, chances, points, strict=True)
    ) / sum(weights)
    found = rs.FSRS(list(DEFAULTS)).evaluate(optimize._items(points))
    assert loss == pytest.approx(found.log_loss, rel=1e-5)


def test_parameters_fsrs_refuses_are_never_better(
    histories: list[optimize.CardHistory], monkeypatch: pytest.MonkeyPatch
) -> None:
    real = rs.FSRS

    class Refused:
        def __init__(self, parameters: list[float]) -> None:
            self.real = real(parameters)

        def compute_parameters(self, items: object) -> list[float]:
            w = list(rs.DEFAULT_PARAMETERS)
            w[4] = 0.5  # initial difficulty: fsrs-rs reads it, fsrs refuses it (1 to 10)
            return w

        def __getattr__(self, name: str) -> object:
            return getattr(self.real, name)

    monkeypatch.setattr(rs, "FSRS", Refused)
    assert fit(histories, DEFAULTS).verdict == "refused"


def test_the_simulator_suggests_a_retention_it_can_be_set_to(
    histories: list[optimize.CardHistory],
) -> None:
    advice = optimize.suggest_retention(
        FORGETFUL,
        histories,
        SchedulerSettings.defaults(),
        cards=200,
        new_per_day=10,
        reviews_per_day=200,
    )
    assert 0.7 <= advice.suggested <= 0.99  # what `tiesquiz settings --retention` takes
    retentions = [s.retention for s in advice.simulated]
    assert advice.suggested in retentions and retentions == sorted(retentions)
    minutes = [s.minutes_per_day for s in advice.simulated]
    assert minutes[-1] > minutes[0] > 0  # a higher retention costs more time


def test_the_fit_record_is_kept_with_the_settings_and_a_hand_edit_of_it_is_ignored() -> None:
    fitted = SchedulerSettings(FORGETFUL, fitted_at="2026-06-05T10:00:00.000000+00:00")
    fitted = SchedulerSettings.from_dict({**fitted.to_dict(), "fitted_answers": 2034})
    assert (fitted.fitted_at, fitted.fitted_answers) == ("2026-06-05T10:00:00.000000+00:00", 2034)
    assert SchedulerSettings.from_dict(fitted.to_dict()) == fitted
    assert "fitted_at" not in SchedulerSettings.defaults().to_dict()  # fsrs' own dict until then
    edited = {**fitted.to_dict(), "fitted_at": 7, "fitted_answers": "many"}
    assert SchedulerSettings.from_dict(edited) == SchedulerSettings(FORGETFUL)
