"""Settings -> Backups: "Back up now", "Restore from backup…", a progress bar, the newest
backup, and how many are kept.

The copy runs on the background runner (``create_backup``/``restore_backup`` report pages
through a callback, relayed to the GUI thread by a queued signal). Restore stops this
window's own sync engine first, because restore refuses while any engine holds the data
folder (docs/ARCHITECTURE.md, "Sync, platforms, data safety"); another StoreSync window or
``storesync sync`` is named, not stopped. Results and refusals show in the panel itself.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core import engine_lock
from app.core.workspace import (
    RestoreResult,
    as_problem,
    back_up_now,
    backups_of,
    restore_into,
)
from app.gui.context import GuiContext
from app.gui.formatting import format_datetime
from app.gui.i18n import tr, tr_message
from app.gui.widgets.helpers import named

log = logging.getLogger(__name__)


class ProgressRelay(QObject):
    """``report(done, total)`` may be called from any thread; ``progressed`` arrives on
    the thread that owns the relay (queued across threads)."""

    progressed = Signal(int, int)

    def report(self, done: int, total: int) -> None:
        self.progressed.emit(done, total)


def problem_text(exc: BaseException) -> str:
    """What to tell the seller about a failed backup or restore (one line)."""
    problem = as_problem(exc)
    if problem is not None:
        return " ".join(tr_message(problem).split())
    if isinstance(exc, FileNotFoundError):
        return tr("The file {path} does not exist.").format(path=exc.filename or exc)
    return tr_message(exc) or type(exc).__name__


class BackupPanel(QGroupBox):
    """The Backups group of the Settings page.

    Signals:
        restored(object): a backup replaced the data (a RestoreResult); every page reloads.
        busy_changed(bool): a copy started or ended.
    """

    restored = Signal(object)
    busy_changed = Signal(bool)

    def __init__(self, gui: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(tr("Backups"), parent)
        self.gui = gui
        self.busy = False
        self.form = QFormLayout()  # the Settings page adds "Backups to keep" here
        self.newest = QLabel("")
        self.newest.setWordWrap(True)
        self.backup_button = named(QPushButton(tr("Back up now")), tr("Back up now"))
        self.backup_button.clicked.connect(self.back_up)
        self.restore_button = named(
            QPushButton(tr("Restore from backup…")), tr("Restore from backup…")
        )
        self.restore_button.clicked.connect(self.ask_restore)
        self.progress = named(QProgressBar(), tr("Backup progress"))
        self.progress.setVisible(False)
        self.result = QLabel("")
        self.result.setWordWrap(True)
        self.result.setObjectName("hint")
        self._relay = ProgressRelay(self)
        self._relay.progressed.connect(self._progressed)

        buttons = QHBoxLayout()
        buttons.addWidget(self.backup_button)
        buttons.addWidget(self.restore_button)
        buttons.addStretch(1)
        lay = QVBoxLayout(self)
        lay.addWidget(self.newest)
        lay.addLayout(self.form)
        lay.addLayout(buttons)
        lay.addWidget(self.progress)
        lay.addWidget(self.result)
        if gui.paths is None:  # an in-memory workspace has no file to copy
            self.backup_button.setEnabled(False)
            self.restore_button.setEnabled(False)
        self.refresh()

    # ------------------------------------------------------------------ state
    def refresh(self) -> None:
        """Say when the newest backup was made and where they are kept."""
        paths = self.gui.paths
        if paths is None:
            self.newest.setText(tr("Backups need a data folder."))
            return
        found = backups_of(paths)
        if not found:
            text = tr("No backup yet. One is made each day while StoreSync runs, in {folder}.")
            self.newest.setText(text.format(folder=paths.backups_dir))
            return
        made = format_datetime(datetime.fromtimestamp(found[0].stat().st_mtime, UTC))
        text = tr("Newest backup: {time} ({n} kept in {folder}).")
        self.newest.setText(text.format(time=made, n=len(found), folder=paths.backups_dir))

    def _set_busy(self, busy: bool, text: str = "") -> None:
        self.busy = busy
        self.backup_button.setEnabled(not busy)
        self.restore_button.setEnabled(not busy)
        self.progress.setVisible(busy)
        if busy:
            self.progress.setRange(0, 0)  # until the first page count arrives
            self._say(text)
        self.busy_changed.emit(busy)

    def _say(self, text: str, *, error: bool = False) -> None:
        self.result.setObjectName("fieldError" if error else "hint")
        self.result.style().unpolish(self.result)
        self.result.style().polish(self.result)
        self.result.setText(text)

    @Slot(int, int)
    def _progressed(self, done: int, total: int) -> None:
        if total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(done)

    # ------------------------------------------------------------------ back up
    def back_up(self) -> bool:
        """Copy the database into the backups folder, off the GUI thread."""
        paths = self.gui.paths
        if paths is None or self.busy:
            return False
        self._set_busy(True, tr("Backing up…"))
        ctx, report = self.gui.ctx, self._relay.report
        self.gui.runner.run(
            lambda: back_up_now(ctx, paths, report),
            self._backed_up,
            self._backup_failed,
            owner=self,
        )
        return True

    def _backed_up(self, made: Path) -> None:
        self._set_busy(False)
        self.refresh()
        self._say(tr("Backed up to {path}.").format(path=made))

    def _backup_failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        log.warning("backup failed: %s", exc)
        self._say(tr("The backup failed: {reason}").format(reason=problem_text(exc)), error=True)

    # ------------------------------------------------------------------ restore
    def ask_restore(self) -> None:
        """Choose a backup file, confirm, restore."""
        paths = self.gui.paths
        if paths is None or self.busy:
            return
        start = paths.backups_dir if paths.backups_dir.is_dir() else paths.data_dir
        chosen, _ = QFileDialog.getOpenFileName(
            self,
            tr("Restore from backup"),
            str(start),
            tr("StoreSync backups (*.db);;All files (*)"),
        )
        if not chosen:
            return
        answer = QMessageBox.question(
            self,
            tr("Restore from backup"),
            tr(
                "Replace the data in StoreSync with the backup {name}? Changes made since "
                "that backup are replaced; the current data is kept beside it."
            ).format(name=Path(chosen).name),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.restore_from(Path(chosen))

    def restore_from(self, source: Path) -> bool:
        """Stop this window's engine, put ``source`` in place (checked first), start the
        engine again. Returns False when refused before anything started."""
        paths = self.gui.paths
        if paths is None or self.busy:
            return False
        if source.resolve() == paths.database.resolve():
            self._say(
                tr("That is the database StoreSync is using: choose a backup file."), error=True
            )
            return False
        if engine_lock.held_by_other(paths.data_dir):
            self._say(
                tr(
                    "Another StoreSync is syncing this data folder (another StoreSync window "
                    "or `storesync sync`). Close it, then restore again."
                ),
                error=True,
            )
            return False
        self._set_busy(True, tr("Restoring {name}…").format(name=source.name))
        try:
            self.gui.engine.stop()  # restore refuses while our own engine holds the folder
        except Exception:
            log.exception("stopping the sync engine before a restore failed")
        ctx, report = self.gui.ctx, self._relay.report
        self.gui.runner.run(
            lambda: restore_into(ctx, paths, source, report),
            self._restored,
            self._restore_failed,
            owner=self,
        )
        return True

    def _start_engine(self) -> None:
        try:
            self.gui.engine.start()
        except Exception as exc:
            log.warning("the sync engine did not start again after a restore: %s", exc)
            self._say(
                tr("Syncing is off: the engine did not start ({error}).").format(error=exc),
                error=True,
            )

    def _restored(self, result: RestoreResult) -> None:
        self._set_busy(False)
        self.refresh()
        text = tr("Restored {name}.").format(name=result.restored_from.name)
        if result.replaced is not None:
            text += " " + tr("The data it replaced is kept at {path}.").format(path=result.replaced)
        self._say(text)
        self._start_engine()
        self.restored.emit(result)

    def _restore_failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        log.warning("restore failed: %s", exc)
        self._say(tr("Nothing was restored: {reason}").format(reason=problem_text(exc)), error=True)
        self._start_engine()
