"""A fresh demo shows profit on real costs (issue 15 items 4 and 9): its first orders are
read in before the demo fills the catalog's costs, and still every sold line carries one,
so Analytics warns of no SKU sold without a cost. A real ``storesync demo --once`` process."""

from __future__ import annotations

import os
import sqlite3
from datetime import timedelta

from tests.integration.sync.test_demo_restart import demo_once


def test_a_fresh_demo_has_no_sale_without_a_cost(tmp_path):
    demo_once(tmp_path)
    with sqlite3.connect(tmp_path / "storesync.db") as db:
        lines, uncosted = db.execute(
            "SELECT count(*), coalesce(sum(unit_cost IS NULL OR unit_cost = 0), 0) "
            "FROM order_items WHERE variant_id IS NOT NULL"
        ).fetchone()
    assert lines >= 30 and uncosted == 0

    from app.core.paths import resolve_paths
    from app.core.services.analytics.calendar import Period, local_today, zone
    from app.core.services.analytics.dashboard import dashboard
    from app.core.workspace import open_workspace

    os.environ.setdefault("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    ws = open_workspace(resolve_paths(tmp_path))
    try:
        tz = zone(ws.ctx)
        today = local_today(tz)
        board = dashboard(ws.ctx, Period.of_days(today - timedelta(days=29), today, tz))
        assert board.totals.units > 0
        assert board.uncosted_skus == ()  # what the Analytics page would warn of
    finally:
        ws.close()
