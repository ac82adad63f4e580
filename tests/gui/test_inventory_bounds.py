"""The stock dialogs stop at the bound the services check (app.core.domain.bounds)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app.core.domain.bounds import MAX_QUANTITY
from app.core.services import stock_levels
from tests.gui.test_inventory import open_inventory, select_sku


def test_every_quantity_box_stops_at_the_bound(qtbot, gui, seeded):
    page = open_inventory(qtbot, gui)
    select_sku(qtbot, page, "TOPI-NVY")
    for kind in ("adjust", "receive", "transfer", "stocktake", "reorder"):
        dlg = page.open_dialog(kind)
        assert dlg.quantity.maximum() == MAX_QUANTITY, kind
        low = -MAX_QUANTITY if kind == "adjust" else 0
        assert dlg.quantity.minimum() == low, kind
        assert dlg.reorder_qty.maximum() == MAX_QUANTITY
        dlg.reject()


def test_typing_an_absurd_count_cannot_go_past_the_bound(qtbot, gui, seeded):
    page = open_inventory(qtbot, gui)
    select_sku(qtbot, page, "TOPI-NVY")
    dlg = page.open_dialog("receive")
    dlg.quantity.lineEdit().selectAll()
    qtbot.keyClicks(dlg.quantity, "9000000000000000000")
    qtbot.keyClick(dlg.quantity, Qt.Key.Key_Tab)
    assert 0 <= dlg.quantity.value() <= MAX_QUANTITY
    dlg.unit_cost.setText("9000000000000")  # Rp 9 trillion a unit: refused at its field
    before = stock_levels.stock_levels(gui.ctx, seeded.variant_ids["TOPI-NVY"])[0].on_hand
    dlg.quantity.setValue(1)
    dlg.save()
    assert "at most Rp 1,000,000,000" in dlg.errors["unit_cost"].text()
    assert dlg.isVisible()
    after = stock_levels.stock_levels(gui.ctx, seeded.variant_ids["TOPI-NVY"])[0].on_hand
    assert after == before
