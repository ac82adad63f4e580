"""Column types shared by the models: exact money and UTC timestamps."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy import BigInteger, DateTime
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator

MINOR_UNITS = 100  # money is stored in hundredths (sen), exact on every database
_CENT = Decimal("0.01")


def to_minor_units(value: Decimal | int) -> int:
    """An amount as the integer number of hundredths stored (half-up past two decimals)."""
    if isinstance(value, float):
        raise TypeError("money must be Decimal or int, never float")
    if isinstance(value, int):
        return value * MINOR_UNITS
    if not isinstance(value, Decimal):
        value = Decimal(value)
    return int(value.quantize(_CENT, rounding=ROUND_HALF_UP) * MINOR_UNITS)


def to_naive_utc(value: datetime) -> datetime:
    """An aware datetime as the naive UTC value stored; naive input is refused."""
    if value.tzinfo is None:
        raise ValueError("naive datetime: pass an aware datetime (UTC)")
    return value.astimezone(UTC).replace(tzinfo=None)


class Money(TypeDecorator[Decimal]):
    """A Decimal amount stored as an integer number of hundredths.

    SQLite has no exact decimal type; integers are exact everywhere and sum exactly in SQL.
    Values with more than two decimals are rounded half-up, as an accountant would.
    """

    impl = BigInteger
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> int | None:
        return None if value is None else to_minor_units(value)

    def process_result_value(self, value: Any, dialect: Dialect) -> Decimal | None:
        if value is None:
            return None
        return (Decimal(int(value)) / MINOR_UNITS).quantize(Decimal("0.01"))


def money_from_minor(value: int | None) -> Decimal:
    """Turn an integer of hundredths (e.g. from ``SUM()`` in SQL) into a Decimal."""
    return (Decimal(int(value or 0)) / MINOR_UNITS).quantize(Decimal("0.01"))


class UTCDateTime(TypeDecorator[datetime]):
    """A timestamp stored as naive UTC, returned timezone-aware in UTC.

    Naive datetimes handed in are refused: the caller must say which zone it means.
    """

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> datetime | None:
        return None if value is None else to_naive_utc(value)

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC)


def utcnow() -> datetime:
    """The current time, aware, in UTC."""
    return datetime.now(UTC)
