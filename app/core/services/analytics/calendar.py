"""The calendar every figure is counted in: the workspace's time zone, its days and "today".

Days are calendar days in the workspace's time zone (Asia/Jakarta by default), whatever the
machine's zone is: a store's day ends at the seller's midnight, not the computer's. This
module is the one definition of that rule — :func:`zone` and :func:`today` for pages and
services that need the local day, :func:`day_bounds` and :class:`Period` to turn local days
into the UTC instants orders are stored at, :class:`Granularity` for time-series buckets.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.db.models import Workspace
from app.core.services.context import ServiceContext
from app.core.services.errors import ValidationError
from app.core.text import msg

DEFAULT_ZONE = "Asia/Jakarta"
# Fixed offsets for the zones sellers use, for machines without a tz database (Windows
# without the tzdata package). Indonesia has had no daylight saving since 1964.
_FALLBACK_ZONES: dict[str, tzinfo] = {
    "Asia/Jakarta": timezone(timedelta(hours=7), "WIB"),
    "Asia/Pontianak": timezone(timedelta(hours=7), "WIB"),
    "Asia/Makassar": timezone(timedelta(hours=8), "WITA"),
    "Asia/Jayapura": timezone(timedelta(hours=9), "WIT"),
    "UTC": UTC,
}


# --------------------------------------------------------------------------- zones and today


def local_zone(name: str | None) -> tzinfo:
    """The time zone called ``name`` (Asia/Jakarta when unknown)."""
    name = name or DEFAULT_ZONE
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return _FALLBACK_ZONES.get(name, _FALLBACK_ZONES[DEFAULT_ZONE])


def workspace_zone(session: Session, workspace_id: int) -> tzinfo:
    """The workspace's time zone, in which days, weeks and months are counted."""
    return local_zone(
        session.scalar(select(Workspace.timezone).where(Workspace.id == workspace_id))
    )


def zone(ctx: ServiceContext) -> tzinfo:
    """The workspace's time zone, read in a session of its own (for pages and services)."""
    with ctx.read() as s:
        return workspace_zone(s, ctx.workspace_id)


def local_today(tz: tzinfo) -> date:
    """The current calendar day in ``tz``."""
    return datetime.now(tz).date()


def today(ctx: ServiceContext) -> date:
    """Today in the workspace's time zone: the one "today" of the app."""
    return local_today(zone(ctx))


# --------------------------------------------------------------------------- days and periods


def day_bounds(day: date, tz: tzinfo) -> tuple[datetime, datetime]:
    """The UTC instants where local ``day`` starts and the next day starts."""
    start = datetime(day.year, day.month, day.day, tzinfo=tz)
    nxt = day + timedelta(days=1)
    end = datetime(nxt.year, nxt.month, nxt.day, tzinfo=tz)
    return start.astimezone(UTC), end.astimezone(UTC)


@dataclass(frozen=True)
class Period:
    """A half-open range ``[start, end)`` of aware datetimes."""

    start: datetime
    end: datetime

    def __post_init__(self) -> None:
        if self.start.tzinfo is None or self.end.tzinfo is None:
            raise ValidationError(msg("pass aware datetimes for the period"), field="period")
        if self.end <= self.start:
            raise ValidationError(msg("the period ends before it starts"), field="period")

    @classmethod
    def of_days(cls, first: date, last: date, tz: tzinfo) -> Period:
        """Whole local days ``first`` … ``last`` (inclusive)."""
        if last < first:
            raise ValidationError(msg("the last day is before the first"), field="period")
        return cls(day_bounds(first, tz)[0], day_bounds(last, tz)[1])

    def local_days(self, tz: tzinfo) -> tuple[date, date]:
        """The first and last local day the period touches."""
        first = self.start.astimezone(tz).date()
        last = (self.end - timedelta(microseconds=1)).astimezone(tz).date()
        return first, last


def period_of_days(ctx: ServiceContext, first: date, last: date) -> Period:
    """Whole days ``first`` … ``last`` in the workspace's time zone."""
    return Period.of_days(first, last, zone(ctx))


# --------------------------------------------------------------------------- buckets and months


class Granularity(enum.StrEnum):
    """How a time series is bucketed (weeks start on Monday)."""

    DAY = "day"
    WEEK = "week"
    MONTH = "month"

    @classmethod
    def auto(cls, first: date, last: date) -> Granularity:
        """Days up to a month, weeks up to half a year, months beyond."""
        span = (last - first).days + 1
        return cls.DAY if span <= 31 else cls.WEEK if span <= 183 else cls.MONTH

    def bucket(self, day: date) -> date:
        """The first day of the bucket ``day`` falls in."""
        if self is Granularity.WEEK:
            return day - timedelta(days=day.weekday())
        if self is Granularity.MONTH:
            return day.replace(day=1)
        return day

    def buckets(self, first: date, last: date) -> list[date]:
        """Every bucket between two days, in order."""
        out: list[date] = []
        day = self.bucket(first)
        while day <= last:
            out.append(day)
            day = _next_bucket(self, day)
        return out


def _next_bucket(g: Granularity, day: date) -> date:
    if g is Granularity.DAY:
        return day + timedelta(days=1)
    if g is Granularity.WEEK:
        return day + timedelta(days=7)
    return add_month(day)


def add_month(day: date) -> date:
    """The first day of the month after ``day``'s."""
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


def month_split(first: date, last: date) -> tuple[list[date], list[tuple[date, date]]]:
    """Whole months inside ``[first, last]``, and the leftover day ranges at the edges."""
    months: list[date] = []
    edges: list[tuple[date, date]] = []
    m = first if first.day == 1 else add_month(first)
    if m > last:
        return [], [(first, last)]
    if first < m:
        edges.append((first, m - timedelta(days=1)))
    while add_month(m) - timedelta(days=1) <= last:
        months.append(m)
        m = add_month(m)
    if m <= last:
        edges.append((m, last))
    return months, edges
