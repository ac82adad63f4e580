"""Catalog page: the variant table, search, sort, the product editor, bulk actions."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt

from app.core.domain import ProductStatus
from app.core.services import catalog
from app.gui.catalog.editor import ProductEditor, parse_amount_text
from app.gui.catalog.page import CatalogPage
from tests.gui.conftest import wait_loaded


def open_catalog(qtbot, gui) -> CatalogPage:
    page = CatalogPage(gui)
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.show()
    # the main window routes a page's own changes back to it; standalone we do it here
    page.local_change.connect(lambda kinds: page.data_changed(set(kinds)))
    page.ensure_loaded()
    wait_loaded(qtbot, page.model)
    return page


class TestCatalogTable:
    def test_shows_every_active_variant(self, qtbot, gui, seeded):
        page = open_catalog(qtbot, gui)
        assert page.model.rowCount() == len(seeded.variant_ids)
        skus = [page.model.row_at(i).sku for i in range(page.model.rowCount())]
        assert skus == sorted(skus)
        idx = page.model.index(skus.index("JEANS-30"), 5)
        assert page.model.data(idx) == "Rp 189.000"
        assert page.count_label.text() == "11 variants"

    def test_model_passes_modeltester(self, qtbot, qtmodeltester, gui, seeded):
        page = open_catalog(qtbot, gui)
        qtmodeltester.check(page.model)

    def test_search_as_you_type(self, qtbot, gui, seeded):
        page = open_catalog(qtbot, gui)
        qtbot.keyClicks(page.search, "hijab")
        qtbot.waitUntil(lambda: page.model.rowCount() == 2 and not page.model.is_loading)
        assert {page.model.row_at(i).sku for i in range(2)} == {"HJB-VOAL-MOCCA", "HJB-VOAL-NAVY"}

    def test_header_sort_runs_in_sql(self, qtbot, gui, seeded):
        page = open_catalog(qtbot, gui)
        page.view.sortByColumn(5, Qt.SortOrder.DescendingOrder)  # price
        qtbot.waitUntil(
            lambda: page.model.sort_state == ("price", True) and not page.model.is_loading
        )
        prices = [page.model.row_at(i).price for i in range(page.model.rowCount())]
        assert prices == sorted(prices, reverse=True)

    def test_bulk_archive_category_and_cost(self, qtbot, gui, seeded):
        page = open_catalog(qtbot, gui)
        kaos = seeded.product_ids["Kaos Polos Cotton Combed 30s"]
        assert page.bulk_set("category", "Atasan", [kaos]) == 1
        assert page.bulk_set("cost", "30.000", [kaos]) == 1
        product = catalog.get_product(gui.ctx, kaos)
        assert product.category == "Atasan"
        assert {v.cost for v in product.variants} == {Decimal("30000.00")}
        assert page.set_status_selected(ProductStatus.ARCHIVED, [kaos]) == 1
        wait_loaded(qtbot, page.model, len(seeded.variant_ids) - 3)


class TestProductEditor:
    def test_edit_a_product_through_the_widgets(self, qtbot, gui, seeded):
        page = open_catalog(qtbot, gui)
        row = [page.model.row_at(i).sku for i in range(page.model.rowCount())].index("TOPI-NVY")
        page.view.selectRow(row)
        editor = page.edit_selected()
        assert isinstance(editor, ProductEditor)
        editor.name.setText("Topi Baseball Bordir Premium")
        editor.set_cell(0, "price", "Rp 70.000")
        new_row = editor.add_variant_row()
        editor.set_cell(new_row, "sku", "TOPI-BLK")
        editor.set_cell(new_row, "name", "Hitam")
        editor.set_cell(new_row, "attributes", "Warna=Hitam")
        editor.set_cell(new_row, "price", "70000")
        with qtbot.waitSignal(editor.accepted):
            editor.save_button.click()
        product = catalog.get_product(gui.ctx, seeded.product_ids["Topi Baseball Bordir"])
        assert product.name == "Topi Baseball Bordir Premium"
        assert {v.sku: v.price for v in product.variants} == {
            "TOPI-NVY": Decimal("70000.00"),
            "TOPI-BLK": Decimal("70000.00"),
        }
        assert product.variants[1].attributes == {"Warna": "Hitam"}
        qtbot.waitUntil(lambda: page.model.rowCount() == len(seeded.variant_ids) + 1)

    def test_validation_message_at_the_field(self, qtbot, gui, seeded):
        editor = ProductEditor(gui.ctx)
        qtbot.addWidget(editor)
        editor.show()
        editor.name.setText("Kemeja")
        editor.set_cell(0, "sku", "KMJ 01")  # a space is not allowed
        editor.save_button.click()
        assert editor.isVisible()
        assert "Variant row 1, SKU" in editor.errors["variants"].text()
        assert "space" in editor.errors["variants"].text()
        assert editor.table.currentRow() == 0 and editor.table.currentColumn() == 0
        editor.set_cell(0, "sku", "KMJ-01")
        editor.name.setText("")
        editor.save_button.click()
        assert editor.errors["name"].isVisibleTo(editor)
        assert "name is required" in editor.errors["name"].text()
        assert catalog.find_variant_by_sku(gui.ctx, "KMJ-01") is None

    def test_duplicate_sku_points_at_the_row(self, qtbot, gui, seeded):
        editor = ProductEditor(gui.ctx)
        qtbot.addWidget(editor)
        editor.name.setText("Kaos Baru")
        editor.set_cell(0, "sku", "KAOS-HTM-M")
        editor.save_button.click()
        assert "already used" in editor.errors["variants"].text()

    def test_amount_parsing(self):
        assert parse_amount_text("Rp 150.000") == "150000"
        assert parse_amount_text("1.500,50") == "1500.50"
        assert parse_amount_text("150000") == "150000"
