"""ShopeeAdapter (the PlatformAdapter the sync engine uses) against the sandbox emulator."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

import httpx
import pytest

from app.core.domain import OrderStatus, PriceUpdate, StockUpdate, TokenSet
from app.core.platforms.base import AuthExpiredError, PlatformAdapter, ReauthorizationRequired
from app.core.platforms.shopee import ShopeeAdapter

if TYPE_CHECKING:  # fixtures' types; conftest is not importable as a module at run time
    from tests.integration.shopee.conftest import ShopeeEnv

pytestmark = pytest.mark.anyio


class Tokens:
    """A TokenProvider the test can swap tokens in and out of."""

    def __init__(self, tokens: TokenSet | None = None) -> None:
        self.tokens = tokens

    def current(self) -> TokenSet | None:
        return self.tokens


@pytest.fixture
async def connected(env: ShopeeEnv, http: httpx.AsyncClient) -> tuple[ShopeeAdapter, Tokens]:
    """Shop 0 connected through exchange_code."""
    tokens = Tokens()
    adapter = env.adapter(http, tokens)
    tokens.tokens = await adapter.exchange_code(env.sim.issue_code(env.shop_ids[0]))
    return adapter, tokens


def orders_on(env: ShopeeEnv, shop_id: int, n: int, seed: int = 9) -> list[str]:
    rng = random.Random(seed)
    out: list[str] = []
    while len(out) < n:
        sn = env.sim.place_random_order(rng)
        if sn in env.sim.shops[shop_id].orders:
            out.append(sn)
    return out


async def test_is_a_platform_adapter(connected: tuple[ShopeeAdapter, Tokens]) -> None:
    adapter, _ = connected
    assert isinstance(adapter, PlatformAdapter)
    assert adapter.max_order_window_seconds == 15 * 86400
    assert adapter.stock_batch_size == 50


async def test_tokens_and_shop(env: ShopeeEnv, connected: tuple[ShopeeAdapter, Tokens]) -> None:
    adapter, tokens = connected
    old = tokens.tokens
    assert old is not None and old.access_expires_at.tzinfo is not None
    assert old.refresh_expires_at is not None and old.refresh_expires_at > old.access_expires_at
    tokens.tokens = await adapter.refresh_tokens(old)
    assert tokens.tokens.refresh_token != old.refresh_token
    with pytest.raises(ReauthorizationRequired):
        await adapter.refresh_tokens(old)
    shops = await adapter.authorized_shops()
    assert [s.shop_id for s in shops] == [str(env.shop_ids[0])]
    assert shops[0].name == env.sim.shops[env.shop_ids[0]].name
    assert "auth_partner" in adapter.authorization_url("http://127.0.0.1:9/cb", "s1")


async def test_missing_or_expired_tokens(
    env: ShopeeEnv, connected: tuple[ShopeeAdapter, Tokens]
) -> None:
    adapter, tokens = connected
    env.sandbox.clock.advance(14401)
    with pytest.raises(AuthExpiredError):
        await adapter.shop_info()
    tokens.tokens = None
    with pytest.raises(ReauthorizationRequired):
        await adapter.shop_info()


async def test_listings_cover_every_sku_with_models_and_without(
    env: ShopeeEnv, connected: tuple[ShopeeAdapter, Tokens]
) -> None:
    adapter, _ = connected
    shop_id = env.shop_ids[0]
    listings = [listing async for listing in adapter.iter_listings()]
    assert sorted(x.platform_sku for x in listings) == sorted(env.sim.skus(shop_id))
    plain = [x for x in listings if x.platform_variant_id == "0"]
    variants = [x for x in listings if x.platform_variant_id != "0"]
    assert plain and variants
    for x in listings:
        assert x.stock == env.sim.stock_of(shop_id, x.platform_sku)
        assert isinstance(x.price, Decimal) and x.price == x.price.to_integral_value() > 0
        assert x.warehouses[0].warehouse_id == ""
        assert x.updated_at is not None and x.updated_at.tzinfo is UTC
        assert x.status == "active"
    assert all(x.variant_name for x in variants) and not any(x.variant_name for x in plain)
    # Shops list most, but not all, of the catalog.
    other = set(env.sim.skus(env.shop_ids[1]))
    assert set(env.sim.skus(shop_id)) != other


async def test_update_stock_and_prices_report_per_listing(
    env: ShopeeEnv, connected: tuple[ShopeeAdapter, Tokens]
) -> None:
    adapter, _ = connected
    shop_id = env.shop_ids[0]
    listings = [listing async for listing in adapter.iter_listings()]
    by_item: dict[str, list] = {}
    for x in listings:
        by_item.setdefault(x.platform_product_id, []).append(x)
    multi = next(group for group in by_item.values() if len(group) >= 2)
    plain = next(x for x in listings if x.platform_variant_id == "0")
    env.sim.seller_set_reserved(shop_id, multi[1].platform_sku, 50)
    updates = [
        StockUpdate(multi[0].platform_product_id, multi[0].platform_variant_id, 11),
        StockUpdate(multi[1].platform_product_id, multi[1].platform_variant_id, 3),
        StockUpdate(plain.platform_product_id, "0", 22),
        StockUpdate("1", "0", 5),  # an item that does not exist
    ]
    results = await adapter.update_stock(updates)
    assert [r.ok for r in results] == [True, False, True, False]
    assert "reserved" in (results[1].error or "")
    assert env.sim.stock_of(shop_id, multi[0].platform_sku) == 11
    assert env.sim.stock_of(shop_id, plain.platform_sku) == 22

    prices = await adapter.update_prices(
        [PriceUpdate(plain.platform_product_id, "0", Decimal("27500")),
         PriceUpdate(multi[0].platform_product_id, multi[0].platform_variant_id, Decimal("1.5"))]
    )  # fmt: skip
    assert [r.ok for r in prices] == [True, False]
    relisted = {x.platform_sku: x async for x in adapter.iter_listings()}
    assert relisted[plain.platform_sku].price == Decimal(27500)


async def test_orders_map_to_normalized_records(
    env: ShopeeEnv, connected: tuple[ShopeeAdapter, Tokens]
) -> None:
    adapter, _ = connected
    shop_id = env.shop_ids[0]
    sns = orders_on(env, shop_id, 4)
    sim_orders = env.sim.shops[shop_id].orders
    env.sim.set_order_status(shop_id, sns[1], "SHIPPED")
    env.sim.set_order_status(shop_id, sns[2], "TO_RETURN")
    env.sim.seller_cancel_order(shop_id, sns[3])
    now = datetime.fromtimestamp(env.sandbox.clock.now(), UTC)
    page = await adapter.list_orders(now - timedelta(days=1), now + timedelta(seconds=5))
    assert {r.platform_order_id for r in page.orders} == set(sns)
    assert page.next_cursor is None
    orders = {o.platform_order_id: o for o in await adapter.get_orders(sns)}
    assert orders[sns[1]].status is OrderStatus.SHIPPED
    assert orders[sns[2]].status is OrderStatus.RETURNED
    assert orders[sns[3]].status is OrderStatus.CANCELLED
    assert orders[sns[3]].cancel_reason
    first = orders[sns[0]]
    sim = sim_orders[sns[0]]
    assert first.status in (OrderStatus.UNPAID, OrderStatus.TO_SHIP)
    assert first.created_at.tzinfo is UTC and first.created_at.timestamp() == sim.create_time
    assert sum(i.quantity for i in first.items) == sum(ln.quantity for ln in sim.lines)
    assert first.subtotal == Decimal(sim.subtotal)
    assert first.total == first.subtotal + Decimal(sim.buyer_shipping_fee)
    assert first.buyer_name == sim.buyer_name and sim.city in first.shipping_address
    assert {i.platform_sku for i in first.items} == {ln.model.sku for ln in sim.lines}
    assert all(isinstance(i.unit_price, Decimal) for i in first.items)


async def test_order_paging_with_a_cursor(
    env: ShopeeEnv, connected: tuple[ShopeeAdapter, Tokens]
) -> None:
    adapter, _ = connected
    sns = orders_on(env, env.shop_ids[0], 105)
    now = datetime.fromtimestamp(env.sandbox.clock.now(), UTC)
    seen: list[str] = []
    cursor = None
    pages = 0
    while True:
        page = await adapter.list_orders(
            now - timedelta(days=1), now + timedelta(seconds=5), cursor
        )
        pages += 1
        seen += [r.platform_order_id for r in page.orders]
        if page.next_cursor is None:
            break
        cursor = page.next_cursor
    assert pages == 2 and sorted(seen) == sorted(sns)
    assert len(await adapter.get_orders(seen)) == 105  # three detail batches


async def test_shipping_info_document_and_fees(
    env: ShopeeEnv, connected: tuple[ShopeeAdapter, Tokens]
) -> None:
    adapter, _ = connected
    shop_id = env.shop_ids[0]
    sn = orders_on(env, shop_id, 1)[0]
    env.sim.set_order_status(shop_id, sn, "UNPAID")
    assert await adapter.order_fees(sn) is None
    env.sim.set_order_status(shop_id, sn, "READY_TO_SHIP")
    info = await adapter.shipping_info(sn)
    assert info.methods == ("dropoff", "pickup") and info.tracking_number == ""
    assert info.carrier and info.package_id
    env.sim.set_order_status(shop_id, sn, "PROCESSED")
    info = await adapter.shipping_info(sn)
    assert info.tracking_number.startswith("SPXID")
    (labels,) = await adapter.shipping_labels([sn])
    assert labels.ok and labels.labels[0].data.startswith(b"%PDF-")
    assert labels.labels[0].tracking_number == info.tracking_number

    fees = await adapter.order_fees(sn)
    assert fees is not None and not fees.final
    env.sim.set_order_status(shop_id, sn, "COMPLETED")
    fees = await adapter.order_fees(sn)
    assert fees is not None and fees.final
    order = env.sim.shops[shop_id].orders[sn]
    assert fees.commission_fee == (Decimal(order.subtotal) * Decimal("0.08")).to_integral_value()
    assert fees.payout == (
        order.subtotal - fees.total_fees - fees.shipping_subsidy
    )  # seller gets goods minus fees minus the shipping they bear


async def test_buyers_never_oversell_and_stock_adds_up(make_env) -> None:
    env = make_env(seed=3)
    rng = random.Random(1)
    shop_id = env.shop_ids[0]
    initial = {sku: env.sim.stock_of(shop_id, sku) for sku in env.sim.skus(shop_id)}
    for _ in range(400):
        env.sim.place_random_order(rng)
        if rng.random() < 0.3:
            env.sim.advance_orders(rng)
    sold = env.sim.sold_units_by_sku(shop_id)
    for sku, start in initial.items():
        stock = env.sim.stock_of(shop_id, sku)
        assert stock >= 0
        assert stock + sold.get(sku, 0) == start, sku
    statuses = {o.status for o in env.sim.shops[shop_id].orders.values()}
    assert {"COMPLETED", "CANCELLED", "SHIPPED"} & statuses
