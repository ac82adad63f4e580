"""Orders page → "Print airway bills" (Ctrl+P): the selected orders' labels in one PDF.

The work runs in the engine (one DOCUMENTS action per store, app/core/sync/documents_job.py);
this dialog only shows a progress bar (stores done), each order's result, and opens the
merged file with the system viewer (where the seller prints it), with "Save as…" for a
copy. Labels already downloaded come from the cache, so a reprint works offline.
docs/ARCHITECTURE.md, "Fulfilment".
"""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QAction, QColor, QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core.services import labels as svc
from app.core.sync.documents_job import LabelsRequest, OrderLabelResult, request_labels
from app.gui.context import GuiContext
from app.gui.i18n import tr, tr_message
from app.gui.widgets.columns import ERROR, SUCCESS
from app.gui.widgets.helpers import named, show_error

if TYPE_CHECKING:
    from app.core.export.labels_pdf import MergedLabels
    from app.gui.orders.page import OrdersPage


def install(page: OrdersPage) -> None:
    """Add "Print airway bills" (button, context menu, Ctrl+P) to the Orders page."""
    action = QAction(tr("Print airway bills"), page)
    action.setShortcut(QKeySequence(QKeySequence.StandardKey.Print))
    action.setToolTip(tr("Download the selected orders' airway bills into one PDF (Ctrl+P)"))
    action.triggered.connect(lambda: print_selected(page))
    page.add_order_action(action)


def print_selected(page: OrdersPage) -> LabelsDialog | None:
    """Start printing the selected orders; the dialog follows the work."""
    ids = [r.id for r in page.selected_orders()]
    if not ids:
        return None
    dialog = LabelsDialog(page.gui, ids, page)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    dialog.start()
    return dialog


class LabelsDialog(QDialog):
    """Progress, per-order results, and the merged PDF (Open / Save as…)."""

    def __init__(self, gui: GuiContext, order_ids: list[int], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(tr("Airway bills"))
        self.gui = gui
        self.order_ids = order_ids
        self.merged: MergedLabels[OrderLabelResult] | None = None
        self.request: LabelsRequest | None = None
        self.status = QLabel(tr("Preparing {n} orders…").format(n=len(order_ids)))
        self.status.setWordWrap(True)
        self.progress = named(QProgressBar(), tr("Stores done"))
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels([tr("Order"), tr("Store"), tr("Result")])
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.open_button = QPushButton(tr("Open"))
        self.save_button = QPushButton(tr("Save as…"))
        close = QPushButton(tr("Close"))
        for b in (self.open_button, self.save_button):
            b.setEnabled(False)
        self.open_button.clicked.connect(self.open_pdf)
        self.save_button.clicked.connect(self.save_as)
        close.clicked.connect(self.close)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for b in (self.open_button, self.save_button, close):
            buttons.addWidget(b)
        lay = QVBoxLayout(self)
        lay.addWidget(self.status)
        lay.addWidget(self.progress)
        lay.addWidget(self.table, 1)
        lay.addLayout(buttons)
        self.resize(640, 420)

    # ------------------------------------------------------------------ work
    def start(self) -> None:
        """Ask the engine for the labels (never waits on the GUI thread)."""
        if self.gui.paths is None:
            self._failed(RuntimeError(tr("No data folder: cannot keep the labels")))
            return
        targets = svc.label_targets(self.gui.ctx, self.order_ids)
        # pypdf is loaded for the first print, not at every start (tests/perf/bench_imports.py)
        from app.core.export.labels_pdf import merge_results

        cache = svc.LabelCache(self.gui.paths.data_dir)
        out = cache.print_path(datetime.now(UTC))
        try:
            self.request = request_labels(
                self.gui.engine,
                targets,
                cache,
                lambda results: merge_results(results, out),
            )
        except Exception as exc:  # the engine refused (stopped, no engine in this window)
            self._failed(exc)
            return
        self.progress.setRange(0, len(self.request.store_futures))
        self.progress.setValue(0)
        for fut in self.request.store_futures.values():
            self.gui.bridge.watch(fut, self._store_done, self._store_done, owner=self)
        self.gui.bridge.watch(self.request.result, self._done, self._failed, owner=self)

    def _store_done(self, _result: object) -> None:
        self.progress.setValue(self.progress.value() + 1)

    def _done(self, merged: MergedLabels[OrderLabelResult]) -> None:
        self.merged = merged
        self.progress.setValue(self.progress.maximum())
        self.table.setRowCount(len(merged.results))
        for row, r in enumerate(merged.results):
            if r.ok:
                text = tr("{n} label(s)").format(n=len(r.files))
                if r.cached:
                    text = tr("{text}, saved earlier").format(text=text)
            else:
                text = tr_message(r.error)
            cells = (r.target.platform_order_id, r.target.store_name, text)
            for col, value in enumerate(cells):
                item = QTableWidgetItem(value)
                if col == 2:
                    item.setForeground(QColor(SUCCESS if r.ok else ERROR))
                self.table.setItem(row, col, item)
        failed = len(merged.failed)
        if merged.path is None:
            self.status.setText(
                f'<span style="color:{ERROR}">'
                + tr("No airway bill could be printed; see each order below.")
                + "</span>"
            )
            return
        text = tr("{pages} pages for {n} orders.").format(
            pages=merged.pages, n=len(merged.results) - failed
        )
        if failed:
            text += " " + tr("{n} orders did not print; see below.").format(n=failed)
        color = ERROR if failed else SUCCESS
        self.status.setText(f'<span style="color:{color}">{text}</span>')
        self.open_button.setEnabled(True)
        self.save_button.setEnabled(True)
        self.open_pdf()

    def _failed(self, exc: BaseException) -> None:
        self.status.setText(f'<span style="color:{ERROR}">{tr_message(exc)}</span>')
        show_error(self, tr("Airway bills"), exc)

    # ------------------------------------------------------------------ the file
    def open_pdf(self) -> None:
        """Open the merged file with the system's PDF viewer (print from there)."""
        if self.merged is None or self.merged.path is None:
            return
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.merged.path))):
            self.status.setText(
                tr("No PDF viewer opened; use Save as… and open {path} yourself.").format(
                    path=self.merged.path
                )
            )

    def save_as(self) -> None:
        """Copy the merged file where the seller wants it."""
        if self.merged is None or self.merged.path is None:
            return
        name, _ = QFileDialog.getSaveFileName(
            self, tr("Save airway bills"), "airway-bills.pdf", tr("PDF file (*.pdf)")
        )
        if not name:
            return
        target = Path(name if name.lower().endswith(".pdf") else name + ".pdf")
        try:
            shutil.copyfile(self.merged.path, target)
        except OSError as exc:
            show_error(self, tr("Save airway bills"), exc)
            return
        self.status.setText(tr("Saved to {path}").format(path=target))
