"""Benchmark: export 100,000 order lines to Excel; time, peak memory, and the ratio to a
bare openpyxl write-only loop writing the same values in the same run.

Goal: within 1.2x of the bare loop (issue 14, item 4), peak memory under 300 MB.
Run with ``uv run python tests/perf/bench_export.py [LINES]``.
"""

from __future__ import annotations

import gc
import resource
import statistics
import sys
import tempfile
import time
import tracemalloc
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from openpyxl import Workbook

from app.core.export import (
    ExportKind,
    ExportRequest,
    reports,
    run_export,
)
from app.core.export.xlsx import SheetWriter
from tests.perf.salesdata import build


def capture_rows(ctx, request: ExportRequest, path: Path) -> list[tuple]:
    """The exact values the export writes, row by row (run once, untimed)."""
    rows: list[tuple] = []
    original = SheetWriter.append

    def record(self, values):
        if self._ws.title == "Order lines":
            rows.append(tuple(values))
        original(self, values)

    SheetWriter.append = record
    try:
        run_export(ctx, request, path)
    finally:
        SheetWriter.append = original
    return rows


def bare_loop(rows: list[tuple], path: Path) -> None:
    """What a minimal exporter does: append plain values to a write-only sheet."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Order lines")
    ws.append([c.header for c in reports.LINE_COLUMNS])
    for row in rows:
        ws.append(row)
    wb.save(path)


def timed(fn, *args) -> float:
    gc.collect()
    t = time.perf_counter()
    fn(*args)
    return time.perf_counter() - t


def main() -> None:
    lines = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        t = time.perf_counter()
        ws = build(folder / "data", lines, days=60)
        print(f"seeded {lines:,} order lines in {time.perf_counter() - t:.1f} s")
        ctx = ws.ctx
        request = ExportRequest(ExportKind.ORDER_LINES, date(2026, 8, 1), date(2026, 10, 31))
        rows = capture_rows(ctx, request, folder / "warmup.xlsx")
        print(f"rows written per export: {len(rows):,} x {len(rows[0])} columns")
        rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

        exports, bares = [], []
        for i in range(3):  # interleaved, so both see the same machine state
            exports.append(timed(run_export, ctx, request, folder / f"e{i}.xlsx"))
            bares.append(timed(bare_loop, rows, folder / f"b{i}.xlsx"))
        export_s, bare_s = min(exports), min(bares)
        export_med, bare_med = statistics.median(exports), statistics.median(bares)
        rows.clear()
        gc.collect()
        tracemalloc.start()
        run_export(ctx, request, folder / "traced.xlsx")
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        size = (folder / "e0.xlsx").stat().st_size / 1e6
        print("3 interleaved runs; best / median")
        print(
            f"export (DB read + figures + styled cells): {export_s:6.2f} / {export_med:6.2f} s"
            f"  ({size:.1f} MB file)"
        )
        print(f"bare openpyxl write-only loop, same values: {bare_s:6.2f} / {bare_med:6.2f} s")
        ratio = export_s / bare_s
        per_run = ", ".join(f"{e / b:.2f}" for e, b in zip(exports, bares, strict=True))
        print(
            f"ratio best/best: {ratio:.3f}x, median/median: {export_med / bare_med:.3f}x"
            f" (each run: {per_run})   goal <= 1.2x -> {'OK' if ratio <= 1.2 else 'SLOW'}"
        )
        print(f"peak Python memory during export (tracemalloc): {peak / 1e6:.1f} MB")
        print(f"process max RSS: {rss_after:.0f} MB (before the timed runs: {rss_before:.0f} MB)")
        print(f"goal: peak < 300 MB -> {'OK' if peak / 1e6 < 300 else 'HIGH'}")
        ws.close()


if __name__ == "__main__":
    main()
