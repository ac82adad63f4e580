"""Sales analytics: revenue, orders, units, profit, top products, stock value, slow movers.

Definitions (what a seller and an accountant would expect):

- An order *counts* as a sale when it is paid and neither cancelled nor returned
  (``to_ship``, ``shipped``, ``completed``). Unpaid orders are only "placed".
- gross = Σ unit price × quantity; discounts = seller-funded line discounts plus any
  order-level seller discount beyond them (platforms sometimes report the same discount at
  both levels, so it is never counted twice); revenue = gross − discounts.
  Platform-funded discounts and buyer-paid shipping are not the seller's revenue.
- cost of goods = Σ the line's cost at the time of sale (else the variant's current cost).
- fees = the order's marketplace fees: final when they came from escrow/finance data
  (``Order.fees_final``), else the per-store estimate made at ingestion (flagged).
- profit = revenue − cost of goods − fees − shipping subsidies (shipping the seller bore).
- Days are calendar days in the workspace's time zone (Asia/Jakarta by default); a
  :class:`Period` covers every local day it touches.

Speed: dashboards read the summary tables in :mod:`app.core.db.models.analytics`, which
:func:`refresh_sales_summary` keeps current in the same transaction as order ingestion
(:func:`rebuild_sales_summary` recomputes everything). Per-order figures read the orders
themselves, a page at a time.
"""

from __future__ import annotations

import enum
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from decimal import ROUND_HALF_UP, Decimal
from typing import NamedTuple
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import (
    BigInteger,
    Date,
    String,
    and_,
    delete,
    exists,
    func,
    insert,
    literal,
    or_,
    select,
    type_coerce,
    union_all,
)
from sqlalchemy.orm import Session

from app.core.db.models import (
    InventoryItem,
    Location,
    Order,
    OrderItem,
    PlatformRow,
    Product,
    Store,
    Variant,
    Workspace,
)
from app.core.db.models.analytics import SalesDaily, SalesDailyVariant, SalesMonthlyVariant
from app.core.domain import OrderStatus, ProductStatus
from app.core.money import from_minor
from app.core.services.context import ServiceContext
from app.core.services.errors import ValidationError
from app.core.text import msg

COUNTED_STATUSES = frozenset({OrderStatus.TO_SHIP, OrderStatus.SHIPPED, OrderStatus.COMPLETED})
DEFAULT_ZONE = "Asia/Jakarta"
# Fixed offsets for the zones sellers use, for machines without a tz database (Windows
# without the tzdata package). Indonesia has had no daylight saving since 1964.
_FALLBACK_ZONES: dict[str, tzinfo] = {
    "Asia/Jakarta": timezone(timedelta(hours=7), "WIB"),
    "Asia/Pontianak": timezone(timedelta(hours=7), "WIB"),
    "Asia/Makassar": timezone(timedelta(hours=8), "WITA"),
    "Asia/Jayapura": timezone(timedelta(hours=9), "WIT"),
    "UTC": UTC,
}
_PCT = Decimal("0.1")


# --------------------------------------------------------------------------- time


def local_zone(name: str | None) -> tzinfo:
    """The time zone called ``name`` (Asia/Jakarta when unknown)."""
    name = name or DEFAULT_ZONE
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return _FALLBACK_ZONES.get(name, _FALLBACK_ZONES[DEFAULT_ZONE])


def workspace_zone(session: Session, workspace_id: int) -> tzinfo:
    """The workspace's time zone, in which days, weeks and months are counted."""
    return local_zone(
        session.scalar(select(Workspace.timezone).where(Workspace.id == workspace_id))
    )


def day_bounds(day: date, tz: tzinfo) -> tuple[datetime, datetime]:
    """The UTC instants where local ``day`` starts and the next day starts."""
    start = datetime(day.year, day.month, day.day, tzinfo=tz)
    nxt = day + timedelta(days=1)
    end = datetime(nxt.year, nxt.month, nxt.day, tzinfo=tz)
    return start.astimezone(UTC), end.astimezone(UTC)


@dataclass(frozen=True)
class Period:
    """A half-open range ``[start, end)`` of aware datetimes."""

    start: datetime
    end: datetime

    def __post_init__(self) -> None:
        if self.start.tzinfo is None or self.end.tzinfo is None:
            raise ValidationError(msg("pass aware datetimes for the period"), field="period")
        if self.end <= self.start:
            raise ValidationError(msg("the period ends before it starts"), field="period")

    @classmethod
    def of_days(cls, first: date, last: date, tz: tzinfo) -> Period:
        """Whole local days ``first`` … ``last`` (inclusive)."""
        if last < first:
            raise ValidationError(msg("the last day is before the first"), field="period")
        return cls(day_bounds(first, tz)[0], day_bounds(last, tz)[1])

    def local_days(self, tz: tzinfo) -> tuple[date, date]:
        """The first and last local day the period touches."""
        first = self.start.astimezone(tz).date()
        last = (self.end - timedelta(microseconds=1)).astimezone(tz).date()
        return first, last


def period_of_days(ctx: ServiceContext, first: date, last: date) -> Period:
    """Whole days ``first`` … ``last`` in the workspace's time zone."""
    with ctx.read() as s:
        return Period.of_days(first, last, workspace_zone(s, ctx.workspace_id))


class Granularity(enum.StrEnum):
    """How a time series is bucketed (weeks start on Monday)."""

    DAY = "day"
    WEEK = "week"
    MONTH = "month"

    @classmethod
    def auto(cls, first: date, last: date) -> Granularity:
        """Days up to a month, weeks up to half a year, months beyond."""
        span = (last - first).days + 1
        return cls.DAY if span <= 31 else cls.WEEK if span <= 183 else cls.MONTH

    def bucket(self, day: date) -> date:
        """The first day of the bucket ``day`` falls in."""
        if self is Granularity.WEEK:
            return day - timedelta(days=day.weekday())
        if self is Granularity.MONTH:
            return day.replace(day=1)
        return day

    def buckets(self, first: date, last: date) -> list[date]:
        """Every bucket between two days, in order."""
        out: list[date] = []
        day = self.bucket(first)
        while day <= last:
            out.append(day)
            day = _next_bucket(self, day)
        return out


def _next_bucket(g: Granularity, day: date) -> date:
    if g is Granularity.DAY:
        return day + timedelta(days=1)
    if g is Granularity.WEEK:
        return day + timedelta(days=7)
    return add_month(day)


def add_month(day: date) -> date:
    """The first day of the month after ``day``'s."""
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


class GroupBy(enum.StrEnum):
    """What a breakdown groups by."""

    STORE = "store"
    PLATFORM = "platform"


# --------------------------------------------------------------------------- per-order maths


def allocate(total: int, weights: Sequence[int]) -> list[int]:
    """Share ``total`` (integer hundredths) over ``weights`` so the parts add up exactly.

    Largest-remainder method; with no positive weight everything goes to the first part.
    """
    if not weights:
        return []
    if total == 0 or len(weights) == 1:  # most orders: nothing to share, or one line
        return [total] + [0] * (len(weights) - 1)
    wsum = sum(w for w in weights if w > 0)
    if wsum == 0:
        return [total] + [0] * (len(weights) - 1)
    sign = -1 if total < 0 else 1
    amount = abs(total)
    shares = [amount * max(w, 0) // wsum for w in weights]
    rest = amount - sum(shares)
    order = sorted(range(len(weights)), key=lambda i: (-(amount * max(weights[i], 0) % wsum), i))
    for i in order[:rest]:
        shares[i] += 1
    return [sign * s for s in shares]


class LineIn(NamedTuple):
    """An order line in hundredths, as the maths needs it."""

    variant_id: int | None
    quantity: int
    unit_price: int
    discount: int
    unit_cost: int


class OrderIn(NamedTuple):
    """An order in hundredths, as the maths needs it."""

    id: int
    store_id: int
    status: OrderStatus
    placed_at: datetime
    seller_discount: int
    fees: int
    fees_final: bool
    shipping_subsidy: int
    shipping_fee: int


class LineShare(NamedTuple):
    """One line's part of its order's figures (hundredths)."""

    variant_id: int | None
    units: int
    revenue: int
    cost: int
    fees: int
    shipping_subsidy: int


@dataclass(frozen=True)
class OrderFigures:
    """One order's money in hundredths, with every line's share."""

    gross: int
    discounts: int
    revenue: int
    cost: int
    fees: int
    shipping_subsidy: int
    units: int
    lines: tuple[LineShare, ...]

    @property
    def profit(self) -> int:
        """Revenue − cost of goods − fees − shipping subsidy."""
        return self.revenue - self.cost - self.fees - self.shipping_subsidy


def order_figures(order: OrderIn, lines: Sequence[LineIn]) -> OrderFigures:
    """Gross, discounts, revenue, cost, fees and subsidy of one order, shared over lines."""
    gross_by_line = [ln.unit_price * ln.quantity for ln in lines]
    line_disc = sum(ln.discount for ln in lines)
    extra = max(0, order.seller_discount - line_disc)
    net = [g - ln.discount for g, ln in zip(gross_by_line, lines, strict=True)]
    extra_parts = allocate(extra, net)
    revenue_by_line = [n - x for n, x in zip(net, extra_parts, strict=True)]
    fee_parts = allocate(order.fees, revenue_by_line)
    sub_parts = allocate(order.shipping_subsidy, revenue_by_line)
    shares = tuple(
        LineShare(
            ln.variant_id,
            ln.quantity,
            revenue_by_line[i],
            ln.unit_cost * ln.quantity,
            fee_parts[i],
            sub_parts[i],
        )
        for i, ln in enumerate(lines)
    )
    gross = sum(gross_by_line)
    return OrderFigures(
        gross=gross,
        discounts=line_disc + extra,
        revenue=gross - line_disc - extra,
        cost=sum(s.cost for s in shares),
        fees=order.fees,
        shipping_subsidy=order.shipping_subsidy,
        units=sum(ln.quantity for ln in lines),
        lines=shares,
    )


def minor(col):
    """Read a Money column as raw hundredths: exact, and no per-row Decimal conversion."""
    return type_coerce(col, BigInteger)


ORDER_COLS = (
    Order.id,
    Order.store_id,
    type_coerce(Order.status, String),
    Order.placed_at,
    minor(Order.seller_discount),
    minor(Order.fees),
    Order.fees_final,
    minor(Order.shipping_subsidy),
    minor(Order.shipping_fee),
)
LINE_COLS = (
    OrderItem.order_id,
    OrderItem.variant_id,
    OrderItem.quantity,
    minor(OrderItem.unit_price),
    minor(OrderItem.discount),
    func.coalesce(minor(OrderItem.unit_cost), minor(Variant.cost), 0),
)


def order_in(row) -> OrderIn:
    return OrderIn(
        row[0],
        row[1],
        OrderStatus(row[2]),
        row[3],
        int(row[4] or 0),
        int(row[5] or 0),
        bool(row[6]),
        int(row[7] or 0),
        int(row[8] or 0),
    )


def lines_by_order(session: Session, order_filter) -> dict[int, list[LineIn]]:
    stmt = (
        select(*LINE_COLS)
        .join(Order, Order.id == OrderItem.order_id)
        .outerjoin(Variant, Variant.id == OrderItem.variant_id)
        .where(order_filter)
        .order_by(OrderItem.order_id, OrderItem.id)
    )
    out: dict[int, list[LineIn]] = defaultdict(list)
    for oid, vid, qty, price, disc, cost in session.execute(stmt):
        out[oid].append(LineIn(vid, int(qty), int(price or 0), int(disc or 0), int(cost or 0)))
    return out


# --------------------------------------------------------------------------- summary upkeep


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
    rows = []
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
    workspace_id = session.scalar(select(Store.workspace_id).where(Store.id == store_id))
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


# --------------------------------------------------------------------------- DTOs


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


class _Acc:
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


@dataclass(frozen=True)
class LocationValue:
    """Stock on hand at one location, valued at the variants' current cost."""

    location_id: int
    code: str
    name: str
    units: int
    value: Decimal


@dataclass(frozen=True)
class SlowMover:
    """A variant with stock that has not sold for a while."""

    variant_id: int
    sku: str
    name: str
    on_hand: int
    stock_value: Decimal
    last_sale: date | None
    days_since_sale: int | None


@dataclass(frozen=True)
class Cover:
    """How long a variant's available stock lasts at its recent rate of sale."""

    variant_id: int
    sku: str
    name: str
    available: int
    units_sold: int  # in the window
    per_day: Decimal
    days_of_cover: Decimal | None  # None: no recent sales


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


# --------------------------------------------------------------------------- reads


def workspace_store_ids(
    s: Session, ctx: ServiceContext, store_ids: Iterable[int] | None
) -> list[int]:
    """The workspace's stores, or those of ``store_ids`` that belong to it."""
    stmt = select(Store.id).where(Store.workspace_id == ctx.workspace_id)
    if store_ids is not None:
        stmt = stmt.where(Store.id.in_(list(store_ids)))
    return list(s.scalars(stmt.order_by(Store.id)))


def _store_labels(s: Session, stores: list[int]) -> dict[int, tuple[str, str, str]]:
    """store id -> (name, platform code, platform name)."""
    rows = s.execute(
        select(Store.id, Store.name, Store.platform, PlatformRow.name)
        .join(PlatformRow, PlatformRow.code == Store.platform)
        .where(Store.id.in_(stores))
    )
    return {sid: (name, code, pname) for sid, name, code, pname in rows}


def _daily_rows(s: Session, stores: list[int], first: date, last: date):
    cols = [getattr(SalesDaily, f) for f in _Acc.FIELDS]
    return s.execute(
        select(SalesDaily.store_id, SalesDaily.day, *cols).where(
            SalesDaily.store_id.in_(stores), SalesDaily.day >= first, SalesDaily.day <= last
        )
    ).all()


@dataclass(frozen=True)
class _Scope:
    tz: tzinfo
    stores: list[int]
    first: date
    last: date


def _scope(s: Session, ctx: ServiceContext, period: Period, store_ids) -> _Scope:
    tz = workspace_zone(s, ctx.workspace_id)
    first, last = period.local_days(tz)
    return _Scope(tz, workspace_store_ids(s, ctx, store_ids), first, last)


def sales_totals(
    ctx: ServiceContext, period: Period, store_ids: Iterable[int] | None = None
) -> SalesFigures:
    """Revenue, orders, units, AOV, profit and rates of a period."""
    with ctx.read() as s:
        sc = _scope(s, ctx, period, store_ids)
        acc = _Acc()
        for row in _daily_rows(s, sc.stores, sc.first, sc.last):
            acc.add(row[2:])
        return acc.figures()


def _groups(s: Session, sc: _Scope, rows, by: GroupBy) -> tuple[GroupFigures, ...]:
    labels = _store_labels(s, sc.stores)
    accs: dict[str, _Acc] = {}
    for row in rows:
        sid = row[0]
        key = str(sid) if by is GroupBy.STORE else labels[sid][1]
        accs.setdefault(key, _Acc()).add(row[2:])
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
        sc = _scope(s, ctx, period, store_ids)
        return _groups(s, sc, _daily_rows(s, sc.stores, sc.first, sc.last), by)


def _series(s: Session, sc: _Scope, rows, g: Granularity, by: GroupBy) -> tuple[Series, ...]:
    labels = _store_labels(s, sc.stores)
    buckets = g.buckets(sc.first, sc.last)
    index = {b: i for i, b in enumerate(buckets)}
    data: dict[str, list[list[int]]] = {}
    for row in rows:
        sid, day = row[0], row[1]
        key = str(sid) if by is GroupBy.STORE else labels[sid][1]
        cols = data.setdefault(key, [[0] * len(buckets) for _ in range(3)])
        i = index[g.bucket(day)]
        cols[0][i] += row[2 + _Acc.FIELDS.index("revenue_minor")]
        cols[1][i] += row[2 + _Acc.FIELDS.index("orders_counted")]
        cols[2][i] += row[2 + _Acc.FIELDS.index("units")]
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
        sc = _scope(s, ctx, period, store_ids)
        g = granularity or Granularity.auto(sc.first, sc.last)
        return _series(s, sc, _daily_rows(s, sc.stores, sc.first, sc.last), g, by)


def _month_split(first: date, last: date) -> tuple[list[date], list[tuple[date, date]]]:
    """Whole months inside ``[first, last]``, and the leftover day ranges at the edges."""
    months: list[date] = []
    edges: list[tuple[date, date]] = []
    m = first if first.day == 1 else add_month(first)
    if m > last:
        return [], [(first, last)]
    if first < m:
        edges.append((first, m - timedelta(days=1)))
    while add_month(m) - timedelta(days=1) <= last:
        months.append(m)
        m = add_month(m)
    if m <= last:
        edges.append((m, last))
    return months, edges


def _variant_sales(sc: _Scope):
    """Per-variant rows covering the scope: monthly roll-ups for whole months, days else."""
    months, edges = _month_split(sc.first, sc.last)
    m, d = SalesMonthlyVariant, SalesDailyVariant
    cols = ("variant_id", "units", "lines_fees_estimated", "revenue_minor", "cost_minor")
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


def _variant_totals(s: Session, sc: _Scope) -> dict[int, tuple[int, int]]:
    """variant id -> (units, revenue in hundredths) over the scope; one grouped query."""
    u = _variant_sales(sc)
    stmt = (
        select(u.c.variant_id, func.sum(u.c.units), func.sum(u.c.revenue_minor))
        .where(u.c.variant_id.is_not(None))
        .group_by(u.c.variant_id)
    )
    return {vid: (int(n or 0), int(r or 0)) for vid, n, r in s.execute(stmt)}


def _ranked(totals: dict[int, tuple[int, int]], limit: int, by_units: bool) -> list[int]:
    pick = 0 if by_units else 1
    return sorted(totals, key=lambda k: (-totals[k][pick], k))[:limit]


def _top_from(
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


def _top(s: Session, sc: _Scope, limit: int, by_units: bool, products: bool) -> tuple[TopItem, ...]:
    return _top_from(s, _variant_totals(s, sc), limit, by_units, products)


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
        return _top(s, _scope(s, ctx, period, store_ids), limit, by_units, products=True)


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
        return _top(s, _scope(s, ctx, period, store_ids), limit, by_units, products=False)


def dashboard(
    ctx: ServiceContext,
    period: Period,
    store_ids: Iterable[int] | None = None,
    granularity: Granularity | None = None,
    *,
    top: int = 10,
) -> Dashboard:
    """The Analytics page in one read: totals, breakdowns, series and top lists."""
    with ctx.read() as s:
        sc = _scope(s, ctx, period, store_ids)
        g = granularity or Granularity.auto(sc.first, sc.last)
        rows = _daily_rows(s, sc.stores, sc.first, sc.last)
        acc = _Acc()
        for row in rows:
            acc.add(row[2:])
        totals = _variant_totals(s, sc)
        return Dashboard(
            first_day=sc.first,
            last_day=sc.last,
            granularity=g,
            totals=acc.figures(),
            by_store=_groups(s, sc, rows, GroupBy.STORE),
            by_platform=_groups(s, sc, rows, GroupBy.PLATFORM),
            series_by_store=_series(s, sc, rows, g, GroupBy.STORE),
            top_products=_top_from(s, totals, top, False, products=True),
            top_variants=_top_from(s, totals, top, False, products=False),
        )


def profit_by_product(
    ctx: ServiceContext, period: Period, store_ids: Iterable[int] | None = None
) -> tuple[ProfitRow, ...]:
    """Profit per product, highest first; lines not mapped to a variant come as id None."""
    with ctx.read() as s:
        u = _variant_sales(_scope(s, ctx, period, store_ids))
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


# --------------------------------------------------------------------------- stock


def stock_value(ctx: ServiceContext) -> tuple[LocationValue, ...]:
    """On-hand stock per location valued at cost (negative counts are valued at zero)."""
    on_hand = InventoryItem.on_hand
    stmt = (
        select(
            Location.id,
            Location.code,
            Location.name,
            func.coalesce(func.sum(on_hand), 0),
            func.coalesce(func.sum(on_hand * minor(Variant.cost)), 0),
        )
        .select_from(Location)
        .outerjoin(
            InventoryItem,
            and_(InventoryItem.location_id == Location.id, InventoryItem.on_hand > 0),
        )
        .outerjoin(Variant, Variant.id == InventoryItem.variant_id)
        .where(Location.workspace_id == ctx.workspace_id)
        .group_by(Location.id)
        .order_by(Location.is_default.desc(), Location.name)
    )
    with ctx.read() as s:
        return tuple(
            LocationValue(lid, code, name, int(units), from_minor(value))
            for lid, code, name, units, value in s.execute(stmt)
        )


def _today(s: Session, ctx: ServiceContext, as_of: date | None) -> tuple[tzinfo, date]:
    tz = workspace_zone(s, ctx.workspace_id)
    return tz, as_of or datetime.now(tz).date()


def slow_movers(
    ctx: ServiceContext, days: int | None = None, *, as_of: date | None = None, limit: int = 200
) -> list[SlowMover]:
    """Active variants with stock on hand and no sale in the last ``days`` days.

    ``days`` defaults to the ``slow_mover_days`` setting. Most stock value first.
    """
    if days is None:
        from app.core.settings import SLOW_MOVER_DAYS, get_setting

        days = get_setting(ctx, SLOW_MOVER_DAYS)
    if days < 1:
        raise ValidationError(msg("days must be at least 1"), field="days")
    d = SalesDailyVariant
    with ctx.read() as s:
        _, today = _today(s, ctx, as_of)
        cutoff = today - timedelta(days=days - 1)
        stock = (
            select(
                InventoryItem.variant_id.label("vid"),
                func.sum(InventoryItem.on_hand).label("oh"),
            )
            .group_by(InventoryItem.variant_id)
            .subquery()
        )
        recent = exists().where(d.variant_id == Variant.id, d.day >= cutoff, d.units > 0)
        last_sale = (
            select(func.max(d.day)).where(d.variant_id == Variant.id, d.units > 0).scalar_subquery()
        )
        value = stock.c.oh * minor(Variant.cost)
        stmt = (
            select(
                Variant.id,
                Variant.sku,
                Product.name,
                Variant.name,
                stock.c.oh,
                value,
                last_sale,
            )
            .join(stock, stock.c.vid == Variant.id)
            .join(Product, Product.id == Variant.product_id)
            .where(
                Variant.workspace_id == ctx.workspace_id,
                Variant.status == ProductStatus.ACTIVE,
                stock.c.oh > 0,
                ~recent,
            )
            .order_by(value.desc(), Variant.sku)
            .limit(limit)
        )
        out = []
        for vid, sku, pname, vname, oh, val, last in s.execute(stmt):
            last_day = date.fromisoformat(last) if isinstance(last, str) else last
            out.append(
                SlowMover(
                    vid,
                    sku,
                    f"{pname} {vname}".strip(),
                    int(oh),
                    from_minor(val),
                    last_day,
                    None if last_day is None else (today - last_day).days,
                )
            )
        return out


def days_of_cover(
    ctx: ServiceContext,
    window_days: int = 30,
    *,
    as_of: date | None = None,
    limit: int = 200,
) -> list[Cover]:
    """Days each selling variant's available stock lasts at its rate over ``window_days``.

    Shortest cover first, so what runs out soonest leads.
    """
    if window_days < 1:
        raise ValidationError(msg("the window must be at least 1 day"), field="window_days")
    d = SalesDailyVariant
    with ctx.read() as s:
        _, today = _today(s, ctx, as_of)
        since = today - timedelta(days=window_days - 1)
        sold = (
            select(d.variant_id.label("vid"), func.sum(d.units).label("units"))
            .where(d.day >= since, d.day <= today, d.variant_id.is_not(None))
            .group_by(d.variant_id)
            .subquery()
        )
        avail = (
            select(
                InventoryItem.variant_id.label("vid"),
                func.sum(InventoryItem.on_hand - InventoryItem.reserved).label("av"),
            )
            .group_by(InventoryItem.variant_id)
            .subquery()
        )
        stmt = (
            select(
                Variant.id,
                Variant.sku,
                Product.name,
                Variant.name,
                func.coalesce(avail.c.av, 0),
                sold.c.units,
            )
            .join(sold, sold.c.vid == Variant.id)
            .join(Product, Product.id == Variant.product_id)
            .outerjoin(avail, avail.c.vid == Variant.id)
            .where(Variant.workspace_id == ctx.workspace_id, sold.c.units > 0)
        )
        out = []
        for vid, sku, pname, vname, av, units in s.execute(stmt):
            per_day = Decimal(int(units)) / window_days
            cover = (Decimal(max(int(av), 0)) / per_day).quantize(_PCT, rounding=ROUND_HALF_UP)
            out.append(
                Cover(
                    vid,
                    sku,
                    f"{pname} {vname}".strip(),
                    int(av),
                    int(units),
                    per_day.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP),
                    cover,
                )
            )
        out.sort(key=lambda c: (c.days_of_cover, c.sku))
        return out[:limit]


__all__ = [
    "COUNTED_STATUSES",
    "Cover",
    "Dashboard",
    "Granularity",
    "GroupBy",
    "GroupFigures",
    "LocationValue",
    "OrderProfit",
    "Period",
    "ProfitRow",
    "SalesFigures",
    "Series",
    "SlowMover",
    "TopItem",
    "allocate",
    "dashboard",
    "day_bounds",
    "days_of_cover",
    "local_zone",
    "order_figures",
    "period_of_days",
    "profit_by_order",
    "profit_by_product",
    "profit_by_store",
    "rebuild_sales_summary",
    "refresh_sales_summary",
    "sales_by",
    "sales_series",
    "sales_totals",
    "slow_movers",
    "stock_value",
    "top_products",
    "top_variants",
    "workspace_zone",
]
