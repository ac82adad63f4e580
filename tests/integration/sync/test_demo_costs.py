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


def test_a_demo_opened_by_a_staff_account_still_sets_itself_up(workspace):
    """The demo's own setup (store intervals, brands and costs) acts as the demo, not as
    whoever signed in: a staff account may not change store settings or costs."""
    from app.core.services import accounts
    from app.core.services import catalog as catalog_service
    from app.core.sync.engine import EngineOptions, SyncEngine
    from app.demo import _demo_products, start_demo

    accounts.set_password(workspace.ctx, "owner", "owner-secret-1")
    owner = accounts.sign_in(workspace.ctx, "owner", "owner-secret-1")
    accounts.add_user(owner, "budi", "packer-pass-9", "staff")
    workspace.ctx = accounts.sign_in(workspace.ctx, "budi", "packer-pass-9")
    engine = SyncEngine(workspace, None, EngineOptions(schedule=False))
    engine.start()
    handle = None
    try:
        handle = start_demo(workspace, engine, buyers_per_minute=0, state_file=False)
        engine.sync_now(handle.stores[0].id).result(timeout=120)
    finally:
        if handle is not None:
            handle.stop()  # the filler's last round runs on stop
        engine.stop()
    from app.core.services import stores as store_service

    stores = store_service.list_stores(workspace.ctx)
    assert len(stores) >= 4 and all(st.settings.orders_interval_s == 15 for st in stores)
    skus = [v.sku for p in _demo_products(0) for v in p.variants]
    found = [catalog_service.find_variant_by_sku(workspace.ctx, sku) for sku in skus]
    costed = [v for v in found if v is not None and v.cost > 0]
    assert found and len(costed) == len([v for v in found if v is not None]), skus
