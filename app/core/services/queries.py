"""Read queries the desktop app needs beyond the core services (no Qt, no writes).

Lists that can grow large (orders, stock rows) follow the id-snapshot pattern of
:func:`app.core.services.catalog.variant_ids`: one query returns the ids for a filter and
sort as a compact ``array('q')``, another returns rows for one page of ids. Everything
else returns small lists of frozen dataclasses.
"""

from __future__ import annotations

from array import array
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from sqlalchemy import BigInteger, Select, and_, case, func, or_, select, type_coerce

from app.core.db.models import (
    ChannelListing,
    Order,
    OrderItem,
    Product,
    Store,
    SyncJob,
    SyncLog,
    Variant,
)
from app.core.db.types import money_from_minor, utcnow
from app.core.domain import (
    JobKind,
    JobStatus,
    OrderStatus,
    ProductStatus,
    StoreStatus,
)
from app.core.services.catalog import collect_ids, fts_query, fts_variant_ids
from app.core.services.context import ServiceContext
from app.core.services.errors import ValidationError
from app.core.services.stock_levels import stock_counts
from app.core.text import msg

# --------------------------------------------------------------------------- orders


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


def _order_scope(ctx: ServiceContext) -> Select:
    return (
        select(Order.id)
        .join(Store, Store.id == Order.store_id)
        .where(Store.workspace_id == ctx.workspace_id)
    )


def order_ids(
    ctx: ServiceContext,
    flt: OrderFilter = OrderFilter(),
    *,
    sort: str = "placed_at",
    descending: bool = True,
) -> array:
    """The id snapshot of orders matching ``flt``, sorted in SQL."""
    col = ORDER_SORTABLE.get(sort)
    if col is None:
        raise ValidationError(msg("cannot sort orders by {sort}", sort=sort), field="sort")
    stmt = _order_scope(ctx)
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
        return collect_ids(s, stmt.order_by(order, tiebreak))


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
        .where(Order.id.in_(list(ids)), Store.workspace_id == ctx.workspace_id)
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


# --------------------------------------------------------------------------- dashboard


@dataclass(frozen=True)
class StoreSales:
    """One store's orders and revenue for today and yesterday (local days)."""

    store_id: int
    store_name: str
    platform: str
    today_orders: int
    today_revenue: Decimal
    yesterday_orders: int
    yesterday_revenue: Decimal
    to_ship: int


@dataclass(frozen=True)
class StoreAttention:
    """A store that needs the seller: error, re-authorization, or a token about to expire."""

    store_id: int
    store_name: str
    status: StoreStatus
    reason: str


@dataclass(frozen=True)
class DashboardSummary:
    """Everything the dashboard's to-do panel and sales table show."""

    sales: tuple[StoreSales, ...]
    unmapped_listings: int
    unmapped_order_items: int
    low_stock: int
    out_of_stock: int
    attention: tuple[StoreAttention, ...]
    store_count: int

    @property
    def to_ship_total(self) -> int:
        """Orders waiting to be shipped, all stores."""
        return sum(s.to_ship for s in self.sales)


TOKEN_WARNING = timedelta(days=7)


def dashboard_summary(
    ctx: ServiceContext, today_start: datetime, *, default_point: int = 5
) -> DashboardSummary:
    """The dashboard in one read; ``today_start`` is local midnight as an aware datetime."""
    yesterday_start = today_start - timedelta(days=1)
    tomorrow = today_start + timedelta(days=1)
    counted = Order.status != OrderStatus.CANCELLED
    in_today = and_(Order.placed_at >= today_start, Order.placed_at < tomorrow)
    in_yday = and_(Order.placed_at >= yesterday_start, Order.placed_at < today_start)
    # Money is stored as integer hundredths, so SUM over the raw column is exact.
    raw_total = type_coerce(Order.total, BigInteger)
    per_store = (
        select(
            Order.store_id,
            func.sum(case((and_(in_today, counted), 1), else_=0)),
            func.sum(case((and_(in_today, counted), raw_total), else_=0)),
            func.sum(case((and_(in_yday, counted), 1), else_=0)),
            func.sum(case((and_(in_yday, counted), raw_total), else_=0)),
            func.sum(case((Order.status == OrderStatus.TO_SHIP, 1), else_=0)),
        )
        .where(or_(Order.placed_at >= yesterday_start, Order.status == OrderStatus.TO_SHIP))
        .group_by(Order.store_id)
    )
    now = utcnow()
    with ctx.read() as s:
        stores = s.execute(
            select(
                Store.id,
                Store.name,
                Store.platform,
                Store.sync_status,
                Store.status_reason,
                Store.refresh_token_expires_at,
                Store.access_token_expires_at,
                Store.paused,
            )
            .where(Store.workspace_id == ctx.workspace_id)
            .order_by(Store.name)
        ).all()
        figures = {r[0]: r[1:] for r in s.execute(per_store)}
        unmapped_listings = s.scalar(
            select(func.count(ChannelListing.id))
            .join(Store, Store.id == ChannelListing.store_id)
            .where(Store.workspace_id == ctx.workspace_id, ChannelListing.variant_id.is_(None))
        )
        unmapped_items = s.scalar(
            select(func.count(OrderItem.id))
            .join(Order, Order.id == OrderItem.order_id)
            .join(Store, Store.id == Order.store_id)
            .where(
                Store.workspace_id == ctx.workspace_id,
                OrderItem.variant_id.is_(None),
                Order.status.in_((OrderStatus.UNPAID, OrderStatus.TO_SHIP)),
            )
        )
    sales = []
    attention = []
    for sid, name, platform, status, reason, refresh_exp, access_exp, paused in stores:
        f = figures.get(sid, (0, 0, 0, 0, 0))
        sales.append(
            StoreSales(
                sid,
                name,
                platform,
                int(f[0] or 0),
                money_from_minor(f[1]),
                int(f[2] or 0),
                money_from_minor(f[3]),
                int(f[4] or 0),
            )
        )
        if status in (StoreStatus.ERROR, StoreStatus.NEEDS_REAUTH, StoreStatus.DISCONNECTED):
            attention.append(StoreAttention(sid, name, status, reason))
        elif not paused:
            expiry = refresh_exp or access_exp
            if expiry is not None and refresh_exp is not None and expiry - now < TOKEN_WARNING:
                attention.append(
                    StoreAttention(
                        sid,
                        name,
                        status,
                        msg("authorization expires {expiry:%Y-%m-%d %H:%M} UTC", expiry=expiry),
                    )
                )
    low, out = stock_counts(ctx, default_point)
    return DashboardSummary(
        tuple(sales),
        int(unmapped_listings or 0),
        int(unmapped_items or 0),
        low,
        out,
        tuple(attention),
        len(stores),
    )


@dataclass(frozen=True)
class ActivityEntry:
    """A line of the dashboard's latest-activity feed."""

    at: datetime
    kind: str  # order, sync, warning, error
    text: str
    store_name: str
    amount: Decimal | None = None  # an order's total


def recent_activity(ctx: ServiceContext, limit: int = 30) -> list[ActivityEntry]:
    """Orders arrived and sync log lines (stock pushed, drift found, errors), newest first."""
    with ctx.read() as s:
        orders = s.execute(
            select(Order.created_at, Order.platform_order_id, Order.total, Store.name)
            .join(Store, Store.id == Order.store_id)
            .where(Store.workspace_id == ctx.workspace_id)
            .order_by(Order.created_at.desc(), Order.id.desc())
            .limit(limit)
        ).all()
        logs = s.execute(
            select(SyncLog.created_at, SyncLog.level, SyncLog.message, Store.name)
            .join(Store, Store.id == SyncLog.store_id)
            .where(Store.workspace_id == ctx.workspace_id)
            .order_by(SyncLog.id.desc())
            .limit(limit)
        ).all()
    entries = [
        ActivityEntry(at, "order", msg("Order {number} arrived", number=num), store, total)
        for at, num, total, store in orders
    ]
    for at, level, message, store in logs:
        kind = {"error": "error", "warning": "warning"}.get(level, "sync")
        entries.append(ActivityEntry(at, kind, message, store))
    entries.sort(key=lambda e: e.at, reverse=True)
    return entries[:limit]


# --------------------------------------------------------------------------- sync activity


@dataclass(frozen=True)
class JobRow:
    """A sync job as the Sync activity page lists it."""

    id: int
    store_id: int
    store_name: str
    kind: JobKind
    status: JobStatus
    trigger: str
    total: int
    processed: int
    failed: int
    error: str
    started_at: datetime | None
    finished_at: datetime | None
    created_at: datetime

    @property
    def duration(self) -> timedelta | None:
        """How long the job ran (so far, for a running job)."""
        if self.started_at is None:
            return None
        return (self.finished_at or utcnow()) - self.started_at


def list_jobs(
    ctx: ServiceContext,
    *,
    store_id: int | None = None,
    statuses: Sequence[JobStatus] | None = None,
    failed_only: bool = False,
    limit: int = 500,
) -> list[JobRow]:
    """Newest jobs first."""
    stmt = (
        select(
            SyncJob.id,
            SyncJob.store_id,
            Store.name,
            SyncJob.kind,
            SyncJob.status,
            SyncJob.trigger,
            SyncJob.total,
            SyncJob.processed,
            SyncJob.failed,
            SyncJob.error,
            SyncJob.started_at,
            SyncJob.finished_at,
            SyncJob.created_at,
        )
        .join(Store, Store.id == SyncJob.store_id)
        .where(Store.workspace_id == ctx.workspace_id)
    )
    if store_id is not None:
        stmt = stmt.where(SyncJob.store_id == store_id)
    if statuses:
        stmt = stmt.where(SyncJob.status.in_(list(statuses)))
    if failed_only:
        stmt = stmt.where(or_(SyncJob.status == JobStatus.FAILED, SyncJob.failed > 0))
    with ctx.read() as s:
        return [JobRow(*r) for r in s.execute(stmt.order_by(SyncJob.id.desc()).limit(limit))]


@dataclass(frozen=True)
class LogLine:
    """One log line of a job."""

    id: int
    at: datetime
    level: str
    message: str
    detail: dict | None


def job_logs(ctx: ServiceContext, job_id: int, limit: int = 5000) -> list[LogLine]:
    """A job's log lines in the order they were written."""
    stmt = (
        select(SyncLog.id, SyncLog.created_at, SyncLog.level, SyncLog.message, SyncLog.detail)
        .where(SyncLog.job_id == job_id)
        .order_by(SyncLog.id)
        .limit(limit)
    )
    with ctx.read() as s:
        return [LogLine(*r) for r in s.execute(stmt)]


def last_sync_at(ctx: ServiceContext) -> datetime | None:
    """When any store last finished a sync."""
    with ctx.read() as s:
        return s.scalar(
            select(func.max(Store.last_synced_at)).where(Store.workspace_id == ctx.workspace_id)
        )


# --------------------------------------------------------------------------- global search


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


def unmapped_listing_ids_for_order(ctx: ServiceContext, order_id: int) -> list[int]:
    """Listings behind an order's unmapped lines (the mapping view opens on them)."""
    with ctx.read() as s:
        return [
            int(x)
            for x in s.scalars(
                select(OrderItem.listing_id)
                .where(
                    OrderItem.order_id == order_id,
                    OrderItem.variant_id.is_(None),
                    OrderItem.listing_id.is_not(None),
                )
                .distinct()
            )
        ]
