"""What an Excel import understands: the kinds, their columns (with their Indonesian and
marketplace-export synonyms) and the shape of a problem report. Shared by the reader
(:mod:`app.core.export.import_read`) and the importer (:mod:`app.core.export.importer`).
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass
from typing import Any

from app.core.domain.bounds import MAX_QUANTITY


class ImportKind(enum.StrEnum):
    """What a file imports (the values are the command-line names)."""

    PRODUCTS = "products"
    STOCK = "stock"


@dataclass(frozen=True)
class Field:
    """A column the importer understands."""

    key: str
    header: str  # as the template writes it
    required: bool
    synonyms: tuple[str, ...]
    hint: str


def norm(text: Any) -> str:
    """Header matching key: lower case, no spaces, underscores, dots or brackets."""
    return re.sub(r"[\s_\-./()*:]+", "", str(text or "")).lower()


PRODUCT_FIELDS = (
    Field("product", "Product name", True, ("product", "namaproduk", "produk"), "required"),
    Field("sku", "SKU", True, ("kodesku", "skuvariasi", "kodebarang"), "required, unique"),
    Field("variant", "Variant name", False, ("variant", "variasi", "namavariasi", "varian"), ""),
    Field("price", "Price", False, ("harga", "hargajual"), "Rupiah, e.g. 150000"),
    Field("cost", "Cost", False, ("hpp", "modal", "hargamodal", "costprice"), "Rupiah"),
    Field("weight", "Weight (g)", False, ("weight", "berat", "beratgram", "beratg"), "grams"),
    Field("barcode", "Barcode", False, ("ean", "kodebarcode"), ""),
    Field("brand", "Brand", False, ("merek", "merk"), ""),
    Field("category", "Category", False, ("kategori",), ""),
    Field("description", "Description", False, ("deskripsi",), ""),
    Field("stock", "Initial stock", False, ("stock", "stok", "stokawal", "qty", "jumlah"), ""),
    Field("location", "Location", False, ("lokasi", "gudang", "locationcode"), "code or name"),
    # a bundle's components (export/bundle_sheet.py, docs/ARCHITECTURE.md bundles and kits)
    Field(
        "components",
        "Components",
        False,
        ("komponen", "isibundle", "isipaket", "bundle", "kit"),
        "bundles only: SKU×qty, comma-separated, e.g. TEE-RED-M×2, MUG-01×1",
    ),
)
STOCK_FIELDS = (
    Field("sku", "SKU", True, ("kodesku", "kodebarang"), "required"),
    Field("location", "Location", True, ("lokasi", "gudang", "locationcode"), "code or name"),
    Field(
        "counted",
        "Counted",
        True,
        ("count", "stock", "stok", "stokfisik", "jumlah", "qty", "quantity", "onhand"),
        f"whole number, 0 to {MAX_QUANTITY:,}",
    ),
    Field("note", "Note", False, ("notes", "catatan", "keterangan"), ""),
)
FIELDS = {ImportKind.PRODUCTS: PRODUCT_FIELDS, ImportKind.STOCK: STOCK_FIELDS}
SHEET_NAMES = {ImportKind.PRODUCTS: "Products", ImportKind.STOCK: "Stock"}


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the file, where a person can find it."""

    row: int  # the spreadsheet's row number (1 is the header)
    column: str  # the header as written in the file, or the expected header if missing
    message: str
    col_index: int | None = None  # 1-based column in the sheet, when there is one
