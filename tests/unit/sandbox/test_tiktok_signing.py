"""The TikTok emulator's own signature check, against vectors from reference §2.2.

Each signed string below was written out by hand from the reference's rules (query keys
except ``sign``/``access_token`` sorted, ``key+value`` without separators, path first, raw
body last unless multipart); the digests are ``HMAC_SHA256(secret, secret + string +
secret)`` computed once with a plain HMAC tool and pinned here.
"""

from __future__ import annotations

import httpx
import pytest

from app.sandbox.catalog import demo_catalog
from app.sandbox.core import Sandbox
from app.sandbox.tiktok import signing
from app.sandbox.tiktok.sim import TikTokSim

SECRET = "e59af819cc"
SEARCH_PATH = "/order/202309/orders/search"
SEARCH_QUERY = {
    "timestamp": "1623812664",
    "app_key": "29a39d",
    "shop_cipher": "ROW_abc",
    "page_token": "a+b/c=",  # signed raw, only percent-encoded on the wire
    "page_size": "10",
    "access_token": "deprecated-and-not-signed",
    "sign": "not-signed-either",
}
SEARCH_BODY = b'{"order_status":"UNPAID"}'
SEARCH_STRING = (
    b"/order/202309/orders/searchapp_key29a39dpage_size10page_tokena+b/c="
    b'shop_cipherROW_abctimestamp1623812664{"order_status":"UNPAID"}'
)
SEARCH_SIGN = "420c097b610d4c27dc3a3d07d3e3adb9c95695aa146bfb54f661a43d65c158b3"
GET_SIGN = "b596b73e0cc6de07ac26f036364178ab16b0a907af13d43f0a0cd2345f582dc8"
MULTIPART_SIGN = "2f292aaeecc6a6ce8c7240771265c3342b343f27ef91271fe72a9452d74fa844"
UTF8_SIGN = "446467d9798f1fc932ca009c247d4ded1408334e2db41b245e98a3646b178dad"
BASIC = {"app_key": "29a39d", "timestamp": "1623812664"}


def test_signed_string_follows_the_reference():
    got = signing.signed_string(SEARCH_PATH, SEARCH_QUERY, SEARCH_BODY, multipart=False)
    assert got == SEARCH_STRING


def test_known_vectors():
    assert signing.sign_matches(SECRET, SEARCH_PATH, SEARCH_QUERY, SEARCH_BODY, SEARCH_SIGN)
    assert signing.sign_matches(SECRET, "/authorization/202309/shops", BASIC, b"", GET_SIGN)
    body = '{"title":"Größe – ✓"}'.encode()
    query = {**BASIC, "shop_cipher": "ROW_abc"}
    path = "/product/202309/products/1729/prices/update"
    assert signing.sign_matches(SECRET, path, query, body, UTF8_SIGN)


def test_multipart_bodies_are_not_signed():
    path = "/product/202309/images/upload"
    body = b"--boundary\r\nbinary image bytes\r\n--boundary--"
    assert signing.sign_matches(SECRET, path, BASIC, body, MULTIPART_SIGN, multipart=True)
    assert not signing.sign_matches(SECRET, path, BASIC, body, MULTIPART_SIGN)


@pytest.mark.parametrize(
    "wrong",
    [
        SEARCH_SIGN.upper(),  # upper-case hex is refused, as on the real gateway
        GET_SIGN,  # another request's signature
        SEARCH_SIGN[:-2],
        "",
    ],
)
def test_wrong_signatures_are_refused(wrong):
    assert not signing.sign_matches(SECRET, SEARCH_PATH, SEARCH_QUERY, SEARCH_BODY, wrong)


def test_body_and_query_changes_break_the_signature():
    changed_body = SEARCH_BODY.replace(b"UNPAID", b"ON_HOLD")
    assert not signing.sign_matches(SECRET, SEARCH_PATH, SEARCH_QUERY, changed_body, SEARCH_SIGN)
    changed_query = {**SEARCH_QUERY, "page_size": "20"}
    assert not signing.sign_matches(SECRET, SEARCH_PATH, changed_query, SEARCH_BODY, SEARCH_SIGN)


def test_the_gateway_refuses_a_wrong_signature():
    sandbox = Sandbox(seed=3)
    sim = TikTokSim(sandbox, demo_catalog(3), shops=1, seed=3, options={"app_secret": SECRET})
    sandbox.add(sim)
    with sandbox:
        path = "/authorization/202309/shops"
        query = {"app_key": sim.app_key, "timestamp": str(int(sandbox.clock.now()))}
        right = signing.expected_sign(SECRET, path, query, b"", multipart=False)
        headers = {"content-type": "application/json", "x-tts-access-token": "unknown"}
        url = sandbox.base_url + path
        # a right signature gets past the check, to the (unknown) token
        passed = httpx.get(url, params={**query, "sign": right}, headers=headers)
        assert (passed.status_code, passed.json()["code"]) == (401, 36009004)
        for wrong in (right.upper(), right[::-1]):
            refused = httpx.get(url, params={**query, "sign": wrong}, headers=headers)
            assert (refused.status_code, refused.json()["code"]) == (401, 106001)
