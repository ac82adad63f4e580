"""The TikTok Shop gateway's own signature check, written from the reference (§2.2, §8).

The emulator deliberately does not reuse the client's signing code: if both sides shared
one implementation, a mistake in it would pass every integration test. The check rebuilds
the signed string from the request as received:

1. every query parameter except ``sign`` and ``access_token`` (and a stray
   ``x-tts-access-token``), with its decoded value, including empty values;
2. sorted by key in plain byte order, concatenated as ``key + value`` with no separators;
3. prefixed with the URL path (no host, no query);
4. followed by the raw body bytes unless the body is ``multipart/form-data``;
5. wrapped as ``app_secret + string + app_secret``;
6. ``HMAC_SHA256(key=app_secret)`` of that, compared with ``sign`` as lower-case hex
   (upper case is refused, as the real gateway does). The method is not signed.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Mapping

NOT_SIGNED = ("sign", "access_token", "x-tts-access-token")


def signed_string(path: str, query: Mapping[str, str], body: bytes, *, multipart: bool) -> bytes:
    """Path, sorted ``key+value`` pairs and (unless multipart) the body, before wrapping."""
    keys = sorted((k for k in query if k not in NOT_SIGNED), key=lambda k: k.encode("utf-8"))
    parts = [path.encode("utf-8")]
    parts.extend(k.encode("utf-8") + query[k].encode("utf-8") for k in keys)
    if not multipart:
        parts.append(body)
    return b"".join(parts)


def expected_sign(
    app_secret: str, path: str, query: Mapping[str, str], body: bytes, *, multipart: bool
) -> str:
    """What the gateway expects in ``sign`` for a request."""
    secret = app_secret.encode("utf-8")
    wrapped = secret + signed_string(path, query, body, multipart=multipart) + secret
    return hmac.new(secret, wrapped, hashlib.sha256).hexdigest()


def sign_matches(
    app_secret: str,
    path: str,
    query: Mapping[str, str],
    body: bytes,
    sign: str,
    *,
    multipart: bool = False,
) -> bool:
    """Whether the request's ``sign`` is right (constant time, case-sensitive)."""
    expected = expected_sign(app_secret, path, query, body, multipart=multipart)
    return hmac.compare_digest(expected.encode("ascii"), sign.encode("utf-8"))
