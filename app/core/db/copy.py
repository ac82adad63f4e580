"""Copy a local workspace (the SQLite file) into an empty team database (PostgreSQL):
``storesync db copy-to URL`` and Settings -> Team database -> Copy this workspace there.

The target must be empty (no table at all): a shop's data is never merged into or written
over another's. It is migrated to head first, then filled one table group at a time, each
group in one transaction (a failure leaves the groups before it and nothing of its own).
Afterwards every table's row count is compared, and each id sequence is set past the
copied ids. The SQLite file is only read. The ledger invariant is checked by the caller
(:func:`app.core.workspace.copy_workspace_to`), through the services.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import Engine, Integer, Table, func, inspect, select, text

from app.core.db.dialects import bulk_load_statements
from app.core.db.engine import READ_ONLY_OPTION
from app.core.db.migrate import current_revision, head_revision, upgrade_to_head
from app.core.db.models import Base
from app.core.db.team import TeamDatabaseProblem, server_problem, shown
from app.core.text import msg

# FK order between the groups; a table not named here (a newer feature's) goes into a last
# group, in the metadata's dependency order
TABLE_GROUPS: list[tuple[str, tuple[str, ...]]] = [
    ("workspace", ("platforms", "workspaces", "users", "settings", "audit_log",
                   "inventory_locations")),
    ("catalog", ("products", "variants")),
    ("stores", ("stores", "channel_listings", "sync_cursors", "sync_jobs", "sync_logs")),
    ("orders", ("orders", "order_items", "order_packages", "order_status_history",
                "order_returns", "order_return_lines")),
    ("stock", ("inventory_items", "inventory_transactions", "stock_push_outbox")),
    ("analytics", ("sales_daily", "sales_daily_variant", "sales_monthly_variant")),
]  # fmt: skip
BATCH = 5_000

Progress = Callable[[str, int, int], None]  # (group, groups done, groups in all)


@dataclass
class CopyReport:
    """What was copied: rows per table (equal on both sides, or the copy failed)."""

    rows: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.rows.values())


def table_groups() -> list[tuple[str, list[Table]]]:
    """The tables to copy, grouped and in an order that satisfies every foreign key."""
    ordered = Base.metadata.sorted_tables
    by_name = {t.name: t for t in ordered}
    named = {n for _g, names in TABLE_GROUPS for n in names}
    groups: list[tuple[str, list[Table]]] = []
    for group, names in TABLE_GROUPS:
        tables = [t for t in ordered if t.name in names and t.name in by_name]
        if tables:
            groups.append((group, tables))
    rest = [t for t in ordered if t.name not in named]
    if rest:
        groups.append(("other", rest))
    return groups


def check_empty(target: Engine) -> None:
    """Refuse a target that holds any table (reaching it at all is checked here too)."""
    try:
        with target.connect() as conn:
            names = inspect(conn).get_table_names()
    except Exception as exc:
        problem = server_problem(exc, target.url)
        if problem is None:
            raise
        raise problem from None
    if names:
        raise TeamDatabaseProblem(
            msg(
                "The database {url} is not empty ({count} tables). Copy into a new, empty "
                "database: nothing was copied.",
                url=shown(target.url),
                count=len(names),
            )
        )


def copy_database(source: Engine, target: Engine, progress: Progress | None = None) -> CopyReport:
    """Copy every row of ``source`` (at head) into the empty ``target``; see the module."""
    head = head_revision(source)
    if current_revision(source) != head:
        raise TeamDatabaseProblem(
            msg(
                "The local database is not at this version's schema: open it once with "
                "this StoreSync (it is migrated then), then copy it."
            )
        )
    check_empty(target)
    upgrade_to_head(target)
    groups = table_groups()
    report = CopyReport()
    # one deferred read of the SQLite file: a consistent snapshot, no write lock taken
    with source.connect().execution_options(**{READ_ONLY_OPTION: True}) as src:
        for done, (group, tables) in enumerate(groups):
            if progress is not None:
                progress(group, done, len(groups))
            with target.begin() as dst:
                # the catalog's search index filled once after its rows, not per row
                before, after = bulk_load_statements(dst.dialect.name)
                if group != "catalog":
                    before = after = []
                for statement in before:
                    dst.exec_driver_sql(statement)
                for table in tables:
                    # rows a migration seeded (the platforms) make way for the copied ones
                    dst.execute(table.delete())
                    report.rows[table.name] = _copy_table(src, dst, table)
                for statement in after:
                    dst.exec_driver_sql(statement)
    _reset_sequences(target, [t for _g, ts in groups for t in ts])
    _check_counts(target, report)
    # fresh statistics: without them PostgreSQL plans the first searches for empty tables
    with target.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.exec_driver_sql("ANALYZE")
    if progress is not None:
        progress("", len(groups), len(groups))
    return report


def _copy_table(src, dst, table: Table) -> int:
    result = src.execution_options(stream_results=True).execute(select(table))
    if dst.dialect.name != "postgresql":
        copied = 0
        while rows := result.fetchmany(BATCH):
            dst.execute(table.insert(), [r._asdict() for r in rows])
            copied += len(rows)
        return copied
    # PostgreSQL's COPY, in the group's transaction: an executemany of one-row INSERTs
    # took 16 s for 25,000 catalog rows, a multi-row INSERT longer still (compiling it)
    procs = [c.type.bind_processor(dst.dialect) for c in table.columns]
    cols = ", ".join(f'"{c.name}"' for c in table.columns)
    cursor = dst.connection.driver_connection.cursor()
    copied = 0
    with cursor.copy(f'COPY "{table.name}" ({cols}) FROM STDIN') as copy:
        while rows := result.fetchmany(BATCH):
            for row in rows:
                copy.write_row([_cell(p, v) for p, v in zip(procs, row, strict=True)])
            copied += len(rows)
    return copied


def _cell(proc, value):
    value = proc(value) if proc else value
    # JSON columns: psycopg's COPY takes their text
    return json.dumps(value) if isinstance(value, dict | list) else value


def _reset_sequences(target: Engine, tables: list[Table]) -> None:
    """Each serial id's sequence continues after the highest copied id."""
    with target.begin() as conn:
        for table in tables:
            pk = list(table.primary_key.columns)
            if len(pk) != 1 or not isinstance(pk[0].type, Integer):
                continue
            seq = conn.execute(
                text("SELECT pg_get_serial_sequence(:t, :c)"), {"t": table.name, "c": pk[0].name}
            ).scalar()
            if seq is None:
                continue
            top = conn.execute(select(func.max(pk[0]))).scalar()
            conn.execute(
                text("SELECT setval(:s, :v, :called)"),
                {"s": seq, "v": top or 1, "called": top is not None},
            )


def _check_counts(target: Engine, report: CopyReport) -> None:
    with target.connect() as conn:
        for name, rows in report.rows.items():
            table = Base.metadata.tables[name]
            there = conn.execute(select(func.count()).select_from(table)).scalar()
            if there != rows:
                raise TeamDatabaseProblem(
                    msg(
                        "The copy of table {table} has {there} rows instead of {rows}; "
                        "drop the team database's tables and copy again.",
                        table=name,
                        there=there,
                        rows=rows,
                    )
                )
