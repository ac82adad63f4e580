"""Benchmark: catalog search at 1,000,000 variants, the service against the raw FTS5 query.

Run with ``uv run python tests/perf/bench_catalog.py [VARIANTS] [--fresh] [--reps N]``.

Builds a workspace with VARIANTS variants (default 1,000,000; 4 per product) and the
search index filled as the app fills it (:mod:`tests.perf.catalogdata`). Building takes
one to two minutes, so the database is cached under the temp folder
(``storesync-bench-catalog-*``, keyed by size and data version) and reused by the next run;
``--fresh`` builds it anew. Opening it migrates it to the current head, as the app does.

Then, in one run, for every typed search x with and without a category filter x every
sort the Catalog page offers (both directions):

* the service: :func:`app.core.services.catalog.variant_ids`, what the page calls;
* the raw baseline: one hand-written FTS5 query on a plain ``sqlite3`` connection
  returning the same ids in the same order (checked).

It prints each query type's median and p95 (wall clock, and the thread's CPU time, which
load on the machine moves less), the service/raw ratio, and every distinct query plan
(``EXPLAIN QUERY PLAN`` of the statements the service ran and of the raw query). It exits
non-zero, loudly, if a plan reads the variants or products table other than by the
matched ids (a scan, or a range of an index such as ``workspace_id=?``). Goal: p95 <= 50 ms
through the service and <= 1.5x raw.
"""

from __future__ import annotations

import argparse
import re
import sqlite3
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from sqlalchemy import event

from app.core.paths import resolve_paths
from app.core.services import catalog
from app.core.workspace import OpenWorkspace, open_workspace
from tests.perf.catalogdata import BUILD_VERSION, CATEGORY, SEARCHES, build_search_catalog

GOAL_P95_MS = 50.0
GOAL_RATIO = 1.5
# variants and products may be reached only by the matched ids, never by a scan or a range
BIG_TABLE = re.compile(r"\b(SCAN|SEARCH) (variants|products|v|p)\b")
BY_ID = re.compile(r"\browid=\?\)|\bid=\?")
RAW_SQL = """
SELECT v.id FROM catalog_fts f CROSS JOIN variants v ON v.id = f.rowid {join}
WHERE catalog_fts MATCH ? AND v.workspace_id = ? AND v.status = 'active' {category}
ORDER BY {column} {direction}, v.id {direction}
"""
RAW_COLUMNS = {"sku": "v.sku", "name": "p.name", "price": "v.price"}


def page_sorts() -> list[tuple[str, bool]]:
    """Every (sort key, descending) the Catalog page's header offers."""
    from app.gui.catalog.model import CATALOG_COLUMNS  # the page's own declaration

    keys = [c.sort_key for c in CATALOG_COLUMNS if c.sort_key]
    return [(k, d) for k in keys for d in (False, True)]


def open_cached(n: int, fresh: bool) -> OpenWorkspace:
    """The bench workspace, built once and cached in the temp folder."""
    folder = Path(tempfile.gettempdir()) / f"storesync-bench-catalog-{n}-v{BUILD_VERSION}"
    done = folder / "built.txt"
    if fresh or not done.exists():
        import shutil

        shutil.rmtree(folder, ignore_errors=True)
        t = time.perf_counter()
        ws = open_workspace(resolve_paths(folder))
        build_search_catalog(ws.paths.database, ws.ctx.workspace_id, n)
        done.write_text(f"{n} variants\n")
        print(f"built {n:,} variants with the search index in {time.perf_counter() - t:.0f} s")
        print(f"cached in {folder} (reused by the next run; --fresh rebuilds)")
        return ws
    print(f"using the cached catalog in {folder} (--fresh rebuilds)")
    return open_workspace(resolve_paths(folder))


def raw_query(
    con: sqlite3.Connection, ws_id: int, text: str, category: str | None, sort: str, desc: bool
) -> tuple[str, tuple]:
    """The baseline SQL and its parameters."""
    fts = catalog.fts_query(text).fts5()
    if category:  # the category's words narrow the matches inside the index
        fts = f'({fts}) AND category : "{category}"'
    join = "CROSS JOIN products p ON p.id = v.product_id" if sort == "name" or category else ""
    sql = RAW_SQL.format(
        join=join,
        category="AND p.category = ?" if category else "",
        column=RAW_COLUMNS[sort],
        direction="DESC" if desc else "ASC",
    )
    params = (fts, ws_id) + ((category,) if category else ())
    return sql, params


def plan_of(con: sqlite3.Connection, sql: str, params) -> list[str]:
    """The EXPLAIN QUERY PLAN lines of one statement."""
    return [row[3] for row in con.execute("EXPLAIN QUERY PLAN " + sql, params)]


def timed(fn) -> tuple[float, float, object]:
    """(wall ms, thread CPU ms, result) of one call."""
    c = time.thread_time()
    t = time.perf_counter()
    out = fn()
    return (time.perf_counter() - t) * 1000, (time.thread_time() - c) * 1000, out


def p95(xs: list[float]) -> float:
    """The 95th percentile (nearest rank)."""
    s = sorted(xs)
    return s[min(len(s) - 1, max(0, round(0.95 * len(s)) - 1))]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("variants", nargs="?", type=int, default=1_000_000)
    ap.add_argument("--fresh", action="store_true", help="build the database anew")
    ap.add_argument("--reps", type=int, default=5, help="timed runs per query (default 5)")
    args = ap.parse_args()

    ws = open_cached(args.variants, args.fresh)
    ctx = ws.ctx
    raw = sqlite3.connect(ws.paths.database)
    seen_sql: list[str] = []  # the statements the service ran, values bound (SQLite's trace)

    def trace_on(dbapi_con, _record, _proxy):
        dbapi_con.set_trace_callback(seen_sql.append)

    def trace_off(dbapi_con, _record):
        dbapi_con.set_trace_callback(None)

    sorts = page_sorts()
    wall: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    cpu: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    matches: dict[str, int] = {}
    plans: dict[tuple[str, ...], list[str]] = defaultdict(list)
    bad: list[str] = []
    for label, text in SEARCHES.items():
        for category in (None, CATEGORY):
            kind = f"{label}" + (f" + category {category}" if category else "")
            for sort, desc in sorts:
                name = f"{kind}, {sort} {'desc' if desc else 'asc'}"
                sql, params = raw_query(raw, ctx.workspace_id, text, category, sort, desc)

                def service(text=text, sort=sort, desc=desc, category=category):
                    return catalog.variant_ids(
                        ctx, text, sort=sort, descending=desc, category=category
                    )

                def baseline(sql=sql, params=params):
                    return [r[0] for r in raw.execute(sql, params)]

                seen_sql.clear()
                event.listen(ws.engine, "checkout", trace_on)
                event.listen(ws.engine, "checkin", trace_off)
                try:
                    got = service()  # also the warm-up
                finally:
                    event.remove(ws.engine, "checkout", trace_on)
                    event.remove(ws.engine, "checkin", trace_off)
                want = baseline()
                if got.tolist() != want:
                    print(f"FAIL {name}: the service and the raw query differ")
                    return 2
                matches[kind] = len(want)
                statements = [(s, ()) for s in seen_sql if s.lstrip().upper().startswith("SEL")]
                if not statements:
                    print(f"FAIL {name}: no statement of the service was seen")
                    return 2
                for who, (s, p) in [("raw", (sql, params))] + [("service", x) for x in statements]:
                    lines = plan_of(raw, s, p)
                    plans[tuple(lines)].append(f"{who}: {name}")
                    if any(BIG_TABLE.search(x) and not BY_ID.search(x) for x in lines):
                        bad.append(f"{who}: {name}: {' | '.join(lines)}")
                for _ in range(args.reps):
                    for who, fn in (("service", service), ("raw", baseline)):
                        w, c, _out = timed(fn)
                        wall[kind][who].append(w)
                        cpu[kind][who].append(c)

    print("\nquery plans (each distinct plan once, with how many queries used it):")
    for lines, users in plans.items():
        print(f"  [{len(users)} queries, e.g. {users[0]}]")
        for line in lines:
            print(f"      {line}")
    print(
        f"\n{args.variants:,} variants, {args.reps} runs x {len(sorts)} sorts per type;"
        " ms, wall clock (thread CPU in brackets)"
    )
    head = (
        f"{'query type':<36}{'matches':>8}  {'service med':>15}{'service p95':>15}"
        f"{'raw med':>15}{'raw p95':>15}{'p95 ratio':>10}"
    )
    print(head)
    every: dict[str, list[float]] = defaultdict(list)
    every_cpu: dict[str, list[float]] = defaultdict(list)
    for kind in wall:
        s, r = wall[kind]["service"], wall[kind]["raw"]
        sc, rc = cpu[kind]["service"], cpu[kind]["raw"]
        every["service"] += s
        every["raw"] += r
        every_cpu["service"] += sc
        every_cpu["raw"] += rc
        print(
            f"{kind:<36}{matches[kind]:>8,}  "
            f"{_fmt(statistics.median(s), statistics.median(sc))}"
            f"{_fmt(p95(s), p95(sc))}"
            f"{_fmt(statistics.median(r), statistics.median(rc))}"
            f"{_fmt(p95(r), p95(rc))}"
            f"{p95(s) / p95(r):>9.2f}x"
        )
    s_p95, r_p95 = p95(every["service"]), p95(every["raw"])
    print(
        f"{'all typed searches':<36}{'':>8}  "
        f"{_fmt(statistics.median(every['service']), statistics.median(every_cpu['service']))}"
        f"{_fmt(s_p95, p95(every_cpu['service']))}"
        f"{_fmt(statistics.median(every['raw']), statistics.median(every_cpu['raw']))}"
        f"{_fmt(r_p95, p95(every_cpu['raw']))}"
        f"{s_p95 / r_p95:>9.2f}x"
    )
    print(
        f"goal: service p95 <= {GOAL_P95_MS:.0f} ms: "
        f"{'met' if s_p95 <= GOAL_P95_MS else 'NOT met'} ({s_p95:.1f} ms; thread CPU "
        f"{p95(every_cpu['service']):.1f} ms); <= {GOAL_RATIO}x raw: "
        f"{'met' if s_p95 <= GOAL_RATIO * r_p95 else 'NOT met'} ({s_p95 / r_p95:.2f}x)"
    )
    raw.close()
    ws.close()
    if bad:
        print("\nFAIL: these plans read variants/products beyond the matches:", file=sys.stderr)
        for line in bad:
            print(f"  {line}", file=sys.stderr)
        return 1
    return 0


def _fmt(wall_ms: float, cpu_ms: float) -> str:
    return f"{wall_ms:>8.1f} ({cpu_ms:>4.0f})"


if __name__ == "__main__":
    sys.exit(main())
