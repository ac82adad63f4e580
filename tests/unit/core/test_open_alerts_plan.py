"""The open low-stock alerts are found through their own index (migration 0016), never by
reading every stock row: at 1,000,000 items the Home page's alert list and count scanned
``inventory_items`` on every refresh (issue 14 item 6). The plans are SQLite's own, for the
exact statements the services run."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

import pytest
from sqlalchemy import Engine, event

from app.core.services import alerts, inventory, locations
from tests.helpers.factories import product

INDEX = "ix_inventory_items_low_alerted"


@pytest.fixture
def alerted(ctx):
    """Three SKUs with stock, one of them low (its alert fired)."""
    loc = locations.list_locations(ctx)[0].id
    for p in range(3):
        v = product(ctx, skus=(f"MADU-{p}",)).variants[0]
        inventory.set_reorder(ctx, v.id, loc, 5, 10)
        inventory.receive(ctx, v.id, loc, 10)
        if p == 1:
            inventory.adjust(ctx, v.id, loc, -7, "sold at the market")
    assert [a.sku for a in alerts.open_alerts(ctx)] == ["MADU-1"]
    return loc


def _plan_of(workspace, call: Callable[[], object]) -> list[str]:
    """SQLite's plan for the statement ``call`` runs on ``low_alerted_at``."""
    seen: list[tuple[str, tuple]] = []

    def capture(conn, cursor, statement, parameters, context, executemany):
        if "low_alerted_at IS NOT NULL" in statement:
            seen.append((statement, tuple(parameters)))

    event.listen(Engine, "before_cursor_execute", capture)
    try:
        call()
    finally:
        event.remove(Engine, "before_cursor_execute", capture)
    assert len(seen) == 1, seen
    con = sqlite3.connect(workspace.paths.database)
    try:
        return [r[3] for r in con.execute("EXPLAIN QUERY PLAN " + seen[0][0], seen[0][1])]
    finally:
        con.close()


def test_the_open_alerts_list_reads_the_alert_index(ctx, workspace, alerted):
    plan = _plan_of(workspace, lambda: alerts.open_alerts(ctx))
    assert any(INDEX in step for step in plan), plan
    assert not any(step.startswith("SCAN") for step in plan), plan  # no full read of a table


def test_the_open_alert_count_reads_the_alert_index(ctx, workspace, alerted):
    plan = _plan_of(workspace, lambda: alerts.open_alert_count(ctx))
    assert any(INDEX in step for step in plan), plan
    assert not any(step.startswith("SCAN") and INDEX not in step for step in plan), plan
    assert alerts.open_alert_count(ctx) == 1


def test_the_index_holds_only_the_alerted_items(ctx, workspace, alerted):
    con = sqlite3.connect(workspace.paths.database)
    try:
        (sql,) = con.execute("SELECT sql FROM sqlite_master WHERE name = ?", (INDEX,)).fetchone()
        (entries,) = con.execute(f"SELECT count(*) FROM inventory_items INDEXED BY {INDEX}"
                                 " WHERE low_alerted_at IS NOT NULL").fetchone()  # fmt: skip
    finally:
        con.close()
    assert "WHERE low_alerted_at IS NOT NULL" in sql  # partial: the other rows cost nothing
    assert entries == 1
