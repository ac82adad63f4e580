"""Start-up when the database cannot be opened: say what is wrong in plain words and, for a
damaged file, offer the newest good backup (one click; the damaged file is kept beside it,
never overwritten: docs/ARCHITECTURE.md, "Sync, platforms, data safety").
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app import APP_NAME
from app.core.paths import AppPaths
from app.core.workspace import (
    DatabaseCorrupt,
    OpenWorkspace,
    RestoreResult,
    as_problem,
    newest_good_backup_of,
    open_workspace,
    restore_offline,
)
from app.gui.formatting import format_datetime
from app.gui.i18n import tr, tr_message
from app.gui.runner import BackgroundRunner
from app.gui.settings.backups import ProgressRelay, problem_text
from app.gui.widgets.helpers import named

log = logging.getLogger(__name__)


class RecoveryDialog(QDialog):
    """The database is damaged: restore the newest good backup, choose one, or quit.

    Accepted once a backup is in place (the caller opens the folder again).
    """

    def __init__(
        self, paths: AppPaths, problem: DatabaseCorrupt, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("recoveryDialog")
        self.setWindowTitle(tr("StoreSync cannot open your data"))
        self.paths = paths
        self.restored: RestoreResult | None = None
        self.backup = newest_good_backup_of(paths)
        self._runner = BackgroundRunner(max_workers=1, parent=self)
        self._relay = ProgressRelay(self)
        self._relay.progressed.connect(self._progressed)

        what = QLabel(" ".join(tr_message(problem).split()))
        what.setWordWrap(True)
        if self.backup is not None:
            made = format_datetime(datetime.fromtimestamp(self.backup.stat().st_mtime, UTC))
            offer = tr(
                "The newest good backup is {name}, made {time}. Restoring it brings back your "
                "data as it was then; the damaged file is kept beside it."
            ).format(name=self.backup.name, time=made)
        else:
            offer = tr(
                "There is no good backup in {folder}. If you keep one elsewhere, choose it; "
                "the damaged file is kept beside the restored one."
            ).format(folder=paths.backups_dir)
        self.offer = QLabel(offer)
        self.offer.setWordWrap(True)
        self.progress = named(QProgressBar(), tr("Restore progress"))
        self.progress.setVisible(False)
        self.message = QLabel("")
        self.message.setObjectName("fieldError")
        self.message.setWordWrap(True)

        self.restore_button = named(
            QPushButton(tr("Restore the newest backup")), tr("Restore the newest backup")
        )
        self.restore_button.setObjectName("primary")
        self.restore_button.setVisible(self.backup is not None)
        self.restore_button.clicked.connect(lambda: self.restore(self.backup))
        self.choose_button = named(QPushButton(tr("Choose a backup…")), tr("Choose a backup…"))
        self.choose_button.clicked.connect(self.choose)
        self.quit_button = named(QPushButton(tr("Quit")), tr("Quit"))
        self.quit_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.restore_button)
        buttons.addWidget(self.choose_button)
        buttons.addStretch(1)
        buttons.addWidget(self.quit_button)
        lay = QVBoxLayout(self)
        lay.addWidget(what)
        lay.addWidget(self.offer)
        lay.addWidget(self.progress)
        lay.addWidget(self.message)
        lay.addLayout(buttons)
        self.setMinimumWidth(560)
        if self.backup is not None:
            self.restore_button.setDefault(True)

    def choose(self) -> None:
        """Pick a backup file (from the backups folder by default)."""
        start = self.paths.backups_dir if self.paths.backups_dir.is_dir() else self.paths.data_dir
        chosen, _ = QFileDialog.getOpenFileName(
            self,
            tr("Restore from backup"),
            str(start),
            tr("StoreSync backups (*.db);;All files (*)"),
        )
        if chosen:
            self.restore(Path(chosen))

    def restore(self, source: Path | None) -> None:
        """Check ``source`` and put it in place, off the GUI thread."""
        if source is None:
            return
        for b in (self.restore_button, self.choose_button, self.quit_button):
            b.setEnabled(False)
        self.message.setText("")
        self.progress.setRange(0, 0)
        self.progress.setVisible(True)
        paths, report = self.paths, self._relay.report
        self._runner.run(
            lambda: restore_offline(paths, source, report), self._done, self._failed, owner=self
        )

    def _progressed(self, done: int, total: int) -> None:
        if total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(done)

    def _done(self, result: RestoreResult) -> None:
        log.warning(
            "restored %s in place of the damaged database (kept at %s)",
            result.restored_from,
            result.replaced,
        )
        self.restored = result
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        log.warning("restore at start-up failed: %s", exc)
        self.progress.setVisible(False)
        for b in (self.restore_button, self.choose_button, self.quit_button):
            b.setEnabled(True)
        self.message.setText(tr("Nothing was restored: {reason}").format(reason=problem_text(exc)))

    def done(self, r: int) -> None:
        self._runner.shutdown()
        super().done(r)


def open_or_recover(paths: AppPaths) -> OpenWorkspace | None:
    """Open the data folder; when the database is damaged, offer a backup and try again;
    any other problem is said in one plain sentence. None: the app cannot start."""
    while True:
        try:
            return open_workspace(paths)
        except DatabaseCorrupt as exc:
            log.error("the database is damaged: %s", exc.line())
            if RecoveryDialog(paths, exc).exec() != QDialog.DialogCode.Accepted:
                return None
        except Exception as exc:
            problem = as_problem(exc, paths.database)
            if problem is not None:
                log.error("could not open the data folder: %s", problem.line())
                reason = " ".join(tr_message(problem).split())
            else:
                log.exception("could not open the data folder %s", paths.data_dir)
                reason = str(exc)
            QMessageBox.critical(
                None,
                APP_NAME,
                tr("Could not open {folder}:\n{error}").format(folder=paths.data_dir, error=reason),
            )
            return None
