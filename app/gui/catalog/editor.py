"""The product editor: product fields plus a variants table, with messages at the field."""

from __future__ import annotations

import re
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core.services import bundles, catalog
from app.core.services.catalog import ProductDTO, ProductInput, VariantDTO, VariantInput
from app.core.services.channel_stock import listing_stores, set_last_units
from app.core.services.context import ServiceContext
from app.core.services.errors import ConflictError, ServiceError, ValidationError
from app.gui import i18n
from app.gui.i18n import N_, tr
from app.gui.widgets.columns import ERROR
from app.gui.widgets.helpers import error_label, fit_headers, named, set_error, show_error

# variants table columns: (title, ProductInput field name used in ValidationError.field);
# titles and hints are marked N_() and shown through i18n.tr_cached()
VARIANT_COLUMNS = (
    (N_("SKU"), "sku"),
    (N_("Variant name"), "name"),
    (N_("Attributes"), "attributes"),
    (N_("Price (Rp)"), "price"),
    (N_("Cost (Rp)"), "cost"),
    (N_("Weight (g)"), "weight_grams"),
    (N_("Barcode"), "barcode"),
    (N_("Images"), "images"),
    (N_("Last units"), "last_units_threshold"),
    (N_("Last units go to"), "last_units_store_id"),
    (N_("Components"), "components"),
)
COLUMN_HINTS = {
    "attributes": N_("name=value pairs separated by ;  e.g. Colour=Red; Size=XL"),
    "images": N_("file paths or URLs separated by ;"),
    "price": N_("e.g. 150000 or 150.000"),
    "last_units_threshold": N_(
        "At or below this many units, offer the variant on one store only. "
        "Empty: the workspace setting; 0: off."
    ),
    "last_units_store_id": N_(
        "The store that keeps offering the last units; the others show 0. "
        "Automatic: the store that sold it fastest lately."
    ),
    "components": N_(
        "A bundle's components as SKU×qty, separated by commas (e.g. TEE-RED-M×2, "
        "MUG-01×1); its stock is what its scarcest component allows. Empty: not a bundle."
    ),
}
COL = {key: i for i, (_t, key) in enumerate(VARIANT_COLUMNS)}
_FIELD_RE = re.compile(r"^variants\[(\d+)\]\.(\w+)$")


def amount_text(value: Decimal) -> str:
    """An amount as typed in the editor: ``150000`` or ``1500.5``."""
    return str(int(value)) if value == value.to_integral() else str(value.normalize())


def parse_amount_text(raw: str) -> str:
    """Accept ``Rp 150.000``, ``150.000``, ``150000``, ``1.500,50`` as a seller types them."""
    s = raw.strip().replace("Rp", "").replace("rp", "").replace(" ", "")
    if "," in s:  # Indonesian decimal comma: dots are thousands separators
        return s.replace(".", "").replace(",", ".")
    if re.fullmatch(r"\d{1,3}(\.\d{3})+", s):
        return s.replace(".", "")
    return s


def parse_attributes(raw: str, field: str) -> dict[str, str]:
    """``Colour=Red; Size=XL`` → dict; a part without ``=`` is a validation error."""
    out: dict[str, str] = {}
    for part in (p.strip() for p in raw.split(";")):
        if not part:
            continue
        if "=" not in part:
            raise ValidationError(
                tr("write attributes as name=value; {part} has no =").format(part=repr(part)),
                field,
            )
        k, v = (x.strip() for x in part.split("=", 1))
        if not k:
            raise ValidationError(tr("an attribute needs a name before ="), field)
        out[k] = v
    return out


class ProductEditor(QDialog):
    """Create or edit a product with its variants. Save is one unit of work."""

    def __init__(
        self, ctx: ServiceContext, product: ProductDTO | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("productEditor")
        self._ctx = ctx
        self._product = product
        self.saved: ProductDTO | None = None
        # the stores listing each saved variant: the choices for "Last units go to"
        self._stores = (
            listing_stores(ctx, [v.id for v in product.variants]) if product is not None else {}
        )
        # each saved variant's components, as SKU×qty text (empty: not a bundle)
        self._components = (
            {
                v.id: bundles.format_components(
                    (c.sku, c.quantity) for c in bundles.components(ctx, v.id)
                )
                for v in product.variants
            }
            if product is not None
            else {}
        )
        self.setWindowTitle(
            tr("Edit {name}").format(name=product.name) if product else tr("New product")
        )
        self.resize(1240, 560)  # every variant column in view, "Last units go to" too (< 1280)

        self.name = named(QLineEdit(), tr("Product name"))
        self.brand = named(QLineEdit(), tr("Brand"))
        self.category = named(QLineEdit(), tr("Category"))
        self.description = named(QPlainTextEdit(), tr("Description"))
        self.description.setFixedHeight(70)
        self.errors = {k: error_label() for k in ("name", "brand", "category", "variants")}
        form = QFormLayout()
        form.addRow(tr("Name"), self.name)
        form.addRow("", self.errors["name"])
        form.addRow(tr("Brand"), self.brand)
        form.addRow("", self.errors["brand"])
        form.addRow(tr("Category"), self.category)
        form.addRow("", self.errors["category"])
        form.addRow(tr("Description"), self.description)

        self.table = QTableWidget(0, len(VARIANT_COLUMNS))
        self.table.setObjectName("variantsTable")
        named(self.table, tr("Variants"))
        self.table.setHorizontalHeaderLabels([i18n.tr_cached(t) for t, _ in VARIANT_COLUMNS])
        for i, (_t, key) in enumerate(VARIANT_COLUMNS):
            header_item = self.table.horizontalHeaderItem(i)
            if header_item is not None and key in COLUMN_HINTS:
                header_item.setToolTip(i18n.tr_cached(COLUMN_HINTS[key]))
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        # the last column holds a combo box: sized to it, not stretched (or squeezed)
        self.table.horizontalHeader().setStretchLastSection(False)
        self.table.verticalHeader().setDefaultSectionSize(26)
        # no title clipped ("Weight (g"), in either language
        fit_headers(self.table, dict(enumerate((120, 110, 120, 95, 95, 80, 100, 90))))
        add = named(QPushButton(tr("Add variant")), tr("Add variant"))
        add.clicked.connect(lambda: self.add_variant_row())
        remove = named(QPushButton(tr("Remove variant")), tr("Remove variant"))
        remove.clicked.connect(self.remove_variant_row)
        image = named(QPushButton(tr("Add image…")), tr("Add image file to the selected variant"))
        image.clicked.connect(self.add_image)
        parts = named(
            QPushButton(tr("Components…")), tr("Make the selected variant a bundle of components")
        )
        parts.clicked.connect(self.choose_components)
        vbar = QHBoxLayout()
        vbar.addWidget(QLabel(tr("Variants")))
        vbar.addStretch(1)
        for b in (add, remove, image, parts):
            vbar.addWidget(b)
        self.form_error = error_label()
        hint = QLabel(
            tr(
                "Attributes: Colour=Red; Size=XL · Images: file paths or URLs separated by ; · "
                "Removed variants are archived, never deleted."
            )
        )
        hint.setObjectName("hint")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addLayout(vbar)
        lay.addWidget(self.table, 1)
        lay.addWidget(hint)
        lay.addWidget(self.errors["variants"])
        lay.addWidget(self.form_error)
        lay.addWidget(buttons)

        if product is not None:
            self.name.setText(product.name)
            self.brand.setText(product.brand)
            self.category.setText(product.category)
            self.description.setPlainText(product.description)
            for v in product.variants:
                if v.status == "active":
                    self.add_variant_row(v)
        if self.table.rowCount() == 0:
            self.add_variant_row()

    # ------------------------------------------------------------------ variants table
    def add_variant_row(self, v: VariantDTO | None = None) -> int:
        """Append a variant row (empty, or filled from ``v``); returns its index."""
        row = self.table.rowCount()
        self.table.insertRow(row)
        values = (
            ("", "", "", "0", "0", "0", "", "", "", "", "")
            if v is None
            else (
                v.sku,
                v.name,
                "; ".join(f"{k}={val}" for k, val in v.attributes.items()),
                amount_text(v.price),
                amount_text(v.cost),
                str(v.weight_grams),
                v.barcode,
                "; ".join(v.images),
                "" if v.last_units_threshold is None else str(v.last_units_threshold),
                "",
                self._components.get(v.id, ""),
            )
        )
        for col, text in enumerate(values):
            item = QTableWidgetItem(text)
            if col == 0:
                item.setData(Qt.ItemDataRole.UserRole, None if v is None else v.id)
            self.table.setItem(row, col, item)
        choice = self._store_choice(v)
        self.table.setCellWidget(row, COL["last_units_store_id"], choice)
        col = COL["last_units_store_id"]  # wide enough for its longest store name
        self.table.setColumnWidth(
            col, max(self.table.columnWidth(col), choice.sizeHint().width() + 2)
        )
        return row

    def _store_choice(self, v: VariantDTO | None) -> QComboBox:
        """ "Last units go to": Automatic, or one of the stores listing the variant (a new
        variant is listed nowhere yet: Automatic only)."""
        combo = named(QComboBox(), tr("Last units go to"))
        combo.addItem(tr("Automatic (fastest seller)"), None)
        for store_id, name in self._stores.get(v.id, []) if v is not None else []:
            combo.addItem(name, store_id)
        if v is not None and v.last_units_store_id is not None:
            # a store that no longer lists it is ignored by the rule: shown as Automatic
            combo.setCurrentIndex(max(0, combo.findData(v.last_units_store_id)))
        return combo

    def store_choice(self, row: int) -> QComboBox:
        """The "Last units go to" choice of a variants-table row."""
        widget = self.table.cellWidget(row, COL["last_units_store_id"])
        assert isinstance(widget, QComboBox)
        return widget

    def remove_variant_row(self) -> None:
        """Remove the selected variant row (saved variants are archived, not deleted)."""
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)

    def add_image(self) -> None:
        """Append an image file path to the current variant's images."""
        row = self.table.currentRow()
        if row < 0:
            return
        path, _ = QFileDialog.getOpenFileName(
            self, tr("Choose an image"), "", tr("Images (*.png *.jpg *.jpeg *.webp)")
        )
        if path:
            self.set_cell(row, "images", "; ".join(filter(None, [self.cell(row, "images"), path])))

    def choose_components(self) -> None:
        """Pick the current variant's components with search and quantities."""
        from app.gui.catalog.components import ComponentsDialog

        row = self.table.currentRow()
        if row < 0:
            row = 0
        try:
            parts = bundles.parse_components(self.cell(row, "components"), self._known_skus(row))
        except ValidationError:
            parts = []  # the cell's text is checked at Save; start from nothing
        dialog = ComponentsDialog(
            self._ctx, self.cell(row, "sku"), [(sku, "", q) for sku, q in parts], self
        )
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.set_cell(row, "components", dialog.text())

    def _known_skus(self, row: int) -> list[str]:
        """The catalog SKUs a components cell names (as the catalog writes them)."""
        words: list[str] = []
        for part in self.cell(row, "components").split(","):
            m = bundles.ENTRY.match(part.strip())
            words += [part.strip(), m["sku"].strip()] if m else [part.strip()]
        found = [catalog.find_variant_by_sku(self._ctx, w) for w in words if w]
        return [v.sku for v in found if v is not None]

    def cell(self, row: int, key: str) -> str:
        """The text of a variants-table cell."""
        item = self.table.item(row, COL[key])
        return "" if item is None else item.text().strip()

    def set_cell(self, row: int, key: str, text: str) -> None:
        """Set a variants-table cell's text."""
        item = self.table.item(row, COL[key])
        if item is None:
            item = QTableWidgetItem()
            self.table.setItem(row, COL[key], item)
        item.setText(text)

    # ------------------------------------------------------------------ save
    def product_input(self) -> ProductInput:
        """The form as a :class:`ProductInput` (raises ValidationError for local parsing)."""
        variants = []
        for row in range(self.table.rowCount()):
            prefix = f"variants[{row}]."
            weight_text = self.cell(row, "weight_grams") or "0"
            try:
                weight = int(weight_text)
            except ValueError:
                raise ValidationError(
                    tr("weight must be a whole number of grams"), prefix + "weight_grams"
                ) from None
            vid_item = self.table.item(row, COL["sku"])
            vid = None if vid_item is None else vid_item.data(Qt.ItemDataRole.UserRole)
            variants.append(
                VariantInput(
                    sku=self.cell(row, "sku"),
                    name=self.cell(row, "name"),
                    attributes=parse_attributes(
                        self.cell(row, "attributes"), prefix + "attributes"
                    ),
                    price=parse_amount_text(self.cell(row, "price")),
                    cost=parse_amount_text(self.cell(row, "cost")),
                    weight_grams=weight,
                    barcode=self.cell(row, "barcode"),
                    images=tuple(
                        p.strip() for p in self.cell(row, "images").split(";") if p.strip()
                    ),
                    id=vid,
                )
            )
        return ProductInput(
            name=self.name.text(),
            variants=tuple(variants),
            description=self.description.toPlainText(),
            brand=self.brand.text(),
            category=self.category.text(),
        )

    def clear_errors(self) -> None:
        """Hide every validation message and cell highlight."""
        for label in (*self.errors.values(), self.form_error):
            set_error(label, None)
        for r in range(self.table.rowCount()):
            for c in range(self.table.columnCount()):
                item = self.table.item(r, c)
                if item is not None:
                    item.setData(Qt.ItemDataRole.BackgroundRole, None)
                    item.setToolTip("")

    def show_field_error(self, field: str | None, message: str) -> None:
        """Put ``message`` next to the field a :class:`ValidationError` names."""
        message = i18n.tr_message(message)
        m = _FIELD_RE.match(field or "")
        if m:
            row, key = int(m.group(1)), m.group(2)
            col = COL.get(key, 0)
            item = self.table.item(row, col)
            if item is not None:
                bad = QColor(ERROR)
                bad.setAlpha(70)
                item.setData(Qt.ItemDataRole.BackgroundRole, bad)
                item.setToolTip(message)
            title = i18n.tr_cached(VARIANT_COLUMNS[col][0]).split(" (")[0]
            set_error(
                self.errors["variants"],
                tr("Variant row {row}, {column}: {message}").format(
                    row=row + 1, column=title, message=message
                ),
            )
            self.table.setCurrentCell(row, col)
            self.table.setFocus()
            return
        if field in self.errors:
            set_error(self.errors[field], message)
            widget = {"name": self.name, "brand": self.brand, "category": self.category}.get(field)
            if widget is not None:
                widget.setFocus()
            return
        set_error(self.form_error, message)

    def last_units(self) -> dict[str, tuple[int | None, int | None]]:
        """Each row's last-units override (empty: the workspace setting) and the store its
        last units go to (None: automatic), by SKU key."""
        out: dict[str, tuple[int | None, int | None]] = {}
        for row in range(self.table.rowCount()):
            text = self.cell(row, "last_units_threshold")
            if text and not (text.isascii() and text.isdigit() and int(text) <= 100_000):
                raise ValidationError(
                    tr("last units must be a whole number from 0 to 100000, or empty"),
                    f"variants[{row}].last_units_threshold",
                )
            out[catalog.sku_key(self.cell(row, "sku"))] = (
                int(text) if text else None,
                self.store_choice(row).currentData(),
            )
        return out

    def save(self) -> None:
        """Validate and save; on a broken rule the dialog stays open with the message."""
        self.clear_errors()
        try:
            data = self.product_input()
            last_units = self.last_units()
            if self._product is None:
                self.saved = catalog.create_product(self._ctx, data)
            else:
                self.saved = catalog.update_product(self._ctx, self._product.id, data)
            changed = False
            for v in self.saved.variants:
                had = (v.last_units_threshold, v.last_units_store_id)
                wanted = last_units.get(catalog.sku_key(v.sku), had)
                if wanted != had:
                    set_last_units(self._ctx, v.id, *wanted)
                    changed = True
            self._product = self.saved  # saved: a second Save after an error updates it
            self._save_components()
            if changed:
                self.saved = catalog.get_product(self._ctx, self.saved.id)
        except ValidationError as exc:
            self.show_field_error(exc.field, exc.message)
            return
        except ConflictError as exc:
            self._show_conflict(exc.args[0] if exc.args else str(exc))
            return
        except ServiceError as exc:
            show_error(self, tr("Could not save the product"), exc)
            return
        self.accept()

    def _save_components(self) -> None:
        """Each row's components, where they changed (services/bundles.py checks them)."""
        assert self.saved is not None
        rows = {catalog.sku_key(self.cell(r, "sku")): r for r in range(self.table.rowCount())}
        for v in self.saved.variants:
            row = rows.get(catalog.sku_key(v.sku))
            if row is None:
                continue
            wanted, had = self.cell(row, "components"), self._components.get(v.id, "")
            if wanted == had:
                continue
            try:
                if wanted:
                    bundles.set_components_by_sku(self._ctx, v.sku, wanted)
                else:
                    bundles.clear_by_sku(self._ctx, v.sku)
            except ValidationError as exc:
                raise ValidationError(exc.message, f"variants[{row}].components") from None
            self._components[v.id] = wanted

    def _show_conflict(self, message: str) -> None:
        # a duplicate SKU: point at the row that has it
        for row in range(self.table.rowCount()):
            sku = self.cell(row, "sku")
            if sku and f"SKU {sku} " in message:
                self.show_field_error(f"variants[{row}].sku", message)
                return
        set_error(self.form_error, message)
