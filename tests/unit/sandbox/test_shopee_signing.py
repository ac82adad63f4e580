"""The Shopee emulator's own signature check, against vectors from reference §2.4.

The base strings are the reference's worked example (S-G16) verbatim; the digests were
computed once with a plain HMAC-SHA256 tool over those strings with the key below (used as
its UTF-8 bytes, not hex-decoded) and are pinned here, so neither the client's signing
code nor the emulator's can drift without a test failing.
"""

from __future__ import annotations

import httpx
import pytest

from app.sandbox.catalog import demo_catalog
from app.sandbox.core import Sandbox
from app.sandbox.shopee import signing
from app.sandbox.shopee.sim import ShopeeSim

KEY = "shpk0123456789abcdef0123456789abcdef0123456789abcdef0123456789ab"
SHOP_BASE = b"2001887/api/v2/shop/get_shop_info165571443159777174636562737266615546704c6d14701711"
PUBLIC_BASE = b"2001887/api/v2/public/get_shops_by_partner1655714431"
SHOP_SIGN = "1101b47923b1db54b84594e80e99346fec6dcc38e91eefa04dbcd6d344c76bb7"
PUBLIC_SIGN = "b1dd90ec072eaafbe712f932d1980ac897a0095f33c1cef2b59017ba64d422a5"
TOKEN_SIGN = "bd390eac568974dc3d463bbab0e323099802d6a226d73b8579e7225f431c6ad2"


def test_base_strings_are_the_references_worked_example():
    assert signing.public_base(2001887, "/api/v2/public/get_shops_by_partner", 1655714431) == (
        PUBLIC_BASE
    )
    assert (
        signing.shop_base(
            2001887,
            "/api/v2/shop/get_shop_info",
            1655714431,
            "59777174636562737266615546704c6d",
            14701711,
        )
        == SHOP_BASE
    )


def test_known_vectors_verify():
    assert signing.expected_sign(KEY, SHOP_BASE) == SHOP_SIGN
    assert signing.expected_sign(KEY, PUBLIC_BASE) == PUBLIC_SIGN
    assert signing.sign_matches(KEY, SHOP_BASE, SHOP_SIGN)
    assert signing.sign_matches(KEY, PUBLIC_BASE, PUBLIC_SIGN)


def test_token_calls_are_public_without_shop_id():
    base = signing.public_base(2001887, "/api/v2/auth/token/get", 1655714431)
    assert base == b"2001887/api/v2/auth/token/get1655714431"
    assert signing.expected_sign(KEY, base) == TOKEN_SIGN


@pytest.mark.parametrize(
    "wrong",
    [
        SHOP_SIGN.upper(),  # the reference gives lower-case hex only
        PUBLIC_SIGN,  # the signature of another base string
        SHOP_SIGN[:-1],  # truncated
        "",
    ],
)
def test_wrong_signatures_are_refused(wrong):
    assert not signing.sign_matches(KEY, SHOP_BASE, wrong)


def test_key_is_used_as_text_not_hex_decoded():
    import hashlib
    import hmac

    hex_decoded = hmac.new(bytes.fromhex(KEY[4:]), SHOP_BASE, hashlib.sha256).hexdigest()
    assert not signing.sign_matches(KEY, SHOP_BASE, hex_decoded)


def test_the_gateway_refuses_a_wrong_signature():
    sandbox = Sandbox(seed=3)
    sim = ShopeeSim(sandbox, demo_catalog(3), shops=1, seed=3, options={"partner_key": KEY})
    sandbox.add(sim)
    with sandbox:
        ts = int(sandbox.clock.now())
        path = "/api/v2/public/get_shops_by_partner"
        right = signing.expected_sign(KEY, signing.public_base(sim.partner_id, path, ts))
        url = sandbox.base_url + path
        query = {"partner_id": sim.partner_id, "timestamp": ts}
        ok = httpx.get(url, params={**query, "sign": right}).json()
        assert ok["error"] == ""
        for wrong in (right.upper(), right[::-1]):
            refused = httpx.get(url, params={**query, "sign": wrong}).json()
            assert (refused["error"], refused["message"]) == ("error_sign", "Wrong sign.")
