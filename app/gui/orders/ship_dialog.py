"""Ship the selected orders: one choice for the batch, one dialog for every result.

The Orders page's "Ship…" action (button, context menu, Ctrl+Shift+S) opens
:class:`ShipDialog` for the selection, across stores. It asks the engine for each order's
shipping options (``ship_job.read_options``: one action per store), offers the choices
where the orders agree (pickup or drop-off, a pickup slot every order offers) and a
tracking-number field for each order going with the seller's own courier, then ships
(``ship_job.ship_orders``) with a progress bar fed by the ship jobs' progress events, and
lists each order's result: shipped with its tracking numbers, failed with the platform's
reason, or needs input. Statuses follow with the order sync the ship job asks for
(docs/ARCHITECTURE.md, "Fulfilment"). Nothing here blocks the GUI thread.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core.domain import JobKind, ShipMethod, ShipOutcome
from app.core.services import audit, shipping
from app.core.sync import ship_job
from app.core.sync.ship_job import BatchChoices, OrderOptions, OrderShipResult, ShipChoice
from app.gui.context import GuiContext
from app.gui.i18n import tr, tr_message
from app.gui.widgets.background import ask_engine

if TYPE_CHECKING:
    from app.gui.orders.page import OrdersPage

SHORTCUT = "Ctrl+Shift+S"


def install(page: OrdersPage) -> None:
    """Add "Ship…" to the Orders page (button, context menu, shortcut)."""
    action = QAction(tr("Ship…"), page)
    action.setShortcut(QKeySequence(SHORTCUT))
    action.setToolTip(tr("Arrange shipment of the selected orders ({key})").format(key=SHORTCUT))
    action.triggered.connect(lambda: open_ship_dialog(page))
    page.add_order_action(action)
    page.ship_action = action  # type: ignore[attr-defined]  # tests and the window find it


def open_ship_dialog(page: OrdersPage) -> ShipDialog | None:
    """Open the dialog for the page's selected orders."""
    ids = [r.id for r in page.selected_orders()]
    if not ids:
        return None
    dialog = ShipDialog(page.gui, ids, page)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    page.ship_dialog = dialog  # type: ignore[attr-defined]
    dialog.show()
    return dialog


class ShipDialog(QDialog):
    """Read options → choose once → ship → results, in one window."""

    def __init__(self, gui: GuiContext, order_ids: list[int], parent: QWidget | None = None):
        super().__init__(parent)
        self.gui = gui
        self.setWindowTitle(tr("Ship orders"))
        self.resize(760, 560)
        self.order_ids = order_ids
        self.found: list[OrderOptions] = []
        self.choices: BatchChoices | None = None
        self.results: list[OrderShipResult] | None = None
        self._progress: dict[int, int] = {}  # ship job id -> orders processed
        self._stores: set[int] = set()
        self._shipping = False

        self.summary = QLabel(tr("Reading the shipping options of {n} orders…").format(
            n=len(order_ids)))  # fmt: skip
        self.summary.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)  # busy until the numbers come

        self.choice_box = QGroupBox(tr("How to ship"))
        form = QFormLayout(self.choice_box)
        self.method_group = QButtonGroup(self)
        self.pickup = QRadioButton(tr("Pickup by the carrier"))
        self.dropoff = QRadioButton(tr("Drop-off at a branch"))
        methods = QHBoxLayout()
        for n, button in enumerate((self.pickup, self.dropoff)):
            self.method_group.addButton(button, n)
            methods.addWidget(button)
        methods.addStretch(1)
        self.pickup.setChecked(True)
        self.method_row = QWidget()
        self.method_row.setLayout(methods)
        form.addRow(tr("Method:"), self.method_row)
        self.slot = QComboBox()
        form.addRow(tr("Pickup time:"), self.slot)
        self.pickup.toggled.connect(self.slot.setEnabled)
        self.tracking_table = QTableWidget(0, 3)
        self.tracking_table.setHorizontalHeaderLabels(
            [tr("Store"), tr("Order"), tr("Tracking number")]
        )
        self.tracking_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.tracking_label = QLabel(
            tr("These orders go with your own courier: type each tracking number.")
        )
        self.tracking_label.setWordWrap(True)
        form.addRow(self.tracking_label)
        form.addRow(self.tracking_table)
        self.choice_box.setVisible(False)

        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(
            [tr("Store"), tr("Order"), tr("Result"), tr("Details")]
        )
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)

        self.buttons = QDialogButtonBox()
        self.ship_button = self.buttons.addButton(
            tr("Ship"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.ship_button.setEnabled(False)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.ship_button.clicked.connect(self.ship)
        self.close_button.clicked.connect(self.close)

        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.progress)
        layout.addWidget(self.choice_box)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.buttons)
        self.gui.bridge.job_progress.connect(self._on_progress)
        self.gui.runner.run(
            lambda: shipping.targets(self.gui.ctx, self.order_ids),
            self._read_options,
            self._failed,
            owner=self,
        )

    # ------------------------------------------------------------------ step 1
    def _read_options(self, targets: list[shipping.ShipTarget]) -> None:
        self._stores = {t.store_id for t in targets}
        ask_engine(
            self,
            self.gui.bridge,
            lambda: ship_job.read_options(self.gui.engine, targets),
            self._show_choices,
            self._failed,
        )

    def _show_choices(self, found: list[OrderOptions]) -> None:
        self.found = found
        choices = self.choices = ship_job.batch_choices(found)
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        parts = [tr("{n} of {total} orders can be shipped.").format(
            n=choices.shippable, total=len(found))]  # fmt: skip
        if choices.problems:
            parts.append(tr("{n} cannot be shipped now (see below).").format(
                n=len(choices.problems)))  # fmt: skip
        self.summary.setText(" ".join(parts))
        both = {ShipMethod.PICKUP, ShipMethod.DROPOFF} <= set(choices.methods)
        self.method_row.setEnabled(both)
        self.slot.clear()
        self.slot.addItem(tr("Earliest slot of each order"), None)
        for s in choices.slots:
            self.slot.addItem(s.start.astimezone().strftime("%a %d %b %H:%M"), s.start)
        self.tracking_table.setRowCount(len(choices.need_tracking))
        for row, oo in enumerate(choices.need_tracking):
            self._cell(self.tracking_table, row, 0, oo.target.store_name)
            self._cell(self.tracking_table, row, 1, oo.target.platform_order_id)
            edit = QLineEdit()
            edit.setPlaceholderText(tr("Tracking number"))
            self.tracking_table.setCellWidget(row, 2, edit)
        has_tracking = bool(choices.need_tracking)
        self.tracking_label.setVisible(has_tracking)
        self.tracking_table.setVisible(has_tracking)
        self.choice_box.setVisible(choices.shippable > 0)
        self._fill(
            [(oo.target, tr("Cannot ship"), tr_message(oo.options.problem))
             for oo in choices.problems]
        )  # fmt: skip
        self.ship_button.setEnabled(choices.shippable > 0)

    # ------------------------------------------------------------------ step 2
    def choice(self) -> ShipChoice:
        """The seller's choice as the ship job takes it."""
        tracking = {}
        if self.choices is not None:
            for row, oo in enumerate(self.choices.need_tracking):
                edit = self.tracking_table.cellWidget(row, 2)
                if isinstance(edit, QLineEdit) and edit.text().strip():
                    tracking[oo.target.platform_order_id] = edit.text().strip()
        method = ShipMethod.DROPOFF if self.dropoff.isChecked() else ShipMethod.PICKUP
        return ShipChoice(method=method, slot_start=self.slot.currentData(), tracking=tracking)

    def ship(self) -> None:
        """Ship every order of the batch with the choice."""
        targets = [oo.target for oo in self.found]
        choice = self.choice()
        self.ship_button.setEnabled(False)
        self.choice_box.setEnabled(False)
        self._shipping = True
        self._progress.clear()
        self.progress.setRange(0, len(targets))
        self.progress.setValue(0)
        self.summary.setText(tr("Shipping {n} orders…").format(n=len(targets)))
        # who asked; the engine's own change is recorded as "sync" (services/audit.py)
        audit.record_request(self.gui.ctx, "order", [t.order_id for t in targets], "ship_requested")
        ask_engine(
            self,
            self.gui.bridge,
            lambda: ship_job.ship_orders(self.gui.engine, targets, choice),
            self._show_results,
            self._failed,
        )

    def _on_progress(self, ev) -> None:
        if not self._shipping or ev.kind != JobKind.SHIP or ev.store_id not in self._stores:
            return
        self._progress[ev.job_id] = ev.processed
        self.progress.setValue(min(self.progress.maximum(), sum(self._progress.values())))

    def _show_results(self, results: list[OrderShipResult]) -> None:
        self._shipping = False
        self.results = results
        self.progress.setValue(self.progress.maximum())
        counts = {o: sum(r.outcome is o for r in results) for o in ShipOutcome}
        self.summary.setText(
            tr("{done} shipped · {failed} failed · {input} need input").format(
                done=counts[ShipOutcome.DONE],
                failed=counts[ShipOutcome.FAILED],
                input=counts[ShipOutcome.NEEDS_INPUT],
            )
        )
        self.choice_box.setVisible(False)
        rows = []
        for r in results:
            if r.outcome is ShipOutcome.DONE:
                numbers = ", ".join(r.tracking_numbers) or tr("tracking number not assigned yet")
                rows.append((r.target, tr("Shipped"), numbers))
            elif r.outcome is ShipOutcome.NEEDS_INPUT:
                rows.append((r.target, tr("Needs input"), tr_message(r.reason)))
            else:
                rows.append((r.target, tr("Failed"), tr_message(r.reason)))
        self.table.setRowCount(0)
        self._fill(rows)

    # ------------------------------------------------------------------ helpers
    def _fill(self, rows) -> None:
        for target, result, details in rows:
            n = self.table.rowCount()
            self.table.insertRow(n)
            for col, text in enumerate(
                (target.store_name, target.platform_order_id, result, details)
            ):
                self._cell(self.table, n, col, text)

    @staticmethod
    def _cell(table: QTableWidget, row: int, col: int, text: str) -> None:
        item = QTableWidgetItem(text)
        item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
        table.setItem(row, col, item)

    def _failed(self, exc: BaseException) -> None:
        self._shipping = False
        self.progress.setRange(0, 1)
        self.summary.setText(tr("Shipping did not start: {reason}").format(reason=tr_message(exc)))
