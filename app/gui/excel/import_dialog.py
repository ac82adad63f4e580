"""Import products or stock counts from Excel: template, check, report, import."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.core.export.importer import (
    ImportInvalid,
    ImportKind,
    ImportReport,
    ImportResult,
    Problem,
    import_file,
    validate_file,
    write_report,
    write_template,
)
from app.core.export.products_sheet import export_products
from app.core.services.context import ServiceContext
from app.gui.excel.worker import Task
from app.gui.i18n import tr, tr_message


def _kind_labels() -> dict[ImportKind, str]:
    """The imports on offer, titled in the interface language."""
    return {ImportKind.PRODUCTS: tr("Products with variants"), ImportKind.STOCK: tr("Stock counts")}


_Index = QModelIndex | QPersistentModelIndex


class ProblemsModel(QAbstractTableModel):
    """The validation report as a table: row, column, problem.

    A model rather than a QTableWidget: a file can have tens of thousands of problems, and
    item widgets cost an object per cell.
    """

    HEADERS = ("Row", "Column", "Problem")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._problems: tuple[Problem, ...] = ()
        self._headers = (tr("Row"), tr("Column"), tr("Problem"))  # HEADERS, as shown

    def set_problems(self, problems: tuple[Problem, ...]) -> None:
        """Show these problems."""
        self.beginResetModel()
        self._problems = problems
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt API
        return 0 if parent.isValid() else len(self._problems)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt API
        return 0 if parent.isValid() else len(self.HEADERS)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._problems):
            return None
        p = self._problems[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return (str(p.row), p.column, tr_message(p.message))[index.column()]
        if role == Qt.ItemDataRole.UserRole:
            return p.row
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._headers[section] if 0 <= section < len(self._headers) else None
        return None


class _Relay(QObject):
    """Carries the importer's ``progress(done, total)`` from the worker thread to the
    dialog: a signal emitted on another thread is queued to the receiver's thread."""

    moved: Signal = Signal(int, int)


class ImportDialog(QDialog):
    """The Import command of the GUI. Import stays disabled until the file checks clean.

    Signals:
        checked: the :class:`ImportReport` of a check.
        template_saved: the path of a template written.
        imported: the :class:`ImportResult` of a completed import.
        failed: an error message (unreadable file, database error).
    """

    checked: Signal = Signal(object)
    imported: Signal = Signal(object)
    failed: Signal = Signal(str)
    template_saved: Signal = Signal(object)

    def __init__(self, ctx: ServiceContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Import from Excel"))
        self.resize(640, 480)
        self._ctx = ctx
        self._task: Task | None = None
        self.report: ImportReport | None = None
        self._build()

    def _build(self) -> None:
        self.kind_combo = QComboBox()
        for kind, label in _kind_labels().items():
            self.kind_combo.addItem(label, kind)
        self.kind_combo.currentIndexChanged.connect(self._invalidate)
        self.template_button = QPushButton(tr("Download template…"))
        self.template_button.clicked.connect(self._save_template)
        kind_row = QHBoxLayout()
        kind_row.addWidget(self.kind_combo, 1)
        kind_row.addWidget(self.template_button)
        self.prefill = QCheckBox(tr("Fill in the catalog"))
        self.prefill.setChecked(True)
        self.prefill.setToolTip(
            tr(
                "Stock: every SKU with today's count, for a stock take. Products: the whole "
                "catalog with each bundle's components, to edit and import again."
            )
        )
        kind_row.addWidget(self.prefill)
        self.path_edit = QLineEdit()
        self.path_edit.setPlaceholderText(tr("Choose the filled-in .xlsx file"))
        self.path_edit.textChanged.connect(self._invalidate)
        browse = QPushButton(tr("Browse…"))
        browse.clicked.connect(self._browse)
        file_row = QHBoxLayout()
        file_row.addWidget(self.path_edit, 1)
        file_row.addWidget(browse)
        form = QFormLayout()
        form.addRow(tr("Import"), kind_row)
        form.addRow(tr("File"), file_row)

        self.problems = ProblemsModel(self)
        self.table = QTableView()
        self.table.setModel(self.problems)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.status_label = QLabel(tr("Choose a file, then Check it."))
        self.status_label.setWordWrap(True)
        self.progress_bar = QProgressBar()  # shown while a check or an import runs
        self.progress_bar.setRange(0, 100)
        self.progress_bar.setVisible(False)
        self._relay = _Relay(self)
        self._relay.moved.connect(self._on_progress)

        self.check_button = QPushButton(tr("Check file"))
        self.report_button = QPushButton(tr("Save marked copy…"))
        self.import_button = QPushButton(tr("Import"))
        self.close_button = QPushButton(tr("Close"))
        self.check_button.clicked.connect(self.check_file)
        self.report_button.clicked.connect(self._save_report)
        self.import_button.clicked.connect(self.start_import)
        self.close_button.clicked.connect(self.reject)
        self.import_button.setEnabled(False)
        self.report_button.setEnabled(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.check_button)
        buttons.addWidget(self.report_button)
        buttons.addStretch(1)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status_label)
        layout.addWidget(self.progress_bar)
        layout.addLayout(buttons)

    # ---------------------------------------------------------------- helpers

    def kind(self) -> ImportKind:
        """The chosen import (Qt hands a str enum back as a plain str)."""
        return ImportKind(self.kind_combo.currentData())

    def path(self) -> Path | None:
        """The chosen file, if any."""
        text = self.path_edit.text().strip()
        return Path(text) if text else None

    def _status(self, text: str, *, error: bool = False) -> None:
        self.status_label.setStyleSheet("color: #b00020;" if error else "")
        self.status_label.setText(text)

    @Slot(int, int)
    def _on_progress(self, done: int, total: int) -> None:
        self.progress_bar.setValue(round(100 * done / total) if total else 0)

    def _busy(self, busy: bool) -> None:
        self.progress_bar.setRange(0, 100)
        if busy:
            self.progress_bar.setValue(0)
        self.progress_bar.setVisible(busy)
        for b in (self.check_button, self.template_button, self.close_button):
            b.setEnabled(not busy)
        self.import_button.setEnabled(not busy and self.report is not None and self.report.ok)
        self.report_button.setEnabled(not busy and self.report is not None and not self.report.ok)

    @Slot()
    def _invalidate(self) -> None:
        """A different file or kind: the last check no longer applies."""
        self.report = None
        self.problems.set_problems(())
        self.import_button.setEnabled(False)
        self.report_button.setEnabled(False)

    def reject(self) -> None:
        """Close, but not while a file is being written or read: its thread belongs to
        the dialog."""
        if self._task is not None and self._task.is_running():
            self._status(tr("Wait until the file is finished, then close."))
            return
        super().reject()

    def _run(self, fn, on_done) -> None:
        self._busy(True)
        self._task = Task(fn, self)
        self._task.done.connect(on_done)
        self._task.failed.connect(self._on_failed)
        self._task.start()

    # ---------------------------------------------------------------- actions

    def _browse(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, tr("Open"), "", tr("Excel workbook (*.xlsx)"))
        if name:
            self.path_edit.setText(name)

    def _save_template(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self,
            tr("Save template"),
            f"storesync-{self.kind().value}-template.xlsx",
            "*.xlsx",
        )
        if name:
            self.save_template(Path(name))

    def save_template(self, path: Path) -> Path:
        """Write the chosen kind's template to ``path`` on a worker thread (a pre-filled
        stock template lists every SKU and location: hundreds of thousands of rows would
        freeze the dialog); the bar turns while it is written, ``template_saved`` follows.
        Returns ``path``."""
        ctx, kind, prefill = self._ctx, self.kind(), self.prefill.isChecked()
        self._status(tr("Writing the template…"))
        if kind is ImportKind.PRODUCTS and prefill:  # the product export (bundles included)
            self._run(lambda: export_products(ctx, path) and path, self._on_template)
        else:
            self._run(lambda: write_template(kind, path, ctx, prefill=prefill), self._on_template)
        self.progress_bar.setRange(0, 0)  # a busy bar: the writer reports no progress
        return path

    @Slot(object)
    def _on_template(self, path: Path) -> None:
        self._task = None
        self._busy(False)
        self._status(tr("Template saved to {path}").format(path=path))
        self.template_saved.emit(path)

    @Slot()
    def check_file(self) -> None:
        """Validate the file on a worker thread and list every problem."""
        path = self.path()
        if path is None:
            self._status(tr("Choose a file first."), error=True)
            return
        self._invalidate()
        self._status(tr("Checking…"))
        ctx, kind = self._ctx, self.kind()
        moved = self._relay.moved.emit
        self._run(lambda: validate_file(ctx, kind, path, moved), self._on_checked)

    @Slot(object)
    def _on_checked(self, report: ImportReport) -> None:
        self._task = None
        self._show_report(report)
        self._busy(False)
        self.checked.emit(report)

    def _show_report(self, report: ImportReport) -> None:
        self.report = report
        self.problems.set_problems(report.problems)
        if report.ok:
            self._status(
                tr("{rows} rows checked: no problems. Ready to import.").format(rows=report.rows)
            )
        else:
            self._status(
                tr(
                    "{problems} problem(s) in {rows} rows. Fix them and check again; "
                    "nothing is imported until the whole file is valid."
                ).format(problems=len(report.problems), rows=report.rows),
                error=True,
            )

    def _save_report(self) -> None:
        path = self.path()
        if path is None or self.report is None:
            return
        name, _ = QFileDialog.getSaveFileName(
            self,
            tr("Save marked copy"),
            str(path.with_name(path.stem + "-problems.xlsx")),
            "*.xlsx",
        )
        if name:
            self.save_report(Path(name))

    def save_report(self, out: Path) -> Path:
        """Write the copy of the file with its problem cells marked."""
        path = self.path()
        assert path is not None and self.report is not None
        write_report(path, self.report, out)
        self._status(tr("Marked copy saved to {path}").format(path=out))
        return out

    @Slot()
    def start_import(self) -> None:
        """Import the checked file in one transaction (it is checked again inside)."""
        path = self.path()
        if path is None or self.report is None or not self.report.ok:
            return
        self._status(tr("Importing…"))
        ctx, kind = self._ctx, self.kind()
        moved = self._relay.moved.emit
        self._run(lambda: import_file(ctx, kind, path, moved), self._on_imported)

    @Slot(object)
    def _on_imported(self, result: ImportResult) -> None:
        self._task = None
        self.report = None  # imported: importing again would duplicate
        self._busy(False)
        self._status(
            tr(
                "Imported {rows} rows: {products} products, {variants} variants, "
                "{stock} stock changes."
            ).format(
                rows=result.report.rows,
                products=result.products_created,
                variants=result.variants_created,
                stock=result.stock_rows,
            )
        )
        self.imported.emit(result)

    @Slot(object)
    def _on_failed(self, exc: BaseException) -> None:
        self._task = None
        if isinstance(exc, ImportInvalid):  # the catalog changed since the check
            self._show_report(exc.report)
        else:
            self.report = None
            self._status(tr("Failed: {error}").format(error=exc), error=True)
        self._busy(False)
        self.failed.emit(tr_message(exc))
