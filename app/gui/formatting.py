"""How money, dates and counts read in the app: ``Rp 150.000``, local time."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal

try:  # the shared helper, when the core offers one
    from app.core.money import format_rupiah as _core_format_rupiah  # type: ignore[import-not-found]
except ImportError:  # pragma: no cover - depends on what the core ships
    _core_format_rupiah = None


def format_rupiah(amount: Decimal | int | None) -> str:
    """``Rp 150.000`` (Indonesian grouping; sen only when there are any: ``Rp 1.500,50``)."""
    if amount is None:
        return ""
    if _core_format_rupiah is not None:
        return str(_core_format_rupiah(amount))
    value = Decimal(amount).quantize(Decimal("0.01"))
    sign = "-" if value < 0 else ""
    value = abs(value)
    whole = int(value)
    cents = int((value - whole) * 100)
    grouped = f"{whole:,}".replace(",", ".")
    tail = f",{cents:02d}" if cents else ""
    return f"{sign}Rp {grouped}{tail}"


def local(dt: datetime | None) -> datetime | None:
    """An aware UTC timestamp in the user's local zone."""
    if dt is None:
        return None
    return dt.astimezone()


def format_datetime(dt: datetime | None) -> str:
    """``24 Nov 2026 14:05`` in local time; empty for None."""
    loc = local(dt)
    return "" if loc is None else loc.strftime("%d %b %Y %H:%M")


def format_time_or_date(dt: datetime | None, now: datetime | None = None) -> str:
    """Only the time for today, else the date and time (local)."""
    loc = local(dt)
    if loc is None:
        return ""
    today = (now or datetime.now().astimezone()).date()
    return loc.strftime("%H:%M") if loc.date() == today else loc.strftime("%d %b %H:%M")


def format_duration(delta: timedelta | None) -> str:
    """``1 h 02 min``, ``3.4 s``."""
    if delta is None:
        return ""
    secs = delta.total_seconds()
    if secs < 60:
        return f"{secs:.1f} s"
    minutes, s = divmod(int(secs), 60)
    if minutes < 60:
        return f"{minutes} min {s:02d} s"
    hours, m = divmod(minutes, 60)
    return f"{hours} h {m:02d} min"


def format_countdown(until: datetime | None, now: datetime) -> str:
    """``in 3 d 4 h``, ``in 25 min``, ``expired 2 h ago``."""
    if until is None:
        return ""
    delta = until - now
    past = delta.total_seconds() < 0
    secs = abs(int(delta.total_seconds()))
    days, rem = divmod(secs, 86400)
    hours, rem = divmod(rem, 3600)
    minutes = rem // 60
    if days:
        text = f"{days} d {hours} h"
    elif hours:
        text = f"{hours} h {minutes} min"
    else:
        text = f"{minutes} min"
    return f"expired {text} ago" if past else f"in {text}"


def format_count(n: int) -> str:
    """``1.000.000`` with Indonesian grouping."""
    return f"{n:,}".replace(",", ".")


_LABELS = {
    "needs_reauth": "Needs re-authorization",
    "to_ship": "To ship",
    "stock_push": "Stock push",
    "sku_exact": "SKU match",
    "sku_normalized": "SKU match (loose)",
}


def humanize(value: str) -> str:
    """``to_ship`` → ``To ship``; a few values have hand-written labels."""
    if str(value) in _LABELS:
        return _LABELS[str(value)]
    text = str(value).replace("_", " ")
    return text[:1].upper() + text[1:]
