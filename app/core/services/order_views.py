"""The Orders page's reads: the filtered, sorted list, its rows, and one order's lines.

The list follows the id-snapshot pattern of :func:`app.core.services.catalog.variant_ids`:
:func:`order_ids` returns every matching id for a filter and sort as a compact
``array('q')``, :func:`order_rows` the rows of one page of them.
"""

from __future__ import annotations

from array import array
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from sqlalchemy import ColumnElement, case, func, or_, select

from app.core.db.models import Order, OrderItem, Store, Variant
from app.core.domain import OrderStatus
from app.core.services.catalog import collect_ids
from app.core.services.context import ServiceContext
from app.core.services.errors import ValidationError
from app.core.text import msg


@dataclass(frozen=True)
class OrderFilter:
    """What the Orders page filters by. Dates are aware datetimes (any zone), end exclusive."""

    store_id: int | None = None
    status: OrderStatus | None = None
    placed_from: datetime | None = None
    placed_to: datetime | None = None
    text: str = ""
    unmapped_only: bool = False


ORDER_SORTABLE = {
    "placed_at": Order.placed_at,
    "number": Order.platform_order_id,
    "total": Order.total,
    "status": Order.status,
    "buyer": Order.buyer_name,
}


def _in_workspace(ctx: ServiceContext, *, per_row: bool = True) -> ColumnElement[bool]:
    """The order's store is the workspace's. ``per_row``: tested on each row, with the
    store index hidden (``+ 0``); else SQLite (which has no statistics here) reads every
    order of each store through that index and sorts them all, for one page of the list
    or a page of rows (tests/perf/bench_startup.py). Reading the whole list, that sort is
    the cheaper way (2x), so it keeps the index."""
    stores = select(Store.id).where(Store.workspace_id == ctx.workspace_id)
    return (Order.store_id + 0 if per_row else Order.store_id).in_(stores)


def order_ids(
    ctx: ServiceContext,
    flt: OrderFilter = OrderFilter(),
    *,
    sort: str = "placed_at",
    descending: bool = True,
    limit: int | None = None,
) -> array:
    """The id snapshot of orders matching ``flt``, sorted in SQL; ``limit`` keeps only the
    first ids (the page shown before the whole list is read)."""
    col = ORDER_SORTABLE.get(sort)
    if col is None:
        raise ValidationError(msg("cannot sort orders by {sort}", sort=sort), field="sort")
    stmt = select(Order.id).where(_in_workspace(ctx, per_row=limit is not None))
    if flt.store_id is not None:
        stmt = stmt.where(Order.store_id == flt.store_id)
    if flt.status is not None:
        stmt = stmt.where(Order.status == flt.status)
    if flt.placed_from is not None:
        stmt = stmt.where(Order.placed_at >= flt.placed_from)
    if flt.placed_to is not None:
        stmt = stmt.where(Order.placed_at < flt.placed_to)
    words = flt.text.strip()
    if words:
        like = f"%{words.replace('%', '').replace('_', '')}%"
        item_match = select(OrderItem.order_id).where(
            or_(OrderItem.platform_sku.ilike(like), OrderItem.name.ilike(like))
        )
        stmt = stmt.where(
            or_(
                Order.platform_order_id.ilike(like),
                Order.buyer_name.ilike(like),
                Order.id.in_(item_match),
            )
        )
    if flt.unmapped_only:
        stmt = stmt.where(
            Order.id.in_(select(OrderItem.order_id).where(OrderItem.variant_id.is_(None)))
        )
    order = col.desc() if descending else col.asc()
    tiebreak = Order.id.desc() if descending else Order.id.asc()
    with ctx.read() as s:
        return collect_ids(s, stmt.order_by(order, tiebreak).limit(limit))


@dataclass(frozen=True)
class OrderRow:
    """An Orders table row."""

    id: int
    store_id: int
    store_name: str
    platform: str
    platform_order_id: str
    status: OrderStatus
    buyer_name: str
    total: Decimal
    placed_at: datetime
    item_count: int
    unmapped_count: int


def order_rows(ctx: ServiceContext, ids: Sequence[int]) -> dict[int, OrderRow]:
    """Rows for a page of order ids (ids that vanished are absent)."""
    if not ids:
        return {}
    counts = (
        select(
            OrderItem.order_id.label("oid"),
            func.sum(OrderItem.quantity).label("n"),
            func.sum(case((OrderItem.variant_id.is_(None), 1), else_=0)).label("unmapped"),
        )
        .where(OrderItem.order_id.in_(list(ids)))
        .group_by(OrderItem.order_id)
        .subquery()
    )
    stmt = (
        select(
            Order.id,
            Order.store_id,
            Store.name,
            Store.platform,
            Order.platform_order_id,
            Order.status,
            Order.buyer_name,
            Order.total,
            Order.placed_at,
            func.coalesce(counts.c.n, 0),
            func.coalesce(counts.c.unmapped, 0),
        )
        .join(Store, Store.id == Order.store_id)
        .outerjoin(counts, counts.c.oid == Order.id)
        .where(Order.id.in_(list(ids)), _in_workspace(ctx))
    )
    with ctx.read() as s:
        return {r[0]: OrderRow(*r) for r in s.execute(stmt)}


@dataclass(frozen=True)
class OrderLine:
    """An order line with what it is mapped to (for the detail pane)."""

    id: int
    name: str
    platform_sku: str
    quantity: int
    unit_price: Decimal
    listing_id: int | None
    variant_id: int | None
    variant_sku: str | None
    inventory_state: str


def order_lines(ctx: ServiceContext, order_id: int) -> list[OrderLine]:
    """An order's lines with the master SKU each is mapped to."""
    stmt = (
        select(
            OrderItem.id,
            OrderItem.name,
            OrderItem.platform_sku,
            OrderItem.quantity,
            OrderItem.unit_price,
            OrderItem.listing_id,
            OrderItem.variant_id,
            Variant.sku,
            OrderItem.inventory_state,
        )
        .outerjoin(Variant, Variant.id == OrderItem.variant_id)
        .where(OrderItem.order_id == order_id)
        .order_by(OrderItem.id)
    )
    with ctx.read() as s:
        return [OrderLine(*r[:8], str(r[8])) for r in s.execute(stmt)]


def unmapped_listing_ids_for_order(ctx: ServiceContext, order_id: int) -> list[int]:
    """Listings behind an order's unmapped lines (the mapping view opens on them)."""
    with ctx.read() as s:
        return [
            x
            for x in s.scalars(
                select(OrderItem.listing_id)
                .where(
                    OrderItem.order_id == order_id,
                    OrderItem.variant_id.is_(None),
                    OrderItem.listing_id.is_not(None),
                )
                .distinct()
            )
            if x is not None  # excluded by the query; this tells the type checker
        ]
