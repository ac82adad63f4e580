"""WooCommerce's error envelope (``{"code", "message", "data": {"status"}}``) to our errors.

WordPress answers every REST failure with that envelope and an HTTP status; the code names
the cause (``woocommerce_rest_authentication_error``, ``rest_no_route``, ...).
"""

from __future__ import annotations

from typing import Any

from app.core.platforms.base import (
    BadRequestError,
    MalformedResponseError,
    PermissionDeniedError,
    PlatformError,
    RateLimitedError,
    ReauthorizationRequired,
    ServerError,
)
from app.core.text import msg


def classify(status: int, payload: Any) -> PlatformError:
    """The typed error for a non-2xx WooCommerce answer."""
    code = message = ""
    if isinstance(payload, dict):
        code = str(payload.get("code") or "")
        message = str(payload.get("message") or "")
    elif status < 500 and status != 429:
        return MalformedResponseError(
            msg(
                "the website answered HTTP {status} without WooCommerce's error body: check "
                "the shop address",
                status=status,
            ),
            http_status=status,
        )
    kw = {"code": code or None, "http_status": status}
    if status == 401:
        return ReauthorizationRequired(
            msg(
                "WooCommerce refused the keys ({detail}): create a new key pair in WooCommerce "
                "→ Settings → Advanced → REST API and connect again",
                detail=message or code or "401",
            ),
            **kw,
        )
    if status == 403:
        return PermissionDeniedError(
            msg(
                "WooCommerce refused the call ({detail}): give the key Read/Write permission",
                detail=message or code or "403",
            ),
            **kw,
        )
    if status == 404 and code == "rest_no_route":
        return BadRequestError(
            msg(
                "this site has no WooCommerce REST API at that address: check the address and "
                "that WooCommerce is active with pretty permalinks"
            ),
            **kw,
        )
    if status == 429:
        return RateLimitedError(message or "WooCommerce: too many requests", **kw)
    if status >= 500:
        return ServerError(message or f"WooCommerce failed with HTTP {status}", **kw)
    return BadRequestError(message or f"WooCommerce refused the call (HTTP {status})", **kw)
