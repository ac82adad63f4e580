"""Choose an export, a range, stores and a file; run it with a progress bar and Cancel."""

from __future__ import annotations

import threading
from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core.export.reports import (
    ExportCancelled,
    ExportKind,
    ExportRequest,
    ExportResult,
    run_export,
)
from app.core.services import stores as stores_service
from app.core.services.analytics.calendar import today
from app.core.services.context import ServiceContext
from app.gui.excel.worker import Task
from app.gui.formatting import format_count, humanize
from app.gui.i18n import tr, tr_message


def _qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def _pydate(q: QDate) -> date:
    return date(q.year(), q.month(), q.day())


def _kind_label(kind: ExportKind) -> str:
    """The title of an export in the interface language (core's label is English)."""
    labels = {
        ExportKind.ORDERS: tr("Orders"),
        ExportKind.ORDER_LINES: tr("Order lines"),
        ExportKind.SALES_SUMMARY: tr("Monthly sales summary"),
        ExportKind.INVENTORY: tr("Inventory valuation at cost"),
        ExportKind.MOVEMENTS: tr("Stock movements"),
    }
    return labels.get(kind, kind.label)


class ExportDialog(QDialog):
    """The Export command of the GUI.

    Signals:
        export_finished: the :class:`ExportResult` of a completed export.
        export_cancelled: the user stopped the export (no file was written).
        export_failed: the error message.
    """

    export_finished: Signal = Signal(object)
    export_cancelled: Signal = Signal()
    export_failed: Signal = Signal(str)
    _progress_seen: Signal = Signal(int, int)  # from the worker thread, queued to ours

    def __init__(self, ctx: ServiceContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Export to Excel"))
        self._ctx = ctx
        self._task: Task | None = None
        self._cancel = threading.Event()
        self._build(today(ctx))
        self._progress_seen.connect(self._on_progress)

    def _build(self, today: date) -> None:
        self.kind_combo = QComboBox()
        for kind in ExportKind:
            self.kind_combo.addItem(_kind_label(kind), kind)
        self.first_edit, self.last_edit = QDateEdit(), QDateEdit()
        # this month to date: on fresh data last month is empty ("Saved 0 rows")
        self.first_edit.setDate(_qdate(today.replace(day=1)))
        self.last_edit.setDate(_qdate(today))
        for edit in (self.first_edit, self.last_edit):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd MMM yyyy")
        self.store_list = QListWidget()
        self.store_list.setMaximumHeight(110)
        for st in stores_service.list_stores(self._ctx):
            item = QListWidgetItem(f"{st.name} ({humanize(st.platform)})")
            item.setData(Qt.ItemDataRole.UserRole, st.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.store_list.addItem(item)
        self.path_edit = QLineEdit()
        self.path_edit.setPlaceholderText(tr("Choose where to save the .xlsx file"))
        browse = QPushButton(tr("Browse…"))
        browse.clicked.connect(self._browse)
        file_row = QHBoxLayout()
        file_row.addWidget(self.path_edit, 1)
        file_row.addWidget(browse)

        form = QFormLayout()
        form.addRow(tr("Export"), self.kind_combo)
        form.addRow(tr("From"), self.first_edit)
        form.addRow(tr("To"), self.last_edit)
        form.addRow(tr("Stores"), self.store_list)
        form.addRow(tr("File"), file_row)

        self.progress = QProgressBar()
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.export_button = QPushButton(tr("Export"))
        self.export_button.setDefault(True)
        self.cancel_button = QPushButton(tr("Cancel"))
        self.close_button = QPushButton(tr("Close"))
        self.export_button.clicked.connect(self.start_export)
        self.cancel_button.clicked.connect(self.cancel_export)
        self.close_button.clicked.connect(self.reject)
        self.cancel_button.setEnabled(False)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for b in (self.export_button, self.cancel_button, self.close_button):
            buttons.addWidget(b)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.status_label)
        layout.addLayout(buttons)

    def _browse(self) -> None:
        kind = self.kind()
        name, _ = QFileDialog.getSaveFileName(
            self,
            tr("Save export"),
            f"storesync-{kind.value}.xlsx",
            tr("Excel workbook (*.xlsx)"),
        )
        if name:
            self.path_edit.setText(name if name.endswith(".xlsx") else name + ".xlsx")

    # ---------------------------------------------------------------- request

    def kind(self) -> ExportKind:
        """The chosen export (Qt hands a str enum back as a plain str)."""
        return ExportKind(self.kind_combo.currentData())

    def request(self) -> ExportRequest:
        """The export the form describes."""
        checked = [
            self.store_list.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.store_list.count())
            if self.store_list.item(i).checkState() == Qt.CheckState.Checked
        ]
        everything = len(checked) == self.store_list.count()
        return ExportRequest(
            self.kind(),
            _pydate(self.first_edit.date()),
            _pydate(self.last_edit.date()),
            None if everything else tuple(checked),
        )

    def is_running(self) -> bool:
        """True while an export runs."""
        return self._task is not None

    @Slot()
    def start_export(self) -> None:
        """Validate the form and start the export on a worker thread."""
        path = self.path_edit.text().strip()
        if not path:
            self._status(tr("Choose a file to save to."), error=True)
            return
        try:
            request = self.request()
        except Exception as exc:  # a bad range: say so, change nothing
            self._status(tr_message(exc), error=True)
            return
        self._cancel.clear()
        self._set_running(True)
        self._status(tr("Exporting…"))
        ctx, cancel = self._ctx, self._cancel

        def progress(done: int, total: int) -> bool:
            self._progress_seen.emit(done, total)
            return not cancel.is_set()

        self._task = Task(lambda: run_export(ctx, request, Path(path), progress), self)
        self._task.done.connect(self._finished)
        self._task.failed.connect(self._failed)
        self._task.start()

    @Slot()
    def cancel_export(self) -> None:
        """Ask the running export to stop; its partial file is removed."""
        if self._task is not None:
            self._cancel.set()
            self._status(tr("Cancelling…"))

    @Slot(int, int)
    def _on_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(min(done, max(total, 1)))

    def _set_running(self, running: bool) -> None:
        self.export_button.setEnabled(not running)
        self.cancel_button.setEnabled(running)
        self.close_button.setEnabled(not running)
        if not running:
            self._task = None

    def _status(self, text: str, *, error: bool = False) -> None:
        self.status_label.setStyleSheet("color: #b00020;" if error else "")
        self.status_label.setText(text)

    @Slot(object)
    def _finished(self, result: ExportResult) -> None:
        self._set_running(False)
        self.progress.setRange(0, 1)
        self.progress.setValue(1)
        self._status(
            tr("Saved {rows} rows to {path}").format(
                rows=format_count(result.rows), path=result.path
            )
        )
        self.export_finished.emit(result)

    @Slot(object)
    def _failed(self, exc: BaseException) -> None:
        self._set_running(False)
        self.progress.setValue(0)
        if isinstance(exc, ExportCancelled):
            self._status(tr("Export cancelled; no file was written."))
            self.export_cancelled.emit()
            return
        self._status(tr("Export failed: {error}").format(error=exc), error=True)
        self.export_failed.emit(tr_message(exc))

    def reject(self) -> None:
        """Closing while an export runs cancels it first."""
        if self._task is not None:
            self.cancel_export()
            return
        super().reject()
