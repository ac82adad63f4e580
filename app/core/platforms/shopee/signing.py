"""Shopee Open Platform v2 request signatures (reference §2.4).

``sign = lowercase_hex(HMAC_SHA256(key=partner_key, msg=base_string))`` where the base string
is a plain concatenation without separators:

- Public APIs (token calls, ``auth_partner`` link, push config): ``partner_id + path + timestamp``
- Shop APIs: ``partner_id + path + timestamp + access_token + shop_id``
- Merchant APIs: ``partner_id + path + timestamp + access_token + merchant_id``

The partner key is used as the UTF-8 bytes of the string shown in the console, never
hex-decoded, and the digest is always 64 hex characters (the official Java demo drops
leading zeros; ``hexdigest`` never does).
"""

from __future__ import annotations

import hashlib
import hmac


def base_string(
    partner_id: int | str,
    path: str,
    timestamp: int,
    access_token: str = "",
    entity_id: int | str | None = None,
) -> str:
    """The string Shopee signs. ``entity_id`` is the shop_id or merchant_id (none for public)."""
    if (access_token == "") != (entity_id is None):
        raise ValueError("access_token and shop/merchant id go together (or neither, for public)")
    tail = "" if entity_id is None else f"{access_token}{int(entity_id)}"
    return f"{int(partner_id)}{path}{int(timestamp)}{tail}"


def _hmac_hex(partner_key: str, message: str) -> str:
    return hmac.new(partner_key.encode(), message.encode(), hashlib.sha256).hexdigest()


def sign_public(partner_key: str, partner_id: int | str, path: str, timestamp: int) -> str:
    """Signature for a Public API call (no access token, no shop id)."""
    return _hmac_hex(partner_key, base_string(partner_id, path, timestamp))


def sign_shop(
    partner_key: str,
    partner_id: int | str,
    path: str,
    timestamp: int,
    access_token: str,
    shop_id: int | str,
) -> str:
    """Signature for a Shop API call."""
    return _hmac_hex(partner_key, base_string(partner_id, path, timestamp, access_token, shop_id))


def sign_merchant(
    partner_key: str,
    partner_id: int | str,
    path: str,
    timestamp: int,
    access_token: str,
    merchant_id: int | str,
) -> str:
    """Signature for a Merchant API call (cross-border ``merchant/*``, ``global_product/*``)."""
    return _hmac_hex(
        partner_key, base_string(partner_id, path, timestamp, access_token, merchant_id)
    )


def signatures_equal(a: str, b: str) -> bool:
    """Constant-time comparison, for the emulator's gateway check."""
    return hmac.compare_digest(a.encode(), b.encode())
