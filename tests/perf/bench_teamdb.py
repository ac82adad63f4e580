"""Benchmark: order ingest and catalog search on SQLite and on PostgreSQL, side by side
(a script, not a test): ``uv run python tests/perf/bench_teamdb.py``.

Options: ``--orders N`` (default 20,000), ``--variants N`` (default 200,000), ``--reps N``
and ``--database-url URL``: a PostgreSQL server (any database on it, a user allowed to
create databases) where the bench makes and drops its own databases; without it the bench
starts a throwaway server (tests/pg/server.py, PostgreSQL binaries needed).

Prints, for each engine:
1. ingest: N orders (1-3 lines each over 200 mapped SKUs) written as the order job writes
   them, a page of 100 per transaction through ``services.order_sync.store_page`` (stock
   effects, ledger, queued pushes; the window's summary and cursor on the last page);
2. search: ``services.catalog.variant_ids`` (the Catalog page's query) for the typed
   searches of tests/perf/catalogdata.py, sorted by SKU and by name, median and p95; the
   two engines' ids are checked equal. The PostgreSQL catalog is the SQLite one copied
   with ``db copy-to``'s code, whose time is printed too.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import keyring
from sqlalchemy.engine import make_url

from tests.helpers.memkeyring import MemoryKeyring

keyring.set_keyring(MemoryKeyring())

from app.core.db.copy import copy_database  # noqa: E402
from app.core.db.engine import make_engine  # noqa: E402
from app.core.domain import ChannelOrder, ChannelOrderItem, OrderStatus  # noqa: E402
from app.core.paths import resolve_paths  # noqa: E402
from app.core.services import catalog, inventory, locations  # noqa: E402
from app.core.services.order_sync import store_page  # noqa: E402
from app.core.workspace import open_workspace  # noqa: E402
from tests.helpers.factories import product, store  # noqa: E402
from tests.perf.catalogdata import SEARCHES, build_search_catalog  # noqa: E402

SKUS = [f"BENCH-{i:03d}" for i in range(200)]
T0 = datetime(2026, 11, 1, tzinfo=UTC)


def make_orders(n: int) -> list[ChannelOrder]:
    rng = random.Random(7)
    out = []
    for i in range(n):
        lines = rng.sample(SKUS, rng.randint(1, 3))
        at = T0 + timedelta(seconds=i)
        out.append(
            ChannelOrder(
                platform_order_id=f"B{i:08d}",
                status=OrderStatus.TO_SHIP,
                platform_status="READY_TO_SHIP",
                created_at=at,
                updated_at=at,
                currency="IDR",
                total=Decimal(45000 * len(lines)),
                items=tuple(
                    ChannelOrderItem(
                        platform_item_id=f"B{i}-{k}",
                        platform_product_id=f"P-{sku}",
                        platform_variant_id=f"V-{sku}",
                        platform_sku=sku,
                        name=sku,
                        quantity=rng.randint(1, 2),
                        unit_price=Decimal(45000),
                    )
                    for k, sku in enumerate(lines)
                ),
            )
        )
    return out


def bench_ingest(label: str, url, orders: list[ChannelOrder]) -> float:
    ws = open_workspace(resolve_paths(tempfile.mkdtemp(prefix="bench-tdb-")), database_url=url)
    try:
        loc = locations.list_locations(ws.ctx)[0].id
        for sku in SKUS:
            v = product(ws.ctx, name=f"Produk {sku}", skus=(sku,)).variants[0]
            inventory.receive(ws.ctx, v.id, loc, 1_000_000)
        st = store(ws.ctx)
        placed = {o.created_at for o in orders}
        t = time.perf_counter()
        for i in range(0, len(orders), 100):
            last = i + 100 >= len(orders)
            store_page(
                ws.ctx, st.id, orders[i : i + 100], placed if last else None,
                datetime.now(UTC) if last else None,
            )  # fmt: skip
        took = time.perf_counter() - t
    finally:
        ws.close()
    lines = sum(len(o.items) for o in orders)
    print(
        f"  ingest  {label:<10} {len(orders):,} orders ({lines:,} lines) in {took:6.2f} s "
        f"= {len(orders) / took:8,.0f} orders/s"
    )
    return took


def timed(fn, reps: int) -> tuple[list[float], list[int]]:
    fn()  # warm-up
    runs = []
    for _ in range(reps):
        t = time.perf_counter()
        got = fn()
        runs.append((time.perf_counter() - t) * 1000)
    return runs, got.tolist()


def p95(xs: list[float]) -> float:
    return sorted(xs)[max(0, round(0.95 * len(xs)) - 1)]


def bench_search(n: int, reps: int, pg_url) -> bool:
    folder = Path(tempfile.mkdtemp(prefix="bench-tdb-search-"))
    lite = open_workspace(resolve_paths(folder), database_url=None)
    t = time.perf_counter()
    build_search_catalog(lite.paths.database, lite.ctx.workspace_id, n)
    print(f"  built {n:,} variants on SQLite in {time.perf_counter() - t:.0f} s")
    lite.close()
    source, target = make_engine(lite.paths.database), make_engine(pg_url)
    t = time.perf_counter()
    report = copy_database(source, target)
    print(f"  copied to PostgreSQL (db copy-to): {report.total:,} rows in "
          f"{time.perf_counter() - t:.1f} s")  # fmt: skip
    source.dispose()
    target.dispose()
    lite = open_workspace(resolve_paths(folder), database_url=None)
    pg = open_workspace(resolve_paths(folder), database_url=pg_url)
    same = True
    print(f"  {'search (ms)':<34} {'SQLite med/p95':>16} {'PostgreSQL med/p95':>20}  matches")
    try:
        for label, text in SEARCHES.items():
            for sort in ("sku", "name"):
                figures, ids = [], []
                for ws in (lite, pg):
                    runs, got = timed(
                        lambda ws=ws, text=text, sort=sort: catalog.variant_ids(
                            ws.ctx, text, sort=sort
                        ),
                        reps,
                    )
                    figures.append(f"{statistics.median(runs):7.1f}/{p95(runs):<7.1f}")
                    ids.append(got)
                ok = ids[0] == ids[1]
                same &= ok
                print(f"  {label + ', by ' + sort:<34} {figures[0]:>16} {figures[1]:>20}  "
                      f"{len(ids[0]):,}{'' if ok else '  DIFFERENT ROWS'}")  # fmt: skip
    finally:
        lite.close()
        pg.close()
    return same


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--orders", type=int, default=20_000)
    ap.add_argument("--variants", type=int, default=200_000)
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--database-url", help="a PostgreSQL server (the bench makes its own DBs)")
    args = ap.parse_args()
    server = None
    if args.database_url:
        base = make_url(args.database_url).set(drivername="postgresql+psycopg")
        admin = make_engine(base).execution_options(isolation_level="AUTOCOMMIT")

        def create(name: str):
            with admin.connect() as conn:
                conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}"')
                conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
            return base.set(database=name)
    else:
        from tests.pg.server import start_server

        server = start_server()
        print(f"started a throwaway PostgreSQL on port {server.port}")

        def create(name: str):
            return server.create_database(name)

    try:
        orders = make_orders(args.orders)
        print("order ingest (store_page, 100 orders a transaction):")
        a = bench_ingest("SQLite", None, orders)
        b = bench_ingest("PostgreSQL", create("storesync_bench_ingest"), orders)
        print(f"  PostgreSQL / SQLite: {b / a:.2f}x the time")
        print(f"catalog search at {args.variants:,} variants ({args.reps} runs each):")
        same = bench_search(args.variants, args.reps, create("storesync_bench_search"))
    finally:
        if server is not None:
            server.stop()
    if not same:
        print("FAIL: the engines returned different rows")
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
