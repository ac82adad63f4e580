"""Benchmark: Excel import at 50,000 rows (products, then stock counts), against a bare
openpyxl read-only pass over the same file, in the same run.

Run with ``uv run python tests/perf/bench_import.py [ROWS] [--profile]``.

For each file it prints, side by side:

* the import as the app runs it (``import_file``: read, check every row, apply through the
  ledger in one transaction, outbox hook) — or, for a file with one bad row at its end, the
  rejection (nothing changes, checked);
* a bare ``openpyxl`` read-only pass over the same file (``iter_rows(values_only=True)``,
  every value touched), the least any importer must do;
* their ratio, and the process's peak memory (``ru_maxrss`` of a child process that does
  only that one thing, so each figure is its own; a child that only opens the workspace is
  the floor).

The workspace has a Shopee store whose listings map every imported variant, so the stock
import also queues a push for each changed variant (the outbox hook, as in the app).
Goals (issue 14): <= 8 s to apply, <= 8 s to reject, peak < 200 MB, <= 2x the bare pass.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

GOAL_S, GOAL_MB, GOAL_RATIO = 8.0, 200.0, 2.0
PER_PRODUCT = 4


def write_products(path: Path, rows: int, *, bad: bool = False) -> None:
    """A filled products template: ``rows`` variants, 4 per product, every column used."""
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Products")
    ws.append(
        [
            "Product name",
            "SKU",
            "Variant name",
            "Price",
            "Cost",
            "Weight (g)",
            "Barcode",
            "Brand",
            "Category",
            "Description",
            "Initial stock",
            "Location",
        ]
    )
    sizes = ("250 g", "500 g", "1 kg", "2 kg")
    for v in range(1, rows + 1):
        p = (v - 1) // PER_PRODUCT + 1
        price = 10_000 + (v * 7919) % 90_000
        ws.append(
            [
                f"Kopi Bakan {p:06d}",
                f"IMP-{v:07d}",
                sizes[(v - 1) % PER_PRODUCT],
                price,
                price * 6 // 10,
                250 + v % 750,
                f"899{v:010d}",
                f"Merek{p % 500:03d}",
                "Minuman",
                "Kopi bubuk pilihan" if v % PER_PRODUCT == 1 else None,
                v % 40,
                "MAIN",
            ]
        )
    if bad:  # the last row's price is not an amount
        ws.append(["Kopi Rusak", "IMP-BAD", "", "seratus", 0, 100, "", "", "", "", 1, "MAIN"])
    wb.save(path)


def write_stock(path: Path, rows: int, *, bad: bool = False) -> None:
    """A stock count of ``rows`` variants imported by :func:`write_products`."""
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Stock")
    ws.append(["SKU", "Location", "Counted", "Note"])
    for v in range(1, rows + 1):
        ws.append([f"IMP-{v:07d}", "MAIN", (v * 13) % 97, "opname" if v % 10 == 0 else None])
    if bad:  # the last row names a SKU the catalog does not have
        ws.append(["IMP-NOPE", "MAIN", 5, None])
    wb.save(path)


def bare_pass(path: Path) -> int:
    """The least an importer does: read every value of every sheet in read-only mode."""
    from openpyxl import load_workbook

    wb = load_workbook(path, read_only=True, data_only=True)
    n = 0
    for ws in wb.worksheets:
        for row in ws.iter_rows(values_only=True):
            n += sum(v is not None for v in row)
    wb.close()
    return n


# --------------------------------------------------------------------------- children


def child(op: str, data: Path, file: Path, profile: bool) -> None:
    """Do one thing, print {"seconds": ..., "rss_mb": ..., ...} as the last line."""
    import keyring

    from tests.helpers.memkeyring import MemoryKeyring

    keyring.set_keyring(MemoryKeyring())
    from app.core.export.importer import ImportInvalid, ImportKind, import_file
    from app.core.paths import resolve_paths
    from app.core.workspace import open_workspace

    out: dict = {}
    ws = None
    if op == "listings":
        add_listings(data)
        print(json.dumps(out))
        return
    if op != "bare":
        ws = open_workspace(resolve_paths(data))
    prof = cProfile.Profile() if profile else None
    t, cpu = time.perf_counter(), time.process_time()
    if prof:
        prof.enable()
    if op == "bare":
        out["values"] = bare_pass(file)
    elif op == "floor":
        pass
    else:
        kind = ImportKind.PRODUCTS if op.startswith("products") else ImportKind.STOCK
        progress: list[float] = []
        try:
            import inspect  # the bench also measures the code before progress existed

            kw = {"progress": lambda done, _total: progress.append(done)}
            if "progress" not in inspect.signature(import_file).parameters:
                kw = {}
            result = import_file(ws.ctx, kind, file, **kw)
            out["changed"] = [result.variants_created, result.stock_rows]
        except ImportInvalid as exc:
            out["rejected"] = [(p.row, p.column, p.message) for p in exc.report.problems]
        out["progress_last"] = progress[-1] if progress else None
    out["seconds"] = time.perf_counter() - t
    out["cpu"] = time.process_time() - cpu  # moves less than wall time on a loaded machine
    if prof:
        prof.disable()
        pstats.Stats(prof, stream=sys.stderr).sort_stats("cumulative").print_stats(35)
        pstats.Stats(prof, stream=sys.stderr).sort_stats("tottime").print_stats(25)
    if ws:
        ws.close()
    out["rss_mb"] = peak_rss_mb()
    print(json.dumps(out))


def peak_rss_mb() -> float:
    """This process's peak resident memory. ``VmHWM`` rather than ``ru_maxrss``, which a
    child inherits from the parent it was forked from."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_child(op: str, data: Path, file: Path, profile: bool = False) -> dict:
    cmd = [sys.executable, __file__, "--child", op, str(data), str(file)]
    if profile:
        cmd.append("--profile")
    res = subprocess.run(cmd, stdout=subprocess.PIPE, text=True, check=True)
    return json.loads(res.stdout.strip().splitlines()[-1])


# --------------------------------------------------------------------------- the run


def prepare(folder: Path) -> Path:
    """A fresh workspace (its default location is MAIN); listings are added later."""
    import keyring

    from tests.helpers.memkeyring import MemoryKeyring

    keyring.set_keyring(MemoryKeyring())
    from app.core.paths import resolve_paths
    from app.core.services.locations import list_locations
    from app.core.workspace import open_workspace

    data = folder / "data"
    ws = open_workspace(resolve_paths(data))
    assert "MAIN" in {loc.code for loc in list_locations(ws.ctx)}  # the default location
    ws.close()
    return data


def snapshot(data: Path) -> tuple:
    """What a rejection must leave alone: row counts and the stock sum."""
    con = sqlite3.connect(data / "storesync.db")
    try:
        return tuple(
            con.execute(q).fetchone()[0]
            for q in (
                "select count(*) from variants",
                "select count(*) from inventory_transactions",
                "select coalesce(sum(on_hand), 0) from inventory_items",
                "select count(*) from stock_push_outbox",
            )
        )
    finally:
        con.close()


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("rows", nargs="?", type=int, default=50_000)
    p.add_argument("--profile", action="store_true", help="cProfile each import (stderr)")
    p.add_argument("--only", help="run only the files whose name contains this")
    p.add_argument("--reps", type=int, default=2, help="repetitions (the best counts)")
    p.add_argument("--child", nargs=3, metavar=("OP", "DATA", "FILE"), help=argparse.SUPPRESS)
    a = p.parse_args()
    if a.child:
        child(a.child[0], Path(a.child[1]), Path(a.child[2]), a.profile)
        return
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        data = prepare(folder)
        files = {
            "products": folder / "products.xlsx",
            "products, one bad row": folder / "products-bad.xlsx",
            "stock": folder / "stock.xlsx",
            "stock, one bad row": folder / "stock-bad.xlsx",
        }
        write_products(files["products"], a.rows)
        write_products(files["products, one bad row"], a.rows, bad=True)
        write_stock(files["stock"], a.rows)
        write_stock(files["stock, one bad row"], a.rows, bad=True)
        floor = run_child("floor", data, files["stock"])
        print(
            f"{a.rows:,} rows per file; a child that only opens the workspace: "
            f"{floor['rss_mb']:.0f} MB peak RSS; best of {a.reps}, ours and bare interleaved"
        )
        order = ["products, one bad row", "products", "stock, one bad row", "stock"]
        for name in order:
            if a.only and a.only not in name and name != "products":
                continue
            if name.startswith("stock") and not (data / "listed").exists():
                run_child("listings", data, files[name])  # a child: keeps this process small
                (data / "listed").touch()
            before = snapshot(data)
            base = folder / "base"
            shutil.rmtree(base, ignore_errors=True)
            shutil.copytree(data, base)  # every repetition starts from the same database
            ours_runs, bare_runs = [], []
            for rep in range(a.reps):
                if rep:
                    shutil.rmtree(data)
                    shutil.copytree(base, data)
                op = name.split(",")[0] + ("-bad" if "bad" in name else "")
                ours_runs.append(run_child(op, data, files[name], a.profile))
                bare_runs.append(run_child("bare", data, files[name]))
            ours = min(ours_runs, key=lambda r: r["seconds"])
            bare = min(bare_runs, key=lambda r: r["seconds"])
            cpu_ours = min(r["cpu"] for r in ours_runs)
            cpu_bare = min(r["cpu"] for r in bare_runs)
            peak = max(r["rss_mb"] for r in ours_runs)
            after = snapshot(data)
            ratio, cpu_ratio = ours["seconds"] / bare["seconds"], cpu_ours / cpu_bare
            if "rejected" in ours:
                unchanged = "nothing changed" if after == before else f"CHANGED {before}->{after}"
                first = ours["rejected"][0]
                what = f"rejected ({len(ours['rejected'])} problem: {first}), {unchanged}"
            else:
                what = f"applied {ours['changed']} (variants created, ledger rows)"
            ok = ours["seconds"] <= GOAL_S and peak < GOAL_MB and ratio <= GOAL_RATIO
            print(
                f"[{name}] {ours['seconds']:6.2f} s (CPU {cpu_ours:.2f} s), peak {peak:.0f} MB | "
                f"bare openpyxl read-only pass {bare['seconds']:5.2f} s (CPU {cpu_bare:.2f} s), "
                f"peak {bare['rss_mb']:.0f} MB | ratio {ratio:.2f}x wall, {cpu_ratio:.2f}x CPU | "
                f"progress reached {ours['progress_last']} | {'OK' if ok else 'MISSES GOAL'}"
                f"\n    {what}"
            )


def add_listings(data: Path) -> None:
    """A Shopee store listing every imported variant (read once, so pushes are due)."""
    import keyring
    from sqlalchemy import insert, select

    from app.core.db.models import ChannelListing, Variant
    from app.core.db.types import utcnow
    from app.core.domain import ListingMatch
    from app.core.paths import resolve_paths
    from app.core.workspace import open_workspace
    from tests.helpers import factories
    from tests.helpers.memkeyring import MemoryKeyring

    keyring.set_keyring(MemoryKeyring())
    ws = open_workspace(resolve_paths(data))
    store = factories.store(ws.ctx)
    now = utcnow()
    with ws.ctx.write() as s:
        rows = [
            dict(
                store_id=store.id,
                platform_product_id=f"P{vid}",
                platform_variant_id=f"V{vid}",
                platform_sku=sku,
                variant_id=vid,
                match=ListingMatch.SKU_EXACT,
                platform_stock=0,
                platform_stock_seen_at=now,
                last_pushed_stock=0,
                last_pushed_at=now,
            )
            for vid, sku in s.execute(select(Variant.id, Variant.sku))
        ]
        s.execute(insert(ChannelListing), rows)
    ws.close()


if __name__ == "__main__":
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    main()
