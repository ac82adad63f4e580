"""The custom-store contract's error body (``{"error": {"code", "message"}}``) to our
errors (docs/custom-store-api.md, "Errors")."""

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
    """The typed error for a non-2xx answer of a custom store."""
    error = payload.get("error") if isinstance(payload, dict) else None
    if not isinstance(error, dict):
        if status >= 500:
            return ServerError(f"the website failed with HTTP {status}", http_status=status)
        if status == 429:
            return RateLimitedError("the website: too many requests", http_status=status)
        return MalformedResponseError(
            msg(
                "the website answered HTTP {status} without the StoreSync contract's error "
                "body: check the address",
                status=status,
            ),
            http_status=status,
        )
    code, text = str(error.get("code") or ""), str(error.get("message") or "")
    kw = {"code": code or None, "http_status": status}
    if status == 401:
        return ReauthorizationRequired(
            msg(
                "the website refused the API key ({detail}): ask its developer for a new key "
                "and connect again",
                detail=text or code or "401",
            ),
            **kw,
        )
    if status == 403:
        return PermissionDeniedError(text or "the website refused the call", **kw)
    if status == 429:
        return RateLimitedError(text or "the website: too many requests", **kw)
    if status >= 500:
        return ServerError(text or f"the website failed with HTTP {status}", **kw)
    return BadRequestError(text or f"the website refused the call (HTTP {status})", **kw)
