"""Bounds on every quantity that comes in (docs/ARCHITECTURE.md, "Bounds"): the seller's
commands, the Excel import and the command line, and marketplace records. A value out of
range is refused with a message naming the field and the range, and nothing changes."""

from __future__ import annotations

import dataclasses
import logging
import os
import subprocess
import sys
from decimal import Decimal

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from app.core import domain
from app.core.db.models import InventoryTransaction, Store, SyncLog
from app.core.domain import JobKind, OrderStatus
from app.core.domain.bounds import MAX_PRICE, MAX_QUANTITY, MAX_STOCK
from app.core.export.importer import ImportInvalid, ImportKind, import_file
from app.core.services import catalog, inventory, listings, locations, orders, stock_levels
from app.core.services.errors import ValidationError
from app.core.services.orders import upsert_orders_in
from app.core.services.product_sync import store_listings
from app.core.services.sync_jobs import JobLog, start_job
from tests.helpers.factories import order, product, store

HUGE = 9 * 10**18


def ledger_rows(workspace) -> int:
    with workspace.sessions() as s:
        return s.scalar(select(func.count()).select_from(InventoryTransaction))


def on_hand(ctx, vid: int) -> int:
    return sum(lv.on_hand for lv in stock_levels.stock_levels(ctx, vid))


@pytest.fixture
def kaos(ctx):
    v = product(ctx, skus=("KAOS-01", "KAOS-02")).variants
    loc = locations.list_locations(ctx)[0].id
    inventory.receive(ctx, v[0].id, loc, 10)
    return v[0].id, v[1].id, loc


# --------------------------------------------------------------------------- seller commands


class TestCommands:
    def test_adjust_beyond_the_bound_is_refused_naming_the_field(self, ctx, workspace, kaos):
        vid, _v2, loc = kaos
        before = ledger_rows(workspace)
        for delta in (MAX_QUANTITY + 1, -MAX_QUANTITY - 1, HUGE):
            with pytest.raises(ValidationError) as err:
                inventory.adjust(ctx, vid, loc, delta, "typo")
            assert err.value.field == "delta"
            assert "delta must be a whole number from -10,000,000 to 10,000,000" in str(err.value)
        assert (on_hand(ctx, vid), ledger_rows(workspace)) == (10, before)

    def test_receive_stocktake_transfer_and_reorder_are_bounded(self, ctx, kaos):
        vid, _v2, loc = kaos
        calls = {
            "quantity": lambda: inventory.receive(ctx, vid, loc, MAX_QUANTITY + 1),
            "counted": lambda: inventory.stocktake(ctx, vid, loc, HUGE),
            "reorder_point": lambda: inventory.set_reorder(ctx, vid, loc, HUGE, 1),
        }
        for field, call in calls.items():
            with pytest.raises(ValidationError) as err:
                call()
            assert err.value.field == field
            assert "10,000,000" in str(err.value)
        assert on_hand(ctx, vid) == 10

    def test_the_ledger_refuses_a_sum_beyond_the_stock_bound(self, ctx, workspace, kaos):
        vid, _v2, loc = kaos
        inventory.receive(ctx, vid, loc, MAX_STOCK - 10)  # now exactly at the bound
        before = ledger_rows(workspace)
        with pytest.raises(ValidationError) as err:
            inventory.receive(ctx, vid, loc, 1)
        assert "beyond 10,000,000 units" in str(err.value)
        with pytest.raises(ValidationError):
            inventory.adjust(ctx, vid, loc, 5, "found")
        assert (on_hand(ctx, vid), ledger_rows(workspace)) == (MAX_STOCK, before)
        inventory.adjust(ctx, vid, loc, -5, "damaged")  # down is fine
        assert on_hand(ctx, vid) == MAX_STOCK - 5

    def test_prices_and_costs_are_bounded(self, ctx, kaos):
        vid, _v2, loc = kaos
        with pytest.raises(ValidationError) as err:
            inventory.receive(ctx, vid, loc, 1, unit_cost=MAX_PRICE + 1)
        assert err.value.field == "unit_cost"
        assert "at most Rp 1,000,000,000" in str(err.value)
        for bad in (MAX_PRICE + 1, "Infinity", "NaN"):
            with pytest.raises(ValidationError):
                catalog.parse_money(bad, "price")
        assert catalog.parse_money(MAX_PRICE, "price") == MAX_PRICE
        assert on_hand(ctx, vid) == 10


# --------------------------------------------------------------------------- Excel and CLI


def stock_file(path, counted) -> str:
    wb = Workbook()
    wb.active.append(["SKU", "Location", "Counted"])
    wb.active.append(["KAOS-01", "MAIN", 4])
    wb.active.append(["KAOS-02", "MAIN", counted])
    wb.save(path)
    return path


class TestImport:
    @pytest.mark.parametrize("counted", [HUGE, float(HUGE), str(HUGE), MAX_QUANTITY + 1, "1e400"])
    def test_a_huge_count_refuses_the_whole_file_naming_row_and_column(
        self, ctx, workspace, kaos, tmp_path, counted
    ):
        vid, _v2, _loc = kaos
        before = ledger_rows(workspace)
        with pytest.raises(ImportInvalid) as err:
            import_file(ctx, ImportKind.STOCK, stock_file(tmp_path / "s.xlsx", counted))
        (problem,) = err.value.report.problems
        assert (problem.row, problem.column, problem.col_index) == (3, "Counted", 3)
        if counted != "1e400":
            assert problem.message == "Counted must be a whole number from 0 to 10,000,000"
        assert (on_hand(ctx, vid), ledger_rows(workspace)) == (10, before)  # row 2 not taken

    def test_the_bound_itself_imports(self, ctx, kaos, tmp_path):
        _vid, v2, _loc = kaos
        import_file(ctx, ImportKind.STOCK, stock_file(tmp_path / "s.xlsx", MAX_QUANTITY))
        assert on_hand(ctx, v2) == MAX_QUANTITY

    def test_product_import_bounds_price_weight_and_stock(self, ctx, workspace, tmp_path):
        wb = Workbook()
        wb.active.append(["Product name", "SKU", "Price", "Weight (g)", "Initial stock"])
        wb.active.append(["Kaos", "K-1", HUGE, 10**12, HUGE])
        wb.save(tmp_path / "p.xlsx")
        with pytest.raises(ImportInvalid) as err:
            import_file(ctx, ImportKind.PRODUCTS, tmp_path / "p.xlsx")
        assert {(p.row, p.column) for p in err.value.report.problems} == {
            (2, "Price"),
            (2, "Weight (g)"),
            (2, "Initial stock"),
        }
        assert catalog.find_variant_by_sku(ctx, "K-1") is None


def test_cli_import_refuses_the_huge_count_and_export_and_doctor_still_work(tmp_path):
    """The reported case, with real processes: the import is refused, so export inventory
    works and doctor is right to say healthy."""
    from app.core.paths import resolve_paths
    from app.core.workspace import open_workspace

    data = tmp_path / "data"
    ws = open_workspace(resolve_paths(data))
    product(ws.ctx, skus=("KAOS-01", "KAOS-02"))
    ws.close()

    def run(*args):
        return subprocess.run(
            [sys.executable, "-m", "app", *args, "--data-dir", str(data)],
            capture_output=True,
            text=True,
            timeout=120,
            env={**os.environ, "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"},
        )

    out = run("import", "stock", str(stock_file(tmp_path / "s.xlsx", HUGE)))
    assert out.returncode == 1
    assert "row 3, Counted: Counted must be a whole number from 0 to 10,000,000" in out.stderr
    assert "nothing was imported" in out.stderr
    xlsx = tmp_path / "inv.xlsx"
    days = ("--from", "2026-01-01", "--to", "2026-01-31")
    out = run("export", "inventory", *days, "--out", str(xlsx))
    assert out.returncode == 0, out.stderr
    assert xlsx.is_file()
    assert "stock ledger" in run("doctor").stdout


# --------------------------------------------------------------------------- marketplace records


def ingest(workspace, store_id, *orders_):
    with workspace.sessions.begin() as s:
        return upsert_orders_in(s, s.get(Store, store_id), list(orders_))


def test_an_order_with_an_absurd_quantity_is_left_out_and_the_rest_stored(
    ctx, workspace, kaos, caplog
):
    vid, _v2, loc = kaos
    sid = store(ctx).id
    absurd = order("BAD", OrderStatus.TO_SHIP, [("KAOS-01", 10**12)])
    pricey = dataclasses.replace(
        order("PRICEY", OrderStatus.TO_SHIP, [("KAOS-01", 1)]), total=Decimal(10) ** 15
    )
    good = order("GOOD", OrderStatus.TO_SHIP, [("KAOS-01", 2)])
    with caplog.at_level(logging.WARNING, logger="app.core.services.orders"):
        stats = ingest(workspace, sid, absurd, pricey, good)
    assert stats.created == 1
    assert len(stats.rejected) == 2
    assert "order BAD: line BAD-0 has quantity 1000000000000, outside 1 to 10,000,000" in (
        caplog.text
    )
    assert "order PRICEY: total" in caplog.text
    assert orders.find_order_id(ctx, sid, "BAD") is None
    assert orders.find_order_id(ctx, sid, "PRICEY") is None
    assert orders.find_order_id(ctx, sid, "GOOD") is not None
    (lv,) = stock_levels.stock_levels(ctx, vid, loc)
    assert (lv.on_hand, lv.reserved) == (10, 2)


def test_a_listing_with_absurd_stock_is_left_out_with_a_job_log_line(ctx, workspace):
    sid = store(ctx).id
    job = JobLog(start_job(ctx, sid, JobKind.PRODUCTS, "test"), sid)

    def listing(sku: str, stock: int, price: int = 45000) -> domain.ChannelListing:
        return domain.ChannelListing(f"P-{sku}", f"V-{sku}", sku, sku, "", Decimal(price), stock)

    batch = [listing("OK-1", 5), listing("HUGE-1", HUGE), listing("DEAR-1", 1, 10**13)]
    store_listings(ctx, sid, batch, import_unmatched=True, job=job)
    assert [r.platform_sku for r in listings.list_listings(ctx, store_id=sid)] == ["OK-1"]
    with workspace.sessions() as s:
        lines = s.scalars(select(SyncLog.message).where(SyncLog.level == "warning")).all()
    assert any("HUGE-1/V-HUGE-1: stock 9000000000000000000 is outside 0" in m for m in lines)
    assert any("DEAR-1/V-DEAR-1: price" in m for m in lines)
    assert catalog.find_variant_by_sku(ctx, "HUGE-1") is None


# --------------------------------------------------------------------------- order updates


def test_an_older_order_update_changes_nothing(ctx, workspace, kaos):
    """Two upserts out of order: the later platform update wins whatever arrives last."""
    vid, _v2, loc = kaos
    sid = store(ctx).id
    ingest(workspace, sid, order("A1", OrderStatus.TO_SHIP, [("KAOS-01", 3)], minutes=1))
    ingest(workspace, sid, order("A1", OrderStatus.SHIPPED, [("KAOS-01", 3)], minutes=9))
    assert stock_levels.stock_levels(ctx, vid, loc)[0].on_hand == 7
    stale = order("A1", OrderStatus.UNPAID, [("KAOS-01", 3)], minutes=0)
    stats = ingest(workspace, sid, stale)
    assert (stats.stale, stats.updated) == (1, 0)
    got = orders.get_order(ctx, orders.find_order_id(ctx, sid, "A1"))
    assert got.status is OrderStatus.SHIPPED
    assert [h[1] for h in got.history] == [OrderStatus.TO_SHIP, OrderStatus.SHIPPED]
    (lv,) = stock_levels.stock_levels(ctx, vid, loc)
    assert (lv.on_hand, lv.reserved) == (7, 0)


def test_a_page_repeating_a_new_order_keeps_its_newest_copy(ctx, workspace, kaos):
    sid = store(ctx).id
    newer = order("B1", OrderStatus.SHIPPED, [("KAOS-01", 1)], minutes=5)
    older = order("B1", OrderStatus.TO_SHIP, [("KAOS-01", 1)], minutes=2)
    ingest(workspace, sid, newer, older)
    assert orders.get_order(ctx, orders.find_order_id(ctx, sid, "B1")).status is (
        OrderStatus.SHIPPED
    )
