"""Mapping view: unmapped listings, suggestions, map one and in bulk; orders link here."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app.core.services import listings, orders
from app.gui.catalog.mapping import MappingView


def open_mapping(qtbot, gui) -> MappingView:
    view = MappingView(gui)
    qtbot.addWidget(view)
    view.resize(1100, 600)
    view.show()
    view.reload()
    return view


class TestMappingView:
    def test_lists_unmapped_listings(self, qtbot, gui, seeded):
        view = open_mapping(qtbot, gui)
        assert view.model.rowCount() == 2
        titles = {view.model.row_at(i).title for i in range(2)}
        assert "Kaos Polos Hitam" in titles
        assert view.count_label.text() == "2 not mapped"

    def test_model_passes_modeltester(self, qtbot, qtmodeltester, gui, seeded):
        view = open_mapping(qtbot, gui)
        qtmodeltester.check(view.model)

    def test_map_a_listing_through_the_widgets(self, qtbot, gui, seeded):
        """The MYSTERY-01 line of order ...03 takes its stock effect once mapped."""
        view = open_mapping(qtbot, gui)
        row = next(
            i
            for i in range(view.model.rowCount())
            if view.model.row_at(i).platform_sku == "MYSTERY-01"
        )
        view.view.selectRow(row)
        view.view.setCurrentIndex(view.model.index(row, 0))
        qtbot.keyClicks(view.search, "BTL")
        qtbot.waitUntil(lambda: view.chosen_variant() == seeded.variant_ids["BTL-1L"])
        with qtbot.waitSignal(view.mapped):
            view.map_button.click()
        assert view.model.rowCount() == 1
        order = orders.get_order(gui.ctx, seeded.order_ids["240101ABCD03"])
        assert all(i.mapped for i in order.items)

    def test_suggestions_and_bulk_map(self, qtbot, gui, seeded, monkeypatch):
        from PySide6.QtWidgets import QMessageBox

        view = open_mapping(qtbot, gui)
        row = next(
            i
            for i in range(view.model.rowCount())
            if view.model.row_at(i).platform_sku == "KAOS HTM XL"
        )
        view.view.selectRow(row)
        view.view.setCurrentIndex(view.model.index(row, 0))
        qtbot.waitUntil(lambda: view.suggestions.count() > 0)
        first = view.suggestions.item(0).data(Qt.ItemDataRole.UserRole)
        assert first is not None
        monkeypatch.setattr(QMessageBox, "exec", lambda self: QMessageBox.StandardButton.Ok)
        view.map_bulk()
        mapped = [r for r in listings.list_listings(gui.ctx) if r.platform_sku == "KAOS HTM XL"]
        assert mapped[0].variant_id == first

    def test_order_line_links_to_mapping(self, qtbot, window, seeded):
        orders_page = window.show_page("orders")
        qtbot.waitUntil(
            lambda: orders_page.model.rowCount() == 5 and not orders_page.model.is_loading
        )
        row = orders_page.model.row_of(seeded.order_ids["240101ABCD03"])
        orders_page.view.selectRow(row)
        orders_page.view.setCurrentIndex(orders_page.model.index(row, 0))
        assert "Not mapped" in orders_page.detail.toPlainText()
        assert orders_page.map_button.isEnabled()
        orders_page.map_button.click()
        catalog_page = window.pages["catalog"]
        assert window.current_page() is catalog_page
        assert catalog_page.tabs.currentWidget() is catalog_page.mapping
        cur = catalog_page.mapping.current_listing()
        assert cur is not None and cur.platform_sku == "MYSTERY-01"
