"""Sync engine benchmarks (a script, not a test): ``uv run python tests/perf/bench_sync.py``.

Prints:
1. orders ingested per second end to end: N orders on one Shopee shop in the sandbox,
   fetched over loopback HTTP (list pages of 100, detail batches of 50), mapped, stored
   with their stock effects;
2. the database-write part alone (upsert_orders_in on the same normalized orders) and
   plain sqlite3 ``executemany`` of the same rows measured in the same run, and their
   ratio (see :mod:`tests.perf.raw_orders` for the two baselines);
3. API calls per 1,000 orders on each platform (one Shopee and one TikTok shop, their
   order jobs only), TikTok with its orders mapped from the search and, for comparison in
   the same run, with a detail call per 50 orders as before (``orders_from_search`` off);
4. the time from the fetch that saw an order on one store to the new stock showing on all
   three other stores (median and 95th percentile; the polling interval is excluded because
   the fetch is triggered directly).
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

import httpx
import keyring
from sqlalchemy import text

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.helpers.memkeyring import MemoryKeyring
from tests.perf import raw_orders

keyring.set_keyring(MemoryKeyring())

from app.core.db.types import utcnow  # noqa: E402
from app.core.domain import JobKind  # noqa: E402
from app.core.paths import resolve_paths  # noqa: E402
from app.core.services.order_sync import store_page  # noqa: E402
from app.core.sync.engine import EngineOptions, SyncEngine  # noqa: E402
from app.core.workspace import open_workspace  # noqa: E402
from app.demo import connect_requests, requests_from_info  # noqa: E402
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


def sandbox_process(**flags) -> tuple[subprocess.Popen, dict]:
    """``python -m app.sandbox`` in its own process (its own GIL), as a real platform is."""
    args = [sys.executable, "-m", "app.sandbox", "--port", "0", "--no-rate-limit"]
    flags = {"woocommerce_shops": 0, "custom_shops": 0, **flags}  # marketplaces unless asked
    for k, v in flags.items():
        args += [f"--{k.replace('_', '-')}", str(v)]
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, text=True)
    return proc, json.loads(proc.stdout.readline())


def bench_ingest(n: int, rate: float | None) -> None:
    proc, info = sandbox_process(seed=3, shopee_shops=1, tiktok_shops=0)
    limits = {"shopee": (rate, rate)} if rate else {"shopee": (1e9, 1e9)}
    ws = open_workspace(resolve_paths(tempfile.mkdtemp(prefix="bench-")))
    engine = SyncEngine(ws, None, EngineOptions(schedule=False, rate_limits=limits))
    engine.start()
    (store,) = [
        s
        for r in requests_from_info(info, engine)
        for s in engine.connect_store(r).result(timeout=120)
    ]
    engine.sync_now(store.id).result(timeout=600)  # the first full sync: catalog mapped
    placed = httpx.post(
        f"{info['base_url']}/_sandbox/orders",
        params={"count": n, "max_lines": 5},  # 1-5 products an order: ~3 lines each
        timeout=600,
    ).json()["placed"]
    t0 = time.perf_counter()
    engine.sync_now(store.id, (JobKind.ORDERS,)).result(timeout=3600)
    wall = time.perf_counter() - t0
    with ws.sessions() as s:
        stored = s.scalar(text("select count(*) from orders"))
        lines = s.scalar(text("select count(*) from order_items"))
    label = f"client limiter {rate:.0f} req/s" if rate else "client limiter lifted"
    print(
        f"[ingest, {label}] {stored} of {placed} orders ({lines} lines) in {wall:.1f} s = "
        f"{stored / wall:,.0f} orders/s end to end over HTTP (sandbox in its own process)"
    )
    if rate:
        engine.stop()
        proc.terminate()
        ws.close()
        return
    orders = engine.submit(fetch_all(engine.adapter_for(store))).result(timeout=3600)
    engine.stop()
    proc.terminate()
    ws2 = open_workspace(resolve_paths(tempfile.mkdtemp(prefix="bench-w-")))
    copy_catalog(ws, ws2)  # same catalog, listings and stock as the ingest run
    template = Path(tempfile.mkdtemp(prefix="bench-t-")) / "catalog.db"
    shutil.copy(ws2.paths.database, template)
    placed = {o.created_at for o in orders}  # the days the job summarises at the end
    t0 = time.perf_counter()
    for i in range(0, len(orders), 100):  # the engine commits a page (100 orders) at a time
        last = i + 100 >= len(orders)  # the window's last page: summary and cursor too
        store_page(
            ws2.ctx, store.id, orders[i : i + 100], placed if last else None,
            utcnow() if last else None,
        )  # fmt: skip
    ours = time.perf_counter() - t0
    ws2.engine.dispose()
    same = raw_orders.same_rows_same_tables(orders, template, ws2.paths.database)
    bare = raw_orders.bare_tables(orders)
    lines = sum(len(o.items) for o in orders)
    print(
        f"[db write] the order job's page writes: {ours:.2f} s for {len(orders)} orders, "
        f"{lines} lines ({len(orders) / ours:,.0f} orders/s; with stock effects, queued "
        "pushes, analytics summary and cursor)\n"
        f"  plain sqlite3 executemany of the same rows into the same tables: {same:.2f} s "
        f"-> ratio {ours / same:.2f}x\n"
        f"  plain sqlite3 executemany of a few columns into index-free tables: {bare:.2f} s "
        f"-> ratio {ours / bare:.2f}x"
    )
    ws.close()
    ws2.close()


async def fetch_all(adapter):
    """Every order of the last day, normalized, as the order job sees them."""

    end = utcnow() + timedelta(seconds=1)
    refs, tok, out = [], None, []
    while True:
        page = await adapter.list_orders(end - timedelta(days=1), end, tok)
        out += [r.order for r in page.orders if r.order is not None]  # listed whole
        refs += [r.platform_order_id for r in page.orders if r.order is None]
        tok = page.next_cursor
        if tok is None:
            break
    for i in range(0, len(refs), 50):
        out += await adapter.get_orders(refs[i : i + 50])
    return out


def bench_calls(n: int) -> None:
    """API calls per 1,000 orders of each platform's order job."""
    for whole in (False, True):
        proc, info = sandbox_process(seed=4, shopee_shops=1, tiktok_shops=1)
        ws = open_workspace(resolve_paths(tempfile.mkdtemp(prefix="bench-c-")))
        opts = EngineOptions(
            schedule=False,
            rate_limits={"shopee": (1e9, 1e9), "tiktok_shop": (1e9, 1e9)},
            adapter_options={"tiktok_shop": {"orders_from_search": whole}},
        )
        engine = SyncEngine(ws, None, opts)
        engine.start()
        stores = [
            s for r in requests_from_info(info, engine) for s in engine.connect_store(r).result(120)
        ]
        for st in stores:
            engine.sync_now(st.id).result(timeout=600)
        httpx.post(
            f"{info['base_url']}/_sandbox/orders",
            params={"count": n, "max_lines": 5},
            timeout=600,
        )
        for st in stores:
            before = engine.meter.total(st.id)
            engine.sync_now(st.id, (JobKind.ORDERS,)).result(timeout=3600)
            calls = engine.meter.total(st.id) - before
            with ws.sessions() as s:
                stored = s.scalar(
                    text("select count(*) from orders where store_id = :s"), {"s": st.id}
                )
            how = ""
            if st.platform.value == "tiktok_shop":
                how = " (mapped from the search)" if whole else " (a detail call per 50, as before)"
            if st.platform.value == "shopee" and whole:
                continue  # the same as in the first round
            print(
                f"[api calls] {st.platform.value}{how}: {calls} calls for {stored} orders = "
                f"{1000 * calls / max(stored, 1):.1f} per 1,000 orders"
            )
        engine.stop()
        proc.terminate()
        ws.close()


def engine_store(ws, store_id):
    from app.core.services.stores import get_store

    return get_store(ws.ctx, store_id)


def copy_catalog(src, dst) -> None:
    """Copy stores, catalog, locations, listings and stock rows into a fresh database."""

    dst.close()
    src_db, dst_db = src.paths.database, dst.paths.database
    con = sqlite3.connect(src_db)
    con.execute("pragma foreign_keys=on")  # items and history go with their orders
    con.execute("delete from orders")
    con.commit()
    con.close()
    shutil.copy(src_db, dst_db)
    dst.engine.dispose()


def bench_latency(rounds: int) -> None:
    if rounds <= 0:
        return
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
            oid = place_on(sim, origin, rng)
        if oid is None:
            continue
        t0 = time.perf_counter()
        started = utcnow_naive()
        engine.sync_now(origin.id, (JobKind.ORDERS,)).result(timeout=60)
        # the pushes this fetch queued for the other stores, acknowledged by their platforms
        deadline = t0 + 20
        while time.perf_counter() < deadline:
            with ws.sessions() as s:
                queued, open_ = s.execute(
                    text(
                        "select count(*), sum(status != 'done') from stock_push_outbox "
                        "where store_id != :o and enqueued_at >= :t"
                    ),
                    {"o": origin.id, "t": started},
                ).one()
            if queued and not open_:
                samples.append(time.perf_counter() - t0)
                break
            time.sleep(0.002)
    engine.stop()
    sandbox.stop()
    samples.sort()
    p95 = samples[max(0, int(len(samples) * 0.95) - 1)]
    print(
        f"[latency] order seen on one store -> stock on every other store that lists it: "
        f"{len(samples)} orders, median {statistics.median(samples) * 1000:.0f} ms, "
        f"p95 {p95 * 1000:.0f} ms, max {samples[-1] * 1000:.0f} ms (from the start of the "
        "fetch that saw it)"
    )
    ws.close()


def utcnow_naive() -> str:
    """Now in the database's own format (naive UTC) for comparisons in raw SQL."""

    return utcnow().replace(tzinfo=None).isoformat(sep=" ")


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


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--orders", type=int, default=50_000)
    p.add_argument("--rounds", type=int, default=40)
    p.add_argument("--rate", type=float, default=0, help="also run with this client limiter")
    p.add_argument("--calls-orders", type=int, default=5000, help="orders for the call count")
    a = p.parse_args()
    if a.calls_orders:
        bench_calls(a.calls_orders)
    bench_ingest(a.orders, None)
    if a.rate:
        bench_ingest(min(a.orders, 5000), a.rate)
    bench_latency(a.rounds)


if __name__ == "__main__":
    main()
