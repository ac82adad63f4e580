"""Shopee v2 signatures against digests computed independently from the reference's base strings."""

from __future__ import annotations

import hashlib
import hmac
import re

import pytest

from app.core.platforms.shopee import signing

KEY = "shpk" + "4d6f636b" * 7 + "4d6f"  # looks like a live key: "shpk" + 60 hex characters

# The official worked example (reference §2.4, guide 16): inputs and the base strings it prints.
PARTNER_ID = 2001887
TIMESTAMP = 1655714431
SHOP_TOKEN = "59777174636562737266615546704c6d"
MERCHANT_TOKEN = "09777174636962737266615546704c6d"
SHOP_BASE = "2001887/api/v2/shop/get_shop_info165571443159777174636562737266615546704c6d14701711"
MERCHANT_BASE = (
    "2001887/api/v2/global_product/get_category165571443109777174636962737266615546704c6d1000000"
)
PUBLIC_BASE = "2001887/api/v2/public/get_shops_by_partner1655714431"


def reference_hmac(key: str, base: str) -> str:
    """HMAC-SHA256 over the literal base string, written out independently of the module."""
    return hmac.new(key.encode("utf-8"), base.encode("utf-8"), hashlib.sha256).hexdigest()


def test_base_strings_match_the_official_example() -> None:
    assert (
        signing.base_string(
            PARTNER_ID, "/api/v2/shop/get_shop_info", TIMESTAMP, SHOP_TOKEN, 14701711
        )
        == SHOP_BASE
    )
    assert (
        signing.base_string(
            PARTNER_ID, "/api/v2/global_product/get_category", TIMESTAMP, MERCHANT_TOKEN, 1000000
        )
        == MERCHANT_BASE
    )
    assert signing.base_string(PARTNER_ID, "/api/v2/public/get_shops_by_partner", TIMESTAMP) == (
        PUBLIC_BASE
    )


def test_shop_sign() -> None:
    got = signing.sign_shop(
        KEY, PARTNER_ID, "/api/v2/shop/get_shop_info", TIMESTAMP, SHOP_TOKEN, 14701711
    )
    assert got == reference_hmac(KEY, SHOP_BASE)


def test_merchant_sign() -> None:
    got = signing.sign_merchant(
        KEY, PARTNER_ID, "/api/v2/global_product/get_category", TIMESTAMP, MERCHANT_TOKEN, 1000000
    )
    assert got == reference_hmac(KEY, MERCHANT_BASE)


def test_public_sign() -> None:
    got = signing.sign_public(KEY, PARTNER_ID, "/api/v2/public/get_shops_by_partner", TIMESTAMP)
    assert got == reference_hmac(KEY, PUBLIC_BASE)


def test_token_calls_are_public_even_with_a_shop_in_the_body() -> None:
    # /auth/token/get and /auth/access_token/get sign partner_id + path + timestamp only.
    got = signing.sign_public(KEY, "2001887", "/api/v2/auth/access_token/get", TIMESTAMP)
    assert got == reference_hmac(KEY, "2001887/api/v2/auth/access_token/get1655714431")


def test_auth_partner_link_sign() -> None:
    got = signing.sign_public(KEY, 1000016, "/api/v2/shop/auth_partner", 1657254106)
    assert got == reference_hmac(KEY, "1000016/api/v2/shop/auth_partner1657254106")


def test_partner_key_is_used_as_text_not_hex_decoded() -> None:
    hex_key = "a1" * 32  # an old-style key that looks like hex
    got = signing.sign_public(hex_key, PARTNER_ID, "/api/v2/public/get_shops_by_partner", TIMESTAMP)
    assert got == reference_hmac(hex_key, PUBLIC_BASE)
    decoded = hmac.new(bytes.fromhex(hex_key), PUBLIC_BASE.encode(), hashlib.sha256).hexdigest()
    assert got != decoded


def test_always_64_lowercase_hex_even_with_leading_zeros() -> None:
    leading_zero = 0
    for ts in range(TIMESTAMP, TIMESTAMP + 200):
        sign = signing.sign_public(KEY, PARTNER_ID, "/api/v2/auth/token/get", ts)
        assert re.fullmatch(r"[0-9a-f]{64}", sign)
        leading_zero += sign.startswith("0")
    assert leading_zero > 0  # the case the official Java demo gets wrong was exercised


def test_token_and_id_go_together() -> None:
    with pytest.raises(ValueError):
        signing.base_string(PARTNER_ID, "/api/v2/shop/get_shop_info", TIMESTAMP, SHOP_TOKEN)
    with pytest.raises(ValueError):
        signing.base_string(PARTNER_ID, "/api/v2/shop/get_shop_info", TIMESTAMP, "", 14701711)


def test_signatures_equal() -> None:
    assert signing.signatures_equal("ab" * 32, "ab" * 32)
    assert not signing.signatures_equal("ab" * 32, "ac" * 32)
