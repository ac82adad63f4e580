"""Orders from every store: the idempotent upsert, and reads of one order.

:func:`upsert_orders_in` stores a page of platform orders in the caller's transaction:
new orders in bulk (:mod:`app.core.services.order_insert`), changed ones updated with a
status history row, and every item moved towards the state its order's status calls for
by the state machine in :mod:`app.core.services.order_items`, whose stock effects are
collected in one :class:`~app.core.services.ledger.LedgerBatch` and written together.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.core.db.models import ChannelListing, Order, OrderStatusChange, Store
from app.core.domain import ChannelOrder, InventoryState, OrderStatus
from app.core.services.bounds import order_problem
from app.core.services.context import ServiceContext
from app.core.services.errors import NotFoundError
from app.core.services.ledger import LedgerBatch
from app.core.services.locations import store_location_id
from app.core.services.order_insert import insert_new_orders
from app.core.services.order_items import TARGET_STATE, load_costs, move_item
from app.core.text import msg

log = logging.getLogger(__name__)


@dataclass
class UpsertStats:
    """What an upsert did."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    effects: int = 0  # ledger-changing item transitions
    unmapped_items: int = 0
    stale: int = 0  # updates older than the stored order, ignored
    rejected: list[str] = field(default_factory=list)  # orders not stored, and why
    # when each order seen was placed, as stored: the analytics days these orders are in
    placed: set[datetime] = field(default_factory=set)


def upsert_orders_in(
    session: Session, store: Store, orders: Sequence[ChannelOrder], *, actor: str = "sync"
) -> UpsertStats:
    """Store or update orders for one store, applying stock effects exactly once.

    Runs in the caller's transaction, so the engine can advance its cursor in the same
    commit as the orders it covers.
    """
    stats = UpsertStats()
    orders = _sane(store, orders, stats)
    if not orders:
        return stats
    ids = [o.platform_order_id for o in orders]
    existing = {
        o.platform_order_id: o
        for o in session.scalars(
            select(Order)
            .options(selectinload(Order.items))
            .where(Order.store_id == store.id, Order.platform_order_id.in_(ids))
        )
    }
    pairs = {(i.platform_product_id, i.platform_variant_id) for o in orders for i in o.items}
    listings = {
        (li.platform_product_id, li.platform_variant_id): li
        for li in session.scalars(
            select(ChannelListing).where(
                ChannelListing.store_id == store.id,
                ChannelListing.platform_product_id.in_({p for p, _ in pairs}),
            )
        )
        if (li.platform_product_id, li.platform_variant_id) in pairs
    }
    location_id = store_location_id(session, store)
    costs: dict[int, Decimal] = {}
    load_costs(session, {li.variant_id for li in listings.values() if li.variant_id}, costs)
    ledger = LedgerBatch()
    new: dict[str, ChannelOrder] = {}
    for co in orders:
        order = existing.get(co.platform_order_id)
        if order is None:
            seen = new.get(co.platform_order_id)
            if seen is None or not _older(co.updated_at, seen.updated_at):
                new[co.platform_order_id] = co  # a page repeating one: the newest copy wins
            stats.placed.add(co.created_at)
            continue
        stats.placed.add(order.placed_at)
        if _older(co.updated_at, order.platform_updated_at):
            # an answer older than what we stored (a late page, a stale cache, a replay)
            # must not move the order back (docs/ARCHITECTURE.md, "Orders")
            stats.stale += 1
            stats.unchanged += 1
            continue
        if _changed(order, co):
            _update_order(session, order, co)
            stats.updated += 1
        else:
            stats.unchanged += 1
            continue
        target = TARGET_STATE[order.status]
        for item in order.items:
            if item.variant_id is None:
                stats.unmapped_items += 1
            if move_item(
                session,
                item,
                target,
                actor=actor,
                order_ref=f"order {order.platform_order_id}",
                ledger=ledger,
            ):
                stats.effects += 1
    if new:
        effects, unmapped = insert_new_orders(
            session, store, list(new.values()), listings, location_id, costs, ledger, actor=actor
        )
        stats.created += len(new)
        stats.effects += effects
        stats.unmapped_items += unmapped
    session.flush()
    ledger.flush(session)
    return stats


def _sane(store: Store, orders: Sequence[ChannelOrder], stats: UpsertStats) -> list[ChannelOrder]:
    """The orders whose values are in range; each other one is skipped with a warning, so
    one absurd record (a quantity of 10^12) cannot fail the page or overflow a sum."""
    kept = []
    for co in orders:
        problem = order_problem(co)
        if problem is None:
            kept.append(co)
        else:
            stats.rejected.append(problem)
            log.warning("store %s: order not stored: %s", store.id, problem)
    return kept


def _older(incoming: datetime | None, stored: datetime | None) -> bool:
    """Whether the platform's update time of ``incoming`` is before ``stored``."""
    return incoming is not None and stored is not None and incoming < stored


def _changed(order: Order, co: ChannelOrder) -> bool:
    return (
        order.status != co.status
        or order.platform_status != co.platform_status
        or order.platform_updated_at != co.updated_at
        # a platform whose order detail has no tracking number (Shopee) never clears the
        # one shipping stored (services/shipping.py)
        or bool(co.tracking_number and order.tracking_number != co.tracking_number)
    )


def _order_fields(co: ChannelOrder) -> dict:
    return dict(
        status=co.status,
        platform_status=co.platform_status,
        currency=co.currency,
        buyer_name=co.buyer_name[:255],
        buyer_username=co.buyer_username[:255],
        shipping_address=co.shipping_address,
        subtotal=co.subtotal,
        shipping_fee=co.shipping_fee,
        seller_discount=co.seller_discount,
        platform_discount=co.platform_discount,
        total=co.total,
        tracking_number=co.tracking_number[:80],
        cancel_reason=co.cancel_reason,
        cancelled_by=co.cancelled_by,
        placed_at=co.created_at,
        platform_updated_at=co.updated_at,
        paid_at=co.paid_at,
        shipped_at=co.shipped_at,
        completed_at=co.completed_at,
    )


def _update_order(session: Session, order: Order, co: ChannelOrder) -> None:
    if order.status != co.status or order.platform_status != co.platform_status:
        order.history.append(
            OrderStatusChange(
                status=co.status,
                platform_status=co.platform_status,
                changed_at=co.updated_at,
            )
        )
    fields = _order_fields(co)
    fields.pop("placed_at")
    if not co.tracking_number:
        fields.pop("tracking_number")  # keep the one shipping stored
    for k, v in fields.items():
        setattr(order, k, v)
    if co.status == OrderStatus.CANCELLED and not order.fees_final:
        # the estimate made at ingestion no longer holds: the marketplace charges a
        # cancelled order nothing (order_insert.estimated_fees)
        order.fees = Decimal("0.00")


# --------------------------------------------------------------------------- reads


@dataclass(frozen=True)
class OrderItemDTO:
    """An order line for the detail pane."""

    id: int
    name: str
    platform_sku: str
    quantity: int
    unit_price: Decimal
    discount: Decimal
    variant_id: int | None
    listing_id: int | None
    inventory_state: InventoryState

    @property
    def mapped(self) -> bool:
        """Whether the line moves master stock."""
        return self.variant_id is not None


@dataclass(frozen=True)
class OrderDTO:
    """An order with its lines and status history."""

    id: int
    store_id: int
    platform_order_id: str
    status: OrderStatus
    platform_status: str
    buyer_name: str
    shipping_address: str
    subtotal: Decimal
    shipping_fee: Decimal
    seller_discount: Decimal
    total: Decimal
    fees: Decimal
    fees_final: bool
    placed_at: datetime
    updated_at: datetime
    tracking_number: str
    items: tuple[OrderItemDTO, ...]
    history: tuple[tuple[datetime, OrderStatus, str], ...]
    cancel_reason: str = ""
    cancelled_by: str = ""  # buyer / seller / system / operator, "" when not known


def get_order(ctx: ServiceContext, order_id: int) -> OrderDTO:
    """One order with items and history."""
    with ctx.read() as s:
        o = s.get(Order, order_id)
        if o is None:
            raise NotFoundError(msg("order {order_id} does not exist", order_id=order_id))
        hist = s.execute(
            select(
                OrderStatusChange.changed_at,
                OrderStatusChange.status,
                OrderStatusChange.platform_status,
            )
            .where(OrderStatusChange.order_id == o.id)
            .order_by(OrderStatusChange.id)
        ).all()
        return OrderDTO(
            o.id,
            o.store_id,
            o.platform_order_id,
            o.status,
            o.platform_status,
            o.buyer_name,
            o.shipping_address,
            o.subtotal,
            o.shipping_fee,
            o.seller_discount,
            o.total,
            o.fees,
            o.fees_final,
            o.placed_at,
            o.platform_updated_at,
            o.tracking_number,
            tuple(
                OrderItemDTO(
                    i.id,
                    i.name,
                    i.platform_sku,
                    i.quantity,
                    i.unit_price,
                    i.discount,
                    i.variant_id,
                    i.listing_id,
                    i.inventory_state,
                )
                for i in o.items
            ),
            tuple((a, b, c) for a, b, c in hist),
            o.cancel_reason,
            o.cancelled_by,
        )


def find_order_id(ctx: ServiceContext, store_id: int, platform_order_id: str) -> int | None:
    """Our id of a platform order."""
    with ctx.read() as s:
        return s.scalar(
            select(Order.id).where(
                Order.store_id == store_id, Order.platform_order_id == platform_order_id
            )
        )


__all__ = [
    "OrderDTO",
    "OrderItemDTO",
    "UpsertStats",
    "find_order_id",
    "get_order",
    "upsert_orders_in",
]
