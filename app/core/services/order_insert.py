"""Bulk insert of orders seen for the first time (the hot path of order ingestion).

A page of new orders becomes three ``executemany`` inserts (orders, lines, status
history) and two id look-ups, instead of ORM objects flushed row by row; stock effects go
through the same :class:`~app.core.services.inventory.LedgerBatch` and state machine
table as every other order, so the rules stay in one place.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from app.core.db.models import ChannelListing, Order, OrderItem, OrderStatusChange, Store
from app.core.db.types import utcnow
from app.core.enums import InventoryState
from app.core.platforms.base import ChannelOrder
from app.core.services.inventory import LedgerBatch
from app.core.services.orders import (
    _TRANSITIONS,
    TARGET_STATE,
    UpsertStats,
    _listing_for,
    _load_costs,
    _order_fields,
    mirror_listing,
    platform_stock_events,
)
from app.core.settings import StoreSettings


def insert_new_orders(
    session: Session,
    store: Store,
    orders: Sequence[ChannelOrder],
    listings: dict[tuple[str, str], ChannelListing],
    location_id: int,
    costs: dict[int, Decimal],
    ledger: LedgerBatch,
    stats: UpsertStats,
    *,
    actor: str,
) -> None:
    """Insert orders not stored yet, with their lines, history and stock effects."""
    now = utcnow()
    fee_rate = StoreSettings.from_json(store.settings).fee_rate_percent
    session.execute(
        insert(Order.__table__),
        [
            {
                **_order_fields(co),
                "store_id": store.id,
                "platform_order_id": co.platform_order_id,
                "fees": (co.total * fee_rate / 100).quantize(Decimal("0.01")),
                "fees_final": False,
                "shipping_subsidy": Decimal(0),
                "created_at": now,
                "updated_at": now,
            }
            for co in orders
        ],
    )
    order_ids = dict(
        session.execute(
            select(Order.platform_order_id, Order.id).where(
                Order.store_id == store.id,
                Order.platform_order_id.in_([co.platform_order_id for co in orders]),
            )
        ).all()
    )
    session.execute(
        insert(OrderStatusChange.__table__),
        [
            {
                "order_id": order_ids[co.platform_order_id],
                "status": co.status,
                "platform_status": co.platform_status,
                "changed_at": co.updated_at,
                "created_at": now,
            }
            for co in orders
        ],
    )
    lines = _line_rows(session, store, orders, order_ids, listings, location_id, costs)
    stats.created += len(orders)
    if not lines:
        return
    session.execute(insert(OrderItem.__table__), [row for row, _co in lines])
    item_ids = {
        (oid, pid): iid
        for iid, oid, pid in session.execute(
            select(OrderItem.id, OrderItem.order_id, OrderItem.platform_item_id).where(
                OrderItem.order_id.in_(list(order_ids.values()))
            )
        )
    }
    for row, co in lines:
        if row["variant_id"] is None:
            stats.unmapped_items += 1
            continue
        effect = _TRANSITIONS.get((InventoryState.NONE, row["inventory_state"]))
        for delta, happened in platform_stock_events(
            InventoryState.NONE,
            row["inventory_state"],
            row["quantity"],
            co.created_at,
            co.updated_at,
        ):
            mirror_listing(session, row["listing_id"], delta, happened)
        if effect is None:
            continue
        txn, d_oh, d_rs = effect
        ledger.add(
            variant_id=row["variant_id"],
            location_id=location_id,
            txn_type=txn,
            d_on_hand=d_oh * row["quantity"],
            d_reserved=d_rs * row["quantity"],
            actor=actor,
            reference_type="order_item",
            reference_id=item_ids[(row["order_id"], row["platform_item_id"])],
            note=f"order {co.platform_order_id}",
        )
        stats.effects += 1


def _line_rows(session, store, orders, order_ids, listings, location_id, costs):
    """Row dicts for every line, already in the state the order's status calls for."""
    out = []
    for co in orders:
        target = TARGET_STATE[co.status]
        for it in co.items:
            listing = _listing_for(session, store, listings, it)
            vid = listing.variant_id
            if vid is not None and vid not in costs:
                _load_costs(session, {vid}, costs)
            state = InventoryState.NONE
            if vid is not None and (InventoryState.NONE, target) in _TRANSITIONS:
                state = target
            out.append(
                (
                    {
                        "order_id": order_ids[co.platform_order_id],
                        "platform_item_id": it.platform_item_id,
                        "platform_product_id": it.platform_product_id,
                        "platform_variant_id": it.platform_variant_id,
                        "platform_sku": it.platform_sku,
                        "name": it.name[:255],
                        "quantity": it.quantity,
                        "unit_price": it.unit_price,
                        "discount": it.discount,
                        "listing_id": listing.id,
                        "variant_id": vid,
                        "location_id": location_id if vid is not None else None,
                        "inventory_state": state,
                        "unit_cost": costs.get(vid) if vid is not None else None,
                    },
                    co,
                )
            )
    return out
