"""Headless Excel commands: ``storesync export``, ``storesync import``, ``storesync template``.

Exit status: 0 done, 1 the input had problems (nothing changed), 2 bad arguments.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add the export, import and template subcommands."""
    # the light modules: registering runs at every start, the app's too
    from app.core.export.import_fields import ImportKind
    from app.core.export.kinds import ExportKind

    p = sub.add_parser(
        "export",
        parents=[common],
        help="write an Excel workbook for bookkeeping (orders, sales summary, stock ...)",
    )
    p.add_argument("kind", choices=[k.value for k in ExportKind])
    p.add_argument("--from", dest="first", type=_day, required=True, metavar="YYYY-MM-DD")
    p.add_argument("--to", dest="last", type=_day, required=True, metavar="YYYY-MM-DD")
    p.add_argument(
        "--store", dest="stores", type=int, action="append", metavar="ID", help="repeatable"
    )
    p.add_argument("--out", type=Path, required=True, metavar="FILE.xlsx")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser(
        "import", parents=[common], help="import products or stock counts from Excel"
    )
    p.add_argument("kind", choices=[k.value for k in ImportKind])
    p.add_argument("file", type=Path, metavar="FILE.xlsx")
    p.add_argument(
        "--report",
        type=Path,
        metavar="OUT.xlsx",
        help="when the file has problems, write a copy with them marked here",
    )
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("template", parents=[common], help="write an Excel import template")
    p.add_argument("kind", choices=[k.value for k in ImportKind])
    p.add_argument("--out", type=Path, required=True, metavar="FILE.xlsx")
    p.add_argument(
        "--prefill",
        action="store_true",
        help="stock: one row per SKU and location with today's count, ready for a stock "
        "take; products: the catalog (the product export), bundles' components included",
    )
    p.set_defaults(func=cmd_template)


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2026-11-30") from None


def _open(args: argparse.Namespace):
    from app.cli_users import open_signed_in  # acting as --user when accounts are on

    return open_signed_in(args)


def cmd_export(args: argparse.Namespace) -> int:
    """Write the workbook and say how many rows it holds."""
    from app.core.export.reports import ExportKind, ExportRequest, run_export
    from app.core.services.errors import ServiceError

    try:
        request = ExportRequest(
            ExportKind(args.kind),
            args.first,
            args.last,
            tuple(args.stores) if args.stores else None,
        )
    except ServiceError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    ws = _open(args)
    try:
        result = run_export(ws.ctx, request, args.out)
    except (ServiceError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    finally:
        ws.close()
    print(f"wrote {result.rows} rows to {result.path} (sheets: {', '.join(result.sheets)})")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    """Import the file, or list its problems (and write the marked copy) and change nothing."""
    from app.core.export.importer import ImportInvalid, ImportKind, import_file, write_report
    from app.core.services.errors import ServiceError

    ws = _open(args)
    bar = _ProgressBar("importing")
    try:
        result = import_file(ws.ctx, ImportKind(args.kind), args.file, bar)
    except ImportInvalid as exc:
        bar.end()
        for p in exc.report.problems:
            print(f"row {p.row}, {p.column or '-'}: {p.message}", file=sys.stderr)
        print(f"{len(exc.report.problems)} problem(s); nothing was imported", file=sys.stderr)
        if args.report:
            write_report(args.file, exc.report, args.report)
            print(f"marked copy written to {args.report}", file=sys.stderr)
        return 1
    except ServiceError as exc:
        bar.end()
        print(f"error: {exc}", file=sys.stderr)
        return 1
    finally:
        ws.close()
    bar.end()
    print(
        f"imported {result.report.rows} rows: {result.products_created} products, "
        f"{result.variants_created} variants, {result.stock_rows} stock changes"
    )
    return 0


class _ProgressBar:
    """``progress(done, total)`` drawn on stderr: a bar redrawn in place on a terminal,
    a line every 10 % otherwise (logs, pipes); stdout keeps only the result."""

    WIDTH = 30

    def __init__(self, label: str) -> None:
        self.label = label
        self.tty = sys.stderr.isatty()
        self.shown = -1
        self.drawn = False

    def __call__(self, done: int, total: int) -> None:
        percent = min(100, 100 * done // total) if total else 0
        if self.tty:
            if percent == self.shown:
                return
            filled = self.WIDTH * percent // 100
            bar = "#" * filled + "." * (self.WIDTH - filled)
            print(f"\r{self.label} [{bar}] {percent:3d}%", end="", file=sys.stderr, flush=True)
            self.drawn = True
        elif percent // 10 > self.shown // 10:
            print(f"{self.label} {percent}%", file=sys.stderr, flush=True)
        self.shown = percent

    def end(self) -> None:
        """Finish the bar's line before anything else is printed."""
        if self.drawn:
            print(file=sys.stderr, flush=True)
            self.drawn = False


def cmd_template(args: argparse.Namespace) -> int:
    """Write an empty template with instructions (and the workspace's location codes)."""
    from app.core.export.importer import ImportKind, write_template

    ws = _open(args)
    try:
        if args.prefill and args.kind == ImportKind.PRODUCTS:  # the product export
            from app.core.export.products_sheet import export_products

            export_products(ws.ctx, args.out)
        else:
            write_template(ImportKind(args.kind), args.out, ws.ctx, prefill=args.prefill)
    finally:
        ws.close()
    print(f"template written to {args.out}")
    return 0
