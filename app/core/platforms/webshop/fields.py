"""Reading a website's money and dates: both website adapters get decimal strings and ISO
dates, and a value that is neither is the site's fault, named as such.

``site`` names the sender in the message ("WooCommerce", "the website"): a seller with a
custom shop should not read that WooCommerce sent something.
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from app.core.platforms.base import MalformedResponseError


def money(value: Any, site: str) -> Decimal:
    """A money string ("12500.00", "", None) as an exact Decimal."""
    if value in (None, ""):
        return Decimal(0)
    try:
        return Decimal(str(value))
    except InvalidOperation:
        raise MalformedResponseError(f"{site} sent {value!r} as an amount") from None


def utc(value: Any, site: str) -> datetime | None:
    """An ISO date as an aware UTC datetime (one without an offset is UTC already)."""
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(str(value))
    except ValueError:
        raise MalformedResponseError(f"{site} sent {value!r} as a date") from None
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)
