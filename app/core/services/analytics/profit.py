"""Profit: per product, per store, and per counted order (a keyset page at a time).

Per product and per store read the summary tables like :mod:`.sales`; per order reads the
orders themselves and shares each order's money over its lines with
:func:`.figures.order_figures`, so every row adds up exactly to the totals.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from sqlalchemy import and_, func, or_, select

from app.core.db.models import Order, Product, Variant
from app.core.domain import OrderStatus
from app.core.money import from_minor
from app.core.services.analytics.calendar import Period
from app.core.services.analytics.figures import (
    COUNTED_STATUSES,
    ORDER_COLS,
    lines_by_order,
    order_figures,
    order_in,
)
from app.core.services.analytics.sales import GroupBy, sales_by, variant_sales
from app.core.services.analytics.scope import scope, workspace_store_ids
from app.core.services.context import ServiceContext


@dataclass(frozen=True)
class ProfitRow:
    """Profit of one product or store, or of one order."""

    id: int | None  # None: lines not mapped to a master variant
    label: str
    units: int
    revenue: Decimal
    cost: Decimal
    fees: Decimal
    shipping_subsidy: Decimal
    fees_estimated: bool

    @property
    def profit(self) -> Decimal:
        """Revenue − cost of goods − fees − shipping subsidy."""
        return self.revenue - self.cost - self.fees - self.shipping_subsidy


@dataclass(frozen=True)
class OrderProfit:
    """One counted order's money."""

    order_id: int
    store_id: int
    platform_order_id: str
    placed_at: datetime
    status: OrderStatus
    units: int
    gross: Decimal
    discounts: Decimal
    revenue: Decimal
    cost: Decimal
    fees: Decimal
    fees_estimated: bool
    shipping_subsidy: Decimal

    @property
    def profit(self) -> Decimal:
        """Revenue − cost of goods − fees − shipping subsidy."""
        return self.revenue - self.cost - self.fees - self.shipping_subsidy


def profit_by_product(
    ctx: ServiceContext, period: Period, store_ids: Iterable[int] | None = None
) -> tuple[ProfitRow, ...]:
    """Profit per product, highest first; lines not mapped to a variant come as id None."""
    with ctx.read() as s:
        u = variant_sales(scope(s, ctx, period, store_ids))
        stmt = (
            select(
                Product.id,
                Product.name,
                func.sum(u.c.units),
                func.sum(u.c.revenue_minor),
                func.sum(u.c.cost_minor),
                func.sum(u.c.fees_minor),
                func.sum(u.c.shipping_subsidy_minor),
                func.sum(u.c.lines_fees_estimated),
            )
            .select_from(u)
            .outerjoin(Variant, Variant.id == u.c.variant_id)
            .outerjoin(Product, Product.id == Variant.product_id)
            .group_by(Product.id)
        )
        rows = [
            ProfitRow(
                pid,
                name if pid is not None else "Unmapped listings",
                int(units or 0),
                from_minor(rev),
                from_minor(cost),
                from_minor(fees),
                from_minor(sub),
                bool(est),
            )
            for pid, name, units, rev, cost, fees, sub, est in s.execute(stmt)
        ]
        return tuple(sorted(rows, key=lambda r: (-r.profit, r.label)))


def profit_by_store(
    ctx: ServiceContext, period: Period, store_ids: Iterable[int] | None = None
) -> tuple[ProfitRow, ...]:
    """Profit per store, highest first."""
    rows = [
        ProfitRow(
            int(g.key),
            g.label,
            g.figures.units,
            g.figures.revenue,
            g.figures.cost,
            g.figures.fees,
            g.figures.shipping_subsidy,
            g.figures.fees_estimated,
        )
        for g in sales_by(ctx, period, GroupBy.STORE, store_ids)
    ]
    return tuple(sorted(rows, key=lambda r: (-r.profit, r.label)))


def profit_by_order(
    ctx: ServiceContext,
    period: Period,
    store_ids: Iterable[int] | None = None,
    *,
    after: tuple[datetime, int] | None = None,
    limit: int = 500,
) -> list[OrderProfit]:
    """Counted orders with their profit, oldest first, one keyset page at a time.

    Pass the last row's ``(placed_at, order_id)`` as ``after`` for the next page.
    """
    with ctx.read() as s:
        stores = workspace_store_ids(s, ctx, store_ids)
        cond = and_(
            Order.store_id.in_(stores),
            Order.placed_at >= period.start,
            Order.placed_at < period.end,
            Order.status.in_(list(COUNTED_STATUSES)),
        )
        if after is not None:
            at, last_id = after
            cond = and_(
                cond,
                or_(Order.placed_at > at, and_(Order.placed_at == at, Order.id > last_id)),
            )
        page = s.execute(
            select(*ORDER_COLS, Order.platform_order_id)
            .where(cond)
            .order_by(Order.placed_at, Order.id)
            .limit(limit)
        ).all()
        lines = lines_by_order(s, Order.id.in_([r[0] for r in page]))
        out = []
        for row in page:
            o = order_in(row)
            fig = order_figures(o, lines.get(o.id, ()))
            out.append(
                OrderProfit(
                    o.id,
                    o.store_id,
                    row[-1],
                    o.placed_at,
                    o.status,
                    fig.units,
                    from_minor(fig.gross),
                    from_minor(fig.discounts),
                    from_minor(fig.revenue),
                    from_minor(fig.cost),
                    from_minor(fig.fees),
                    not o.fees_final,
                    from_minor(fig.shipping_subsidy),
                )
            )
        return out
