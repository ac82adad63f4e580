"""Orders page: list, filters by store/status/date/text, detail pane, multi-selection."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView

from app.core.domain import OrderStatus
from app.gui.orders.page import OrdersPage
from tests.gui.conftest import wait_loaded


def open_orders(qtbot, gui) -> OrdersPage:
    page = OrdersPage(gui)
    qtbot.addWidget(page)
    page.resize(1300, 700)
    page.show()
    page.ensure_loaded()
    wait_loaded(qtbot, page.model)
    return page


class TestOrdersPage:
    def test_lists_every_order_newest_first(self, qtbot, gui, seeded):
        page = open_orders(qtbot, gui)
        assert page.model.rowCount() == 5
        placed = [page.model.row_at(i).placed_at for i in range(5)]
        assert placed == sorted(placed, reverse=True)

    def test_model_passes_modeltester(self, qtbot, qtmodeltester, gui, seeded):
        page = open_orders(qtbot, gui)
        qtmodeltester.check(page.model)

    def test_filters(self, qtbot, gui, seeded):
        page = open_orders(qtbot, gui)
        page.store.setCurrentIndex(page.store.findData(seeded.store_ids[1]))
        wait_loaded(qtbot, page.model, 2)
        page.store.setCurrentIndex(0)
        page.status.setCurrentIndex(page.status.findData(OrderStatus.TO_SHIP))
        wait_loaded(qtbot, page.model, 2)
        page.status.setCurrentIndex(0)
        page.range.setCurrentText("Yesterday")
        wait_loaded(qtbot, page.model, 2)
        page.range.setCurrentText("Any time")
        qtbot.keyClicks(page.search, "Dewi")
        qtbot.waitUntil(lambda: page.model.rowCount() == 1 and not page.model.is_loading)
        assert page.model.row_at(0).platform_order_id == "240101ABCD03"
        page.search.clear()
        page.unmapped.setChecked(True)
        qtbot.waitUntil(lambda: page.model.rowCount() == 1 and not page.model.is_loading)

    def test_detail_and_multi_selection(self, qtbot, gui, seeded):
        page = open_orders(qtbot, gui)
        assert page.view.selectionMode() == QAbstractItemView.SelectionMode.ExtendedSelection
        row = page.model.row_of(seeded.order_ids["240101ABCD03"])
        page.view.selectRow(row)
        page.view.setCurrentIndex(page.model.index(row, 0))
        text = page.detail.toPlainText()
        assert "Dewi Lestari" in text and "Bandung" in text
        assert "Rp 55.000" in text and "Rp 207.000" in text  # unit price, total paid
        assert "HJB-VOAL-MOCCA" in text and "Not mapped" in text
        page.view.selectAll()
        assert len(page.selected_orders()) == 5
        assert "5 selected" in page.selection_label.text()
        page.copy_numbers()
