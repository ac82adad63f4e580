"""Shopee answers checked before use: a success envelope without the endpoint's fields
fails the call; Retry-After is the wait; error codes are shown, authorization codes not."""

from __future__ import annotations

import pytest

from app.core.domain import StockUpdate
from app.core.platforms.base import IncompleteResponseError, RateLimitedError
from app.core.platforms.http import RetryPolicy, redact
from app.core.platforms.shopee import ShopeeClient
from app.core.platforms.shopee.records import ShopAuth
from app.sandbox.core import FaultRule
from tests.integration.shopee.conftest import ShopeeEnv

pytestmark = pytest.mark.anyio


def calls(env: ShopeeEnv, action: str) -> list[tuple[float, int]]:
    """(arrival time, HTTP status) of every request to ``action``."""
    return [(t, st) for t, _m, p, st in env.sandbox.timed_log if p.endswith(action)]


async def test_an_order_list_without_its_fields_fails_once_and_names_them(
    env: ShopeeEnv, client: ShopeeClient, auth: ShopAuth
) -> None:
    env.sandbox.inject(FaultRule("missing_fields", endpoint="order/get_order_list"))
    now = int(env.sandbox.clock.now())
    with pytest.raises(IncompleteResponseError) as info:
        await client.get_order_list(auth, time_from=now - 3600, time_to=now)
    err = info.value
    assert (err.platform, err.endpoint) == ("Shopee", "order/get_order_list")
    assert set(err.missing) == {"order_list", "more"}
    assert "Shopee order/get_order_list answered without order_list, more" in str(err)
    assert len(calls(env, "order/get_order_list")) == 1  # not repeated in place


async def test_an_empty_stock_answer_fails_the_push_instead_of_reading_as_refusals(
    env: ShopeeEnv, http
) -> None:
    from tests.integration.shopee.test_adapter import Tokens

    tokens = Tokens()
    adapter = env.adapter(http, tokens)
    tokens.tokens = await adapter.exchange_code(env.sim.issue_code(env.shop_ids[0]))
    listings = [x async for x in adapter.iter_listings()]
    listing = listings[0]
    env.sandbox.inject(FaultRule("missing_fields", endpoint="product/update_stock"))
    with pytest.raises(IncompleteResponseError, match="update_stock answered without"):
        await adapter.update_stock(
            [StockUpdate(listing.platform_product_id, listing.platform_variant_id, 4)]
        )
    assert len(calls(env, "product/update_stock")) == 1


async def test_retry_after_two_seconds_is_the_wait(env: ShopeeEnv, http, auth: ShopAuth) -> None:
    client = env.client(http, retry=RetryPolicy(attempts=3, base_delay=0.01, max_delay=0.05))
    env.sandbox.inject(
        FaultRule("rate_limit", endpoint="shop/get_shop_info", remaining=1, retry_after=2)
    )
    info = await client.get_shop_info(auth)
    assert info["shop_name"]
    (t429, s429), (t_ok, s_ok) = calls(env, "shop/get_shop_info")
    assert (s429, s_ok) == (429, 200)
    assert t_ok - t429 >= 2.0, f"retried after {t_ok - t429:.2f} s"


async def test_a_retry_after_past_the_call_budget_gives_up_at_once(
    env: ShopeeEnv, http, auth: ShopAuth
) -> None:
    client = env.client(http, retry=RetryPolicy(attempts=3, budget=1.0))
    env.sandbox.inject(
        FaultRule("rate_limit", endpoint="shop/get_shop_info", remaining=1, retry_after=30)
    )
    with pytest.raises(RateLimitedError) as info:
        await client.get_shop_info(auth)
    assert info.value.retry_after == 30
    assert len(calls(env, "shop/get_shop_info")) == 1


async def test_error_codes_show_and_authorization_codes_do_not(
    env: ShopeeEnv, client: ShopeeClient, auth: ShopAuth
) -> None:
    now = int(env.sandbox.clock.now())
    with pytest.raises(Exception) as info:  # a 20-day window: Shopee's own error
        await client.get_order_list(auth, time_from=now - 20 * 86400, time_to=now)
    text = redact(str(info.value))
    assert "code=order.order_list_invalid_time" in text, text
    code = env.sim.issue_code(auth.shop_id)
    url = f"https://seller.example/cb?code={code}&shop_id={auth.shop_id}"
    assert code not in redact(url) and "code=***" in redact(url)
    assert code not in redact(f'{{"code": "{code}", "partner_id": 1}}')
