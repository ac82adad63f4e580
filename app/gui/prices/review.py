"""The price review: every listing whose price would change, old → new, per store; the
seller ticks what to push. Nothing is sent by a rule change: only "Push selected" queues
prices (docs/ARCHITECTURE.md, "Prices"). Below, the confirmed prices that have not landed
yet — held ones with the platform's reason (a promotion locks the price) — with Retry
and Dismiss.

The rows come from :mod:`app.core.services.prices`; reached from the Catalog page
("Review prices…") and from a store's settings after its price rule changed.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core.domain import PricePushStatus
from app.core.services import prices
from app.core.services.errors import ServiceError
from app.core.services.prices import PriceChange, WaitingPrice
from app.gui.formatting import format_rupiah
from app.gui.i18n import N_, tr
from app.gui.widgets.helpers import named, show_error

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter

STATE_LABELS = {
    PricePushStatus.PENDING: N_("Waiting to be sent"),
    PricePushStatus.FAILED: N_("Retrying (no answer)"),
    PricePushStatus.HELD: N_("Refused by the platform"),
}


def _table(columns: tuple[str, ...], name: str) -> QTableWidget:
    table = named(QTableWidget(0, len(columns)), tr(name))
    table.setObjectName(name.replace(" ", ""))
    table.setHorizontalHeaderLabels([tr(c) for c in columns])
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.verticalHeader().setVisible(False)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
    return table


def _fill(table: QTableWidget, rows: list[tuple[str, ...]], right: Iterable[int]) -> None:
    table.setRowCount(len(rows))
    right = set(right)
    for r, cells in enumerate(rows):
        for c, text in enumerate(cells):
            item = QTableWidgetItem(text)
            if c in right:
                item.setTextAlignment(RIGHT)
            table.setItem(r, c, item)


class PriceReviewDialog(QDialog):
    """Review price changes (of some stores, or all) and push only the ticked ones."""

    CHANGE_COLUMNS = (N_("Store"), N_("SKU"), N_("Listing"), N_("Now"), N_("New"), N_("Why"))
    WAITING_COLUMNS = (N_("Store"), N_("SKU"), N_("State"), N_("Price"), N_("Reason"))

    def __init__(
        self, ctx, store_ids: Iterable[int] | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("priceReviewDialog")
        self.setWindowTitle(tr("Review prices"))
        self._ctx = ctx
        self._stores = None if store_ids is None else list(store_ids)
        self.changes: list[PriceChange] = []
        self.waiting: list[WaitingPrice] = []
        self.queued = 0
        intro = QLabel(
            tr(
                "These listings' prices would change under their store's price rule or "
                "fixed price. Nothing is sent until you push: untick what should keep its "
                "price."
            )
        )
        intro.setWordWrap(True)
        self.table = _table(self.CHANGE_COLUMNS, N_("Price changes"))
        self.summary = QLabel("")
        self.summary.setObjectName("hint")
        self.waiting_label = QLabel(tr("Confirmed, not landed yet"))
        self.waiting_table = _table(self.WAITING_COLUMNS, N_("Prices not landed"))
        self.waiting_table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.retry_button = named(
            QPushButton(tr("Retry")), tr("Retry"), tr("Send the selected prices again")
        )
        self.dismiss_button = named(
            QPushButton(tr("Dismiss")),
            tr("Dismiss"),
            tr("Drop the selected prices: they are not sent"),
        )
        self.retry_button.clicked.connect(lambda: self._held_action(prices.retry))
        self.dismiss_button.clicked.connect(lambda: self._held_action(prices.dismiss))
        held_bar = QHBoxLayout()
        held_bar.addWidget(self.waiting_label, 1)
        held_bar.addWidget(self.retry_button)
        held_bar.addWidget(self.dismiss_button)

        buttons = QDialogButtonBox()
        self.push_button = named(
            buttons.addButton(tr("Push selected"), QDialogButtonBox.ButtonRole.AcceptRole),
            tr("Push selected"),
            tr("Send the ticked prices to their stores"),
        )
        self.push_button.setObjectName("primary")
        self.push_button.clicked.connect(self.push)
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.clicked.connect(self.reject)
        self.table.itemChanged.connect(lambda _i: self._update_summary())

        lay = QVBoxLayout(self)
        lay.addWidget(intro)
        lay.addWidget(self.table, 3)
        lay.addWidget(self.summary)
        lay.addLayout(held_bar)
        lay.addWidget(self.waiting_table, 1)
        lay.addWidget(buttons)
        self.resize(900, 520)
        self.reload()

    # ------------------------------------------------------------------ rows
    def reload(self) -> None:
        """Read the changes and the waiting prices again (one read each)."""
        self.changes = prices.preview(self._ctx, self._stores)
        self.waiting = prices.waiting(self._ctx, self._stores)
        self.table.blockSignals(True)
        _fill(
            self.table,
            [
                (
                    c.store_name,
                    c.sku,
                    c.title,
                    format_rupiah(c.old),
                    format_rupiah(c.new),
                    self._why(c),
                )
                for c in self.changes
            ],
            (3, 4),
        )
        for r in range(len(self.changes)):
            self.table.item(r, 0).setFlags(
                self.table.item(r, 0).flags() | Qt.ItemFlag.ItemIsUserCheckable
            )
            self.table.item(r, 0).setCheckState(Qt.CheckState.Checked)
        self.table.blockSignals(False)
        _fill(
            self.waiting_table,
            [
                (
                    w.store_name,
                    w.sku,
                    tr(STATE_LABELS[w.status]),
                    f"{format_rupiah(w.old)} → {format_rupiah(w.new)}",
                    w.error,
                )
                for w in self.waiting
            ],
            (),
        )
        has_waiting = bool(self.waiting)
        for widget in (self.waiting_label, self.waiting_table):
            widget.setVisible(has_waiting)
        self.retry_button.setVisible(has_waiting)
        self.dismiss_button.setVisible(has_waiting)
        self._update_summary()

    @staticmethod
    def _why(c: PriceChange) -> str:
        why = tr("Fixed price") if c.source == "fixed" else tr("Store rule")
        if c.note:
            why += " — " + tr("refused before: {reason}").format(reason=c.note)
        return why

    def checked(self) -> list[PriceChange]:
        """The changes the seller left ticked."""
        return [
            c
            for r, c in enumerate(self.changes)
            if self.table.item(r, 0).checkState() == Qt.CheckState.Checked
        ]

    def set_checked(self, listing_ids: Iterable[int]) -> None:
        """Tick exactly these listings (tests, and "push only these")."""
        wanted = set(listing_ids)
        for r, c in enumerate(self.changes):
            state = Qt.CheckState.Checked if c.listing_id in wanted else Qt.CheckState.Unchecked
            self.table.item(r, 0).setCheckState(state)

    def _update_summary(self) -> None:
        n, total = len(self.checked()), len(self.changes)
        if not total:
            self.summary.setText(tr("No price would change."))
        else:
            self.summary.setText(
                tr("{n} of {total} price change(s) ticked").format(n=n, total=total)
            )
        self.push_button.setEnabled(n > 0)

    # ------------------------------------------------------------------ actions
    def push(self) -> None:
        """Queue the ticked changes; the stores' push jobs send them (the engine wakes)."""
        try:
            queued, skipped = prices.confirm(self._ctx, self.checked())
        except ServiceError as exc:
            show_error(self, tr("Could not push the prices"), exc)
            return
        self.queued += queued
        self.reload()
        text = tr("{n} price change(s) queued: each store's next push sends them.").format(n=queued)
        if skipped:
            text += " " + tr(
                "{n} skipped: the rule changed since this list was read; check them again."
            ).format(n=skipped)
        self.summary.setText(text)

    def _selected_waiting(self) -> list[int]:
        rows = {i.row() for i in self.waiting_table.selectionModel().selectedRows()}
        return [self.waiting[r].listing_id for r in sorted(rows)]

    def select_waiting(self, listing_ids: Iterable[int]) -> None:
        """Select these rows of the lower table (tests)."""
        wanted = set(listing_ids)
        self.waiting_table.clearSelection()
        for r, w in enumerate(self.waiting):
            if w.listing_id in wanted:
                self.waiting_table.selectRow(r)

    def _held_action(self, action) -> None:
        ids = self._selected_waiting()
        if not ids:
            return
        try:
            action(self._ctx, ids)
        except ServiceError as exc:
            show_error(self, tr("Could not change the prices"), exc)
            return
        self.reload()
