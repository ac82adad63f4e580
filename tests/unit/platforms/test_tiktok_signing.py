"""TikTok 202309 request signatures, checked against independently computed digests.

The expected values are built here with :mod:`hmac` straight from the reference's
description (sorted ``key+value`` pairs without ``sign``/``access_token``, path first, raw
body last, wrapped in the secret), never by calling the code under test, plus two
published SDK test vectors.
"""

from __future__ import annotations

import hashlib
import hmac
import json

from app.core.platforms.tiktok.signing import base_string, sign, verify, webhook_signature

SECRET = "e59af819cc"


def reference_sign(secret: str, wrapped_base: str) -> str:
    """HMAC-SHA256 of secret + base + secret keyed by the secret, lower-case hex."""
    key = secret.encode()
    return hmac.new(key, key + wrapped_base.encode() + key, hashlib.sha256).hexdigest()


def test_published_vector_get_authorized_shops() -> None:
    """The official guide's example, as recomputed by the Ruby SDK's tests."""
    query = {"app_key": "29a39d", "timestamp": "1623812664"}
    assert (
        base_string("/authorization/202309/shops", query)
        == b"/authorization/202309/shopsapp_key29a39dtimestamp1623812664"
    )
    assert (
        sign(SECRET, "/authorization/202309/shops", query)
        == "b596b73e0cc6de07ac26f036364178ab16b0a907af13d43f0a0cd2345f582dc8"
    )


def test_published_vector_php_sdk() -> None:
    """EcomPHP's ClientTest: GET /test-api with foo=bar and secret 'app_secret'."""
    assert (
        sign("app_secret", "/test-api", {"foo": "bar"})
        == "d3cb7fe11ecae942802ceeca67e7cf10120cc12f1517d45fbc1c8cfe5413c80f"
    )


def test_get_without_body_matches_independent_digest() -> None:
    query = {
        "timestamp": "1700000000",
        "app_key": "6abc",
        "shop_cipher": "ROW_xkMbgAAAeVAQra0eZWebFQq5aIKt",
        "ids": "576461413038785752,576461413038785753",
        "sign": "ignored",
        "access_token": "ignored-too",
    }
    expected = reference_sign(
        "s3cr3t",
        "/order/202309/orders"
        "app_key6abc"
        "ids576461413038785752,576461413038785753"
        "shop_cipherROW_xkMbgAAAeVAQra0eZWebFQq5aIKt"
        "timestamp1700000000",
    )
    got = sign("s3cr3t", "/order/202309/orders", query)
    assert got == expected
    assert len(got) == 64 and got == got.lower()


def test_post_with_json_body_signs_the_raw_bytes() -> None:
    body = json.dumps(
        {"update_time_ge": 1700000000, "update_time_lt": 1700086400}, separators=(",", ":")
    ).encode()
    query = {
        "app_key": "6abc",
        "timestamp": "1700000000",
        "shop_cipher": "ROW_abc",
        "page_size": "100",
        "page_token": "6AsPQsUMvH3Rkch/N5M1kHYc+7D1ud64MPNz5OaT",  # signed decoded
        "sort_field": "update_time",
    }
    expected = reference_sign(
        "s3cr3t",
        "/order/202309/orders/search"
        "app_key6abc"
        "page_size100"
        "page_token6AsPQsUMvH3Rkch/N5M1kHYc+7D1ud64MPNz5OaT"
        "shop_cipherROW_abc"
        "sort_fieldupdate_time"
        "timestamp1700000000" + body.decode(),
    )
    assert sign("s3cr3t", "/order/202309/orders/search", query, body) == expected


def test_body_bytes_matter_exactly() -> None:
    """Re-serialising with spaces changes the signature: sign what is sent."""
    query = {"app_key": "k", "timestamp": "1"}
    compact = b'{"a":1}'
    spaced = b'{"a": 1}'
    assert sign("x", "/p", query, compact) != sign("x", "/p", query, spaced)


def test_non_ascii_body_is_signed_as_utf8() -> None:
    body = '{"title":"Kaos Polos – ✓"}'.encode()
    expected = hmac.new(
        b"x", b"x" + b"/papp_keyktimestamp1" + body + b"x", hashlib.sha256
    ).hexdigest()
    assert sign("x", "/p", {"app_key": "k", "timestamp": "1"}, body) == expected


def test_multipart_body_is_not_signed() -> None:
    query = {"app_key": "k", "timestamp": "1"}
    assert sign("x", "/p", query, b"BYTES", multipart=True) == sign("x", "/p", query)


def test_verify_accepts_only_the_lower_case_digest() -> None:
    query = {"app_key": "k", "timestamp": "1"}
    good = sign("x", "/p", query)
    assert verify("x", "/p", query, None, good)
    assert not verify("x", "/p", query, None, good.upper())
    assert not verify("y", "/p", query, None, good)


def test_webhook_signature() -> None:
    body = b'{"type":1,"data":{"order_id":"576486316948490001"}}'
    expected = hmac.new(b"secret", b"appkey" + body, hashlib.sha256).hexdigest()
    assert webhook_signature("appkey", "secret", body) == expected
