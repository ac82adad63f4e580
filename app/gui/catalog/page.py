"""Catalog page: the variant table (smooth at 1,000,000 rows), editor, bulk actions, mapping."""

from __future__ import annotations

import logging
from decimal import Decimal
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.core.domain import ProductStatus
from app.core.services import catalog
from app.core.services.errors import ServiceError
from app.gui.catalog.editor import ProductEditor, parse_amount_text
from app.gui.catalog.mapping import MappingView
from app.gui.catalog.model import CatalogFilter, CatalogModel
from app.gui.context import GuiContext
from app.gui.formatting import format_count
from app.gui.i18n import N_, tr, tr_message
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
    show_error,
)

log = logging.getLogger(__name__)
SEARCH_DEBOUNCE_MS = 200


class CatalogPage(Page):
    """Products (variants) and the Mapping view, as two tabs."""

    title = N_("Catalog")  # the sidebar shows tr(title)
    kinds = frozenset({"products", "stock", "listings"})

    def __init__(self, gui: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(gui, parent)
        self.model = CatalogModel(gui.ctx, gui.runner, self)
        self.view = QTableView()
        setup_table(self.view, "Catalog variants", multi=True)  # the objectName
        self.view.setAccessibleName(tr("Catalog variants"))
        self.view.setModel(self.model)
        self.view.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        apply_column_widths(self.view, self.model)
        self.view.horizontalHeader().sortIndicatorChanged.connect(self._sort_guard)
        self.view.activated.connect(lambda _i: self.edit_selected())

        self.search = named(
            QLineEdit(), tr("Search catalog"), tr("Search by name, SKU, brand or category")
        )
        self.search.setPlaceholderText(tr("Search name, SKU, brand, category…  (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self._debounce = Debouncer(SEARCH_DEBOUNCE_MS, self.apply_filter, self)
        self.search.textChanged.connect(lambda _t: self._debounce.poke())
        category = QComboBox()
        # as wide as its longest category: "All categ" was cut off at 1366 px
        category.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        category.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)
        self.category = named(category, tr("Category filter"))
        self.category.currentIndexChanged.connect(lambda _i: self.apply_filter())
        self.archived = named(QCheckBox(tr("Show archived")), tr("Show archived"))
        self.archived.toggled.connect(lambda _b: self.apply_filter())
        self.new_button = named(QPushButton(tr("New product…")), tr("New product"))
        self.new_button.setObjectName("primary")
        self.new_button.clicked.connect(self.new_product)
        self.edit_button = named(QPushButton(tr("Edit…")), tr("Edit product"))
        self.edit_button.clicked.connect(self.edit_selected)
        # a push button with a menu draws its own arrow: no "▾" in the text (two arrows)
        self.bulk_button = named(QPushButton(tr("Selection")), tr("Bulk actions on the selection"))
        menu = QMenu(self.bulk_button)
        menu.addAction(tr("Archive"), self.archive_selected)
        menu.addAction(tr("Restore"), lambda: self.set_status_selected(ProductStatus.ACTIVE))
        menu.addSeparator()
        menu.addAction(tr("Set category…"), lambda: self.ask_bulk("category"))
        menu.addAction(tr("Set brand…"), lambda: self.ask_bulk("brand"))
        menu.addAction(tr("Set cost…"), lambda: self.ask_bulk("cost"))
        self.bulk_button.setMenu(menu)
        self.count_label = QLabel("")
        self.count_label.setObjectName("hint")

        # two rows: on one, the buttons left the search box too narrow for its hint
        filters = QHBoxLayout()
        filters.addWidget(self.search, 1)
        filters.addWidget(self.category)
        filters.addWidget(self.archived)
        bar = QHBoxLayout()
        bar.addWidget(self.new_button)
        bar.addWidget(self.edit_button)
        bar.addWidget(self.bulk_button)
        self.import_button = named(QPushButton(tr("Import Excel…")), tr("Import Excel…"))
        self.import_button.clicked.connect(self.import_excel)
        self.export_button = named(QPushButton(tr("Export Excel…")), tr("Export Excel…"))
        self.export_button.clicked.connect(self.export_excel)
        bar.addStretch(1)
        bar.addWidget(self.import_button)
        bar.addWidget(self.export_button)
        self.prices_button = named(
            QPushButton(tr("Review prices…")),
            tr("Review prices…"),
            tr("Each store's prices from its rule: see what would change, push what you tick"),
        )
        self.prices_button.clicked.connect(self.review_prices)
        bar.addWidget(self.prices_button)
        products = QWidget()
        pl = QVBoxLayout(products)
        pl.addLayout(filters)
        pl.addLayout(bar)
        pl.addWidget(self.view, 1)
        pl.addWidget(self.count_label)

        self.mapping = MappingView(gui, self)
        self.mapping.mapped.connect(
            lambda _n: self.local_change.emit({"listings", "orders", "stock"})
        )
        self.tabs = QTabWidget()
        self.tabs.setObjectName("catalogTabs")
        self.tabs.addTab(products, tr("Products"))
        self.tabs.addTab(self.mapping, tr("Mapping"))
        self.tabs.currentChanged.connect(self._tab_changed)
        lay = QVBoxLayout(self)
        title = QLabel(tr("Catalog"))
        title.setObjectName("pageTitle")
        lay.addWidget(title)
        lay.addWidget(self.tabs)

        self.model.snapshot_loaded.connect(self._snapshot_loaded)
        self.model.loading_changed.connect(self._loading)
        self.model.load_failed.connect(
            lambda m: self.count_label.setText(tr("Search failed: {message}").format(message=m))
        )
        self._keep_id: int | None = None
        self._mapping_stale = True

    # ------------------------------------------------------------------ data
    def reload(self) -> None:
        self._load_categories()
        keep = self.model.id_at(current_row(self.view))
        self._keep_id = keep
        self.model.refresh()
        self._mapping_stale = True
        if self.tabs.currentWidget() is self.mapping:
            self._tab_changed(self.tabs.currentIndex())

    def data_changed(self, kinds: set[str]) -> None:
        if kinds & {"products"}:
            self.reload()  # rows may have appeared: a new snapshot
        else:
            self.model.invalidate()  # only figures changed: repaint from fresh pages
            self._mapping_stale = True
            if self.tabs.currentWidget() is self.mapping:
                self._tab_changed(self.tabs.currentIndex())

    def _load_categories(self) -> None:
        current = self.category.currentData()
        self.category.blockSignals(True)
        self.category.clear()
        self.category.addItem(tr("All categories"), None)
        try:
            for c in catalog.categories(self.gui.ctx):
                self.category.addItem(c, c)
        except ServiceError:
            log.warning("could not read categories", exc_info=True)
        self.category.setCurrentIndex(max(0, self.category.findData(current)))
        self.category.blockSignals(False)

    def apply_filter(self) -> None:
        """Search as you type: a new snapshot for the text, category and archived flag."""
        self.model.set_filter(
            CatalogFilter(
                search=self.search.text(),
                include_archived=self.archived.isChecked(),
                category=self.category.currentData(),
            )
        )

    def _snapshot_loaded(self, n: int) -> None:
        text = tr("{n} variant") if n == 1 else tr("{n} variants")
        self.count_label.setText(text.format(n=format_count(n)))
        if self._keep_id is not None:
            row = self.model.row_of(self._keep_id) if n < 200_000 else -1
            if row >= 0:
                select_row(self.view, row)
            self._keep_id = None

    def _loading(self, busy: bool) -> None:
        if busy:
            self.count_label.setText(tr("Searching…"))

    def _sort_guard(self, section: int, _order: Any) -> None:
        # columns without an SQL sort keep the indicator on the column actually sorted
        if self.model.column(section).sort_key is None:
            header = self.view.horizontalHeader()
            header.blockSignals(True)
            _key, desc = self.model.sort_state
            header.setSortIndicator(
                self.model.sort_column(),
                Qt.SortOrder.DescendingOrder if desc else Qt.SortOrder.AscendingOrder,
            )
            header.blockSignals(False)

    def _tab_changed(self, index: int) -> None:
        if self.tabs.widget(index) is self.mapping and self._mapping_stale:
            self._mapping_stale = False
            self.mapping.reload()

    def activate(self, payload: Any) -> None:
        if not isinstance(payload, dict):
            return
        if payload.get("tab") == "mapping":
            self._mapping_stale = False
            self.tabs.setCurrentWidget(self.mapping)
            self.mapping.activate(payload)
            return
        self.tabs.setCurrentIndex(0)
        if "search" in payload:
            self.search.setText(str(payload["search"]))
            self._debounce.flush()

    # ------------------------------------------------------------------ selection
    def selected_product_ids(self) -> list[int]:
        """Distinct products behind the selected variant rows."""
        ids: list[int] = []
        for row in selected_rows(self.view):
            r = self.model.row_at(row)
            if r is not None and r.product_id not in ids:
                ids.append(r.product_id)
        return ids

    # ------------------------------------------------------------------ actions
    def new_product(self) -> ProductEditor:
        """Open the editor for a new product."""
        return self._open_editor(None)

    def edit_selected(self) -> ProductEditor | None:
        """Open the editor on the current row's product."""
        r = self.model.row_at(current_row(self.view))
        if r is None:
            return None
        try:
            product = catalog.get_product(self.gui.ctx, r.product_id)
        except ServiceError as exc:
            show_error(self, tr("Could not open the product"), exc)
            return None
        return self._open_editor(product)

    def _open_editor(self, product: Any) -> ProductEditor:
        editor = ProductEditor(self.gui.ctx, product, self)
        editor.accepted.connect(lambda: self._saved(editor))
        editor.finished.connect(editor.deleteLater)
        editor.open()
        return editor

    def _saved(self, editor: ProductEditor) -> None:
        if editor.saved is not None:
            self._keep_id = editor.saved.variants[0].id if editor.saved.variants else None
            self.status_message.emit(tr("Saved {name}").format(name=editor.saved.name))
        self.local_change.emit({"products"})

    def archive_selected(self) -> None:
        """Archive the selected products after a confirmation."""
        ids = self.selected_product_ids()
        if not ids:
            return
        answer = QMessageBox.question(
            self,
            tr("Archive products"),
            tr(
                "Archive {n} product(s)? They leave the catalog and stop syncing; "
                "orders and stock history stay. You can restore them with “Show archived”."
            ).format(n=len(ids)),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.set_status_selected(ProductStatus.ARCHIVED)

    def set_status_selected(self, status: ProductStatus, ids: list[int] | None = None) -> int:
        """Archive or restore products; one unit of work."""
        ids = ids if ids is not None else self.selected_product_ids()
        if not ids:
            return 0
        try:
            n = catalog.set_status(self.gui.ctx, ids, status)
        except ServiceError as exc:
            show_error(self, tr("Could not change the products"), exc)
            return 0
        done = (
            tr("{n} product(s) archived")
            if status == ProductStatus.ARCHIVED
            else tr("{n} product(s) active")
        )
        self.status_message.emit(done.format(n=n))
        self.local_change.emit({"products"})
        return n

    def ask_bulk(self, field: str) -> None:
        """Ask for a category, brand or cost and apply it to the selection."""
        ids = self.selected_product_ids()
        if not ids:
            return
        title, label = {
            "category": (tr("Set category"), tr("Category")),
            "brand": (tr("Set brand"), tr("Brand")),
            "cost": (tr("Set cost"), tr("Cost per unit (Rp)")),
        }[field]
        value, ok = QInputDialog.getText(
            self, title, tr("{label} for {n} product(s):").format(label=label, n=len(ids))
        )
        if ok:
            self.bulk_set(field, value, ids)

    def bulk_set(self, field: str, value: str, ids: list[int] | None = None) -> int:
        """Set category, brand or cost on products; one unit of work."""
        ids = ids if ids is not None else self.selected_product_ids()
        if not ids:
            return 0
        kwargs: dict[str, Any] = {}
        if field == "cost":
            kwargs["cost"] = Decimal(parse_amount_text(value) or "0") if value.strip() else None
        else:
            kwargs[field] = value
        try:
            n = catalog.bulk_update(self.gui.ctx, ids, **kwargs)
        except (ServiceError, ArithmeticError) as exc:
            msg = tr_message(exc)
            failed = {
                "category": tr("Could not set the category"),
                "brand": tr("Could not set the brand"),
                "cost": tr("Could not set the cost"),
            }.get(field, f"Could not set the {field}")
            show_error(self, failed, msg)
            return 0
        self.status_message.emit(tr("Updated {n} product(s)").format(n=n))
        self.local_change.emit({"products"})
        return n

    def review_prices(self) -> QDialog:
        """The price review over every store (app/gui/prices/review.py)."""
        from app.gui.prices.review import PriceReviewDialog

        dlg = PriceReviewDialog(self.gui.ctx, None, self)
        dlg.open()
        return dlg

    def import_excel(self) -> None:
        """Open the Excel import; other pages refresh afterwards."""
        from app.gui.excel import ImportDialog  # openpyxl: loaded when asked, not at start

        ImportDialog(self.gui.ctx, self).exec()
        self.local_change.emit({"products", "stock"})

    def export_excel(self) -> None:
        """Open the Excel export."""
        from app.gui.excel import ExportDialog  # openpyxl: loaded when asked, not at start

        ExportDialog(self.gui.ctx, self).exec()

    def focus_search(self) -> None:
        """Ctrl+F."""
        self.tabs.setCurrentIndex(0)
        self.search.setFocus()
        self.search.selectAll()

    def save_state(self, ui: UiState) -> None:
        ui.save_columns("catalog", self.view.horizontalHeader())
        self.mapping.save_state(ui)

    def restore_state(self, ui: UiState) -> None:
        ui.restore_columns("catalog", self.view.horizontalHeader())
        self.mapping.restore_state(ui)
