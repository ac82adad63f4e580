"""Sales of a period: totals, per store or platform, over time, and the best sellers.

Every read here comes from the summary tables (:mod:`.summary`), so a year of sales is a
few thousand rows: per (store, local day) for totals and series, per variant and day — or
month, for whole months inside the period — for the top lists. The building blocks
(:class:`Totals`, :func:`daily_rows`, :func:`groups`, :func:`series`, :func:`variant_totals`,
:func:`top_from`) are shared with :mod:`.dashboard` and :mod:`.profit`, which compose
several of them in one read.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import func, select, union_all
from sqlalchemy.orm import Session

from app.core.db.models import PlatformRow, Product, Store, Variant
from app.core.db.models.analytics import SalesDaily, SalesDailyVariant, SalesMonthlyVariant
from app.core.money import from_minor
from app.core.services.analytics.calendar import Granularity, Period, month_split
from app.core.services.analytics.scope import Scope, scope
from app.core.services.context import ServiceContext

_PCT = Decimal("0.1")


class GroupBy(enum.StrEnum):
    """What a breakdown groups by."""

    STORE = "store"
    PLATFORM = "platform"


@dataclass(frozen=True)
class SalesFigures:
    """Sales of a period (or one bucket, store or platform of it)."""

    orders_placed: int
    orders: int  # counted orders: paid, not cancelled or returned
    units: int
    gross: Decimal
    discounts: Decimal
    revenue: Decimal
    cost: Decimal
    fees: Decimal
    fees_estimated_amount: Decimal  # part of ``fees`` that is an estimate
    shipping_subsidy: Decimal
    shipping_paid_by_buyers: Decimal
    cancelled: int
    returned: int

    @property
    def net(self) -> Decimal:
        """What the marketplaces pay out for the goods: revenue − fees − shipping subsidy."""
        return self.revenue - self.fees - self.shipping_subsidy

    @property
    def profit(self) -> Decimal:
        """Revenue − cost of goods − fees − shipping subsidies."""
        return self.net - self.cost

    @property
    def fees_estimated(self) -> bool:
        """True when some of the fees are estimates, not the platforms' final numbers."""
        return self.fees_estimated_amount != 0

    @property
    def average_order_value(self) -> Decimal:
        """Revenue per counted order (0 without orders)."""
        if not self.orders:
            return Decimal("0.00")
        return (self.revenue / self.orders).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)

    @property
    def cancellation_rate(self) -> Decimal:
        """Cancelled orders as a percentage of orders placed."""
        return _pct(self.cancelled, self.orders_placed)

    @property
    def return_rate(self) -> Decimal:
        """Returned orders as a percentage of orders placed."""
        return _pct(self.returned, self.orders_placed)


def _pct(part: int, whole: int) -> Decimal:
    if not whole:
        return Decimal("0.0")
    return (Decimal(part) * 100 / whole).quantize(_PCT, rounding=ROUND_HALF_UP)


class Totals:
    """Integer running totals that become :class:`SalesFigures`."""

    __slots__ = ("v",)
    FIELDS = (
        "orders_placed",
        "orders_counted",
        "units",
        "gross_minor",
        "discounts_minor",
        "revenue_minor",
        "cost_minor",
        "fees_final_minor",
        "fees_estimated_minor",
        "shipping_subsidy_minor",
        "shipping_fee_minor",
        "orders_cancelled",
        "orders_returned",
    )

    def __init__(self) -> None:
        self.v = [0] * len(self.FIELDS)

    def add(self, values: Sequence[int]) -> None:
        for i, x in enumerate(values):
            self.v[i] += int(x or 0)

    def figures(self) -> SalesFigures:
        (placed, counted, units, gross, disc, rev, cost, ff, fe, sub, ship, canc, ret) = self.v
        return SalesFigures(
            orders_placed=placed,
            orders=counted,
            units=units,
            gross=from_minor(gross),
            discounts=from_minor(disc),
            revenue=from_minor(rev),
            cost=from_minor(cost),
            fees=from_minor(ff + fe),
            fees_estimated_amount=from_minor(fe),
            shipping_subsidy=from_minor(sub),
            shipping_paid_by_buyers=from_minor(ship),
            cancelled=canc,
            returned=ret,
        )


@dataclass(frozen=True)
class GroupFigures:
    """Sales of one store or platform (profit per store comes from here)."""

    key: str  # store id as text, or platform code
    label: str
    platform: str
    figures: SalesFigures


@dataclass(frozen=True)
class Series:
    """A time series of one store or platform, zero-filled over every bucket."""

    key: str
    label: str
    buckets: tuple[date, ...]
    revenue: tuple[Decimal, ...]
    orders: tuple[int, ...]
    units: tuple[int, ...]


@dataclass(frozen=True)
class TopItem:
    """A product or variant ranked by revenue or units."""

    id: int
    sku: str  # the variant's SKU; for a product, its first variant's
    name: str
    units: int
    revenue: Decimal


def store_labels(s: Session, stores: list[int]) -> dict[int, tuple[str, str, str]]:
    """store id -> (name, platform code, platform name)."""
    rows = s.execute(
        select(Store.id, Store.name, Store.platform, PlatformRow.name)
        .join(PlatformRow, PlatformRow.code == Store.platform)
        .where(Store.id.in_(stores))
    )
    return {sid: (name, code, pname) for sid, name, code, pname in rows}


def daily_rows(s: Session, stores: list[int], first: date, last: date):
    """Summary rows ``(store id, day, *Totals.FIELDS)`` of these stores and local days."""
    cols = [getattr(SalesDaily, f) for f in Totals.FIELDS]
    return s.execute(
        select(SalesDaily.store_id, SalesDaily.day, *cols).where(
            SalesDaily.store_id.in_(stores), SalesDaily.day >= first, SalesDaily.day <= last
        )
    ).all()


def sales_totals(
    ctx: ServiceContext, period: Period, store_ids: Iterable[int] | None = None
) -> SalesFigures:
    """Revenue, orders, units, AOV, profit and rates of a period."""
    with ctx.read() as s:
        sc = scope(s, ctx, period, store_ids)
        acc = Totals()
        for row in daily_rows(s, sc.stores, sc.first, sc.last):
            acc.add(row[2:])
        return acc.figures()


def groups(s: Session, sc: Scope, rows, by: GroupBy) -> tuple[GroupFigures, ...]:
    """:func:`daily_rows` added up per store or platform, highest revenue first."""
    labels = store_labels(s, sc.stores)
    accs: dict[str, Totals] = {}
    for row in rows:
        sid = row[0]
        key = str(sid) if by is GroupBy.STORE else labels[sid][1]
        accs.setdefault(key, Totals()).add(row[2:])
    out = []
    for sid in sc.stores:
        name, code, pname = labels[sid]
        key = str(sid) if by is GroupBy.STORE else code
        if key in accs:
            label = name if by is GroupBy.STORE else pname
            out.append(GroupFigures(key, label, code, accs.pop(key).figures()))
    return tuple(sorted(out, key=lambda g: (-g.figures.revenue, g.label)))


def sales_by(
    ctx: ServiceContext,
    period: Period,
    by: GroupBy = GroupBy.STORE,
    store_ids: Iterable[int] | None = None,
) -> tuple[GroupFigures, ...]:
    """Sales and profit per store or per platform, highest revenue first."""
    with ctx.read() as s:
        sc = scope(s, ctx, period, store_ids)
        return groups(s, sc, daily_rows(s, sc.stores, sc.first, sc.last), by)


def series(s: Session, sc: Scope, rows, g: Granularity, by: GroupBy) -> tuple[Series, ...]:
    """:func:`daily_rows` bucketed by ``g``, one zero-filled series per store or platform."""
    labels = store_labels(s, sc.stores)
    buckets = g.buckets(sc.first, sc.last)
    index = {b: i for i, b in enumerate(buckets)}
    data: dict[str, list[list[int]]] = {}
    for row in rows:
        sid, day = row[0], row[1]
        key = str(sid) if by is GroupBy.STORE else labels[sid][1]
        cols = data.setdefault(key, [[0] * len(buckets) for _ in range(3)])
        i = index[g.bucket(day)]
        cols[0][i] += row[2 + Totals.FIELDS.index("revenue_minor")]
        cols[1][i] += row[2 + Totals.FIELDS.index("orders_counted")]
        cols[2][i] += row[2 + Totals.FIELDS.index("units")]
    out = []
    seen: set[str] = set()
    for sid in sc.stores:
        name, code, pname = labels[sid]
        key, label = (str(sid), name) if by is GroupBy.STORE else (code, pname)
        if key in seen:
            continue
        seen.add(key)
        rev, orders, units = data.get(key, [[0] * len(buckets) for _ in range(3)])
        out.append(
            Series(
                key,
                label,
                tuple(buckets),
                tuple(from_minor(x) for x in rev),
                tuple(orders),
                tuple(units),
            )
        )
    return tuple(out)


def sales_series(
    ctx: ServiceContext,
    period: Period,
    granularity: Granularity | None = None,
    by: GroupBy = GroupBy.STORE,
    store_ids: Iterable[int] | None = None,
) -> tuple[Series, ...]:
    """Revenue, orders and units per day, week or month, one series per store or platform."""
    with ctx.read() as s:
        sc = scope(s, ctx, period, store_ids)
        g = granularity or Granularity.auto(sc.first, sc.last)
        return series(s, sc, daily_rows(s, sc.stores, sc.first, sc.last), g, by)


def variant_sales(sc: Scope):
    """Per-variant rows covering the scope: monthly roll-ups for whole months, days else."""
    months, edges = month_split(sc.first, sc.last)
    m, d = SalesMonthlyVariant, SalesDailyVariant
    cols: tuple[str, ...] = ("variant_id", "units", "lines_fees_estimated", "revenue_minor")
    cols += ("cost_minor",)
    cols += ("fees_minor", "shipping_subsidy_minor")
    parts = []
    if months:
        parts.append(
            select(*(getattr(m, c) for c in cols)).where(
                m.store_id.in_(sc.stores), m.month.in_(months)
            )
        )
    for lo, hi in edges:
        parts.append(
            select(*(getattr(d, c) for c in cols)).where(
                d.store_id.in_(sc.stores), d.day >= lo, d.day <= hi
            )
        )
    return union_all(*parts).subquery() if len(parts) > 1 else parts[0].subquery()


def variant_totals(s: Session, sc: Scope) -> dict[int, tuple[int, int]]:
    """variant id -> (units, revenue in hundredths) over the scope; one grouped query."""
    u = variant_sales(sc)
    stmt = (
        select(u.c.variant_id, func.sum(u.c.units), func.sum(u.c.revenue_minor))
        .where(u.c.variant_id.is_not(None))
        .group_by(u.c.variant_id)
    )
    return {vid: (int(n or 0), int(r or 0)) for vid, n, r in s.execute(stmt)}


def _ranked(totals: dict[int, tuple[int, int]], limit: int, by_units: bool) -> list[int]:
    pick = 0 if by_units else 1
    return sorted(totals, key=lambda k: (-totals[k][pick], k))[:limit]


def top_from(
    s: Session, totals: dict[int, tuple[int, int]], limit: int, by_units: bool, products: bool
) -> tuple[TopItem, ...]:
    """Rank variants (or their products) from per-variant totals; names for the winners only.

    Ranking in Python over at most one row per variant is cheaper than a second grouped
    join in SQL, and lets the dashboard rank products and variants from one query.
    """
    if not totals:
        return ()
    names = {
        vid: (pid, sku, pname, vname)
        for vid, pid, sku, pname, vname in s.execute(
            select(Variant.id, Variant.product_id, Variant.sku, Product.name, Variant.name)
            .join(Product, Product.id == Variant.product_id)
            .where(Variant.id.in_(list(totals)))
        )
    }
    if not products:
        return tuple(
            TopItem(
                vid,
                names[vid][1],
                f"{names[vid][2]} {names[vid][3]}".strip(),
                totals[vid][0],
                from_minor(totals[vid][1]),
            )
            for vid in _ranked(totals, limit, by_units)
            if vid in names
        )
    per_product: dict[int, tuple[int, int]] = {}
    first_sku: dict[int, str] = {}
    for vid, (n, r) in totals.items():
        if vid not in names:
            continue
        pid, sku = names[vid][0], names[vid][1]
        pn, pr = per_product.get(pid, (0, 0))
        per_product[pid] = (pn + n, pr + r)
        first_sku[pid] = min(first_sku.get(pid, sku), sku)
    labels = {pid: pname for pid, _, pname, _ in names.values()}
    return tuple(
        TopItem(
            pid, first_sku[pid], labels[pid], per_product[pid][0], from_minor(per_product[pid][1])
        )
        for pid in _ranked(per_product, limit, by_units)
    )


def _top(s: Session, sc: Scope, limit: int, by_units: bool, products: bool) -> tuple[TopItem, ...]:
    return top_from(s, variant_totals(s, sc), limit, by_units, products)


def top_products(
    ctx: ServiceContext,
    period: Period,
    store_ids: Iterable[int] | None = None,
    *,
    limit: int = 10,
    by_units: bool = False,
) -> tuple[TopItem, ...]:
    """Best-selling products by revenue (or units)."""
    with ctx.read() as s:
        return _top(s, scope(s, ctx, period, store_ids), limit, by_units, products=True)


def top_variants(
    ctx: ServiceContext,
    period: Period,
    store_ids: Iterable[int] | None = None,
    *,
    limit: int = 10,
    by_units: bool = False,
) -> tuple[TopItem, ...]:
    """Best-selling variants by revenue (or units)."""
    with ctx.read() as s:
        return _top(s, scope(s, ctx, period, store_ids), limit, by_units, products=False)
