"""Settings -> Team database: the URL of a shared PostgreSQL database (no password in it),
the password (kept in the keychain), Test connection, Use this database / Use the local
file, and Copy this workspace there (docs/ARCHITECTURE.md, "Team database").

Connecting and copying run on the background runner; refusals (unreachable, wrong
password, not empty) come back as the core's one-line messages, shown in the panel. The
choice takes effect when StoreSync is next started.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core.secrets import SecretStore
from app.core.workspace import (
    CopyReport,
    as_problem,
    check_team_database,
    copy_workspace_to,
    database_in_use,
    saved_team_database,
    use_team_database,
)
from app.gui.context import GuiContext
from app.gui.i18n import tr, tr_message
from app.gui.widgets.helpers import named

log = logging.getLogger(__name__)
PLACEHOLDER = "postgresql+psycopg://USER@HOST:5432/DATABASE"


def _reason(exc: BaseException) -> str:
    problem = as_problem(exc)
    return " ".join(tr_message(problem if problem is not None else exc).split())


class _Relay(QObject):
    """Copy progress from the worker thread to the panel (queued)."""

    progressed = Signal(str, int, int)

    def report(self, group: str, done: int, total: int) -> None:
        self.progressed.emit(group, done, total)


class TeamDatabasePanel(QGroupBox):
    """The Team database group of the Settings page."""

    def __init__(self, gui: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(tr("Team database"), parent)
        self.gui = gui
        self.busy = False
        self.in_use = QLabel("")
        self.in_use.setWordWrap(True)
        self.url = named(QLineEdit(), tr("Team database URL"))
        self.url.setPlaceholderText(PLACEHOLDER)
        self.password = named(QLineEdit(), tr("Team database password"))
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(tr("kept in the keychain"))
        form = QFormLayout()
        form.addRow(tr("URL"), self.url)
        form.addRow(tr("Password"), self.password)
        self.test_button = named(QPushButton(tr("Test connection")), tr("Test connection"))
        self.use_button = named(QPushButton(tr("Use this database")), tr("Use this database"))
        self.local_button = named(QPushButton(tr("Use the local file")), tr("Use the local file"))
        self.copy_button = named(
            QPushButton(tr("Copy this workspace there…")), tr("Copy this workspace there…")
        )
        self.test_button.clicked.connect(self.test_connection)
        self.use_button.clicked.connect(self.use)
        self.local_button.clicked.connect(self.use_local)
        self.copy_button.clicked.connect(self.ask_copy)
        self.result = QLabel("")
        self.result.setWordWrap(True)
        self.result.setObjectName("hint")
        self._relay = _Relay(self)
        self._relay.progressed.connect(self._progressed)
        buttons = QHBoxLayout()
        for b in (self.test_button, self.use_button, self.local_button, self.copy_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        lay = QVBoxLayout(self)
        lay.addWidget(self.in_use)
        lay.addLayout(form)
        lay.addLayout(buttons)
        lay.addWidget(self.result)
        self.refresh()

    # ------------------------------------------------------------------ state
    def _secrets(self) -> SecretStore | None:
        if self.gui.secrets is not None:
            return self.gui.secrets
        if self.gui.paths is None:
            return None
        return SecretStore(self.gui.paths.data_dir / "insecure-secrets.json")

    def refresh(self) -> None:
        """Say which database this window works on, and fill in the saved URL."""
        now = database_in_use(self.gui.ctx)
        if now is None:
            folder = self.gui.paths.data_dir if self.gui.paths is not None else "-"
            text = tr("This window works on the local database file in {folder}.")
            self.in_use.setText(text.format(folder=folder))
        else:
            self.in_use.setText(tr("This window works on the team database {url}.").format(url=now))
        saved = saved_team_database(self.gui.paths) if self.gui.paths is not None else None
        if saved and not self.url.text():
            self.url.setText(saved)
        enabled = self.gui.paths is not None and not self.busy
        for b in (self.test_button, self.use_button, self.local_button, self.copy_button):
            b.setEnabled(enabled)

    def _say(self, text: str, *, error: bool = False) -> None:
        self.result.setObjectName("fieldError" if error else "hint")
        self.result.style().unpolish(self.result)
        self.result.style().polish(self.result)
        self.result.setText(text)

    def _inputs(self) -> tuple[str, str | None] | None:
        url = self.url.text().strip()
        if not url:
            self._say(tr("Enter the team database's URL first."), error=True)
            return None
        return url, (self.password.text() or None)

    def _set_busy(self, busy: bool, text: str = "") -> None:
        self.busy = busy
        self.refresh()
        if text:
            self._say(text)

    # ------------------------------------------------------------------ actions
    def test_connection(self) -> bool:
        got, secrets = self._inputs(), self._secrets()
        if got is None or secrets is None or self.busy:
            return False
        url, password = got
        self._set_busy(True, tr("Connecting…"))
        self.gui.runner.run(
            lambda: check_team_database(url, password, secrets),
            self._tested,
            self._failed,
            owner=self,
        )
        return True

    def _tested(self, version: str) -> None:
        self._set_busy(False)
        self._say(tr("Connected: PostgreSQL {version}.").format(version=version))

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        log.warning("team database: %s", _reason(exc))
        self._say(_reason(exc), error=True)

    def use(self) -> bool:
        """Remember the URL (password to the keychain); takes effect at the next start."""
        got, secrets = self._inputs(), self._secrets()
        if got is None or secrets is None or self.gui.paths is None:
            return False
        try:
            shown = use_team_database(self.gui.paths, got[0], got[1], secrets)
        except Exception as exc:
            self._failed(exc)
            return False
        self.password.clear()
        self._say(tr("StoreSync will open {url} when it is next started.").format(url=shown))
        return True

    def use_local(self) -> bool:
        secrets = self._secrets()
        if self.gui.paths is None or secrets is None:
            return False
        use_team_database(self.gui.paths, None, None, secrets)
        self._say(tr("StoreSync will open the local database file when it is next started."))
        return True

    def ask_copy(self) -> None:
        answer = QMessageBox.question(
            self,
            tr("Copy this workspace there"),
            tr(
                "Copy every product, stock count, order and store of the local database "
                "into the team database? It must be empty; the local file is not changed."
            ),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.copy()

    def copy(self) -> bool:
        """Copy the local workspace into the (empty) team database, off the GUI thread."""
        got, secrets, paths = self._inputs(), self._secrets(), self.gui.paths
        if got is None or secrets is None or paths is None or self.busy:
            return False
        url, password = got
        report = self._relay.report
        self._set_busy(True, tr("Copying…"))
        self.gui.runner.run(
            lambda: copy_workspace_to(paths, url, secrets, password=password, progress=report),
            self._copied,
            self._failed,
            owner=self,
        )
        return True

    @Slot(str, int, int)
    def _progressed(self, group: str, done: int, total: int) -> None:
        if group:
            self._say(tr("Copying… ({done} of {total} table groups)").format(
                done=done + 1, total=total))  # fmt: skip

    def _copied(self, report: CopyReport) -> None:
        self._set_busy(False)
        self._say(
            tr(
                "Copied {rows} rows; row counts and the ledger check out. Choose "
                '"Use this database" to work on it.'
            ).format(rows=report.total)
        )
