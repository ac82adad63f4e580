"""TikTokClient against the TikTok emulator over real HTTP on 127.0.0.1.

Each call of the client, each gateway error path the reference documents, retries and the
handling of broken responses.
"""

from __future__ import annotations

import asyncio
import logging
import re
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from app.core.domain import AppCredentials
from app.core.platforms.base import (
    AuthError,
    AuthExpiredError,
    BadRequestError,
    MalformedResponseError,
    PermissionDeniedError,
    RateLimitedError,
    ReauthorizationRequired,
    ServerError,
)
from app.core.platforms.http import RetryPolicy
from app.core.platforms.tiktok.client import TikTokClient
from app.sandbox.core import FaultRule

from .conftest import FAST_RETRY, Tokens, raw_signed

pytestmark = pytest.mark.anyio

REQUEST_ID = re.compile(r"^\d{14}[0-9A-F]{20}$")


def calls(sandbox, method: str, path: str) -> list[int]:
    """HTTP statuses the sandbox answered for one endpoint, in order."""
    return [status for m, p, status in sandbox.request_log if m == method and p == path]


# ---------------------------------------------------------------------- authorization


async def test_consent_page_flow(make_client, sim, shops, sandbox, http):
    client = make_client(consent_base_url=sandbox.base_url)
    url = client.consent_url(state="csrf-123")
    assert url.startswith(f"{sandbox.base_url}/open/authorize?service_id={sim.service_id}")

    page = await http.get(url)
    assert page.status_code == 200 and "text/html" in page.headers["content-type"]
    approve = re.findall(r'class="approve" href="([^"]+)"', page.text)
    assert len(approve) == len(shops) and "Approve" in page.text

    link = approve[0].replace("&amp;", "&")
    redirect = await http.get(f"{sandbox.base_url}{link}", follow_redirects=False)
    assert redirect.status_code == 302
    location = redirect.headers["location"]
    assert location.startswith(sim.redirect_url)
    params = parse_qs(urlsplit(location).query)
    assert params["state"] == ["csrf-123"]

    grant = await client.get_access_token(params["code"][0])
    client_with_token = make_client(token=grant.tokens.access_token)
    listed = await client_with_token.get_authorized_shops()
    assert [s.shop_id for s in listed] == [shops[0].id]

    # The code is single-use.
    with pytest.raises(ReauthorizationRequired) as err:
        await client.get_access_token(params["code"][0])
    assert err.value.code == "36004004"


async def test_consent_page_reject_and_legacy_production_link(make_client, sandbox, http, sim):
    page = await http.get(make_client(consent_base_url=sandbox.base_url).consent_url())
    reject = re.findall(r'class="reject" href="([^"]+)"', page.text)[0].replace("&amp;", "&")
    redirect = await http.get(f"{sandbox.base_url}{reject}")
    params = parse_qs(urlsplit(redirect.headers["location"]).query)
    assert params == {"code": ["null"], "error": ["auth_denied"]}  # no state sent, none back

    with pytest.raises(ValueError, match="service_id"):
        make_client(credentials=AppCredentials(sim.app_key, sim.app_secret)).consent_url()
    production = make_client().consent_url("s")
    assert (
        production
        == f"https://services.tiktokshop.com/open/authorize?service_id={sim.service_id}&state=s"
    )


async def test_token_get_returns_absolute_expiry(make_client, sim, shops, sandbox):
    grant = await make_client().get_access_token(sim.issue_code(shops[0].id))
    now = datetime.fromtimestamp(sandbox.clock.now(), UTC)
    expires = grant.tokens.access_expires_at
    assert expires.tzinfo is not None
    assert abs(expires - (now + timedelta(days=7))) < timedelta(seconds=5)
    assert grant.tokens.refresh_expires_at > now + timedelta(days=300)
    assert grant.seller_base_region == "ID" and grant.seller_name == shops[0].name
    assert "seller.order.info" in grant.granted_scopes


async def test_auth_code_expires_after_30_minutes(make_client, sim, shops, sandbox):
    code = sim.issue_code(shops[0].id)
    sandbox.clock.advance(31 * 60)
    with pytest.raises(ReauthorizationRequired):
        await make_client().get_access_token(code)


async def test_refresh_issues_a_new_pair(authorized, make_client, shops):
    client, holder = await authorized(shops[0])
    old = holder.tokens
    grant = await client.refresh_access_token(old.refresh_token)
    assert grant.tokens.access_token != old.access_token
    assert grant.tokens.refresh_token != old.refresh_token
    holder.tokens = grant.tokens
    assert await client.get_warehouses()
    with pytest.raises(ReauthorizationRequired) as err:  # old refresh token is spent
        await client.refresh_access_token(old.refresh_token)
    assert err.value.code == "36004005"


async def test_refresh_token_expiry_needs_reauthorization(authorized, shops, sandbox):
    client, holder = await authorized(shops[0])
    sandbox.clock.advance(400 * 24 * 3600)
    with pytest.raises(ReauthorizationRequired) as err:
        await client.refresh_access_token(holder.tokens.refresh_token)
    assert err.value.code == "36004001"


async def test_wrong_app_secret_on_token_api(make_client, sim, shops):
    client = make_client(credentials=AppCredentials(sim.app_key, "wrong", sim.service_id))
    with pytest.raises(BadRequestError):
        await client.get_access_token(sim.issue_code(shops[0].id))


async def test_authorized_shops_carry_ciphers(authorized, shops):
    client, _ = await authorized(shops[1])
    listed = await client.get_authorized_shops()
    assert len(listed) == 1
    shop = listed[0]
    assert (shop.shop_id, shop.cipher, shop.region) == (shops[1].id, shops[1].cipher, "ID")
    assert shop.cipher.startswith("ROW_") and shop.extra["seller_type"] == "LOCAL"


# ---------------------------------------------------------------------- gateway errors


async def test_bad_signature(authorized, make_client, sim, shops):
    _, holder = await authorized(shops[0])
    bad = make_client(
        cipher=shops[0].cipher,
        token=holder,
        credentials=AppCredentials(sim.app_key, "not-the-secret", sim.service_id),
    )
    with pytest.raises(BadRequestError) as err:
        await bad.get_warehouses()
    assert err.value.code == "106001" and err.value.http_status == 401
    assert REQUEST_ID.match(err.value.request_id)


async def test_unknown_app_key(make_client, sim, shops):
    client = make_client(cipher=shops[0].cipher, credentials=AppCredentials("nope", sim.app_secret))
    with pytest.raises(BadRequestError) as err:
        await client.get_warehouses()
    assert err.value.code == "36009004" and "app_key" in err.value.message
    assert err.value.http_status == 400


async def test_timestamp_outside_window(authorized, make_client, shops, sandbox):
    _, holder = await authorized(shops[0])
    stale = make_client(
        cipher=shops[0].cipher, token=holder, clock=lambda: sandbox.clock.now() - 400
    )
    with pytest.raises(BadRequestError, match="5 minutes"):
        await stale.get_warehouses()
    future = make_client(
        cipher=shops[0].cipher, token=holder, clock=lambda: sandbox.clock.now() + 60
    )
    with pytest.raises(BadRequestError, match="30 seconds"):
        await future.get_warehouses()


async def test_expired_access_token_then_refresh(authorized, shops, sandbox):
    client, holder = await authorized(shops[0])
    sandbox.clock.advance(7 * 24 * 3600 + 1)
    with pytest.raises(AuthExpiredError) as err:
        await client.get_warehouses()
    assert err.value.code == "105002" and err.value.http_status == 401
    holder.tokens = (await client.refresh_access_token(holder.tokens.refresh_token)).tokens
    assert await client.get_warehouses()


async def test_unknown_token_is_an_auth_error(make_client, shops):
    client = make_client(cipher=shops[0].cipher, token="TTP_not-a-real-token")
    with pytest.raises(AuthError) as err:
        await client.get_warehouses()
    assert not isinstance(err.value, AuthExpiredError)
    assert err.value.code == "36009004"


async def test_missing_shop_cipher(authorized, make_client, shops):
    _, holder = await authorized(shops[0])
    client = make_client(cipher=None, token=holder)
    with pytest.raises(BadRequestError) as err:
        await client.search_products()
    assert err.value.code == "106013"


async def test_cipher_forbidden_on_authorization_endpoints(authorized, http, sandbox, sim, shops):
    _, holder = await authorized(shops[0])
    response = await raw_signed(
        http,
        sandbox.base_url,
        sim,
        "GET",
        "/authorization/202309/shops",
        token=holder.tokens.access_token,
        cipher=shops[0].cipher,
    )
    body = response.json()
    assert body["code"] == 36009004 and "Unexpected identifier" in body["message"]
    assert body["data"] is None and REQUEST_ID.match(body["request_id"])


async def test_token_of_another_shop(authorized, make_client, shops):
    _, holder = await authorized(shops[0])
    client = make_client(cipher=shops[1].cipher, token=holder)
    with pytest.raises(PermissionDeniedError) as err:
        await client.get_warehouses()
    assert err.value.code == "101000"


async def test_unknown_path_wrong_method_and_version(authorized, http, sandbox, sim, shops):
    _, holder = await authorized(shops[0])
    token, cipher = holder.tokens.access_token, shops[0].cipher

    async def code_of(method: str, path: str) -> tuple[int, int]:
        r = await raw_signed(http, sandbox.base_url, sim, method, path, token=token, cipher=cipher)
        return r.status_code, r.json()["code"]

    assert await code_of("GET", "/product/202309/nothing/here") == (404, 36009009)
    assert await code_of("DELETE", "/logistics/202309/warehouses") == (405, 36009010)
    assert await code_of("GET", "/logistics/202101/warehouses") == (404, 36009014)


# ---------------------------------------------------------------------- products


async def test_search_products_pages_with_opaque_tokens(authorized, shops):
    client, _ = await authorized(shops[0])
    seen, tokens = [], []
    page = await client.search_products(page_size=4)
    while True:
        seen.extend(p["id"] for p in page.items)
        if not page.next_page_token:
            break
        tokens.append(page.next_page_token)
        page = await client.search_products(page_size=4, page_token=page.next_page_token)
    assert sorted(seen) == sorted(shops[0].products) and len(set(seen)) == len(seen)
    assert page.total_count == len(shops[0].products)
    assert any("+" in t or "/" in t for t in tokens)  # sent percent-encoded, signed raw


async def test_search_products_filters(authorized, shops):
    client, _ = await authorized(shops[0])
    product = next(iter(shops[0].products.values()))
    sku = product.skus[0].seller_sku
    page = await client.search_products(filters={"seller_skus": [sku], "status": "ACTIVATE"})
    assert [p["id"] for p in page.items] == [product.id]
    with pytest.raises(BadRequestError) as err:
        await client.search_products(filters={"seller_skus": [f"S{i}" for i in range(11)]})
    assert err.value.code == "12019027"


async def test_oversize_page_is_rejected(authorized, shops):
    client, _ = await authorized(shops[0])
    with pytest.raises(BadRequestError, match="page_size"):
        await client.search_products(page_size=101)
    with pytest.raises(BadRequestError, match="page_size"):
        await client.search_orders(page_size=0)


async def test_get_product_and_inventory_search(authorized, shops, sim):
    client, _ = await authorized(shops[1])
    product = next(p for p in shops[1].products.values() if len(p.skus) > 1)
    detail = await client.get_product(product.id)
    assert detail["id"] == product.id and detail["title"] == product.title
    sku = detail["skus"][0]
    assert sku["price"]["currency"] == "IDR" and Decimal(sku["price"]["sale_price"]) > 0
    assert {i["warehouse_id"] for i in sku["inventory"]} == set(shops[1].sales_warehouse_ids)

    rows = await client.search_inventory(product_ids=[product.id])
    first = rows[0]["skus"][0]
    assert first["total_available_quantity"] == sim.stock_of(shops[1].id, first["id"])

    other = next(iter(shops[0].products))
    with pytest.raises(BadRequestError) as err:
        await client.get_product(other)
    assert err.value.code == "12052048"


async def test_update_inventory_success_and_per_sku_failure(authorized, shops, sim):
    shop = shops[0]
    client, _ = await authorized(shop)
    product = next(p for p in shop.products.values() if len(p.skus) > 1)
    good, bad = product.skus[0], product.skus[1]
    before_bad = sim.stock_of(shop.id, bad.id)
    warehouse = shop.sales_warehouse_ids[0]
    failures = await client.update_inventory(
        product.id,
        [
            {"id": good.id, "inventory": [{"warehouse_id": warehouse, "quantity": 7}]},
            {"id": bad.id, "inventory": [{"warehouse_id": "999", "quantity": 3}]},
        ],
    )
    assert sim.stock_of(shop.id, good.id) == 7
    assert sim.stock_of(shop.id, bad.id) == before_bad
    assert len(failures) == 1  # HTTP 200 and code 0, yet not a success for this SKU
    assert failures[0].sku_id == bad.id and failures[0].code == "12052990"
    assert "12052097" in failures[0].describe()


async def test_update_inventory_needs_every_warehouse(authorized, shops, sim):
    shop = shops[1]  # two sales warehouses
    client, _ = await authorized(shop)
    product = next(iter(shop.products.values()))
    sku = product.skus[0]
    first, second = shop.sales_warehouse_ids
    failures = await client.update_inventory(
        product.id, [{"id": sku.id, "inventory": [{"warehouse_id": first, "quantity": 5}]}]
    )
    assert [f.code for f in failures] == ["12019028"]
    failures = await client.update_inventory(
        product.id,
        [
            {
                "id": sku.id,
                "inventory": [
                    {"warehouse_id": first, "quantity": 5},
                    {"warehouse_id": second, "quantity": 0},
                ],
            }
        ],
    )
    assert failures == [] and sim.warehouse_stock(shop.id, sku.id) == {first: 5, second: 0}


async def test_update_prices(authorized, shops):
    client, _ = await authorized(shops[0])
    product = next(iter(shops[0].products.values()))
    sku = product.skus[0]
    failures = await client.update_prices(
        product.id, [{"id": sku.id, "price": {"amount": "99000", "currency": "IDR"}}]
    )
    assert failures == []
    detail = await client.get_product(product.id)
    assert detail["skus"][0]["price"]["sale_price"] == "99000"
    with pytest.raises(BadRequestError) as err:
        await client.update_prices(
            product.id, [{"id": sku.id, "price": {"amount": "abc", "currency": "IDR"}}]
        )
    assert err.value.code == "12052012"


async def test_warehouses(authorized, shops):
    client, _ = await authorized(shops[1])
    rows = await client.get_warehouses()
    sales = [w for w in rows if w["type"] == "SALES_WAREHOUSE"]
    assert len(sales) == 2 and all(w["address"]["region_code"] == "ID" for w in rows)


# ---------------------------------------------------------------------- orders


async def test_search_orders_by_update_window_with_pages(authorized, shops, sim, sandbox):
    shop = shops[0]
    client, _ = await authorized(shop)
    start = int(sandbox.clock.now())
    placed = {sim.place_order(shop.id, {p.skus[0].id: 1}) for p in list(shop.products.values())[:5]}
    seen: list[str] = []
    token = None
    while True:
        page = await client.search_orders(
            update_time_ge=start, update_time_lt=start + 60, page_size=2, page_token=token
        )
        seen.extend(o["id"] for o in page.items)
        token = page.next_page_token
        if not token:
            break
    assert set(seen) == placed and len(seen) == len(placed)
    empty = await client.search_orders(update_time_ge=start - 3600, update_time_lt=start - 60)
    assert empty.items == () and empty.next_page_token is None


async def test_get_orders_batches_of_50(authorized, shops, sim, sandbox):
    shop = shops[0]
    client, _ = await authorized(shop)
    rng = __import__("random").Random(3)
    ids = []
    while len(ids) < 55:
        order_id = sim.place_random_order(rng)
        if order_id in shop.orders:
            ids.append(order_id)
    sandbox.request_log.clear()
    orders = await client.get_orders(ids)
    assert sorted(o["id"] for o in orders) == sorted(ids)
    assert calls(sandbox, "GET", "/order/202309/orders") == [200, 200]


async def test_oversize_detail_batch_is_rejected(authorized, shops, sim):
    client, _ = await authorized(shops[0], detail_batch_size=60)
    ids = [f"57640000000000{i:05d}" for i in range(51)]
    with pytest.raises(BadRequestError, match="50"):
        await client.get_orders(ids)


async def test_order_detail_of_another_seller(authorized, shops, sim):
    other_order = sim.place_order(
        shops[1].id, {next(iter(shops[1].products.values())).skus[0].id: 1}
    )
    client, _ = await authorized(shops[0])
    with pytest.raises(PermissionDeniedError) as err:
        await client.get_orders([other_order])
    assert err.value.code == "21008111"
    assert await client.get_orders(["5764999999999999999"]) == []  # unknown ids are dropped


async def test_order_lines_come_one_per_unit(authorized, shops, sim):
    shop = shops[0]
    client, _ = await authorized(shop)
    product = next(p for p in shop.products.values() if len(p.skus) > 1)
    a, b = product.skus[0], product.skus[1]
    sim.seller_set_stock(shop.id, a.id, 10)
    order_id = sim.place_order(shop.id, {a.id: 3, b.id: 1})
    (order,) = await client.get_orders([order_id])
    assert len(order["line_items"]) == 4 and "quantity" not in order["line_items"][0]
    assert [li["sku_id"] for li in order["line_items"]].count(a.id) == 3
    assert "recipient_address" not in order  # UNPAID: no address yet
    assert sim.stock_of(shop.id, a.id) == 7


# ---------------------------------------------------------------------- fulfillment, finance


async def test_packages_documents_ship_and_tracking(authorized, shops, sim, http):
    shop = shops[0]
    client, _ = await authorized(shop)
    order_id = sim.place_order(shop.id, {next(iter(shop.products.values())).skus[0].id: 2})
    sim.set_order_status(shop.id, order_id, "AWAITING_SHIPMENT")
    (order,) = await client.get_orders([order_id])
    package_id = order["packages"][0]["id"]

    package = await client.get_package(package_id)
    assert package["order_line_item_ids"] == [li["id"] for li in order["line_items"]]
    slots = await client.get_handover_time_slots(package_id)
    assert slots["can_pickup"] and slots["pickup_slots"]

    with pytest.raises(BadRequestError, match="arrange shipment first"):
        await client.get_shipping_document(package_id)  # no label before shipping
    await client.ship_package(package_id)
    doc = await client.get_shipping_document(package_id)  # the client retries 11034037
    assert doc["tracking_number"] == order["tracking_number"]
    pdf = await client.download_document(doc["doc_url"])
    assert pdf.startswith(b"%PDF-") and order["tracking_number"].encode() in pdf

    (shipped,) = await client.get_orders([order_id])
    assert shipped["status"] == "AWAITING_COLLECTION"
    with pytest.raises(BadRequestError) as err:
        await client.ship_package(package_id)
    assert err.value.code == "11006021"
    tracking = await client.get_tracking(order_id)
    assert tracking and tracking[0]["update_time_millis"] > 10**12


async def test_finance_statement_data(authorized, shops, sim, sandbox):
    shop = shops[0]
    client, _ = await authorized(shop)
    order_id = sim.place_order(shop.id, {next(iter(shop.products.values())).skus[0].id: 2})
    unsettled = await client.get_order_statement_transactions(order_id)
    assert unsettled["sku_transactions"] == []
    sim.set_order_status(shop.id, order_id, "COMPLETED")
    data = await client.get_order_statement_transactions(order_id)
    (row,) = data["sku_transactions"]
    assert row["quantity"] == 2
    assert Decimal(data["settlement_amount"]) == Decimal(data["revenue_amount"]) + Decimal(
        data["fee_and_tax_amount"]
    ) + Decimal(data["shipping_cost_amount"])
    sandbox.clock.advance(2 * 86400)
    page = await client.get_statements(
        statement_time_ge=int(sandbox.clock.now()) - 5 * 86400, page_size=10
    )
    assert len(page.items) == 1 and page.items[0]["payment_status"] == "PAID"
    assert page.items[0]["settlement_amount"] == data["settlement_amount"]


# ---------------------------------------------------------------------- retries, broken answers


async def test_429_is_retried_then_succeeds(authorized, shops, sandbox):
    client, _ = await authorized(shops[0])
    sandbox.inject(FaultRule("rate_limit", endpoint="/logistics/", remaining=2))
    assert await client.get_warehouses()
    assert calls(sandbox, "GET", "/logistics/202309/warehouses") == [429, 429, 200]


async def test_emulated_qps_limit_answers_429(authorized, shops, sim):
    client, _ = await authorized(shops[0], retry=RetryPolicy(attempts=1))
    sim.options["qps"] = 2
    # 5 at once: the stdlib server's listen backlog is 5, more would stall on a SYN retry.
    results = await asyncio.gather(
        *(client.get_warehouses() for _ in range(5)), return_exceptions=True
    )
    limited = [r for r in results if isinstance(r, RateLimitedError)]
    assert limited and all(e.code == "36009002" and e.http_status == 429 for e in limited)
    assert sum(isinstance(r, list) for r in results) == 2


async def test_5xx_is_retried_for_reads(authorized, shops, sandbox):
    client, _ = await authorized(shops[0])
    sandbox.inject(FaultRule("server_error", endpoint="/products/search", remaining=2))
    page = await client.search_products()
    assert page.items
    assert calls(sandbox, "POST", "/product/202309/products/search") == [500, 500, 200]


async def test_5xx_is_not_retried_for_ship(authorized, shops, sim, sandbox):
    shop = shops[0]
    client, _ = await authorized(shop)
    order_id = sim.place_order(shop.id, {next(iter(shop.products.values())).skus[0].id: 1})
    sim.set_order_status(shop.id, order_id, "AWAITING_SHIPMENT")
    package_id = shop.orders[order_id].package_id
    sandbox.inject(FaultRule("server_error", endpoint="/ship", remaining=1))
    with pytest.raises(ServerError) as err:
        await client.ship_package(package_id)
    assert err.value.code == "36009003" and err.value.http_status == 500
    assert len(calls(sandbox, "POST", f"/fulfillment/202309/packages/{package_id}/ship")) == 1


async def test_5xx_retries_give_up(authorized, shops, sandbox):
    client, _ = await authorized(shops[0])
    sandbox.inject(FaultRule("server_error", endpoint="/logistics/"))
    with pytest.raises(ServerError):
        await client.get_warehouses()
    assert len(calls(sandbox, "GET", "/logistics/202309/warehouses")) == FAST_RETRY.attempts


async def test_timeout_is_retried(authorized, shops, sandbox):
    client, _ = await authorized(shops[0], timeout=0.3)
    sandbox.inject(FaultRule("timeout", endpoint="/logistics/", delay=0.5, remaining=1))
    assert await client.get_warehouses()


async def test_timeout_gives_up_as_server_error(authorized, shops, sandbox):
    client, _ = await authorized(
        shops[0], timeout=0.2, retry=RetryPolicy(attempts=2, base_delay=0.01)
    )
    sandbox.inject(FaultRule("timeout", endpoint="/logistics/", delay=0.3))
    with pytest.raises(ServerError, match="timed out"):
        await client.get_warehouses()


async def test_malformed_json(authorized, shops, sandbox):
    client, _ = await authorized(shops[0], retry=RetryPolicy(attempts=2, base_delay=0.01))
    sandbox.inject(FaultRule("malformed", endpoint="/logistics/"))
    with pytest.raises(MalformedResponseError):
        await client.get_warehouses()


async def test_truncated_json(authorized, shops, sandbox):
    client, _ = await authorized(shops[0], retry=RetryPolicy(attempts=1))
    sandbox.inject(FaultRule("truncated", endpoint="/products/search"))
    with pytest.raises(MalformedResponseError):
        await client.search_products()


async def test_injected_expired_token(authorized, shops, sandbox):
    client, _ = await authorized(shops[0])
    sandbox.inject(FaultRule("expired_token", endpoint="/orders/search", remaining=1))
    with pytest.raises(AuthExpiredError):
        await client.search_orders()
    assert calls(sandbox, "POST", "/order/202309/orders/search") == [401]  # not retried


async def test_connection_refused_is_a_server_error(http, creds):
    from app.core.domain import Endpoints

    client = TikTokClient(
        http,
        Endpoints("http://127.0.0.1:9", "http://127.0.0.1:9"),
        creds,
        shop_cipher="ROW_x",
        retry=RetryPolicy(attempts=2, base_delay=0.01),
    )
    with pytest.raises(ServerError, match="connection failed"):
        await client.get_warehouses()


# ---------------------------------------------------------------------- secrets


async def test_no_secret_reaches_logs_or_errors(
    caplog, http, endpoints, creds, sim, shops, sandbox
):
    caplog.set_level(logging.DEBUG)
    signs: list[str] = []

    async def remember_sign(request: httpx.Request) -> None:
        if "sign" in request.url.params:
            signs.append(request.url.params["sign"])

    http.event_hooks["request"].append(remember_sign)
    holder = Tokens()
    client = TikTokClient(
        http,
        endpoints,
        creds,
        shop_cipher=shops[0].cipher,
        access_token=lambda: holder.tokens.access_token if holder.tokens else None,
        retry=FAST_RETRY,
        clock=sandbox.clock.now,
    )
    code = sim.issue_code(shops[0].id)
    holder.tokens = (await client.get_access_token(code)).tokens
    first = holder.tokens
    holder.tokens = (await client.refresh_access_token(first.refresh_token)).tokens
    sandbox.inject(FaultRule("server_error", endpoint="/logistics/", remaining=1))
    await client.get_warehouses()
    await client.search_orders()
    errors: list[Exception] = []
    for attempt in (
        client.get_access_token(code),  # reused code
        client.refresh_access_token(first.refresh_token),  # spent refresh token
    ):
        try:
            await attempt
        except Exception as exc:
            errors.append(exc)
    sandbox.clock.advance(8 * 24 * 3600)
    try:
        await client.get_warehouses()
    except AuthExpiredError as exc:
        errors.append(exc)

    assert len(errors) == 3 and signs
    secrets = [
        creds.app_secret,
        code,
        first.access_token,
        first.refresh_token,
        holder.tokens.access_token,
        holder.tokens.refresh_token,
        *signs,
    ]
    text = caplog.text + "\n".join(f"{e} {e!r}" for e in errors)
    assert "HTTP Request" in caplog.text  # httpx did log the URLs, masked
    for secret in secrets:
        assert secret not in text
    assert repr(holder.tokens).count("***") == 2
