"""Orders from every store: idempotent upsert and each item's inventory state machine.

An item walks ``none → reserved → deducted``, ``reserved → released`` (cancelled before
shipping), ``deducted → returned`` (the seller restocks a return). The target state follows
from the order's status; applying the same status twice changes nothing, because only a
state *transition* writes to the ledger. Items whose listing is not mapped to a variant
stay ``none`` and take effect when the listing is mapped.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.core.db.models import ChannelListing, Order, OrderItem, OrderStatusChange, Store, Variant
from app.core.domain import ChannelOrder, InventoryState, ListingMatch, OrderStatus, TxnType
from app.core.services.context import ServiceContext
from app.core.services.errors import NotFoundError, ValidationError
from app.core.services.inventory import (
    LedgerBatch,
    apply_change,
    forced_listings,
    store_location_id,
)
from app.core.text import msg

# What stock effect each order status calls for.
TARGET_STATE: dict[OrderStatus, InventoryState] = {
    OrderStatus.UNPAID: InventoryState.RESERVED,
    OrderStatus.TO_SHIP: InventoryState.RESERVED,
    OrderStatus.SHIPPED: InventoryState.DEDUCTED,
    OrderStatus.COMPLETED: InventoryState.DEDUCTED,
    OrderStatus.RETURNED: InventoryState.DEDUCTED,  # restock only when the seller says so
    OrderStatus.CANCELLED: InventoryState.RELEASED,
}
OPEN_STATUSES = (OrderStatus.UNPAID, OrderStatus.TO_SHIP)

# (current, target) -> (ledger type, delta on hand, delta reserved) per unit; absent: no-op
_TRANSITIONS: dict[tuple[InventoryState, InventoryState], tuple[TxnType, int, int] | None] = {
    (InventoryState.NONE, InventoryState.RESERVED): (TxnType.RESERVATION, 0, 1),
    (InventoryState.NONE, InventoryState.DEDUCTED): (TxnType.SALE, -1, 0),
    (InventoryState.NONE, InventoryState.RELEASED): None,  # state only, nothing was held
    (InventoryState.RESERVED, InventoryState.DEDUCTED): (TxnType.SALE, -1, -1),
    (InventoryState.RESERVED, InventoryState.RELEASED): (TxnType.RELEASE, 0, -1),
}


@dataclass
class UpsertStats:
    """What an upsert did."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    effects: int = 0  # ledger-changing item transitions
    unmapped_items: int = 0
    # when each order seen was placed, as stored: the analytics days these orders are in
    placed: set[datetime] = field(default_factory=set)


def move_item(
    session: Session,
    item: OrderItem,
    target: InventoryState,
    *,
    actor: str,
    order_ref: str,
    ledger: LedgerBatch | None = None,
) -> bool:
    """Move one mapped item towards ``target``; returns True when stock changed.

    Illegal or backward moves (e.g. released → reserved) are ignored: order fetches
    overlap on purpose, and a final state stays final. With ``ledger`` the stock effect is
    queued there (applied at its flush, in the same transaction).
    """
    current = item.inventory_state
    if current == target or item.variant_id is None or item.location_id is None:
        return False
    key = (current, target)
    if key not in _TRANSITIONS:
        return False
    effect = _TRANSITIONS[key]
    _mirror_platform_stock(session, item, current, target)
    if effect is not None:
        txn, d_oh, d_rs = effect
        change = {
            "variant_id": item.variant_id,
            "location_id": item.location_id,
            "txn_type": txn,
            "d_on_hand": d_oh * item.quantity,
            "d_reserved": d_rs * item.quantity,
            "actor": actor,
            "reference_type": "order_item",
            "reference_id": item,  # its id exists once the page is flushed
            "note": order_ref,
        }
        if ledger is not None:
            ledger.add(**change)
        else:  # a platform sale is a fact: oversold shows as negative stock
            apply_change(session, **change, allow_negative=True)
    item.inventory_state = target
    return effect is not None


def _mirror_platform_stock(
    session: Session, item: OrderItem, current: InventoryState, target: InventoryState
) -> None:
    """The marketplace takes an order's units off its own stock figure when the order is
    placed, and gives them back when it is cancelled before shipping. Mirror that in what
    we know the listing shows, so the outbox corrects the platform whenever our policy's
    number differs from it (with a buffer or a share, our number may not move at all).

    Only when the platform's change clearly came after our last push landed: an absolute
    push that landed later already overwrote it. When the two are too close to tell apart
    (platform times have whole seconds), the listing is pushed again: one push too many
    is harmless, a wrong figure is not.
    """
    if item.listing_id is None:
        return
    for delta, happened in platform_stock_events(
        current, target, item.quantity, item.order.placed_at, item.order.platform_updated_at
    ):
        mirror_listing(session, item.listing_id, delta, happened)


def platform_stock_events(
    current: InventoryState,
    target: InventoryState,
    quantity: int,
    placed: datetime,
    updated: datetime,
) -> list[tuple[int, datetime]]:
    """What the platform did to its own stock figure for this move, and when: it takes
    the units when the order is placed and gives them back when it is cancelled."""
    taken, given_back = (-quantity, placed), (quantity, updated)
    if current == InventoryState.NONE and target in (
        InventoryState.RESERVED,
        InventoryState.DEDUCTED,
    ):
        return [taken]
    if current == InventoryState.RESERVED and target == InventoryState.RELEASED:
        return [given_back]
    if current == InventoryState.NONE and target == InventoryState.RELEASED:
        return [taken, given_back]  # each judged against our last push on its own
    return []


# A push lands on the platform somewhere between sending and the reply we record it at;
# events closer than this to the recorded time are treated as unclear.
PUSH_WINDOW_SECONDS = 10.0


def mirror_listing(session: Session, listing_id: int, delta: int, happened: datetime) -> None:
    """:func:`mirror_listing_row` by listing id."""
    listing = session.get(ChannelListing, listing_id)
    if listing is not None:
        mirror_listing_row(session, listing, delta, happened)


def mirror_listing_row(
    session: Session, listing: ChannelListing, delta: int, happened: datetime
) -> None:
    """Apply a platform's own stock change at ``happened`` (whole seconds, floored) to what
    we know it shows: only when it clearly came after our last push landed; when it may
    have crossed the push, push again (one push too many is harmless, a wrong figure is
    not); when it clearly came before, our push already overwrote it."""
    if listing.last_pushed_stock is None or listing.last_pushed_at is None:
        return
    gap = (happened - listing.last_pushed_at).total_seconds()
    if gap >= 0:
        listing.last_pushed_stock = max(0, listing.last_pushed_stock + delta)
    elif gap > -(1.0 + PUSH_WINDOW_SECONDS):
        forced_listings(session).add(listing.id)


def _listing_for(
    session: Session, store: Store, cache: dict[tuple[str, str], ChannelListing], item
) -> ChannelListing:
    """The store's listing for an order line, created (unmapped) if product sync has not
    seen it yet, so the mapping view can offer it."""
    key = (item.platform_product_id, item.platform_variant_id)
    listing = cache.get(key)
    if listing is None:
        from app.core.services.listings import auto_match_variant

        listing = ChannelListing(
            store_id=store.id,
            platform_product_id=item.platform_product_id,
            platform_variant_id=item.platform_variant_id,
            platform_sku=item.platform_sku,
            title=item.name[:255],
            price=item.unit_price,
        )
        vid, how = auto_match_variant(session, store.workspace_id, item.platform_sku)
        listing.variant_id, listing.match = vid, how
        session.add(listing)
        session.flush()
        cache[key] = listing
    return listing


def upsert_orders_in(
    session: Session, store: Store, orders: Sequence[ChannelOrder], *, actor: str = "sync"
) -> UpsertStats:
    """Store or update orders for one store, applying stock effects exactly once.

    Runs in the caller's transaction, so the engine can advance its cursor in the same
    commit as the orders it covers.
    """
    stats = UpsertStats()
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
    _load_costs(session, {li.variant_id for li in listings.values() if li.variant_id}, costs)
    ledger = LedgerBatch()
    new: dict[str, ChannelOrder] = {}
    for co in orders:
        _validate(co)
        order = existing.get(co.platform_order_id)
        if order is None:
            new[co.platform_order_id] = co  # the last copy wins when a page repeats one
            stats.placed.add(co.created_at)
            continue
        stats.placed.add(order.placed_at)
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
        from app.core.services.order_insert import insert_new_orders

        insert_new_orders(
            session,
            store,
            list(new.values()),
            listings,
            location_id,
            costs,
            ledger,
            stats,
            actor=actor,
        )
    session.flush()
    ledger.flush(session)
    return stats


def _validate(co: ChannelOrder) -> None:
    if not co.platform_order_id:
        raise ValidationError(msg("order without an id"))
    for it in co.items:
        if it.quantity <= 0:
            raise ValidationError(
                msg(
                    "order {order}: line {line} has quantity {quantity}",
                    order=co.platform_order_id,
                    line=it.platform_item_id,
                    quantity=it.quantity,
                )
            )


def _changed(order: Order, co: ChannelOrder) -> bool:
    return (
        order.status != co.status
        or order.platform_status != co.platform_status
        or order.platform_updated_at != co.updated_at
        or order.tracking_number != (co.tracking_number or "")
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
    for k, v in fields.items():
        setattr(order, k, v)


# --------------------------------------------------------------------------- mapping effects


def apply_listing_mapping(
    session: Session, listing: ChannelListing, location_id: int, *, actor: str
) -> int:
    """A listing was just mapped: its open orders' items take effect now. Returns effects."""
    items = session.scalars(
        select(OrderItem)
        .options(selectinload(OrderItem.order))
        .where(OrderItem.listing_id == listing.id, OrderItem.variant_id.is_(None))
    ).all()
    effects = 0
    for item in items:
        item.variant_id, item.location_id = listing.variant_id, location_id
        if item.inventory_state != InventoryState.NONE:
            continue  # released/returned while unmapped: nothing left to hold
        if move_item(
            session,
            item,
            TARGET_STATE[item.order.status],
            actor=actor,
            order_ref=f"order {item.order.platform_order_id} (listing mapped)",
        ):
            effects += 1
    _cost_items(session, items)
    _refresh_summary(session, {i.order_id for i in items})
    return effects


def _load_costs(session: Session, variant_ids: set[int], costs: dict[int, Decimal]) -> None:
    missing = [v for v in variant_ids if v not in costs]
    if missing:
        costs.update(
            {
                vid: cost
                for vid, cost in session.execute(
                    select(Variant.id, Variant.cost).where(Variant.id.in_(missing))
                )
            }
        )


def _cost_items(
    session: Session, items: Sequence[OrderItem], costs: dict[int, Decimal] | None = None
) -> None:
    """Remember each mapped item's cost of goods at the time it took effect."""
    costs = {} if costs is None else costs
    _load_costs(session, {i.variant_id for i in items if i.variant_id}, costs)
    for i in items:
        if i.variant_id and i.unit_cost is None:
            i.unit_cost = costs.get(i.variant_id)


def reverse_listing_mapping(session: Session, listing: ChannelListing, *, actor: str) -> int:
    """A listing is being unmapped: undo its items' held stock. Returns effects reversed."""
    items = session.scalars(
        select(OrderItem)
        .options(selectinload(OrderItem.order))
        .where(OrderItem.listing_id == listing.id, OrderItem.variant_id.is_not(None))
    ).all()
    reversed_ = 0
    for item in items:
        ref = f"order {item.order.platform_order_id} (listing unmapped)"
        if _give_back(session, item, actor=actor, note=ref):
            reversed_ += 1
            item.inventory_state = InventoryState.NONE
        item.variant_id, item.location_id, item.unit_cost = None, None, None
    _refresh_summary(session, {i.order_id for i in items})
    return reversed_


def _give_back(session: Session, item: OrderItem, *, actor: str, note: str) -> bool:
    """Undo what a mapped item holds: release a reservation, return a deduction.

    Returns False (and changes nothing) for an item that holds nothing.
    """
    if item.inventory_state == InventoryState.RESERVED:
        txn, d_oh, d_rs = TxnType.RELEASE, 0, -item.quantity
    elif item.inventory_state == InventoryState.DEDUCTED:
        txn, d_oh, d_rs = TxnType.ADJUSTMENT, item.quantity, 0
    else:
        return False
    assert item.variant_id is not None and item.location_id is not None
    apply_change(
        session,
        variant_id=item.variant_id,
        location_id=item.location_id,
        txn_type=txn,
        d_on_hand=d_oh,
        d_reserved=d_rs,
        actor=actor,
        reference_type="order_item",
        reference_id=item.id,
        note=note,
    )
    return True


def _refresh_summary(session: Session, order_ids: set[int]) -> None:
    """Lines changed variant or cost: the analytics summary of their days follows."""
    if order_ids:
        from app.core.services.analytics.summary import refresh_sales_summary

        refresh_sales_summary(session, order_ids)


def release_open_items(session: Session, store_id: int, *, actor: str, why: str) -> int:
    """Release everything the store's open orders hold (before the store is removed)."""
    items = session.scalars(
        select(OrderItem)
        .join(Order, Order.id == OrderItem.order_id)
        .where(Order.store_id == store_id, OrderItem.inventory_state == InventoryState.RESERVED)
    ).all()
    for item in items:
        _give_back(session, item, actor=actor, note=why)
        item.inventory_state = InventoryState.RELEASED
    return len(items)


# --------------------------------------------------------------------------- returns


def restock_return(
    ctx: ServiceContext, order_id: int, item_ids: Sequence[int] | None = None
) -> int:
    """The seller received a return and puts it back on the shelf: deducted → returned."""
    with ctx.write() as s:
        order = s.get(Order, order_id)
        if order is None:
            raise NotFoundError(msg("order {order_id} does not exist", order_id=order_id))
        done = 0
        for item in order.items:
            if item_ids is not None and item.id not in item_ids:
                continue
            if item.inventory_state != InventoryState.DEDUCTED or item.variant_id is None:
                continue
            assert item.location_id is not None
            apply_change(
                s,
                variant_id=item.variant_id,
                location_id=item.location_id,
                txn_type=TxnType.RETURN,
                d_on_hand=item.quantity,
                actor=ctx.actor,
                reference_type="order_item",
                reference_id=item.id,
                note=f"return of order {order.platform_order_id}",
            )
            item.inventory_state = InventoryState.RETURNED
            done += 1
        if item_ids and not done:
            raise ValidationError(
                msg("none of these items can be restocked (not shipped, or already returned)")
            )
        return done


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
    "OPEN_STATUSES",
    "TARGET_STATE",
    "ListingMatch",
    "OrderDTO",
    "UpsertStats",
    "apply_listing_mapping",
    "get_order",
    "move_item",
    "release_open_items",
    "restock_return",
    "reverse_listing_mapping",
    "upsert_orders_in",
]
