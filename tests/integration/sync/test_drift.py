"""Drift is judged against orders: a sale between two pushes is a sale, not drift.

Four sandbox shops over loopback HTTP; one store's policy is set, an order is placed on
it (and a seller edit made in the seller center) while the engine has not fetched orders
yet, and product sync runs. The ledger must move by exactly the order (plus the edit's
remainder, by the policy).
"""

from __future__ import annotations

from dataclasses import replace

import pytest
from sqlalchemy import select

from app.core.db.models import InventoryItem, InventoryTransaction, Variant
from app.core.domain import DriftPolicy, JobKind, TxnType
from app.core.services import inventory
from app.core.services import stores as store_service
from app.sandbox.shopee.state import SimLine

SKU = "MADU-00"


def place_order(world, store, sku: str, qty: int) -> str:
    """A buyer orders ``qty`` × ``sku`` on one sandbox shop (stock goes down there)."""
    sim = world.sandbox.sim(store.platform.value)
    if store.platform.value == "tiktok_shop":
        return sim.place_order(store.external_shop_id, {sku: qty})
    with world.sandbox.lock:
        item, model = sim.find_model(store.external_shop_id, sku)
        location = max(model.stock, key=lambda loc: model.stock[loc])
        model.stock[location] -= qty
        shop = sim.shops[int(store.external_shop_id)]
        order = sim.life.new_order(shop, [SimLine(item, model, qty, location)], sim.state.rng)
        return order.order_sn


def listed(world, store, sku: str = SKU) -> bool:
    try:
        world.sandbox.sim(store.platform.value).stock_of(store.external_shop_id, sku)
    except KeyError:
        return False
    return True


def ledger(world, sku: str) -> list[tuple[TxnType, int, int, str]]:
    with world.ws.sessions() as s:
        return [
            (t, oh, rs, note)
            for t, oh, rs, note in s.execute(
                select(
                    InventoryTransaction.type,
                    InventoryTransaction.delta_on_hand,
                    InventoryTransaction.delta_reserved,
                    InventoryTransaction.note,
                )
                .join(InventoryItem, InventoryItem.id == InventoryTransaction.item_id)
                .join(Variant, Variant.id == InventoryItem.variant_id)
                .where(Variant.sku == sku)
                .order_by(InventoryTransaction.id)
            )
        ]


def stock(world, sku: str) -> tuple[int, int]:
    with world.ws.sessions() as s:
        oh, rs = s.execute(
            select(InventoryItem.on_hand, InventoryItem.reserved)
            .join(Variant, Variant.id == InventoryItem.variant_id)
            .where(Variant.sku == sku)
        ).one()
    return oh, rs


def receive(world, sku: str, qty: int) -> None:
    with world.ws.sessions() as s:
        vid, loc = s.execute(
            select(Variant.id, InventoryItem.location_id)
            .join(InventoryItem, InventoryItem.variant_id == Variant.id)
            .where(Variant.sku == sku)
        ).one()
    inventory.receive(world.ws.ctx, vid, loc, qty, "delivery")


def set_policy(world, store, policy: DriftPolicy):
    return store_service.update_settings(
        world.ws.ctx, store.id, replace(store.settings, drift_policy=policy)
    )


@pytest.mark.parametrize("policy", [DriftPolicy.ACCEPT_PLATFORM, DriftPolicy.MASTER_WINS])
@pytest.mark.parametrize("platform", ["shopee", "tiktok_shop"])
def test_an_order_between_pushes_is_a_sale_not_drift(world, policy, platform):
    store = next(s for s in world.stores() if s.platform.value == platform and listed(world, s))
    set_policy(world, store, policy)
    receive(world, SKU, 3)  # every store gets MADU-00 pushed: each listing has a last push
    world.settle()
    assert world.shown_vs_policy() == []
    before_rows = len(ledger(world, SKU))
    on_hand, reserved = stock(world, SKU)

    place_order(world, store, SKU, 1)
    # product sync runs before any order fetch has seen the order
    world.engine.sync_now(store.id, (JobKind.PRODUCTS,)).result(timeout=60)
    world.settle()

    new_rows = ledger(world, SKU)[before_rows:]
    assert [r[0] for r in new_rows] == [TxnType.RESERVATION], new_rows
    assert stock(world, SKU) == (on_hand, reserved + 1)
    assert world.shown_vs_policy() == []
    assert world.failed_jobs() == []


def seller_set_stock(world, store, sku: str, qty: int) -> None:
    sim = world.sandbox.sim(store.platform.value)
    with world.sandbox.lock:
        sim.seller_set_stock(store.external_shop_id, sku, qty)


def platform_stock(world, store, sku: str = SKU) -> int:
    return world.sandbox.sim(store.platform.value).stock_of(store.external_shop_id, sku)


@pytest.mark.parametrize("policy", [DriftPolicy.ACCEPT_PLATFORM, DriftPolicy.MASTER_WINS])
def test_a_seller_edit_beside_an_order_is_drift_by_the_remainder_only(world, policy):
    store = next(s for s in world.stores() if s.platform.value == "shopee" and listed(world, s))
    set_policy(world, store, policy)
    receive(world, SKU, 3)
    world.settle()
    before_rows = len(ledger(world, SKU))
    on_hand, reserved = stock(world, SKU)

    place_order(world, store, SKU, 2)
    # the seller then counts 3 fewer on the shelf and types it into the seller center
    seller_set_stock(world, store, SKU, platform_stock(world, store) - 3)
    world.engine.sync_now(store.id, (JobKind.PRODUCTS,)).result(timeout=60)
    world.settle()

    new_rows = [(t, oh, rs) for t, oh, rs, _n in ledger(world, SKU)[before_rows:]]
    if policy == DriftPolicy.ACCEPT_PLATFORM:
        assert sorted(new_rows) == sorted(
            [(TxnType.RESERVATION, 0, 2), (TxnType.ADJUSTMENT, -3, 0)]
        ), new_rows
        assert stock(world, SKU) == (on_hand - 3, reserved + 2)
    else:
        assert new_rows == [(TxnType.RESERVATION, 0, 2)], new_rows
        assert stock(world, SKU) == (on_hand, reserved + 2)
    assert world.shown_vs_policy() == []
    assert world.failed_jobs() == []


def test_buyers_ordering_while_products_sync_never_look_like_drift(world):
    """Orders keep arriving on every shop while product sync reads the listings; with
    every store accepting the platform's figure, not one unit is booked as drift."""
    for store in world.stores():
        set_policy(world, store, DriftPolicy.ACCEPT_PLATFORM)
    receive(world, SKU, 3)  # a push to every store: every MADU-00 listing is judged
    world.settle()
    world.sandbox.start_buyers(600, advance_every=1.0)
    try:
        for _ in range(4):
            world.sync_all((JobKind.PRODUCTS, JobKind.STOCK_PUSH))
    finally:
        world.sandbox.stop_buyers()
    world.sync_all((JobKind.PRODUCTS,))
    world.settle()
    with world.ws.sessions() as s:
        drift_rows = s.scalars(
            select(InventoryTransaction.note).where(  # drift or first-sync adjustments
                InventoryTransaction.type == TxnType.ADJUSTMENT,
                InventoryTransaction.actor == "sync",
            )
        ).all()
        from app.core.db.models import SyncLog

        lines = s.scalars(select(SyncLog.message).where(SyncLog.message.like("drift %"))).all()
    assert drift_rows == [], lines
    assert world.shown_vs_policy() == []
    assert world.failed_jobs() == []
