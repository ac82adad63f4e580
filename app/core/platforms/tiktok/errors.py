"""Turn TikTok Shop's ``{code, message, request_id}`` envelope into our typed errors.

TikTok signals success with ``code == 0`` whatever the HTTP status, and reuses ``36009004``
for a dozen unrelated failures, so classification looks at the message for that code and
at the code alone for the rest (reference §4.2/§4.3, pitfall 5).
"""

from __future__ import annotations

from app.core.platforms.base import (
    AuthError,
    AuthExpiredError,
    BadRequestError,
    MalformedResponseError,
    PermissionDeniedError,
    PlatformError,
    RateLimitedError,
    ReauthorizationRequired,
    ServerError,
)

RATE_LIMITED = 36009002
OVERLOADED = 36009004  # the one code with many meanings: branch on the message
EXPIRED_TOKEN = 105002

_SERVER_CODES = frozenset(
    {
        36009003,  # internal error
        36009007,  # request timeout
        10002014,  # failed to get orders (retry)
        10002015,
        10037002,
        10037003,
        10037004,
        11034037,  # shipping document still being generated
        12001000,
    }
)
_PERMISSION_CODES = frozenset(
    {
        101000,  # token does not belong to the shop_cipher's shop
        105005,  # missing scope
        10006402,  # permission denied
        36009033,  # IP not in allow list
        21008111,  # order/package belongs to another seller
        25020005,
        12052700,
    }
)
# Token-API codes: the seller has to authorize again.
_REAUTH_CODES = frozenset({36004001, 36004004, 36004005})


def classify(
    code: int,
    message: str,
    *,
    request_id: str | None,
    http_status: int | None,
    retry_after: float | None = None,
) -> PlatformError:
    """The typed error for a non-zero envelope ``code`` (message already redacted)."""
    kw = {"code": str(code), "request_id": request_id, "http_status": http_status}
    if code == RATE_LIMITED or http_status == 429:
        return RateLimitedError(message, retry_after=retry_after, **kw)
    if code == EXPIRED_TOKEN:
        return AuthExpiredError(message, **kw)
    if code in _REAUTH_CODES:
        return ReauthorizationRequired(message, **kw)
    if code == OVERLOADED:
        return _classify_overloaded(message, kw)
    if code in _PERMISSION_CODES:
        return PermissionDeniedError(message, **kw)
    if code in _SERVER_CODES or (http_status is not None and http_status >= 500):
        return ServerError(message, **kw)
    return BadRequestError(message, **kw)


def _classify_overloaded(message: str, kw: dict) -> PlatformError:
    """36009004: an unknown/invalid token is an auth problem; everything else is our bug."""
    lowered = message.lower()
    if "access_token" in lowered or "x-tts-access-token" in lowered:
        return AuthError(message, **kw)
    return BadRequestError(message, **kw)


def status_only(http_status: int, detail: str) -> PlatformError:
    """An error for a response without a readable envelope, from the HTTP status alone.

    503 is TikTok's overload protection, not a rate limit (reference §4.4).
    """
    if http_status == 429:
        return RateLimitedError(f"HTTP 429: {detail}", http_status=http_status)
    if http_status >= 500:
        return ServerError(f"HTTP {http_status}: {detail}", http_status=http_status)
    return MalformedResponseError(f"HTTP {http_status}: {detail}", http_status=http_status)
