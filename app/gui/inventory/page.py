"""Inventory page: stock per variant and location, filters, stock actions, history, channels."""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.core.services import locations, stock_levels
from app.core.services.errors import ServiceError
from app.core.services.stock_levels import StockFilter, StockLevel
from app.gui.context import GuiContext
from app.gui.formatting import format_count
from app.gui.i18n import N_, tr
from app.gui.inventory import shelf
from app.gui.inventory.dialogs import StockDialog
from app.gui.inventory.model import (
    StockModel,
    make_channels_model,
    make_movements_model,
    movements_for,
)
from app.gui.page import Page
from app.gui.ui_state import UiState
from app.gui.widgets.helpers import (
    Debouncer,
    apply_column_widths,
    current_row,
    named,
    select_row,
    setup_table,
)

log = logging.getLogger(__name__)


class InventoryPage(Page):
    """Stock rows on top; the selected item's movements and channel view below."""

    title = N_("Inventory")  # the sidebar shows tr(title)
    kinds = frozenset({"stock", "products", "listings"})

    def __init__(self, gui: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(gui, parent)
        self.model = StockModel(gui.ctx, gui.runner, self)
        self.view = QTableView()
        setup_table(self.view, "Stock levels")
        self.view.setModel(self.model)
        self.view.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        apply_column_widths(self.view, self.model)

        self.search = named(QLineEdit(), tr("Search stock"), tr("Search by SKU or product name"))
        self.search.setPlaceholderText(tr("Search SKU or product…"))
        self.search.setClearButtonEnabled(True)
        self._debounce = Debouncer(200, self.apply_filter, self)
        self.search.textChanged.connect(lambda _t: self._debounce.poke())
        self.location = named(QComboBox(), tr("Location filter"))
        self.location.currentIndexChanged.connect(lambda _i: self.apply_filter())
        self.level = QButtonGroup(self)
        level_box = QHBoxLayout()
        levels = (
            (tr("All"), tr("Show all"), "all"),
            (tr("Low"), tr("Show low"), "low"),
            (tr("Out of stock"), tr("Show out of stock"), "out"),
        )
        for i, (label, name, key) in enumerate(levels):
            rb = named(QRadioButton(label), name)
            rb.setProperty("key", key)
            rb.setChecked(i == 0)
            self.level.addButton(rb, i)
            level_box.addWidget(rb)
        self.level.idClicked.connect(lambda _i: self.apply_filter())

        actions = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for kind, label, name in (
            ("adjust", tr("Adjust…"), tr("Adjust")),
            ("receive", tr("Receive…"), tr("Receive")),
            ("transfer", tr("Transfer…"), tr("Transfer")),
            ("stocktake", tr("Stocktake…"), tr("Stocktake")),
            ("reorder", tr("Reorder point…"), tr("Reorder point")),
        ):
            b = named(QPushButton(label), name)
            b.clicked.connect(lambda _=False, k=kind: self.open_dialog(k))
            self.buttons[kind] = b
            actions.addWidget(b)
        self.receive_new = named(
            QPushButton(tr("Receive by SKU…")),
            tr("Receive stock for any SKU"),
            tr("Receive a SKU not listed"),
        )
        self.receive_new.clicked.connect(lambda: self.open_dialog("receive", use_selection=False))
        actions.addWidget(self.receive_new)
        shelf.install(self, actions)  # shelf codes order the picking list
        actions.addStretch(1)
        self.count_label = QLabel("")
        self.count_label.setObjectName("hint")
        actions.addWidget(self.count_label)

        bar = QHBoxLayout()
        bar.addWidget(self.search, 2)
        bar.addWidget(self.location)
        bar.addLayout(level_box)

        self.movements = make_movements_model(self)
        self.movements_view = QTableView()
        setup_table(self.movements_view, "Movement history")
        self.movements_view.setModel(self.movements)
        self.channels = make_channels_model(self)
        self.channels_view = QTableView()
        setup_table(self.channels_view, "Stock per channel")
        self.channels_view.setModel(self.channels)
        for model, view in (
            (self.movements, self.movements_view),
            (self.channels, self.channels_view),
        ):
            apply_column_widths(view, model)
        self.detail_tabs = QTabWidget()
        self.detail_tabs.addTab(self.movements_view, tr("Movement history"))
        self.detail_tabs.addTab(self.channels_view, tr("What each store was told"))

        self.splitter = QSplitter(Qt.Orientation.Vertical)
        top = QWidget()
        tl = QVBoxLayout(top)
        tl.setContentsMargins(0, 0, 0, 0)
        tl.addLayout(bar)
        tl.addLayout(actions)
        tl.addWidget(self.view, 1)
        self.splitter.addWidget(top)
        self.splitter.addWidget(self.detail_tabs)
        self.splitter.setSizes([520, 260])
        lay = QVBoxLayout(self)
        title = QLabel(tr("Inventory"))
        title.setObjectName("pageTitle")
        lay.addWidget(title)
        lay.addWidget(self.splitter, 1)

        self.model.snapshot_loaded.connect(self._snapshot_loaded)
        self.model.modelReset.connect(self._show_detail)
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self._show_detail())
        self._keep_id: int | None = None
        self._update_buttons()

    # ------------------------------------------------------------------ data
    def reload(self) -> None:
        self._load_locations()
        self._keep_id = self.model.id_at(current_row(self.view))
        self.model.refresh()

    def data_changed(self, kinds: set[str]) -> None:
        if kinds & {"products", "stock"}:
            self.reload()  # a filtered list (low/out) can gain or lose rows
        else:
            self._show_detail()

    def _load_locations(self) -> None:
        current = self.location.currentData()
        self.location.blockSignals(True)
        self.location.clear()
        self.location.addItem(tr("All locations"), None)
        self.locations = locations.list_locations(self.gui.ctx)
        for loc in self.locations:
            self.location.addItem(loc.name, loc.id)
        self.location.setCurrentIndex(max(0, self.location.findData(current)))
        self.location.blockSignals(False)

    def current_filter(self) -> StockFilter:
        """The filter the controls describe."""
        key = self.level.checkedButton().property("key")
        return StockFilter(
            text=self.search.text(),
            location_id=self.location.currentData(),
            low_only=key == "low",
            out_only=key == "out",
        )

    def apply_filter(self) -> None:
        """Recompute the snapshot for the current filter."""
        self.model.set_filter(self.current_filter())

    def set_level(self, key: str) -> None:
        """Show all, low or out-of-stock items."""
        for b in self.level.buttons():
            if b.property("key") == key:
                b.setChecked(True)
        self.apply_filter()

    def activate(self, payload: Any) -> None:
        if isinstance(payload, dict) and "filter" in payload:
            if not hasattr(self, "locations"):
                self._load_locations()
            self.stale = False
            self.set_level(str(payload["filter"]))
        if isinstance(payload, dict) and "search" in payload:
            self.search.setText(str(payload["search"]))
            self._debounce.flush()

    def _snapshot_loaded(self, n: int) -> None:
        self.count_label.setText(tr("{n} stock rows").format(n=format_count(n)))
        if self._keep_id is not None:
            row = self.model.row_of(self._keep_id)
            self._keep_id = None
            if row >= 0:
                select_row(self.view, row)
                return
        if n and current_row(self.view) < 0:
            select_row(self.view, 0)

    def selected(self) -> StockLevel | None:
        """The stock row the actions apply to."""
        return self.model.row_at(current_row(self.view))

    def _show_detail(self) -> None:
        self._update_buttons()
        row = self.selected()
        if row is None:
            self.movements.set_rows([])
            self.channels.set_rows([])
            return
        try:
            self.movements.set_rows(movements_for(self.gui.ctx, row.variant_id))
            self.channels.set_rows(stock_levels.channel_stock(self.gui.ctx, row.variant_id))
        except ServiceError as exc:
            log.warning("detail read failed: %s", exc)

    def _update_buttons(self) -> None:
        has = self.selected() is not None
        for b in self.buttons.values():
            b.setEnabled(has)

    # ------------------------------------------------------------------ actions
    def open_dialog(self, kind: str, use_selection: bool = True) -> StockDialog:
        """Open a stock dialog for the selected row (or a SKU typed in)."""
        if not hasattr(self, "locations"):
            self._load_locations()
        row = self.selected() if use_selection else None
        dlg = StockDialog(self.gui.ctx, kind, row, self.locations, self)
        dlg.accepted.connect(lambda: self._applied(dlg))
        dlg.finished.connect(dlg.deleteLater)
        dlg.open()
        return dlg

    def _applied(self, dlg: StockDialog) -> None:
        self.status_message.emit(dlg.done_message)
        self.local_change.emit({"stock"})

    def save_state(self, ui: UiState) -> None:
        ui.save_splitter("inventory", self.splitter)
        ui.save_columns("inventory", self.view.horizontalHeader())
        ui.save_columns("inventory.movements", self.movements_view.horizontalHeader())

    def restore_state(self, ui: UiState) -> None:
        ui.restore_splitter("inventory", self.splitter)
        ui.restore_columns("inventory", self.view.horizontalHeader())
        ui.restore_columns("inventory.movements", self.movements_view.horizontalHeader())
