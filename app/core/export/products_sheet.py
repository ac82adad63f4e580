"""The product export (``storesync template products --prefill``): the product template
with the catalog filled in, one row per variant in the import's columns, a bundle's
components in the Components column as ``SKU×qty`` (docs/ARCHITECTURE.md, bundles and
kits), so a seller sees and edits the catalog in the same shape the import reads."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from sqlalchemy import select

from app.core.db.models import Product, Variant
from app.core.export.import_fields import PRODUCT_FIELDS, SHEET_NAMES, ImportKind
from app.core.export.importer import write_template
from app.core.services.bundles import components_text
from app.core.services.context import ServiceContext

CHUNK = 1000


def export_products(ctx: ServiceContext, path: Path) -> int:
    """Write the product template with every variant of the catalog; returns the rows."""
    write_template(ImportKind.PRODUCTS, path, ctx)
    wb = load_workbook(path)
    written = fill(wb[SHEET_NAMES[ImportKind.PRODUCTS]], ctx)
    wb.save(path)
    return written


def fill(ws: Any, ctx: ServiceContext) -> int:
    """Append the workspace's variants to the sheet ``ws`` (headers already written) in
    :data:`PRODUCT_FIELDS` order; a column this module does not know stays empty."""
    keys = [f.key for f in PRODUCT_FIELDS]
    written = 0
    with ctx.read() as s:
        rows = s.execute(
            select(
                Variant.id,
                Product.name,
                Variant.sku,
                Variant.name,
                Variant.price,
                Variant.cost,
                Variant.weight_grams,
                Variant.barcode,
                Product.brand,
                Product.category,
                Product.description,
            )
            .join(Product, Product.id == Variant.product_id)
            .where(Variant.workspace_id == ctx.workspace_id)
            .order_by(Product.name, Product.id, Variant.id)
        ).all()
        for start in range(0, len(rows), CHUNK):
            chunk = rows[start : start + CHUNK]
            parts = components_text(s, [r[0] for r in chunk])
            for vid, product, sku, variant, price, cost, grams, barcode, brand, cat, desc in chunk:
                values = {
                    "product": product,
                    "sku": sku,
                    "variant": variant,
                    "price": price,
                    "cost": cost,
                    "weight": grams or None,
                    "barcode": barcode,
                    "brand": brand,
                    "category": cat,
                    "description": desc,
                    "components": parts.get(vid, ""),
                }
                ws.append([values.get(k) for k in keys])
                written += 1
    return written
