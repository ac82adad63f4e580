"""Each order item's inventory state machine: the one place an order moves stock.

An item walks ``none → reserved → deducted``, ``reserved → released`` (cancelled before
shipping), ``deducted → returned`` (the seller restocks a received return) or
``deducted → written_off`` (the seller writes it off: no stock comes back,
:func:`dispose_return`). The target state follows
from the order's status (:data:`TARGET_STATE`); applying the same status twice changes
nothing, because only a state *transition* writes to the ledger. Items whose listing is
not mapped to a variant stay ``none`` and take effect when the listing is mapped
(:func:`apply_listing_mapping`); unmapping gives back what they hold.

Every stock effect goes through :mod:`app.core.services.ledger` with the order item's id
as its reference. This module also mirrors what the marketplace does to its own stock
figure for each move, so the outbox corrects the platform when they differ.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.core.db.models import ChannelListing, Order, OrderItem, Variant
from app.core.domain import InventoryState, OrderStatus, TxnType
from app.core.services.context import ServiceContext
from app.core.services.errors import NotFoundError, ValidationError
from app.core.services.ledger import (
    LedgerBatch,
    RefType,
    apply_change,
    forced_listings,
    record_only,
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
TRANSITIONS: dict[tuple[InventoryState, InventoryState], tuple[TxnType, int, int] | None] = {
    (InventoryState.NONE, InventoryState.RESERVED): (TxnType.RESERVATION, 0, 1),
    (InventoryState.NONE, InventoryState.DEDUCTED): (TxnType.SALE, -1, 0),
    (InventoryState.NONE, InventoryState.RELEASED): None,  # state only, nothing was held
    (InventoryState.RESERVED, InventoryState.DEDUCTED): (TxnType.SALE, -1, -1),
    (InventoryState.RESERVED, InventoryState.RELEASED): (TxnType.RELEASE, 0, -1),
}


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
    assert item.id is not None, "move_item needs a stored order item (flush first)"
    current = item.inventory_state
    if current == target or item.variant_id is None or item.location_id is None:
        return False
    key = (current, target)
    if key not in TRANSITIONS:
        return False
    effect = TRANSITIONS[key]
    _mirror_platform_stock(session, item, current, target)
    if effect is not None:
        txn, d_oh, d_rs = effect
        change: dict[str, Any] = {  # the same change, to a batch or applied at once
            "variant_id": item.variant_id,
            "location_id": item.location_id,
            "txn_type": txn,
            "d_on_hand": d_oh * item.quantity,
            "d_reserved": d_rs * item.quantity,
            "actor": actor,
            "reference_type": RefType.ORDER_ITEM,
            "reference_id": item.id,
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


def load_costs(session: Session, variant_ids: set[int], costs: dict[int, Decimal]) -> None:
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
    load_costs(session, {i.variant_id for i in items if i.variant_id}, costs)
    for i in items:
        if i.variant_id and i.unit_cost is None:
            i.unit_cost = costs.get(i.variant_id)


def cost_uncosted_sales(session: Session, new_costs: dict[int, Decimal]) -> int:
    """A variant sold without a cost (cost 0: the seller had not set one) now has one:
    the lines sold at no cost take it, so profit and the Analytics cost warning follow
    the seller's fix (docs/ARCHITECTURE.md, "what the profit rests on"). A cost the
    line already carries is never changed. Returns the lines costed."""
    wanted = {vid: cost for vid, cost in new_costs.items() if cost and cost > 0}
    if not wanted:
        return 0
    items = session.scalars(
        select(OrderItem).where(
            OrderItem.variant_id.in_(list(wanted)),
            (OrderItem.unit_cost.is_(None)) | (OrderItem.unit_cost == 0),
        )
    ).all()
    for item in items:
        item.unit_cost = wanted[item.variant_id]  # type: ignore[index]
    _refresh_summary(session, {i.order_id for i in items})
    return len(items)


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
        reference_type=RefType.ORDER_ITEM,
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
                reference_type=RefType.ORDER_ITEM,
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


# the states a returned item may be in when the seller decides one of its return lines:
# a second return of the same item (a partial return before) finds it already moved
DISPOSABLE = (InventoryState.DEDUCTED, InventoryState.RETURNED, InventoryState.WRITTEN_OFF)


def dispose_return(
    session: Session,
    item: OrderItem,
    *,
    restock: int,
    write_off: int,
    location_id: int,
    actor: str,
    note: str,
) -> None:
    """The seller's decision on returned units of one item: ``restock`` units go back on
    the shelf at ``location_id`` (a ``return`` ledger row), ``write_off`` units do not (a
    ``write_off`` row that moves nothing). The item becomes ``returned`` when any unit was
    restocked, else ``written_off``. The caller (services/returns.py) guarantees a return
    line is decided once; this only checks the item may take it.
    """
    assert item.id is not None and item.variant_id is not None
    if item.inventory_state not in DISPOSABLE:
        raise ValidationError(
            msg(
                "this line was not shipped, so nothing of it can come back (stock: {state})",
                state=item.inventory_state.value,
            )
        )
    if restock:
        apply_change(
            session,
            variant_id=item.variant_id,
            location_id=location_id,
            txn_type=TxnType.RETURN,
            d_on_hand=restock,
            actor=actor,
            reference_type=RefType.ORDER_ITEM,
            reference_id=item.id,
            note=note,
        )
    if write_off:
        record_only(
            session,
            variant_id=item.variant_id,
            location_id=item.location_id or location_id,
            txn_type=TxnType.WRITE_OFF,
            actor=actor,
            reference_type=RefType.ORDER_ITEM,
            reference_id=item.id,
            note=f"{write_off} written off: {note}",
        )
    if restock:
        item.inventory_state = InventoryState.RETURNED
    elif item.inventory_state == InventoryState.DEDUCTED:
        item.inventory_state = InventoryState.WRITTEN_OFF
