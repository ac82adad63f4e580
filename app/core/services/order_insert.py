"""Bulk insert of orders seen for the first time (the hot path of order ingestion).

A page of new orders becomes three ``executemany`` inserts (orders, lines, status
history) of ready-made tuples (:mod:`app.core.db.bulk`) and two id look-ups, instead of
ORM objects flushed row by row; stock effects go through the same
:class:`~app.core.services.ledger.LedgerBatch` and state machine table
(:mod:`app.core.services.order_items`) as every other order, so the rules stay in one
place.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from app.core.db.bulk import RowFormat, formats, insert_rows
from app.core.db.models import ChannelListing, Order, OrderItem, OrderStatusChange, Store
from app.core.db.types import utcnow
from app.core.domain import ChannelOrder, ChannelOrderItem, InventoryState, OrderStatus
from app.core.services.ledger import LedgerBatch, RefType
from app.core.services.listings import listing_for_line
from app.core.services.order_items import (
    TARGET_STATE,
    TRANSITIONS,
    load_costs,
    mirror_listing_row,
    platform_stock_events,
)
from app.core.settings import StoreSettings

ORDER_COLUMNS = (
    "store_id", "platform_order_id", "status", "platform_status", "currency", "buyer_name",
    "buyer_username", "shipping_address", "subtotal", "shipping_fee", "seller_discount",
    "platform_discount", "total", "fees", "fees_final", "shipping_subsidy",
    "tracking_number", "cancel_reason", "placed_at", "platform_updated_at", "paid_at",
    "shipped_at", "completed_at", "created_at", "updated_at", "cancelled_by",
)  # fmt: skip
HISTORY_COLUMNS = ("order_id", "status", "platform_status", "changed_at", "created_at")
ITEM_COLUMNS = (
    "order_id", "platform_item_id", "platform_product_id", "platform_variant_id",
    "platform_sku", "name", "quantity", "unit_price", "discount", "listing_id",
    "variant_id", "location_id", "inventory_state", "unit_cost",
)  # fmt: skip


@dataclass(slots=True)
class _Line:
    """One new order line and what its stock effect needs."""

    order: ChannelOrder
    item: ChannelOrderItem
    order_id: int
    listing: ChannelListing
    state: InventoryState


def insert_new_orders(
    session: Session,
    store: Store,
    orders: Sequence[ChannelOrder],
    listings: dict[tuple[str, str], ChannelListing],
    location_id: int,
    costs: dict[int, Decimal],
    ledger: LedgerBatch,
    *,
    actor: str,
) -> tuple[int, int]:
    """Insert orders not stored yet, with their lines, history and stock effects (queued
    in ``ledger``). Returns (stock effects queued, lines whose listing is unmapped)."""
    lines = _plan_lines(session, store, orders, listings, costs)  # may create listings
    conn = session.connection()
    fmt = formats(conn.dialect)
    now = fmt.time(utcnow())
    fee_rate = StoreSettings.from_json(store.settings).fee_rate_percent
    rows = [_order_row(store.id, co, fee_rate, fmt, now) for co in orders]
    insert_rows(conn, Order.__table__, ORDER_COLUMNS, rows)
    order_ids = _order_ids(conn, store.id, orders)
    insert_rows(
        conn,
        OrderStatusChange.__table__,
        HISTORY_COLUMNS,
        [
            (
                order_ids[co.platform_order_id],
                co.status.value,
                co.platform_status,
                fmt.time(co.updated_at),
                now,
            )
            for co in orders
        ],
    )
    if not lines:
        return 0, 0
    for line in lines:
        line.order_id = order_ids[line.order.platform_order_id]
    insert_rows(
        conn,
        OrderItem.__table__,
        ITEM_COLUMNS,
        [_item_row(line, location_id, costs, fmt) for line in lines],
    )
    item_ids = _item_ids(conn, list(order_ids.values()))
    effects = unmapped = 0
    for line in lines:
        if line.listing.variant_id is None:
            unmapped += 1
        elif _apply_effects(session, line, location_id, item_ids, ledger, actor):
            effects += 1
    return effects, unmapped


def estimated_fees(status: OrderStatus, total: Decimal, fee_rate: Decimal) -> Decimal:
    """The marketplace fee we assume until the platform's final figure arrives (the
    store's fee rate of the total); none for a cancelled order, which the marketplace
    charges nothing for (docs/ARCHITECTURE.md, orders)."""
    if status == OrderStatus.CANCELLED:
        return Decimal("0.00")
    return (total * fee_rate / 100).quantize(Decimal("0.01"))


def _order_row(store_id: int, co: ChannelOrder, fee_rate: Decimal, fmt: RowFormat, now) -> tuple:
    money, when = fmt.money, fmt.time
    # estimate until final; a cancelled order earns the marketplace nothing
    fees = money(estimated_fees(co.status, co.total, fee_rate))
    return (
        store_id, co.platform_order_id, co.status.value, co.platform_status, co.currency,
        co.buyer_name[:255], co.buyer_username[:255], co.shipping_address,
        money(co.subtotal), money(co.shipping_fee), money(co.seller_discount),
        money(co.platform_discount), money(co.total), fees, False, 0,
        co.tracking_number[:80], co.cancel_reason, when(co.created_at), when(co.updated_at),
        when(co.paid_at), when(co.shipped_at), when(co.completed_at), now, now,
        co.cancelled_by[:20],
    )  # fmt: skip


def _order_ids(conn: Connection, store_id: int, orders) -> dict[str, int]:
    return dict(
        conn.execute(
            select(Order.platform_order_id, Order.id).where(
                Order.store_id == store_id,
                Order.platform_order_id.in_([co.platform_order_id for co in orders]),
            )
        ).all()
    )


def _item_ids(conn: Connection, order_ids: list[int]) -> dict[tuple[int, str], int]:
    return {
        (oid, pid): iid
        for iid, oid, pid in conn.execute(
            select(OrderItem.id, OrderItem.order_id, OrderItem.platform_item_id).where(
                OrderItem.order_id.in_(order_ids)
            )
        )
    }


def _plan_lines(session, store, orders, listings, costs) -> list[_Line]:
    """Every line with its listing (created, unmapped, when new) and the state its order's
    status calls for."""
    out = []
    for co in orders:
        target = TARGET_STATE[co.status]
        for it in co.items:
            listing = listing_for_line(session, store, listings, it)
            vid = listing.variant_id
            if vid is not None and vid not in costs:
                load_costs(session, {vid}, costs)
            state = InventoryState.NONE
            if vid is not None and (InventoryState.NONE, target) in TRANSITIONS:
                state = target
            out.append(_Line(co, it, 0, listing, state))
    return out


def _item_row(line: _Line, location_id: int, costs, fmt: RowFormat) -> tuple:
    it, vid = line.item, line.listing.variant_id
    return (
        line.order_id, it.platform_item_id, it.platform_product_id, it.platform_variant_id,
        it.platform_sku, it.name[:255], it.quantity, fmt.money(it.unit_price),
        fmt.money(it.discount), line.listing.id, vid,
        location_id if vid is not None else None, line.state.value,
        fmt.money(costs.get(vid)) if vid is not None else None,
    )  # fmt: skip


def _apply_effects(session, line: _Line, location_id, item_ids, ledger, actor) -> bool:
    """Mirror what the platform did to its stock figure, and queue the ledger change of a
    mapped line; returns whether stock changed."""
    vid = line.listing.variant_id
    assert vid is not None
    co, qty = line.order, line.item.quantity
    for delta, happened in platform_stock_events(
        InventoryState.NONE, line.state, qty, co.created_at, co.updated_at
    ):
        mirror_listing_row(session, line.listing, delta, happened)
    effect = TRANSITIONS.get((InventoryState.NONE, line.state))
    if effect is None:
        return False
    txn, d_oh, d_rs = effect
    ledger.add(
        variant_id=vid,
        location_id=location_id,
        txn_type=txn,
        d_on_hand=d_oh * qty,
        d_reserved=d_rs * qty,
        actor=actor,
        reference_type=RefType.ORDER_ITEM,
        reference_id=item_ids[(line.order_id, line.item.platform_item_id)],
        note=f"order {co.platform_order_id}",
    )
    return True
