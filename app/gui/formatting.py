"""How money, numbers, dates and times read on screen: ``Rp 177.273``, ``15,5 %``,
``03 Des 2026 14:05`` — in the interface language, in the workspace's time zone.

The rules (docs/ARCHITECTURE.md, "Money, time, analytics"):

- month and day names come from Qt's CLDR data (``QLocale``) for the interface language;
  numbers are written the Indonesian way in both languages (``1.234,5``: CLDR ``id_ID``
  and ``en_ID`` agree), as every Rupiah amount always was;
- money is shown in whole rupiah, rounded half-up from the exact ``Decimal`` only here,
  at display; the services, the database and the exports keep the exact amounts;
- times are shown in the workspace's time zone (``calendar.zone``), the one the exports
  and every "today" use, set once at start-up by :func:`set_display_zone`.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, tzinfo
from decimal import ROUND_HALF_UP, Decimal

from PySide6.QtCore import QLocale

from app.core.services.analytics.calendar import local_zone
from app.gui import i18n
from app.gui.i18n import N_, tr_cached

_WHOLE = Decimal(1)
_zone: list[tzinfo] = [local_zone(None)]  # the workspace default until start-up sets it
_locales: dict[str, QLocale] = {}


def display_locale() -> QLocale:
    """The locale of the interface language as spoken in Indonesia (id_ID or en_ID)."""
    language = i18n.current_language()
    found = _locales.get(language)
    if found is None:
        lang = QLocale.Language.Indonesian if language == "id" else QLocale.Language.English
        found = _locales[language] = QLocale(lang, QLocale.Country.Indonesia)
    return found


def apply_display_locale() -> None:
    """Make the display locale Qt's default, so date edits and number boxes built from
    now on write months and decimals like the tables do (called at start-up)."""
    QLocale.setDefault(display_locale())


def set_display_zone(tz: tzinfo) -> None:
    """The workspace's time zone: every time on screen is shown in it."""
    _zone[0] = tz


def display_zone() -> tzinfo:
    """The zone times are shown in."""
    return _zone[0]


def zone_label(tz: tzinfo | None = None) -> str:
    """``Asia/Jakarta (UTC+07:00)`` for Settings."""
    tz = tz or display_zone()
    offset = datetime.now(tz).utcoffset() or timedelta(0)
    minutes = int(offset.total_seconds()) // 60
    sign = "+" if minutes >= 0 else "-"
    hours, mins = divmod(abs(minutes), 60)
    return f"{getattr(tz, 'key', None) or tz} (UTC{sign}{hours:02d}:{mins:02d})"


# --------------------------------------------------------------------------- numbers


def _grouped(whole: int) -> str:
    return f"{whole:,}".replace(",", display_locale().groupSeparator())


def format_count(n: int) -> str:
    """``1.000.000`` with Indonesian grouping."""
    sign = "-" if n < 0 else ""
    return sign + _grouped(abs(int(n)))


def format_decimal(value: Decimal | int | float | None, places: int = 1) -> str:
    """``15,5``: rounded half-up to ``places`` decimals, Indonesian separators."""
    if value is None:
        return ""
    exact = Decimal(str(value)) if isinstance(value, float) else Decimal(value)
    rounded = exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    sign = "-" if rounded < 0 else ""
    whole, _, fraction = f"{abs(rounded):f}".partition(".")
    text = _grouped(int(whole))
    if fraction:
        text += display_locale().decimalPoint() + fraction
    return sign + text


def format_percent(value: Decimal | int | float | None, places: int = 1) -> str:
    """``15,5 %``."""
    return "" if value is None else f"{format_decimal(value, places)} %"


def format_rupiah(amount: Decimal | int | None) -> str:
    """``Rp 177.273``: whole rupiah, rounded half-up from the exact amount; ``-Rp 2.000``.
    Display only (exports keep sen: :func:`app.core.money.format_rupiah`)."""
    if amount is None:
        return ""
    if isinstance(amount, float):
        raise TypeError("money must be Decimal or int, never float")
    value = Decimal(amount).quantize(_WHOLE, rounding=ROUND_HALF_UP)
    sign = "-" if value < 0 else ""
    return f"{sign}Rp {_grouped(int(abs(value)))}"


# --------------------------------------------------------------------------- dates and times


def month_name(month: int) -> str:
    """The short month name in the interface language: ``Des`` / ``Dec``."""
    return display_locale().monthName(month, QLocale.FormatType.ShortFormat)


def day_name(weekday: int) -> str:
    """The short day name (``weekday`` as Python's: Monday is 0): ``Sen`` / ``Mon``."""
    return display_locale().dayName(weekday + 1, QLocale.FormatType.ShortFormat)


def format_date(d: date | None) -> str:
    """``03 Des 2026``; empty for None."""
    if d is None:
        return ""
    return f"{d.day:02d} {month_name(d.month)} {d.year}"


def local(dt: datetime | None) -> datetime | None:
    """An aware UTC timestamp in the workspace's time zone."""
    if dt is None:
        return None
    return dt.astimezone(display_zone())


def format_datetime(dt: datetime | None) -> str:
    """``24 Nov 2026 14:05`` in the workspace's time zone; empty for None."""
    loc = local(dt)
    return "" if loc is None else f"{format_date(loc.date())} {loc:%H:%M}"


def format_time_or_date(dt: datetime | None, now: datetime | None = None) -> str:
    """Only the time for today, else the date and time (workspace's time zone)."""
    loc = local(dt)
    if loc is None:
        return ""
    today = (now or datetime.now(display_zone())).astimezone(display_zone()).date()
    if loc.date() == today:
        return f"{loc:%H:%M}"
    return f"{loc.day:02d} {month_name(loc.month)} {loc:%H:%M}"


def format_duration(delta: timedelta | None) -> str:
    """``1 h 02 min``, ``3,4 s``."""
    if delta is None:
        return ""
    secs = delta.total_seconds()
    if secs < 60:
        return tr_cached("{seconds} s").format(seconds=format_decimal(secs, 1))
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


# A sync job's kind in words, as Sync activity names it (its list, filter and log title).
JOB_KIND_LABELS = {
    "orders": N_("Fetch orders"),
    "products": N_("Sync products"),
    "stock_push": N_("Push stock"),
    "ship": N_("Ship orders"),
    "documents": N_("Shipping labels"),
    "cancel": N_("Cancel orders"),
}


def job_kind_label(kind: str) -> str:
    """``stock_push`` → ``Push stock`` in the interface language."""
    label = JOB_KIND_LABELS.get(str(kind))
    return humanize(kind) if label is None else i18n.tr_cached(label)


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
