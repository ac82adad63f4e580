"""Search across the workspace: the window's global search box and the variant pickers.

Products and variants are found through the catalog's full-text index
(:func:`app.core.services.catalog.fts_query`), orders by the start of their number.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from app.core.db.models import Order, Product, Store, Variant
from app.core.domain import ProductStatus
from app.core.services.catalog import fts_query, fts_variant_ids
from app.core.services.context import ServiceContext
from app.core.text import msg


@dataclass(frozen=True)
class SearchHit:
    """A global-search result. ``kind``: variant or order."""

    kind: str
    id: int
    title: str
    subtitle: str


def global_search(ctx: ServiceContext, text_in: str, limit: int = 10) -> list[SearchHit]:
    """Products by name or SKU (full-text) and orders by number (prefix), each up to ``limit``."""
    words = text_in.strip()
    if not words:
        return []
    hits: list[SearchHit] = []
    q = fts_query(words)
    with ctx.read() as s:
        if q is not None:
            rows = s.execute(
                select(Variant.id, Variant.sku, Product.name, Variant.name)
                .join(Product, Product.id == Variant.product_id)
                .where(
                    Variant.workspace_id == ctx.workspace_id,
                    Variant.id.in_(fts_variant_ids(q)),
                )
                .order_by(Variant.status, Variant.sku)
                .limit(limit)
            ).all()
            for vid, sku, pname, vname in rows:
                title = f"{pname} — {vname}" if vname else pname
                hits.append(SearchHit("variant", vid, title, sku))
        like = words.replace("%", "").replace("_", "") + "%"
        orders = s.execute(
            select(Order.id, Order.platform_order_id, Store.name, Order.status)
            .join(Store, Store.id == Order.store_id)
            .where(Store.workspace_id == ctx.workspace_id, Order.platform_order_id.ilike(like))
            .order_by(Order.placed_at.desc())
            .limit(limit)
        ).all()
        for oid, number, store, status in orders:
            hits.append(
                SearchHit("order", oid, msg("Order {number}", number=number), f"{store} · {status}")
            )
    return hits


def search_variants(ctx: ServiceContext, text_in: str, limit: int = 20) -> list[SearchHit]:
    """Active variants matching typed text (for pickers), by SKU."""
    q = fts_query(text_in)
    if q is None:
        return []
    with ctx.read() as s:
        rows = s.execute(
            select(Variant.id, Variant.sku, Product.name, Variant.name)
            .join(Product, Product.id == Variant.product_id)
            .where(
                Variant.workspace_id == ctx.workspace_id,
                Variant.status == ProductStatus.ACTIVE,
                Variant.id.in_(fts_variant_ids(q)),
            )
            .order_by(Variant.sku)
            .limit(limit)
        ).all()
    return [
        SearchHit("variant", vid, f"{pname} — {vname}" if vname else pname, sku)
        for vid, sku, pname, vname in rows
    ]
