"""Stores page: list, connect wizard (loopback and pasted redirect), settings, sync, remove."""

from __future__ import annotations

import urllib.request

from PySide6.QtWidgets import QLabel

from app.core.domain import Environment, Platform
from app.core.services import stores
from app.gui.stores.connect_wizard import ConnectStoreWizard
from app.gui.stores.loopback import parse_redirect
from app.gui.stores.page import StoresPage, removal_text
from app.gui.stores.settings_dialog import StoreSettingsDialog


def open_stores(qtbot, gui) -> StoresPage:
    page = StoresPage(gui)
    qtbot.addWidget(page)
    page.show()
    page.ensure_loaded()
    return page


def fill_wizard(qtbot, wizard: ConnectStoreWizard) -> None:
    wizard.platform_page.choose(Platform.SHOPEE, Environment.LOCAL_SANDBOX)
    wizard.next()
    cred = wizard.credentials_page
    assert cred.api_url.text().startswith("http://127.0.0.1")
    cred.app_id.setText("2001234")
    cred.app_secret.setText("sandbox-partner-key")
    wizard.next()
    assert wizard.currentPage() is wizard.authorize_page
    assert "consent" in wizard.authorize_page.link.text()


class TestStoresPage:
    def test_lists_stores_with_status(self, qtbot, qtmodeltester, gui, seeded):
        page = open_stores(qtbot, gui)
        assert page.model.rowCount() == 2
        tiktok = page.model.row_at(page.model.row_of(seeded.store_ids[1]))
        assert tiktok.status == "needs_reauth"
        col = [page.model.column(i).title for i in range(page.model.columnCount())]
        status = page.model.index(page.model.row_of(seeded.store_ids[1]), col.index("Status"))
        assert page.model.data(status) == "● Needs re-authorization"
        token = page.model.index(
            page.model.row_of(seeded.store_ids[1]), col.index("Authorization expires")
        )
        assert page.model.data(token).startswith("expired")
        qtmodeltester.check(page.model)

    def test_connect_store_with_the_loopback_listener(self, qtbot, gui, seeded):
        page = open_stores(qtbot, gui)
        wizard = page.connect_store()
        qtbot.addWidget(wizard)
        fill_wizard(qtbot, wizard)
        redirect = wizard.authorize_page.redirect_url
        assert redirect.startswith("http://127.0.0.1:")
        state = wizard.authorize_page._state
        # the browser lands on the loopback redirect after the seller approves
        with urllib.request.urlopen(f"{redirect}?code=abc123&shop_id=5550001&state={state}") as r:
            assert b"received the authorization" in r.read()
        qtbot.waitUntil(lambda: wizard.authorize_page.isComplete())
        wizard.next()
        qtbot.waitUntil(lambda: wizard.finish_page.isComplete())
        request = next(a for name, a in gui.engine.calls if name == "connect_store")
        assert (request.code, request.shop_id) == ("abc123", "5550001")
        assert request.environment == Environment.LOCAL_SANDBOX
        with qtbot.waitSignal(wizard.stores_connected):
            wizard.accept()
        assert page.model.rowCount() == 3

    def test_connect_store_with_a_pasted_address(self, qtbot, gui, seeded):
        page = open_stores(qtbot, gui)
        wizard = page.connect_store()
        qtbot.addWidget(wizard)
        fill_wizard(qtbot, wizard)
        wizard.authorize_page.paste.setText("https://example.com/cb?foo=1")
        wizard.authorize_page.use_pasted()
        assert "no code" in wizard.authorize_page.error.text()
        wizard.authorize_page.paste.setText("https://example.com/cb?code=zz9&shop_id=77")
        wizard.authorize_page.use_pasted()
        assert wizard.authorize_page.isComplete()
        gui.engine.fail_connect = "code expired"
        wizard.next()
        qtbot.waitUntil(lambda: "code expired" in wizard.finish_page.error.text())
        assert not wizard.finish_page.isComplete()

    def test_parse_redirect(self):
        assert parse_redirect("http://x/cb?code=1&shop_id=2")["shop_id"] == "2"

    def test_settings_dialog_validates_and_saves(self, qtbot, gui, seeded):
        st = stores.get_store(gui.ctx, seeded.store_ids[0])
        dlg = StoreSettingsDialog(gui.ctx, st)
        qtbot.addWidget(dlg)
        dlg.buffer.setValue(3)
        dlg.percentage.setValue(50)
        dlg.cap_enabled.setChecked(True)
        dlg.cap.setValue(20)
        dlg.orders_interval.setMinimum(0)
        dlg.orders_interval.setValue(5)
        dlg.save()
        assert "at least 10" in dlg.errors["orders_interval_s"].text()
        dlg.orders_interval.setValue(120)
        dlg.paused.setChecked(True)
        dlg.save()
        assert dlg.result() == dlg.DialogCode.Accepted
        saved = stores.get_store(gui.ctx, st.id).settings
        assert (saved.buffer, saved.percentage, saved.cap, saved.orders_interval_s) == (
            3,
            50,
            20,
            120,
        )
        assert dlg.pause_changed is True

    def test_sync_now_and_pause(self, qtbot, gui, seeded):
        page = open_stores(qtbot, gui)
        page.view.selectRow(page.model.row_of(seeded.store_ids[0]))
        page.sync_button.click()
        assert ("sync_now", seeded.store_ids[0]) in gui.engine.calls
        qtbot.waitUntil(lambda: page.pause_button.text() == "Pause")
        page.pause_button.click()
        qtbot.waitUntil(lambda: stores.get_store(gui.ctx, seeded.store_ids[0]).paused)

    def test_removal_says_what_is_kept(self, gui, seeded):
        st = stores.get_store(gui.ctx, seeded.store_ids[0])
        text = removal_text(st, stores.removal_summary(gui.ctx, st.id))
        assert "3 orders" in text and "Kept:" in text and "stock ledger" in text


def test_the_wizard_says_where_a_seller_gets_the_keys(qtbot, gui, seeded):
    page = open_stores(qtbot, gui)
    wizard = page.connect_store()
    qtbot.addWidget(wizard)
    help_text = {}
    for platform in (Platform.SHOPEE, Platform.TIKTOK_SHOP):
        wizard.restart()
        wizard.platform_page.choose(platform, Environment.PRODUCTION)
        wizard.next()
        assert wizard.currentPage() is wizard.credentials_page
        help_text[platform] = wizard.credentials_page.help.text()
    assert "open.shopee.com" in help_text[Platform.SHOPEE]
    assert "Partner ID and Partner Key" in help_text[Platform.SHOPEE]
    assert "Partner Center" in help_text[Platform.TIKTOK_SHOP]
    assert "Service ID" in help_text[Platform.TIKTOK_SHOP]
    assert "redirect address" in help_text[Platform.TIKTOK_SHOP]


def test_a_disabled_cap_looks_disabled(qtbot, gui, seeded):
    from PySide6.QtGui import QPalette
    from PySide6.QtWidgets import QApplication

    from app.gui.theme import apply_theme

    apply_theme(QApplication.instance(), "light")
    store = stores.get_store(gui.ctx, seeded.store_ids[0])
    dialog = StoreSettingsDialog(gui.ctx, store)
    qtbot.addWidget(dialog)
    dialog.cap_enabled.setChecked(False)
    assert not dialog.cap.isEnabled()
    pal = dialog.cap.palette()
    grey = pal.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
    normal = pal.color(QPalette.ColorGroup.Active, QPalette.ColorRole.Text)
    assert grey != normal  # its number is drawn in grey, not like an editable field
    dialog.cap_enabled.setChecked(True)
    assert dialog.cap.isEnabled()


def test_a_website_connects_with_its_keys_and_skips_the_consent_step(qtbot, gui, seeded):
    """WooCommerce: address, consumer key and secret; no consent page; the engine gets a
    key request (no code) and the store is listed as WooCommerce."""
    page = open_stores(qtbot, gui)
    wizard = page.connect_store()
    qtbot.addWidget(wizard)
    wizard.platform_page.choose(Platform.WOOCOMMERCE, Environment.PRODUCTION)
    wizard.next()
    cred = wizard.credentials_page
    assert "REST API" in cred.help.text()
    assert not cred.redirect.isVisibleTo(wizard) and not cred.auth_url.isVisibleTo(wizard)
    cred.api_url.setText("https://tokoku.id")
    cred.app_id.setText("ck_abc")
    cred.app_secret.setText("cs_secret")
    wizard.next()
    assert wizard.currentPage() is wizard.finish_page
    qtbot.waitUntil(lambda: wizard.finish_page.isComplete(), timeout=60_000)
    request = next(r for name, r in gui.engine.calls if name == "connect_store")
    assert (request.platform, request.code, request.endpoints.api_base_url) == (
        Platform.WOOCOMMERCE,
        "",
        "https://tokoku.id",
    )
    assert request.credentials.app_secret == "cs_secret"
    page.reload()
    qtbot.waitUntil(lambda: page.model.rowCount() == 3, timeout=60_000)
    labels = {page.model.row_at(r).platform for r in range(page.model.rowCount())}
    assert "woocommerce" in labels


def test_a_website_store_gets_new_keys_instead_of_a_consent_page(qtbot, gui, seeded):
    from app.gui.stores.website_keys import WebsiteKeysDialog

    site = stores.create_store(
        gui.ctx,
        stores.StoreInput(
            platform=Platform.WOOCOMMERCE,
            name="Toko Online",
            external_shop_id="tokoku.id",
            api_base_url="https://tokoku.id",
            environment=Environment.PRODUCTION,
            app_id="ck_old",
        ),
    )
    page = open_stores(qtbot, gui)
    qtbot.waitUntil(lambda: page.model.row_of(site.id) is not None, timeout=60_000)
    page.view.selectRow(page.model.row_of(site.id))
    dlg = page.reauthorize()
    assert isinstance(dlg, WebsiteKeysDialog)
    assert "REST API" in dlg.findChild(QLabel).text()
    dlg.secret.setText("cs_new")
    gui.engine.fail_connect = "WooCommerce refused the keys (401)"
    dlg.submit()
    qtbot.waitUntil(lambda: "refused the keys" in dlg.error.text(), timeout=60_000)
    assert dlg.isVisible()
    gui.engine.fail_connect = None
    with qtbot.waitSignal(dlg.accepted, timeout=60_000):
        dlg.submit()
    request = [r for name, r in gui.engine.calls if name == "connect_store"][-1]
    assert (request.code, request.shop_id, request.credentials.app_secret) == (
        "",
        "tokoku.id",
        "cs_new",
    )
    assert dlg.result_store.id == site.id
