"""TikTokAdapter against the emulator: what the sync engine sees."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from app.core.domain import OrderStatus, PriceUpdate, StockUpdate
from app.core.platforms.base import AuthExpiredError, PlatformAdapter
from app.core.platforms.tiktok import TikTokAdapter
from app.core.platforms.tiktok.adapter import aggregate_line_items, order_from_tiktok

pytestmark = pytest.mark.anyio


async def test_adapter_satisfies_the_protocol(make_adapter, shops):
    adapter, _ = await make_adapter(shops[0])
    assert isinstance(adapter, TikTokAdapter) and isinstance(adapter, PlatformAdapter)
    assert adapter.max_order_window_seconds == 7 * 24 * 3600
    assert adapter.stock_batch_size == 100
    url = adapter.authorization_url("http://ignored", state="abc")
    assert "service_id=" in url and "state=abc" in url and "ignored" not in url


async def test_authorized_shops_and_lazy_cipher(make_adapter, shops, sim):
    adapter, _ = await make_adapter(shops[1], cipher=False)
    listed = await adapter.authorized_shops()
    assert [(s.shop_id, s.cipher) for s in listed] == [(shops[1].id, shops[1].cipher)]
    # No cipher given: the adapter looks it up before its first shop-scoped call.
    listings = [x async for x in adapter.iter_listings()]
    assert listings and adapter.client.shop_cipher == shops[1].cipher
    info = await adapter.shop_info()
    assert info.name == shops[1].name and info.region == "ID"


async def test_iter_listings_one_per_sku_with_stock_per_warehouse(make_adapter, shops, sim):
    shop = shops[1]
    adapter, _ = await make_adapter(shop)
    listings = [x async for x in adapter.iter_listings()]
    expected = {(p.id, s.id) for p in shop.products.values() for s in p.skus}
    assert {(x.platform_product_id, x.platform_variant_id) for x in listings} == expected
    multi = next(x for x in listings if x.variant_name)
    assert multi.platform_sku and isinstance(multi.price, Decimal)
    assert len(multi.warehouses) == 2
    assert multi.stock == sum(w.available for w in multi.warehouses)
    assert multi.stock == sim.stock_of(shop.id, multi.platform_variant_id)
    assert multi.status == "active" and multi.updated_at.tzinfo is UTC
    single = [x for x in listings if not x.variant_name]
    assert single  # the catalog has products without variations


async def test_update_stock_single_warehouse_with_per_sku_failure(make_adapter, shops, sim):
    shop = shops[0]
    adapter, _ = await make_adapter(shop)
    product = next(p for p in shop.products.values() if len(p.skus) > 1)
    a, b = product.skus[0], product.skus[1]
    other = next(p for p in shop.products.values() if p.id != product.id)
    results = await adapter.update_stock(
        [
            StockUpdate(product.id, a.id, 12),
            StockUpdate(product.id, b.id, 4, warehouse_id="7068999999999999999"),
            StockUpdate(other.id, other.skus[0].id, 0),
        ]
    )
    by_sku = {r.platform_variant_id: r for r in results}
    assert by_sku[a.id].ok and by_sku[other.skus[0].id].ok
    assert not by_sku[b.id].ok and "warehouse does not exist" in by_sku[b.id].error
    assert sim.stock_of(shop.id, a.id) == 12 and sim.stock_of(shop.id, other.skus[0].id) == 0


async def test_update_stock_multi_warehouse_keeps_untouched_warehouses(make_adapter, shops, sim):
    shop = shops[1]
    adapter, _ = await make_adapter(shop)
    first, second = shop.sales_warehouse_ids
    product = next(p for p in shop.products.values() if len(p.skus) > 1)
    a, b = product.skus[0], product.skus[1]
    sim.seller_set_stock(shop.id, b.id, 9)
    results = await adapter.update_stock(
        [StockUpdate(product.id, a.id, 20), StockUpdate(product.id, b.id, 3, warehouse_id=second)]
    )
    assert all(r.ok for r in results)
    assert sim.warehouse_stock(shop.id, a.id) == {first: 20, second: 0}
    assert sim.warehouse_stock(shop.id, b.id) == {first: 9, second: 3}


async def test_update_stock_on_inactive_product_fails_each_sku(make_adapter, shops, sim):
    shop = shops[0]
    adapter, _ = await make_adapter(shop)
    product = next(iter(shop.products.values()))
    sim.seller_set_product_status(shop.id, product.id, "SELLER_DEACTIVATED")
    results = await adapter.update_stock([StockUpdate(product.id, s.id, 1) for s in product.skus])
    assert results and not any(r.ok for r in results)
    assert all("12052037" in r.error for r in results)


async def test_update_prices(make_adapter, shops):
    shop = shops[0]
    adapter, _ = await make_adapter(shop)
    product = next(iter(shop.products.values()))
    sku = product.skus[0]
    results = await adapter.update_prices(
        [PriceUpdate(product.id, sku.id, Decimal("123000")), PriceUpdate("1", "2", Decimal(1))]
    )
    assert results[0].ok and not results[1].ok and "does not exist" in results[1].error
    assert sku.price == Decimal(123000)


async def test_list_orders_pages_and_aggregated_detail(make_adapter, shops, sim, sandbox):
    shop = shops[0]
    adapter, _ = await make_adapter(shop)
    product = next(p for p in shop.products.values() if len(p.skus) > 1)
    a, b = product.skus[0], product.skus[1]
    sim.seller_set_stock(shop.id, a.id, 10)
    sim.seller_set_stock(shop.id, b.id, 10)
    start = datetime.fromtimestamp(int(sandbox.clock.now()), UTC)
    order_id = sim.place_order(shop.id, {a.id: 3, b.id: 1})
    sim.place_random_order(__import__("random").Random(1))
    page = await adapter.list_orders(start, start + timedelta(minutes=5))
    assert order_id in {ref.platform_order_id for ref in page.orders}
    assert page.next_cursor is None

    (order,) = await adapter.get_orders([order_id])
    quantities = {item.platform_variant_id: item.quantity for item in order.items}
    assert quantities == {a.id: 3, b.id: 1}  # four unit lines -> two items
    item_a = next(i for i in order.items if i.platform_variant_id == a.id)
    assert item_a.unit_price == a.price and item_a.platform_sku == a.seller_sku
    assert order.status is OrderStatus.UNPAID and order.platform_status == "UNPAID"
    assert order.subtotal == a.price * 3 + b.price
    assert order.total == order.subtotal - order.seller_discount - order.platform_discount + (
        order.shipping_fee
    )
    assert order.created_at.tzinfo is UTC and order.currency == "IDR"

    sim.set_order_status(shop.id, order_id, "IN_TRANSIT")
    (shipped,) = await adapter.get_orders([order_id])
    assert shipped.status is OrderStatus.SHIPPED and shipped.shipped_at is not None
    assert shipped.buyer_name and shipped.shipping_address and shipped.tracking_number


async def test_list_orders_cursor(make_adapter, shops, sim, sandbox):
    shop = shops[0]
    adapter, _ = await make_adapter(shop)
    start = datetime.fromtimestamp(int(sandbox.clock.now()), UTC)
    rng = __import__("random").Random(5)
    for _ in range(30):
        sim.place_random_order(rng)
    mine = {o for o in shop.orders}
    seen: list[str] = []
    cursor = None
    original = adapter.client.search_orders

    async def small_pages(**kw):
        return await original(**{**kw, "page_size": 4})

    adapter.client.search_orders = small_pages  # type: ignore[method-assign]
    while True:
        page = await adapter.list_orders(start, start + timedelta(hours=1), cursor)
        seen.extend(r.platform_order_id for r in page.orders)
        cursor = page.next_cursor
        if cursor is None:
            break
    assert set(seen) == mine and len(seen) == len(mine)


async def test_cancelled_order_maps_and_restocks(make_adapter, shops, sim):
    shop = shops[0]
    adapter, _ = await make_adapter(shop)
    sku = next(iter(shop.products.values())).skus[0]
    sim.seller_set_stock(shop.id, sku.id, 5)
    order_id = sim.place_order(shop.id, {sku.id: 2})
    assert sim.stock_of(shop.id, sku.id) == 3
    sim.seller_cancel_order(shop.id, order_id)
    assert sim.stock_of(shop.id, sku.id) == 5
    (order,) = await adapter.get_orders([order_id])
    assert order.status is OrderStatus.CANCELLED and order.cancel_reason
    assert order.items[0].quantity == 2


async def test_shipping_info_and_document(make_adapter, shops, sim):
    shop = shops[0]
    adapter, _ = await make_adapter(shop)
    order_id = sim.place_order(shop.id, {next(iter(shop.products.values())).skus[0].id: 1})
    sim.set_order_status(shop.id, order_id, "AWAITING_SHIPMENT")
    info = await adapter.shipping_info(order_id)
    assert info.package_id and info.methods == ("pickup", "dropoff") and info.tracking_number
    (unshipped,) = await adapter.shipping_labels([order_id])
    assert not unshipped.ok and "arrange shipment first" in unshipped.error
    sim.set_order_status(shop.id, order_id, "AWAITING_COLLECTION")
    (labels,) = await adapter.shipping_labels([order_id])
    assert labels.ok and labels.labels[0].data.startswith(b"%PDF-")
    assert labels.labels[0].package_id == info.package_id


async def test_order_fees_from_finance(make_adapter, shops, sim):
    shop = shops[0]
    adapter, _ = await make_adapter(shop)
    sku = next(iter(shop.products.values())).skus[0]
    order_id = sim.place_order(shop.id, {sku.id: 2})
    assert await adapter.order_fees(order_id) is None  # not settled yet
    sim.set_order_status(shop.id, order_id, "COMPLETED")
    fees = await adapter.order_fees(order_id)
    assert fees is not None and fees.final
    assert fees.commission_fee > 0 and fees.transaction_fee > 0 and fees.service_fee > 0
    settlement = shop.orders[order_id].settlement
    revenue = Decimal(settlement["revenue_amount"])
    assert fees.payout == revenue - fees.total_fees - fees.shipping_subsidy


async def test_token_refresh_through_the_adapter(make_adapter, shops, sandbox):
    adapter, holder = await make_adapter(shops[0])
    sandbox.clock.advance(7 * 24 * 3600 + 5)
    with pytest.raises(AuthExpiredError):
        await adapter.get_orders(["5764000000000000001"])
    holder.tokens = await adapter.refresh_tokens(holder.tokens)
    assert await adapter.get_orders(["5764000000000000001"]) == []


# ---------------------------------------------------------------------- pure mapping


def _line(line_id: str, sku: str, price: str = "50000", **kw: str) -> dict:
    return {
        "id": line_id,
        "product_id": "1729",
        "product_name": "Kaos Polos",
        "sku_id": sku,
        "sku_name": "Hitam",
        "seller_sku": f"S-{sku}",
        "original_price": price,
        "seller_discount": "2000",
        "display_status": "AWAITING_SHIPMENT",
        **kw,
    }


def test_aggregation_three_and_one():
    items = aggregate_line_items(
        [_line("1", "A"), _line("2", "B"), _line("3", "A"), _line("4", "A")]
    )
    assert [(i.platform_variant_id, i.quantity) for i in items] == [("A", 3), ("B", 1)]
    assert items[0].unit_price == Decimal(50000) and items[0].discount == Decimal(6000)


def test_aggregation_drops_individually_cancelled_lines_and_splits_prices():
    lines = [
        _line("1", "A"),
        _line("2", "A", display_status="CANCELLED"),
        _line("3", "A", price="45000"),
    ]
    items = aggregate_line_items(lines)
    assert [(i.platform_item_id, i.quantity, i.unit_price) for i in items] == [
        ("A", 1, Decimal(50000)),
        ("A:2", 1, Decimal(45000)),
    ]


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        ("UNPAID", OrderStatus.UNPAID),
        ("ON_HOLD", OrderStatus.TO_SHIP),
        ("AWAITING_SHIPMENT", OrderStatus.TO_SHIP),
        ("AWAITING_COLLECTION", OrderStatus.TO_SHIP),
        ("PARTIALLY_SHIPPING", OrderStatus.SHIPPED),
        ("IN_TRANSIT", OrderStatus.SHIPPED),
        ("DELIVERED", OrderStatus.COMPLETED),
        ("COMPLETED", OrderStatus.COMPLETED),
        ("CANCELLED", OrderStatus.CANCELLED),
    ],
)
def test_status_mapping(status, expected):
    order = {
        "id": "1",
        "status": status,
        "create_time": 1700000000,
        "line_items": [_line("1", "A")],
    }
    mapped = order_from_tiktok(order)
    assert mapped.status is expected
    assert mapped.created_at == datetime(2023, 11, 14, 22, 13, 20, tzinfo=UTC)


def test_unknown_status_is_malformed():
    from app.core.platforms.base import MalformedResponseError

    with pytest.raises(MalformedResponseError):
        order_from_tiktok({"id": "1", "status": "TELEPORTED", "create_time": 1})


async def test_search_results_carry_whole_orders_equal_to_the_detail(
    make_adapter, shops, sim, sandbox
):
    """Since 202309 the search returns whole orders: mapped from it, each equals the
    mapping of Get Order Detail, in every status (with and without an address)."""
    shop = shops[0]
    adapter, _ = await make_adapter(shop)
    start = datetime.fromtimestamp(int(sandbox.clock.now()), UTC)
    skus = [s for p in shop.products.values() for s in p.skus][:4]
    for sku in skus:
        sim.seller_set_stock(shop.id, sku.id, 50)
    placed = [
        sim.place_order(shop.id, {s.id: 1 + i % 3 for i, s in enumerate(skus)}) for _ in range(6)
    ]
    for order_id, status in zip(
        placed,
        ["AWAITING_SHIPMENT", "IN_TRANSIT", "COMPLETED", "DELIVERED"],
        strict=False,
    ):
        sim.set_order_status(shop.id, order_id, status)
    sim.seller_cancel_order(shop.id, placed[-1])
    before = len(sandbox.request_log)
    page = await adapter.list_orders(start, start + timedelta(hours=1))
    calls = [p for _m, p, _s in sandbox.request_log[before:]]
    assert calls == ["/order/202309/orders/search"]  # one call, no detail
    searched = {r.platform_order_id: r.order for r in page.orders}
    assert set(searched) == set(shop.orders) and all(searched.values())
    detailed = {o.platform_order_id: o for o in await adapter.get_orders(list(searched))}
    assert searched == detailed


async def test_search_result_lacking_a_field_is_left_to_the_detail(
    make_adapter, shops, sim, sandbox
):
    shop = shops[0]
    sku = next(iter(shop.products.values())).skus[0]
    sim.seller_set_stock(shop.id, sku.id, 5)
    order_id = sim.place_order(shop.id, {sku.id: 1})
    raw = {
        "id": order_id,
        "status": "UNPAID",
        "create_time": 1_700_000_000,
        "update_time": 1_700_000_000,
    }
    from app.core.platforms.tiktok.adapter import order_ref

    assert order_ref(raw, {"UNPAID": OrderStatus.UNPAID}).order is None  # no line_items
    off, _ = await make_adapter(shop, orders_from_search=False)
    end = datetime.fromtimestamp(int(sandbox.clock.now()) + 60, UTC)
    page = await off.list_orders(end - timedelta(days=1), end)
    assert page.orders and all(r.order is None for r in page.orders)
