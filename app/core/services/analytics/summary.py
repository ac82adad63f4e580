"""The sales summary tables: kept current with the orders, rebuilt when needed.

Dashboards read :mod:`app.core.db.models.analytics` (one row per store and local day, per
store, day and variant, and per store, month and variant) instead of millions of order
lines. :func:`refresh_sales_summary` (and :func:`refresh_sales_summary_placed` for the
order job's pages) recompute the whole local days of the orders they are given, in the
caller's transaction, so the summary moves together with the orders it covers;
:func:`rebuild_sales_summary` recomputes a workspace from scratch. The money of each order
comes from :func:`.figures.order_figures`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, tzinfo
from typing import Any

from sqlalchemy import Date, and_, delete, func, insert, literal, select
from sqlalchemy.orm import Session

from app.core.db.models import Order, Store, Workspace
from app.core.db.models.analytics import SalesDaily, SalesDailyVariant, SalesMonthlyVariant
from app.core.domain import OrderStatus
from app.core.services.analytics.calendar import (
    add_month,
    day_bounds,
    local_zone,
    workspace_zone,
)
from app.core.services.analytics.figures import (
    COUNTED_STATUSES,
    ORDER_COLS,
    OrderFigures,
    OrderIn,
    lines_by_order,
    order_figures,
    order_in,
)
from app.core.services.analytics.scope import workspace_store_ids
from app.core.services.context import ServiceContext


@dataclass
class DayFigures:
    """One (store, local day)'s figures in hundredths, as the summary stores them."""

    placed: int = 0
    counted: int = 0
    cancelled: int = 0
    returned: int = 0
    fees_estimated_orders: int = 0
    units: int = 0
    gross: int = 0
    discounts: int = 0
    revenue: int = 0
    cost: int = 0
    fees_final: int = 0
    fees_estimated: int = 0
    subsidy: int = 0
    shipping_fee: int = 0
    variants: dict[int | None, list[int]] = field(default_factory=dict)

    def add(self, order: OrderIn, fig: OrderFigures) -> None:
        self.placed += 1
        if order.status is OrderStatus.CANCELLED:
            self.cancelled += 1
        elif order.status is OrderStatus.RETURNED:
            self.returned += 1
        if order.status not in COUNTED_STATUSES:
            return
        self.counted += 1
        self.units += fig.units
        self.gross += fig.gross
        self.discounts += fig.discounts
        self.revenue += fig.revenue
        self.cost += fig.cost
        self.subsidy += fig.shipping_subsidy
        self.shipping_fee += order.shipping_fee
        if order.fees_final:
            self.fees_final += fig.fees
        else:
            self.fees_estimated += fig.fees
            self.fees_estimated_orders += 1
        estimated = 0 if order.fees_final else 1
        for ln in fig.lines:
            v = self.variants.setdefault(ln.variant_id, [0, 0, 0, 0, 0, 0])
            for i, x in enumerate(
                (ln.units, estimated, ln.revenue, ln.cost, ln.fees, ln.shipping_subsidy)
            ):
                v[i] += x


def compute_day_figures(
    session: Session, tz: tzinfo, store_ids: Iterable[int], start: datetime, end: datetime
) -> dict[tuple[int, date], DayFigures]:
    """Summary figures per (store, local day) for orders placed in ``[start, end)``."""
    cond = and_(
        Order.store_id.in_(list(store_ids)), Order.placed_at >= start, Order.placed_at < end
    )
    lines = lines_by_order(session, cond)
    acc: dict[tuple[int, date], DayFigures] = {}
    for row in session.execute(select(*ORDER_COLS).where(cond)):
        order = order_in(row)
        day = order.placed_at.astimezone(tz).date()
        fig = order_figures(order, lines.get(order.id, ()))
        acc.setdefault((order.store_id, day), DayFigures()).add(order, fig)
    return acc


def _write(session: Session, acc: dict[tuple[int, date], DayFigures]) -> None:
    daily = []
    per_variant = []
    for (store_id, day), a in acc.items():
        daily.append(
            dict(
                store_id=store_id,
                day=day,
                orders_placed=a.placed,
                orders_counted=a.counted,
                orders_cancelled=a.cancelled,
                orders_returned=a.returned,
                orders_fees_estimated=a.fees_estimated_orders,
                units=a.units,
                gross_minor=a.gross,
                discounts_minor=a.discounts,
                revenue_minor=a.revenue,
                cost_minor=a.cost,
                fees_final_minor=a.fees_final,
                fees_estimated_minor=a.fees_estimated,
                shipping_subsidy_minor=a.subsidy,
                shipping_fee_minor=a.shipping_fee,
            )
        )
        for vid, (units, est, rev, cost, fees, sub) in a.variants.items():
            per_variant.append(
                dict(
                    store_id=store_id,
                    day=day,
                    variant_id=vid,
                    units=units,
                    lines_fees_estimated=est,
                    revenue_minor=rev,
                    cost_minor=cost,
                    fees_minor=fees,
                    shipping_subsidy_minor=sub,
                )
            )
    if daily:
        session.execute(insert(SalesDaily), daily)
    if per_variant:
        session.execute(insert(SalesDailyVariant), per_variant)


def _roll_up_months(session: Session, months: dict[date, set[int]]) -> None:
    """Recompute the monthly per-variant rows of these (month, stores) from the daily rows."""
    d = SalesDailyVariant
    for month, stores in months.items():
        nxt = add_month(month)
        session.execute(
            delete(SalesMonthlyVariant).where(
                SalesMonthlyVariant.month == month, SalesMonthlyVariant.store_id.in_(stores)
            )
        )
        rolled = (
            select(
                d.store_id,
                literal(month, Date).label("month"),
                d.variant_id,
                func.sum(d.units),
                func.sum(d.lines_fees_estimated),
                func.sum(d.revenue_minor),
                func.sum(d.cost_minor),
                func.sum(d.fees_minor),
                func.sum(d.shipping_subsidy_minor),
            )
            .where(d.store_id.in_(stores), d.day >= month, d.day < nxt)
            .group_by(d.store_id, d.variant_id)
        )
        session.execute(
            insert(SalesMonthlyVariant).from_select(
                [
                    "store_id",
                    "month",
                    "variant_id",
                    "units",
                    "lines_fees_estimated",
                    "revenue_minor",
                    "cost_minor",
                    "fees_minor",
                    "shipping_subsidy_minor",
                ],
                rolled,
            )
        )


def refresh_sales_summary_days(
    session: Session, tz: tzinfo, keys: Iterable[tuple[int, date]]
) -> None:
    """Recompute the summary rows of these (store, local day) pairs from the orders."""
    by_day: dict[date, set[int]] = defaultdict(set)
    for store_id, day in keys:
        by_day[day].add(store_id)
    months: dict[date, set[int]] = defaultdict(set)
    for day, stores in by_day.items():
        session.execute(
            delete(SalesDaily).where(SalesDaily.day == day, SalesDaily.store_id.in_(stores))
        )
        session.execute(
            delete(SalesDailyVariant).where(
                SalesDailyVariant.day == day, SalesDailyVariant.store_id.in_(stores)
            )
        )
        _write(session, compute_day_figures(session, tz, stores, *day_bounds(day, tz)))
        months[day.replace(day=1)] |= stores
    _roll_up_months(session, months)


def refresh_sales_summary(session: Session, order_ids: Iterable[int]) -> None:
    """Bring the summary up to date for these orders, in the caller's transaction.

    Call it after orders were created or changed (status, fees, shipping subsidy, lines
    mapped or unmapped to variants). It recomputes the whole local day of each order's
    store, so calling it twice, or for an unchanged order, is harmless.
    """
    ids = list(dict.fromkeys(order_ids))
    if not ids:
        return
    session.flush()  # the ORM may hold pending changes to these orders
    rows: list[Any] = []
    for chunk in range(0, len(ids), 500):
        rows += session.execute(
            select(Order.store_id, Order.placed_at, Workspace.timezone)
            .join(Store, Store.id == Order.store_id)
            .join(Workspace, Workspace.id == Store.workspace_id)
            .where(Order.id.in_(ids[chunk : chunk + 500]))
        ).all()
    by_zone: dict[str, set[tuple[int, date]]] = defaultdict(set)
    for store_id, placed_at, zone in rows:
        by_zone[zone].add((store_id, placed_at.astimezone(local_zone(zone)).date()))
    for zone, keys in by_zone.items():
        refresh_sales_summary_days(session, local_zone(zone), keys)


def refresh_sales_summary_placed(
    session: Session, store_id: int, placed: Iterable[datetime]
) -> None:
    """Bring the summary up to date for a store's orders placed at these instants: the
    local days they fall on are recomputed whole (as :func:`refresh_sales_summary`), with
    no look-up of the orders themselves."""
    placed = set(placed)
    if not placed:
        return
    session.flush()
    workspace_id = session.execute(
        select(Store.workspace_id).where(Store.id == store_id)
    ).scalar_one()
    tz = workspace_zone(session, workspace_id)
    refresh_sales_summary_days(session, tz, {(store_id, t.astimezone(tz).date()) for t in placed})


def rebuild_sales_summary(ctx: ServiceContext) -> int:
    """Recompute every summary row of the workspace from its orders; returns the days."""
    with ctx.write() as s:
        tz = workspace_zone(s, ctx.workspace_id)
        stores = workspace_store_ids(s, ctx, None)
        if not stores:
            return 0
        for table in (SalesDaily, SalesDailyVariant, SalesMonthlyVariant):
            s.execute(delete(table).where(table.store_id.in_(stores)))
        lo, hi = s.execute(
            select(func.min(Order.placed_at), func.max(Order.placed_at)).where(
                Order.store_id.in_(stores)
            )
        ).one()
        if lo is None:
            return 0
        days = 0
        month = lo.astimezone(tz).date().replace(day=1)
        months: dict[date, set[int]] = {}
        # a month at a time keeps memory flat and each query on the placed_at index
        while month <= hi.astimezone(tz).date():
            nxt = add_month(month)
            acc = compute_day_figures(
                s, tz, stores, day_bounds(month, tz)[0], day_bounds(nxt, tz)[0]
            )
            _write(s, acc)
            days += len({day for _, day in acc})
            months[month] = set(stores)
            month = nxt
        _roll_up_months(s, months)
        return days
