"""The Mapping view: channel listings not mapped to a variant, suggestions, map one or many."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.core.services import listings, mapping, stores
from app.core.services.errors import ServiceError
from app.core.services.listings import ListingRow
from app.core.services.search import search_variants
from app.gui.context import GuiContext
from app.gui.formatting import format_datetime, format_rupiah, humanize
from app.gui.i18n import N_, tr, tr_cached, tr_message
from app.gui.ui_state import UiState
from app.gui.widgets.columns import MUTED, RIGHT, SUCCESS, WARNING, Column
from app.gui.widgets.helpers import (
    Debouncer,
    apply_column_widths,
    current_row,
    named,
    select_row,
    selected_rows,
    setup_table,
    show_error,
)
from app.gui.widgets.rows_model import RowsTableModel

log = logging.getLogger(__name__)

LISTING_COLUMNS: list[Column[ListingRow]] = [
    Column(N_("Store"), lambda r: r.store_name, "store", width=140),
    Column(N_("Listing"), lambda r: r.title, "title", width=260),
    Column(N_("Variation"), lambda r: r.variant_name, "vn", width=120),
    Column(N_("Platform SKU"), lambda r: r.platform_sku or tr_cached("(none)"), "sku", width=130),
    Column(
        N_("Price"), lambda r: format_rupiah(r.price), "price", raw=lambda r: r.price, align=RIGHT
    ),
    Column(N_("Platform stock"), lambda r: r.platform_stock, "stock", align=RIGHT, width=100),
    Column(
        N_("Mapped"),
        lambda r: tr_cached("Not mapped") if r.variant_id is None else humanize(r.match),
        "match",
        raw=lambda r: str(r.match),
        color=lambda r: WARNING if r.variant_id is None else SUCCESS,
        width=110,
    ),
    Column(
        N_("Last pushed"),
        lambda r: (
            ""
            if r.last_pushed_stock is None
            else f"{r.last_pushed_stock} · {format_datetime(r.last_pushed_at)}"
        ),
        "pushed",
        raw=lambda r: r.last_pushed_at,
        color=lambda r: MUTED,
        width=160,
    ),
]


class MappingView(QWidget):
    """Unmapped listings on the left; suggestions and a variant search on the right.

    Signals:
        mapped(int): listings were mapped (or unmapped); the argument is how many.
    """

    mapped = Signal(int)

    def __init__(self, gui: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.gui = gui
        self.model: RowsTableModel[ListingRow] = RowsTableModel(LISTING_COLUMNS, parent=self)
        self.view = QTableView()
        setup_table(self.view, "Channel listings", multi=True)  # the objectName
        self.view.setAccessibleName(tr("Channel listings"))
        self.view.setModel(self.model)
        apply_column_widths(self.view, self.model)

        self.store_filter = named(QComboBox(), tr("Store filter"))
        self.store_filter.currentIndexChanged.connect(lambda _i: self.reload())
        self.show_all = named(QCheckBox(tr("Show mapped listings too")), tr("Show mapped listings"))
        self.show_all.toggled.connect(lambda _b: self.reload())
        self.count_label = QLabel("")
        top = QHBoxLayout()
        top.addWidget(QLabel(tr("Store")))
        top.addWidget(self.store_filter)
        top.addWidget(self.show_all)
        top.addStretch(1)
        top.addWidget(self.count_label)

        self.suggestions = named(QListWidget(), tr("Suggested variants"))
        self.suggestions.itemActivated.connect(lambda _i: self.map_selected())
        self.search = named(QLineEdit(), tr("Find a variant"), tr("Type a SKU or product name"))
        self.search.setPlaceholderText(tr("Find any variant by SKU or name…"))
        self._debounce = Debouncer(200, self._search_variants, self)
        self.search.textChanged.connect(lambda _t: self._debounce.poke())
        self.map_button = named(
            QPushButton(tr("Map to selected variant")), tr("Map listing to the selected variant")
        )
        self.map_button.setObjectName("primary")
        self.map_button.clicked.connect(self.map_selected)
        self.bulk_button = named(
            QPushButton(tr("Map selected to best suggestions")),
            tr("Map every selected listing to its best suggestion"),
        )
        self.bulk_button.clicked.connect(self.map_bulk)
        self.unmap_button = named(QPushButton(tr("Unmap")), tr("Unmap the selected listings"))
        self.unmap_button.clicked.connect(self.unmap_selected)

        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        self.listing_label = QLabel(tr("Select a listing to see suggested variants."))
        self.listing_label.setWordWrap(True)
        rl.addWidget(self.listing_label)
        rl.addWidget(self.search)
        rl.addWidget(self.suggestions, 1)
        rl.addWidget(self.map_button)
        rl.addWidget(self.bulk_button)
        rl.addWidget(self.unmap_button)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addLayout(top)
        ll.addWidget(self.view, 1)
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setSizes([700, 320])
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.splitter)
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self._show_suggestions())
        self._stores_loaded = False

    # ------------------------------------------------------------------ data
    def _load_stores(self) -> None:
        self.store_filter.blockSignals(True)
        current = self.store_filter.currentData()
        self.store_filter.clear()
        self.store_filter.addItem(tr("All stores"), None)
        for st in stores.list_stores(self.gui.ctx):
            self.store_filter.addItem(st.name, st.id)
        self.store_filter.setCurrentIndex(max(0, self.store_filter.findData(current)))
        self.store_filter.blockSignals(False)
        self._stores_loaded = True

    def reload(self, select_ids: Sequence[int] = ()) -> None:
        """Read the listings again (unmapped only unless "show mapped" is on)."""
        if not self._stores_loaded:
            self._load_stores()
        keep = self.current_listing()
        rows = listings.list_listings(
            self.gui.ctx,
            store_id=self.store_filter.currentData(),
            unmapped_only=not self.show_all.isChecked(),
        )
        self.model.set_rows(rows)
        unmapped = sum(1 for r in rows if r.variant_id is None)
        self.count_label.setText(tr("{n} not mapped").format(n=unmapped))
        if select_ids:
            self.select_listings(select_ids)
        elif keep is not None and self.model.row_of(keep.id) >= 0:
            select_row(self.view, self.model.row_of(keep.id))
        elif rows:
            select_row(self.view, 0)
        else:
            self._show_suggestions()

    def select_listings(self, ids: Sequence[int]) -> None:
        """Select these listings (e.g. coming from an order's unmapped line)."""
        self.view.clearSelection()
        first = True
        for lid in ids:
            row = self.model.row_of(lid)
            if row < 0:
                continue
            if first:
                select_row(self.view, row)
                first = False
            else:
                self.view.selectionModel().select(
                    self.model.index(row, 0),
                    self.view.selectionModel().SelectionFlag.Select
                    | self.view.selectionModel().SelectionFlag.Rows,
                )

    def current_listing(self) -> ListingRow | None:
        """The listing whose suggestions are shown."""
        return self.model.row_at(current_row(self.view))

    def selected_listings(self) -> list[ListingRow]:
        """Every selected listing."""
        return [r for r in (self.model.row_at(i) for i in selected_rows(self.view)) if r]

    def _show_suggestions(self) -> None:
        self.suggestions.clear()
        listing = self.current_listing()
        if listing is None:
            self.listing_label.setText(tr("Select a listing to see suggested variants."))
            return
        self.listing_label.setText(
            f"<b>{listing.title}</b> {listing.variant_name}<br>"
            f"{listing.store_name} · SKU {listing.platform_sku or tr('(none)')}"
        )
        try:
            hits = listings.suggest_variants(self.gui.ctx, listing.id, limit=8)
        except ServiceError as exc:
            log.warning("suggestions failed: %s", exc)
            hits = []
        for vid, sku, pname in hits:
            self._add_variant_item(vid, f"{sku} — {pname}")
        if hits:
            self.suggestions.setCurrentRow(0)
        else:
            self.suggestions.addItem(tr("No suggestion: search for the variant above."))

    def _search_variants(self) -> None:
        text = self.search.text().strip()
        if not text:
            self._show_suggestions()
            return
        self.suggestions.clear()
        for hit in search_variants(self.gui.ctx, text, limit=30):
            self._add_variant_item(hit.id, f"{hit.subtitle} — {tr_message(hit.title)}")
        if self.suggestions.count():
            self.suggestions.setCurrentRow(0)

    def _add_variant_item(self, variant_id: int, text: str) -> None:
        item = QListWidgetItem(text)
        item.setData(Qt.ItemDataRole.UserRole, variant_id)
        self.suggestions.addItem(item)

    def chosen_variant(self) -> int | None:
        """The variant picked in the suggestions list."""
        item = self.suggestions.currentItem()
        return None if item is None else item.data(Qt.ItemDataRole.UserRole)

    # ------------------------------------------------------------------ actions
    def map_selected(self) -> None:
        """Map the selected listing(s) to the chosen variant."""
        vid = self.chosen_variant()
        chosen = self.selected_listings() or (
            [self.current_listing()] if self.current_listing() else []
        )
        if vid is None or not chosen:
            return
        self._apply([(r.id, vid) for r in chosen if r is not None])

    def map_bulk(self) -> None:
        """Map each selected listing to its first suggestion, after a confirmation."""
        chosen = self.selected_listings()
        pairs: list[tuple[int, int]] = []
        lines: list[str] = []
        for r in chosen:
            hits = listings.suggest_variants(self.gui.ctx, r.id, limit=1)
            if hits:
                pairs.append((r.id, hits[0][0]))
                lines.append(f"{r.title} {r.variant_name} → {hits[0][1]}")
        if not pairs:
            self.listing_label.setText(tr("None of the selected listings has a suggestion."))
            return
        box = QMessageBox(self)
        box.setObjectName("bulkMapBox")
        box.setWindowTitle(tr("Map listings"))
        box.setText(tr("Map {n} listings to their best suggestion?").format(n=len(pairs)))
        box.setDetailedText("\n".join(lines))
        box.setStandardButtons(QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel)
        if box.exec() == QMessageBox.StandardButton.Ok:
            self._apply(pairs)

    def _apply(self, pairs: list[tuple[int, int]]) -> None:
        try:
            effects = mapping.map_listings(self.gui.ctx, pairs)
        except ServiceError as exc:
            show_error(self, tr("Could not map the listing"), exc)
            return
        self.listing_label.setText(
            tr("Mapped {n} listing(s); {lines} open order line(s) now hold stock.").format(
                n=len(pairs), lines=effects
            )
        )
        self.mapped.emit(len(pairs))
        self.reload()

    def unmap_selected(self) -> None:
        """Remove the mapping of the selected listings."""
        chosen = [r for r in self.selected_listings() if r.variant_id is not None]
        if not chosen:
            return
        try:
            mapping.unmap_listings(self.gui.ctx, [r.id for r in chosen])
        except ServiceError as exc:
            show_error(self, tr("Could not unmap"), exc)
            return
        self.mapped.emit(len(chosen))
        self.reload()

    def save_state(self, ui: UiState) -> None:
        """Remember the splitter and columns."""
        ui.save_splitter("mapping", self.splitter)
        ui.save_columns("mapping", self.view.horizontalHeader())

    def restore_state(self, ui: UiState) -> None:
        """Restore the splitter and columns."""
        ui.restore_splitter("mapping", self.splitter)
        ui.restore_columns("mapping", self.view.horizontalHeader())

    def activate(self, payload: Any) -> None:
        """Open on given listings: ``{"listing_ids": [...]}``."""
        ids = payload.get("listing_ids", ()) if isinstance(payload, dict) else ()
        if ids:
            self.store_filter.setCurrentIndex(0)
        self.reload(select_ids=ids)
