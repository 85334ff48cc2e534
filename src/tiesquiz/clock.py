"""Time: UTC inside, the learner's local day on screen, and injectable so tests are exact."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone, tzinfo

from tiesquiz.errors import SettingsError

UTC = timezone.utc


def iso(dt: datetime) -> str:
    """One fixed text form for every stored time, so stored times compare as strings."""
    return dt.astimezone(UTC).isoformat(timespec="microseconds")


def parse_iso(text: str) -> datetime:
    dt = datetime.fromisoformat(text.replace("Z", "+00:00"))
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    return dt.astimezone(UTC)


@dataclass(frozen=True)
class Clock:
    """``now()`` in UTC plus the learner's time zone. Tests pass a fixed one."""

    fixed: datetime | None = None
    tz: tzinfo | None = None

    def now(self) -> datetime:
        if self.fixed is not None:
            return self.fixed.astimezone(UTC)
        return datetime.now(UTC)

    def local(self, dt: datetime) -> datetime:
        """``dt`` on the learner's wall clock (the system zone, with its DST rules, by default)."""
        return dt.astimezone(self.tz) if self.tz is not None else dt.astimezone()

    def day_bounds(self, at: datetime | None = None) -> tuple[datetime, datetime]:
        """The learner's local calendar day containing ``at``, as a UTC [start, end) pair."""
        local = self.local(at or self.now())
        midnight = local.replace(hour=0, minute=0, second=0, microsecond=0, tzinfo=None)
        following = midnight + timedelta(days=1)
        if self.tz is not None:
            start, end = midnight.replace(tzinfo=self.tz), following.replace(tzinfo=self.tz)
        else:  # a naive time's astimezone() applies the system's rules for that date
            start, end = midnight.astimezone(), following.astimezone()
        return start.astimezone(UTC), end.astimezone(UTC)


def make_clock(now: str | None = None, tz_name: str | None = None) -> Clock:
    """The real clock, or one fixed at ``now`` (an ISO time), in the zone ``tz_name`` (IANA).

    The command line passes ``TIESQUIZ_NOW`` and ``TIESQUIZ_TZ`` here; a value that cannot be
    read is a :class:`~tiesquiz.errors.SettingsError` saying what to write instead.
    """
    fixed: datetime | None = None
    if now:
        try:
            fixed = parse_iso(now)
        except ValueError:
            raise SettingsError(
                f"TIESQUIZ_NOW={now!r} is not a time; write it as ISO 8601, e.g. "
                "2026-11-28T09:00:00+00:00, or unset it to use the real clock"
            ) from None
    tz: tzinfo | None = None
    if tz_name:
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        try:
            tz = ZoneInfo(tz_name)
        except (ZoneInfoNotFoundError, ValueError):
            raise SettingsError(
                f"TIESQUIZ_TZ={tz_name!r} is not a time zone; use an IANA name such as "
                "Asia/Baku or Europe/London, or unset it to use the system's zone"
            ) from None
    return Clock(fixed=fixed, tz=tz)
