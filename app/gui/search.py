"""Ctrl+K: find products by name or SKU and orders by number, from anywhere."""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core.services.context import ServiceContext
from app.core.services.search import global_search
from app.gui.i18n import tr, tr_message
from app.gui.widgets.helpers import Debouncer, named

log = logging.getLogger(__name__)


class GlobalSearch(QDialog):
    """A small popup: type, arrow down, Enter.

    Signals:
        chosen(object): the picked :class:`~app.core.services.search.SearchHit`.
    """

    chosen = Signal(object)

    def __init__(self, ctx: ServiceContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("globalSearch")
        self.setWindowTitle(tr("Search StoreSync"))
        self._ctx = ctx
        self.resize(560, 380)
        self.input = named(QLineEdit(), tr("Search products and orders"))
        self.input.setPlaceholderText(tr("Product name, SKU or order number…"))
        self.results = named(QListWidget(), tr("Search results"))
        self.hint = QLabel(tr("Products by name or SKU, orders by number. Enter opens."))
        self.hint.setObjectName("hint")
        lay = QVBoxLayout(self)
        lay.addWidget(self.input)
        lay.addWidget(self.results, 1)
        lay.addWidget(self.hint)
        self._debounce = Debouncer(150, self.run_search, self)
        self.input.textChanged.connect(lambda _t: self._debounce.poke())
        self.input.returnPressed.connect(self.choose_current)
        self.results.itemActivated.connect(lambda _i: self.choose_current())
        self.input.installEventFilter(self)

    def eventFilter(self, obj, event) -> bool:  # type: ignore[override]
        # arrow keys in the input move through the results
        if (
            obj is self.input
            and isinstance(event, QKeyEvent)
            and event.type() == QKeyEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up)
        ):
            step = 1 if event.key() == Qt.Key.Key_Down else -1
            row = max(0, min(self.results.count() - 1, self.results.currentRow() + step))
            self.results.setCurrentRow(row)
            return True
        return super().eventFilter(obj, event)

    def run_search(self) -> None:
        """Query and list the hits."""
        self.results.clear()
        text = self.input.text().strip()
        if not text:
            return
        try:
            hits = global_search(self._ctx, text, limit=10)
        except Exception:
            log.exception("global search failed")
            hits = []
        product, order = tr("Product"), tr("Order")
        for hit in hits:
            label = (product if hit.kind == "variant" else order) + "  " + tr_message(hit.title)
            item = QListWidgetItem(f"{label}\n    {hit.subtitle}")
            item.setData(Qt.ItemDataRole.UserRole, hit)
            self.results.addItem(item)
        if hits:
            self.results.setCurrentRow(0)
        else:
            self.results.addItem(tr("Nothing found."))

    def choose_current(self) -> None:
        """Open the current hit."""
        self._debounce.flush()
        item = self.results.currentItem()
        hit = None if item is None else item.data(Qt.ItemDataRole.UserRole)
        if hit is not None:
            self.chosen.emit(hit)
            self.accept()
