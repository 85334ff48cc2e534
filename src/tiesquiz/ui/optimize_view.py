"""``tiesquiz optimize`` in words: what the fit used, how well each set of parameters predicts
your answers, what was kept; the study reminder; and where ``settings`` says they came from."""

from __future__ import annotations

from datetime import date

from tiesquiz.fitting import Evaluation, Optimized, Reminder, Retention, Source
from tiesquiz.ui.render import wrap
from tiesquiz.ui.table import Column, fit_table

COLUMNS = (Column("log loss", "loss"), Column("RMSE"))
EXPLAINED = (
    "Lower is better. 'Later answers': the last five sixths of your history, each part "
    "predicted by parameters fitted only to the answers before it (a time-series split), so a "
    "fit cannot be judged on the answers it learned from alone."
)


def render_optimized(result: Optimized, retention: float, command: str, width: int) -> list[str]:
    """The report: what was read, the figures, the verdict, and the simulator's retention.
    ``retention`` is the desired retention in use; ``command``, the tiesquiz command line for
    this progress file (a suggestion adds its words to it)."""
    fit = result.fit
    lines = [wrap(_read(result), "", width)]
    if fit.verdict == "too-few":
        lines.append(wrap(_too_few(result), "", width))
        return lines
    lines += ["", *_figures(result, width), "", wrap(EXPLAINED, "", width), ""]
    lines.append(wrap(_verdict(result, command), "", width))
    if fit.parameters is not None:
        numbers = ", ".join(f"{w:g}" for w in fit.parameters)
        label = "Parameters now in use" if result.kept else "Fitted parameters (not in use)"
        lines.append(wrap(f"{label}: {numbers}", "", width, hang="  "))
    if result.retention is not None:
        lines += ["", *_retention(result.retention, retention, command, width)]
    return lines


def _read(result: Optimized) -> str:
    fit = result.fit
    return (
        f"Read {_count(fit.answers, 'answer')} to {_count(fit.cards, 'card')} (the first to a "
        f"card on each day, from your study); {fit.reviews:,} of them came back to a card on a "
        "later day, which is what the fit learns to predict."
    )


def _too_few(result: Optimized) -> str:
    fit = result.fit
    return (
        f"Not enough to fit yet: a fit needs {fit.minimum:,} answers that come back to a card on "
        f"a later day, and you have {fit.reviews:,}. About {fit.needed:,} more, then run it "
        f"again. Your parameters stay as they are ({_origin(result.before)})."
    )


def _figures(result: Optimized, width: int) -> list[str]:
    fit = result.fit
    rows: list[list[str]] = []
    for name, figures in (
        (f"current ({_origin(result.before)})", fit.current),
        ("fitted", fit.fitted),
    ):
        if figures is not None:
            rows += _rows(name, figures)
    header, body = fit_table("parameters", COLUMNS, rows, width)
    return [*header, *(line for row in body for line in row)]


def _rows(name: str, figures: Evaluation) -> list[list[str]]:
    rows = [[f"{name}, whole history", *_cells(figures.whole.log_loss, figures.whole.rmse)]]
    if figures.later is not None:
        rows.append([f"{name}, later answers", *_cells(figures.later.log_loss, figures.later.rmse)])
    return rows


def _cells(log_loss: float, rmse: float) -> list[str]:
    return [f"{log_loss:.4f}", f"{rmse * 100:.2f}%"]


def _verdict(result: Optimized, command: str) -> str:
    fit = result.fit
    if result.kept:
        return (
            "Kept: the fitted parameters predict your answers better, and schedule your cards "
            f"from now on (fitted today from {_count(fit.answers, 'answer')}). "
            f"'{command} settings' shows where your parameters came from."
        )
    if fit.better:
        return (
            "The fitted parameters predict your answers better, but nothing was kept "
            f"(--dry-run). To keep them: {command} optimize"
        )
    if fit.verdict == "refused":
        return (
            "Not kept: fsrs cannot schedule with the fitted parameters; your parameters stay "
            "as they are."
        )
    return (
        "Not kept: the fitted parameters do not predict your answers better than the ones in "
        "use (log loss on your whole history); your parameters stay as they are."
    )


def _retention(advice: Retention, current: float, command: str, width: int) -> list[str]:
    columns = (Column("minutes a day", "min/day"), Column("remembered", "kept"))
    rows = [
        [f"{s.retention:.2f}", f"{s.minutes_per_day:.1f}", f"{s.remembered:,.0f}"]
        for s in advice.simulated
    ]
    header, body = fit_table("retention", columns, rows, width)
    intro = (
        "A year of your cards at your daily limits, as fsrs-rs's simulator plays it, for each "
        "desired retention (minutes of study a day; cards remembered at the end):"
    )
    change = (
        f"Yours is {current:.2f}."
        if f"{advice.suggested:.2f}" == f"{current:.2f}"
        else f"Yours is {current:.2f}; to change it: {command} settings --retention "
        f"{advice.suggested:.2f}"
    )
    verdict = (
        f"The least study time per card remembered is at {advice.suggested:.2f}. A higher "
        f"retention costs more time and keeps more in mind (before an exam, say). {change}"
    )
    return [
        wrap(intro, "", width),
        *header,
        *(line for row in body for line in row),
        wrap(verdict, "", width),
    ]


def _origin(source: Source) -> str:
    if source.origin == "default":
        return "FSRS-6's defaults"
    if source.origin == "fitted":
        return f"fitted {_day(source.fitted_on)} from {_count(source.answers, 'answer')}"
    return "set outside tiesquiz optimize"


def _day(day: date | None) -> str:
    return f"on {day.isoformat()}" if day else "on an unknown day"


def _count(n: int, word: str) -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"


def parameters_line(source: Source) -> str:
    """Where the parameters in use came from, for ``tiesquiz settings``."""
    if source.origin == "default":
        return "FSRS-6's defaults (tiesquiz optimize fits them to your answers)"
    return _origin(source)[0].upper() + _origin(source)[1:]


def reminder_lines(reminder: Reminder, command: str, width: int) -> list[str]:
    """Said once at the end of the study session in which the answers doubled since the fit."""
    text = (
        f"You have {_count(reminder.now, 'answer')} now, at least twice the "
        f"{reminder.then:,} your parameters were fitted from {_day(reminder.fitted_on)}: "
        f"'{command} optimize' may fit them better."
    )
    return [wrap(text, "", width)]
