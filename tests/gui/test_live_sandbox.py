"""End to end through the real widgets, the real sync engine and the real sandbox over HTTP.

A seller connects a sandbox Shopee shop with the Connect-store wizard (the consent page is
opened and approved as a browser would, and the redirect lands on the wizard's loopback
listener), maps the one listing whose SKU the catalog cannot use, adjusts stock in
Inventory, and sees the new number reach the shop.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin

import httpx
import pytest

from app.core.domain import Environment, JobKind, JobStatus, Platform
from app.core.services import listings, stock_levels
from app.core.sync.events import JobFinished
from app.gui.inventory.dialogs import StockDialog
from app.gui.stores.connect_wizard import ConnectStoreWizard
from app.sandbox.core import Sandbox
from app.sandbox.shopee.sim import ShopeeSim
from tests.gui.conftest import wait_loaded

#: the variation the shop lists under a SKU our catalog refuses (it has a space)
ODD_SKU = "KAOS 04X"
ORIGINAL_SKU = "KAOS-04"
#: the variant the seller maps that listing to, then restocks
TARGET_SKU = "KAOS-03"
TIMEOUT = 10_000


@dataclass
class Live:
    """The running app over a running sandbox."""

    window: object  # MainWindow
    gui: object  # GuiContext
    sandbox: Sandbox
    sim: ShopeeSim
    shop_id: str
    finished: list[JobFinished]


@pytest.fixture
def live(qtbot, workspace, tmp_path: Path) -> Iterator[Live]:
    """The main window with the real engine and bridge, and a one-shop Shopee sandbox."""
    from app.core.sync.engine import EngineOptions, SyncEngine
    from app.gui.bridge import EngineBridge
    from app.gui.context import GuiContext
    from app.gui.main_window import MainWindow
    from app.gui.runner import BackgroundRunner
    from app.gui.ui_state import UiState
    from app.sandbox.demo import build_sandbox

    sandbox = build_sandbox(seed=3, shopee_shops=1, tiktok_shops=0)
    sim = sandbox.sim("shopee")
    (shop_id,) = [str(s) for s in sim.shops]
    with sandbox.lock:  # the seller typed a space into one variation's SKU
        sim.find_model(shop_id, ORIGINAL_SKU)[1].sku = ODD_SKU
    sandbox.start()

    bridge = EngineBridge()
    engine = SyncEngine(workspace, bridge.post_event, EngineOptions(schedule=False))
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
    finished: list[JobFinished] = []
    bridge.job_finished.connect(finished.append)
    engine.start()
    window = MainWindow(gui)
    try:
        window.show()
        qtbot.waitExposed(window)
        qtbot.waitUntil(lambda: runner.pending == 0)
        yield Live(window, gui, sandbox, sim, shop_id, finished)
    finally:
        engine.stop()  # no more events before any widget goes
        window.close()
        bridge.close()
        runner.shutdown()
        window.deleteLater()
        bridge.deleteLater()
        runner.deleteLater()
        sandbox.stop()


def browser_approves(consent_url: str, shop_id: str) -> httpx.Response:
    """What the seller's browser does: open the consent page, press Approve for the shop,
    follow Shopee's redirect to wherever the link said (the wizard's loopback listener)."""
    with httpx.Client(follow_redirects=True, timeout=10) as http:
        page = http.get(consent_url)
        page.raise_for_status()
        links = [html.unescape(h) for h in re.findall(r'href="([^"]+)"', page.text)]
        approve = next(h for h in links if "approve" in h and f"shop_id={shop_id}" in h)
        return http.get(urljoin(str(page.url), approve))


def connect_through_wizard(qtbot, live: Live) -> int:
    """Drive the Connect-store wizard end to end; returns the new store's id."""
    stores_page = live.window.show_page("stores")
    assert stores_page.model.rowCount() == 0
    info = live.sim.demo_info()
    stores_page.connect_button.click()
    (wizard,) = stores_page.findChildren(ConnectStoreWizard)
    wizard.platform_page.choose(Platform.SHOPEE, Environment.LOCAL_SANDBOX)
    wizard.next()
    cred = wizard.credentials_page
    assert wizard.currentPage() is cred
    qtbot.keyClicks(cred.app_id, info["partner_id"])
    qtbot.keyClicks(cred.app_secret, info["partner_key"])
    cred.api_url.clear()
    qtbot.keyClicks(cred.api_url, live.sandbox.base_url)
    wizard.next()
    page = wizard.authorize_page
    assert wizard.currentPage() is page
    link = page.link.text()
    assert link.startswith(f"{live.sandbox.base_url}/api/v2/shop/auth_partner?")
    assert not page.isComplete()

    landed = browser_approves(link, live.shop_id)
    assert landed.status_code == 200
    assert str(landed.url).startswith(page.redirect_url)
    assert b"received the authorization" in landed.content
    qtbot.waitUntil(page.isComplete, timeout=TIMEOUT)
    assert page.params["shop_id"] == live.shop_id
    assert page.params["state"] == page._state

    wizard.next()
    assert wizard.currentPage() is wizard.finish_page
    qtbot.waitUntil(wizard.finish_page.isComplete, timeout=TIMEOUT)
    assert wizard.finish_page.error.text() == ""
    with qtbot.waitSignal(wizard.stores_connected, timeout=TIMEOUT) as connected:
        wizard.accept()
    (store,) = connected.args[0]
    assert store.external_shop_id == live.shop_id
    assert store.environment == Environment.LOCAL_SANDBOX
    assert stores_page.model.rowCount() == 1
    assert stores_page.model.row_at(0).id == store.id
    return store.id


def first_sync_done(live: Live, store_id: int) -> bool:
    return any(
        ev.store_id == store_id and ev.kind == JobKind.PRODUCTS and ev.status == JobStatus.SUCCEEDED
        for ev in live.finished
    )


def test_seller_connects_maps_adjusts_and_the_shop_shows_the_new_stock(qtbot, live):
    sim, shop = live.sim, live.shop_id
    listed_skus = sim.skus(shop)
    assert ODD_SKU in listed_skus and TARGET_SKU in listed_skus

    # 1. connect the sandbox shop; its first sync imports the products
    store_id = connect_through_wizard(qtbot, live)
    qtbot.waitUntil(lambda: first_sync_done(live, store_id), timeout=TIMEOUT)
    catalog = live.window.show_page("catalog")
    catalog.tabs.setCurrentIndex(0)  # Products
    wait_loaded(qtbot, catalog.model, len(listed_skus) - 1)  # every SKU but the odd one
    imported = {catalog.model.row_at(i).sku for i in range(catalog.model.rowCount())}
    assert imported == set(listed_skus) - {ODD_SKU}

    # 2. map the odd listing to a variant in the Mapping view
    mapping = catalog.mapping
    catalog.tabs.setCurrentWidget(mapping)  # loads the listings
    assert mapping.count_label.text() == "1 not mapped"
    odd = mapping.model.row_at(0)
    assert odd.platform_sku == ODD_SKU and odd.variant_id is None
    mapping.view.selectRow(0)
    mapping.view.setCurrentIndex(mapping.model.index(0, 0))
    qtbot.keyClicks(mapping.search, TARGET_SKU)
    target = next(v for v in stock_levels.stock_levels(live.gui.ctx) if v.sku == TARGET_SKU)
    qtbot.waitUntil(lambda: mapping.chosen_variant() == target.variant_id, timeout=TIMEOUT)
    with qtbot.waitSignal(mapping.mapped, timeout=TIMEOUT):
        mapping.map_button.click()
    assert mapping.count_label.text() == "0 not mapped"
    mapped = [r for r in listings.list_listings(live.gui.ctx) if r.platform_sku == ODD_SKU]
    assert mapped[0].variant_id == target.variant_id

    # 3. adjust the variant's stock in Inventory (a reason is required)
    inv = live.window.show_page("inventory")
    wait_loaded(qtbot, inv.model)
    row = next(i for i in range(inv.model.rowCount()) if inv.model.row_at(i).sku == TARGET_SKU)
    inv.view.selectRow(row)
    inv.view.setCurrentIndex(inv.model.index(row, 0))
    before = inv.selected()
    assert before.sku == TARGET_SKU and before.reserved == 0
    inv.buttons["adjust"].click()
    (dlg,) = inv.findChildren(StockDialog)
    assert dlg.isVisible() and dlg.kind == "adjust"
    dlg.quantity.setValue(7)
    dlg.save()
    assert "why" in dlg.errors["reason"].text()
    assert dlg.isVisible()
    dlg.reason.setCurrentText("Found")
    with qtbot.waitSignal(dlg.accepted):
        dlg.save()
    new_available = before.available + 7
    (level,) = stock_levels.stock_levels(live.gui.ctx, target.variant_id)
    assert level.on_hand - level.reserved == new_available
    qtbot.waitUntil(
        lambda: inv.selected() is not None and inv.selected().available == new_available,
        timeout=TIMEOUT,
    )

    # 4. the engine pushes the new stock to the shop on its own (woken by the commit)
    def shop_shows_it() -> bool:
        with live.sandbox.lock:
            return (
                sim.stock_of(shop, TARGET_SKU) == new_available
                and sim.stock_of(shop, ODD_SKU) == new_available
            )

    qtbot.waitUntil(shop_shows_it, timeout=TIMEOUT)

    # 5. Sync activity lists the succeeded stock push that carried it (both listings of the
    #    variant: the one imported under its own SKU and the one mapped by hand)
    activity = live.window.show_page("activity")
    history = activity.history_model

    def pushes() -> list:
        rows = (history.row_at(i) for i in range(history.rowCount()))
        return [r for r in rows if r.store_id == store_id and r.kind == JobKind.STOCK_PUSH]

    qtbot.waitUntil(
        lambda: any(r.status == JobStatus.SUCCEEDED and r.processed == 2 for r in pushes()),
        timeout=TIMEOUT,
    )
    assert all(r.status == JobStatus.SUCCEEDED and r.failed == 0 for r in pushes())
    job = next(r for r in pushes() if r.processed == 2)
    assert job.store_name == live.window.pages["stores"].model.row_at(0).name
    row = history.row_of(job.id)
    activity.history_view.selectRow(row)
    activity.history_view.setCurrentIndex(history.index(row, 0))
    messages = [activity.log_model.row_at(i).message for i in range(activity.log_model.rowCount())]
    # the line names each SKU with what the shop showed before → now (the job row, the
    # store; the line does not repeat it)
    (line,) = [m for m in messages if m.startswith("pushed stock of 2 listing(s): ")]
    change = f"{TARGET_SKU} {before.available} → {new_available}"
    assert line == f"pushed stock of 2 listing(s): {change}, {change}; 0 failed"
    # what the shop was told is what the Mapping view's "Last pushed" reads from
    pushed = {r.platform_sku: r.last_pushed_stock for r in listings.list_listings(live.gui.ctx)}
    assert pushed[TARGET_SKU] == pushed[ODD_SKU] == new_available
