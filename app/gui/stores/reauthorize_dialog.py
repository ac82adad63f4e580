"""Re-authorize a store whose tokens were refused: consent again, exchange the new code."""

from __future__ import annotations

import logging
import secrets as pysecrets
from typing import Any

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core.domain import AppCredentials, Endpoints
from app.core.services.stores import StoreDTO
from app.gui.context import GuiContext
from app.gui.i18n import tr, tr_message
from app.gui.stores.connect_wizard import _Relay
from app.gui.stores.loopback import LoopbackListener, parse_redirect
from app.gui.widgets.background import ask_engine
from app.gui.widgets.helpers import error_label, named, set_error

log = logging.getLogger(__name__)


def saved_credentials(gui: GuiContext, store: StoreDTO) -> AppCredentials | None:
    """The store's app credentials from the keychain (saved by the engine at connect)."""
    if gui.secrets is None:
        return None
    try:
        from app.core.sync.credentials import CredentialVault

        return CredentialVault(gui.secrets).app(store)
    except Exception:  # no keychain backend or no engine module: the seller types it again
        log.info("no saved app credentials for %s", store.name, exc_info=True)
        return None


class ReauthorizeDialog(QDialog):
    """Approve StoreSync again for one store; the engine exchanges the code."""

    def __init__(self, gui: GuiContext, store: StoreDTO, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reauthorizeDialog")
        self.setWindowTitle(tr("Re-authorize {store}").format(store=store.name))
        self.gui = gui
        self.store = store
        self.result_store: StoreDTO | None = None
        self._state = pysecrets.token_urlsafe(12)
        self._relay = _Relay(self)
        self._relay.received.connect(self._on_params)
        self._listener = LoopbackListener(self._relay.received.emit)
        saved = saved_credentials(gui, store)
        form = QFormLayout()
        self.app_id = named(QLineEdit(saved.app_id if saved else store.app_id), tr("App ID"))
        self.app_secret = named(QLineEdit(saved.app_secret if saved else ""), tr("App secret"))
        self.app_secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.service_id = named(
            QLineEdit((saved.service_id or "") if saved else ""), tr("Service ID (TikTok)")
        )
        form.addRow(tr("App ID / partner ID"), self.app_id)
        form.addRow(tr("App secret / partner key"), self.app_secret)
        form.addRow(tr("Service ID (TikTok)"), self.service_id)
        self.link = named(QLineEdit(), tr("Consent link"))
        self.link.setReadOnly(True)
        make = named(QPushButton(tr("Open consent link")), tr("Open consent link in browser"))
        make.clicked.connect(self.open_link)
        self.paste = named(QLineEdit(), tr("Redirected address"))
        self.paste.setPlaceholderText(tr("…or paste the address you were redirected to"))
        use = named(QPushButton(tr("Use this address")), tr("Use pasted address"))
        use.clicked.connect(self.use_pasted)
        self.status = QLabel(
            tr("Open the link and approve with the seller account of {store}.").format(
                store=store.name
            )
        )
        self.status.setWordWrap(True)
        self.error = error_label()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        row = QHBoxLayout()
        row.addWidget(self.link, 1)
        row.addWidget(make)
        lay.addLayout(row)
        prow = QHBoxLayout()
        prow.addWidget(self.paste, 1)
        prow.addWidget(use)
        lay.addLayout(prow)
        lay.addWidget(self.status)
        lay.addWidget(self.error)
        lay.addWidget(buttons)
        self.finished.connect(lambda _r: self._listener.stop())

    def consent_link(self) -> str:
        """Build the link (starting the loopback listener)."""
        if self._listener.is_listening:
            redirect = self._listener.redirect_url
        else:
            redirect = self._listener.start()
        creds = AppCredentials(
            self.app_id.text().strip(),
            self.app_secret.text().strip(),
            self.service_id.text().strip() or None,
        )
        ep = Endpoints(self.store.api_base_url, self.store.auth_base_url)
        return self.gui.engine.authorization_url(
            self.store.platform, ep, creds, redirect, self._state
        )

    def open_link(self) -> None:
        """Show and open the consent link."""
        try:
            url = self.consent_link()
        except Exception as exc:
            set_error(self.error, tr("Could not build the consent link: {error}").format(error=exc))
            return
        self.link.setText(url)
        QDesktopServices.openUrl(QUrl(url))

    def use_pasted(self) -> None:
        """Use a pasted redirected address."""
        try:
            self._submit(parse_redirect(self.paste.text()))
        except ValueError as exc:
            set_error(self.error, tr_message(exc))

    def _on_params(self, params: Any) -> None:
        if isinstance(params, dict) and params.get("code"):
            self._submit(params)
        else:
            set_error(self.error, tr("The platform did not approve."))

    def _submit(self, params: dict[str, str]) -> None:
        set_error(self.error, None)
        self.status.setText(tr("Exchanging the new code…"))
        ask_engine(
            self,
            self.gui.bridge,
            lambda: self.gui.engine.reauthorize(self.store.id, params["code"]),
            self._done,
            self._failed,
        )

    def _done(self, store: StoreDTO) -> None:
        self.result_store = store
        self.status.setText(tr("{store} is authorized again.").format(store=store.name))
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.status.setText("")
        set_error(self.error, tr("Re-authorization failed: {error}").format(error=exc))
