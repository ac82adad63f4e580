"""Choosing a bundle's components in the product editor: search the catalog, add
variants, set how many of each go into one bundle (docs/ARCHITECTURE.md, bundles and
kits; the rules and checks are ``app/core/services/bundles.py``)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core.services import catalog
from app.core.services.bundles import MAX_COMPONENT_QTY, format_components
from app.core.services.context import ServiceContext
from app.gui.i18n import tr
from app.gui.widgets.helpers import named

RESULTS = 50  # search matches shown at once


class ComponentsDialog(QDialog):
    """The components of one bundle: ``text()`` gives them as ``SKU×qty, …``."""

    def __init__(
        self,
        ctx: ServiceContext,
        bundle_sku: str,
        parts: list[tuple[str, str, int]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("componentsDialog")
        self._ctx, self._bundle = ctx, bundle_sku
        self.setWindowTitle(tr("Components of {sku}").format(sku=bundle_sku or tr("new variant")))
        self.resize(620, 480)
        self.search = named(QLineEdit(), tr("Search the catalog"))
        self.search.setPlaceholderText(tr("Search by SKU or name"))
        self.search.textChanged.connect(self.refresh)
        self.results = named(QListWidget(), tr("Matching variants"))
        self.results.itemDoubleClicked.connect(lambda _i: self.add_selected())
        add = named(QPushButton(tr("Add")), tr("Add the selected variant"))
        add.clicked.connect(self.add_selected)
        remove = named(QPushButton(tr("Remove")), tr("Remove the selected component"))
        remove.clicked.connect(self.remove_selected)
        self.chosen = QTableWidget(0, 3)
        named(self.chosen, tr("Components"))
        self.chosen.setHorizontalHeaderLabels([tr("SKU"), tr("Name"), tr("Quantity")])
        self.chosen.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        hint = QLabel(
            tr(
                "A bundle has no stock of its own: its stock is what its scarcest component "
                "allows, and each order takes its components."
            )
        )
        hint.setWordWrap(True)
        hint.setObjectName("hint")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.search, 1)
        row.addWidget(add)
        lay = QVBoxLayout(self)
        lay.addLayout(row)
        lay.addWidget(self.results, 1)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(tr("Components (quantity in one bundle)")))
        bar.addStretch(1)
        bar.addWidget(remove)
        lay.addLayout(bar)
        lay.addWidget(self.chosen, 1)
        lay.addWidget(hint)
        lay.addWidget(buttons)
        for sku, name, qty in parts:
            self.add_component(sku, name, qty)

    def refresh(self) -> None:
        """Show the variants matching the search (the bundle itself left out)."""
        self.results.clear()
        text = self.search.text().strip()
        if not text:
            return
        ids = list(catalog.variant_ids(self._ctx, text, limit=RESULTS))
        rows = catalog.variant_rows(self._ctx, ids)
        for vid in ids:
            r = rows.get(vid)
            if r is None or catalog.sku_key(r.sku) == catalog.sku_key(self._bundle):
                continue
            label = " · ".join(x for x in (r.sku, r.product_name, r.variant_name) if x)
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, (r.sku, r.variant_name or r.product_name))
            self.results.addItem(item)

    def add_selected(self) -> None:
        item = self.results.currentItem() or (
            self.results.item(0) if self.results.count() == 1 else None
        )
        if item is not None:
            sku, name = item.data(Qt.ItemDataRole.UserRole)
            self.add_component(sku, name, 1)

    def add_component(self, sku: str, name: str, qty: int) -> None:
        """Add a component row (a SKU already chosen gets one more instead)."""
        for row in range(self.chosen.rowCount()):
            if catalog.sku_key(self.sku_at(row)) == catalog.sku_key(sku):
                self.quantity(row).setValue(self.quantity(row).value() + 1)
                return
        row = self.chosen.rowCount()
        self.chosen.insertRow(row)
        for col, text in enumerate((sku, name)):
            item = QTableWidgetItem(text)
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.chosen.setItem(row, col, item)
        spin = named(QSpinBox(), tr("Quantity of {sku}").format(sku=sku))
        spin.setRange(1, MAX_COMPONENT_QTY)
        spin.setValue(max(1, min(qty, MAX_COMPONENT_QTY)))
        self.chosen.setCellWidget(row, 2, spin)

    def remove_selected(self) -> None:
        row = self.chosen.currentRow()
        if row >= 0:
            self.chosen.removeRow(row)

    def sku_at(self, row: int) -> str:
        item = self.chosen.item(row, 0)
        return "" if item is None else item.text()

    def quantity(self, row: int) -> QSpinBox:
        widget = self.chosen.cellWidget(row, 2)
        assert isinstance(widget, QSpinBox)
        return widget

    def text(self) -> str:
        """The chosen components as the editor's cell shows them: ``A×2, B×1``."""
        return format_components(
            (self.sku_at(r), self.quantity(r).value()) for r in range(self.chosen.rowCount())
        )
