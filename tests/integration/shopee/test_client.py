"""ShopeeClient against the sandbox's Shopee emulator, over real HTTP on 127.0.0.1."""

from __future__ import annotations

import logging
import random
import re
from decimal import Decimal
from typing import TYPE_CHECKING
from urllib.parse import parse_qs, urljoin, urlsplit

import anyio
import httpx
import pytest

from app.core.platforms.base import (
    AuthExpiredError,
    BadRequestError,
    MalformedResponseError,
    PermissionDeniedError,
    RateLimitedError,
    ReauthorizationRequired,
    ServerError,
)
from app.core.platforms.http import RetryPolicy
from app.core.platforms.shopee.client import ShopeeClient
from app.core.platforms.shopee.records import PriceEntry, ShopAuth, StockEntry
from app.sandbox.core import FaultRule
from app.sandbox.shopee.state import SimItem, SimModel

if TYPE_CHECKING:  # fixtures' types; conftest is not importable as a module at run time
    from tests.integration.shopee.conftest import ShopeeEnv

pytestmark = pytest.mark.anyio

DAY = 86400


def calls(env: ShopeeEnv, action: str) -> int:
    """How many requests reached ``action`` so far."""
    return sum(1 for _, path, _ in env.sandbox.request_log if path.endswith(action))


def place_orders(env: ShopeeEnv, n: int, shop_id: int) -> list[str]:
    """``n`` random orders on one shop (the sim picks shops at random, so retry until)."""
    rng = random.Random(42)
    sns: list[str] = []
    while len(sns) < n:
        sn = env.sim.place_random_order(rng)
        if sn and sn in env.sim.shops[shop_id].orders:
            sns.append(sn)
    return sns


# --------------------------------------------------------------------------- authorization


async def test_consent_page_flow_gives_a_working_code(
    env: ShopeeEnv, client: ShopeeClient, http: httpx.AsyncClient
) -> None:
    link = client.auth_link("http://127.0.0.1:9/callback", state="csrf123")
    page = await http.get(link)
    assert page.status_code == 200
    assert "text/html" in page.headers["content-type"]
    shop_id = env.shop_ids[1]
    href = re.search(rf'id="approve-{shop_id}" href="([^"]+)"', page.text)
    assert href is not None, page.text
    approve = await http.get(urljoin(link, href.group(1).replace("&amp;", "&")))
    assert approve.status_code == 302
    location = urlsplit(approve.headers["location"])
    assert location.path == "/callback"
    query = parse_qs(location.query)
    assert query["state"] == ["csrf123"]
    assert query["shop_id"] == [str(shop_id)]

    grant = await client.get_access_token(query["code"][0], shop_id=shop_id)
    info = await client.get_shop_info(ShopAuth(shop_id, grant.access_token))
    assert info["shop_name"] == env.sim.shops[shop_id].name
    # The code is single use.
    with pytest.raises(ReauthorizationRequired) as exc:
        await client.get_access_token(query["code"][0], shop_id=shop_id)
    assert exc.value.code == "invalid_code"


async def test_consent_page_rejects_a_bad_signature(
    env: ShopeeEnv, http: httpx.AsyncClient
) -> None:
    link = env.client(http).auth_link("http://127.0.0.1:9/cb")
    tampered = re.sub(r"sign=[0-9a-f]+", "sign=" + "0" * 64, link)
    body = (await http.get(tampered)).json()
    assert body["error"] == "error_sign"


async def test_code_for_another_shop_is_rejected(env: ShopeeEnv, client: ShopeeClient) -> None:
    code = env.sim.issue_code(env.shop_ids[0])
    with pytest.raises(ReauthorizationRequired) as exc:
        await client.get_access_token(code, shop_id=env.shop_ids[1])
    assert exc.value.code == "invalid_shop_id"


async def test_expired_code_is_rejected(env: ShopeeEnv, client: ShopeeClient) -> None:
    code = env.sim.issue_code(env.shop_ids[0])
    env.sandbox.clock.advance(601)
    with pytest.raises(ReauthorizationRequired):
        await client.get_access_token(code, shop_id=env.shop_ids[0])


async def test_token_grant_has_absolute_utc_expiry(env: ShopeeEnv, client: ShopeeClient) -> None:
    shop_id = env.shop_ids[0]
    grant = await client.get_access_token(env.sim.issue_code(shop_id), shop_id=shop_id)
    assert grant.shop_id == shop_id
    assert grant.access_expires_at.utcoffset().total_seconds() == 0
    remaining = grant.access_expires_at.timestamp() - env.sandbox.clock.now()
    assert 14390 < remaining <= 14400
    assert grant.access_token not in repr(grant)


async def test_refresh_rotates_and_old_refresh_token_dies(
    env: ShopeeEnv, client: ShopeeClient
) -> None:
    shop_id = env.shop_ids[0]
    first = await client.get_access_token(env.sim.issue_code(shop_id), shop_id=shop_id)
    second = await client.refresh_access_token(first.refresh_token, shop_id=shop_id)
    assert second.refresh_token != first.refresh_token
    assert second.access_token != first.access_token

    with pytest.raises(ReauthorizationRequired) as exc:
        await client.refresh_access_token(first.refresh_token, shop_id=shop_id)
    assert exc.value.code == "error_auth"

    # The old access token survives 5 minutes, then dies; the new one keeps working.
    await client.get_shop_info(ShopAuth(shop_id, first.access_token))
    env.sandbox.clock.advance(301)
    with pytest.raises(AuthExpiredError):
        await client.get_shop_info(ShopAuth(shop_id, first.access_token))
    await client.get_shop_info(ShopAuth(shop_id, second.access_token))

    third = await client.refresh_access_token(second.refresh_token, shop_id=shop_id)
    assert third.refresh_token not in (first.refresh_token, second.refresh_token)


async def test_refresh_with_wrong_shop_is_rejected(env: ShopeeEnv, client: ShopeeClient) -> None:
    shop_id = env.shop_ids[0]
    grant = await client.get_access_token(env.sim.issue_code(shop_id), shop_id=shop_id)
    with pytest.raises(ReauthorizationRequired) as exc:
        await client.refresh_access_token(grant.refresh_token, shop_id=env.shop_ids[1])
    assert exc.value.code == "error_shop_refresh_token"


async def test_expired_access_token_raises_auth_expired(
    env: ShopeeEnv, client: ShopeeClient, auth: ShopAuth
) -> None:
    env.sandbox.clock.advance(14401)
    with pytest.raises(AuthExpiredError) as exc:
        await client.get_shop_info(auth)
    assert exc.value.code == "invalid_acceess_token"
    assert calls(env, "get_shop_info") == 1  # auth errors are not retried


async def test_wrong_partner_key_gives_error_sign(
    env: ShopeeEnv, http: httpx.AsyncClient, auth: ShopAuth
) -> None:
    from app.core.domain import AppCredentials

    bad = ShopeeClient(
        http,
        env.endpoints,
        AppCredentials(str(env.sim.partner_id), "shpk" + "0" * 60),
        retry=RetryPolicy(base_delay=0.01),
        clock=env.sandbox.clock.now,
    )
    with pytest.raises(PermissionDeniedError) as exc:
        await bad.get_shop_info(auth)
    assert exc.value.code == "error_sign"
    assert exc.value.http_status == 200  # Shopee's gateway default in the sim


async def test_gateway_status_is_configurable(make_env, http: httpx.AsyncClient) -> None:
    env = make_env(gateway_error_status=403)
    client = env.client(http)
    with pytest.raises(AuthExpiredError) as exc:
        await client.get_shop_info(ShopAuth(env.shop_ids[0], "ab" * 16))
    assert exc.value.http_status == 403


async def test_unknown_partner_and_stale_timestamp(
    env: ShopeeEnv, http: httpx.AsyncClient, auth: ShopAuth
) -> None:
    from app.core.domain import AppCredentials

    stranger = ShopeeClient(
        http, env.endpoints, AppCredentials("1", env.sim.partner_key), clock=env.sandbox.clock.now
    )
    with pytest.raises(PermissionDeniedError) as exc:
        await stranger.get_shop_info(auth)
    assert exc.value.code == "error_auth"

    skewed = env.client(http, clock=lambda: env.sandbox.clock.now() - 400)
    with pytest.raises(BadRequestError, match="Timestamp is expired"):
        await skewed.get_shop_info(auth)


async def test_token_of_another_shop_is_rejected(
    env: ShopeeEnv, client: ShopeeClient, auth: ShopAuth
) -> None:
    with pytest.raises(PermissionDeniedError) as exc:
        await client.get_shop_info(ShopAuth(env.shop_ids[1], auth.access_token))
    assert exc.value.code == "error_auth"


# --------------------------------------------------------------------------- shop and products


async def test_shop_info_and_shops_by_partner(
    env: ShopeeEnv, client: ShopeeClient, auth: ShopAuth
) -> None:
    info = await client.get_shop_info(auth)
    assert info["region"] == "ID"
    assert info["expire_time"] > env.sandbox.clock.now()
    listed = await client.get_shops_by_partner()
    assert [s["shop_id"] for s in listed["authed_shop_list"]] == [auth.shop_id]


async def test_item_list_pages_through_every_item(
    env: ShopeeEnv, client: ShopeeClient, auth: ShopAuth
) -> None:
    first = await client.get_item_list(auth, page_size=5)
    assert len(first.items) == 5 and first.has_next_page and first.next_offset == 5
    ids = [i["item_id"] async for i in client.iter_item_list(auth, page_size=4)]
    assert sorted(ids) == sorted(env.sim.shops[auth.shop_id].items)
    assert first.total_count == len(ids)


async def test_item_base_info_and_models(
    env: ShopeeEnv, client: ShopeeClient, auth: ShopAuth
) -> None:
    ids = list(env.sim.shops[auth.shop_id].items)
    items = await client.get_item_base_info(auth, ids)
    assert {i["item_id"] for i in items} == set(ids)
    plain = next(i for i in items if not i["has_model"])
    assert plain["price_info"][0]["currency"] == "IDR"
    assert plain["stock_info_v2"]["seller_stock"][0]["location_id"] == ""
    variant = next(i for i in items if i["has_model"])
    assert "price_info" not in variant
    models = await client.get_model_list(auth, variant["item_id"])
    assert len(models["model"]) == len(models["tier_variation"][0]["option_list"])
    assert all(m["model_id"] > 0 and m["model_sku"] for m in models["model"])
    empty = await client.get_model_list(auth, plain["item_id"])
    assert empty["model"] == [] and empty["tier_variation"] == []


async def test_item_base_info_batches_by_50(
    env: ShopeeEnv, client: ShopeeClient, auth: ShopAuth
) -> None:
    ids = list(env.sim.shops[auth.shop_id].items)
    many = (ids * 10)[:120]
    items = await client.get_item_base_info(auth, many)
    assert len(items) == 120
    assert calls(env, "get_item_base_info") == 3


async def test_oversize_batches_and_pages_are_rejected_by_shopee(
    env: ShopeeEnv, client: ShopeeClient, auth: ShopAuth
) -> None:
    ids = ",".join(str(i) for i in range(1, 52))
    with pytest.raises(BadRequestError) as exc:
        await client.call(
            "GET", "product/get_item_base_info", auth=auth, params={"item_id_list": ids},
            safe_to_repeat=True,
        )  # fmt: skip
    assert exc.value.code == "error_param"
    with pytest.raises(BadRequestError):
        await client.get_item_list(auth, page_size=101)
    with pytest.raises(BadRequestError):
        await client.call(
            "GET", "order/get_order_detail", auth=auth,
            params={"order_sn_list": ",".join(f"X{i}" for i in range(51))}, safe_to_repeat=True,
        )  # fmt: skip
    item_id, _ = env.sim.item_of(auth.shop_id, env.sim.skus(auth.shop_id)[0])
    with pytest.raises(BadRequestError, match="between 1 to 50"):
        await client.call(
            "POST", "product/update_stock", auth=auth, safe_to_repeat=True,
            body={"item_id": item_id, "stock_list": [{"model_id": i, "seller_stock": [{"stock": 1}]}
                                                     for i in range(51)]},
        )  # fmt: skip


async def test_item_id_list_accepts_repeated_and_bracketed_forms(
    env: ShopeeEnv, http: httpx.AsyncClient, client: ShopeeClient, auth: ShopAuth
) -> None:
    ids = list(env.sim.shops[auth.shop_id].items)[:3]
    repeated = await client.call(
        "GET", "product/get_item_base_info", auth=auth, params={"item_id_list": ids},
        safe_to_repeat=True,
    )  # fmt: skip
    bracketed = await client.call(
        "GET", "product/get_item_base_info", auth=auth,
        params={"item_id_list": "[" + ",".join(map(str, ids)) + "]"}, safe_to_repeat=True,
    )  # fmt: skip
    assert len(repeated.payload["item_list"]) == len(bracketed.payload["item_list"]) == 3


async def test_update_stock_success(env: ShopeeEnv, client: ShopeeClient, auth: ShopAuth) -> None:
    sku = env.sim.skus(auth.shop_id)[0]
    item_id, model_id = env.sim.item_of(auth.shop_id, sku)
    result = await client.update_stock(auth, item_id, [StockEntry(model_id, 42)])
    assert result.failure_list == []
    assert result.success_list == [{"model_id": model_id, "location_id": "", "stock": 42}]
    assert env.sim.stock_of(auth.shop_id, sku) == 42


async def test_update_stock_200_with_failure_list_is_per_model(
    env: ShopeeEnv, client: ShopeeClient, auth: ShopAuth
) -> None:
    shop = env.sim.shops[auth.shop_id]
    item = next(i for i in shop.items.values() if len(i.models) >= 2)
    ok_model, bad_model = item.models[0], item.models[1]
    env.sim.seller_set_reserved(auth.shop_id, bad_model.sku, 10)
    result = await client.update_stock(
        auth, item.item_id, [StockEntry(ok_model.model_id, 7), StockEntry(bad_model.model_id, 3)]
    )
    assert [s["model_id"] for s in result.success_list] == [ok_model.model_id]
    assert [f["model_id"] for f in result.failure_list] == [bad_model.model_id]
    assert "reserved" in result.failure_list[0]["failed_reason"]
    assert env.sim.stock_of(auth.shop_id, ok_model.sku) == 7
    # All failed: Shopee answers error_busi_update_stock_failed; the lists still come back.
    result = await client.update_stock(auth, item.item_id, [StockEntry(bad_model.model_id, 1)])
    assert result.success_list == [] and len(result.failure_list) == 1


async def test_update_stock_structure_errors(
    env: ShopeeEnv, client: ShopeeClient, auth: ShopAuth
) -> None:
    shop = env.sim.shops[auth.shop_id]
    variant_item = next(i for i in shop.items.values() if i.has_model)
    with pytest.raises(BadRequestError) as exc:
        await client.update_stock(auth, variant_item.item_id, [StockEntry(0, 5)])
    assert exc.value.code == "error_edit_item_stock_for_item_has_model"
    with pytest.raises(BadRequestError) as exc:
        await client.update_stock(auth, 1, [StockEntry(0, 5)])
    assert exc.value.code == "error_item_not_found"


async def test_update_stock_of_more_than_50_models_is_split(
    env: ShopeeEnv, client: ShopeeClient, auth: ShopAuth
) -> None:
    shop = env.sim.shops[auth.shop_id]
    models = [
        SimModel(9_000_000 + i, f"BIG-{i:02d}", f"V{i}", Decimal(1000), {"": 1}) for i in range(60)
    ]
    shop.items[777] = SimItem(777, "Besar", "", "BIG", 1, "Varian", models, 100, 0, 0)
    result = await client.update_stock(auth, 777, [StockEntry(m.model_id, 5) for m in models])
    assert len(result.success_list) == 60 and not result.failure_list
    assert calls(env, "update_stock") == 2
    assert all(m.total == 5 for m in models)


async def test_multi_warehouse_stock_needs_location(make_env, http: httpx.AsyncClient) -> None:
    env = make_env(multi_warehouse_shops=(0,))
    client = env.client(http)
    shop_id = env.shop_ids[0]
    grant = await client.get_access_token(env.sim.issue_code(shop_id), shop_id=shop_id)
    auth = ShopAuth(shop_id, grant.access_token)
    warehouses = await client.call(
        "GET", "shop/get_warehouse_detail", auth=auth, safe_to_repeat=True
    )
    assert [w["location_id"] for w in warehouses.payload] == ["IDZ", "IDJ"]
    sku = env.sim.skus(shop_id)[0]
    item_id, model_id = env.sim.item_of(shop_id, sku)
    with pytest.raises(BadRequestError) as exc:
        await client.update_stock(auth, item_id, [StockEntry(model_id, 5)])
    assert exc.value.code == "error_busi"
    result = await client.update_stock(
        auth, item_id, [StockEntry(model_id, 5, "IDZ"), StockEntry(model_id, 6, "IDJ")]
    )
    assert len(result.success_list) == 2
    assert env.sim.stock_of(shop_id, sku) == 11


async def test_update_price(env: ShopeeEnv, client: ShopeeClient, auth: ShopAuth) -> None:
    shop = env.sim.shops[auth.shop_id]
    item = next(i for i in shop.items.values() if len(i.models) >= 2)
    a, b = item.models[0], item.models[1]
    result = await client.update_price(
        auth,
        item.item_id,
        [PriceEntry(a.model_id, Decimal(99000)), PriceEntry(b.model_id, Decimal("10.5"))],
    )
    assert result.success_list == [{"model_id": a.model_id, "original_price": 99000}]
    assert result.failure_list[0]["model_id"] == b.model_id
    assert a.price == 99000


# --------------------------------------------------------------------------- orders


async def test_order_list_window_and_page_limits(
    env: ShopeeEnv, client: ShopeeClient, auth: ShopAuth
) -> None:
    now = int(env.sandbox.clock.now())
    with pytest.raises(BadRequestError) as exc:
        await client.get_order_list(auth, time_from=now - 16 * DAY, time_to=now)
    assert exc.value.code == "order.order_list_invalid_time"
    with pytest.raises(BadRequestError):
        await client.get_order_list(auth, time_from=now, time_to=now - 1)
    with pytest.raises(BadRequestError) as exc:
        await client.get_order_list(auth, time_from=now - DAY, time_to=now, page_size=101)
    assert exc.value.code == "error_param"
    page = await client.get_order_list(auth, time_from=now - 15 * DAY, time_to=now)
    assert page.orders == [] and page.next_cursor == "" and not page.more


async def test_order_list_cursor_paging_and_long_windows(
    env: ShopeeEnv, client: ShopeeClient, auth: ShopAuth
) -> None:
    sns = place_orders(env, 23, auth.shop_id)
    now = int(env.sandbox.clock.now())
    seen: list[str] = []
    cursor = ""
    while True:
        page = await client.get_order_list(
            auth, time_from=now - DAY, time_to=now + 60, page_size=10, cursor=cursor
        )
        seen += [o["order_sn"] for o in page.orders]
        assert all(o["order_status"] in ("UNPAID", "READY_TO_SHIP") for o in page.orders)
        if not page.more:
            break
        cursor = page.next_cursor
    assert sorted(seen) == sorted(sns)

    before = calls(env, "get_order_list")
    found = [
        o async for o in client.iter_order_list(auth, time_from=now - 40 * DAY, time_to=now + 60)
    ]
    assert sorted(o["order_sn"] for o in found) == sorted(sns)
    assert calls(env, "get_order_list") - before == 3  # 15 + 15 + 10 days


async def test_order_list_follows_an_order_updated_after_it_was_listed(
    env: ShopeeEnv, client: ShopeeClient, auth: ShopAuth
) -> None:
    """The emulator indexes orders by time; an order that changes must move in the index."""
    sns = place_orders(env, 5, auth.shop_id)
    now = int(env.sandbox.clock.now())
    first = await client.get_order_list(auth, time_from=now - 60, time_to=now + 1)
    assert sorted(o["order_sn"] for o in first.orders) == sorted(sns)
    env.sandbox.clock.advance(600)
    env.sim.seller_cancel_order(auth.shop_id, sns[0])
    later = int(env.sandbox.clock.now())
    old = await client.get_order_list(auth, time_from=now - 60, time_to=now + 1)
    assert sorted(o["order_sn"] for o in old.orders) == sorted(sns[1:])
    new = await client.get_order_list(auth, time_from=later - 1, time_to=later + 1)
    assert [(o["order_sn"], o["order_status"]) for o in new.orders] == [(sns[0], "CANCELLED")]


async def test_bulk_orders_with_several_lines_each(env: ShopeeEnv) -> None:
    from app.sandbox.demo import place_orders as place_bulk

    shop = env.sim.shops[env.shop_ids[0]]
    before = set(shop.orders)
    assert place_bulk(env.sandbox, 200, seed=1, max_lines=5) == 200
    new = [o for sn, o in shop.orders.items() if sn not in before]
    counts = [len(o.lines) for o in new]
    assert min(counts) == 1 and max(counts) == 5
    assert 2.5 <= sum(counts) / len(counts) <= 3.5  # ~3 lines an order
    assert all(
        len({(ln.item.item_id, ln.model.model_id) for ln in o.lines}) == len(o.lines) for o in new
    )


async def test_order_detail_optional_fields_and_batches(
    env: ShopeeEnv, client: ShopeeClient, auth: ShopAuth
) -> None:
    sns = place_orders(env, 3, auth.shop_id)
    bare = await client.get_order_detail(auth, sns[:1], optional_fields=())
    assert "item_list" not in bare[0] and "total_amount" not in bare[0]
    full = await client.get_order_detail(auth, sns)
    assert {d["order_sn"] for d in full} == set(sns)
    detail = full[0]
    assert detail["item_list"] and detail["recipient_address"]["city"]
    lines = sum(
        i["model_discounted_price"] * i["model_quantity_purchased"] for i in detail["item_list"]
    )
    assert detail["total_amount"] >= lines
    before = calls(env, "get_order_detail")
    await client.get_order_detail(auth, (sns * 30)[:75])
    assert calls(env, "get_order_detail") - before == 2
    with pytest.raises(BadRequestError) as exc:
        await client.get_order_detail(auth, ["2001019ZZZZZZZ"])
    assert exc.value.code == "error_not_found"


async def test_cancel_order_restores_stock_and_is_never_retried(
    env: ShopeeEnv, client: ShopeeClient, auth: ShopAuth
) -> None:
    sn = place_orders(env, 1, auth.shop_id)[0]
    order = env.sim.shops[auth.shop_id].orders[sn]
    line = order.lines[0]
    before = env.sim.stock_of(auth.shop_id, line.model.sku)
    env.sandbox.inject(FaultRule("server_error", endpoint="cancel_order", remaining=1))
    with pytest.raises(ServerError):
        await client.cancel_order(auth, sn, "CUSTOMER_REQUEST")
    assert calls(env, "cancel_order") == 1
    assert await client.cancel_order(auth, sn, "CUSTOMER_REQUEST") > 0
    assert order.status == "CANCELLED"
    assert env.sim.stock_of(auth.shop_id, line.model.sku) == before + line.quantity
    with pytest.raises(BadRequestError):
        await client.cancel_order(auth, sn, "CUSTOMER_REQUEST")


# --------------------------------------------------------------------------- logistics, escrow


async def test_shipping_and_documents_flow(
    env: ShopeeEnv, client: ShopeeClient, auth: ShopAuth
) -> None:
    sn = place_orders(env, 1, auth.shop_id)[0]
    env.sim.set_order_status(auth.shop_id, sn, "UNPAID")
    with pytest.raises(BadRequestError):
        await client.get_shipping_parameter(auth, sn)
    env.sim.set_order_status(auth.shop_id, sn, "READY_TO_SHIP")
    params = await client.get_shipping_parameter(auth, sn)
    assert set(params["info_needed"]) == {"pickup", "dropoff"}
    address = params["pickup"]["address_list"][0]
    assert (await client.get_tracking_number(auth, sn))["tracking_number"] == ""

    order = [{"order_sn": sn}]
    created = await client.create_shipping_document(auth, order)  # not shipped yet
    assert created[0]["fail_error"] == "logistics.package_can_not_print"

    with pytest.raises(ValueError):
        await client.ship_order(auth, sn)
    await client.ship_order(
        auth, sn, pickup={"address_id": address["address_id"],
                          "pickup_time_id": address["time_slot_list"][0]["pickup_time_id"]},
    )  # fmt: skip
    with pytest.raises(BadRequestError) as exc:
        await client.ship_order(auth, sn, dropoff={})
    assert exc.value.code == "logistics.package_already_shipped"  # arranged already
    tracking = (await client.get_tracking_number(auth, sn))["tracking_number"]
    assert tracking

    suggested = await client.get_shipping_document_parameter(auth, order)
    doc_type = suggested[0]["suggest_shipping_document_type"]
    created = await client.create_shipping_document(
        auth, [{"order_sn": sn, "tracking_number": tracking, "shipping_document_type": doc_type}]
    )
    assert "fail_error" not in created[0]
    with pytest.raises(BadRequestError) as exc:
        await client.download_shipping_document(auth, order, doc_type)
    assert exc.value.code == "logistics.download_later"
    statuses = [
        (await client.get_shipping_document_result(auth, order))[0]["status"] for _ in range(3)
    ]
    assert statuses == ["PROCESSING", "PROCESSING", "READY"]  # ready after a few polls
    doc = await client.download_shipping_document(auth, order, doc_type)
    assert doc.content_type == "application/pdf" and doc.data.startswith(b"%PDF-")
    assert tracking.encode() in doc.data


async def test_escrow_detail_is_consistent(
    env: ShopeeEnv, client: ShopeeClient, auth: ShopAuth
) -> None:
    sn = place_orders(env, 1, auth.shop_id)[0]
    env.sim.set_order_status(auth.shop_id, sn, "COMPLETED")
    escrow = await client.get_escrow_detail(auth, sn)
    inc = escrow["order_income"]
    expected = (
        inc["cost_of_goods_sold"] - inc["commission_fee"] - inc["service_fee"]
        - inc["seller_transaction_fee"] + inc["buyer_paid_shipping_fee"]
        - inc["actual_shipping_fee"] + inc["shopee_shipping_rebate"]
    )  # fmt: skip
    assert inc["escrow_amount"] == expected
    order = env.sim.shops[auth.shop_id].orders[sn]
    assert inc["cost_of_goods_sold"] == order.subtotal
    assert sum(i["quantity_purchased"] for i in inc["items"]) == sum(
        ln.quantity for ln in order.lines
    )
    with pytest.raises(BadRequestError):
        await client.get_escrow_detail(auth, "")


# --------------------------------------------------------------------------- transport faults


async def test_rate_limit_429_is_retried_then_succeeds(
    env: ShopeeEnv, client: ShopeeClient, auth: ShopAuth
) -> None:
    env.sandbox.inject(FaultRule("rate_limit", endpoint="get_shop_info", remaining=2))
    info = await client.get_shop_info(auth)
    assert info["shop_name"]
    assert calls(env, "get_shop_info") == 3
    assert [s for _, p, s in env.sandbox.request_log if p.endswith("get_shop_info")][:2] == [
        429,
        429,
    ]


async def test_sim_rate_limits_each_shop(make_env, http: httpx.AsyncClient) -> None:
    env = make_env(rate_limit_per_second=0.5, rate_limit_burst=2)
    client = env.client(http, retry=RetryPolicy(attempts=1))
    shop_id = env.shop_ids[0]
    grant = await client.get_access_token(env.sim.issue_code(shop_id), shop_id=shop_id)
    auth = ShopAuth(shop_id, grant.access_token)
    await client.get_shop_info(auth)
    await client.get_shop_info(auth)
    with pytest.raises(RateLimitedError) as exc:
        await client.get_shop_info(auth)
    assert exc.value.code == "error_rate_limit" and exc.value.http_status == 429
    env.sandbox.clock.advance(2)  # the bucket refills on the sandbox clock
    assert (await client.get_shop_info(auth))["shop_name"]


async def test_server_error_is_retried(
    env: ShopeeEnv, client: ShopeeClient, auth: ShopAuth
) -> None:
    env.sandbox.inject(FaultRule("server_error", endpoint="get_item_list", remaining=2))
    page = await client.get_item_list(auth)
    assert page.items
    env.sandbox.inject(FaultRule("server_error", endpoint="get_model_list"))
    with pytest.raises(ServerError) as exc:
        await client.get_model_list(auth, 1)
    assert exc.value.code == "error_server" and exc.value.http_status == 500
    assert calls(env, "get_model_list") == 4


async def test_timeout_is_retried_for_reads_only(env: ShopeeEnv, auth: ShopAuth) -> None:
    async with httpx.AsyncClient(timeout=httpx.Timeout(0.15, connect=1.0)) as http:
        client = env.client(http)
        env.sandbox.inject(FaultRule("timeout", endpoint="get_shop_info", delay=0.3, remaining=1))
        assert (await client.get_shop_info(auth))["shop_name"]
        rule = env.sandbox.inject(
            FaultRule("timeout", endpoint="ship_order", delay=0.3, remaining=1)
        )
        with pytest.raises(ServerError, match="timed out"):
            await client.ship_order(auth, "X", dropoff={})
    assert rule.remaining == 0
    await anyio.sleep(0.3)  # the dropped request is logged once the sandbox stops sleeping
    assert calls(env, "ship_order") == 1  # fired once, never repeated


async def test_malformed_and_truncated_json(
    env: ShopeeEnv, client: ShopeeClient, auth: ShopAuth
) -> None:
    env.sandbox.inject(FaultRule("malformed", endpoint="get_shop_info"))
    with pytest.raises(MalformedResponseError):
        await client.get_shop_info(auth)
    env.sandbox.clear_faults()
    env.sandbox.inject(FaultRule("truncated", endpoint="get_item_list"))
    with pytest.raises(MalformedResponseError):
        await client.get_item_list(auth)
    env.sandbox.clear_faults()
    env.sandbox.inject(FaultRule("truncated", endpoint="get_item_list", remaining=1))
    assert (await client.get_item_list(auth)).items  # a retry heals a one-off


async def test_injected_expired_token_fault(
    env: ShopeeEnv, client: ShopeeClient, auth: ShopAuth
) -> None:
    env.sandbox.inject(FaultRule("expired_token", endpoint="get_order_list", remaining=1))
    now = int(env.sandbox.clock.now())
    with pytest.raises(AuthExpiredError):
        await client.get_order_list(auth, time_from=now - DAY, time_to=now)


async def test_unknown_path_and_wrong_method(
    env: ShopeeEnv, client: ShopeeClient, auth: ShopAuth
) -> None:
    with pytest.raises(BadRequestError, match="request path is incorrect"):
        await client.call("GET", "product/no_such_api", auth=auth, safe_to_repeat=True)
    with pytest.raises(BadRequestError, match="request path is incorrect"):
        await client.call("POST", "shop/get_shop_info", auth=auth, safe_to_repeat=False)


# --------------------------------------------------------------------------- secrets


async def test_no_secret_reaches_logs_or_errors(
    env: ShopeeEnv, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    signs: list[str] = []

    async def capture(request: httpx.Request) -> None:
        signs.extend(parse_qs(request.url.query.decode()).get("sign", []))

    errors: list[str] = []
    async with httpx.AsyncClient(timeout=2.0, event_hooks={"request": [capture]}) as http:
        client = env.client(http)
        shop_id = env.shop_ids[0]
        code = env.sim.issue_code(shop_id)
        first = await client.get_access_token(code, shop_id=shop_id)
        grant = await client.refresh_access_token(first.refresh_token, shop_id=shop_id)
        auth = ShopAuth(shop_id, grant.access_token)
        await client.get_shop_info(auth)
        env.sandbox.inject(FaultRule("server_error", endpoint="get_item_list", remaining=1))
        await client.get_item_list(auth)
        for failing in (
            client.refresh_access_token(first.refresh_token, shop_id=shop_id),
            client.get_access_token(code, shop_id=shop_id),
            client.get_shop_info(ShopAuth(shop_id, first.access_token + "x")),
        ):
            try:
                await failing
            except Exception as exc:  # collect every message
                errors.append(f"{exc!s} {exc!r}")
        errors.append(repr(grant) + repr(auth) + repr(client))
    secrets = [
        env.sim.partner_key, code, first.access_token, first.refresh_token,
        grant.access_token, grant.refresh_token, *signs,
    ]  # fmt: skip
    assert len(signs) >= 6
    text = caplog.text + "\n".join(r.getMessage() for r in caplog.records) + "\n".join(errors)
    assert "HTTP Request" in caplog.text  # httpx's own lines were captured, and masked
    leaked = [s for s in secrets if s in text]
    assert leaked == []
