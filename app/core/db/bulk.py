"""Bulk inserts for the hot paths (order ingestion, the stock ledger).

SQLAlchemy's ``execute(insert(table), dicts)`` runs every value of every row through its
bind processors in Python; for a page of 100 orders with 300 lines and 300 ledger rows
that is most of the write time. Here a statement is built once per (table, columns) and
the caller hands over tuples already in the database's own form, made with the
converters of :func:`formats` — the same rules as the column types in
:mod:`app.core.db.types`, so a row written here reads back exactly like one the ORM wrote.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from functools import lru_cache
from typing import Any

from sqlalchemy import FromClause, Table, func, select
from sqlalchemy.engine import Connection, Dialect

from app.core.db.types import to_minor_units, to_naive_utc

_POSITIONAL = {"qmark": "?", "format": "%s"}
_NAMED = {"named": ":{}", "pyformat": "%({})s"}


@dataclass(frozen=True)
class RowFormat:
    """How values go into the database on one dialect."""

    money: Callable[[Decimal | int | None], int | None]
    time: Callable[[datetime | None], Any]


@lru_cache(maxsize=8192)
def _sqlite_time(value: datetime) -> str:
    # SQLAlchemy's SQLite DateTime storage format, microseconds always written, so text
    # comparison orders times correctly; cached: a page's orders share their seconds
    v = to_naive_utc(value)
    return (
        f"{v.year:04d}-{v.month:02d}-{v.day:02d} "
        f"{v.hour:02d}:{v.minute:02d}:{v.second:02d}.{v.microsecond:06d}"
    )


def _sqlite_time_or_none(value: datetime | None) -> str | None:
    return None if value is None else _sqlite_time(value)


def _naive_or_none(value: datetime | None) -> datetime | None:
    return None if value is None else to_naive_utc(value)


def _money_or_none(value: Decimal | int | None) -> int | None:
    if isinstance(value, Decimal):
        return _minor_units(value)
    return None if value is None else to_minor_units(value)  # refuses a float, uncached


@lru_cache(maxsize=16384)
def _minor_units(value: Decimal) -> int:
    # cached: an order page repeats a few prices, fees and discounts many times over, and
    # equal amounts (Decimal("5"), Decimal("5.00")) have one stored value
    return to_minor_units(value)


def formats(dialect: Dialect) -> RowFormat:
    """The converters for ``dialect``."""
    if dialect.name == "sqlite":
        return RowFormat(money=_money_or_none, time=_sqlite_time_or_none)
    return RowFormat(money=_money_or_none, time=_naive_or_none)


def _check_columns(table: Table, columns: tuple[str, ...]) -> None:
    """Fail at once, and clearly, on a typo or a required column left out: the models'
    Python-side defaults do not apply here."""
    unknown = [c for c in columns if c not in table.c]
    if unknown:
        raise KeyError(f"{table.name} has no column {', '.join(unknown)}")
    missing = [
        c.name
        for c in table.c
        if c.name not in columns
        and not c.nullable
        and c.server_default is None
        and not (c.primary_key and c.autoincrement in (True, "auto"))
    ]
    if missing:
        raise ValueError(f"bulk insert into {table.name} leaves out {', '.join(missing)}")


@lru_cache(maxsize=64)
def _statement(dialect: Dialect, table: Table, columns: tuple[str, ...]) -> tuple[str, bool]:
    """The INSERT for these columns and whether it takes positional parameters."""
    _check_columns(table, columns)
    style = dialect.paramstyle
    quote = dialect.identifier_preparer
    if style in _POSITIONAL:
        marks = [_POSITIONAL[style]] * len(columns)
    elif style == "numeric":
        marks = [f":{i}" for i in range(1, len(columns) + 1)]
    else:
        marks = [_NAMED[style].format(c) for c in columns]
    names = ", ".join(quote.quote(c) for c in columns)
    sql = f"INSERT INTO {quote.format_table(table)} ({names}) VALUES ({', '.join(marks)})"
    return sql, style in _POSITIONAL or style == "numeric"


def insert_rows(
    conn: Connection, table: FromClause, columns: Sequence[str], rows: Sequence[tuple]
) -> None:
    """Insert ``rows`` (tuples in ``columns`` order, values from :func:`formats`) in one
    ``executemany``, in the connection's current transaction.

    ``table`` is a model's ``__table__`` (typed as any FROM clause by SQLAlchemy).
    """
    if not isinstance(table, Table):
        raise TypeError(f"insert_rows needs a table, not {type(table).__name__}")
    if not rows:
        return
    sql, positional = _statement(conn.dialect, table, tuple(columns))
    params = list(rows) if positional else [dict(zip(columns, r, strict=True)) for r in rows]
    conn.exec_driver_sql(sql, params)


@lru_cache(maxsize=64)
def _add_statement(
    dialect: Dialect, table: Table, added: tuple[str, ...], fixed: tuple[str, ...]
) -> str:
    """UPDATE adding to ``added`` and setting ``fixed`` on the row whose id is given."""
    for c in (*added, *fixed):
        if c not in table.c:
            raise KeyError(f"{table.name} has no column {c}")
    style = dialect.paramstyle
    names = [*added, *fixed, "id"]
    if style in _POSITIONAL:
        marks = [_POSITIONAL[style]] * len(names)
    elif style == "numeric":
        marks = [f":{i}" for i in range(1, len(names) + 1)]
    else:
        marks = [_NAMED[style].format(f"p{i}") for i in range(len(names))]
    q = dialect.identifier_preparer.quote
    sets = [f"{q(c)} = {q(c)} + {m}" for c, m in zip(added, marks, strict=False)]
    sets += [f"{q(c)} = {m}" for c, m in zip(fixed, marks[len(added) :], strict=False)]
    return (
        f"UPDATE {dialect.identifier_preparer.format_table(table)} SET {', '.join(sets)} "
        f"WHERE {q('id')} = {marks[-1]}"
    )


def add_by_id(
    conn: Connection,
    table: FromClause,
    added: Sequence[str],
    rows: Sequence[tuple],
    fixed: dict[str, Any] | None = None,
) -> None:
    """``column = column + value`` for each of ``added`` on many rows, one ``executemany``.

    Each of ``rows`` is (the values to add, in ``added`` order, then the row's id);
    ``fixed`` columns get one value on every row (in database form, :func:`formats`). The
    same atomic SQL as Core's ``update()``, without its per-row parameter processing.
    """
    if not isinstance(table, Table):
        raise TypeError(f"add_by_id needs a table, not {type(table).__name__}")
    if not rows:
        return
    fixed = fixed or {}
    sql = _add_statement(conn.dialect, table, tuple(added), tuple(fixed))
    values = tuple(fixed.values())
    params: list = [(*r[:-1], *values, r[-1]) for r in rows]
    style = conn.dialect.paramstyle
    if style not in _POSITIONAL and style != "numeric":
        params = [{f"p{i}": v for i, v in enumerate(p)} for p in params]
    conn.exec_driver_sql(sql, params)


#: read a whole table (and keep the wanted rows) when the ids asked for are at least
#: 1/SCAN_SHARE of its rows: one pass beats a hundred IN (...) lists of CHUNK ids
SCAN_SHARE = 4
CHUNK = 500  # ids per IN (...) list: well under every SQLite build's variable limit


def worth_a_scan(conn: Connection, wanted: int, table: FromClause) -> bool:
    """Whether ``wanted`` ids are many enough, against ``table``'s rows, to read it whole."""
    if wanted <= CHUNK:
        return False
    total = conn.execute(select(func.count()).select_from(table)).scalar() or 0
    return wanted * SCAN_SHARE >= total
