"""Benchmark: the order job's database part alone, against plain ``sqlite3`` ``executemany``
of the same rows into the same tables, repeated and interleaved in one run.

Run with ``uv run python tests/perf/bench_ingest.py [--orders N] [--reps K] [--profile]``.

``bench_sync.py`` measures the whole loop once (HTTP, mapping, writes) at 50,000 orders;
this script fetches the orders from the sandbox once, then times only ``store_page`` (the
page writes the engine makes: orders, lines, history, ledger, stock, pushes queued,
analytics summary, cursor) K times on a fresh copy of the same catalog, each followed by
the raw baseline (:func:`tests.perf.raw_orders.same_rows_same_tables`). The machine is
shared, so it prints every ratio, the best and the median. Goal (issue 14): <= 2x.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from app.core.db.types import utcnow
from app.core.domain import JobKind
from app.core.paths import resolve_paths
from app.core.services.order_sync import store_page
from app.core.sync.engine import EngineOptions, SyncEngine
from app.core.workspace import open_workspace
from app.demo import requests_from_info
from tests.perf import bench_sync, raw_orders

PAGE = 100  # the engine commits a page of 100 orders at a time


def fetch(n: int, folder: Path):
    """N orders placed on one Shopee shop, fetched (not stored) as the order job reads
    them, and ``folder/catalog.db``: the workspace's catalog, listings and stock."""
    proc, info = bench_sync.sandbox_process(seed=3, shopee_shops=1, tiktok_shops=0)
    try:
        ws = open_workspace(resolve_paths(folder / "fetch"))
        engine = SyncEngine(
            ws, None, EngineOptions(schedule=False, rate_limits={"shopee": (1e9, 1e9)})
        )
        engine.start()
        (store,) = [
            s
            for r in requests_from_info(info, engine)
            for s in engine.connect_store(r).result(timeout=120)
        ]
        engine.sync_now(store.id, (JobKind.PRODUCTS,)).result(timeout=600)  # catalog mapped
        httpx.post(
            f"{info['base_url']}/_sandbox/orders",
            params={"count": n, "max_lines": 5},
            timeout=600,
        )
        orders = engine.submit(bench_sync.fetch_all(engine.adapter_for(store))).result(3600)
        engine.stop()
        ws.close()
        shutil.copy(ws.paths.database, folder / "catalog.db")
        return store.id, orders
    finally:
        proc.terminate()


def ours(
    store_id: int, orders, template: Path, folder: Path, profile: bool
) -> tuple[float, float, Path]:
    """Wall and CPU seconds for the page writes on a fresh copy of ``template``; the
    database written."""
    ws = open_workspace(resolve_paths(folder))
    ws.close()
    shutil.copy(template, ws.paths.database)
    ws = open_workspace(resolve_paths(folder))
    placed = {o.created_at for o in orders}  # the days the job summarises at the end
    prof = cProfile.Profile() if profile else None
    t0, c0 = time.perf_counter(), time.process_time()
    if prof:
        prof.enable()
    for i in range(0, len(orders), PAGE):
        last = i + PAGE >= len(orders)  # the window's last page: summary and cursor too
        store_page(
            ws.ctx, store_id, orders[i : i + PAGE], placed if last else None,
            utcnow() if last else None,
        )  # fmt: skip
    elapsed, cpu = time.perf_counter() - t0, time.process_time() - c0
    if prof:
        prof.disable()
        prof.dump_stats(Path(tempfile.gettempdir()) / "bench_ingest.pstats")  # for callers
        pstats.Stats(prof, stream=sys.stderr).sort_stats("cumulative").print_stats(40)
        pstats.Stats(prof, stream=sys.stderr).sort_stats("tottime").print_stats(30)
    ws.close()
    return elapsed, cpu, ws.paths.database


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--orders", type=int, default=10_000)
    p.add_argument("--reps", type=int, default=3)
    p.add_argument("--profile", action="store_true", help="cProfile the first repetition")
    a = p.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        store_id, orders = fetch(a.orders, folder)
        lines = sum(len(o.items) for o in orders)
        ratios, cpu_ratios, ours_s, raw_s = [], [], [], []
        for rep in range(a.reps):
            seconds, cpu, db = ours(
                store_id, orders, folder / "catalog.db", folder / f"w{rep}", a.profile and not rep
            )
            raw = raw_orders.same_rows_same_tables(orders, folder / "catalog.db", db)
            raw_cpu = raw_orders.LAST_CPU[0]
            ratios.append(seconds / raw)
            cpu_ratios.append(cpu / raw_cpu)
            ours_s.append(seconds)
            raw_s.append(raw)
            print(
                f"[db write {rep + 1}/{a.reps}] {len(orders)} orders, {lines} lines: "
                f"{seconds:.2f} s ({len(orders) / seconds:,.0f} orders/s) vs plain executemany "
                f"of the same rows {raw:.2f} s -> {seconds / raw:.2f}x; CPU {cpu:.2f} s vs "
                f"{raw_cpu:.2f} s -> {cpu / raw_cpu:.2f}x",
                flush=True,
            )
        best = min(range(a.reps), key=lambda i: ratios[i])
        print(
            f"[db write] best {ours_s[best]:.2f} s vs {raw_s[best]:.2f} s ({ratios[best]:.2f}x), "
            f"median ratio {statistics.median(ratios):.2f}x, median CPU ratio "
            f"{statistics.median(cpu_ratios):.2f}x over {a.reps} (goal <= 2x)"
        )


if __name__ == "__main__":
    main()
