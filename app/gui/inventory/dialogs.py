"""Stock dialogs: adjust (with a reason), receive, transfer, stocktake, reorder point.

Each Save is one service call, i.e. one unit of work; a broken rule is shown at its field
and nothing changes. The spin boxes stop at the same bound the services check
(``app.core.domain.bounds``, docs/ARCHITECTURE.md "Bounds").
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.core.domain.bounds import MAX_QUANTITY
from app.core.services import catalog, inventory
from app.core.services.context import ServiceContext
from app.core.services.errors import NegativeStockError, ServiceError, ValidationError
from app.core.services.locations import LocationRow
from app.core.services.stock_levels import StockLevel
from app.gui.catalog.editor import parse_amount_text
from app.gui.i18n import tr, tr_message
from app.gui.widgets.helpers import error_label, named, set_error, show_error

KINDS = ("adjust", "receive", "transfer", "stocktake", "reorder")


def adjust_reasons() -> tuple[str, ...]:
    """The ready-made reasons of an adjustment, in the interface language. The one picked
    (or typed) is the seller's note on the ledger row, like any other note."""
    return (
        tr("Damaged"),
        tr("Lost"),
        tr("Found"),
        tr("Counting error"),
        tr("Sample / gift"),
        tr("Returned by buyer"),
    )


def kind_title(kind: str) -> str:
    """The title of the dialog for a stock action (one of :data:`KINDS`)."""
    titles = {
        "adjust": tr("Adjust stock"),
        "receive": tr("Receive stock"),
        "transfer": tr("Transfer stock"),
        "stocktake": tr("Stocktake"),
        "reorder": tr("Reorder point"),
    }
    return titles[kind]


class StockDialog(QDialog):
    """One dialog for the five stock actions; ``kind`` picks the fields."""

    def __init__(
        self,
        ctx: ServiceContext,
        kind: str,
        row: StockLevel | None,
        locations: list[LocationRow],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName(f"{kind}Dialog")
        self._ctx = ctx
        self.kind = kind
        self.row = row
        self.done_message = ""
        title = kind_title(kind)
        self.setWindowTitle(f"{title} — {row.sku}" if row else title)
        form = QFormLayout()
        self.errors: dict[str, QLabel] = {}

        def add(label: str, widget: QWidget, key: str) -> None:
            named(widget, label)
            form.addRow(label, widget)
            self.errors[key] = error_label()
            form.addRow("", self.errors[key])

        self.sku = QLineEdit(row.sku if row else "")
        self.sku.setReadOnly(row is not None)
        add(tr("SKU"), self.sku, "sku")
        if row is not None:
            where = tr(
                "At {location}: {on_hand} on hand, {reserved} reserved, {available} available"
            ).format(
                location=row.location_name,
                on_hand=row.on_hand,
                reserved=row.reserved,
                available=row.available,
            )
            info = QLabel(f"{row.product_name} {row.variant_name}".strip() + "\n" + where)
            info.setObjectName("hint")
            form.addRow("", info)

        self.location = QComboBox()
        for loc in locations:
            self.location.addItem(loc.name, loc.id)
        if row is not None:
            self.location.setCurrentIndex(max(0, self.location.findData(row.location_id)))
        self.to_location = QComboBox()
        for loc in locations:
            self.to_location.addItem(loc.name, loc.id)
        if (
            self.to_location.count() > 1
            and self.to_location.currentData() == self.location.currentData()
        ):
            self.to_location.setCurrentIndex(1)

        self.quantity = QSpinBox()
        self.note = QLineEdit()
        self.reason = QComboBox()
        self.reason.setEditable(True)
        self.reason.addItems(("", *adjust_reasons()))
        self.unit_cost = QLineEdit()
        self.unit_cost.setPlaceholderText(tr("optional, e.g. 35.000"))
        self.reorder_qty = QSpinBox()
        self.reorder_qty.setRange(0, MAX_QUANTITY)

        if kind == "adjust":
            add(tr("Location"), self.location, "location")
            self.quantity.setRange(-MAX_QUANTITY, MAX_QUANTITY)
            add(tr("Change (+ adds, − removes)"), self.quantity, "delta")
            add(tr("Reason"), self.reason, "reason")
        elif kind == "receive":
            add(tr("Location"), self.location, "location")
            self.quantity.setRange(0, MAX_QUANTITY)
            add(tr("Quantity received"), self.quantity, "quantity")
            add(tr("Unit cost (Rp)"), self.unit_cost, "unit_cost")
            add(tr("Note (supplier, invoice)"), self.note, "note")
        elif kind == "transfer":
            add(tr("From"), self.location, "location")
            add(tr("To"), self.to_location, "to_location")
            self.quantity.setRange(0, MAX_QUANTITY)
            add(tr("Quantity"), self.quantity, "quantity")
            add(tr("Note"), self.note, "note")
        elif kind == "stocktake":
            add(tr("Location"), self.location, "location")
            self.quantity.setRange(0, MAX_QUANTITY)
            self.quantity.setValue(row.on_hand if row else 0)
            add(tr("Counted on hand"), self.quantity, "counted")
            add(tr("Note"), self.note, "note")
        elif kind == "reorder":
            add(tr("Location"), self.location, "location")
            self.quantity.setRange(0, MAX_QUANTITY)
            self.quantity.setValue(row.reorder_point if row else 0)
            add(tr("Reorder when available ≤"), self.quantity, "reorder_point")
            self.reorder_qty.setValue(0)
            add(tr("Reorder quantity"), self.reorder_qty, "reorder_qty")
        self.form_error = error_label()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        lay = self._layout = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(self.form_error)
        lay.addWidget(buttons)
        self.quantity.setFocus()

    def _variant_id(self) -> int:
        if self.row is not None:
            return self.row.variant_id
        v = catalog.find_variant_by_sku(self._ctx, self.sku.text())
        if v is None:
            sku = self.sku.text().strip()
            raise ValidationError(tr("no variant has SKU {sku}").format(sku=repr(sku)), "sku")
        return v.id

    def _unit_cost(self) -> Decimal | None:
        text = self.unit_cost.text().strip()
        if not text:
            return None
        try:
            value = Decimal(parse_amount_text(text))
        except InvalidOperation:
            message = tr("{text} is not an amount").format(text=repr(text))
            raise ValidationError(message, "unit_cost") from None
        if value < 0:
            raise ValidationError(tr("cost cannot be negative"), "unit_cost")
        return value

    def apply(self) -> None:
        """Call the service (raises its errors)."""
        ctx, vid, loc = self._ctx, self._variant_id(), int(self.location.currentData())
        qty = self.quantity.value()
        if self.kind == "adjust":
            inventory.adjust(ctx, vid, loc, qty, self.reason.currentText())
            self.done_message = tr("Adjusted by {change}").format(change=f"{qty:+d}")
        elif self.kind == "receive":
            inventory.receive(ctx, vid, loc, qty, self.note.text(), unit_cost=self._unit_cost())
            self.done_message = tr("Received {n}").format(n=qty)
        elif self.kind == "transfer":
            inventory.transfer(
                ctx, vid, loc, int(self.to_location.currentData()), qty, self.note.text()
            )
            self.done_message = tr("Transferred {n}").format(n=qty)
        elif self.kind == "stocktake":
            diff = inventory.stocktake(ctx, vid, loc, qty, self.note.text())
            self.done_message = tr("Stocktake booked {change}").format(change=f"{diff:+d}")
        elif self.kind == "reorder":
            inventory.set_reorder(ctx, vid, loc, qty, self.reorder_qty.value())
            self.done_message = tr("Reorder point saved")

    def save(self) -> None:
        """Apply and close; on a broken rule stay open with the message at the field."""
        for label in (*self.errors.values(), self.form_error):
            set_error(label, None)
        try:
            self.apply()
        except ValidationError as exc:
            self._refuse(self.errors.get(exc.field or "", self.form_error), exc.message)
            return
        except NegativeStockError as exc:
            key = "delta" if self.kind == "adjust" else "quantity"
            self._refuse(self.errors.get(key, self.form_error), tr_message(exc))
            return
        except ServiceError as exc:
            show_error(self, kind_title(self.kind), exc)
            return
        self.accept()

    def _refuse(self, label: QLabel, message: str) -> None:
        """Show the message at its field and grow the dialog to hold it: a top-level window
        keeps its size when a row appears, so the rows were squeezed and the texts overlapped
        (issue 15)."""
        set_error(label, message)
        layout = self._layout
        layout.activate()
        width = max(self.width(), self.minimumSizeHint().width())
        height = max(self.height(), layout.totalHeightForWidth(width))
        self.resize(width, height)
