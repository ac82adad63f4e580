"""New keys for a website store whose keys were refused (re-authorizing without a consent
page): the engine checks them with one call and keeps them in the keychain."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.core.domain import AppCredentials, Endpoints, Platform
from app.core.services.stores import StoreDTO
from app.core.sync.api import ConnectRequest
from app.gui.context import GuiContext
from app.gui.i18n import tr, tr_message
from app.gui.stores.connect_wizard import website_help
from app.gui.widgets.background import ask_engine
from app.gui.widgets.helpers import error_label, named, set_error


class WebsiteKeysDialog(QDialog):
    """Enter a website store's keys again; OK checks them before anything is kept."""

    def __init__(self, gui: GuiContext, store: StoreDTO, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("websiteKeysDialog")
        self.setWindowTitle(tr("New keys for {store}").format(store=store.name))
        self.gui, self.store = gui, store
        self.result_store: StoreDTO | None = None
        woo = store.platform == Platform.WOOCOMMERCE
        help_text = QLabel(website_help(store.platform, store.environment))
        help_text.setWordWrap(True)
        from app.gui.stores.reauthorize_dialog import saved_credentials

        saved = saved_credentials(gui, store)
        key = saved.app_id if saved else ""
        self.key = named(QLineEdit(key), tr("Consumer key") if woo else tr("Key name"))
        self.secret = named(QLineEdit(), tr("Consumer secret") if woo else tr("API key"))
        self.secret.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout()
        form.addRow(tr("Shop address"), QLabel(store.api_base_url))
        form.addRow(tr("Consumer key") if woo else tr("Key name"), self.key)
        form.addRow(tr("Consumer secret") if woo else tr("API key"), self.secret)
        self.status = QLabel("")
        self.error = error_label()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(help_text)
        lay.addLayout(form)
        lay.addWidget(self.status)
        lay.addWidget(self.error)
        lay.addWidget(self.buttons)

    def submit(self) -> None:
        """Check the keys with the shop (one call) and keep them."""
        if not self.secret.text().strip():
            set_error(self.error, tr("Enter the secret key"))
            return
        set_error(self.error, None)
        self.status.setText(tr("Checking the keys and reading the shop…"))
        self.buttons.setEnabled(False)
        request = ConnectRequest(
            self.store.platform,
            self.store.environment,
            Endpoints(self.store.api_base_url),
            AppCredentials(self.key.text().strip() or "key", self.secret.text().strip()),
            "",
            self.store.external_shop_id,
            self.store.name,
        )
        ask_engine(
            self,
            self.gui.bridge,
            lambda: self.gui.engine.connect_store(request),
            self._done,
            self._failed,
        )

    def _done(self, stores: list[StoreDTO]) -> None:
        self.result_store = stores[0] if stores else None
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        self.status.setText("")
        set_error(
            self.error, tr("The keys were not accepted: {error}").format(error=tr_message(exc))
        )
