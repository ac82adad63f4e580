"""Benchmark: order ingest and catalog search on SQLite and on PostgreSQL, side by side
(a script, not a test): ``uv run python tests/perf/bench_teamdb.py``.

Options: ``--orders N`` (default 20,000), ``--variants N`` (default 200,000), ``--reps N``,
``--no-ingest`` (the search part only)
and ``--database-url URL``: a PostgreSQL server (any database on it, a user allowed to
create databases) where the bench makes and drops its own databases; without it the bench
starts a throwaway server (tests/pg/server.py, PostgreSQL binaries needed).

Prints, for each engine:
1. ingest: N orders (1-3 lines each over 200 mapped SKUs) written as the order job writes
   them, a page of 100 per transaction through ``services.order_sync.store_page`` (stock
   effects, ledger, queued pushes; the window's summary and cursor on the last page);
2. search: ``services.catalog.variant_ids`` (the Catalog page's query) for every query
   type: the typed searches of tests/perf/catalogdata.py (SKU prefix, one word, two
   words, few and many matches), with and without a category filter, sorted by SKU, name
   and price both ways; median and p95 per engine (runs interleaved), PostgreSQL's median
   as a multiple of SQLite's, then the same per typed search over all its sorts; the two
   engines' ids are checked equal. The PostgreSQL catalog is the SQLite one copied with
   ``db copy-to``'s code (which ends with ANALYZE), whose time is printed too.
   tests/pg/test_search_plans.py checks the plans of the same queries.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from array import array
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import keyring
from sqlalchemy import text as sql_text
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
from tests.perf.catalogdata import CATEGORY, SEARCHES, build_search_catalog  # noqa: E402

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


def p95(xs: list[float]) -> float:
    return sorted(xs)[max(0, round(0.95 * len(xs)) - 1)]


def _ms(fn) -> tuple[float, list[int]]:
    t = time.perf_counter()
    got = fn()
    return (time.perf_counter() - t) * 1000, got.tolist()


def query_types() -> list[tuple[str, str, str | None, str, bool]]:
    """(label, typed text, category, sort, descending) of every query type timed: each
    typed search of tests/perf/catalogdata.py, with and without the category filter,
    sorted by each column the Catalog page sorts, both ways."""
    return [
        (label, text, category, sort, desc)
        for label, text in SEARCHES.items()
        for category in (None, CATEGORY)
        for sort in ("sku", "name", "price")
        for desc in (False, True)
    ]


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
    # per query kind (typed search, with or without the category), all sorts together
    kinds: dict[str, tuple[list[float], list[float]]] = {}
    every: tuple[list[float], list[float]] = ([], [])
    print(f"  {'search (ms)':<44} {'SQLite med/p95':>15} {'PostgreSQL med/p95':>19}"
          f" {'PG/SQLite':>9}  matches")  # fmt: skip
    try:
        # the floor under every search: one read unit of work that does nothing (on
        # PostgreSQL the pool's ping, BEGIN, the statement and ROLLBACK: four round trips)
        floor = [[_ms(lambda ws=ws: _empty_read(ws))[0] for _ in range(50)] for ws in (lite, pg)]
        print(f"  {'an empty read (SELECT 1 in ctx.read)':<44} {_fig(floor[0]):>15}"
              f" {_fig(floor[1]):>19}")  # fmt: skip
        for label, text, category, sort, desc in query_types():
            kind = label + (f" + {category}" if category else "")
            runs: tuple[list[float], list[float]] = ([], [])
            ids: list[list[int]] = [[], []]

            def search(ws, text=text, category=category, sort=sort, desc=desc):
                return catalog.variant_ids(
                    ws.ctx, text, sort=sort, descending=desc, category=category
                )

            for ws in (lite, pg):
                _ms(lambda ws=ws: search(ws))  # warm-up
            for _ in range(reps):  # the engines interleaved: load moves both alike
                for i, ws in enumerate((lite, pg)):
                    took, ids[i] = _ms(lambda ws=ws: search(ws))
                    runs[i].append(took)
            for i in (0, 1):
                kinds.setdefault(kind, ([], []))[i].extend(runs[i])
                every[i].extend(runs[i])
            ok = ids[0] == ids[1]
            same &= ok
            ratio = statistics.median(runs[1]) / max(statistics.median(runs[0]), 1e-3)
            name = f"{kind}, {sort} {'desc' if desc else 'asc'}"
            print(f"  {name:<44} {_fig(runs[0]):>15} {_fig(runs[1]):>19} {ratio:8.1f}x  "
                  f"{len(ids[0]):,}{'' if ok else '  DIFFERENT ROWS'}")  # fmt: skip
    finally:
        lite.close()
        pg.close()
    print(f"  per query type, all sorts ({reps} runs x 6 sorts):")
    for kind, (a, b) in [*kinds.items(), ("ALL", every)]:
        ratio = statistics.median(b) / max(statistics.median(a), 1e-3)
        p95_ratio = p95(b) / max(p95(a), 1e-3)
        print(f"  {kind:<44} {_fig(a):>15} {_fig(b):>19} {ratio:8.1f}x  "
              f"(p95 {p95_ratio:.1f}x)")  # fmt: skip
    return same


def _empty_read(ws):
    with ws.ctx.read() as s:
        return array("q", s.execute(sql_text("SELECT 1")).scalars())


def _fig(runs: list[float]) -> str:
    return f"{statistics.median(runs):6.1f}/{p95(runs):<6.1f}"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--orders", type=int, default=20_000)
    ap.add_argument("--variants", type=int, default=200_000)
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--database-url", help="a PostgreSQL server (the bench makes its own DBs)")
    ap.add_argument("--no-ingest", action="store_true", help="the search part only")
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
        if not args.no_ingest:
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
