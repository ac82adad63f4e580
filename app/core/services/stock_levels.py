"""Reads of stock: levels per (variant, location), what is available, low stock, the
movement history, what each store's listing shows, and the ledger check.

One row type, :class:`StockLevel`, serves every list of stock (the Inventory page's
paged table, the dialogs, low stock, tests). Large lists follow the id-snapshot pattern
of :func:`app.core.services.catalog.variant_ids`: :func:`stock_item_ids` returns the ids
for a filter and sort as a compact ``array('q')``, :func:`stock_rows` the rows of one
page. Nothing here writes; :mod:`app.core.services.ledger` is the only writer.
"""

from __future__ import annotations

from array import array
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, Select, case, func, or_, select
from sqlalchemy.orm import Session

from app.core.db.models import (
    ChannelListing,
    InventoryItem,
    InventoryTransaction,
    Location,
    Order,
    OrderItem,
    Product,
    StockPush,
    Store,
    Variant,
)
from app.core.domain import OutboxStatus, ProductStatus, TxnType
from app.core.services import bundle_rules
from app.core.services.catalog import collect_ids, fts_query, fts_variant_ids
from app.core.services.context import ServiceContext
from app.core.services.errors import ValidationError
from app.core.services.ledger import RefType
from app.core.text import msg

# --------------------------------------------------------------------------- levels


@dataclass(frozen=True)
class StockLevel:
    """Stock of one variant at one location (an Inventory table row)."""

    item_id: int
    variant_id: int
    location_id: int
    sku: str
    product_name: str
    variant_name: str
    location_name: str
    on_hand: int
    reserved: int
    reorder_point: int
    reorder_qty: int
    updated_at: datetime | None
    shelf: str = ""  # where it sits in the location (services/picking.py)

    @property
    def available(self) -> int:
        """What can still be sold: on hand minus reserved."""
        return self.on_hand - self.reserved


_LEVEL_COLUMNS = (
    InventoryItem.id,
    InventoryItem.variant_id,
    InventoryItem.location_id,
    Variant.sku,
    Product.name,
    Variant.name,
    Location.name,
    InventoryItem.on_hand,
    InventoryItem.reserved,
    InventoryItem.reorder_point,
    InventoryItem.reorder_qty,
    InventoryItem.updated_at,
    InventoryItem.shelf,
)


def _in_workspace(ctx: ServiceContext) -> ColumnElement[bool]:
    """The variant is the workspace's, tested per row: ``+ 0`` keeps SQLite from driving
    a query by the workspace index when a handful of ids is the better start."""
    return (Variant.workspace_id + 0) == ctx.workspace_id


def _levels_stmt(ctx: ServiceContext) -> Select:
    return (
        select(*_LEVEL_COLUMNS)
        .join(Variant, Variant.id == InventoryItem.variant_id)
        .join(Product, Product.id == Variant.product_id)
        .join(Location, Location.id == InventoryItem.location_id)
        .where(Variant.workspace_id == ctx.workspace_id)
    )


def stock_levels(
    ctx: ServiceContext, variant_id: int | None = None, location_id: int | None = None
) -> list[StockLevel]:
    """Stock rows, for one variant and/or location."""
    stmt = _levels_stmt(ctx)
    if variant_id is not None:
        stmt = stmt.where(InventoryItem.variant_id == variant_id)
    if location_id is not None:
        stmt = stmt.where(InventoryItem.location_id == location_id)
    with ctx.read() as s:
        return [StockLevel(*row) for row in s.execute(stmt.order_by(Variant.sku, Location.name))]


def available_by_variant(
    session: Session, variant_ids: list[int] | set[int], location_id: int | None = None
) -> dict[int, int]:
    """Available stock per variant (summed over locations, or at one location); a
    bundle's is the minimum over its components of ``available // quantity``
    (``bundle_rules.bundle_available``, docs/ARCHITECTURE.md, bundles and kits)."""
    if not variant_ids:
        return {}
    bundles = bundle_rules.bundle_available(
        session, variant_ids, lambda parts: _available(session, parts, location_id)
    )
    if bundles:
        plain = _available(session, set(variant_ids) - set(bundles), location_id)
        return {v: bundles[v] if v in bundles else plain[v] for v in variant_ids}
    return _available(session, variant_ids, location_id)


def _available(
    session: Session, variant_ids: list[int] | set[int], location_id: int | None
) -> dict[int, int]:
    if not variant_ids:
        return {}
    stmt = select(
        InventoryItem.variant_id,
        func.sum(InventoryItem.on_hand - InventoryItem.reserved),
    ).where(InventoryItem.variant_id.in_(list(variant_ids)))
    if location_id is not None:
        stmt = stmt.where(InventoryItem.location_id == location_id)
    out = {int(v): int(a or 0) for v, a in session.execute(stmt.group_by(InventoryItem.variant_id))}
    return {v: out.get(v, 0) for v in variant_ids}


def low_stock(
    ctx: ServiceContext, location_id: int | None = None, *, out_only: bool = False, limit: int = 500
) -> list[StockLevel]:
    """Items at or below their reorder point (or the default point), or out of stock."""
    default_point = _default_point(ctx)
    available = InventoryItem.on_hand - InventoryItem.reserved
    point = func.coalesce(func.nullif(InventoryItem.reorder_point, 0), default_point)
    cond = available <= 0 if out_only else or_(available <= point, available <= 0)
    stmt = _levels_stmt(ctx).where(cond, Variant.status == "active")
    if location_id is not None:
        stmt = stmt.where(InventoryItem.location_id == location_id)
    with ctx.read() as s:
        return [
            StockLevel(*r) for r in s.execute(stmt.order_by(available, Variant.sku).limit(limit))
        ]


def _default_point(ctx: ServiceContext) -> int:
    from app.core.settings import LOW_STOCK_DEFAULT_POINT, get_setting

    return get_setting(ctx, LOW_STOCK_DEFAULT_POINT)


def stock_counts(ctx: ServiceContext, default_point: int) -> tuple[int, int]:
    """(low, out) counts of active items; low includes out."""
    available = InventoryItem.on_hand - InventoryItem.reserved
    point = func.coalesce(func.nullif(InventoryItem.reorder_point, 0), default_point)
    stmt = (
        select(
            func.coalesce(func.sum(case((available <= point, 1), else_=0)), 0),
            func.coalesce(func.sum(case((available <= 0, 1), else_=0)), 0),
        )
        .join(Variant, Variant.id == InventoryItem.variant_id)
        .where(Variant.workspace_id == ctx.workspace_id, Variant.status == ProductStatus.ACTIVE)
    )
    with ctx.read() as s:
        low, out = s.execute(stmt).one()
        return int(low), int(out)


# --------------------------------------------------------------------------- the paged table


@dataclass(frozen=True)
class StockFilter:
    """What the Inventory page filters by."""

    text: str = ""
    location_id: int | None = None
    low_only: bool = False
    out_only: bool = False


STOCK_SORTABLE = {
    "sku": Variant.sku,
    "on_hand": InventoryItem.on_hand,
    "reserved": InventoryItem.reserved,
    "available": InventoryItem.on_hand - InventoryItem.reserved,
    "reorder_point": InventoryItem.reorder_point,
}


def stock_item_ids(
    ctx: ServiceContext,
    flt: StockFilter = StockFilter(),
    *,
    sort: str = "sku",
    descending: bool = False,
    default_point: int = 5,
    limit: int | None = None,
) -> array:
    """The id snapshot of inventory items (variant × location) matching ``flt``;
    ``limit`` keeps only the first ids (the page shown before the whole list is read)."""
    col = STOCK_SORTABLE.get(sort)
    if col is None:
        raise ValidationError(msg("cannot sort stock by {sort}", sort=sort), field="sort")
    stmt = (
        select(InventoryItem.id)
        .join(Variant, Variant.id == InventoryItem.variant_id)
        .where(Variant.workspace_id == ctx.workspace_id)
    )
    if flt.location_id is not None:
        stmt = stmt.where(InventoryItem.location_id == flt.location_id)
    available = InventoryItem.on_hand - InventoryItem.reserved
    if flt.out_only:
        stmt = stmt.where(available <= 0, Variant.status == ProductStatus.ACTIVE)
    elif flt.low_only:
        point = func.coalesce(func.nullif(InventoryItem.reorder_point, 0), default_point)
        stmt = stmt.where(available <= point, Variant.status == ProductStatus.ACTIVE)
    q = fts_query(flt.text) if flt.text.strip() else None
    if flt.text.strip() and q is None:
        return array("q")
    order = col.desc() if descending else col.asc()
    tiebreak = InventoryItem.id.desc() if descending else InventoryItem.id.asc()
    with ctx.read() as s:
        if q is not None:
            stmt = stmt.where(Variant.id.in_(fts_variant_ids(s, q)))
        return collect_ids(s, stmt.order_by(order, tiebreak).limit(limit))


def stock_rows(ctx: ServiceContext, ids: Sequence[int]) -> dict[int, StockLevel]:
    """Rows for a page of inventory item ids."""
    if not ids:
        return {}
    # the page's ids lead: without statistics SQLite would rather walk every variant of
    # the workspace (its index looks selective) and look each one's stock up
    stmt: Select = (
        select(*_LEVEL_COLUMNS)
        .join(Variant, Variant.id == InventoryItem.variant_id)
        .join(Product, Product.id == Variant.product_id)
        .join(Location, Location.id == InventoryItem.location_id)
        .where(InventoryItem.id.in_(list(ids)), _in_workspace(ctx))
    )
    with ctx.read() as s:
        return {r[0]: StockLevel(*r) for r in s.execute(stmt)}


# --------------------------------------------------------------------------- per store


@dataclass(frozen=True)
class ChannelStock:
    """What one store's listing of a variant was last told, and what is queued for it."""

    listing_id: int
    store_name: str
    platform: str
    title: str
    platform_sku: str
    platform_stock: int | None
    platform_stock_seen_at: datetime | None
    last_pushed_stock: int | None
    last_pushed_at: datetime | None
    queued_stock: int | None
    queue_status: str
    queue_error: str


def channel_stock(ctx: ServiceContext, variant_id: int) -> list[ChannelStock]:
    """Per store: the stock last pushed (and when), last read back, and any queued push."""
    stmt = (
        select(
            ChannelListing.id,
            Store.name,
            Store.platform,
            ChannelListing.title,
            ChannelListing.platform_sku,
            ChannelListing.platform_stock,
            ChannelListing.platform_stock_seen_at,
            ChannelListing.last_pushed_stock,
            ChannelListing.last_pushed_at,
            StockPush.wanted_stock,
            StockPush.status,
            StockPush.last_error,
        )
        .join(Store, Store.id == ChannelListing.store_id)
        .outerjoin(StockPush, StockPush.listing_id == ChannelListing.id)
        .where(ChannelListing.variant_id == variant_id, Store.workspace_id == ctx.workspace_id)
        .order_by(Store.name, ChannelListing.id)
    )
    with ctx.read() as s:
        out = []
        for r in s.execute(stmt):
            status = "" if r[10] is None else str(r[10])
            queued = r[9] if status and status != OutboxStatus.DONE else None
            out.append(ChannelStock(*r[:9], queued, status, r[11] or ""))
        return out


# --------------------------------------------------------------------------- the ledger


@dataclass(frozen=True)
class Movement:
    """One ledger row as the movement history shows it."""

    id: int
    at: datetime
    type: TxnType
    delta_on_hand: int
    delta_reserved: int
    reference_type: str
    reference_id: str | None
    actor: str
    note: str
    location_name: str
    # for an order line's row: the order's number and store, as the seller knows it
    order_number: str = ""
    store_name: str = ""


def movements(
    ctx: ServiceContext, variant_id: int, location_id: int | None = None, limit: int = 1000
) -> list[Movement]:
    """Every ledger row of a variant, newest first."""
    stmt = (
        select(InventoryTransaction, Location.name)
        .join(InventoryItem, InventoryItem.id == InventoryTransaction.item_id)
        .join(Location, Location.id == InventoryItem.location_id)
        .where(InventoryItem.variant_id == variant_id)
    )
    if location_id is not None:
        stmt = stmt.where(InventoryItem.location_id == location_id)
    stmt = stmt.order_by(InventoryTransaction.id.desc()).limit(limit)
    with ctx.read() as s:
        rows = list(s.execute(stmt))
        orders = _orders_of_items(
            s, {t.reference_id for t, _l in rows if t.reference_type == RefType.ORDER_ITEM}
        )
        return [
            Movement(
                t.id,
                t.created_at,
                t.type,
                t.delta_on_hand,
                t.delta_reserved,
                t.reference_type,
                t.reference_id,
                t.actor,
                t.note,
                loc,
                *orders.get(t.reference_id or "", ("", "")),
            )
            for t, loc in rows
        ]


def _orders_of_items(session: Session, item_ids: set[str | None]) -> dict[str, tuple[str, str]]:
    """Order line id (as the ledger stores it) -> (order number, store name)."""
    ids = [int(i) for i in item_ids if i and i.isdigit()]
    out: dict[str, tuple[str, str]] = {}
    for chunk in range(0, len(ids), 500):
        stmt = (
            select(OrderItem.id, Order.platform_order_id, Store.name)
            .join(Order, Order.id == OrderItem.order_id)
            .join(Store, Store.id == Order.store_id)
            .where(OrderItem.id.in_(ids[chunk : chunk + 500]))
        )
        out.update((str(i), (number, store)) for i, number, store in session.execute(stmt))
    return out


def ledger_mismatches(session: Session) -> list[tuple[int, int, int, int, int]]:
    """Items whose counts differ from their ledger sums: (item, on_hand, sum, reserved, sum).

    Always empty unless something bypassed :mod:`app.core.services.ledger`; tests and
    ``doctor`` check it.
    """
    sums = (
        select(
            InventoryTransaction.item_id.label("item_id"),
            func.sum(InventoryTransaction.delta_on_hand).label("oh"),
            func.sum(InventoryTransaction.delta_reserved).label("rs"),
        )
        .group_by(InventoryTransaction.item_id)
        .subquery()
    )
    stmt = (
        select(
            InventoryItem.id,
            InventoryItem.on_hand,
            func.coalesce(sums.c.oh, 0),
            InventoryItem.reserved,
            func.coalesce(sums.c.rs, 0),
        )
        .outerjoin(sums, sums.c.item_id == InventoryItem.id)
        .where(
            or_(
                InventoryItem.on_hand != func.coalesce(sums.c.oh, 0),
                InventoryItem.reserved != func.coalesce(sums.c.rs, 0),
            )
        )
    )
    return [(int(a), int(b), int(c), int(d), int(e)) for a, b, c, d, e in session.execute(stmt)]
