"""A thin, typed async client for the Shopee Open Platform API v2.

One client per connected store (it owns that store's rate limiter); the ``httpx.AsyncClient``
is injected and shared, the engine loop owns it. Every call:

1. waits for the store's :class:`~app.core.platforms.http.TokenBucket`,
2. signs with a fresh timestamp (so a retry after a long back-off is not "Timestamp is expired"),
3. parses the envelope on *every* response whatever the HTTP status (Shopee sends most errors
   with HTTP 200) into a typed :class:`~app.core.platforms.base.PlatformError`,
4. is retried with back-off and jitter only when it is safe to repeat: reads, and absolute
   updates (stock, price). Token exchange, ship and cancel are never repeated automatically.

Secrets (partner key, sign, tokens, code) never reach a log line or an exception: we log the
path only, and every server message is passed through :func:`redact`.
"""

from __future__ import annotations

import logging
import time
from collections.abc import AsyncIterator, Callable, Iterable, Mapping, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any, Literal
from urllib.parse import urlencode, urlsplit, urlunsplit

import httpx

from app.core.domain import AppCredentials, Endpoints
from app.core.platforms.base import (
    IncompleteResponseError,
    MalformedResponseError,
    PlatformError,
    RateLimitedError,
    ServerError,
    require_fields,
)
from app.core.platforms.http import (
    RedactingFilter,
    RetryPolicy,
    TokenBucket,
    note_retry_after,
    redact,
    with_retries,
)
from app.core.platforms.shopee import signing
from app.core.platforms.shopee.errors import error_for
from app.core.platforms.shopee.logistics import LogisticsCalls
from app.core.platforms.shopee.records import (
    MAX_ITEM_IDS,
    MAX_ORDER_SNS,
    MAX_ORDER_WINDOW_SECONDS,
    MAX_PAGE_SIZE,
    MAX_PRICE_MODELS,
    MAX_STOCK_MODELS,
    BatchResult,
    Document,
    Envelope,
    ItemPage,
    OrderListPage,
    PriceEntry,
    ShopAuth,
    StockEntry,
    TokenGrant,
    chunked,
    money_json,
)

log = logging.getLogger(__name__)

PRODUCTION_URL = "https://partner.shopeemobile.com"
SANDBOX_URL = "https://openplatform.sandbox.test-stable.shopee.sg"
PORTAL_AUTH_URL = "https://open.shopee.com/auth"
API_PREFIX = "/api/v2"


# [U] Shopee publishes no per-endpoint rate limits (reference §4.4: every doc page says
# [0,0,0]; ~1000 req/min per app is anecdotal). 10 req/s with a burst of 10 per store is well
# inside that; pass your own ``limiter`` when the console shows the app's real numbers.
DEFAULT_RATE_PER_SECOND = 10.0
DEFAULT_BURST = 10.0
# [U] No Retry-After header is documented, so after a 429 the store's bucket pauses this long.
DEFAULT_RATE_LIMIT_PAUSE = 1.0

# Fields get_order_detail omits unless asked for (reference §5.11, §7 item 11).
ORDER_DETAIL_FIELDS = (
    "buyer_user_id",
    "buyer_username",
    "recipient_address",
    "item_list",
    "pay_time",
    "package_list",
    "shipping_carrier",
    "payment_method",
    "total_amount",
    "estimated_shipping_fee",
    "actual_shipping_fee",
    "cancel_by",
    "cancel_reason",
    "buyer_cancel_reason",
    "pickup_done_time",
    "note",
)

_ENVELOPE_KEYS = frozenset({"request_id", "error", "message", "warning", "response"})
ApiType = Literal["public", "shop", "merchant"]


def _install_httpx_redaction() -> None:
    """httpx logs every request URL at INFO, and ours carry ``sign`` and ``access_token``.

    Filters on a logger apply to records created there, so masking at the source keeps the
    secrets out of every handler (files, the GUI log view, pytest's caplog).
    """
    for name in ("httpx", "httpcore"):
        logger = logging.getLogger(name)
        if not any(isinstance(f, RedactingFilter) for f in logger.filters):
            logger.addFilter(RedactingFilter())


# --------------------------------------------------------------------------- the client


class ShopeeClient(LogisticsCalls):
    """Signed, rate-limited, retrying calls to one Shopee app for one store.

    ``options`` (all optional):

    - ``auth_link_form``: ``"signed"`` (default, ``/api/v2/shop/auth_partner``, guide 20) or
      ``"portal"`` (the newer unsigned ``open.shopee.com/auth`` link) — [U] which one Shopee
      will keep is undocumented (reference §3.1).
    - ``portal_auth_url``: the portal link base (default production).
    - ``rate_limit_pause``: seconds the bucket pauses after a 429 (default 1.0) — [U].
    - ``refresh_token_days``: assumed refresh-token lifetime (default 30).
    """

    def __init__(
        self,
        http: httpx.AsyncClient,
        endpoints: Endpoints,
        credentials: AppCredentials,
        *,
        limiter: TokenBucket | None = None,
        retry: RetryPolicy | None = None,
        clock: Callable[[], float] = time.time,
        options: Mapping[str, Any] | None = None,
    ) -> None:
        try:
            self._partner_id = int(credentials.app_id)
        except ValueError:
            raise ValueError("Shopee partner_id (app_id) must be an integer") from None
        self._http = http
        self._base = endpoints.api_base_url.rstrip("/")
        self._key = credentials.app_secret
        self._limiter = limiter or TokenBucket(DEFAULT_RATE_PER_SECOND, DEFAULT_BURST)
        self._retry = retry or RetryPolicy()
        self._clock = clock
        self._options = dict(options or {})
        _install_httpx_redaction()

    @property
    def partner_id(self) -> int:
        """The app's partner id."""
        return self._partner_id

    # ------------------------------------------------------------------ plumbing
    def _timestamp(self) -> int:
        return int(self._clock())

    def _common_query(
        self, path: str, api_type: ApiType, auth: ShopAuth | None, merchant_id: int | None
    ) -> dict[str, Any]:
        ts = self._timestamp()
        query: dict[str, Any] = {"partner_id": self._partner_id, "timestamp": ts}
        if api_type == "public":
            query["sign"] = signing.sign_public(self._key, self._partner_id, path, ts)
            return query
        if auth is None:
            raise ValueError(f"{path} needs an access token")
        if api_type == "shop":
            query["shop_id"] = auth.shop_id
            query["sign"] = signing.sign_shop(
                self._key, self._partner_id, path, ts, auth.access_token, auth.shop_id
            )
        else:
            if merchant_id is None:
                raise ValueError(f"{path} needs a merchant_id")
            query["merchant_id"] = merchant_id
            query["sign"] = signing.sign_merchant(
                self._key, self._partner_id, path, ts, auth.access_token, merchant_id
            )
        query["access_token"] = auth.access_token
        return query

    def _secrets(self, auth: ShopAuth | None, extra: Iterable[str] = ()) -> list[str]:
        out = [self._key, *extra]
        if auth is not None:
            out.append(auth.access_token)
        return out

    async def _call(
        self,
        method: str,
        action: str,
        *,
        api_type: ApiType = "shop",
        auth: ShopAuth | None = None,
        merchant_id: int | None = None,
        params: Mapping[str, Any] | None = None,
        body: Mapping[str, Any] | None = None,
        safe_to_repeat: bool,
        tolerate: frozenset[str] = frozenset(),
        binary: bool = False,
        secrets: Iterable[str] = (),
    ) -> Envelope | Document:
        """Send one API call (with retries when safe) and return its parsed envelope.

        ``tolerate`` lists error codes whose payload is still meaningful (e.g. all-failed
        batch updates that carry a failure list); those return instead of raising.
        """
        path = f"{API_PREFIX}/{action}"
        secret_list = self._secrets(auth, secrets)

        async def attempt() -> Envelope | Document:
            await self._limiter.acquire()
            query = {**(params or {}), **self._common_query(path, api_type, auth, merchant_id)}
            started = time.monotonic()
            response = await self._http.request(
                method, self._base + path, params=query, json=body if method == "POST" else None
            )
            log.debug(
                "shopee %s %s -> HTTP %s in %.0f ms",
                method,
                path,
                response.status_code,
                (time.monotonic() - started) * 1000,
            )
            try:
                return self._interpret(response, secret_list, tolerate, binary)
            except PlatformError as exc:
                note_retry_after(exc, response)  # a Retry-After on a 429/503 is the wait
                if isinstance(exc, RateLimitedError):
                    pause = exc.retry_after
                    if pause is None or pause > self._retry.max_retry_after:
                        pause = float(
                            self._options.get("rate_limit_pause", DEFAULT_RATE_LIMIT_PAUSE)
                        )
                    self._limiter.penalize(pause)
                raise

        def on_retry(n: int, err: PlatformError, wait: float) -> None:
            log.info("shopee %s retry %d in %.2fs after: %s", path, n, wait, err)

        return await with_retries(
            attempt, policy=self._retry, safe_to_repeat=safe_to_repeat, on_retry=on_retry
        )

    def _interpret(
        self,
        response: httpx.Response,
        secrets: list[str],
        tolerate: frozenset[str],
        binary: bool,
    ) -> Envelope | Document:
        """Turn any HTTP response into an :class:`Envelope` or a typed error."""
        status = response.status_code
        content_type = response.headers.get("content-type", "")
        if binary and status == 200 and "json" not in content_type:
            return Document(content_type=content_type.split(";")[0], data=response.content)
        try:
            body = response.json()
        except ValueError:
            raise self._non_json_error(response) from None
        if not isinstance(body, dict):
            raise MalformedResponseError(
                "Shopee answered with JSON that is not an object", http_status=status
            )
        return self._envelope(body, status, secrets, tolerate)

    @staticmethod
    def _non_json_error(response: httpx.Response) -> PlatformError:
        """A body that is not JSON: a proxy page, a truncated answer, a gateway hiccup."""
        status = response.status_code
        kind = response.headers.get("content-type", "?").split(";")[0]
        text = f"Shopee answered HTTP {status} with a non-JSON body ({kind})"
        if status == 429:
            return RateLimitedError(text, http_status=status)
        if status >= 500:
            return ServerError(text, http_status=status)
        return MalformedResponseError(text, http_status=status)

    def _envelope(
        self, body: dict[str, Any], status: int, secrets: list[str], tolerate: frozenset[str]
    ) -> Envelope:
        request_id = str(body.get("request_id") or "") or None
        code = body.get("error") or ""
        if not isinstance(code, str):
            code = str(code)
        message = redact(str(body.get("message") or ""), secrets)
        if code and code not in tolerate and code.rsplit(".", 1)[-1] not in tolerate:
            raise error_for(code, message, request_id=request_id, http_status=status)
        if not code and status >= 400:
            # A non-200 without an error code is still a failure (status decides the kind).
            raise error_for(
                f"http_{status}",
                message or f"HTTP {status}",
                request_id=request_id,
                http_status=status,
            )
        if body.get("response") is not None:
            payload = body["response"]
        else:  # irregular endpoints put the payload at the top level (reference §4.1)
            payload = {k: v for k, v in body.items() if k not in _ENVELOPE_KEYS}
        if body.get("warning"):
            log.debug("shopee warning (request_id=%s): %s", request_id, body.get("warning"))
        return Envelope(payload, request_id or "", body.get("warning"), code, message)

    async def call(self, method: str, action: str, **kw: Any) -> Envelope:
        """A JSON API call by action name (``"product/get_item_list"``), for endpoints
        without a typed wrapper. Keyword arguments as for :meth:`_call`."""
        result = await self._call(method, action, **kw)
        if not isinstance(result, Envelope):  # only binary=True calls return documents
            raise MalformedResponseError(f"{action} answered a file where JSON was expected")
        return result

    @staticmethod
    def _dict(envelope: Envelope, what: str) -> dict[str, Any]:
        if not isinstance(envelope.payload, dict):
            raise MalformedResponseError(
                f"{what}: payload is not an object", request_id=envelope.request_id or None
            )
        return envelope.payload

    @classmethod
    def _required(
        cls, envelope: Envelope, endpoint: str, fields: Mapping[str, type | tuple[type, ...]]
    ) -> dict[str, Any]:
        """The payload, checked to hold what ``endpoint`` must return (reference §5):
        an answer without it fails the call instead of reading as "nothing there"."""
        data = cls._dict(envelope, endpoint)
        require_fields("Shopee", endpoint, data, fields, request_id=envelope.request_id or None)
        return data

    # ------------------------------------------------------------------ authorization
    def auth_link(self, redirect: str, state: str = "") -> str:
        """The URL a seller opens to authorize this app for a shop (reference §3.1).

        The signed form has no ``state`` parameter, so a CSRF ``state`` travels inside the
        redirect URL itself; Shopee appends ``code`` and ``shop_id`` to it.
        """
        if state:
            redirect = _add_query(redirect, {"state": state})
        if self._options.get("auth_link_form", "signed") == "portal":
            query = {
                "partner_id": self._partner_id,
                "auth_type": "seller",
                "redirect_uri": redirect,
                "response_type": "code",
            }
            base = str(self._options.get("portal_auth_url", PORTAL_AUTH_URL))
            return f"{base}?{urlencode(query)}"
        path = f"{API_PREFIX}/shop/auth_partner"
        ts = self._timestamp()
        query = {
            "partner_id": self._partner_id,
            "timestamp": ts,
            "sign": signing.sign_public(self._key, self._partner_id, path, ts),
            "redirect": redirect,
        }
        return f"{self._base}{path}?{urlencode(query)}"

    def _grant(self, payload: dict[str, Any], request_id: str) -> TokenGrant:
        try:
            access = str(payload["access_token"])
            refresh = str(payload["refresh_token"])
            expire_in = int(payload["expire_in"])
        except (KeyError, TypeError, ValueError):
            raise MalformedResponseError(
                "token response without access_token/refresh_token/expire_in",
                request_id=request_id or None,
            ) from None
        now = datetime.fromtimestamp(self._clock(), UTC)
        shop_id = payload.get("shop_id")
        return TokenGrant(
            access_token=access,
            refresh_token=refresh,
            access_expires_at=now + timedelta(seconds=expire_in),
            shop_id=int(shop_id) if shop_id else None,
            merchant_id_list=tuple(int(x) for x in payload.get("merchant_id_list") or ()),
            shop_id_list=tuple(int(x) for x in payload.get("shop_id_list") or ()),
        )

    async def get_access_token(
        self, code: str, *, shop_id: int | None = None, main_account_id: int | None = None
    ) -> TokenGrant:
        """Exchange an authorization code (single use, 10 min) for tokens. Never retried:
        a repeat after a lost answer would burn the code anyway."""
        if (shop_id is None) == (main_account_id is None):
            raise ValueError("pass exactly one of shop_id and main_account_id")
        body: dict[str, Any] = {"code": code, "partner_id": self._partner_id}
        if shop_id is not None:
            body["shop_id"] = int(shop_id)
        else:
            body["main_account_id"] = int(main_account_id)  # type: ignore[arg-type]
        env = await self.call(
            "POST",
            "auth/token/get",
            api_type="public",
            body=body,
            safe_to_repeat=False,
            secrets=[code],
        )
        grant = self._grant(self._dict(env, "token/get"), env.request_id)
        if grant.shop_id is None and shop_id is not None:
            grant = TokenGrant(**{**grant.__dict__, "shop_id": int(shop_id)})
        return grant

    async def refresh_access_token(
        self, refresh_token: str, *, shop_id: int | None = None, merchant_id: int | None = None
    ) -> TokenGrant:
        """Refresh a shop's tokens. The returned refresh token replaces the old one, which is
        dead from now on (single use): persist the new pair before anything else."""
        if (shop_id is None) == (merchant_id is None):
            raise ValueError("pass exactly one of shop_id and merchant_id")
        body: dict[str, Any] = {"refresh_token": refresh_token, "partner_id": self._partner_id}
        if shop_id is not None:
            body["shop_id"] = int(shop_id)
        else:
            body["merchant_id"] = int(merchant_id)  # type: ignore[arg-type]
        env = await self.call(
            "POST",
            "auth/access_token/get",
            api_type="public",
            body=body,
            safe_to_repeat=False,
            secrets=[refresh_token],
        )
        grant = self._grant(self._dict(env, "access_token/get"), env.request_id)
        if grant.shop_id is None and shop_id is not None:
            grant = TokenGrant(**{**grant.__dict__, "shop_id": int(shop_id)})
        return grant

    @property
    def refresh_token_lifetime(self) -> timedelta:
        """How long a refresh token lives (30 days per guide 20)."""
        return timedelta(days=float(self._options.get("refresh_token_days", 30)))

    # ------------------------------------------------------------------ shop
    async def get_shop_info(self, auth: ShopAuth) -> dict[str, Any]:
        """``shop/get_shop_info`` (payload at the top level)."""
        env = await self.call("GET", "shop/get_shop_info", auth=auth, safe_to_repeat=True)
        return self._dict(env, "get_shop_info")

    async def get_shops_by_partner(self, page_no: int = 1, page_size: int = 100) -> dict[str, Any]:
        """``public/get_shops_by_partner``: every shop authorized to this app."""
        env = await self.call(
            "GET",
            "public/get_shops_by_partner",
            api_type="public",
            params={"page_no": page_no, "page_size": page_size},
            safe_to_repeat=True,
        )
        return self._dict(env, "get_shops_by_partner")

    # ------------------------------------------------------------------ products
    async def get_item_list(
        self,
        auth: ShopAuth,
        *,
        offset: int = 0,
        page_size: int = MAX_PAGE_SIZE,
        item_status: Sequence[str] = ("NORMAL",),
        update_time_from: int | None = None,
        update_time_to: int | None = None,
    ) -> ItemPage:
        """One page of item ids; ``item_status`` is sent as a repeated key."""
        params: dict[str, Any] = {
            "offset": offset,
            "page_size": page_size,
            "item_status": list(item_status),
        }
        if update_time_from is not None:
            params["update_time_from"] = update_time_from
        if update_time_to is not None:
            params["update_time_to"] = update_time_to
        env = await self.call(
            "GET", "product/get_item_list", auth=auth, params=params, safe_to_repeat=True
        )
        data = self._required(
            env, "product/get_item_list", {"has_next_page": bool, "total_count": int}
        )
        if data["total_count"] > offset:
            self._required(env, "product/get_item_list", {"item": list})
        return ItemPage(
            items=list(data.get("item") or []),
            total_count=int(data.get("total_count") or 0),
            has_next_page=bool(data.get("has_next_page")),
            next_offset=int(data.get("next_offset") or 0),
        )

    async def iter_item_list(
        self, auth: ShopAuth, *, item_status: Sequence[str] = ("NORMAL",), page_size: int = 100
    ) -> AsyncIterator[dict[str, Any]]:
        """Every item of the shop with the given statuses, page after page."""
        offset = 0
        while True:
            page = await self.get_item_list(
                auth, offset=offset, page_size=page_size, item_status=item_status
            )
            for item in page.items:
                yield item
            if not page.has_next_page or page.next_offset <= offset:
                return
            offset = page.next_offset

    async def get_item_base_info(
        self, auth: ShopAuth, item_ids: Sequence[int]
    ) -> list[dict[str, Any]]:
        """Base info for any number of items, fetched in batches of 50 (comma-joined ids)."""
        out: list[dict[str, Any]] = []
        for batch in chunked(list(item_ids), MAX_ITEM_IDS):
            env = await self.call(
                "GET",
                "product/get_item_base_info",
                auth=auth,
                params={"item_id_list": ",".join(str(int(i)) for i in batch)},
                safe_to_repeat=True,
            )
            out.extend(self._dict(env, "get_item_base_info").get("item_list") or [])
        return out

    async def get_model_list(self, auth: ShopAuth, item_id: int) -> dict[str, Any]:
        """Tier variations and models (with price and stock) of one item."""
        env = await self.call(
            "GET",
            "product/get_model_list",
            auth=auth,
            params={"item_id": int(item_id)},
            safe_to_repeat=True,
        )
        return self._dict(env, "get_model_list")

    async def update_stock(
        self, auth: ShopAuth, item_id: int, entries: Sequence[StockEntry]
    ) -> BatchResult:
        """Set absolute stock for models of one item, 50 models per call.

        Entries for the same model (several locations) become one ``stock_list`` element,
        since Shopee rejects a repeated model_id. Safe to retry (absolute values). An
        all-failed batch (``error_busi_update_stock_failed``) still returns its failure list.
        """
        grouped: dict[int, list[dict[str, Any]]] = {}
        for entry in entries:
            grouped.setdefault(int(entry.model_id), []).append(_seller_stock_json(entry))
        stock_list = [{"model_id": m, "seller_stock": s} for m, s in grouped.items()]
        result = BatchResult()
        for batch in chunked(stock_list, MAX_STOCK_MODELS):
            env = await self.call(
                "POST",
                "product/update_stock",
                auth=auth,
                body={"item_id": int(item_id), "stock_list": list(batch)},
                safe_to_repeat=True,
                tolerate=frozenset({"error_busi_update_stock_failed"}),
            )
            _check_batch(env, "product/update_stock")
            _merge_batch(result, env, batch_models=[e["model_id"] for e in batch])
        return result

    async def update_price(
        self, auth: ShopAuth, item_id: int, entries: Sequence[PriceEntry]
    ) -> BatchResult:
        """Set the original price of models of one item, 50 models per call (safe to retry)."""
        result = BatchResult()
        for batch in chunked(list(entries), MAX_PRICE_MODELS):
            price_list = [
                {"model_id": int(e.model_id), "original_price": money_json(e.price)} for e in batch
            ]
            env = await self.call(
                "POST",
                "product/update_price",
                auth=auth,
                body={"item_id": int(item_id), "price_list": price_list},
                safe_to_repeat=True,
                tolerate=frozenset({"error_update_price_fail"}),
            )
            _check_batch(env, "product/update_price")
            _merge_batch(result, env, batch_models=[e.model_id for e in batch])
        return result

    # ------------------------------------------------------------------ orders
    async def get_order_list(
        self,
        auth: ShopAuth,
        *,
        time_from: int,
        time_to: int,
        time_range_field: str = "update_time",
        page_size: int = MAX_PAGE_SIZE,
        cursor: str = "",
        order_status: str | None = None,
        with_status: bool = True,
    ) -> OrderListPage:
        """One page of orders in a window (Shopee rejects windows over 15 days)."""
        params: dict[str, Any] = {
            "time_range_field": time_range_field,
            "time_from": int(time_from),
            "time_to": int(time_to),
            "page_size": page_size,
            "cursor": cursor,
        }
        if order_status:
            params["order_status"] = order_status
        if with_status:
            params["response_optional_fields"] = "order_status"
        env = await self.call(
            "GET", "order/get_order_list", auth=auth, params=params, safe_to_repeat=True
        )
        data = self._required(env, "order/get_order_list", {"order_list": list, "more": bool})
        return OrderListPage(
            orders=list(data.get("order_list") or []),
            more=bool(data.get("more")),
            next_cursor=str(data.get("next_cursor") or ""),
        )

    async def iter_order_list(
        self, auth: ShopAuth, *, time_from: int, time_to: int, page_size: int = MAX_PAGE_SIZE
    ) -> AsyncIterator[dict[str, Any]]:
        """Orders updated in any window, split into ≤15-day slices and paged through."""
        start = int(time_from)
        while start < time_to:
            end = min(int(time_to), start + MAX_ORDER_WINDOW_SECONDS)
            cursor = ""
            while True:
                page = await self.get_order_list(
                    auth, time_from=start, time_to=end, cursor=cursor, page_size=page_size
                )
                for order in page.orders:
                    yield order
                if not page.more or not page.next_cursor:
                    break
                cursor = page.next_cursor
            start = end

    async def get_order_detail(
        self,
        auth: ShopAuth,
        order_sns: Sequence[str],
        optional_fields: Sequence[str] = ORDER_DETAIL_FIELDS,
    ) -> list[dict[str, Any]]:
        """Order details in batches of 50, asking for the optional fields we use."""
        out: list[dict[str, Any]] = []
        for batch in chunked(list(order_sns), MAX_ORDER_SNS):
            params = {"order_sn_list": ",".join(batch)}
            if optional_fields:
                params["response_optional_fields"] = ",".join(optional_fields)
            env = await self.call(
                "GET", "order/get_order_detail", auth=auth, params=params, safe_to_repeat=True
            )
            out.extend(
                self._required(env, "order/get_order_detail", {"order_list": list})["order_list"]
            )
        return out

    async def cancel_order(
        self,
        auth: ShopAuth,
        order_sn: str,
        cancel_reason: str,
        item_list: Sequence[Mapping[str, int]] | None = None,
    ) -> int:
        """Cancel an unshipped order as the seller; returns Shopee's update_time. Never retried."""
        body: dict[str, Any] = {"order_sn": order_sn, "cancel_reason": cancel_reason}
        if item_list:
            body["item_list"] = [dict(i) for i in item_list]
        env = await self.call(
            "POST", "order/cancel_order", auth=auth, body=body, safe_to_repeat=False
        )
        return int(self._dict(env, "cancel_order").get("update_time") or 0)


def _seller_stock_json(entry: StockEntry) -> dict[str, Any]:
    seller_stock: dict[str, Any] = {"stock": int(entry.stock)}
    if entry.location_id:  # only multi-warehouse shops send location_id
        seller_stock["location_id"] = entry.location_id
    return seller_stock


def _check_batch(env: Envelope, endpoint: str) -> None:
    """A batch update that reports no error must say which models landed or failed: an
    empty answer would otherwise leave every model "not answered" and look like a refusal
    of each, or worse, a success."""
    payload = env.payload if isinstance(env.payload, dict) else None
    if env.error:
        return  # an all-failed batch: _merge_batch fails every model with the error
    if payload is None or not any(
        isinstance(payload.get(k), list) for k in ("success_list", "failure_list")
    ):
        raise IncompleteResponseError(
            "Shopee",
            endpoint,
            ["success_list", "failure_list"],
            request_id=env.request_id or None,
        )


def _merge_batch(result: BatchResult, env: Envelope, *, batch_models: Sequence[int]) -> None:
    """Add one call's success/failure lists; an error with no lists fails the whole batch."""
    payload = env.payload if isinstance(env.payload, dict) else {}
    successes = list(payload.get("success_list") or [])
    failures = list(payload.get("failure_list") or [])
    if env.error and not failures:
        failures = [
            {"model_id": m, "failed_reason": env.message or env.error} for m in batch_models
        ]
    result.success_list.extend(successes)
    result.failure_list.extend(failures)


def _add_query(url: str, extra: Mapping[str, str]) -> str:
    parts = urlsplit(url)
    query = f"{parts.query}&{urlencode(extra)}" if parts.query else urlencode(extra)
    return urlunsplit(parts._replace(query=query))
