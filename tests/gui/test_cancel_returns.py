"""Cancel and returns through the real widgets, the real engine and the sandbox over HTTP:
the cancel dialog offers the platform's reasons and shows each order's result, the detail
pane says who cancelled and why, and a received return is restocked from the returns view.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QSpinBox

from app.core.domain import JobKind, Platform
from app.gui.orders.detail import OrderDetail
from app.gui.orders.returns import CancelDialog, ReturnsDialog
from tests.integration.sync.conftest import world  # noqa: F401  # the fixture
from tests.integration.sync.test_cancel_returns import _mapped_sku, _order, _stock, _store

TIMEOUT = 60_000


@pytest.fixture
def gui(qapp, world, tmp_path: Path) -> Iterator[object]:  # noqa: F811
    """A GuiContext over the world's workspace and real engine."""
    from app.gui.bridge import EngineBridge
    from app.gui.context import GuiContext
    from app.gui.runner import BackgroundRunner
    from app.gui.ui_state import UiState

    bridge, runner = EngineBridge(), BackgroundRunner()
    yield GuiContext(
        ctx=world.ws.ctx,
        engine=world.engine,
        bridge=bridge,
        runner=runner,
        ui_state=UiState(tmp_path / "ui.json"),
        secrets=world.ws.secrets,
        paths=world.ws.paths,
    )
    bridge.close()
    runner.shutdown()


def test_cancel_dialog_offers_reasons_and_the_detail_says_who(qtbot, world, gui):  # noqa: F811
    store = _store(world, Platform.SHOPEE)
    sku = _mapped_sku(world, store)
    sim = world.sandbox.sim("shopee")
    with world.sandbox.lock:
        sim.seller_set_stock(store.external_shop_id, sku, 50)
        number = sim.place_order(store.external_shop_id, {sku: 2})
    world.engine.sync_now(store.id, (JobKind.ORDERS,)).result(timeout=60)
    order = _order(world, store, number)
    reserved = _stock(world, sku)[1]

    dlg = CancelDialog(gui, [(order.id, store.id, number)])
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitUntil(lambda: dlg.ok.isEnabled(), timeout=TIMEOUT)
    combo = dlg.reasons[store.id]
    codes = [combo.itemData(i) for i in range(combo.count())]
    assert "OUT_OF_STOCK" in codes and "CUSTOMER_REQUEST" in codes
    combo.setCurrentIndex(codes.index("CUSTOMER_REQUEST"))
    dlg.ok.click()
    qtbot.waitUntil(lambda: dlg.finished_all, timeout=TIMEOUT)

    assert [dlg.results.item(i).text() for i in range(dlg.results.count())] == [
        f"✓ {number}: cancelled"
    ]
    assert dlg.progress.value() == 1
    assert _stock(world, sku)[1] == reserved - 2
    detail = OrderDetail(world.ws.ctx)
    qtbot.addWidget(detail)
    detail.show_order(order.id, store.name)
    assert "Cancelled by Seller: CUSTOMER_REQUEST" in detail.toPlainText()


def test_a_refused_cancellation_shows_the_platforms_reason(qtbot, world, gui):  # noqa: F811
    store = _store(world, Platform.TIKTOK_SHOP)
    sku = _mapped_sku(world, store)
    sim = world.sandbox.sim("tiktok_shop")
    number = sim.place_order(store.external_shop_id, {sku: 1})
    sim.set_order_status(store.external_shop_id, number, "AWAITING_COLLECTION")
    world.engine.sync_now(store.id, (JobKind.ORDERS,)).result(timeout=60)
    order = _order(world, store, number)

    dlg = CancelDialog(gui, [(order.id, store.id, number)])
    qtbot.addWidget(dlg)
    qtbot.waitUntil(lambda: dlg.ok.isEnabled(), timeout=TIMEOUT)
    dlg.ok.click()
    qtbot.waitUntil(lambda: dlg.finished_all, timeout=TIMEOUT)
    (line,) = [dlg.results.item(i).text() for i in range(dlg.results.count())]
    assert line.startswith(f"✗ {number}: not cancelled:") and "already been shipped" in line


def test_a_received_return_is_restocked_from_the_returns_view(qtbot, world, gui):  # noqa: F811
    store = _store(world, Platform.TIKTOK_SHOP)
    sku = _mapped_sku(world, store)
    sim = world.sandbox.sim("tiktok_shop")
    number = sim.place_order(store.external_shop_id, {sku: 3})
    sim.set_order_status(store.external_shop_id, number, "DELIVERED")
    sim.request_return(store.external_shop_id, number)
    sim.advance_return(store.external_shop_id, number)
    world.engine.sync_now(store.id, (JobKind.ORDERS,)).result(timeout=60)
    on_hand = _stock(world, sku)[0]

    dlg = ReturnsDialog(gui)
    qtbot.addWidget(dlg)
    dlg.show()
    dlg.refresh_button.click()
    qtbot.waitUntil(lambda: dlg.refresh_button.isEnabled() and bool(dlg.rows), timeout=TIMEOUT)
    row = next(i for i, r in enumerate(dlg.rows) if r.platform_order_id == number)
    dlg.table.selectRow(row)
    assert dlg.restock_button.isEnabled()
    spin = dlg.lines.cellWidget(0, 3)
    assert isinstance(spin, QSpinBox) and spin.maximum() == 3
    spin.setValue(2)
    dlg.restock_button.click()

    assert dlg.status.text() == "2 units restocked, 1 written off"
    assert _stock(world, sku)[0] == on_hand + 2
    assert not dlg.restock_button.isEnabled()  # decided: once
    assert "2 restocked into" in dlg.lines.item(0, 4).text()
