"""Sentences about time and ratings: the core returns datetimes and numbers, these say them."""

from __future__ import annotations

from datetime import datetime, timedelta

from tiesquiz.clock import Clock

RATING_NAMES = {1: "Again", 2: "Hard", 3: "Good", 4: "Easy"}


def describe_interval(due: datetime, now: datetime) -> str:
    """'in 10 minutes', 'in 3 days': how a student thinks about the next review."""
    seconds = (due - now).total_seconds()
    if seconds <= 60:
        return "now"
    minutes = round(seconds / 60)
    if minutes < 60:
        return f"in {minutes} minute{'s' if minutes != 1 else ''}"
    hours = round(seconds / 3600)
    if hours < 24:
        return f"in {hours} hour{'s' if hours != 1 else ''}"
    days = round(seconds / 86400)
    if days < 60:
        return f"in {days} day{'s' if days != 1 else ''}"
    months = round(days / 30)
    if months < 24:
        return f"in {months} months"
    return f"in {round(days / 365)} years"


def format_points(points: float) -> str:
    """Points with at most two decimals and no trailing zeros: '3.17', '2.5', '3'."""
    text = f"{points:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def format_duration(seconds: float) -> str:
    seconds = round(seconds)
    if seconds < 60:
        return f"{seconds} s"
    minutes, seconds = divmod(seconds, 60)
    if minutes < 60:
        return f"{minutes} min {seconds} s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes} min"


def local_time(clock: Clock, when: datetime) -> str:
    local = clock.local(when)
    today = clock.local(clock.now()).date()
    if local.date() == today:
        return local.strftime("today at %H:%M")
    return local.strftime("%Y-%m-%d %H:%M")


def next_due_line(due: datetime, clock: Clock) -> str:
    return f"Next card due {describe_interval(due, clock.now())} ({local_time(clock, due)})."


def short_interval(interval: timedelta) -> str:
    """'1m', '10m', '3h', '4d', '2mo', '1y': the shorthand Anki shows on its rating buttons."""
    seconds = max(0.0, interval.total_seconds())
    if seconds < 3600:
        return f"{max(1, round(seconds / 60))}m"
    if seconds < 86400:
        return f"{round(seconds / 3600)}h"
    days = round(seconds / 86400)
    if days < 60:
        return f"{days}d"
    if days < 730:
        return f"{round(days / 30)}mo"
    return f"{round(days / 365)}y"


def clock_time(seconds: float) -> str:
    """Time left as m:ss."""
    whole = max(0, int(seconds))
    return f"{whole // 60}:{whole % 60:02d}"
