"""Bulk sales data for the benchmarks: stores, a catalog and many order lines, fast.

Rows go in with plain ``executemany`` in one transaction (the services would take hours
for a million lines); the values follow what order ingestion stores.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from pathlib import Path

from app.core.paths import resolve_paths
from app.core.services import locations
from app.core.workspace import OpenWorkspace, open_workspace
from tests.helpers.factories import store

STATUSES = (
    ["completed"] * 80 + ["shipped"] * 8 + ["to_ship"] * 4 + ["cancelled"] * 6 + ["returned"] * 2
)


def _ts(dt: datetime) -> str:
    return dt.strftime("%Y-%m-%d %H:%M:%S.%f")


def build(
    folder: Path,
    lines: int,
    *,
    days: int = 365,
    variants: int = 2000,
    seed: int = 7,
    end: datetime = datetime(2026, 11, 1, tzinfo=UTC),
) -> OpenWorkspace:
    """A workspace with four stores, ``variants`` variants and about ``lines`` order lines
    spread over ``days`` days before ``end``."""
    rnd = random.Random(seed)
    ws = open_workspace(resolve_paths(folder))
    ctx = ws.ctx
    from app.core.domain import Platform

    stores = [
        store(ctx, "Toko Shopee A", "1", Platform.SHOPEE).id,
        store(ctx, "Toko Shopee B", "2", Platform.SHOPEE).id,
        store(ctx, "Toko TikTok A", "3", Platform.TIKTOK_SHOP).id,
        store(ctx, "Toko TikTok B", "4", Platform.TIKTOK_SHOP).id,
    ]
    loc = locations.list_locations(ctx)[0].id
    now = _ts(datetime.now(UTC))
    with ws.engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO products (id, workspace_id, name, description, brand, category, status,"
            " created_at, updated_at) VALUES (?, 1, ?, '', 'Merek', 'Kaos', 'active', ?, ?)",
            [(p, f"Produk {p}", now, now) for p in range(1, variants // 2 + 1)],
        )
        costs = {v: rnd.randrange(10_000, 200_000, 500) * 100 for v in range(1, variants + 1)}
        conn.exec_driver_sql(
            "INSERT INTO variants (id, workspace_id, product_id, sku, sku_key, name, attributes,"
            " barcode, price, cost, weight_grams, images, status, created_at, updated_at)"
            " VALUES (?, 1, ?, ?, ?, ?, '{}', '', ?, ?, 100, '[]', 'active', ?, ?)",
            [
                (
                    v,
                    (v + 1) // 2,
                    f"SKU-{v:05d}",
                    f"sku-{v:05d}",
                    f"V{v % 2}",
                    costs[v] * 2,
                    costs[v],
                    now,
                    now,
                )
                for v in range(1, variants + 1)
            ],
        )
        conn.exec_driver_sql(
            "INSERT INTO inventory_items (variant_id, location_id, on_hand, reserved,"
            " reorder_point, reorder_qty, updated_at) VALUES (?, ?, ?, 0, 0, 0, ?)",
            [(v, loc, 0, now) for v in range(1, variants + 1)],
        )
        orders, items = [], []
        oid = iid = 0
        start = end - timedelta(days=days)
        span = days * 86_400
        while iid < lines:
            oid += 1
            placed = start + timedelta(seconds=rnd.randrange(span))
            status = rnd.choice(STATUSES)
            n = min(rnd.choice((1, 1, 2, 3, 4, 5, 2)), lines - iid)
            total = 0
            for k in range(n):
                iid += 1
                v = rnd.randint(1, variants)
                qty = rnd.choice((1, 1, 1, 2, 3))
                price = costs[v] * 2
                disc = rnd.choice((0, 0, 0, 500_000))
                total += price * qty - disc
                items.append(
                    (
                        iid,
                        oid,
                        f"{oid}-{k}",
                        f"P{v}",
                        f"V{v}",
                        f"SKU-{v:05d}",
                        f"Produk {v}",
                        qty,
                        price,
                        disc,
                        v,
                        loc,
                        "deducted",
                        costs[v],
                    )
                )
            final = rnd.random() < 0.7
            fees = total * 8 // 100 if not final else total * rnd.randint(5, 11) // 100
            orders.append(
                (
                    oid,
                    rnd.choice(stores),
                    f"ORD{oid:08d}",
                    status,
                    status,
                    rnd.choice(["Budi Santoso", "Siti Aminah", "=cmd|' /C calc'!A0", "Dewi"]),
                    total,
                    rnd.choice((0, 1_000_000)),
                    total,
                    fees,
                    rnd.choice((0, 0, 500_000)),
                    int(final),
                    _ts(placed),
                    _ts(placed + timedelta(hours=2)),
                )
            )
        conn.exec_driver_sql(
            "INSERT INTO orders (id, store_id, platform_order_id, status, platform_status,"
            " currency, buyer_name, buyer_username, shipping_address, subtotal, shipping_fee,"
            " seller_discount, platform_discount, total, fees, shipping_subsidy, fees_final,"
            " tracking_number, cancel_reason, placed_at, platform_updated_at, created_at,"
            " updated_at) VALUES (?, ?, ?, ?, ?, 'IDR', ?, '', 'Jl. Merdeka 1', ?, 0, 0, ?, ?, ?,"
            " ?, ?, '', '', ?, ?, ?, ?)",
            [(*o, now, now) for o in orders],
        )
        conn.exec_driver_sql(
            "INSERT INTO order_items (id, order_id, platform_item_id, platform_product_id,"
            " platform_variant_id, platform_sku, name, quantity, unit_price, discount,"
            " variant_id, location_id, inventory_state, unit_cost)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            items,
        )
    return ws
