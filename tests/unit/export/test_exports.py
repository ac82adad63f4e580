"""Exports opened again with openpyxl and checked cell by cell against the database."""

from __future__ import annotations

import argparse
from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import func, select

from app.core.db.models import InventoryTransaction, Order
from app.core.domain import OrderStatus
from app.core.export import ExportCancelled, ExportKind, ExportRequest, run_export
from app.core.export.xlsx import DATETIME_FORMAT, RUPIAH_FORMAT
from app.core.services.analytics.calendar import period_of_days
from app.core.services.analytics.figures import minor
from app.core.services.analytics.sales import sales_totals
from app.core.services.analytics.stock import stock_value
from tests.unit.analytics.seed import NOV1_10H, channel_order, ingest, seed

D = Decimal
NOV = (date(2026, 11, 1), date(2026, 11, 30))
NASTY = ['=HYPERLINK("http://x","y")', "+62 812", "-1+2", "@SUM(A1)", "\tcmd", "\rcmd"]


@pytest.fixture
def data(ctx, workspace):
    """The seeded analytics dataset plus orders whose buyers type formulas."""
    seeded = seed(ctx, workspace)
    orders = [
        channel_order(f"X{i}", OrderStatus.COMPLETED, NOV1_10H, [("TOPI-01", 1, 1000, 0)], buyer=b)
        for i, b in enumerate(NASTY)
    ]
    orders[0] = replace(orders[0], tracking_number="=1+1", buyer_username="@evil")
    ingest(workspace, seeded.shopee, *orders)
    return seeded


def export(ctx, tmp_path: Path, kind: ExportKind, **kw):
    out = tmp_path / f"{kind.value}.xlsx"
    result = run_export(ctx, ExportRequest(kind, *NOV, **kw), out)
    return result, load_workbook(out)


def header(ws) -> list[str]:
    return [c.value for c in ws[1]]


def column(ws, name: str) -> list:
    i = header(ws).index(name)
    return [row[i].value for row in ws.iter_rows(min_row=2, max_row=ws.max_row - 1)]


def cell(ws, row: int, name: str):
    return ws.cell(row=row, column=header(ws).index(name) + 1)


class TestOrders:
    def test_a_real_spreadsheet(self, ctx, data, tmp_path):
        result, wb = export(ctx, tmp_path, ExportKind.ORDERS)
        assert wb.sheetnames == ["Cover", "Orders"] and result.rows == 12
        ws = wb["Orders"]
        assert ws.freeze_panes == "A2"
        assert ws.auto_filter.ref == "A1:Y13"
        assert all(c.font.b for c in ws[1])
        assert ws.column_dimensions["G"].width == 22
        a1 = 2  # rows follow placed_at, then id: A1 comes first
        assert cell(ws, a1, "Order no.").value == "A1"
        placed = cell(ws, a1, "Placed")
        assert placed.value == datetime(2026, 11, 1, 10, 0)  # 03:00 UTC in Jakarta
        assert placed.number_format == DATETIME_FORMAT and placed.is_date
        revenue = cell(ws, a1, "Revenue")
        assert (revenue.value, revenue.data_type, revenue.number_format) == (
            135000,
            "n",
            RUPIAH_FORMAT,
        )
        assert cell(ws, a1, "Profit").value == 40000
        assert cell(ws, a1, "Fees").value == "final"
        assert cell(ws, a1, "Units").value == 3

    def test_totals_row_sums_every_row_and_equals_the_database(
        self, ctx, workspace, data, tmp_path
    ):
        _, wb = export(ctx, tmp_path, ExportKind.ORDERS)
        ws = wb["Orders"]
        last = ws.max_row
        assert ws.cell(row=last, column=1).value == "Total"
        total_cell = cell(ws, last, "Total paid by buyer")
        letter = total_cell.column_letter
        assert total_cell.value == f"=SUM({letter}2:{letter}{last - 1})"
        assert total_cell.number_format == RUPIAH_FORMAT
        with workspace.sessions() as s:
            db_total = s.scalar(select(func.sum(minor(Order.total))))
        assert sum(D(str(v)) for v in column(ws, "Total paid by buyer")) == db_total / 100
        # revenue and profit count sales only, so they agree with the analytics
        totals = sales_totals(ctx, period_of_days(ctx, *NOV))
        assert sum(D(str(v)) for v in column(ws, "Revenue") if v is not None) == totals.revenue
        assert sum(D(str(v)) for v in column(ws, "Profit") if v is not None) == totals.profit

    def test_buyer_text_never_becomes_a_formula(self, ctx, data, tmp_path):
        _, wb = export(ctx, tmp_path, ExportKind.ORDERS)
        ws = wb["Orders"]
        buyers = {c.value: c for c in ws[f"{cell(ws, 1, 'Buyer').column_letter}"][1:-1]}
        for text in NASTY:
            c = buyers[text.replace("\r", "\n")]  # XML keeps no bare CR: it reads back as LF
            assert c.data_type == "s", text
            assert c.quotePrefix, text
        formulas = [
            c.coordinate
            for row in ws.iter_rows(max_row=ws.max_row - 1)
            for c in row
            if c.data_type == "f"
        ]
        assert formulas == []  # only the totals row holds formulas
        x0 = next(r for r in range(2, ws.max_row) if cell(ws, r, "Order no.").value == "X0")
        assert cell(ws, x0, "Tracking no.").value == "=1+1"
        assert cell(ws, x0, "Tracking no.").data_type == "s"
        assert cell(ws, x0, "Buyer username").value == "@evil"

    def test_store_filter_and_cover_sheet(self, ctx, data, tmp_path):
        result, wb = export(ctx, tmp_path, ExportKind.ORDERS, store_ids=(data.tiktok,))
        assert column(wb["Orders"], "Order no.") == ["B1", "B2", "B3"]
        cover = {r[0].value: r[1].value for r in wb["Cover"].iter_rows(min_row=3) if r[0].value}
        assert cover["Report"] == "Orders"
        assert cover["From"] == datetime(2026, 11, 1)
        assert cover["Stores"] == "Toko TikTok (TikTok Shop)"
        assert cover["Time zone"] == "Asia/Jakarta"
        assert cover["Data rows"] == result.rows == 3


class TestOtherExports:
    def test_order_lines_add_up_to_the_order_figures(self, ctx, data, tmp_path):
        result, wb = export(ctx, tmp_path, ExportKind.ORDER_LINES)
        ws = wb["Order lines"]
        assert result.rows == 13
        totals = sales_totals(ctx, period_of_days(ctx, *NOV))
        assert sum(column(ws, "Quantity")) == 16  # 10 seeded units + 6 one-unit X orders
        assert sum(D(str(v)) for v in column(ws, "Revenue") if v is not None) == totals.revenue
        fees = sum(D(str(v)) for v in column(ws, "Fees share") if v is not None)
        assert fees == totals.fees
        profit = sum(D(str(v)) for v in column(ws, "Profit") if v is not None)
        assert profit == totals.profit

    def test_sales_summary_per_store_and_platform(self, ctx, data, tmp_path):
        _, wb = export(ctx, tmp_path, ExportKind.SALES_SUMMARY)
        assert wb.sheetnames == ["Cover", "Sales summary", "By platform"]
        ws = wb["Sales summary"]
        assert column(ws, "Store") == ["Toko Shopee", "Toko TikTok"]
        month = cell(ws, 2, "Month")
        assert (month.value, month.number_format) == (datetime(2026, 11, 1), "mmm yyyy")
        totals = sales_totals(ctx, period_of_days(ctx, *NOV))
        for name, expected in (
            ("Gross", totals.gross),
            ("Revenue", totals.revenue),
            ("Marketplace fees", totals.fees),
            ("Shipping subsidy", totals.shipping_subsidy),
            ("Net", totals.net),
            ("Cost of goods", totals.cost),
            ("Profit", totals.profit),
        ):
            assert sum(D(str(v)) for v in column(ws, name)) == expected, name
            assert cell(ws, ws.max_row, name).value.startswith("=SUM(")
        platforms = wb["By platform"]
        assert column(platforms, "Platform") == ["Shopee", "TikTok Shop"]
        assert sum(D(str(v)) for v in column(platforms, "Profit")) == totals.profit

    def test_inventory_valuation(self, ctx, data, tmp_path):
        _, wb = export(ctx, tmp_path, ExportKind.INVENTORY)
        ws = wb["Inventory valuation"]
        (loc,) = stock_value(ctx)
        assert sum(D(str(v)) for v in column(ws, "Value at cost")) == loc.value
        assert sum(column(ws, "On hand")) == loc.units
        by_loc = wb["By location"]
        assert cell(by_loc, 2, "Value at cost").value == loc.value

    def test_movements_equal_the_ledger(self, ctx, workspace, data, tmp_path):
        result, wb = export(ctx, tmp_path, ExportKind.MOVEMENTS)
        ws = wb["Stock movements"]
        with workspace.sessions() as s:
            rows, moved = s.execute(
                select(func.count(), func.sum(InventoryTransaction.delta_on_hand))
            ).one()
        # the ledger rows were written today; the export covers November 2026
        today = datetime.now().date()
        in_range = NOV[0] <= today <= NOV[1]
        assert result.rows == (rows if in_range else 0)
        if in_range:
            assert sum(column(ws, "Change on hand")) == moved


class TestCancel:
    def test_cancel_leaves_no_file(self, ctx, data, tmp_path):
        out = tmp_path / "out" / "orders.xlsx"
        out.parent.mkdir()
        seen = []

        def progress(done, total):
            seen.append((done, total))
            return False

        with pytest.raises(ExportCancelled):
            run_export(ctx, ExportRequest(ExportKind.ORDERS, *NOV), out, progress)
        assert seen == [(12, 12)]
        assert list(out.parent.iterdir()) == []

    def test_raising_from_progress_also_cancels(self, ctx, data, tmp_path):
        def progress(done, total):
            raise ExportCancelled("stop")

        out = tmp_path / "out" / "lines.xlsx"
        out.parent.mkdir()
        with pytest.raises(ExportCancelled):
            run_export(ctx, ExportRequest(ExportKind.ORDER_LINES, *NOV), out, progress)
        assert list(out.parent.iterdir()) == []


class TestCommandLine:
    def run(self, data_dir, *argv):
        from app.cli_export import register

        common = argparse.ArgumentParser(add_help=False)
        common.add_argument("--data-dir")
        parser = argparse.ArgumentParser()
        register(parser.add_subparsers(dest="command"), common)
        args = parser.parse_args([*argv, "--data-dir", str(data_dir)])
        return args.func(args)

    def test_export_sales_summary(self, workspace, data, data_dir, tmp_path, capsys):
        out = tmp_path / "sales.xlsx"
        code = self.run(
            data_dir,
            "export",
            "sales-summary",
            "--from",
            "2026-11-01",
            "--to",
            "2026-11-30",
            "--out",
            str(out),
        )
        assert code == 0 and "wrote 2 rows" in capsys.readouterr().out
        assert load_workbook(out).sheetnames == ["Cover", "Sales summary", "By platform"]

    def test_import_draws_progress_and_reports_a_bad_row(
        self, workspace, data_dir, tmp_path, capsys
    ):
        wb = Workbook()
        wb.active.append(["Product name", "SKU", "Price"])
        for i in range(600):
            wb.active.append([f"Produk {i}", f"CLI-{i:04d}", 1000 + i])
        wb.save(tmp_path / "ok.xlsx")
        wb.active.append(["Rusak", "CLI-BAD", "seratus"])
        wb.save(tmp_path / "bad.xlsx")
        assert self.run(data_dir, "import", "products", str(tmp_path / "bad.xlsx")) == 1
        err = capsys.readouterr().err
        assert "row 602, Price: 'seratus' is not an amount" in err
        assert "importing 100%" not in err  # rejected: nothing was imported
        assert self.run(data_dir, "import", "products", str(tmp_path / "ok.xlsx")) == 0
        out = capsys.readouterr()
        assert "imported 600 rows" in out.out
        steps = [line for line in out.err.splitlines() if line.startswith("importing ")]
        assert steps[0] == "importing 0%" and steps[-1] == "importing 100%"  # not a terminal

    def test_bad_range_is_refused(self, workspace, data_dir, tmp_path, capsys):
        code = self.run(
            data_dir,
            "export",
            "orders",
            "--from",
            "2026-11-30",
            "--to",
            "2026-11-01",
            "--out",
            str(tmp_path / "x.xlsx"),
        )
        assert code == 2 and "ends before it starts" in capsys.readouterr().err

    def test_template_then_import_with_problems(self, workspace, data_dir, tmp_path, capsys):
        tpl = tmp_path / "tpl.xlsx"
        assert self.run(data_dir, "template", "stock", "--out", str(tpl)) == 0
        wb = load_workbook(tpl)
        wb["Stock"].append(["NOPE-1", "MAIN", 3])
        wb.save(tpl)
        report = tmp_path / "report.xlsx"
        code = self.run(data_dir, "import", "stock", str(tpl), "--report", str(report))
        assert code == 1
        assert "row 2, SKU: SKU NOPE-1 is not in the catalog" in capsys.readouterr().err
        assert report.exists()
