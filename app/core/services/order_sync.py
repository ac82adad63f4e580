"""What the order job stores: its pages of orders, its cursor, and the orders' real fees.

The engine's order job (:mod:`app.core.sync.orders_job`) decides what to fetch and in
which order; every read and write of the database it needs is here. The cursor moves
only in the same transaction as the orders of a window's last page (docs/ARCHITECTURE.md),
so a crash at any moment loses nothing and stores nothing twice.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from app.core.db.models import Order, Store, SyncCursor
from app.core.db.types import utcnow
from app.core.domain import ChannelOrder, JobKind, OrderFees, OrderStatus
from app.core.services.context import ServiceContext
from app.core.services.ledger import touched_variants
from app.core.services.orders import UpsertStats, upsert_orders_in

OVERLAP = timedelta(minutes=5)  # each fetch reads this far back behind the cursor
INITIAL_LOOKBACK = timedelta(days=7)  # a store's first fetch


def cursor_start(ctx: ServiceContext, store_id: int, now: datetime) -> datetime:
    """Where the store's next order fetch starts: the cursor less the overlap, or a week
    back for a store never fetched."""
    with ctx.read() as s:
        pos = s.scalar(
            select(SyncCursor.position).where(
                SyncCursor.store_id == store_id, SyncCursor.kind == JobKind.ORDERS
            )
        )
    return now - INITIAL_LOOKBACK if pos is None else pos - OVERLAP


def advance_cursor_in(session: Session, store_id: int, position: datetime) -> None:
    """Move the store's order cursor forward (never back) in the caller's unit of work."""
    cur = session.scalar(
        select(SyncCursor).where(SyncCursor.store_id == store_id, SyncCursor.kind == JobKind.ORDERS)
    )
    if cur is None:
        session.add(SyncCursor(store_id=store_id, kind=JobKind.ORDERS, position=position))
    elif cur.position is None or position > cur.position:
        cur.position = position


def store_page(
    ctx: ServiceContext,
    store_id: int,
    orders: Sequence[ChannelOrder],
    window_placed: set[datetime] | None = None,
    advance_cursor_to: datetime | None = None,
) -> tuple[UpsertStats, set[int]]:
    """Store one page of orders in one transaction: the orders with their stock effects
    and, on a window's last page, the cursor and the analytics summary of the days the
    window's orders were placed on (``window_placed`` plus this page's).

    The summary is brought up to date once per window rather than per page (a page would
    recompute the same busy days again and again), and in the cursor's transaction, so a
    window cut short by a crash is read and summarised again next time: every order read
    counts, changed or not. Returns what the upsert did and the variants whose stock it
    changed.
    """
    from app.core.services.analytics.summary import refresh_sales_summary_placed

    with ctx.write() as s:
        stats = upsert_orders_in(s, s.get_one(Store, store_id), list(orders))
        touched = set(touched_variants(s))
        if advance_cursor_to is not None:  # same transaction as the orders it covers
            placed = stats.placed | (window_placed or set())
            refresh_sales_summary_placed(s, store_id, placed)
            advance_cursor_in(s, store_id, advance_cursor_to)
    return stats, touched


def orders_awaiting_fees(ctx: ServiceContext, store_id: int, limit: int) -> list[tuple[int, str]]:
    """(order id, platform order id) of completed orders whose fees are still an estimate,
    least recently tried first."""
    with ctx.read() as s:
        return [
            (order_id, platform_id)
            for order_id, platform_id in s.execute(
                select(Order.id, Order.platform_order_id)
                .where(
                    Order.store_id == store_id,
                    Order.status == OrderStatus.COMPLETED,
                    Order.fees_final.is_(False),
                )
                .order_by(Order.updated_at, Order.id)
                .limit(limit)
            )
        ]


def record_fees(
    ctx: ServiceContext, final: Sequence[tuple[int, OrderFees]], tried: Sequence[int]
) -> None:
    """Keep the real fees of ``final`` orders (their profit stops being an estimate) and
    send the ``tried`` ones, whose statement is not ready, to the back of the queue."""
    from app.core.services.analytics.summary import refresh_sales_summary

    with ctx.write() as s:
        for order_id, fees in final:
            s.execute(
                update(Order)
                .where(Order.id == order_id)
                .values(
                    fees=fees.total_fees, shipping_subsidy=fees.shipping_subsidy, fees_final=True
                )
            )
        if tried:
            s.execute(update(Order).where(Order.id.in_(list(tried))).values(updated_at=utcnow()))
        refresh_sales_summary(s, [order_id for order_id, _f in final])
