"""Shipping from the Orders page, offscreen, over the real engine and the sandbox: the
seller selects the orders to ship, presses Ship…, types the tracking number of the order
going with their own courier, ships, and reads each order's result in one dialog."""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.core.domain import JobKind, OrderStatus, ShipOutcome
from app.gui.orders.page import OrdersPage
from app.sandbox.shopee.shipping import NON_INTEGRATED
from tests.gui.conftest import wait_loaded

TIMEOUT = 60_000


@pytest.fixture
def shop_floor(qtbot, workspace, tmp_path: Path) -> Iterator[tuple]:
    """A Shopee and a TikTok demo shop connected to the real engine, with paid orders
    waiting on each, fetched; the GuiContext over them."""
    from app.core.sync.engine import EngineOptions, SyncEngine
    from app.demo import connect_requests
    from app.gui.bridge import EngineBridge
    from app.gui.context import GuiContext
    from app.gui.runner import BackgroundRunner
    from app.gui.ui_state import UiState
    from app.sandbox.demo import build_sandbox

    sandbox = build_sandbox(seed=21, shopee_shops=1, tiktok_shops=1)
    sandbox.start()
    bridge = EngineBridge()
    engine = SyncEngine(workspace, bridge.post_event, EngineOptions(schedule=False))
    runner = BackgroundRunner()
    gui = GuiContext(workspace.ctx, engine, bridge, runner, UiState(tmp_path / "ui.json"))
    engine.start()
    try:
        for req in connect_requests(sandbox, engine):
            engine.connect_store(req).result(timeout=60)
        rng = random.Random(3)
        with sandbox.lock:
            placed = {
                sim.name: sim.place_ready_orders(sid, 3, rng)
                for sim in sandbox.sims
                for sid in sim.shops
            }
        stores = [s.id for s in gui_stores(workspace)]
        for fut in [engine.sync_now(sid, (JobKind.ORDERS,)) for sid in stores]:
            fut.result(timeout=60)
        yield gui, sandbox, placed
    finally:
        engine.stop()
        bridge.close()
        runner.shutdown()
        bridge.deleteLater()
        runner.deleteLater()
        sandbox.stop()


def gui_stores(workspace):
    from app.core.services.stores import list_stores

    return list_stores(workspace.ctx)


def test_select_ship_and_read_every_result(qtbot, shop_floor):
    gui, sandbox, placed = shop_floor
    shopee, tiktok = sandbox.sim("shopee"), sandbox.sim("tiktok_shop")
    (sp,), (tt,) = list(shopee.shops), list(tiktok.shops)
    own = placed["shopee"][0]
    with sandbox.lock:
        shopee.set_carrier(sp, own, NON_INTEGRATED)

    page = OrdersPage(gui)
    qtbot.addWidget(page)
    page.resize(1300, 700)
    page.show()
    page.ensure_loaded()
    wait_loaded(qtbot, page.model)
    page.status.setCurrentIndex(page.status.findData(OrderStatus.TO_SHIP))
    wait_loaded(qtbot, page.model, 6)
    page.view.setFocus()
    page.view.selectAll()
    assert page.ship_action.isEnabled()
    qtbot.keyClick(page.view, "S", modifier=ctrl_shift())  # the shortcut opens the dialog
    dialog = page.ship_dialog
    qtbot.waitUntil(lambda: dialog.ship_button.isEnabled(), timeout=TIMEOUT)
    assert "6 of 6 orders can be shipped" in dialog.summary.text()
    assert dialog.tracking_table.rowCount() == 1  # only the order with the own courier
    assert dialog.tracking_table.item(0, 1).text() == own
    qtbot.keyClicks(dialog.tracking_table.cellWidget(0, 2), "KT-777")
    # Shopee's and TikTok's pickup slots differ, so no slot is common to the batch
    assert [dialog.slot.itemText(i) for i in range(dialog.slot.count())] == [
        "Earliest slot of each order"
    ]

    tiktok.seller_cancel_order(tt, placed["tiktok_shop"][1])  # the buyer gave up meanwhile
    qtbot.mouseClick(dialog.ship_button, qt_left())
    qtbot.waitUntil(lambda: dialog.results is not None, timeout=TIMEOUT)

    assert dialog.summary.text() == "5 shipped · 1 failed · 0 need input"
    assert dialog.progress.value() == dialog.progress.maximum() == 6
    rows = {
        dialog.table.item(r, 1).text(): (
            dialog.table.item(r, 2).text(),
            dialog.table.item(r, 3).text(),
        )
        for r in range(dialog.table.rowCount())
    }
    assert rows[placed["tiktok_shop"][1]] == ("Failed", "the order was cancelled")
    assert rows[own] == ("Shipped", "KT-777")
    assert sum(result == "Shipped" for result, _d in rows.values()) == 5
    assert all(d for _r, d in rows.values())  # every shipped order shows its tracking number
    assert [r.outcome for r in dialog.results].count(ShipOutcome.DONE) == 5


def ctrl_shift():
    from PySide6.QtCore import Qt

    return Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def qt_left():
    from PySide6.QtCore import Qt

    return Qt.MouseButton.LeftButton
