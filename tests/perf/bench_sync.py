"""Sync engine benchmarks (a script, not a test): ``uv run python tests/perf/bench_sync.py``.

Prints:
1. orders ingested per second end to end: N orders on one Shopee shop in the sandbox,
   fetched over loopback HTTP (list pages of 100, detail batches of 50), mapped, stored
   with their stock effects;
2. the database-write part alone (upsert_orders_in on the same normalized orders) and a
   plain sqlite3 ``executemany`` of the same order and line rows, measured in the same run,
   and their ratio;
3. the time from the fetch that saw an order on one store to the new stock showing on all
   three other stores (median and 95th percentile; the polling interval is excluded because
   the fetch is triggered directly).
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

import keyring

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.helpers.memkeyring import MemoryKeyring

keyring.set_keyring(MemoryKeyring())

from app.core.db.models import Store  # noqa: E402
from app.core.enums import JobKind  # noqa: E402
from app.core.paths import resolve_paths  # noqa: E402
from app.core.services.orders import upsert_orders_in  # noqa: E402
from app.core.sync.demo import connect_requests  # noqa: E402
from app.core.sync.engine import EngineOptions, SyncEngine  # noqa: E402
from app.core.workspace import open_workspace  # noqa: E402
from app.sandbox.demo import build_sandbox  # noqa: E402

UNLIMITED = {"rate_limit_per_second": 1e9, "rate_limit_burst": 1e9}


def fresh_engine(sandbox, rate=None):
    ws = open_workspace(resolve_paths(tempfile.mkdtemp(prefix="bench-")))
    opts = EngineOptions(schedule=False, rate_limits=rate or {})
    engine = SyncEngine(ws, None, opts)
    engine.start()
    for req in connect_requests(sandbox, engine):
        engine.connect_store(req).result(timeout=120)
    return ws, engine


def place_orders(sim, n: int, seed: int = 1) -> int:
    """Buyers place ``n`` orders on the shop; returns the number of lines."""
    rng = random.Random(seed)
    shop = next(iter(sim.shops.values()))
    for item in shop.items.values():
        for model in item.models:
            for loc in model.stock:
                model.stock[loc] = 10_000_000
    lines = 0
    with sim.sandbox.lock:
        for _ in range(n):
            sim.place_random_order(rng)
        for order in shop.orders.values():
            lines += len(order.lines)
    return lines


def bench_ingest(n: int, rate: float | None) -> None:
    sandbox = build_sandbox(
        seed=3, shopee_shops=1, tiktok_shops=0, catalog_size=60, shopee_options=UNLIMITED
    )
    sandbox.start()
    sim = sandbox.sim("shopee")
    # the sandbox enforces no limit here; the client's own limiter is the platform's
    limits = {"shopee": (rate, rate)} if rate else {"shopee": (1e9, 1e9)}
    ws, engine = fresh_engine(sandbox, limits)
    store_id = next(
        s.id for s in __import__("app.core.services.stores", fromlist=["x"]).list_stores(ws.ctx)
    )
    engine.sync_now(store_id).result(timeout=600)  # the first full sync: catalog mapped
    lines = place_orders(sim, n)
    t0 = time.perf_counter()
    engine.sync_now(store_id, (JobKind.ORDERS,)).result(timeout=3600)
    wall = time.perf_counter() - t0
    with ws.sessions() as s:
        stored = s.execute(__import__("sqlalchemy").text("select count(*) from orders")).scalar()
    label = f"client limiter {rate:.0f} req/s" if rate else "client limiter lifted"
    print(
        f"[ingest, {label}] {stored} orders ({lines} lines) in {wall:.1f} s = "
        f"{stored / wall:,.0f} orders/s end to end over HTTP"
    )
    # the write part alone, on the same normalized orders
    adapter = engine.adapter_for(engine_store(ws, store_id))

    async def fetch_all():
        from app.core.db.types import utcnow

        end = utcnow() + timedelta(seconds=1)
        refs, tok = [], None
        while True:
            page = await adapter.list_orders(end - timedelta(days=1), end, tok)
            refs += [r.platform_order_id for r in page.orders]
            tok = page.next_cursor
            if tok is None:
                break
        out = []
        for i in range(0, len(refs), 50):
            out += await adapter.get_orders(refs[i : i + 50])
        return out

    orders = engine.submit(fetch_all()).result(timeout=3600)
    engine.stop()
    sandbox.stop()
    ws2 = open_workspace(resolve_paths(tempfile.mkdtemp(prefix="bench-w-")))
    # same catalog and listings as the ingest run, so items map and stock moves
    copy_catalog(ws, ws2)
    t0 = time.perf_counter()
    for i in range(0, len(orders), 100):  # the engine commits a page (100 orders) at a time
        with ws2.sessions.begin() as s:
            upsert_orders_in(s, s.get(Store, store_id), orders[i : i + 100])
    ours = time.perf_counter() - t0
    raw = raw_executemany(orders)
    print(
        f"[db write] upsert_orders_in: {ours:.2f} s for {len(orders)} orders "
        f"({len(orders) / ours:,.0f}/s); plain sqlite3 executemany of the same rows: "
        f"{raw:.2f} s; ratio {ours / raw:.1f}x"
    )
    ws.close()
    ws2.close()


def engine_store(ws, store_id):
    from app.core.services.stores import get_store

    return get_store(ws.ctx, store_id)


def copy_catalog(src, dst) -> None:
    """Copy stores, catalog, locations, listings and stock rows into a fresh database."""
    import shutil

    dst.close()
    src_db, dst_db = src.paths.database, dst.paths.database
    con = sqlite3.connect(src_db)
    con.execute("delete from orders")
    con.commit()
    con.close()
    shutil.copy(src_db, dst_db)
    dst.engine.dispose()


def raw_executemany(orders) -> float:
    """The same rows into plain tables with plain sqlite3, WAL, one transaction per page."""
    path = Path(tempfile.mkdtemp(prefix="bench-raw-")) / "raw.db"
    con = sqlite3.connect(path, isolation_level=None)
    con.execute("pragma journal_mode=wal")
    con.execute("pragma synchronous=normal")
    con.execute(
        "create table orders (id integer primary key, store_id int, oid text, "
        "status text, pstatus text, buyer text, total int, placed text, updated text, "
        "unique(store_id, oid))"
    )
    con.execute(
        "create table order_items (id integer primary key, order_id int, item text, "
        "sku text, qty int, price int, state text)"
    )
    con.execute(
        "create table ledger (id integer primary key, item_id int, d_oh int, d_rs int, ref text)"
    )
    t0 = time.perf_counter()
    for i in range(0, len(orders), 100):
        page = orders[i : i + 100]
        con.execute("begin")
        con.executemany(
            "insert into orders (store_id, oid, status, pstatus, buyer, total, placed, updated) "
            "values (1, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    o.platform_order_id,
                    o.status.value,
                    o.platform_status,
                    o.buyer_name,
                    int(o.total * 100),
                    o.created_at.isoformat(),
                    o.updated_at.isoformat(),
                )
                for o in page
            ],
        )
        ids = dict(
            con.execute(
                f"select oid, id from orders where oid in ({','.join('?' * len(page))})",
                [o.platform_order_id for o in page],
            ).fetchall()
        )
        items = [
            (
                ids[o.platform_order_id],
                it.platform_item_id,
                it.platform_sku,
                it.quantity,
                int(it.unit_price * 100),
                "reserved",
            )
            for o in page
            for it in o.items
        ]
        con.executemany(
            "insert into order_items (order_id, item, sku, qty, price, state) "
            "values (?, ?, ?, ?, ?, ?)",
            items,
        )
        con.executemany(
            "insert into ledger (item_id, d_oh, d_rs, ref) values (?, 0, ?, ?)",
            [(1, q, str(oid)) for oid, _i, _s, q, _p, _st in items],
        )
        con.execute("commit")
    return time.perf_counter() - t0


def bench_latency(rounds: int) -> None:
    sandbox = build_sandbox(
        seed=5,
        shopee_shops=2,
        tiktok_shops=2,
        shopee_options=UNLIMITED,
        tiktok_options={"qps": 1e9},
    )
    sandbox.start()
    ws, engine = fresh_engine(sandbox)
    stores = __import__("app.core.services.stores", fromlist=["x"]).list_stores(ws.ctx)
    for st in stores:
        engine.sync_now(st.id).result(timeout=120)
    rng = random.Random(9)
    samples = []
    for _ in range(rounds):
        origin = rng.choice(stores)
        sim = sandbox.sim(origin.platform.value)
        with sandbox.lock:
            before = {(s.platform.value, s.external_shop_id): snapshot(sandbox, s) for s in stores}
            oid = place_on(sim, origin, rng)
        if oid is None:
            continue
        t0 = time.perf_counter()
        engine.sync_now(origin.id, (JobKind.ORDERS,)).result(timeout=60)
        others = [s for s in stores if s.id != origin.id]
        deadline = t0 + 20
        while time.perf_counter() < deadline:
            with sandbox.lock:
                changed = all(
                    snapshot(sandbox, s) != before[(s.platform.value, s.external_shop_id)]
                    for s in others
                )
            if changed:
                samples.append(time.perf_counter() - t0)
                break
            time.sleep(0.002)
    engine.stop()
    sandbox.stop()
    samples.sort()
    p95 = samples[max(0, int(len(samples) * 0.95) - 1)]
    print(
        f"[latency] order seen on one store -> stock on all 3 others: {len(samples)} orders,"
        f" median {statistics.median(samples) * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms, "
        f"max {samples[-1] * 1000:.0f} ms (includes the fetch itself)"
    )
    ws.close()


def place_on(sim, store, rng):
    """Place one order on a specific shop."""
    shops = sim.shops
    key = int(store.external_shop_id) if sim.name == "shopee" else store.external_shop_id
    saved = dict(shops)
    try:
        sim.shops = {key: shops[key]}
        return sim.place_random_order(rng)
    finally:
        sim.shops = saved


def snapshot(sandbox, store) -> tuple:
    sim = sandbox.sim(store.platform.value)
    key = int(store.external_shop_id) if sim.name == "shopee" else store.external_shop_id
    shop = sim.shops[key]
    if sim.name == "shopee":
        return tuple(sorted((m.sku, m.total) for i in shop.items.values() for m in i.models))
    return tuple(
        sorted(
            (k.seller_sku, sum(k.stock.values())) for p in shop.products.values() for k in p.skus
        )
    )


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--orders", type=int, default=50_000)
    p.add_argument("--rounds", type=int, default=40)
    p.add_argument("--rate", type=float, default=0, help="also run with this client limiter")
    a = p.parse_args()
    bench_ingest(a.orders, None)
    if a.rate:
        bench_ingest(min(a.orders, 5000), a.rate)
    bench_latency(a.rounds)


if __name__ == "__main__":
    main()
