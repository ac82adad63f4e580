"""Shipping a Shopee order through the adapter against the sandbox: the methods its
carrier allows, the pickup slots, the seller's own courier, and Shopee's refusals as
reasons (reference §5.14-5.16)."""

from __future__ import annotations

import random
from typing import TYPE_CHECKING

import httpx
import pytest

from app.core.domain import ShipMethod, ShipOutcome, ShipRequest, TokenSet
from app.sandbox.shopee.shipping import NON_INTEGRATED

if TYPE_CHECKING:
    from tests.integration.shopee.conftest import ShopeeEnv

pytestmark = pytest.mark.anyio


class Tokens:
    def __init__(self) -> None:
        self.tokens: TokenSet | None = None

    def current(self) -> TokenSet | None:
        return self.tokens


@pytest.fixture
async def adapter(env: ShopeeEnv, http: httpx.AsyncClient):
    tokens = Tokens()
    adapter = env.adapter(http, tokens)
    tokens.tokens = await adapter.exchange_code(env.sim.issue_code(env.shop_ids[0]))
    return adapter


def ready(env: ShopeeEnv, carrier: str) -> str:
    shop_id = env.shop_ids[0]
    (sn,) = env.sim.place_ready_orders(
        shop_id, 1, random.Random(len(env.sim.shops[shop_id].orders))
    )
    env.sim.set_carrier(shop_id, sn, carrier)
    return sn


async def test_pickup_at_a_chosen_slot_then_tracking(env: ShopeeEnv, adapter) -> None:
    sn = ready(env, "SPX Express")
    assert adapter.ready_to_ship("READY_TO_SHIP") and not adapter.ready_to_ship("PROCESSED")
    options = await adapter.shipping_options(sn)
    assert options.methods == (ShipMethod.PICKUP, ShipMethod.DROPOFF)
    assert len(options.pickup_slots) == 3 and options.pickup_address
    second = options.pickup_slots[1]
    result = await adapter.ship(ShipRequest(sn, ShipMethod.PICKUP, slot_id=second.slot_id))
    assert result.outcome is ShipOutcome.DONE, result.reason
    order = env.sim.shops[env.shop_ids[0]].orders[sn]
    assert order.status == "PROCESSED" and order.pickup_time == int(second.slot_id)
    assert [p.tracking_number for p in result.packages] == [order.tracking_number]
    # again: Shopee refuses, and the seller reads why
    again = await adapter.ship(ShipRequest(sn, ShipMethod.PICKUP))
    assert (again.outcome, again.reason) == (ShipOutcome.FAILED, "already shipped")


async def test_drop_off_only_carrier_and_a_refused_method(env: ShopeeEnv, adapter) -> None:
    sn = ready(env, "JNE Reguler")
    options = await adapter.shipping_options(sn)
    assert options.methods == (ShipMethod.DROPOFF,) and options.pickup_slots == ()
    refused = await adapter.ship(ShipRequest(sn, ShipMethod.PICKUP))
    assert refused.outcome is ShipOutcome.NEEDS_INPUT and "allows dropoff" in refused.reason
    assert (await adapter.ship(ShipRequest(sn, ShipMethod.DROPOFF))).ok


async def test_own_courier_needs_the_sellers_tracking_number(env: ShopeeEnv, adapter) -> None:
    sn = ready(env, NON_INTEGRATED)
    assert (await adapter.shipping_options(sn)).methods == (ShipMethod.SELF,)
    missing = await adapter.ship(ShipRequest(sn, ShipMethod.SELF))
    assert missing.outcome is ShipOutcome.NEEDS_INPUT
    done = await adapter.ship(ShipRequest(sn, ShipMethod.SELF, tracking_number="KT-42"))
    assert done.ok and [p.tracking_number for p in done.packages] == ["KT-42"]
    assert env.sim.shops[env.shop_ids[0]].orders[sn].status == "SHIPPED"  # handed over


async def test_cancelled_and_stale_slot_are_told_plainly(env: ShopeeEnv, adapter) -> None:
    sn = ready(env, "SPX Express")
    stale = await adapter.ship(ShipRequest(sn, ShipMethod.PICKUP, slot_id="12345"))
    assert stale.outcome is ShipOutcome.NEEDS_INPUT and "slot" in stale.reason
    env.sim.seller_cancel_order(env.shop_ids[0], sn)
    options = await adapter.shipping_options(sn)
    assert not options.shippable and options.problem == "the order was cancelled"
    result = await adapter.ship(ShipRequest(sn, ShipMethod.PICKUP))
    assert (result.outcome, result.reason) == (ShipOutcome.FAILED, "the order was cancelled")
