"""TikTok Shop request signing (API version 202309 and later).

The algorithm, from the reference (§2.2): take every query parameter except ``sign`` and
``access_token``, sort by key, concatenate ``key + value`` without separators, prefix the
URL path, append the raw body bytes unless the body is multipart, wrap the whole thing in
the app secret on both sides and HMAC-SHA256 it with the app secret. The result is 64
lower-case hex characters (TikTok rejects upper case).

The emulator verifies with the same function, so client and sandbox can never disagree on
the base string while disagreeing with the spec: the unit tests pin it against digests
computed independently with :mod:`hmac`.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Mapping

# Never part of the signed string. ``x-tts-access-token`` is dropped too because one SDK
# (EcomPHP) does so when a caller puts the header name in the query by mistake.
EXCLUDED_KEYS = frozenset({"sign", "access_token", "x-tts-access-token"})


def base_string(
    path: str,
    query: Mapping[str, str],
    body: bytes | None = None,
    *,
    multipart: bool = False,
) -> bytes:
    """The unwrapped string TikTok signs: path, sorted ``key+value`` pairs, raw body.

    ``query`` holds *decoded* values exactly as sent (a ``page_token`` with ``+`` and ``/``
    is signed raw and only percent-encoded on the wire).
    """
    pairs = "".join(f"{key}{query[key]}" for key in sorted(query) if key not in EXCLUDED_KEYS)
    out = (path + pairs).encode("utf-8")
    if body and not multipart:
        out += body
    return out


def sign(
    app_secret: str,
    path: str,
    query: Mapping[str, str],
    body: bytes | None = None,
    *,
    multipart: bool = False,
) -> str:
    """The ``sign`` query value for a request: 64 lower-case hex characters."""
    key = app_secret.encode("utf-8")
    message = key + base_string(path, query, body, multipart=multipart) + key
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def verify(
    app_secret: str,
    path: str,
    query: Mapping[str, str],
    body: bytes | None,
    signature: str,
    *,
    multipart: bool = False,
) -> bool:
    """Whether ``signature`` is the correct sign for the request (constant-time compare).

    Upper-case hex does not verify, as on the real gateway.
    """
    expected = sign(app_secret, path, query, body, multipart=multipart)
    return hmac.compare_digest(expected, signature)


def webhook_signature(app_key: str, app_secret: str, raw_body: bytes) -> str:
    """The ``Authorization`` header TikTok puts on webhook deliveries (§2.3).

    No path and no secret wrapping: ``HMAC_SHA256(app_secret, app_key + raw_body)``.
    """
    message = app_key.encode("utf-8") + raw_body
    return hmac.new(app_secret.encode("utf-8"), message, hashlib.sha256).hexdigest()
