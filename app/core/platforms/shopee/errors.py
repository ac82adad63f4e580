"""Shopee's error codes mapped to our typed errors (reference §4.2, §4.3).

Shopee answers most failures with HTTP 200 and a non-empty ``error`` string, often prefixed
by a module (``order.order_list_invalid_time``, ``common.error_auth``), so codes are matched
on their last dotted segment, and a few generic codes (``error_auth``) need the message too.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from app.core.platforms.base import (
    AuthExpiredError,
    BadRequestError,
    PermissionDeniedError,
    PlatformError,
    RateLimitedError,
    ReauthorizationRequired,
    ServerError,
)


class DailyQuotaExceeded(RateLimitedError):
    """``error_limit``: the app's daily call quota is used up until 00:00 UTC+8.

    Not retried in place: ``retry_after`` is usually hours, far beyond any sensible back-off;
    the engine should park the store until then.
    """

    retryable = False


_SERVER_CODES = frozenset(
    {"error_server", "error_inner", "error_system_busy", "error_network", "error_busy"}
)
_EXPIRED_TOKEN_CODES = frozenset({"invalid_acceess_token", "invalid_access_token"})
_REAUTH_CODES = frozenset(
    {
        "refresh_token_expired",
        "error_shop_refresh_token",
        "error_merchant_refresh_token",
        "shop_access_expired",
        "shop_no_linked",
        "invalid_code",
        "invalid_shop_id",
        "invalid_main_acount_id",
    }
)
_PERMISSION_CODES = frozenset(
    {
        # error_sign also means "test key on the production host" or a wrong partner key:
        # a credentials problem the seller must fix, never something to retry.
        "error_sign",
        "invalid_partner_id",
        "partner_shop_no_link",
        "shop_banned",
        "error_permission",
        "error_api_permission",
        "error_api_call_restricted",
        "error_kyc_auth",
        "error_ashop_api_permission",
        "source_ip_undeclared",
        "error_partner_key_expired",
        "api_suspended",
        "error_not_in_whitelist",
    }
)

_SHOPEE_TZ = timezone(timedelta(hours=8))  # daily quota resets at 00:00 UTC+8


def short_code(code: str) -> str:
    """``"product.error_param"`` -> ``"error_param"``; codes are matched on the last segment."""
    return code.rsplit(".", 1)[-1].strip()


def seconds_until_quota_reset(now: datetime | None = None) -> float:
    """Seconds until the next 00:00 in UTC+8, when ``error_limit`` quotas reset."""
    now = (now or datetime.now(UTC)).astimezone(_SHOPEE_TZ)
    midnight = (now + timedelta(days=1)).replace(hour=0, minute=0, second=0, microsecond=0)
    return (midnight - now).total_seconds()


def _error_auth_class(message: str) -> type[PlatformError]:
    """``error_auth`` covers several unrelated failures; the message tells which."""
    text = message.lower()
    if "system error" in text:
        return ServerError
    if "refresh_token" in text or "refresh token" in text or "invalid code" in text:
        return ReauthorizationRequired
    if "access_token" in text or "access token" in text:
        return AuthExpiredError
    if "partner_id" in text or "shopid" in text or "shop_id" in text or "permission" in text:
        return PermissionDeniedError
    # The rest are business rules that happen to use error_auth ("Total stock must be more
    # than reserved stock.", "Lack of location_id ..."): bad data, not bad credentials.
    return BadRequestError


def error_for(
    code: str,
    message: str,
    *,
    request_id: str | None,
    http_status: int | None,
    retry_after: float | None = None,
) -> PlatformError:
    """The typed error for a Shopee ``error`` code (message already redacted)."""
    short = short_code(code)
    kw = {"code": code, "request_id": request_id, "http_status": http_status}
    text = message or code
    if short == "error_limit":
        return DailyQuotaExceeded(text, retry_after=seconds_until_quota_reset(), **kw)
    if short == "error_rate_limit" or http_status == 429:
        return RateLimitedError(text, retry_after=retry_after, **kw)
    if short in _SERVER_CODES:
        return ServerError(text, **kw)
    if short in _EXPIRED_TOKEN_CODES:
        return AuthExpiredError(text, **kw)
    if short in _REAUTH_CODES:
        return ReauthorizationRequired(text, **kw)
    if short in _PERMISSION_CODES:
        return PermissionDeniedError(text, **kw)
    if short == "error_auth":
        return _error_auth_class(message)(text, **kw)
    if http_status is not None and http_status >= 500:
        return ServerError(text, **kw)
    return BadRequestError(text, **kw)
