"""Orders page: every store's orders with filters, multi-selection and a detail pane."""

from __future__ import annotations

import logging
from datetime import date, datetime, timedelta
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QSplitter,
    QTableView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from app.core.domain import OrderStatus
from app.core.services import order_views, stores
from app.core.services.analytics.calendar import day_bounds, local_today, zone
from app.core.services.order_views import OrderFilter
from app.gui.context import GuiContext
from app.gui.formatting import format_count, humanize
from app.gui.i18n import N_, tr
from app.gui.orders import fulfil_actions
from app.gui.orders.detail import OrderDetail
from app.gui.orders.model import OrdersModel
from app.gui.page import Page
from app.gui.ui_state import UiState
from app.gui.widgets.helpers import (
    Debouncer,
    apply_column_widths,
    current_row,
    named,
    select_row,
    selected_rows,
    setup_table,
)

log = logging.getLogger(__name__)

DATE_RANGES = ("any", "today", "yesterday", "last_7", "last_30", "custom")


def date_range_labels() -> tuple[str, ...]:
    """The labels of :data:`DATE_RANGES`, in the same order."""
    return (
        tr("Any time"),
        tr("Today"),
        tr("Yesterday"),
        tr("Last 7 days"),
        tr("Last 30 days"),
        tr("Custom"),
    )


# the preset ranges: (first day, last day) as days before today
_DAYS_BACK = {"today": (0, 0), "yesterday": (1, 1), "last_7": (6, 0), "last_30": (29, 0)}


def _qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


class OrdersPage(Page):
    """The order list (id snapshot + pages) with the selected order's detail beside it."""

    title = N_("Orders")  # the sidebar shows tr(title)
    kinds = frozenset({"orders", "listings", "stores"})

    def __init__(self, gui: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(gui, parent)
        self.model = OrdersModel(gui.ctx, gui.runner, self)
        self.view = QTableView()
        setup_table(self.view, "Orders", multi=True)
        self.view.setModel(self.model)
        self.view.horizontalHeader().setSortIndicator(0, Qt.SortOrder.DescendingOrder)
        apply_column_widths(self.view, self.model)

        self.store = named(QComboBox(), tr("Store filter"))
        self.status = named(QComboBox(), tr("Status filter"))
        self.status.addItem(tr("All statuses"), None)
        for st in OrderStatus:
            self.status.addItem(humanize(st), st)
        self.range = named(QComboBox(), tr("Date range"))
        for key, label in zip(DATE_RANGES, date_range_labels(), strict=True):
            self.range.addItem(label, key)
        self._tz = zone(gui.ctx)  # days are the workspace's, as everywhere
        today = _qdate(local_today(self._tz))
        self.date_from = named(QDateEdit(today.addDays(-7)), tr("From date"))
        self.date_to = named(QDateEdit(today), tr("To date"))
        for d in (self.date_from, self.date_to):
            d.setCalendarPopup(True)
            d.setDisplayFormat("dd MMM yyyy")
            d.setEnabled(False)
            d.dateChanged.connect(lambda _d: self.apply_filter())
        self.search = named(
            QLineEdit(), tr("Search orders"), tr("Order number, buyer, SKU or item name")
        )
        self.search.setPlaceholderText(tr("Order number, buyer, SKU…"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(160)
        self._debounce = Debouncer(250, self.apply_filter, self)
        self.search.textChanged.connect(lambda _t: self._debounce.poke())
        self.unmapped = named(QCheckBox(tr("Only with unmapped items")), tr("Only unmapped"))
        for combo in (self.store, self.status):
            combo.currentIndexChanged.connect(lambda _i: self.apply_filter())
        self.range.currentIndexChanged.connect(self._range_changed)
        self.unmapped.toggled.connect(lambda _b: self.apply_filter())
        # two rows: on one, at 1280 px the search hint and "All stores" were cut off
        for combo in (self.store, self.status, self.range):
            if isinstance(combo, QComboBox):  # (named() is typed QWidget)
                combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        bar = QHBoxLayout()
        bar.addWidget(self.search, 1)
        bar.addWidget(self.unmapped)
        dates = QHBoxLayout()
        dates.addWidget(self.store)
        dates.addWidget(self.status)
        dates.addWidget(self.range)
        dates.addWidget(self.date_from)
        dates.addWidget(QLabel("–"))
        dates.addWidget(self.date_to)
        dates.addStretch(1)

        self.selection_label = QLabel("")
        self.copy_button = named(
            QPushButton(tr("Copy order numbers")), tr("Copy the selected order numbers")
        )
        self.copy_button.clicked.connect(self.copy_numbers)
        self.map_button = named(
            QPushButton(tr("Map unmapped items…")), tr("Map this order's items")
        )
        self.map_button.clicked.connect(self.map_current)
        # fulfilment buttons (add_order_action) in a toolbar above the list: on a narrow
        # window the ones that do not fit go into its » menu; all are in the context menu
        self.actions_bar = QToolBar(tr("Order actions"))
        self.actions_bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self._order_actions: list[tuple[QAction, bool]] = []  # (action, needs a selection)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._context_menu)
        sel_bar = QHBoxLayout()
        sel_bar.addWidget(self.selection_label)
        sel_bar.addStretch(1)
        sel_bar.addWidget(self.map_button)
        sel_bar.addWidget(self.copy_button)

        self.detail = OrderDetail(gui.ctx)
        self.detail.map_requested.connect(
            lambda lid: self.navigate_requested.emit(
                "catalog", {"tab": "mapping", "listing_ids": [lid]}
            )
        )
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addWidget(self.actions_bar)
        ll.addWidget(self.view, 1)
        ll.addLayout(sel_bar)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.detail)
        self.splitter.setSizes([760, 420])
        lay = QVBoxLayout(self)
        title = QLabel(tr("Orders"))
        title.setObjectName("pageTitle")
        lay.addWidget(title)
        lay.addLayout(bar)
        lay.addLayout(dates)
        lay.addWidget(self.splitter, 1)

        self.model.snapshot_loaded.connect(self._snapshot_loaded)
        self.model.modelReset.connect(self._selection_changed)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._selection_changed())
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self._selection_changed())
        self._keep_id: int | None = None
        self._count = 0
        fulfil_actions.install(self)

    # ------------------------------------------------------------------ data
    def reload(self) -> None:
        self._load_stores()
        self._keep_id = self.model.id_at(current_row(self.view))
        self.model.set_filter(self.current_filter())

    def data_changed(self, kinds: set[str]) -> None:
        if kinds & {"stores"}:
            self._load_stores()
        self.reload()

    def _load_stores(self) -> None:
        current = self.store.currentData()
        self.store.blockSignals(True)
        self.store.clear()
        self.store.addItem(tr("All stores"), None)
        for st in stores.list_stores(self.gui.ctx):
            self.store.addItem(st.name, st.id)
        self.store.setCurrentIndex(max(0, self.store.findData(current)))
        self.store.blockSignals(False)

    def _range_changed(self) -> None:
        custom = self.range.currentData() == "custom"
        self.date_from.setEnabled(custom)
        self.date_to.setEnabled(custom)
        self.apply_filter()

    def date_bounds(self) -> tuple[datetime | None, datetime | None]:
        """The chosen range as [from, to) aware datetimes at the workspace's midnights."""
        choice = self.range.currentData()
        if choice == "custom":
            first, last = self.date_from.date().toPython(), self.date_to.date().toPython()
        elif choice in _DAYS_BACK:
            today = local_today(self._tz)
            first, last = (today - timedelta(days=n) for n in _DAYS_BACK[choice])
        else:
            return None, None
        return day_bounds(first, self._tz)[0], day_bounds(last, self._tz)[1]

    def current_filter(self) -> OrderFilter:
        """The filter the controls describe."""
        start, end = self.date_bounds()
        return OrderFilter(
            store_id=self.store.currentData(),
            status=self.status.currentData(),
            placed_from=start,
            placed_to=end,
            text=self.search.text(),
            unmapped_only=self.unmapped.isChecked(),
        )

    def apply_filter(self) -> None:
        """A new snapshot for the filter."""
        self.model.set_filter(self.current_filter())

    def activate(self, payload: Any) -> None:
        if not isinstance(payload, dict):
            return
        self._load_stores()
        self.stale = False
        for combo, key in ((self.store, "store_id"), (self.status, "status")):
            combo.blockSignals(True)
            combo.setCurrentIndex(max(0, combo.findData(payload.get(key))) if key in payload else 0)
            combo.blockSignals(False)
        if "order_id" in payload:
            self._keep_id = int(payload["order_id"])
            self.search.blockSignals(True)
            self.search.clear()
            self.search.blockSignals(False)
            self.range.setCurrentIndex(0)
        self.apply_filter()

    def _snapshot_loaded(self, n: int) -> None:
        self._count = n
        if self._keep_id is not None:
            row = self.model.row_of(self._keep_id)
            self._keep_id = None
            if row >= 0:
                select_row(self.view, row)
        self._selection_changed()

    def _selection_changed(self) -> None:
        n = len(selected_rows(self.view))
        total = tr("{n} orders").format(n=format_count(self._count))
        if n:
            total = tr("{total} · {n} selected").format(total=total, n=n)
        self.selection_label.setText(total)
        self.copy_button.setEnabled(n > 0)
        for action, needs_selection in self._order_actions:
            action.setEnabled(n > 0 or not needs_selection)
        row = self.model.row_at(current_row(self.view))
        self.map_button.setEnabled(row is not None and row.unmapped_count > 0)
        if row is None:
            self.detail.show_order(None)
        elif row.id != self.detail.order_id:
            self.detail.show_order(row.id, row.store_name)

    # ------------------------------------------------------------------ actions
    def add_order_action(
        self, action: QAction, *, button: bool = True, needs_selection: bool = True
    ) -> None:
        """Offer a fulfilment action: a button (unless ``button`` is False), an entry of
        the list's context menu, and its shortcut while the list has focus."""
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.view.addAction(action)
        self._order_actions.append((action, needs_selection))
        action.setEnabled(not needs_selection)
        if button:
            self.actions_bar.addAction(action)

    def _context_menu(self, pos) -> None:
        if not self._order_actions:
            return
        menu = QMenu(self)
        for action, _n in self._order_actions:
            menu.addAction(action)
        menu.exec(self.view.viewport().mapToGlobal(pos))

    def selected_orders(self) -> list[order_views.OrderRow]:
        """The selected orders, in the list's order."""
        return [r for r in (self.model.row_at(i) for i in selected_rows(self.view)) if r]

    def copy_numbers(self) -> None:
        """Copy the selected order numbers, one per line."""
        numbers = [r.platform_order_id for r in self.selected_orders()]
        QGuiApplication.clipboard().setText("\n".join(numbers))
        self.status_message.emit(tr("Copied {n} order numbers").format(n=len(numbers)))

    def map_current(self) -> None:
        """Open the Mapping view on the current order's unmapped listings."""
        row = self.model.row_at(current_row(self.view))
        if row is None:
            return
        ids = order_views.unmapped_listing_ids_for_order(self.gui.ctx, row.id)
        self.navigate_requested.emit("catalog", {"tab": "mapping", "listing_ids": ids})

    def save_state(self, ui: UiState) -> None:
        ui.save_splitter("orders", self.splitter)
        ui.save_columns("orders", self.view.horizontalHeader())

    def restore_state(self, ui: UiState) -> None:
        ui.restore_splitter("orders", self.splitter)
        ui.restore_columns("orders", self.view.horizontalHeader())
