"""A database made by every earlier revision, with a seller's data in it, opens and migrates
to head with the data intact.

Each file is built on disk with Alembic up to that revision and filled with plain SQL, as
that version of StoreSync would have left it (no service of today writes it). Then it is
opened as the app opens it (``open_workspace``: check, backup, migrate, settings upgrade,
sales summary) and read back through today's services. A new revision joins the list by
itself; when it changes a table these rows use, the SQL below changes with it.
"""

from __future__ import annotations

import sqlite3
from datetime import date
from decimal import Decimal

import pytest
from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import func, select

from app.core.db.backup import list_backups
from app.core.db.engine import make_engine
from app.core.db.migrate import MIGRATIONS_DIR, alembic_config, current_revision, head_revision
from app.core.db.models import OrderItem, SalesDaily
from app.core.domain import InventoryState
from app.core.paths import resolve_paths
from app.core.services import catalog, stock_levels
from app.core.services.order_views import order_rows
from app.core.settings import (
    ALLOW_NEGATIVE_STOCK,
    SETTINGS_VERSION,
    SLOW_MOVER_DAYS,
    get_setting,
    settings_version,
)
from app.core.workspace import open_workspace


def _script() -> ScriptDirectory:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return ScriptDirectory.from_config(cfg)


def _revisions() -> list[str]:
    """Every revision, oldest first."""
    return [r.revision for r in reversed(list(_script().walk_revisions()))]


REVISIONS = _revisions()
T = "2026-01-05 08:00:00.000000"  # how SQLAlchemy stores a naive UTC datetime in SQLite

# One shop's books as an older StoreSync wrote them: a product with two variants in the
# main location, received stock, one paid order reserving two units of a mapped listing,
# a finished sync job, and settings stored as text (before settings were typed).
ROWS = f"""
INSERT INTO workspaces (id, name, currency, timezone, created_at)
    VALUES (1, 'Toko Kopi Lama', 'IDR', 'Asia/Jakarta', '{T}');
INSERT INTO users (workspace_id, username, display_name, role, active, created_at)
    VALUES (1, 'owner', 'Owner', 'owner', 1, '{T}');
INSERT INTO inventory_locations (id, workspace_id, code, name, is_default, active, created_at)
    VALUES (1, 1, 'MAIN', 'Gudang Utama', 1, 1, '{T}');
INSERT INTO settings (workspace_id, key, value) VALUES (1, 'allow_negative_stock', '"false"');
INSERT INTO settings (workspace_id, key, value) VALUES (1, 'slow_mover_days', '"45"');
INSERT INTO products (id, workspace_id, name, description, brand, category, status,
                      created_at, updated_at)
    VALUES (1, 1, 'Kopi Gayo', '', 'Gayo', 'Kopi', 'active', '{T}', '{T}');
INSERT INTO variants (id, workspace_id, product_id, sku, sku_key, name, attributes, barcode,
                      price, cost, weight_grams, images, status, created_at, updated_at)
    VALUES (1, 1, 1, 'KOPI-250', 'kopi-250', '250 g', '{{}}', '', 7500000, 4000000, 250,
            '[]', 'active', '{T}', '{T}'),
           (2, 1, 1, 'KOPI-500', 'kopi-500', '500 g', '{{}}', '', 14000000, 7600000, 500,
            '[]', 'active', '{T}', '{T}');
INSERT INTO inventory_items (id, variant_id, location_id, on_hand, reserved, reorder_point,
                             reorder_qty, updated_at)
    VALUES (1, 1, 1, 10, 2, 3, 0, '{T}'), (2, 2, 1, 5, 0, 0, 0, '{T}');
INSERT INTO stores (id, workspace_id, platform, name, external_shop_id, region, environment,
                    api_base_url, auth_base_url, shop_cipher, app_id, settings, sync_status,
                    status_reason, paused, last_synced_at, access_token_expires_at,
                    refresh_token_expires_at, created_at, updated_at)
    VALUES (1, 1, 'shopee', 'Kopi Shopee', '100200', 'ID', 'local_sandbox',
            'http://127.0.0.1:1', NULL, NULL, '2001', '{{"buffer": 1}}', 'idle', '', 0,
            '{T}', NULL, NULL, '{T}', '{T}');
INSERT INTO channel_listings (id, store_id, platform_product_id, platform_variant_id,
                              platform_sku, title, variant_name, price, platform_stock,
                              platform_stock_seen_at, last_pushed_stock, last_pushed_at,
                              variant_id, match, status, created_at, updated_at)
    VALUES (1, 1, 'P1', 'V1', 'KOPI-250', 'Kopi Gayo', '250 g', 7500000, 7, '{T}', 7, '{T}',
            1, 'sku_exact', 'active', '{T}', '{T}');
INSERT INTO orders (id, store_id, platform_order_id, status, platform_status, currency,
                    buyer_name, buyer_username, shipping_address, subtotal, shipping_fee,
                    seller_discount, platform_discount, total, fees, shipping_subsidy,
                    fees_final, tracking_number, cancel_reason, placed_at,
                    platform_updated_at, paid_at, shipped_at, completed_at, created_at,
                    updated_at)
    VALUES (1, 1, '260105ABC', 'to_ship', 'READY_TO_SHIP', 'IDR', 'Budi', 'budi88',
            'Jl. Merdeka 1, Bandung', 15000000, 1000000, 0, 0, 16000000, 1200000, 0, 0, '',
            '', '{T}', '{T}', '{T}', NULL, NULL, '{T}', '{T}');
INSERT INTO order_items (id, order_id, platform_item_id, platform_product_id,
                         platform_variant_id, platform_sku, name, quantity, unit_price,
                         discount, listing_id, variant_id, location_id, inventory_state,
                         unit_cost)
    VALUES (1, 1, 'I1', 'P1', 'V1', 'KOPI-250', 'Kopi Gayo 250 g', 2, 7500000, 0, 1, 1, 1,
            'reserved', 4000000);
INSERT INTO order_status_history (order_id, status, platform_status, changed_at, created_at)
    VALUES (1, 'to_ship', 'READY_TO_SHIP', '{T}', '{T}');
INSERT INTO inventory_transactions (item_id, type, delta_on_hand, delta_reserved,
                                    reference_type, reference_id, actor, note, created_at)
    VALUES (1, 'purchase', 10, 0, 'purchase', NULL, 'owner', 'first delivery', '{T}'),
           (2, 'purchase', 5, 0, 'purchase', NULL, 'owner', 'first delivery', '{T}'),
           (1, 'reservation', 0, 2, 'order_item', '1', 'sync', 'order 260105ABC', '{T}');
INSERT INTO sync_jobs (store_id, kind, status, trigger, total, processed, failed, error,
                       started_at, finished_at, created_at)
    VALUES (1, 'orders', 'succeeded', 'schedule', 1, 1, 0, '', '{T}', '{T}', '{T}');
"""


def build_at(data_dir, revision: str):
    """A database file at ``revision`` holding :data:`ROWS`; returns its AppPaths."""
    paths = resolve_paths(data_dir).ensure()
    engine = make_engine(paths.database)
    try:
        cfg = alembic_config(engine)
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, revision)
        assert current_revision(engine) == revision
    finally:
        engine.dispose()
    conn = sqlite3.connect(paths.database)
    try:
        conn.executescript(ROWS)
        conn.commit()
    finally:
        conn.close()
    return paths


def _counts(db, tables) -> dict[str, int]:
    conn = sqlite3.connect(db)
    try:
        return {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}
    finally:
        conn.close()


KEPT_TABLES = (
    "workspaces",
    "users",
    "inventory_locations",
    "products",
    "variants",
    "inventory_items",
    "inventory_transactions",
    "stores",
    "channel_listings",
    "orders",
    "order_items",
    "order_status_history",
    "sync_jobs",
)


def test_every_revision_is_tested():
    assert REVISIONS[0] == "0001" and len(REVISIONS) >= 3
    assert REVISIONS[-1] == _script().get_current_head()


@pytest.mark.parametrize("revision", REVISIONS)
def test_a_database_from_revision_opens_at_head_with_its_data(tmp_path, revision):
    paths = build_at(tmp_path / "data", revision)
    before = _counts(paths.database, KEPT_TABLES)

    ws = open_workspace(paths)
    try:
        assert current_revision(ws.engine) == head_revision(ws.engine)
        assert _counts(paths.database, KEPT_TABLES) == before  # nothing lost or doubled
        ctx = ws.ctx
        assert ctx.workspace_id == 1
        # the catalog and the stock, through today's services
        rows = catalog.variant_rows(ctx, catalog.variant_ids(ctx))
        assert sorted(r.sku for r in rows.values()) == ["KOPI-250", "KOPI-500"]
        levels = {
            (lv.sku, lv.on_hand, lv.reserved, lv.on_hand - lv.reserved) for lv in _levels(ctx)
        }
        assert levels == {("KOPI-250", 10, 2, 8), ("KOPI-500", 5, 0, 5)}
        assert catalog.find_variant_by_sku(ctx, "kopi-250") is not None  # the SKU rules
        assert len(catalog.variant_ids(ctx, "gayo")) == 2  # full-text search
        # the ledger still explains every count; reserved units are the reserved lines
        with ctx.read() as s:
            assert stock_levels.ledger_mismatches(s) == []
            reserved_lines = s.scalar(
                select(func.sum(OrderItem.quantity)).where(
                    OrderItem.inventory_state == InventoryState.RESERVED
                )
            )
            assert reserved_lines == 2
            # the sales summary was built from the old orders (added by 0002)
            day = s.scalar(select(SalesDaily).where(SalesDaily.store_id == 1))
            assert day is not None and day.day == date(2026, 1, 5) and day.units == 2
        order = order_rows(ctx, [1])[1]
        assert order.total == Decimal("160000.00") and order.buyer_name == "Budi"
        assert (order.item_count, order.unmapped_count) == (2, 0)
        # settings written as text are typed now
        assert get_setting(ctx, ALLOW_NEGATIVE_STOCK) is False
        assert get_setting(ctx, SLOW_MOVER_DAYS) == 45
        assert settings_version(ctx) == SETTINGS_VERSION
    finally:
        ws.close()
    backups = [p.name for p in list_backups(paths.backups_dir)]
    if revision == REVISIONS[-1]:
        assert backups == []  # nothing to migrate, nothing backed up
    else:  # the file as it was, kept before the migration
        assert len(backups) == 1 and f"from-{revision}" in backups[0]


def _levels(ctx):
    ids = stock_levels.stock_item_ids(ctx)
    return stock_levels.stock_rows(ctx, ids).values()
