"""Settings → Team: sign-in state, Users… and Audit log…, each shown to the roles that
may use it (app/core/services/permissions.py)."""

from __future__ import annotations

from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.core.services.accounts import accounts_on
from app.core.services.permissions import Permission, allowed
from app.gui.context import GuiContext
from app.gui.i18n import tr
from app.gui.users.controls import role_label
from app.gui.widgets.helpers import named


class TeamBox(QGroupBox):
    """Who is signed in, and the team's dialogs."""

    def __init__(self, gui: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(tr("Team"), parent)
        self.gui = gui
        ctx = gui.ctx
        self.state = QLabel("")
        self.state.setWordWrap(True)
        self.users_button = named(QPushButton(tr("Users…")), tr("Users"))
        self.audit_button = named(QPushButton(tr("Audit log…")), tr("Audit log"))
        self.users_button.clicked.connect(self.open_users)
        self.audit_button.clicked.connect(self.open_audit)
        self.users_button.setVisible(allowed(ctx.role, Permission.MANAGE_USERS))
        self.audit_button.setVisible(allowed(ctx.role, Permission.VIEW_AUDIT))
        row = QHBoxLayout()
        row.addWidget(self.users_button)
        row.addWidget(self.audit_button)
        row.addStretch(1)
        lay = QVBoxLayout(self)
        lay.addWidget(self.state)
        lay.addLayout(row)
        self.refresh()

    def refresh(self) -> None:
        """Say whether sign-in is on and who works here."""
        ctx = self.gui.ctx
        if accounts_on(ctx):
            text = tr("Sign-in is on. Signed in as {user} ({role}).").format(
                user=ctx.actor, role=role_label(ctx.role)
            )
        else:
            text = tr(
                "One owner, no sign-in. Adding a user turns sign-in on: give the owner a "
                "password first (Users… → Reset password)."
            )
        self.state.setText(text)

    def open_users(self) -> None:
        from app.gui.users.dialog import UsersDialog

        UsersDialog(self.gui.ctx, self).exec()
        self.refresh()

    def open_audit(self) -> None:
        from app.gui.audit.dialog import AuditDialog

        AuditDialog(self.gui.ctx, self).exec()
