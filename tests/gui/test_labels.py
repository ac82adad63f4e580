"""Orders page → Print airway bills, offscreen, over the real engine and the sandbox: the
selected orders' labels become one PDF (one page per package, in the list's order) that
is opened with the system viewer — the only thing stubbed is that viewer."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QItemSelectionModel
from PySide6.QtGui import QDesktopServices

from app.core.domain import JobKind, Platform
from app.core.services import stores as store_service
from app.gui.orders.labels import LabelsDialog
from app.gui.orders.page import OrdersPage
from tests.gui.conftest import wait_loaded
from tests.integration.sync.labels_support import (
    pdf_pages,
    ship_shopee,
    ship_tiktok,
    shopee_ready_orders,
    tiktok_order,
)


@pytest.fixture
def live_gui(qapp, workspace, tmp_path) -> Iterator[tuple]:
    """A GuiContext with the real engine and bridge, one Shopee and one TikTok shop."""
    from app.core.sync.engine import EngineOptions, SyncEngine
    from app.demo import connect_requests
    from app.gui.bridge import EngineBridge
    from app.gui.context import GuiContext
    from app.gui.runner import BackgroundRunner
    from app.gui.ui_state import UiState
    from app.sandbox.demo import build_sandbox

    sandbox = build_sandbox(seed=5, shopee_shops=1, tiktok_shops=1)
    sandbox.start()
    bridge = EngineBridge()
    engine = SyncEngine(
        workspace,
        bridge.post_event,
        EngineOptions(schedule=False, adapter_options={"shopee": {"document_poll_interval": 0.1}}),
    )
    runner = BackgroundRunner()
    gui = GuiContext(
        ctx=workspace.ctx,
        engine=engine,
        bridge=bridge,
        runner=runner,
        ui_state=UiState(tmp_path / "ui-state.json"),
        secrets=workspace.secrets,
        paths=workspace.paths,
    )
    engine.start()
    try:
        for req in connect_requests(sandbox, engine):
            engine.connect_store(req).result(timeout=60)
        yield gui, sandbox
    finally:
        engine.stop()
        bridge.close()
        runner.shutdown()
        bridge.deleteLater()
        runner.deleteLater()
        sandbox.stop()


def test_print_airway_bills_opens_one_pdf(qtbot, live_gui, monkeypatch):
    gui, sandbox = live_gui
    opened: list[str] = []
    monkeypatch.setattr(
        QDesktopServices, "openUrl", staticmethod(lambda url: opened.append(url) or True)
    )
    stores = store_service.list_stores(gui.ctx)
    shopee = next(s for s in stores if s.platform == Platform.SHOPEE)
    tiktok = next(s for s in stores if s.platform == Platform.TIKTOK_SHOP)
    sn = shopee_ready_orders(sandbox, shopee.external_shop_id, 1)[0]
    shopee_pkg = ship_shopee(sandbox, shopee.external_shop_id, sn)
    tt = tiktok_order(sandbox, tiktok.external_shop_id, units=2)
    tiktok_pkgs = ship_tiktok(sandbox, tiktok.external_shop_id, tt, packages=2)
    for s in stores:
        gui.engine.sync_now(s.id, (JobKind.ORDERS,)).result(timeout=60)

    page = OrdersPage(gui)
    qtbot.addWidget(page)
    page.resize(1300, 700)
    page.show()
    page.ensure_loaded()
    wait_loaded(qtbot, page.model)
    page.search.setText(sn)
    page.apply_filter()
    wait_loaded(qtbot, page.model, 1)
    page.view.selectRow(0)
    action = next(a for a in page.view.actions() if a.text() == "Print airway bills")
    assert action.isEnabled() and action.shortcut().toString() == "Ctrl+P"

    # select both orders (in the list's order) and print
    page.search.clear()
    page.apply_filter()
    wait_loaded(qtbot, page.model)
    rows = [page.model.row_of(_order_id(page, n)) for n in (sn, tt)]
    sel = page.view.selectionModel()
    sel.clearSelection()
    for row in rows:
        sel.select(
            page.model.index(row, 0),
            QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
        )
    chosen = [r.platform_order_id for r in page.selected_orders()]
    assert sorted(chosen) == sorted([sn, tt])
    action.trigger()
    dialog = page.findChild(LabelsDialog)
    qtbot.waitUntil(lambda: dialog.merged is not None, timeout=60_000)

    path = dialog.merged.path
    assert [u.toLocalFile() for u in opened] == [str(path)]
    packages = {sn: [shopee_pkg], tt: tiktok_pkgs}
    expected = [p for number in chosen for p in packages[number]]
    texts = pdf_pages(path)
    assert len(texts) == 3
    for text, (package, tracking) in zip(texts, expected, strict=True):
        assert f"Package: {package}" in text and f"Resi: {tracking}" in text
    assert dialog.table.rowCount() == 2 and dialog.open_button.isEnabled()
    assert dialog.progress.value() == dialog.progress.maximum() == 2


def _order_id(page: OrdersPage, number: str) -> int:
    for row in range(page.model.rowCount()):
        r = page.model.row_at(row)
        if r is not None and r.platform_order_id == number:
            return r.id
    raise AssertionError(f"order {number} not listed")
