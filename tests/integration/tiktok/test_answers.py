"""TikTok answers checked before use: ``data`` without the endpoint's list fails the call;
Retry-After is the wait; numeric error codes are shown."""

from __future__ import annotations

import httpx
import pytest

from app.core.platforms.base import IncompleteResponseError, ServerError
from app.core.platforms.http import RetryPolicy, note_retry_after, redact
from app.sandbox.core import FaultRule

pytestmark = pytest.mark.anyio


def timed(sandbox, suffix: str) -> list[tuple[float, int]]:
    return [(t, st) for t, _m, p, st in sandbox.timed_log if p.endswith(suffix)]


async def test_an_order_search_without_its_list_fails_once(authorized, shops, sandbox):
    client, _ = await authorized(shops[0])
    sandbox.inject(FaultRule("missing_fields", endpoint="/orders/search"))
    with pytest.raises(IncompleteResponseError) as info:
        await client.search_orders(update_time_ge=0)
    err = info.value
    assert err.platform == "TikTok Shop" and err.endpoint.endswith("/orders/search")
    assert err.missing == ("data.orders",)
    assert "answered without data.orders" in str(err)
    assert len(timed(sandbox, "/orders/search")) == 1  # not repeated in place


async def test_an_empty_result_that_says_so_is_still_fine(authorized, shops):
    client, _ = await authorized(shops[0])
    page = await client.search_orders(update_time_ge=2_000_000_000)  # nothing that late
    assert page.items == () and page.next_page_token is None


async def test_retry_after_two_seconds_is_the_wait(authorized, shops, sandbox):
    client, _ = await authorized(
        shops[0], retry=RetryPolicy(attempts=3, base_delay=0.01, max_delay=0.05)
    )
    sandbox.inject(FaultRule("rate_limit", endpoint="/logistics/", remaining=1, retry_after=2))
    assert await client.get_warehouses()
    (t429, s429), (t_ok, s_ok) = timed(sandbox, "/warehouses")
    assert (s429, s_ok) == (429, 200)
    assert t_ok - t429 >= 2.0, f"retried after {t_ok - t429:.2f} s"


def test_a_503_with_retry_after_waits_that_long():
    response = httpx.Response(503, headers={"Retry-After": "2"})
    err = note_retry_after(ServerError("HTTP 503: overloaded", http_status=503), response)
    assert err.retry_after == 2
    assert RetryPolicy().delay(1, err) == 2
    dated = httpx.Response(503, headers={"Retry-After": "Wed, 21 Oct 2015 07:28:00 GMT"})
    assert note_retry_after(ServerError("x"), dated).retry_after == 0  # a date in the past


async def test_numeric_error_codes_show(authorized, shops, sandbox):
    client, _ = await authorized(shops[0], retry=RetryPolicy(attempts=1))
    sandbox.inject(FaultRule("server_error", endpoint="/logistics/", remaining=1))
    with pytest.raises(ServerError) as info:
        await client.get_warehouses()
    assert "code=36009003" in redact(str(info.value))
    assert redact('{"code":36009003,"message":"Internal error"}').count("36009003") == 1
