"""How money, dates and counts read in the app: ``Rp 150.000``, local time."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal

from app.gui import i18n
from app.gui.i18n import N_, tr_cached

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
        return tr_cached("{seconds} s").format(seconds=f"{secs:.1f}")
    minutes, s = divmod(int(secs), 60)
    if minutes < 60:
        return tr_cached("{minutes} min {seconds} s").format(minutes=minutes, seconds=f"{s:02d}")
    hours, m = divmod(minutes, 60)
    return tr_cached("{hours} h {minutes} min").format(hours=hours, minutes=f"{m:02d}")


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
        text = tr_cached("{days} d {hours} h").format(days=days, hours=hours)
    elif hours:
        text = tr_cached("{hours} h {minutes} min").format(hours=hours, minutes=minutes)
    else:
        text = tr_cached("{minutes} min").format(minutes=minutes)
    if past:
        return tr_cached("expired {time} ago").format(time=text)
    return tr_cached("in {time}").format(time=text)


def format_count(n: int) -> str:
    """``1.000.000`` with Indonesian grouping."""
    return f"{n:,}".replace(",", ".")


# Enum value -> label shown in tables, filters and details. The hand-written labels come
# first; the rest are what humanize() would generate anyway ("to_ship" -> "To ship"), listed
# so that every value reaching humanize() is marked for translation (app/core/enums.py:
# StoreStatus, ProductStatus, ListingMatch, InventoryState, TxnType, JobKind, JobStatus,
# OrderStatus and Platform). Keys are stored values: never translate them.
_LABELS = {
    "needs_reauth": N_("Needs re-authorization"),
    "to_ship": N_("To ship"),
    "stock_push": N_("Stock push"),
    "ship": N_("Ship orders"),
    "documents": N_("Shipping labels"),
    "cancel": N_("Cancel orders"),
    "sku_exact": N_("SKU match"),
    "sku_normalized": N_("SKU match (loose)"),
    # StoreStatus
    "idle": N_("Idle"),
    "syncing": N_("Syncing"),
    "paused": N_("Paused"),
    "error": N_("Error"),
    "disconnected": N_("Disconnected"),
    # ProductStatus
    "active": N_("Active"),
    "archived": N_("Archived"),
    # ListingMatch and InventoryState
    "none": N_("None"),
    "manual": N_("Manual"),
    "reserved": N_("Reserved"),
    "deducted": N_("Deducted"),
    "released": N_("Released"),
    "returned": N_("Returned"),
    # TxnType
    "adjustment": N_("Adjustment"),
    "purchase": N_("Purchase"),
    "sale": N_("Sale"),
    "reservation": N_("Reservation"),
    "release": N_("Release"),
    "return": N_("Return"),
    "transfer": N_("Transfer"),
    "import": N_("Import"),
    "stocktake": N_("Stocktake"),
    # JobKind
    "products": N_("Products"),
    "orders": N_("Orders"),
    # JobStatus
    "queued": N_("Queued"),
    "running": N_("Running"),
    "succeeded": N_("Succeeded"),
    "failed": N_("Failed"),
    "interrupted": N_("Interrupted"),
    "cancelled": N_("Cancelled"),
    # OrderStatus
    "unpaid": N_("Unpaid"),
    "shipped": N_("Shipped"),
    "completed": N_("Completed"),
    # Platform (Shopee and TikTok Shop have their own labels in the pages)
    "custom_website": N_("Custom website"),
}


def humanize(value: str) -> str:
    """``to_ship`` → ``To ship`` in the interface language; a few values have
    hand-written labels. Called per table cell: the translation is cached."""
    key = str(value)
    label = _LABELS.get(key)
    if label is None:
        text = key.replace("_", " ")
        label = text[:1].upper() + text[1:]
    # the labels are marked with N_ above; tr_cached() itself only takes literals
    return i18n.tr_cached(label)
