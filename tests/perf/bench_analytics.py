"""Benchmark: the year dashboard over 1,000,000 order lines (goal: under 200 ms).

Run with ``uv run python tests/perf/bench_analytics.py [LINES]``. Builds a throwaway
workspace, fills the summary tables with ``rebuild_sales_summary`` and times the reads the
Analytics page makes.
"""

from __future__ import annotations

import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from app.core.services.analytics.calendar import period_of_days
from app.core.services.analytics.dashboard import dashboard
from app.core.services.analytics.profit import profit_by_order, profit_by_product
from app.core.services.analytics.stock import days_of_cover, slow_movers, stock_value
from app.core.services.analytics.summary import rebuild_sales_summary
from tests.perf.salesdata import build


def best_ms(fn, runs: int = 7) -> float:
    """The fastest of ``runs`` calls, in milliseconds (after one warm-up call)."""
    fn()
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times) * 1000


def main() -> None:
    lines = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    with tempfile.TemporaryDirectory() as tmp:
        t = time.perf_counter()
        ws = build(Path(tmp), lines)
        print(f"seeded {lines:,} order lines in {time.perf_counter() - t:.1f} s")
        ctx = ws.ctx
        t = time.perf_counter()
        days = rebuild_sales_summary(ctx)
        print(f"rebuild_sales_summary: {days} days in {time.perf_counter() - t:.1f} s")
        year = period_of_days(ctx, date(2025, 11, 1), date(2026, 10, 31))
        month = period_of_days(ctx, date(2026, 10, 1), date(2026, 10, 31))
        odd = period_of_days(ctx, date(2025, 11, 17), date(2026, 10, 13))
        dash = dashboard(ctx, year)
        print(
            f"year: {dash.totals.orders:,} orders, {dash.totals.units:,} units, revenue "
            f"{dash.totals.revenue:,}, profit {dash.totals.profit:,}"
        )
        results = {
            "dashboard, a year (12 whole months)": best_ms(lambda: dashboard(ctx, year)),
            "dashboard, a year with partial months": best_ms(lambda: dashboard(ctx, odd)),
            "dashboard, one month by day": best_ms(lambda: dashboard(ctx, month)),
            "profit per product, a year": best_ms(lambda: profit_by_product(ctx, year)),
            "stock value per location": best_ms(lambda: stock_value(ctx)),
            "slow movers (30 days)": best_ms(
                lambda: slow_movers(ctx, 30, as_of=date(2026, 10, 31))
            ),
            "days of cover (30 days)": best_ms(
                lambda: days_of_cover(ctx, 30, as_of=date(2026, 10, 31))
            ),
            "profit per order, first page of 500": best_ms(
                lambda: profit_by_order(ctx, year, limit=500)
            ),
        }
        for name, ms in results.items():
            print(f"{name:42s} {ms:8.1f} ms")
        verdict = "OK" if results["dashboard, a year (12 whole months)"] < 200 else "SLOW"
        print(f"goal: year dashboard < 200 ms -> {verdict}")
        ws.close()


if __name__ == "__main__":
    main()
