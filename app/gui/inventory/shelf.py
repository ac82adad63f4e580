"""Inventory page → "Shelf…": where the selected variant sits in its location.

The shelf (or bin) code orders the picking list for one walk through the shelves
(``app/core/services/picking.py``, docs/ARCHITECTURE.md "Fulfilment"). One service call
per Save; a code that breaks a rule is shown at the field and nothing changes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core.services import picking
from app.core.services.context import ServiceContext
from app.core.services.errors import ServiceError, ValidationError
from app.core.services.stock_levels import StockLevel
from app.gui.i18n import tr
from app.gui.widgets.helpers import error_label, named, set_error, show_error

if TYPE_CHECKING:
    from app.gui.inventory.page import InventoryPage


def install(page: InventoryPage, actions: QHBoxLayout) -> None:
    """Add the "Shelf…" button beside the stock actions (enabled with a selected row)."""
    button = named(
        QPushButton(tr("Shelf…")), tr("Shelf"), tr("Where this SKU sits here (picking order)")
    )
    button.clicked.connect(lambda: open_shelf_dialog(page))
    page.buttons["shelf"] = button
    actions.insertWidget(actions.indexOf(page.buttons["reorder"]) + 1, button)
    button.setEnabled(page.selected() is not None)


def open_shelf_dialog(page: InventoryPage) -> ShelfDialog | None:
    """Open the dialog for the selected stock row."""
    row = page.selected()
    if row is None:
        return None
    dlg = ShelfDialog(page.gui.ctx, row, page)

    def saved() -> None:
        page.status_message.emit(dlg.done_message)
        page.local_change.emit({"stock"})

    dlg.accepted.connect(saved)
    dlg.finished.connect(dlg.deleteLater)
    dlg.open()
    return dlg


class ShelfDialog(QDialog):
    """Edit one variant's shelf code at one location."""

    def __init__(self, ctx: ServiceContext, row: StockLevel, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("shelfDialog")
        self.setWindowTitle(tr("Shelf — {sku}").format(sku=row.sku))
        self._ctx = ctx
        self.row = row
        self.done_message = ""
        self.shelf = named(QLineEdit(row.shelf), tr("Shelf code"), tr("e.g. A-03-2"))
        self.shelf.setPlaceholderText(tr("e.g. A-03-2"))
        self.shelf.setMaxLength(picking.SHELF_MAX_LENGTH + 10)  # longer is refused, not cut
        self.error = error_label(self)
        form = QFormLayout()
        form.addRow(QLabel(tr("Location")), QLabel(row.location_name))
        form.addRow(tr("Shelf code"), self.shelf)
        hint = QLabel(tr("The picking list walks each location by shelf code, then SKU."))
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(self.error)
        lay.addWidget(hint)
        lay.addWidget(buttons)

    def save(self) -> None:
        """One service call; a bad code is shown at the field and nothing changes."""
        try:
            shelf = picking.set_shelf(
                self._ctx, self.row.variant_id, self.row.location_id, self.shelf.text()
            )
        except ValidationError as exc:
            set_error(self.error, exc.message)
            return
        except ServiceError as exc:
            show_error(self, self.windowTitle(), exc)
            return
        self.done_message = (
            tr("{sku}: shelf {shelf}").format(sku=self.row.sku, shelf=shelf)
            if shelf
            else tr("{sku}: no shelf").format(sku=self.row.sku)
        )
        self.accept()
