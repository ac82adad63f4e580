"""The sign-in dialog shown at start-up once accounts are on (a second user exists).

Without accounts the single owner is signed in silently. The check is the service's
(``accounts.sign_in``); a wrong name or password shows its one line and the dialog stays.
"""

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

from app import APP_NAME
from app.core.services import accounts
from app.core.services.context import ServiceContext
from app.core.services.errors import ServiceError
from app.gui.i18n import tr, tr_message
from app.gui.widgets.helpers import named


class SignInDialog(QDialog):
    """User name and password; ``signed_in`` holds the context once they match."""

    def __init__(self, ctx: ServiceContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.signed_in: ServiceContext | None = None
        self.setWindowTitle(tr("Sign in to {app}").format(app=APP_NAME))
        self.username = named(QLineEdit(), tr("User name"))
        self.password = named(QLineEdit(), tr("Password"))
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = QLabel("")
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)
        self.error.setVisible(False)
        form = QFormLayout()
        form.addRow(tr("User name"), self.username)
        form.addRow(tr("Password"), self.password)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("Sign in"))
        self.buttons.accepted.connect(self.try_sign_in)
        self.buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(QLabel(tr("Several people use this shop: who is working?")))
        lay.addLayout(form)
        lay.addWidget(self.error)
        lay.addWidget(self.buttons)
        self.username.setFocus()

    def try_sign_in(self) -> bool:
        """Check the fields through the service; accept on a match."""
        try:
            self.signed_in = accounts.sign_in(self._ctx, self.username.text(), self.password.text())
        except ServiceError as exc:
            self.error.setText(tr_message(exc))
            self.error.setVisible(True)
            self.password.clear()
            self.password.setFocus()
            return False
        self.accept()
        return True


def sign_in_at_start(ctx: ServiceContext) -> ServiceContext | None:
    """Who works in this window: the silent owner without accounts, else whoever signs in
    (None when the dialog was cancelled: the app does not open)."""
    if not accounts.accounts_on(ctx):
        return accounts.silent_owner(ctx)
    dialog = SignInDialog(ctx)
    dialog.exec()
    return dialog.signed_in
