"""Shipping a TikTok Shop order through the adapter against the sandbox: every package of
a split order, pickup slots, the seller's own carrier, and TikTok's refusals as reasons
(reference §5.5)."""

from __future__ import annotations

import pytest

from app.core.domain import ShipMethod, ShipOutcome, ShipRequest
from app.core.platforms.base import BadRequestError
from app.core.platforms.tiktok.shipping import refusal

pytestmark = pytest.mark.anyio


def ready(sim, shop, lines: int = 2) -> str:
    skus = [s.id for p in shop.products.values() for s in p.skus if sum(s.stock.values()) > 2]
    order_id = sim.place_order(shop.id, {sku: 1 for sku in skus[:lines]})
    sim.set_order_status(shop.id, order_id, "AWAITING_SHIPMENT")
    return order_id


async def test_a_split_order_ships_both_packages_with_their_own_numbers(make_adapter, shops, sim):
    shop = shops[0]
    adapter, _ = await make_adapter(shop)
    order_id = ready(sim, shop)
    packages = sim.split_order(shop.id, order_id)
    assert len(packages) == 2
    options = await adapter.shipping_options(order_id)
    assert options.packages == tuple(packages)
    assert options.methods == (ShipMethod.PICKUP, ShipMethod.DROPOFF) and options.pickup_slots
    slot = options.pickup_slots[-1]
    result = await adapter.ship(ShipRequest(order_id, ShipMethod.PICKUP, slot_id=slot.slot_id))
    assert result.ok, result.reason
    assert [p.package_id for p in result.packages] == packages
    numbers = [p.tracking_number for p in result.packages]
    assert all(numbers) and len(set(numbers)) == 2
    assert sim.shops[shop.id].orders[order_id].status == "AWAITING_COLLECTION"
    assert not adapter.ready_to_ship("AWAITING_COLLECTION")
    again = await adapter.ship(ShipRequest(order_id, ShipMethod.PICKUP))
    assert (again.outcome, again.reason) == (ShipOutcome.FAILED, "already shipped")


async def test_a_package_shipped_in_seller_center_meanwhile(make_adapter, shops, sim):
    shop = shops[0]
    adapter, _ = await make_adapter(shop)
    order_id = ready(sim, shop)
    first, second = sim.split_order(shop.id, order_id)
    await adapter.client.ship_package(first, "DROP_OFF")  # the seller, in Seller Center
    assert sim.shops[shop.id].orders[order_id].status == "PARTIALLY_SHIPPING"
    assert (await adapter.shipping_options(order_id)).packages == (second,)
    result = await adapter.ship(ShipRequest(order_id, ShipMethod.DROPOFF))
    assert result.ok and [p.package_id for p in result.packages] == [first, second]
    # a race lost to Seller Center reads as TikTok says it
    exc = BadRequestError("Package has been shipped.", code="11006021")
    assert refusal(exc) == "already shipped"


async def test_seller_shipped_orders_need_a_tracking_number(make_adapter, shops, sim):
    shop = shops[1]
    adapter, _ = await make_adapter(shop)
    order_id = ready(sim, shop, 1)
    sim.set_seller_shipping(shop.id, order_id)
    options = await adapter.shipping_options(order_id)
    assert options.methods == (ShipMethod.SELF,)
    asked = await adapter.ship(ShipRequest(order_id, ShipMethod.SELF))
    assert asked.outcome is ShipOutcome.NEEDS_INPUT
    done = await adapter.ship(ShipRequest(order_id, ShipMethod.SELF, tracking_number="OWN-9"))
    assert done.ok and [p.tracking_number for p in done.packages] == ["OWN-9"]


async def test_a_cancelled_order_is_told_as_cancelled(make_adapter, shops, sim):
    shop = shops[0]
    adapter, _ = await make_adapter(shop)
    order_id = ready(sim, shop, 1)
    sim.seller_cancel_order(shop.id, order_id)
    result = await adapter.ship(ShipRequest(order_id, ShipMethod.PICKUP))
    assert (result.outcome, result.reason) == (ShipOutcome.FAILED, "the order was cancelled")
