"""The TikTok emulator's own behaviour: seeding, buyers, status sequence, hooks."""

from __future__ import annotations

import random
import subprocess
import sys
from collections import Counter

from app.sandbox.catalog import demo_catalog
from app.sandbox.tiktok.sim import TikTokSim

SEQUENCE = [
    "UNPAID",
    "ON_HOLD",
    "AWAITING_SHIPMENT",
    "AWAITING_COLLECTION",
    "IN_TRANSIT",
    "DELIVERED",
    "COMPLETED",
]


def test_shops_are_seeded_from_the_catalog(sim):
    catalog_skus = {v.sku for p in demo_catalog(11) for v in p.variants}
    assert len(sim.shops) == 2
    for shop in sim.shops.values():
        listed = {s.seller_sku for p in shop.products.values() for s in p.skus}
        assert listed < catalog_skus  # most, but not all
        assert len(listed) > len(catalog_skus) // 2
        assert shop.cipher.startswith("ROW_") and len(shop.id) == 19
        sizes = Counter(len(p.skus) > 1 for p in shop.products.values())
        assert sizes[True] and sizes[False]  # multi-SKU and single-SKU products
        for product in shop.products.values():
            assert product.title and all(s.price > 0 for s in product.skus)


def test_same_seed_same_shops(sandbox):
    a = TikTokSim(sandbox, demo_catalog(3), seed=3)
    b = TikTokSim(sandbox, demo_catalog(3), seed=3)
    assert [s.id for s in a.shops.values()] == [s.id for s in b.shops.values()]
    assert a.app_key == b.app_key


def test_buyers_never_oversell_and_stock_is_conserved(sim):
    rng = random.Random(42)
    before = {
        (shop.id, s.seller_sku): sim.stock_of(shop.id, s.id)
        for shop in sim.shops.values()
        for p in shop.products.values()
        for s in p.skus
    }
    placed = [sim.place_random_order(rng) for _ in range(400)]
    assert any(placed)
    for _ in range(10):
        sim.advance_orders(rng)
    for shop in sim.shops.values():
        sold = sim.sold_units_by_sku(shop.id)
        for p in shop.products.values():
            for s in p.skus:
                now = sim.stock_of(shop.id, s.id)
                assert now >= 0
                assert now + sold.get(s.seller_sku, 0) == before[(shop.id, s.seller_sku)]
        for order in shop.orders.values():
            assert 1 <= len(order.lines) <= 3


def test_orders_walk_the_real_status_sequence(sim):
    rng = random.Random(7)
    ids = [sim.place_random_order(rng) for _ in range(40)]
    history: dict[str, list[str]] = {i: [] for i in ids if i}
    orders = {o.id: o for s in sim.shops.values() for o in s.orders.values()}
    for _ in range(30):
        sim.advance_orders(rng)
        for order_id, seen in history.items():
            status = orders[order_id].status
            if not seen or seen[-1] != status:
                seen.append(status)
    for seen in history.values():
        if seen[-1] == "CANCELLED":
            seen = seen[:-1]
        positions = [SEQUENCE.index(s) for s in seen]
        assert positions == sorted(positions)
    assert any(seen[-1] == "COMPLETED" for seen in history.values())
    assert any("CANCELLED" in seen for seen in history.values())


def test_demo_info_gives_credentials_and_fresh_codes(sim):
    info = sim.demo_info()
    assert {"app_key", "app_secret", "service_id"} <= set(info)
    codes = [s["auth_code"] for s in info["shops"]]
    assert len(set(codes)) == len(codes) == 2
    assert all(s["cipher"].startswith("ROW_") and s["name"] for s in info["shops"])


def test_no_qt_in_core_or_sandbox():
    code = (
        "import sys, app.core.platforms.tiktok, app.sandbox.tiktok.sim;"
        "bad=[m for m in sys.modules if m.split('.')[0] in ('PySide6','qasync','pyqtgraph')];"
        "print(bad); sys.exit(1 if bad else 0)"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
