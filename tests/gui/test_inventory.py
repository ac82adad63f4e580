"""Inventory page: stock rows, low/out filters, stock dialogs, movements, channel view."""

from __future__ import annotations

from app.core.services import stock_levels
from app.gui.inventory.page import InventoryPage
from tests.gui.conftest import wait_loaded


def open_inventory(qtbot, gui) -> InventoryPage:
    page = InventoryPage(gui)
    qtbot.addWidget(page)
    page.local_change.connect(lambda kinds: page.data_changed(set(kinds)))
    page.resize(1200, 800)
    page.show()
    page.ensure_loaded()
    wait_loaded(qtbot, page.model)
    return page


def select_sku(qtbot, page: InventoryPage, sku: str, location: str = "Gudang Utama") -> None:
    for i in range(page.model.rowCount()):
        r = page.model.row_at(i)
        if r.sku == sku and r.location_name == location:
            page.view.selectRow(i)
            page.view.setCurrentIndex(page.model.index(i, 0))
            return
    raise AssertionError(f"{sku} not shown")


class TestInventoryPage:
    def test_stock_per_variant_and_location(self, qtbot, gui, seeded):
        page = open_inventory(qtbot, gui)
        assert page.model.rowCount() == 11  # 10 at the main location + 1 at the shop
        select_sku(qtbot, page, "KAOS-HTM-M")
        row = page.selected()
        assert (row.on_hand, row.reserved, row.available) == (40, 2, 38)
        # a row without its own reorder point says the default is used, in words
        titles = [page.model.column(i).title for i in range(page.model.columnCount())]
        col = titles.index("Reorder point")
        shown = {
            page.model.data(page.model.index(i, col))
            for i in range(page.model.rowCount())
            if not page.model.row_at(i).reorder_point
        }
        assert shown and all(t.endswith(" (default)") for t in shown)

    def test_low_and_out_filters(self, qtbot, gui, seeded):
        page = open_inventory(qtbot, gui)
        page.set_level("out")
        wait_loaded(qtbot, page.model, 1)
        assert page.model.row_at(0).sku == "JEANS-32"
        page.set_level("low")
        wait_loaded(qtbot, page.model, 5)
        skus = {page.model.row_at(i).sku for i in range(5)}
        assert {"JEANS-32", "KAOS-HTM-L", "HJB-VOAL-NAVY", "TAS-KNV-01"} <= skus

    def test_models_pass_modeltester(self, qtbot, qtmodeltester, gui, seeded):
        page = open_inventory(qtbot, gui)
        select_sku(qtbot, page, "KAOS-HTM-M")
        qtmodeltester.check(page.model)
        assert page.movements.rowCount() >= 2
        qtmodeltester.check(page.movements)
        assert page.channels.rowCount() == 1
        qtmodeltester.check(page.channels)

    def test_adjust_stock_through_the_dialog(self, qtbot, gui, seeded):
        page = open_inventory(qtbot, gui)
        select_sku(qtbot, page, "TOPI-NVY")
        dlg = page.open_dialog("adjust")
        dlg.quantity.setValue(-2)
        dlg.save()  # no reason: refused at the field
        assert "why" in dlg.errors["reason"].text()
        dlg.reason.setCurrentText("Damaged")
        with qtbot.waitSignal(dlg.accepted):
            dlg.save()
        level = stock_levels.stock_levels(gui.ctx, seeded.variant_ids["TOPI-NVY"])[0]
        assert level.on_hand == 15
        qtbot.waitUntil(lambda: page.selected() is not None and page.selected().on_hand == 15)
        assert page.movements.row_at(0).note == "Damaged"
        assert page.movements.row_at(0).delta_on_hand == -2

    def test_negative_stock_is_refused(self, qtbot, gui, seeded):
        page = open_inventory(qtbot, gui)
        select_sku(qtbot, page, "KAOS-HTM-L")
        dlg = page.open_dialog("adjust")
        dlg.quantity.setValue(-10)
        dlg.reason.setCurrentText("Lost")
        dlg.save()
        assert "below zero" in dlg.errors["delta"].text()
        assert dlg.isVisible()

    def test_transfer_receive_and_stocktake(self, qtbot, gui, seeded):
        page = open_inventory(qtbot, gui)
        select_sku(qtbot, page, "BTL-1L")
        dlg = page.open_dialog("transfer")
        dlg.to_location.setCurrentIndex(dlg.to_location.findData(seeded.location_ids[1]))
        dlg.quantity.setValue(4)
        with qtbot.waitSignal(dlg.accepted):
            dlg.save()
        dlg = page.open_dialog("receive", use_selection=False)
        dlg.sku.setText("SNDL-40")
        dlg.quantity.setValue(12)
        dlg.unit_cost.setText("11.500")
        with qtbot.waitSignal(dlg.accepted):
            dlg.save()
        wait_loaded(qtbot, page.model, 13)
        select_sku(qtbot, page, "BTL-1L")
        dlg = page.open_dialog("stocktake")
        dlg.quantity.setValue(20)
        with qtbot.waitSignal(dlg.accepted):
            dlg.save()
        levels = {(lv.sku, lv.location_id): lv.on_hand for lv in stock_levels.stock_levels(gui.ctx)}
        assert levels[("BTL-1L", seeded.location_ids[0])] == 20
        assert levels[("BTL-1L", seeded.location_ids[1])] == 4
        assert levels[("SNDL-40", seeded.location_ids[0])] == 12
