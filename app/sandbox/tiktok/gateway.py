"""The TikTok Shop gateway: envelope, request checks, QPS, paging and body helpers.

Signed endpoints are wrapped with :meth:`Gateway.shop_scoped` (needs ``shop_cipher``) or
:meth:`Gateway.global_api` (must not carry it); the wrapper runs the reference's
verification order (§8): app_key, missing sign, timestamp window on the sandbox clock,
signature (the emulator's own :mod:`~app.sandbox.tiktok.signing`), token, expiry,
shop_cipher rules, token/shop match, QPS per (shop, API). Handlers return the ``data`` of
the ``{"code", "message", "request_id", "data"}`` envelope or raise :class:`ApiError`.
"""

from __future__ import annotations

import base64
import json
import os
import re
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from app.sandbox.core import Request, Response, Route
from app.sandbox.tiktok import signing
from app.sandbox.tiktok.state import (
    MSG_APP_KEY,
    MSG_CIPHER_FORBIDDEN,
    MSG_EXPIRED,
    MSG_MISMATCH,
    MSG_NO_CIPHER,
    MSG_NO_SIGN,
    MSG_PARAM,
    MSG_QPS,
    MSG_SIGN,
    MSG_TOKEN,
    MSG_TS_FUTURE,
    MSG_TS_NEG,
    MSG_TS_OLD,
    ApiError,
    Grant,
    Order,
    Shop,
    TikTokState,
    V,
)


@dataclass
class Ctx:
    """What the gateway established for a request."""

    grant: Grant
    shop: Shop | None


class Gateway:
    """The checks and envelope every TikTok endpoint shares (one per emulator)."""

    def __init__(self, state: TikTokState) -> None:
        self.st = state
        self.routes: list[Route] = []  # every route, set once the emulator is composed
        self.patterns: list[tuple[re.Pattern[str], str]] | None = None

    def request_id(self) -> str:
        """``YYYYMMDDhhmmss`` (UTC, sandbox clock) + 20 upper-case hex, like TikTok's."""
        stamp = datetime.fromtimestamp(self.st.clock.now(), UTC).strftime("%Y%m%d%H%M%S")
        return stamp + os.urandom(10).hex().upper()

    def ok(self, data: Any, message: str = "Success") -> Response:
        return Response.json(
            {"code": 0, "message": message, "request_id": self.request_id(), "data": data}
        )

    def error(self, code: int, message: str, status: int, **headers: str) -> Response:
        payload = {"code": code, "message": message, "request_id": self.request_id(), "data": None}
        return Response.json(payload, status=status, **headers)

    def rate_limited(self) -> Response:
        after = self.st.options["retry_after"]
        headers = {} if after is None else {"Retry-After": str(after)}
        return self.error(36009002, MSG_QPS, 429, **headers)

    def is_other_version(self, path: str) -> bool:
        """A known endpoint asked for with another version segment (-> 36009014)."""
        parts = path.split("/")
        if len(parts) < 3 or not parts[2].isdigit() or parts[2] == V:
            return False
        candidate = "/".join([*parts[:2], V, *parts[3:]])
        return any(route.compile().match(candidate) for route in self.routes)

    def global_api(self, handler: Callable[[Request, Ctx], Any]) -> Callable[[Request], Response]:
        """A signed endpoint that must NOT carry shop_cipher (authorization/seller)."""
        return lambda req: self.gateway(req, handler, shop_scoped=False)

    def shop_scoped(self, handler: Callable[[Request, Ctx], Any]) -> Callable[[Request], Response]:
        """A signed endpoint that needs shop_cipher."""
        return lambda req: self.gateway(req, handler, shop_scoped=True)

    def gateway(
        self, req: Request, handler: Callable[[Request, Ctx], Any], *, shop_scoped: bool
    ) -> Response:
        try:
            ctx = self.check(req, shop_scoped=shop_scoped)
            if isinstance(ctx, Response):
                return ctx
            return self.ok(handler(req, ctx))
        except ApiError as err:
            return self.error(err.code, err.message, err.status)

    def check(self, req: Request, *, shop_scoped: bool) -> Ctx | Response:
        """The reference's verification order (§8); the first failure answers."""
        q = req.query
        if q.get("app_key") != self.st.app_key:
            raise ApiError(36009004, MSG_APP_KEY, 400)
        if not q.get("sign"):
            raise ApiError(36009004, MSG_NO_SIGN, 401)
        self.check_timestamp(q.get("timestamp", ""))
        multipart = req.headers.get("content-type", "").lower().startswith("multipart/form-data")
        if not signing.sign_matches(
            self.st.app_secret, req.path, q, req.body, q["sign"], multipart=multipart
        ):
            raise ApiError(106001, MSG_SIGN, 401)
        grant = self.st.access.get(req.headers.get("x-tts-access-token", ""))
        if grant is None:
            raise ApiError(36009004, MSG_TOKEN, 401)
        if self.st.clock.now() >= grant.access_expires:
            raise ApiError(105002, MSG_EXPIRED, int(self.st.options["expired_token_status"]))
        cipher = q.get("shop_cipher")
        if shop_scoped and not cipher:
            raise ApiError(106013, MSG_NO_CIPHER, 400)
        if not shop_scoped and cipher:
            raise ApiError(36009004, MSG_CIPHER_FORBIDDEN, 400)
        shop = None
        if cipher:
            shop = next((s for s in self.st.shops.values() if s.cipher == cipher), None)
            if shop is None or shop.id not in grant.shop_ids:
                raise ApiError(101000, MSG_MISMATCH, 401)
        if not self.within_qps(shop.id if shop else grant.open_id, req.path):
            return self.rate_limited()
        return Ctx(grant=grant, shop=shop)

    def check_timestamp(self, raw: str) -> None:
        try:
            ts = int(raw)
        except ValueError:
            raise ApiError(36009004, MSG_TS_NEG, 400) from None
        now = self.st.clock.now()
        if ts < 0:
            raise ApiError(36009004, MSG_TS_NEG, 400)
        if ts < now - float(self.st.options["timestamp_past"]):
            raise ApiError(36009004, MSG_TS_OLD, 400)
        if ts > now + float(self.st.options["timestamp_future"]):
            raise ApiError(36009004, MSG_TS_FUTURE, 400)

    def within_qps(self, who: str, path: str) -> bool:
        """Sliding one-second window per (shop, API), real time."""
        api = self.api_name(path)
        window = self.st.hits.setdefault((who, api), deque())
        now = time.monotonic()
        while window and window[0] <= now - 1.0:
            window.popleft()
        if len(window) >= int(self.st.options["qps"]):
            return False
        window.append(now)
        return True

    def api_name(self, path: str) -> str:
        """The route template a path belongs to (path ids collapse into one API)."""
        if self.patterns is None:
            self.patterns = [(r.compile(), r.path) for r in self.routes]
        return next((name for pattern, name in self.patterns if pattern.match(path)), path)

    def business(self, code: int, message: str) -> ApiError:
        return ApiError(code, message, int(self.st.options["business_error_status"]))

    def page_size(self, req: Request, limit: int, default: int | None = None) -> int:
        raw = req.query.get("page_size")
        if raw is None and default is not None:
            return default
        try:
            size = int(raw or "")
        except ValueError:
            raise ApiError(36009004, f"{MSG_PARAM}: page_size is required", 400) from None
        if not 1 <= size <= limit:
            raise ApiError(36009004, f"{MSG_PARAM}: page_size must be in [1, {limit}]", 400)
        return size

    @staticmethod
    def body(req: Request) -> dict[str, Any]:
        try:
            body = req.json()
        except ValueError:
            raise ApiError(36009004, f"{MSG_PARAM}: body is not JSON", 400) from None
        if body is None:
            return {}
        if not isinstance(body, dict):
            raise ApiError(36009004, f"{MSG_PARAM}: body must be an object", 400)
        return body

    @staticmethod
    def fingerprint(req: Request, body: dict[str, Any]) -> str:
        """Filters and sort a page token is bound to (they must not change between pages)."""
        keep = {k: v for k, v in req.query.items() if k in ("sort_field", "sort_order")}
        return json.dumps([req.path, keep, body], sort_keys=True)

    def offset(self, req: Request, shop: Shop, body: dict[str, Any]) -> int:
        token = req.query.get("page_token")
        if not token:
            return 0
        found = self.st.page_tokens.get(token)
        if found is None or found[0] != shop.id or found[1] != self.fingerprint(req, body):
            raise ApiError(36009004, f"{MSG_PARAM}: page_token is invalid", 400)
        return found[2]

    def next_token(
        self, req: Request, shop: Shop, body: dict[str, Any], offset: int, total: int
    ) -> str:
        """An opaque token holding ``+`` and ``/`` (clients must encode them); "" at the end."""
        if offset >= total:
            return ""
        while True:
            token = base64.b64encode(os.urandom(45)).decode()
            if "+" in token and "/" in token:
                break
        self.st.page_tokens[token] = (shop.id, self.fingerprint(req, body), offset)
        return token

    def order_of(self, shop: Shop, order_id: str) -> Order:
        order = shop.orders.get(order_id)
        if order is None:
            raise self.business(
                21008111, "The order or package does not belong to the current seller."
            )
        return order


def ctx_shop(ctx: Ctx) -> Shop:
    assert ctx.shop is not None  # shop-scoped routes always resolve a shop
    return ctx.shop


def in_range(value: int, filters: dict[str, Any], name: str, inclusive_upper: bool) -> bool:
    """``name_ge`` inclusive; upper bound ``name_le`` (products) or ``name_lt`` (orders)."""
    lower = filters.get(f"{name}_ge")
    upper = filters.get(f"{name}_le" if inclusive_upper else f"{name}_lt")
    if lower not in (None, "") and value < int(lower):
        return False
    if upper not in (None, ""):
        return value <= int(upper) if inclusive_upper else value < int(upper)
    return True
