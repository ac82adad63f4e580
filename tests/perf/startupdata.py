"""A big seller's workspace for the start-up bench: 1,000,000 variants and 1,000,000 order
lines, built fast with plain ``executemany`` into the schema our migrations made.

* the catalog of :mod:`tests.perf.catalogdata` (250,000 products, 1,000,000 variants, the
  search index filled as the app fills it);
* one stock row per variant at the default location, a few below their reorder point;
* four stores; about 400,000 orders over the year up to the build day with 1,000,000 lines,
  a few unmapped (no variant), statuses as in :mod:`tests.perf.salesdata`;
* 20,000 finished sync jobs, so Sync activity has a long history.

Values follow what the services store (hundredths of Rupiah, UTC text timestamps).
"""

from __future__ import annotations

import random
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

from tests.perf.catalogdata import PER_PRODUCT, build_search_catalog

BUILD_VERSION = 1  # bump when the data changes (the bench caches the built folder)
STATUSES = (
    ["completed"] * 80 + ["shipped"] * 8 + ["to_ship"] * 4 + ["cancelled"] * 6 + ["returned"] * 2
)
_BUYERS = ("Budi Santoso", "Siti Aminah", "Dewi Lestari", "Agus Salim", "Rina Wati")


def _ts(dt: datetime) -> str:
    return dt.strftime("%Y-%m-%d %H:%M:%S.%f")


def build_big_seller(
    db_path: Path,
    workspace_id: int,
    store_ids: list[int],
    location_id: int,
    *,
    variants: int = 1_000_000,
    lines: int = 1_000_000,
    jobs: int = 20_000,
    seed: int = 11,
) -> int:
    """Fill a migrated database that already has ``store_ids`` and ``location_id``;
    returns the number of orders."""
    build_search_catalog(db_path, workspace_id, variants)
    rnd = random.Random(seed)
    # the year up to the end of the build day, so Dashboard and Analytics have today's sales
    end = datetime.now(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    end += timedelta(days=1)
    now = _ts(end)
    con = sqlite3.connect(db_path)
    try:
        con.execute("PRAGMA journal_mode=WAL")
        con.execute("PRAGMA synchronous=OFF")
        con.executemany(
            "INSERT INTO inventory_items (variant_id, location_id, on_hand, reserved,"
            " reorder_point, reorder_qty, updated_at) VALUES (?, ?, ?, 0, ?, 0, ?)",
            (
                (v, location_id, (v * 37) % 120, 10 if v % 97 == 0 else 0, now)
                for v in range(1, variants + 1)
            ),
        )
        span = 365 * 86_400
        start = end - timedelta(days=365)

        def price(v: int) -> int:
            return (10_000 + (v * 7919) % 90_000) * 100

        orders: list[tuple] = []
        items: list[tuple] = []
        oid = iid = 0
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
                p = price(v)
                total += p * qty
                mapped = iid % 5000 != 0  # a few lines nobody mapped yet
                items.append(
                    (
                        iid,
                        oid,
                        f"{oid}-{k}",
                        f"P{(v - 1) // PER_PRODUCT + 1}",
                        f"V{v}",
                        f"SKU-{v:07d}",
                        f"Produk {v}",
                        qty,
                        p,
                        0,
                        v if mapped else None,
                        location_id if mapped else None,
                        "deducted" if mapped else "unmapped",
                        p * 6 // 10 if mapped else None,
                    )
                )
            final = rnd.random() < 0.7
            fees = total * rnd.randint(5, 11) // 100
            orders.append(
                (
                    oid,
                    store_ids[oid % len(store_ids)],
                    f"ORD{oid:09d}",
                    status,
                    status,
                    rnd.choice(_BUYERS),
                    total,
                    total,
                    fees,
                    int(final),
                    _ts(placed),
                    _ts(placed + timedelta(hours=2)),
                    now,
                    now,
                )
            )
        con.executemany(
            "INSERT INTO orders (id, store_id, platform_order_id, status, platform_status,"
            " currency, buyer_name, buyer_username, shipping_address, subtotal, shipping_fee,"
            " seller_discount, platform_discount, total, fees, shipping_subsidy, fees_final,"
            " tracking_number, cancel_reason, placed_at, platform_updated_at, created_at,"
            " updated_at) VALUES (?, ?, ?, ?, ?, 'IDR', ?, '', 'Jl. Merdeka 1', ?, 0, 0, 0, ?,"
            " ?, 0, ?, '', '', ?, ?, ?, ?)",
            orders,
        )
        con.executemany(
            "INSERT INTO order_items (id, order_id, platform_item_id, platform_product_id,"
            " platform_variant_id, platform_sku, name, quantity, unit_price, discount,"
            " variant_id, location_id, inventory_state, unit_cost)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            items,
        )
        kinds = ("stock_push", "orders", "products")
        con.executemany(
            'INSERT INTO sync_jobs (store_id, kind, status, "trigger", total, processed,'
            " failed, error, started_at, finished_at, created_at)"
            " VALUES (?, ?, 'succeeded', 'schedule', ?, ?, 0, '', ?, ?, ?)",
            (
                (
                    store_ids[j % len(store_ids)],
                    kinds[j % 3],
                    j % 50,
                    j % 50,
                    _ts(end - timedelta(minutes=jobs - j)),
                    _ts(end - timedelta(minutes=jobs - j, seconds=-2)),
                    _ts(end - timedelta(minutes=jobs - j)),
                )
                for j in range(jobs)
            ),
        )
        con.commit()  # no ANALYZE: the app never runs it, so the planner works without stats
        return oid
    finally:
        con.close()
