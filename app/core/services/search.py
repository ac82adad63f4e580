"""Search across the workspace: the window's global search box and the variant pickers.

Products and variants are found through the catalog's search index (FTS5 on SQLite,
``catalog_search`` on PostgreSQL: :mod:`app.core.db.dialects.search`), orders by the
start of their number.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from app.core.db.dialects.search import CatalogMatch, match_sql, text_order
from app.core.db.models import Order, Store
from app.core.domain import ProductStatus
from app.core.services.catalog import fts_query
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
            for vid, sku, pname, vname in _matches(s, ctx, q, limit, active_only=False):
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
        rows = _matches(s, ctx, q, limit, active_only=True)
    return [
        SearchHit("variant", vid, f"{pname} — {vname}" if vname else pname, sku)
        for vid, sku, pname, vname in rows
    ]


def _matches(
    s: Session, ctx: ServiceContext, q: CatalogMatch, limit: int, *, active_only: bool
) -> list[tuple[int, str, str, str]]:
    """(id, sku, product name, variant name) of the first matches, active first, by SKU.

    Driven by the engine's catalog index like :func:`app.core.services.catalog.variant_ids`
    (app/core/db/dialects/search.py): only the matches are read and sorted, in byte order
    on both engines, so SQLite and PostgreSQL list the same rows in the same order.
    """
    dialect = s.get_bind().dialect.name
    m = match_sql(dialect, q)
    status = "AND v.status = :active" if active_only else ""
    order = f"{text_order(dialect, 'v.status')}, {text_order(dialect, 'v.sku')}, v.id"
    sql = text(
        f"SELECT v.id, v.sku, p.name, v.name FROM {m.source}"
        f" {m.lookup('variants', 'v', m.id_col)} {m.lookup('products', 'p', 'v.product_id')}"
        f" WHERE {m.where} AND v.workspace_id = :ws {status}"
        f" ORDER BY {order} LIMIT :limit"
    )
    params = {**m.params, "ws": ctx.workspace_id, "limit": limit}
    params.pop("rank_q", None)
    if active_only:
        params["active"] = ProductStatus.ACTIVE.value
    return [tuple(r) for r in s.execute(sql, params)]
