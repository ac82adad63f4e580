"""What the two dashboards read, each in one go.

- The Analytics page: :func:`dashboard` — a period's totals, breakdowns per store and
  platform, revenue over time and the top lists, all from the summary tables (:mod:`.sales`).
- The home page: :func:`dashboard_summary` — today's and yesterday's orders and revenue per
  store (days of the workspace's calendar, :mod:`.calendar`), what waits for the seller
  (orders to ship, unmapped listings and lines, low and out-of-stock items, stores needing
  attention) — and :func:`recent_activity`, the latest orders and sync log lines.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from sqlalchemy import BigInteger, and_, case, func, select, type_coerce
from sqlalchemy.orm import Session

from app.core.db.models import ChannelListing, Order, OrderItem, Store, SyncLog, Variant
from app.core.db.types import money_from_minor, utcnow
from app.core.domain import OrderStatus, StoreStatus
from app.core.services import stores as store_service
from app.core.services.alerts import open_alerts
from app.core.services.analytics.calendar import (
    Granularity,
    Period,
    day_bounds,
    local_today,
    workspace_zone,
)
from app.core.services.analytics.sales import (
    GroupBy,
    GroupFigures,
    SalesFigures,
    Series,
    TopItem,
    Totals,
    daily_rows,
    groups,
    series,
    top_from,
    variant_sales,
    variant_totals,
)
from app.core.services.analytics.scope import Scope, scope
from app.core.services.cancel import CancelToken, cancellable
from app.core.services.context import ServiceContext
from app.core.services.job_history import shown_message
from app.core.services.stock_levels import stock_counts
from app.core.text import msg

# --------------------------------------------------------------------------- Analytics page


@dataclass(frozen=True)
class Dashboard:
    """Everything the Analytics page shows for a period."""

    first_day: date
    last_day: date
    granularity: Granularity
    totals: SalesFigures
    by_store: tuple[GroupFigures, ...]
    by_platform: tuple[GroupFigures, ...]
    series_by_store: tuple[Series, ...]
    top_products: tuple[TopItem, ...]
    top_variants: tuple[TopItem, ...]
    # SKUs sold in the period with no cost of goods (best sellers first): their profit is
    # revenue minus fees only, and the Analytics page says so
    uncosted_skus: tuple[str, ...] = ()


def uncosted_skus(s: Session, sc: Scope) -> tuple[str, ...]:
    """SKUs whose sales in the scope carry no cost (the variant had cost 0 when sold)."""
    u = variant_sales(sc)
    revenue = func.sum(u.c.revenue_minor)
    stmt = (
        select(Variant.sku)
        .join(u, u.c.variant_id == Variant.id)
        .group_by(Variant.id, Variant.sku)
        .having(func.sum(u.c.units) > 0, func.coalesce(func.sum(u.c.cost_minor), 0) == 0)
        .order_by(revenue.desc(), Variant.sku)
    )
    return tuple(s.scalars(stmt))


def dashboard(
    ctx: ServiceContext,
    period: Period,
    store_ids: Iterable[int] | None = None,
    granularity: Granularity | None = None,
    *,
    top: int = 10,
    cancel: CancelToken | None = None,
) -> Dashboard:
    """The Analytics page in one read: totals, breakdowns, series and top lists.

    ``cancel``: the page's newer request sets it and the read stops with
    :class:`~app.core.services.cancel.Cancelled` (the Analytics page computes off the GUI
    thread; docs/ARCHITECTURE.md, Analytics)."""
    with ctx.read() as s, cancellable(s, cancel):
        sc = scope(s, ctx, period, store_ids)
        g = granularity or Granularity.auto(sc.first, sc.last)
        rows = daily_rows(s, sc.stores, sc.first, sc.last)
        acc = Totals()
        for row in rows:
            acc.add(row[2:])
        totals = variant_totals(s, sc)
        return Dashboard(
            first_day=sc.first,
            last_day=sc.last,
            granularity=g,
            totals=acc.figures(),
            by_store=groups(s, sc, rows, GroupBy.STORE),
            by_platform=groups(s, sc, rows, GroupBy.PLATFORM),
            series_by_store=series(s, sc, rows, g, GroupBy.STORE),
            top_products=top_from(s, totals, top, False, products=True),
            top_variants=top_from(s, totals, top, False, products=False),
            uncosted_skus=uncosted_skus(s, sc),
        )


# --------------------------------------------------------------------------- home page


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
    """A store that needs the seller: error, re-authorization, a job failing now, or a
    token about to expire. ``status`` and ``reason`` are the derived current ones
    (:func:`app.core.services.stores.current_status`), never a stale stored reason."""

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
    ctx: ServiceContext,
    day: date | None = None,
    *,
    default_point: int = 5,
    with_stock: bool = True,
) -> DashboardSummary:
    """The home page in one read; ``day`` is "today" (by default today in the workspace).

    ``with_stock=False`` leaves the low and out-of-stock counts at 0: counting them reads
    every stock row (a second at 1,000,000 items), so the home page shows the rest first
    and asks :func:`app.core.services.stock_levels.stock_counts` after."""
    now = utcnow()
    with ctx.read() as s:
        tz = workspace_zone(s, ctx.workspace_id)
        day = day or local_today(tz)
        today_start, tomorrow = day_bounds(day, tz)
        yesterday_start = day_bounds(day - timedelta(days=1), tz)[0]
        counted = Order.status != OrderStatus.CANCELLED
        in_today = and_(Order.placed_at >= today_start, Order.placed_at < tomorrow)
        in_yday = and_(Order.placed_at >= yesterday_start, Order.placed_at < today_start)
        # Money is stored as integer hundredths, so SUM over the raw column is exact.
        raw_total = type_coerce(Order.total, BigInteger)
        # two reads, each by its own index: as one read with an OR, SQLite scanned every
        # order (1 s at 400,000 orders; tests/perf/bench_startup.py)
        store = Order.store_id + 0  # grouped by the store index, every order was read
        recent = (
            select(
                store,
                func.sum(case((and_(in_today, counted), 1), else_=0)),
                func.sum(case((and_(in_today, counted), raw_total), else_=0)),
                func.sum(case((and_(in_yday, counted), 1), else_=0)),
                func.sum(case((and_(in_yday, counted), raw_total), else_=0)),
            )
            .where(Order.placed_at >= yesterday_start)
            .group_by(store)
        )
        waiting = (
            select(Order.store_id, func.count())
            .where(Order.status == OrderStatus.TO_SHIP)
            .group_by(Order.store_id)
        )
        stores = s.execute(
            select(
                Store.id,
                Store.name,
                Store.platform,
                Store.refresh_token_expires_at,
                Store.access_token_expires_at,
                Store.paused,
            )
            .where(Store.workspace_id == ctx.workspace_id)
            .order_by(Store.name)
        ).all()
        figures = {r[0]: (*r[1:], 0) for r in s.execute(recent)}
        for sid, n in s.execute(waiting):
            figures[sid] = (*figures.get(sid, (0, 0, 0, 0))[:4], n)
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
    # what is true now, as the Stores page and `storesync status` show it: a later
    # success clears an error (docs/ARCHITECTURE.md, stores)
    current = {st.id: st for st in store_service.list_stores(ctx)}
    sales = []
    attention = []
    for sid, name, platform, refresh_exp, access_exp, paused in stores:
        now_st = current.get(sid)
        status = now_st.status if now_st else StoreStatus.IDLE
        reason = now_st.status_reason if now_st else ""
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
        lasting = status in (StoreStatus.ERROR, StoreStatus.NEEDS_REAUTH, StoreStatus.DISCONNECTED)
        if lasting or (reason and not paused):  # or a job kind failing now
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
    low, out = stock_counts(ctx, default_point) if with_stock else (0, 0)
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
    """Orders arrived, sync log lines (stock pushed, drift found, errors) and the low-stock
    alerts still open (services/alerts.py), newest first."""
    with ctx.read() as s:
        # the newest by id (ids follow arrival, as created_at does), the workspace tested
        # per row: joined to stores and sorted by time, SQLite sorted every order and every
        # log line for these few (tests/perf/bench_startup.py)
        mine = select(Store.id).where(Store.workspace_id == ctx.workspace_id)
        orders = s.execute(
            select(Order.created_at, Order.platform_order_id, Order.total, Store.name)
            .join(Store, Store.id == Order.store_id)
            .where((Order.store_id + 0).in_(mine))
            .order_by(Order.id.desc())
            .limit(limit)
        ).all()
        logs = s.execute(
            select(SyncLog.created_at, SyncLog.level, SyncLog.message, SyncLog.detail, Store.name)
            .join(Store, Store.id == SyncLog.store_id)
            .where((SyncLog.store_id + 0).in_(mine))
            .order_by(SyncLog.id.desc())
            .limit(limit)
        ).all()
    entries = [
        ActivityEntry(at, "order", msg("Order {number} arrived", number=num), store, total)
        for at, num, total, store in orders
    ]
    for at, level, message, detail, store in logs:
        kind = {"error": "error", "warning": "warning"}.get(level, "sync")
        entries.append(ActivityEntry(at, kind, shown_message(message, detail), store))
    for a in open_alerts(ctx, limit):
        text = msg(
            "Low stock: {sku}, {available} left (reorder point {point})",
            sku=a.sku,
            available=a.available,
            point=a.reorder_point,
        )
        entries.append(ActivityEntry(a.at, "warning", text, a.location_name))
    entries.sort(key=lambda e: e.at, reverse=True)
    return entries[:limit]
