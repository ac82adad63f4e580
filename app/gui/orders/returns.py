"""Cancel orders and handle returns from the Orders page (docs/ARCHITECTURE.md, "Fulfilment").

"Cancel order…" asks each store in the selection for its cancel reasons, lets the seller
pick one per store, runs the cancellation in the engine (one action per store) and shows
every order's result with a progress bar. "Returns…" lists the returns with their state;
for a received one the seller restocks each line into a location (or writes it off).
Network work goes through the engine (``ask_engine``), never on the GUI thread.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core.domain import JobKind
from app.core.services import audit, locations
from app.core.services import returns as returns_service
from app.core.services.errors import ServiceError
from app.core.sync.cancel_job import CancelResult, cancel_job, reasons_job
from app.core.sync.returns_job import returns_job
from app.gui.formatting import format_datetime, humanize
from app.gui.i18n import N_, tr, tr_message
from app.gui.widgets.background import ask_engine
from app.gui.widgets.helpers import named

if TYPE_CHECKING:
    from app.gui.context import GuiContext
    from app.gui.orders.page import OrdersPage

# labels humanize() finds in the catalog (states it has no hand-written label for)
_LABELS = (
    N_("Requested"),
    N_("Accepted"),
    N_("Shipped back"),
    N_("Received"),
    N_("Refunded"),
    N_("Rejected"),
    N_("Disputed"),
    N_("Written off"),
    N_("Write off"),
    N_("Buyer"),
    N_("Seller"),
    N_("System"),
    N_("Operator"),
)


def install(page: OrdersPage) -> None:
    """Add "Cancel order…" and "Returns…" to the Orders page."""
    cancel = QAction(tr("Cancel order…"), page)
    cancel.setToolTip(tr("Cancel the selected unshipped orders on the marketplace"))
    cancel.setShortcut(QKeySequence("Ctrl+Shift+X"))
    cancel.triggered.connect(lambda: open_cancel_dialog(page))
    page.add_order_action(cancel)
    page.cancel_action = cancel  # type: ignore[attr-defined]  # tests and the menu find it
    rets = QAction(tr("Returns…"), page)
    rets.setToolTip(tr("Returns with their state; restock or write off what came back"))
    rets.setShortcut(QKeySequence("Ctrl+Shift+R"))
    rets.triggered.connect(lambda: open_returns_dialog(page))
    page.add_order_action(rets, needs_selection=False)
    page.returns_action = rets  # type: ignore[attr-defined]


def open_cancel_dialog(page: OrdersPage) -> CancelDialog | None:
    rows = page.selected_orders()
    if not rows:
        return None
    dlg = CancelDialog(page.gui, [(r.id, r.store_id, r.platform_order_id) for r in rows], page)
    dlg.finished.connect(lambda _r: page.reload())
    dlg.open()
    return dlg


def open_returns_dialog(page: OrdersPage) -> ReturnsDialog:
    dlg = ReturnsDialog(page.gui, page)
    dlg.finished.connect(lambda _r: page.reload())
    dlg.open()
    return dlg


# --------------------------------------------------------------------------- cancel


class CancelDialog(QDialog):
    """Pick a reason per store, cancel, and see each order's result."""

    def __init__(
        self, gui: GuiContext, orders: list[tuple[int, int, str]], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.gui = gui
        self.setWindowTitle(tr("Cancel orders"))
        self.by_store: dict[int, list[int]] = {}
        self.numbers = {oid: number for oid, _s, number in orders}
        for oid, sid, _n in orders:
            self.by_store.setdefault(sid, []).append(oid)
        names = {s.id: s.name for s in _stores(gui)}
        lay = QVBoxLayout(self)
        lay.addWidget(
            QLabel(
                tr("Cancel {n} orders on the marketplace. Reserved stock is released once the "
                   "marketplace confirms.").format(n=len(orders))
            )
        )  # fmt: skip
        form = QFormLayout()
        self.reasons: dict[int, QComboBox] = {}
        for sid in self.by_store:
            combo = named(QComboBox(), tr("Cancel reason"))
            combo.addItem(tr("Loading reasons…"), None)
            combo.setEnabled(False)
            self.reasons[sid] = combo
            form.addRow(names.get(sid, str(sid)), combo)
        lay.addLayout(form)
        self.progress = QProgressBar()
        self.progress.setRange(0, len(orders))
        self.progress.setValue(0)
        self.progress.setVisible(False)
        lay.addWidget(self.progress)
        self.results = named(QListWidget(), tr("Results"))
        lay.addWidget(self.results)
        self.buttons = QDialogButtonBox()
        self.ok = self.buttons.addButton(
            tr("Cancel orders"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.ok.setEnabled(False)
        self.ok.clicked.connect(self.start)
        self.close_button.clicked.connect(self.reject)
        lay.addWidget(self.buttons)
        self._waiting = 0
        self._started = False
        self.done_results: list[CancelResult] = []
        for sid in self.by_store:
            self._load_reasons(sid)

    def _load_reasons(self, sid: int) -> None:
        def done(reasons: list[Any]) -> None:
            combo = self.reasons[sid]
            combo.clear()
            for r in reasons:
                combo.addItem(f"{tr_message(r.label)} ({r.code})", r.code)
            combo.setEnabled(True)
            self.ok.setEnabled(all(c.isEnabled() for c in self.reasons.values()))

        def failed(exc: BaseException) -> None:
            self.reasons[sid].setItemText(0, tr("Reasons not available"))
            self.results.addItem(tr("Could not read the reasons: {error}").format(
                error=tr_message(exc)))  # fmt: skip

        ask_engine(
            self,
            self.gui.bridge,
            lambda: self.gui.engine.run_action(sid, JobKind.CANCEL, reasons_job),  # type: ignore[attr-defined]
            done,
            failed,
        )

    def start(self) -> None:
        """Cancel every order, one engine action per store."""
        self.ok.setEnabled(False)
        for combo in self.reasons.values():
            combo.setEnabled(False)
        self.progress.setVisible(True)
        self._started = True
        for sid, oids in self.by_store.items():
            reason = self.reasons[sid].currentData()
            # who asked; the engine's own change is recorded as "sync" (services/audit.py)
            audit.record_request(self.gui.ctx, "order", oids, "cancel_requested", str(reason))
            self._waiting += 1
            ask_engine(
                self,
                self.gui.bridge,
                lambda sid=sid, oids=oids, reason=reason: self.gui.engine.run_action(  # type: ignore[attr-defined]
                    sid, JobKind.CANCEL, cancel_job(oids, reason)
                ),
                self._store_done,
                lambda exc, oids=oids: self._store_failed(oids, exc),
            )

    def _store_done(self, results: list[CancelResult]) -> None:
        for r in results:
            self.done_results.append(r)
            if r.ok:
                text = tr("✓ {number}: {message}").format(
                    number=r.platform_order_id, message=r.message
                )
            else:
                text = tr("✗ {number}: not cancelled: {message}").format(
                    number=r.platform_order_id, message=tr_message(r.message)
                )
            self.results.addItem(text)  # fmt: skip
        self.progress.setValue(self.progress.value() + len(results))
        self._waiting -= 1

    def _store_failed(self, oids: list[int], exc: BaseException) -> None:
        for oid in oids:
            self.results.addItem(
                tr("✗ {number}: not cancelled: {message}").format(
                    number=self.numbers[oid], message=tr_message(exc)
                )
            )
        self.progress.setValue(self.progress.value() + len(oids))
        self._waiting -= 1

    @property
    def finished_all(self) -> bool:
        return self._started and self._waiting == 0


def _stores(gui: GuiContext) -> list[Any]:
    from app.core.services.stores import list_stores

    return list_stores(gui.ctx)


# --------------------------------------------------------------------------- returns

RETURN_COLUMNS = (N_("Store"), N_("Order"), N_("Return"), N_("State"), N_("Items"), N_("Updated"))
LINE_COLUMNS = (N_("SKU"), N_("Item"), N_("Returned"), N_("Restock"), N_("Decision"))


class ReturnsDialog(QDialog):
    """Every return with its state; restock or write off a received one per line."""

    def __init__(self, gui: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.gui = gui
        self.setWindowTitle(tr("Returns"))
        self.resize(900, 560)
        self.rows: list[returns_service.ReturnRow] = []
        lay = QVBoxLayout(self)
        top = QHBoxLayout()
        self.refresh_button = named(
            QPushButton(tr("Read returns from the marketplaces")),
            tr("Read returns now"),
        )
        self.refresh_button.clicked.connect(self.fetch)
        self.status = QLabel("")
        top.addWidget(self.refresh_button)
        top.addWidget(self.status, 1)
        lay.addLayout(top)
        self.table = named(QTableWidget(0, len(RETURN_COLUMNS)), tr("Returns"))
        self.table.setHorizontalHeaderLabels([tr(c) for c in RETURN_COLUMNS])
        _table_setup(self.table)
        self.table.itemSelectionChanged.connect(self._show_lines)
        lay.addWidget(self.table, 2)
        self.lines = named(QTableWidget(0, len(LINE_COLUMNS)), tr("Returned lines"))
        self.lines.setHorizontalHeaderLabels([tr(c) for c in LINE_COLUMNS])
        _table_setup(self.lines)
        lay.addWidget(self.lines, 1)
        act = QHBoxLayout()
        self.location = named(QComboBox(), tr("Restock into"))
        self.location.addItem(tr("Each line's own location"), None)
        for loc in locations.list_locations(gui.ctx):
            self.location.addItem(loc.name, loc.id)
        act.addWidget(QLabel(tr("Restock into")))
        act.addWidget(self.location)
        act.addStretch(1)
        self.restock_button = named(
            QPushButton(tr("Restock")),
            tr("Put the units back on the shelf; a line's other units are written off"),
        )
        self.write_off_button = named(
            QPushButton(tr("Write off")), tr("Nothing goes back on the shelf")
        )
        self.restock_button.clicked.connect(lambda: self.decide(write_off=False))
        self.write_off_button.clicked.connect(lambda: self.decide(write_off=True))
        act.addWidget(self.restock_button)
        act.addWidget(self.write_off_button)
        lay.addLayout(act)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        lay.addWidget(close)
        self._fetching = 0
        self.reload()

    # ------------------------------------------------------------------ data
    def reload(self) -> None:
        keep = self.current()
        self.rows = returns_service.list_returns(self.gui.ctx)
        self.table.setRowCount(len(self.rows))
        for i, r in enumerate(self.rows):
            items = ", ".join(
                f"{ln.variant_sku or ln.platform_sku} ×{ln.quantity}" for ln in r.lines
            )
            state = humanize(r.state.value)
            if not r.goods_returned:
                state = tr("{state} (refund only)").format(state=state)
            for col, text in enumerate(
                (r.store_name, r.platform_order_id, r.platform_return_id, state, items,
                 format_datetime(r.updated_at))
            ):  # fmt: skip
                self.table.setItem(i, col, QTableWidgetItem(text))
        if not self.rows:
            self.status.setText(tr("No returns yet."))
        row = next((i for i, r in enumerate(self.rows) if keep and r.id == keep.id), 0)
        if self.rows:
            self.table.selectRow(row)
        self._show_lines()

    def current(self) -> returns_service.ReturnRow | None:
        row = self.table.currentRow()
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def _show_lines(self) -> None:
        r = self.current()
        lines = r.lines if r else ()
        self.lines.setRowCount(len(lines))
        for i, ln in enumerate(lines):
            self.lines.setItem(i, 0, QTableWidgetItem(ln.variant_sku or ln.platform_sku))
            self.lines.setItem(i, 1, QTableWidgetItem(ln.name))
            self.lines.setItem(i, 2, QTableWidgetItem(str(ln.quantity)))
            spin = QSpinBox()
            spin.setRange(0, ln.quantity)
            spin.setValue(ln.quantity)
            spin.setAccessibleName(tr("Units to restock"))
            spin.setEnabled(bool(r and r.can_restock) and not ln.decided)
            self.lines.setCellWidget(i, 3, spin)
            self.lines.setItem(i, 4, QTableWidgetItem(_decision(r, ln)))
        can = bool(r and r.can_restock)
        self.restock_button.setEnabled(can)
        self.write_off_button.setEnabled(can)

    # ------------------------------------------------------------------ actions
    def decide(self, *, write_off: bool) -> None:
        """Book the seller's decision for the selected return's open lines, once."""
        r = self.current()
        if r is None:
            return
        wanted: dict[str, int] = {}
        for i, ln in enumerate(r.lines):
            spin = self.lines.cellWidget(i, 3)
            if not ln.decided and isinstance(spin, QSpinBox):
                wanted[ln.variant_sku or ln.platform_sku] = spin.value()
        try:
            done = returns_service.restock(
                self.gui.ctx,
                r.order_id,
                lines=wanted,
                location_id=self.location.currentData(),
                write_off=write_off,
            )
        except ServiceError as exc:
            self.status.setText(tr_message(exc))
            return
        restocked = sum(d.restocked for d in done)
        written = sum(d.written_off for d in done)
        self.status.setText(
            tr("{restocked} units restocked, {written} written off").format(
                restocked=restocked, written=written
            )
        )
        self.reload()

    def fetch(self) -> None:
        """Read every store's returns now (engine actions; the list follows)."""
        stores = _stores(self.gui)
        self.refresh_button.setEnabled(False)
        self.status.setText(tr("Reading returns…"))
        self._fetching = len(stores)
        for s in stores:
            ask_engine(
                self,
                self.gui.bridge,
                lambda sid=s.id: self.gui.engine.run_action(sid, JobKind.ORDERS, returns_job),  # type: ignore[attr-defined]
                lambda _stats: self._fetched(None),
                lambda exc, name=s.name: self._fetched(f"{name}: {tr_message(exc)}"),
            )
        if not stores:
            self._fetched(None, count=False)

    def _fetched(self, error: str | None, count: bool = True) -> None:
        if count:
            self._fetching -= 1
        if error:
            self.status.setText(error)
        if self._fetching <= 0:
            self.refresh_button.setEnabled(True)
            if not error:
                self.status.setText(tr("Returns read."))
            self.reload()


def _decision(r: returns_service.ReturnRow | None, ln: returns_service.ReturnLineRow) -> str:
    if ln.decided:
        parts = []
        if ln.restocked:
            parts.append(
                tr("{n} restocked into {location}").format(n=ln.restocked, location=ln.location)
            )
        if ln.written_off:
            parts.append(tr("{n} written off").format(n=ln.written_off))
        return ", ".join(parts)
    if r is not None and r.can_restock:
        return tr("Received: restock or write off")
    return tr("Waiting for the goods")


def _table_setup(table: QTableWidget) -> None:
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
