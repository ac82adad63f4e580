"""Cancellations and returns over loopback HTTP: a seller's cancellation and a received
return move the ledger exactly once, also when the same statuses are synced again; a
platform cancellation keeps its reason and who cancelled; a write-off adds no stock."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.core.db.models import (
    ChannelListing,
    InventoryItem,
    InventoryTransaction,
    Order,
    OrderItem,
    SyncJob,
    Variant,
)
from app.core.domain import InventoryState, JobKind, JobStatus, Platform, ReturnState, TxnType
from app.core.services import returns as returns_service
from app.core.services.errors import ValidationError
from app.core.sync.cancel_job import cancel_job, reasons_job
from app.core.sync.returns_job import returns_job


def _store(world, platform: Platform):
    return next(s for s in world.stores() if s.platform == platform)


def _mapped_sku(world, store) -> str:
    with world.ws.sessions() as s:
        return s.scalars(
            select(ChannelListing.platform_sku)
            .where(ChannelListing.store_id == store.id, ChannelListing.variant_id.is_not(None))
            .order_by(ChannelListing.id)
        ).first()


def _stock(world, sku: str) -> tuple[int, int]:
    """(on hand, reserved) of a master SKU over all locations."""
    with world.ws.sessions() as s:
        rows = s.execute(
            select(InventoryItem.on_hand, InventoryItem.reserved)
            .join(Variant, Variant.id == InventoryItem.variant_id)
            .where(Variant.sku == sku)
        ).all()
    return sum(r[0] for r in rows), sum(r[1] for r in rows)


def _order(world, store, number: str) -> Order:
    with world.ws.sessions() as s:
        o = s.scalars(
            select(Order).where(Order.store_id == store.id, Order.platform_order_id == number)
        ).one()
        s.expunge(o)
        return o


def _ledger(world, order_id: int) -> list[tuple[str, int, int]]:
    """(type, d on hand, d reserved) of every ledger row of the order's items."""
    with world.ws.sessions() as s:
        ids = [
            str(i) for i in s.scalars(select(OrderItem.id).where(OrderItem.order_id == order_id))
        ]
        rows = s.execute(
            select(
                InventoryTransaction.type,
                InventoryTransaction.delta_on_hand,
                InventoryTransaction.delta_reserved,
            )
            .where(
                InventoryTransaction.reference_type == "order_item",
                InventoryTransaction.reference_id.in_(ids),
            )
            .order_by(InventoryTransaction.id)
        ).all()
    return [(str(t.value if hasattr(t, "value") else t), a, b) for t, a, b in rows]


def _states(world, order_id: int) -> list[InventoryState]:
    with world.ws.sessions() as s:
        return list(
            s.scalars(select(OrderItem.inventory_state).where(OrderItem.order_id == order_id))
        )


def _sync_orders(world, store) -> None:
    world.engine.sync_now(store.id, (JobKind.ORDERS,)).result(timeout=60)


def _fetch_returns(world, store):
    return world.engine.run_action(store.id, JobKind.ORDERS, returns_job).result(timeout=60)


def test_a_seller_cancellation_releases_reserved_stock_once(world):
    store = _store(world, Platform.SHOPEE)
    shop = store.external_shop_id
    sku = _mapped_sku(world, store)
    sim = world.sandbox.sim("shopee")
    with world.sandbox.lock:
        sim.seller_set_stock(shop, sku, 50)
        number = sim.place_order(shop, {sku: 2})
    _sync_orders(world, store)
    order = _order(world, store, number)
    on_hand, reserved = _stock(world, sku)

    reasons = world.engine.run_action(store.id, JobKind.CANCEL, reasons_job).result(timeout=60)
    assert "CUSTOMER_REQUEST" in {r.code for r in reasons}
    results = world.engine.run_action(
        store.id, JobKind.CANCEL, cancel_job([order.id], "CUSTOMER_REQUEST")
    ).result(timeout=60)

    assert [(r.ok, r.message) for r in results] == [(True, "cancelled")]
    assert _stock(world, sku) == (on_hand, reserved - 2)
    stored = _order(world, store, number)
    assert (stored.cancelled_by, stored.cancel_reason) == ("seller", "CUSTOMER_REQUEST")
    expected = [("reservation", 0, 2), ("release", 0, -2)]
    assert _ledger(world, order.id) == expected
    for _ in range(2):  # the same statuses again: nothing moves
        _sync_orders(world, store)
    assert _ledger(world, order.id) == expected
    assert _stock(world, sku) == (on_hand, reserved - 2)

    again = world.engine.run_action(
        store.id, JobKind.CANCEL, cancel_job([order.id], "CUSTOMER_REQUEST")
    ).result(timeout=60)
    assert not again[0].ok and "already cancelled" in again[0].message
    assert _ledger(world, order.id) == expected


def test_the_platform_refuses_a_shipped_order_or_a_bad_reason(world):
    store = _store(world, Platform.TIKTOK_SHOP)
    sku = _mapped_sku(world, store)
    sim = world.sandbox.sim("tiktok_shop")
    shipped = sim.place_order(store.external_shop_id, {sku: 1})
    sim.set_order_status(store.external_shop_id, shipped, "AWAITING_COLLECTION")  # still ours
    fresh = sim.place_order(store.external_shop_id, {sku: 1})
    sim.set_order_status(store.external_shop_id, fresh, "AWAITING_SHIPMENT")
    _sync_orders(world, store)
    a, b = _order(world, store, shipped), _order(world, store, fresh)

    reasons = world.engine.run_action(store.id, JobKind.CANCEL, reasons_job).result(timeout=60)
    good = reasons[0].code
    out = world.engine.run_action(store.id, JobKind.CANCEL, cancel_job([a.id], good)).result(
        timeout=60
    )
    bad = world.engine.run_action(
        store.id, JobKind.CANCEL, cancel_job([b.id], "NO_SUCH_REASON")
    ).result(timeout=60)

    assert not out[0].ok and "already been shipped" in out[0].message
    assert not bad[0].ok and "cancel_reason" in bad[0].message
    assert _ledger(world, a.id) == [("reservation", 0, 1)]  # nothing released
    with world.ws.sessions() as s:
        jobs = s.scalars(select(SyncJob.status).where(SyncJob.kind == JobKind.CANCEL)).all()
    assert list(jobs).count(JobStatus.FAILED) == 2


def test_a_buyer_cancellation_shows_reason_and_who(world):
    store = _store(world, Platform.TIKTOK_SHOP)
    sku = _mapped_sku(world, store)
    sim = world.sandbox.sim("tiktok_shop")
    number = sim.place_order(store.external_shop_id, {sku: 2})
    _sync_orders(world, store)
    on_hand, reserved = _stock(world, sku)
    sim.buyer_cancel(store.external_shop_id, number, "Changed my mind")
    _sync_orders(world, store)
    _sync_orders(world, store)

    order = _order(world, store, number)
    assert (order.cancelled_by, order.cancel_reason) == ("buyer", "Changed my mind")
    assert _stock(world, sku) == (on_hand, reserved - 2)
    assert _ledger(world, order.id) == [("reservation", 0, 2), ("release", 0, -2)]


def test_a_received_return_is_restocked_once(world):
    store = _store(world, Platform.SHOPEE)
    shop = store.external_shop_id
    sku = _mapped_sku(world, store)
    sim = world.sandbox.sim("shopee")
    with world.sandbox.lock:
        sim.seller_set_stock(shop, sku, 50)
        number = sim.place_order(shop, {sku: 3})
        sim.set_order_status(shop, number, "SHIPPED")
    _sync_orders(world, store)
    order = _order(world, store, number)
    with world.sandbox.lock:
        sim.set_order_status(shop, number, "TO_CONFIRM_RECEIVE")
        sim.request_return(shop, number, {sku: 2})
    _sync_orders(world, store)
    _fetch_returns(world, store)
    (ret,) = returns_service.list_returns(world.ws.ctx, store.id)
    assert (ret.platform_order_id, ret.state, [ln.quantity for ln in ret.lines]) == (
        number,
        ReturnState.REQUESTED,
        [2],
    )
    with pytest.raises(ValidationError, match="not received yet"):
        returns_service.restock(world.ws.ctx, order.id)

    with world.sandbox.lock:
        sim.advance_return(shop, number, "COMPLETED")
    _fetch_returns(world, store)
    on_hand, _r = _stock(world, sku)
    done = returns_service.restock(world.ws.ctx, order.id)

    assert [(d.restocked, d.written_off) for d in done] == [(2, 0)]
    assert _stock(world, sku)[0] == on_hand + 2
    expected = [("sale", -3, 0), ("return", 2, 0)]
    assert _ledger(world, order.id) == expected
    assert _states(world, order.id) == [InventoryState.RETURNED]
    _sync_orders(world, store)
    _fetch_returns(world, store)
    with pytest.raises(ValidationError, match="already restocked"):
        returns_service.restock(world.ws.ctx, order.id)
    assert _ledger(world, order.id) == expected
    assert _stock(world, sku)[0] == on_hand + 2


def test_a_written_off_return_adds_no_stock_and_is_recorded(world):
    store = _store(world, Platform.TIKTOK_SHOP)
    shop = store.external_shop_id
    sku = _mapped_sku(world, store)
    sim = world.sandbox.sim("tiktok_shop")
    number = sim.place_order(shop, {sku: 2})
    sim.set_order_status(shop, number, "DELIVERED")
    sim.request_return(shop, number)
    sim.advance_return(shop, number)
    _sync_orders(world, store)
    _fetch_returns(world, store)
    order = _order(world, store, number)
    on_hand, _r = _stock(world, sku)

    done = returns_service.restock(world.ws.ctx, order.id, write_off=True)

    assert [(d.restocked, d.written_off) for d in done] == [(0, 2)]
    assert _stock(world, sku)[0] == on_hand
    assert _ledger(world, order.id)[-1] == (TxnType.WRITE_OFF.value, 0, 0)
    assert _states(world, order.id) == [InventoryState.WRITTEN_OFF]
    with pytest.raises(ValidationError, match="already restocked or written off"):
        returns_service.restock(world.ws.ctx, order.id)
