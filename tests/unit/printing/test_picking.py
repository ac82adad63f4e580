"""The picking list and packing slips: totals, walk order, unmapped lines, the PDFs read
back with pypdf, and the barcode read back from the drawn bars."""

from __future__ import annotations

import unicodedata
from collections import Counter
from dataclasses import replace
from datetime import UTC, datetime

import pytest
from pypdf import PdfReader
from PySide6.QtGui import QPageSize

from app.core.db.models import Order, Store
from app.core.domain import OrderStatus, Platform
from app.core.services import locations, orders, picking, stores
from app.core.services.errors import NotFoundError, ValidationError
from app.printing import code128
from app.printing.documents import (
    ImageSink,
    draw_packing_slips,
    ensure_qt,
    write_packing_slips,
    write_picking_list,
)
from tests.helpers import factories


def text_of(page) -> str:
    """A PDF page's text, one space between words (Qt's PDFs put tabs between words;
    NFKC undoes the 'ffi' ligature)."""
    return " ".join(unicodedata.normalize("NFKC", page.extract_text()).split())


class Batch:
    def __init__(self, ctx):
        self.ctx = ctx
        factories.product(ctx, "Kaos Polos", ("KAOS-M", "KAOS-L"))
        factories.product(ctx, "Kopi Gayo 250 g", ("KOPI-250",))
        factories.product(ctx, "Teh Melati 中文 😀", ("TEH-01",))
        self.main = locations.list_locations(ctx)[0].id
        self.shop = locations.create_location(ctx, "TOKO", "Toko Depan")
        a = factories.store(ctx, "Toko Shopee Bandung", "1001")
        b = factories.store(ctx, "Zoë TikTok Shop", "7001", Platform.TIKTOK_SHOP)
        settings = replace(stores.get_store(ctx, b.id).settings, location_id=self.shop)
        stores.update_settings(ctx, b.id, settings)
        self.store_ids = (a.id, b.id)
        self.orders = {
            a.id: [
                factories.order("A-001", OrderStatus.TO_SHIP, [("KAOS-M", 2), ("KOPI-250", 1)]),
                factories.order("A-002", OrderStatus.TO_SHIP, [("KAOS-M", 1), ("NOPE-9", 4)]),
                factories.order("A-003", OrderStatus.SHIPPED, [("TEH-01", 3)]),
                factories.order("A-004", OrderStatus.CANCELLED, [("KAOS-L", 5)]),
            ],
            b.id: [
                factories.order("B-001", OrderStatus.TO_SHIP, [("KAOS-M", 1), ("KAOS-L", 2)]),
                factories.order("B-002", OrderStatus.UNPAID, [("KOPI-250", 6)]),
            ],
        }
        with ctx.write() as s:
            for store_id, batch in self.orders.items():
                orders.upsert_orders_in(s, s.get(Store, store_id), batch)
            self.ids = {o.platform_order_id: o.id for o in s.query(Order).order_by(Order.id).all()}
            s.query(Order).filter(Order.platform_order_id == "A-003").update(
                {"tracking_number": "SPXID0123456789"}
            )

    def all_ids(self) -> list[int]:
        return list(self.ids.values())


@pytest.fixture
def batch(ctx) -> Batch:
    return Batch(ctx)


class TestPickingList:
    def test_totals_equal_the_orders_quantities(self, ctx, batch):
        plist = picking.picking_list(ctx, batch.all_ids())
        wanted: Counter = Counter()
        for store_id, batch_orders in batch.orders.items():
            loc = batch.main if store_id == batch.store_ids[0] else batch.shop
            for o in batch_orders:
                if o.status == OrderStatus.CANCELLED:
                    continue
                for item in o.items:
                    if item.platform_sku != "NOPE-9":
                        wanted[(item.platform_sku, loc)] += item.quantity
        got = Counter({(r.sku, r.location_id): r.quantity for r in plist.rows})
        assert got == wanted
        assert plist.total_quantity == sum(wanted.values()) + 4
        assert plist.skipped_cancelled == ("A-004",)
        assert plist.order_numbers == ("A-001", "A-002", "A-003", "B-001", "B-002")
        kaos_main = next(r for r in plist.rows if (r.sku, r.location_id) == ("KAOS-M", batch.main))
        assert kaos_main.order_count == 2

    def test_unmapped_lines_are_listed_with_the_platform_sku(self, ctx, batch):
        plist = picking.picking_list(ctx, batch.all_ids())
        assert [(u.platform_sku, u.quantity, u.order_numbers) for u in plist.unmapped] == [
            ("NOPE-9", 4, ("A-002",))
        ]

    def test_sorted_for_a_walk_location_then_shelf_then_sku(self, ctx, batch):
        var = {r.sku: r.variant_id for r in picking.picking_list(ctx, batch.all_ids()).rows}
        picking.set_shelf(ctx, var["KOPI-250"], batch.main, "A-2")
        picking.set_shelf(ctx, var["KAOS-M"], batch.main, "A-10")
        picking.set_shelf(ctx, var["TEH-01"], batch.main, " B-1 ")
        rows = picking.picking_list(ctx, batch.all_ids()).rows
        assert [(r.location_code, r.shelf, r.sku) for r in rows] == [
            ("MAIN", "A-2", "KOPI-250"),
            ("MAIN", "A-10", "KAOS-M"),
            ("MAIN", "B-1", "TEH-01"),
            ("TOKO", "", "KAOS-L"),
            ("TOKO", "", "KAOS-M"),
            ("TOKO", "", "KOPI-250"),
        ]

    def test_bad_input_changes_nothing(self, ctx, batch):
        var = picking.picking_list(ctx, batch.all_ids()).rows[0].variant_id
        picking.set_shelf(ctx, var, batch.main, "A-1")
        with pytest.raises(ValidationError, match="at most 40"):
            picking.set_shelf(ctx, var, batch.main, "X" * 41)
        assert picking.shelf_of(ctx, var, batch.main) == "A-1"
        with pytest.raises(NotFoundError):
            picking.set_shelf(ctx, var, 999, "A-1")
        with pytest.raises(ValidationError):
            picking.picking_list(ctx, [])
        with pytest.raises(NotFoundError, match="order 999999"):
            picking.picking_list(ctx, [*batch.all_ids(), 999999])

    def test_a_shelf_for_a_variant_with_no_stock_there_yet(self, ctx, batch):
        var = picking.picking_list(ctx, batch.all_ids()).rows[0].variant_id
        assert picking.shelf_of(ctx, var, batch.shop) in ("", None)
        assert picking.set_shelf(ctx, var, batch.shop, "R-7") == "R-7"
        assert picking.shelf_of(ctx, var, batch.shop) == "R-7"

    def test_select_orders_for_the_command_line(self, ctx, batch):
        assert picking.select_orders(ctx, numbers=["B-001", "A-001"]) == [
            batch.ids["B-001"],
            batch.ids["A-001"],
        ]
        to_ship = picking.select_orders(ctx, status=OrderStatus.TO_SHIP)
        assert set(to_ship) == {batch.ids[n] for n in ("A-001", "A-002", "B-001")}
        only_b = picking.select_orders(ctx, store_id=batch.store_ids[1], status=OrderStatus.TO_SHIP)
        assert only_b == [batch.ids["B-001"]]
        with pytest.raises(NotFoundError, match="no order number A-404"):
            picking.select_orders(ctx, numbers=["A-001", "A-404"])


class TestPackingSlips:
    def test_one_slip_per_order_in_the_order_asked(self, ctx, batch):
        wanted = ["B-001", "A-003", "A-001"]
        slips = picking.packing_slips(ctx, [batch.ids[n] for n in wanted])
        assert [s.order_number for s in slips] == wanted
        a3 = slips[1]
        assert a3.tracking_number == "SPXID0123456789"
        assert a3.store_name == "Toko Shopee Bandung"
        assert [(li.sku, li.quantity) for li in a3.lines] == [("TEH-01", 3)]
        # 03:00 UTC is 10:00 in Jakarta, the workspace's zone
        assert a3.placed_at.utcoffset().total_seconds() == 7 * 3600
        assert a3.placed_at.astimezone(UTC) == factories.T0
        assert a3.placed_at.hour == 10
        unmapped = picking.packing_slips(ctx, [batch.ids["A-002"]])[0].lines[1]
        assert (unmapped.sku, unmapped.mapped) == ("NOPE-9", False)


class TestPdf:
    def test_picking_list_pdf_has_the_skus_and_quantities_in_walk_order(self, ctx, batch, tmp_path):
        ensure_qt()
        plist = picking.picking_list(ctx, batch.all_ids(), now=datetime(2026, 11, 2, 1, tzinfo=UTC))
        out = tmp_path / "pick.pdf"
        assert write_picking_list(out, plist) == 1
        reader = PdfReader(out)
        assert len(reader.pages) == 1
        text = text_of(reader.pages[0])
        assert "Picking list" in text and "Page 1 of 1" in text
        assert "2026-11-02 08:00 WIB · 5 orders · 20 units" in text
        expected = [f"{r.location_code} {r.shelf or '–'} {r.sku}" for r in plist.rows]
        at = [text.index(e) for e in expected]
        assert at == sorted(at)
        ends = [*at[1:], text.index("Not mapped")]
        for r, start, end in zip(plist.rows, at, ends, strict=True):
            assert text[start:end].split()[-1] == str(r.quantity)  # the quantity closes a row
        assert "KAOS-M Kaos Polos — KAOS-M 3" in text  # 2 + 1 at MAIN
        assert "NOPE-9" in text and "A-002" in text
        assert "Left out, cancelled: A-004" in text
        assert not out.with_name("pick.pdf.part").exists()

    def test_a_long_list_runs_over_pages_with_numbers_and_headers(self, ctx, batch, tmp_path):
        ensure_qt()
        plist = picking.picking_list(ctx, batch.all_ids())
        rows = tuple(replace(plist.rows[0], sku=f"SKU-{i:03d}", quantity=i + 1) for i in range(120))
        out = tmp_path / "long.pdf"
        pages = write_picking_list(out, replace(plist, rows=rows))
        reader = PdfReader(out)
        assert len(reader.pages) == pages >= 3
        texts = [text_of(p) for p in reader.pages]
        for n, t in enumerate(texts, start=1):
            assert f"Page {n} of {pages}" in t
            assert "Location Shelf SKU Product Qty" in t  # the header on every page
        joined = " ".join(texts)
        assert [joined.index(f"SKU-{i:03d} ") for i in range(120)] == sorted(
            joined.index(f"SKU-{i:03d} ") for i in range(120)
        )

    def test_slips_pdf_one_page_per_order_in_selection_order(self, ctx, batch, tmp_path):
        ensure_qt()
        wanted = ["B-002", "A-003", "A-001", "B-001"]
        slips = picking.packing_slips(ctx, [batch.ids[n] for n in wanted])
        out = tmp_path / "slips.pdf"
        assert write_packing_slips(out, slips) == 4
        reader = PdfReader(out)
        texts = [text_of(p) for p in reader.pages]
        assert [next(n for n in wanted if n in t) for t in texts] == wanted
        assert "Zoë TikTok Shop" in texts[0] and "6 KOPI-250" in texts[0]
        assert "Tracking SPXID0123456789" in texts[1] and "3 TEH-01 TEH-01" in texts[1]
        assert "Ordered 2026-11-01 10:00 WIB" in texts[2]
        assert "Budi Santoso" in texts[3] and "Items: 3" in texts[3]

    def test_a_long_order_continues_on_a_second_page(self, ctx, batch, tmp_path):
        ensure_qt()
        slip = picking.packing_slips(ctx, [batch.ids["A-001"]])[0]
        long = replace(slip, lines=tuple(replace(slip.lines[0], sku=f"L-{i}") for i in range(40)))
        out = tmp_path / "long-slip.pdf"
        pages = write_packing_slips(out, [long, slip])
        texts = [text_of(p) for p in PdfReader(out).pages]
        assert pages == len(texts) >= 3
        assert "A-001 · page 1 of" in texts[0] and "A-001 · page 2 of" in texts[1]
        assert "Qty SKU Item" in texts[1]  # the table header again

    def test_unicode_names_render(self, ctx, batch, tmp_path):
        ensure_qt()
        slip = picking.packing_slips(ctx, [batch.ids["A-003"]])[0]
        slip = replace(slip, buyer_name="Ni Luh Ayu Wulandari · 王小明 😀")
        out = tmp_path / "u.pdf"
        assert write_packing_slips(out, [slip], size="a5") == 1
        text = text_of(PdfReader(out).pages[0])
        assert "Ni Luh Ayu Wulandari" in text  # CJK and emoji need fonts CI may lack

    def test_an_unwritable_path_is_a_clear_error(self, ctx, batch, tmp_path):
        ensure_qt()
        plist = picking.picking_list(ctx, batch.all_ids())
        with pytest.raises(OSError, match="cannot write the PDF file"):
            write_picking_list(tmp_path / "missing" / "x.pdf", plist)


def read_barcode(image) -> str:
    """Find the bars (a row with many edges that stays the same for 3 mm: text does not),
    measure its runs in whole modules and decode them."""
    w, h, bpl = image.width(), image.height(), image.bytesPerLine()
    bits = bytes(image.constBits())

    def row(y: int) -> list[bool]:
        return [b < 128 for b in bits[y * bpl : y * bpl + 4 * w : 4]]

    tall = round(image.dotsPerMeterX() * 0.003)  # 3 mm
    candidates = [y for y in range(0, h - tall, 3) if any(row(y)) and row(y) == row(y + tall)]
    best = max(
        candidates, key=lambda y: sum(a != b for a, b in zip(row(y), row(y)[1:], strict=False))
    )
    dark = row(best)
    first, last = dark.index(True), len(dark) - 1 - dark[::-1].index(True)
    runs, i = [], first
    while i <= last:
        j = i
        while j <= last and dark[j] == dark[i]:
            j += 1
        runs.append((dark[i], j - i))
        i = j
    module = min(n for _d, n in runs)
    return code128.decode_modules("".join(("1" if d else "0") * round(n / module) for d, n in runs))


def test_the_drawn_barcode_reads_back_as_the_order_number(ctx, batch):
    ensure_qt()
    with ctx.write() as s:
        s.query(Order).filter(Order.id == batch.ids["B-001"]).update(
            {"platform_order_id": "576461234567890123"}
        )
    slips = picking.packing_slips(ctx, [batch.ids["A-001"], batch.ids["B-001"]])
    sink = ImageSink(QPageSize.PageSizeId.A6, dpi=200)
    assert draw_packing_slips(sink, slips) == 2
    assert [read_barcode(img) for img in sink.images] == ["A-001", "576461234567890123"]
