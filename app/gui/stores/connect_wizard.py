"""The Connect-store wizard: platform and environment, app credentials, consent, connect.

The consent link opens in the browser; the code comes back either to a loopback listener
on 127.0.0.1 or, when the app's registered redirect is elsewhere (TikTok fixes it in
Partner Center), as the redirected address pasted by the seller. Secrets stay in memory
and go to the engine, which saves them to the keychain.
"""

from __future__ import annotations

import logging
import secrets as pysecrets
from typing import Any

from PySide6.QtCore import QObject, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from app.core.domain import AppCredentials, Endpoints, Environment, Platform
from app.core.services.stores import StoreDTO
from app.core.sync.api import ConnectRequest
from app.gui.context import GuiContext
from app.gui.i18n import tr, tr_message
from app.gui.stores.endpoints import default_endpoints
from app.gui.stores.loopback import LoopbackListener, parse_redirect
from app.gui.widgets.background import ask_engine
from app.gui.widgets.helpers import error_label, named, set_error

log = logging.getLogger(__name__)


class _Relay(QObject):
    """Carries the loopback listener's parameters (server thread) to the GUI thread."""

    received = Signal(object)


class PlatformPage(QWizardPage):
    """Step 1: which marketplace, which environment."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(tr("Which store?"))
        self.setSubTitle(tr("Choose the marketplace and where its API lives."))
        lay = QVBoxLayout(self)
        pbox = QGroupBox(tr("Platform"))
        pl = QVBoxLayout(pbox)
        self.platforms = QButtonGroup(self)
        for i, (label, plat) in enumerate(
            (
                ("Shopee", Platform.SHOPEE),  # a brand name
                (tr("TikTok Shop (incl. Tokopedia)"), Platform.TIKTOK_SHOP),
                (tr("WooCommerce website"), Platform.WOOCOMMERCE),
                (tr("My own website (StoreSync contract)"), Platform.CUSTOM_WEBSITE),
            )
        ):
            rb = named(QRadioButton(label), label)
            rb.setProperty("value", plat)
            rb.setChecked(i == 0)
            self.platforms.addButton(rb, i)
            pl.addWidget(rb)
        ebox = QGroupBox(tr("Environment"))
        el = QVBoxLayout(ebox)
        self.environments = QButtonGroup(self)
        for i, (label, env) in enumerate(
            (
                (tr("Production — my real shop"), Environment.PRODUCTION),
                (tr("The platform's own sandbox (test shop)"), Environment.PLATFORM_SANDBOX),
                (
                    tr("StoreSync sandbox on this computer (try it out)"),
                    Environment.LOCAL_SANDBOX,
                ),
            )
        ):
            rb = named(QRadioButton(label), label)
            rb.setProperty("value", env)
            rb.setChecked(i == 0)
            self.environments.addButton(rb, i)
            el.addWidget(rb)
        lay.addWidget(pbox)
        lay.addWidget(ebox)
        lay.addStretch(1)

    def platform(self) -> Platform:
        """The chosen platform."""
        return Platform(self.platforms.checkedButton().property("value"))

    def environment(self) -> Environment:
        """The chosen environment."""
        return Environment(self.environments.checkedButton().property("value"))

    def choose(self, platform: Platform, environment: Environment) -> None:
        """Select programmatically (tests, defaults)."""
        for b in self.platforms.buttons():
            b.setChecked(b.property("value") == platform)
        for b in self.environments.buttons():
            b.setChecked(b.property("value") == environment)


def connect_help(platform: Platform, env: Environment) -> str:
    """What a seller registers with the platform to get these keys, and which redirect
    address to give it (the reference's §1 and §3 of each platform; README, "Connect your
    store")."""
    if platform.is_website:
        return website_help(platform, env)
    if env == Environment.LOCAL_SANDBOX:
        return tr(
            "StoreSync's own sandbox, for trying things out: enter the app ID and secret it "
            "printed when it started (python -m app.sandbox)."
        )
    if platform == Platform.TIKTOK_SHOP:
        return tr(
            "Where to get these: create an app in TikTok Shop Partner Center "
            "(partner.tiktokshop.com); its App key, App secret and Service ID go here. "
            "TikTok fixes the app's redirect address in Partner Center: register an "
            'address you own (for example your website), tick "registered redirect address '
            'is elsewhere" below and enter the same address; after approving, paste the '
            "address your browser lands on."
        )
    return tr(
        "Where to get these: register as a developer on Shopee Open Platform "
        "(open.shopee.com) and create an app; its Partner ID and Partner Key go here. Test "
        "keys work only in Shopee's sandbox, live keys only in production. No redirect "
        "address needs registering: StoreSync catches the approval on this computer."
    )


def website_help(platform: Platform, env: Environment) -> str:
    """Where a seller finds a website's keys (README, "Connect your website")."""
    if env == Environment.LOCAL_SANDBOX:
        return tr(
            "StoreSync's own sandbox: enter the shop address, key and secret that "
            "python -m app.sandbox printed for the website shop."
        )
    if platform == Platform.WOOCOMMERCE:
        return tr(
            "In WordPress open WooCommerce → Settings → Advanced → REST API → Add key, give "
            "it Read/Write permission, and paste the Consumer key (ck_…) and Consumer secret "
            "(cs_…) here with your shop's https:// address."
        )
    return tr(
        "Your website's developer implements the StoreSync contract (docs/custom-store-api.md) "
        "and gives you its address and API key. No consent page: the key is checked with "
        "one call."
    )


class CredentialsPage(QWizardPage):
    """Step 2: the app (partner) credentials and the API hosts."""

    def __init__(self, wizard: ConnectStoreWizard) -> None:
        super().__init__(wizard)
        self._wiz = wizard
        self.setTitle(tr("App credentials"))
        form = QFormLayout(self)
        # where a seller gets these keys; set per platform in initializePage
        self.help = QLabel("")
        self.help.setWordWrap(True)
        self.help.setTextFormat(Qt.TextFormat.PlainText)
        form.addRow(self.help)
        self.app_id = named(QLineEdit(), tr("App ID"), tr("Shopee partner ID or TikTok app key"))
        self.app_secret = named(
            QLineEdit(), tr("App secret"), tr("Shopee partner key or TikTok secret")
        )
        self.app_secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.service_id = named(
            QLineEdit(), tr("Service ID"), tr("TikTok only: the app's service ID")
        )
        self.api_url = named(QLineEdit(), tr("API address"))
        self.auth_url = named(QLineEdit(), tr("Token address"), tr("TikTok's separate token host"))
        self.custom_redirect = named(
            QCheckBox(tr("My app's registered redirect address is elsewhere")),
            tr("Custom redirect"),
            tr("Then paste the address you land on after approving"),
        )
        self.redirect = named(QLineEdit(), tr("Redirect address"))
        self.redirect.setEnabled(False)
        self.redirect.setPlaceholderText(tr("chosen automatically on this computer"))
        self.custom_redirect.toggled.connect(self.redirect.setEnabled)
        self.error = error_label()
        self.service_label = QLabel(tr("Service ID"))
        form.addRow(tr("App ID / partner ID"), self.app_id)
        form.addRow(tr("App secret / partner key"), self.app_secret)
        form.addRow(self.service_label, self.service_id)
        form.addRow(tr("API address"), self.api_url)
        form.addRow(tr("Token address"), self.auth_url)
        form.addRow("", self.custom_redirect)
        form.addRow(tr("Redirect address"), self.redirect)
        form.addRow("", self.error)
        for w in (self.app_id, self.app_secret, self.api_url):
            w.textChanged.connect(self.completeChanged)

    def initializePage(self) -> None:
        platform, env = self._wiz.platform_page.platform(), self._wiz.platform_page.environment()
        ep = default_endpoints(platform, env, self._wiz.gui.sandbox_url())
        self.api_url.setText(ep.api_base_url)
        self.auth_url.setText(ep.auth_base_url or "")
        tiktok = platform == Platform.TIKTOK_SHOP
        self.help.setText(connect_help(platform, env))
        self.service_id.setVisible(tiktok)
        self.service_label.setVisible(tiktok)
        self.auth_url.setEnabled(tiktok or env == Environment.LOCAL_SANDBOX)
        self._show_website(platform)

    def _show_website(self, platform: Platform) -> None:
        """A website connects with its address and keys: no token host, no redirect."""
        website = platform.is_website
        form = self.layout()
        for w in (self.auth_url, self.custom_redirect, self.redirect):
            w.setVisible(not website)
            if isinstance(form, QFormLayout) and form.labelForField(w) is not None:
                form.labelForField(w).setVisible(not website)
        labels = {
            Platform.WOOCOMMERCE: (tr("Consumer key"), tr("Consumer secret"), tr("Shop address")),
            Platform.CUSTOM_WEBSITE: (tr("Key name"), tr("API key"), tr("Contract address")),
        }.get(
            platform, (tr("App ID / partner ID"), tr("App secret / partner key"), tr("API address"))
        )
        for field, text in zip((self.app_id, self.app_secret, self.api_url), labels, strict=True):
            if isinstance(form, QFormLayout) and form.labelForField(field) is not None:
                form.labelForField(field).setText(text)
        if platform == Platform.CUSTOM_WEBSITE and not self.app_id.text():
            self.app_id.setText("key")

    def nextId(self) -> int:
        """A website skips the consent step."""
        if self._wiz.platform_page.platform().is_website:
            return self._wiz.finish_id
        return super().nextId()

    def isComplete(self) -> bool:
        return all(w.text().strip() for w in (self.app_id, self.app_secret, self.api_url))

    def validatePage(self) -> bool:
        url = self.api_url.text().strip()
        if not url.startswith(("https://", "http://127.0.0.1", "http://localhost")):
            set_error(
                self.error,
                tr("The API address must start with https:// (http only for 127.0.0.1)"),
            )
            return False
        if self.custom_redirect.isChecked() and not self.redirect.text().strip():
            set_error(self.error, tr("Enter the redirect address registered for your app"))
            return False
        set_error(self.error, None)
        return True

    def credentials(self) -> AppCredentials:
        """The typed credentials (kept in memory only)."""
        return AppCredentials(
            app_id=self.app_id.text().strip(),
            app_secret=self.app_secret.text().strip(),
            service_id=self.service_id.text().strip() or None,
        )

    def endpoints(self) -> Endpoints:
        """The API hosts as entered."""
        return Endpoints(
            api_base_url=self.api_url.text().strip().rstrip("/"),
            auth_base_url=self.auth_url.text().strip().rstrip("/") or None,
        )


class AuthorizePage(QWizardPage):
    """Step 3: open the consent link; catch the code on loopback or from a pasted address."""

    def __init__(self, wizard: ConnectStoreWizard) -> None:
        super().__init__(wizard)
        self._wiz = wizard
        self.setTitle(tr("Approve StoreSync in the seller center"))
        self.setSubTitle(
            tr(
                "Open the link, sign in with the shop's seller account and approve. "
                "StoreSync catches the answer on this computer."
            )
        )
        self.params: dict[str, str] | None = None
        self._state = pysecrets.token_urlsafe(12)
        self._relay = _Relay(self)
        self._relay.received.connect(self._on_params)
        self._listener: LoopbackListener | None = None
        lay = QVBoxLayout(self)
        self.link = named(QLineEdit(), tr("Consent link"))
        self.link.setReadOnly(True)
        row = QHBoxLayout()
        self.open_button = named(
            QPushButton(tr("Open in browser")), tr("Open consent link in browser")
        )
        self.open_button.clicked.connect(self.open_link)
        self.copy_button = named(QPushButton(tr("Copy link")), tr("Copy consent link"))
        self.copy_button.clicked.connect(
            lambda: QGuiApplication.clipboard().setText(self.link.text())
        )
        row.addWidget(self.open_button)
        row.addWidget(self.copy_button)
        row.addStretch(1)
        self.status = QLabel("")
        self.status.setWordWrap(True)
        self.paste = named(
            QLineEdit(),
            tr("Redirected address"),
            tr("Paste the whole address from the browser after approving"),
        )
        self.paste.setPlaceholderText(tr("…or paste the address you were redirected to"))
        self.use_paste = named(QPushButton(tr("Use this address")), tr("Use pasted address"))
        self.use_paste.clicked.connect(self.use_pasted)
        self.paste.returnPressed.connect(self.use_pasted)
        prow = QHBoxLayout()
        prow.addWidget(self.paste, 1)
        prow.addWidget(self.use_paste)
        self.error = error_label()
        lay.addWidget(QLabel(tr("Consent link")))
        lay.addWidget(self.link)
        lay.addLayout(row)
        lay.addWidget(self.status)
        lay.addSpacing(12)
        lay.addLayout(prow)
        lay.addWidget(self.error)
        lay.addStretch(1)

    @property
    def redirect_url(self) -> str:
        """Where the platform sends the browser back to."""
        cred = self._wiz.credentials_page
        if cred.custom_redirect.isChecked():
            return cred.redirect.text().strip()
        if self._listener is None:
            self._listener = LoopbackListener(self._relay.received.emit)
            self._listener.start()
        return self._listener.redirect_url

    def initializePage(self) -> None:
        self.params = None
        set_error(self.error, None)
        cred = self._wiz.credentials_page
        try:
            url = self._wiz.gui.engine.authorization_url(
                self._wiz.platform_page.platform(),
                cred.endpoints(),
                cred.credentials(),
                self.redirect_url,
                self._state,
            )
        except Exception as exc:
            log.warning("could not build the consent link: %s", exc)
            url = ""
            set_error(self.error, tr("Could not build the consent link: {error}").format(error=exc))
        self.link.setText(url)
        if cred.custom_redirect.isChecked():
            self.status.setText(tr("After approving, paste the address you land on below."))
        else:
            self.status.setText(
                tr("Waiting for the approval on {address} …").format(address=self.redirect_url)
            )
        self.completeChanged.emit()

    def open_link(self) -> None:
        """Open the consent link in the default browser."""
        if self.link.text():
            QDesktopServices.openUrl(QUrl(self.link.text()))

    def use_pasted(self) -> None:
        """Read the code from a pasted redirected address."""
        try:
            self._accept(parse_redirect(self.paste.text()))
        except ValueError as exc:
            set_error(self.error, tr_message(exc))

    def _on_params(self, params: Any) -> None:
        if not isinstance(params, dict):
            return
        if params.get("error") or not params.get("code"):
            reason = params.get("error", tr("no code"))
            set_error(
                self.error, tr("The platform did not approve: {reason}").format(reason=reason)
            )
            return
        self._accept(params)

    def _accept(self, params: dict[str, str]) -> None:
        state = params.get("state")
        if state and state != self._state:
            set_error(
                self.error, tr("That answer belongs to another connection attempt; try again.")
            )
            return
        set_error(self.error, None)
        self.params = params
        shop = params.get("shop_id")
        if shop:
            self.status.setText(tr("Approved for shop {shop}. Click Next.").format(shop=shop))
        else:
            self.status.setText(tr("Approved. Click Next."))
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self.params is not None

    def stop_listener(self) -> None:
        """Close the loopback port."""
        if self._listener is not None:
            self._listener.stop()
            self._listener = None


class FinishPage(QWizardPage):
    """Step 4: the engine exchanges the code, stores the tokens and syncs the shop(s)."""

    def __init__(self, wizard: ConnectStoreWizard) -> None:
        super().__init__(wizard)
        self._wiz = wizard
        self.setTitle(tr("Connecting"))
        self.connected: list[StoreDTO] | None = None
        self._busy = False
        lay = QVBoxLayout(self)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        named(self.progress, tr("Connecting"))
        self.status = QLabel("")
        self.status.setWordWrap(True)
        self.error = error_label()
        lay.addWidget(self.progress)
        lay.addWidget(self.status)
        lay.addWidget(self.error)
        lay.addStretch(1)

    def initializePage(self) -> None:
        self.connected = None
        set_error(self.error, None)
        website = self._wiz.platform_page.platform().is_website
        params = {} if website else (self._wiz.authorize_page.params or {})
        request = ConnectRequest(
            platform=self._wiz.platform_page.platform(),
            environment=self._wiz.platform_page.environment(),
            endpoints=self._wiz.credentials_page.endpoints(),
            credentials=self._wiz.credentials_page.credentials(),
            code=params.get("code", ""),
            shop_id=params.get("shop_id"),
        )
        self.progress.setVisible(True)
        self.status.setText(
            tr("Checking the keys and reading the shop…")
            if website
            else tr("Exchanging the code for tokens and reading the shop…")
        )
        self._busy = True
        gui = self._wiz.gui
        ask_engine(
            self, gui.bridge, lambda: gui.engine.connect_store(request), self._done, self._failed
        )

    def _done(self, stores: list[StoreDTO]) -> None:
        self._busy = False
        self.connected = list(stores)
        self.progress.setVisible(False)
        names = ", ".join(s.name for s in stores) or tr("no shop")
        self.status.setText(
            tr(
                "Connected: {names}. The first sync has started; follow it in Sync activity."
            ).format(names=names)
        )
        self._wiz.authorize_page.stop_listener()
        self.completeChanged.emit()

    def _failed(self, exc: BaseException) -> None:
        self._busy = False
        self.progress.setVisible(False)
        self.status.setText("")
        set_error(
            self.error,
            tr(
                "Connecting failed: {error}\nGo Back to approve again (each code works once)."
            ).format(error=tr_message(exc))
            if not self._wiz.platform_page.platform().is_website
            else tr("Connecting failed: {error}\nGo Back to check the address and keys.").format(
                error=tr_message(exc)
            ),
        )
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self.connected is not None


class ConnectStoreWizard(QWizard):
    """Connect a Shopee or TikTok Shop store through the platform's consent flow.

    Signals:
        stores_connected(list[StoreDTO]): the engine registered these stores.
    """

    stores_connected = Signal(object)

    def __init__(self, gui: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.gui = gui
        self.setObjectName("connectStoreWizard")
        self.setWindowTitle(tr("Connect a store"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.platform_page = PlatformPage(self)
        self.credentials_page = CredentialsPage(self)
        self.authorize_page = AuthorizePage(self)
        self.finish_page = FinishPage(self)
        for p in (self.platform_page, self.credentials_page, self.authorize_page):
            self.addPage(p)
        self.finish_id = self.addPage(self.finish_page)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, False)
        self.finished.connect(lambda _r: self.authorize_page.stop_listener())
        self.accepted.connect(self._emit_connected)
        self.resize(640, 460)

    def _emit_connected(self) -> None:
        if self.finish_page.connected:
            self.stores_connected.emit(self.finish_page.connected)
