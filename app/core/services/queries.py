"""Read queries the desktop app needs beyond the core services (no Qt, no writes).

Lists that can grow large (stock rows) follow the id-snapshot pattern of
:func:`app.core.services.catalog.variant_ids`: one query returns the ids for a filter and
sort as a compact ``array('q')``, another returns rows for one page of ids. Everything
else returns small lists of frozen dataclasses.
"""

from __future__ import annotations

from array import array
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import case, func, select

from app.core.db.models import (
    ChannelListing,
    InventoryItem,
    Location,
    Product,
    StockPush,
    Store,
    Variant,
)
from app.core.domain import OutboxStatus, ProductStatus
from app.core.services.catalog import collect_ids, fts_query, fts_variant_ids
from app.core.services.context import ServiceContext
from app.core.services.errors import ValidationError
from app.core.text import msg

# --------------------------------------------------------------------------- stock


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
) -> array:
    """The id snapshot of inventory items (variant × location) matching ``flt``."""
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
    if flt.text.strip():
        q = fts_query(flt.text)
        if q is None:
            return array("q")
        stmt = stmt.where(Variant.id.in_(fts_variant_ids(q)))
    order = col.desc() if descending else col.asc()
    tiebreak = InventoryItem.id.desc() if descending else InventoryItem.id.asc()
    with ctx.read() as s:
        return collect_ids(s, stmt.order_by(order, tiebreak))


@dataclass(frozen=True)
class StockRow:
    """An Inventory table row: one variant at one location."""

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
    updated_at: datetime | None

    @property
    def available(self) -> int:
        """On hand minus reserved."""
        return self.on_hand - self.reserved


def stock_rows(ctx: ServiceContext, ids: Sequence[int]) -> dict[int, StockRow]:
    """Rows for a page of inventory item ids."""
    if not ids:
        return {}
    stmt = (
        select(
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
            InventoryItem.updated_at,
        )
        .join(Variant, Variant.id == InventoryItem.variant_id)
        .join(Product, Product.id == Variant.product_id)
        .join(Location, Location.id == InventoryItem.location_id)
        .where(InventoryItem.id.in_(list(ids)), Variant.workspace_id == ctx.workspace_id)
    )
    with ctx.read() as s:
        return {r[0]: StockRow(*r) for r in s.execute(stmt)}


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
