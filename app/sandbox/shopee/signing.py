"""The Shopee gateway's own signature check, written from the reference (§2.4).

The emulator deliberately does not reuse the client's signing code: if both sides shared
one implementation, a mistake in it would pass every integration test. The rules, as the
reference states them:

- ``sign = lowercase_hex(HMAC_SHA256(key=partner_key, msg=base_string))``;
- the base string is a plain concatenation with no separators, in this order:
  Public APIs (token calls, the ``auth_partner`` link): ``partner_id + api_path + timestamp``;
  Shop APIs: ``partner_id + api_path + timestamp + access_token + shop_id``;
- ``api_path`` is the URL path only (``/api/v2/...``), integers are plain decimal;
- the key is the UTF-8 bytes of the partner key string, never hex-decoded;
- the token endpoints are Public even though their body carries ``shop_id``.

Only lower-case hex verifies (the reference gives ``sign`` as 64 lower-case hex chars).
"""

from __future__ import annotations

import hashlib
import hmac


def public_base(partner_id: int, api_path: str, timestamp: int) -> bytes:
    """The message of a Public API signature."""
    return b"%d%s%d" % (partner_id, api_path.encode("utf-8"), timestamp)


def shop_base(
    partner_id: int, api_path: str, timestamp: int, access_token: str, shop_id: int
) -> bytes:
    """The message of a Shop API signature."""
    return public_base(partner_id, api_path, timestamp) + b"%s%d" % (
        access_token.encode("utf-8"),
        shop_id,
    )


def expected_sign(partner_key: str, message: bytes) -> str:
    """What the gateway expects in ``sign`` for a base string."""
    return hmac.new(partner_key.encode("utf-8"), message, hashlib.sha256).hexdigest()


def sign_matches(partner_key: str, message: bytes, sign: str) -> bool:
    """Whether ``sign`` is the right signature of ``message`` (constant time, case-sensitive)."""
    return hmac.compare_digest(
        expected_sign(partner_key, message).encode("ascii"), sign.encode("utf-8")
    )
