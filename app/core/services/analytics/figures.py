"""Exact money of one order: what it earned, cost and paid, shared over its lines.

The definitions a seller and an accountant would expect:

- An order *counts* as a sale when it is paid and neither cancelled nor returned
  (:data:`COUNTED_STATUSES`). Unpaid orders are only "placed".
- gross = Σ unit price × quantity; discounts = seller-funded line discounts plus any
  order-level seller discount beyond them (platforms sometimes report the same discount at
  both levels, so it is never counted twice); revenue = gross − discounts.
  Platform-funded discounts and buyer-paid shipping are not the seller's revenue.
- cost of goods = Σ the line's cost at the time of sale (else the variant's current cost).
- fees = the order's marketplace fees: final when they came from escrow/finance data
  (``Order.fees_final``), else the per-store estimate made at ingestion (flagged).
- profit = revenue − cost of goods − fees − shipping subsidies (shipping the seller bore).

Everything here is integer hundredths: order-level amounts are shared over the lines with
:func:`allocate` so the parts always add up to the whole. The summary tables
(:mod:`.summary`), profit per order (:mod:`.profit`) and the Excel exports read orders
through :data:`ORDER_COLS`, :data:`LINE_COLS` and :func:`lines_by_order`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import NamedTuple

from sqlalchemy import BigInteger, String, func, select, type_coerce
from sqlalchemy.orm import Session

from app.core.db.models import Order, OrderItem, Variant
from app.core.domain import OrderStatus

COUNTED_STATUSES = frozenset({OrderStatus.TO_SHIP, OrderStatus.SHIPPED, OrderStatus.COMPLETED})


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
    """An :data:`ORDER_COLS` row as :class:`OrderIn`."""
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
    """The lines of the orders matching ``order_filter``, per order id, in line order."""
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
