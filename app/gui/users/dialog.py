"""Settings → Team → Users…: add users, change a role, reset a password, deactivate.

Every change is the service's (app/core/services/accounts.py), which checks the signed-in
user's role and keeps the last owner; its one-line refusal is shown here."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core.domain import Role
from app.core.services import accounts
from app.core.services.context import ServiceContext
from app.core.services.errors import ServiceError
from app.gui.formatting import format_datetime
from app.gui.i18n import tr, tr_message
from app.gui.users.controls import role_label
from app.gui.widgets.helpers import named

ROLES = (Role.OWNER, Role.ADMIN, Role.STAFF, Role.VIEWER)


class UserForm(QDialog):
    """A new user (name, role, password) or a new password for one."""

    def __init__(self, parent: QWidget, *, username: str | None = None) -> None:
        super().__init__(parent)
        new = username is None
        self.setWindowTitle(tr("Add user") if new else tr("Reset password"))
        form = QFormLayout()
        self.username = named(QLineEdit(username or ""), tr("User name"))
        self.username.setReadOnly(not new)
        form.addRow(tr("User name"), self.username)
        self.role = named(QComboBox(), tr("Role"))
        for r in ROLES:
            self.role.addItem(role_label(r.value), r.value)
        self.role.setCurrentIndex(ROLES.index(Role.STAFF))
        if new:
            form.addRow(tr("Role"), self.role)
        self.password = named(QLineEdit(), tr("Password"))
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(tr("Password"), self.password)
        self.error = QLabel("")
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(self.error)
        lay.addWidget(buttons)


class UsersDialog(QDialog):
    """The workspace's users, with the actions a user manager has."""

    def __init__(self, ctx: ServiceContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(tr("Users"))
        self.resize(640, 360)
        self.table = named(QTableWidget(0, 5), tr("Users"))
        self.table.setHorizontalHeaderLabels(
            [tr("User name"), tr("Role"), tr("State"), tr("Password"), tr("Last sign-in")]
        )
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.add_button = named(QPushButton(tr("Add user…")), tr("Add user"))
        self.role_box = named(QComboBox(), tr("Role"))
        for r in ROLES:
            self.role_box.addItem(role_label(r.value), r.value)
        self.role_button = named(QPushButton(tr("Change role")), tr("Change role"))
        self.password_button = named(QPushButton(tr("Reset password…")), tr("Reset password"))
        self.active_button = named(QPushButton(tr("Deactivate")), tr("Deactivate or reactivate"))
        self.error = QLabel("")
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)
        self.add_button.clicked.connect(self.ask_add)
        self.role_button.clicked.connect(lambda: self.change_role(self.role_box.currentData()))
        self.password_button.clicked.connect(self.ask_password)
        self.active_button.clicked.connect(self.toggle_active)
        self.table.itemSelectionChanged.connect(self._selected)
        row = QHBoxLayout()
        for w in (self.add_button, self.role_box, self.role_button, self.password_button,
                  self.active_button):  # fmt: skip
            row.addWidget(w)
        row.addStretch(1)
        lay = QVBoxLayout(self)
        lay.addWidget(self.table, 1)
        lay.addLayout(row)
        lay.addWidget(self.error)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        lay.addWidget(close)
        self.rows: list[accounts.UserRow] = []
        self.reload()

    def reload(self) -> None:
        """Read the users again."""
        self.rows = accounts.list_users(self.ctx)
        self.table.setRowCount(len(self.rows))
        for i, u in enumerate(self.rows):
            cells = (
                u.username,
                role_label(u.role.value),
                tr("active") if u.active else tr("deactivated"),
                tr("set") if u.has_password else "-",
                format_datetime(u.last_sign_in_at) if u.last_sign_in_at else "-",
            )
            for j, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, u.username)
                self.table.setItem(i, j, item)
        self._selected()

    def selected(self) -> accounts.UserRow | None:
        """The selected user."""
        rows = self.table.selectionModel().selectedRows()
        return self.rows[rows[0].row()] if rows else None

    def select(self, username: str) -> None:
        """Select a user by name (tests, and after adding)."""
        for i, u in enumerate(self.rows):
            if u.username == username:
                self.table.selectRow(i)

    def _selected(self) -> None:
        u = self.selected()
        for b in (self.role_button, self.password_button, self.active_button):
            b.setEnabled(u is not None)
        if u is not None:
            self.active_button.setText(tr("Deactivate") if u.active else tr("Reactivate"))
            self.role_box.setCurrentIndex(max(0, self.role_box.findData(u.role.value)))

    def _do(self, change) -> bool:
        try:
            change()
        except ServiceError as exc:
            self.error.setText(tr_message(exc))
            return False
        self.error.setText("")
        current = self.selected()
        self.reload()
        if current is not None:
            self.select(current.username)
        return True

    # ---- actions (each also callable with values, for tests)

    def add(self, username: str, password: str, role: str) -> bool:
        """Add a user through the service."""
        ok = self._do(lambda: accounts.add_user(self.ctx, username, password, role))
        if ok:
            self.select(username.strip().lower())
        return ok

    def change_role(self, role: str) -> bool:
        u = self.selected()
        return u is not None and self._do(lambda: accounts.set_role(self.ctx, u.username, role))

    def reset_password(self, password: str) -> bool:
        u = self.selected()
        return u is not None and self._do(
            lambda: accounts.set_password(self.ctx, u.username, password)
        )

    def toggle_active(self) -> bool:
        u = self.selected()
        return u is not None and self._do(
            lambda: accounts.set_active(self.ctx, u.username, not u.active)
        )

    def ask_add(self) -> None:
        form = UserForm(self)
        while form.exec() == QDialog.DialogCode.Accepted:
            if self.add(form.username.text(), form.password.text(), form.role.currentData()):
                return
            form.error.setText(self.error.text())

    def ask_password(self) -> None:
        u = self.selected()
        if u is None:
            return
        form = UserForm(self, username=u.username)
        while form.exec() == QDialog.DialogCode.Accepted:
            if self.reset_password(form.password.text()):
                return
            form.error.setText(self.error.text())
