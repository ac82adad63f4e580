"""A thin async client for the TikTok Shop Partner API (version 202309).

One :class:`TikTokClient` per store. It signs every Open API call (:mod:`.signing`), puts
the access token in the ``x-tts-access-token`` header, adds ``shop_cipher`` on shop-scoped
calls, rate-limits through a per-store :class:`~app.core.platforms.http.TokenBucket`, reads
the ``{code, message, request_id, data}`` envelope on every response whatever the HTTP
status, and retries only calls that are safe to repeat. It returns TikTok's own JSON
objects (``dict``) for catalog and order data; :mod:`.adapter` maps those to our records.

Secrets (app secret, access and refresh tokens, auth codes, signatures) never reach a log
line or an exception: only the URL *path* is logged, and every platform message goes
through :func:`~app.core.platforms.http.redact`.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlencode

import httpx

from app.core.domain import AppCredentials, Endpoints, ShopInfo, TokenSet
from app.core.platforms.base import (
    IncompleteResponseError,
    MalformedResponseError,
    PlatformError,
    RateLimitedError,
)
from app.core.platforms.http import (
    RedactingFilter,
    RetryPolicy,
    TokenBucket,
    note_retry_after,
    redact,
    retry_after_seconds,
    with_retries,
)
from app.core.platforms.tiktok import errors
from app.core.platforms.tiktok.signing import sign

log = logging.getLogger(__name__)

PRODUCTION_ENDPOINTS = Endpoints(
    api_base_url="https://open-api.tiktokglobalshop.com",
    auth_base_url="https://auth.tiktok-shops.com",
)
# ROW consent host (Indonesia). The US host spelling is uncertain in the docs (§1), hence
# a constructor option rather than a constant baked into the URL builder.
CONSENT_BASE_URL = "https://services.tiktokshop.com"

# TikTok publishes 50 QPS per API per (app, shop). One bucket covers all of a store's APIs,
# so we stay at 40/s with bursts of 10: any one-second window then holds at most 50 calls.
DEFAULT_QPS = 40.0
DEFAULT_BURST = 10.0

MAX_PAGE_SIZE = 100  # products/search and orders/search
ORDER_DETAIL_BATCH = 50  # Get Order Detail takes at most 50 ids

# API version per family. 202309 is what we implement; newer versions exist for some
# families (products/search 202502, orders 202507), and the 202309 finance transactions
# endpoint is deprecated in favour of 202501. Overridable through ``versions=``.
DEFAULT_VERSIONS: dict[str, str] = {
    "authorization": "202309",
    "product": "202309",
    "order": "202309",
    "logistics": "202309",
    "fulfillment": "202309",
    "finance": "202309",
    "finance_transactions": "202501",
    "return_refund": "202309",
}


@dataclass(frozen=True)
class TokenGrant:
    """What the token API returns: the token pair plus who authorized."""

    tokens: TokenSet
    open_id: str = ""
    seller_name: str = ""
    seller_base_region: str = ""
    granted_scopes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Page:
    """One page of a search: TikTok objects plus the token for the next page (None at the end)."""

    items: tuple[dict[str, Any], ...]
    next_page_token: str | None
    total_count: int | None = None


@dataclass(frozen=True)
class SkuFailure:
    """A per-SKU failure reported inside a ``code: 0`` batch response (``data.errors[]``)."""

    sku_id: str
    code: str
    message: str
    details: tuple[str, ...] = field(default=())

    def describe(self) -> str:
        """A readable reason, including the per-warehouse details TikTok nests."""
        text = f"{self.message} (code {self.code})"
        return f"{text}: {'; '.join(self.details)}" if self.details else text


def guard_library_loggers(names: Iterable[str] = ("httpx", "httpcore")) -> None:
    """Mask secrets in httpx's own log records (it logs full URLs, query and all).

    TikTok's token API takes ``app_secret``, ``auth_code`` and ``refresh_token`` in the
    query and every signed call carries ``sign``; httpx logs the URL at INFO. Idempotent.
    """
    for name in names:
        logger = logging.getLogger(name)
        if not any(isinstance(f, RedactingFilter) for f in logger.filters):
            logger.addFilter(RedactingFilter())


class TikTokClient:
    """Signed, rate-limited, retrying calls to one TikTok shop.

    ``access_token`` is a callable so the engine can swap tokens after a refresh without
    rebuilding the client. ``clock`` returns Unix seconds for the ``timestamp`` parameter
    (injectable because TikTok only accepts [now − 300 s, now + 30 s]).
    """

    def __init__(
        self,
        http: httpx.AsyncClient,
        endpoints: Endpoints,
        credentials: AppCredentials,
        *,
        shop_cipher: str | None = None,
        access_token: Callable[[], str | None] | None = None,
        limiter: TokenBucket | None = None,
        retry: RetryPolicy | None = None,
        consent_base_url: str = CONSENT_BASE_URL,
        clock: Callable[[], float] = time.time,
        versions: Mapping[str, str] | None = None,
        detail_batch_size: int = ORDER_DETAIL_BATCH,
        timeout: httpx.Timeout | float | None = None,
    ) -> None:
        self._http = http
        self._api_base = endpoints.api_base_url.rstrip("/")
        # TikTok's token host is separate; fall back to the API base for a one-host emulator.
        self._auth_base = (endpoints.auth_base_url or endpoints.api_base_url).rstrip("/")
        self._creds = credentials
        self.shop_cipher = shop_cipher
        self._access_token = access_token or (lambda: None)
        self._limiter = limiter or TokenBucket(DEFAULT_QPS, DEFAULT_BURST)
        self._retry = retry or RetryPolicy()
        self._consent_base = consent_base_url.rstrip("/")
        self._clock = clock
        self._versions = {**DEFAULT_VERSIONS, **(versions or {})}
        self._detail_batch = detail_batch_size
        self._timeout = timeout
        self._extra_secrets: set[str] = set()
        guard_library_loggers()

    # ------------------------------------------------------------------ authorization
    def consent_url(self, state: str = "") -> str:
        """The seller consent link (Partner Center's "authorization link").

        The redirect URL is fixed in Partner Center; TikTok takes no ``redirect_uri``.
        """
        if not self._creds.service_id:
            raise ValueError("the TikTok consent link needs the app's service_id")
        params = {"service_id": self._creds.service_id}
        if state:
            params["state"] = state
        return f"{self._consent_base}/open/authorize?{urlencode(params)}"

    async def get_access_token(self, auth_code: str) -> TokenGrant:
        """Exchange a consent ``code`` for tokens. Never retried: codes are single-use."""
        self._extra_secrets.add(auth_code)
        data = await self._token_call(
            "/api/v2/token/get",
            {"auth_code": auth_code, "grant_type": "authorized_code"},
        )
        return self._grant(data)

    async def refresh_access_token(self, refresh_token: str) -> TokenGrant:
        """A new token pair. Persist both: the old refresh token may not survive (undocumented)."""
        self._extra_secrets.add(refresh_token)
        data = await self._token_call(
            "/api/v2/token/refresh",
            {"refresh_token": refresh_token, "grant_type": "refresh_token"},
        )
        return self._grant(data)

    async def get_authorized_shops(self) -> list[ShopInfo]:
        """The shops this token may act for, each with its ``shop_cipher``."""
        path = f"/authorization/{self._v('authorization')}/shops"
        data = await self._call("GET", path, shop_scoped=False, safe_to_repeat=True)
        shops = []
        for raw in _list(data, "shops"):
            shops.append(
                ShopInfo(
                    shop_id=str(raw["id"]),
                    name=str(raw.get("name", "")),
                    region=str(raw.get("region", "")),
                    cipher=str(raw["cipher"]),
                    extra={
                        "seller_type": str(raw.get("seller_type", "")),
                        "code": str(raw.get("code", "")),
                    },
                )
            )
        return shops

    # ------------------------------------------------------------------ products
    async def search_products(
        self,
        *,
        page_size: int = MAX_PAGE_SIZE,
        page_token: str | None = None,
        filters: Mapping[str, Any] | None = None,
    ) -> Page:
        """One page of products (with SKUs, prices and per-warehouse inventory)."""
        path = f"/product/{self._v('product')}/products/search"
        data = await self._call(
            "POST",
            path,
            query={"page_size": page_size, "page_token": page_token},
            body=dict(filters or {}),
            safe_to_repeat=True,
        )
        return _page(data, "products", endpoint=path)

    async def get_product(self, product_id: str) -> dict[str, Any]:
        """Product detail."""
        path = f"/product/{self._v('product')}/products/{product_id}"
        return await self._call("GET", path, safe_to_repeat=True)

    async def update_inventory(
        self, product_id: str, skus: Sequence[Mapping[str, Any]]
    ) -> list[SkuFailure]:
        """Set absolute stock for SKUs of one product; returns the SKUs that failed.

        ``skus`` is TikTok's shape:
        ``[{"id": sku_id, "inventory": [{"warehouse_id": ..., "quantity": ...}]}]``.
        Absolute values make a repeat harmless, so this call is retried.
        """
        path = f"/product/{self._v('product')}/products/{product_id}/inventory/update"
        data = await self._call(
            "POST", path, body={"skus": [dict(s) for s in skus]}, safe_to_repeat=True
        )
        return _sku_failures(data)

    async def update_prices(
        self, product_id: str, skus: Sequence[Mapping[str, Any]]
    ) -> list[SkuFailure]:
        """Set prices: ``[{"id": sku_id, "price": {"amount": "150000", "currency": "IDR"}}]``."""
        path = f"/product/{self._v('product')}/products/{product_id}/prices/update"
        data = await self._call(
            "POST", path, body={"skus": [dict(s) for s in skus]}, safe_to_repeat=True
        )
        return _sku_failures(data)

    async def search_inventory(
        self,
        *,
        product_ids: Sequence[str] | None = None,
        sku_ids: Sequence[str] | None = None,
    ) -> list[dict[str, Any]]:
        """Available and committed stock per warehouse (≤100 products or ≤600 SKUs)."""
        body: dict[str, Any] = {}
        if sku_ids:
            body["sku_ids"] = list(sku_ids)
        elif product_ids:
            body["product_ids"] = list(product_ids)
        path = f"/product/{self._v('product')}/inventory/search"
        data = await self._call("POST", path, body=body, safe_to_repeat=True)
        return _list(data, "inventory")

    # ------------------------------------------------------------------ orders
    async def search_orders(
        self,
        *,
        update_time_ge: int | None = None,
        update_time_lt: int | None = None,
        create_time_ge: int | None = None,
        create_time_lt: int | None = None,
        order_status: str | None = None,
        page_size: int = MAX_PAGE_SIZE,
        page_token: str | None = None,
        sort_field: str = "update_time",
        sort_order: str = "ASC",
    ) -> Page:
        """One page of orders (full order objects). Paging in the query, filters in the body."""
        body = {
            k: v
            for k, v in {
                "update_time_ge": update_time_ge,
                "update_time_lt": update_time_lt,
                "create_time_ge": create_time_ge,
                "create_time_lt": create_time_lt,
                "order_status": order_status,
            }.items()
            if v is not None
        }
        query = {
            "page_size": page_size,
            "page_token": page_token,
            "sort_field": sort_field,
            "sort_order": sort_order,
        }
        path = f"/order/{self._v('order')}/orders/search"
        data = await self._call("POST", path, query=query, body=body, safe_to_repeat=True)
        return _page(data, "orders", endpoint=path)

    async def get_orders(self, order_ids: Sequence[str]) -> list[dict[str, Any]]:
        """Order details, fetched in batches of at most 50 ids."""
        path = f"/order/{self._v('order')}/orders"
        out: list[dict[str, Any]] = []
        ids = list(dict.fromkeys(order_ids))  # dedupe, keep order
        for start in range(0, len(ids), self._detail_batch):
            chunk = ids[start : start + self._detail_batch]
            data = await self._call("GET", path, query={"ids": chunk}, safe_to_repeat=True)
            out.extend(_list(data, "orders", endpoint=path))
        return out

    # ------------------------------------------------------------------ logistics, fulfillment
    async def get_warehouses(self) -> list[dict[str, Any]]:
        """The shop's warehouses (use ``SALES_WAREHOUSE`` ids for inventory)."""
        path = f"/logistics/{self._v('logistics')}/warehouses"
        data = await self._call("GET", path, safe_to_repeat=True)
        return _list(data, "warehouses", endpoint=path)

    async def get_shipping_providers(self, delivery_option_id: str) -> list[dict[str, Any]]:
        """The carriers of a delivery option (a seller-shipped package names one)."""
        path = (
            f"/logistics/{self._v('logistics')}/delivery_options/{delivery_option_id}"
            "/shipping_providers"
        )
        data = await self._call("GET", path, safe_to_repeat=True)
        return _list(data, "shipping_providers", endpoint=path)

    async def get_package(self, package_id: str) -> dict[str, Any]:
        """Package detail (status, tracking number, carrier)."""
        path = f"/fulfillment/{self._v('fulfillment')}/packages/{package_id}"
        return await self._call("GET", path, safe_to_repeat=True)

    async def get_handover_time_slots(self, package_id: str) -> dict[str, Any]:
        """Whether the package can be picked up or dropped off, and the pickup slots."""
        path = f"/fulfillment/{self._v('fulfillment')}/packages/{package_id}/handover_time_slots"
        return await self._call("GET", path, safe_to_repeat=True)

    async def ship_package(
        self,
        package_id: str,
        handover_method: str = "PICKUP",
        *,
        pickup_slot: Mapping[str, int] | None = None,
        self_shipment: Mapping[str, str] | None = None,
    ) -> None:
        """Arrange shipment (``pickup_slot`` {start_time, end_time} for a pickup;
        ``self_shipment`` {tracking_number, shipping_provider_id} for a seller-shipped
        package). Not retried automatically: a repeat could act twice."""
        path = f"/fulfillment/{self._v('fulfillment')}/packages/{package_id}/ship"
        body: dict[str, Any] = {"handover_method": handover_method}
        if pickup_slot:
            body["pickup_slot"] = dict(pickup_slot)
        if self_shipment:
            body["self_shipment"] = dict(self_shipment)
        await self._call("POST", path, body=body, safe_to_repeat=False)

    async def get_shipping_document(
        self,
        package_id: str,
        document_type: str = "SHIPPING_LABEL",
        document_size: str = "A6",
    ) -> dict[str, Any]:
        """``{"doc_url", "tracking_number"}`` for the airway bill; the URL lives 24 h."""
        path = f"/fulfillment/{self._v('fulfillment')}/packages/{package_id}/shipping_documents"
        query = {"document_type": document_type, "document_size": document_size}
        return await self._call("GET", path, query=query, safe_to_repeat=True)

    async def download_document(self, url: str) -> bytes:
        """Fetch a shipping document from its (unsigned, short-lived) ``doc_url``."""

        async def attempt() -> bytes:
            await self._limiter.acquire()
            response = await self._http.get(url, **self._timeout_kw())
            if response.status_code != 200:
                raise errors.status_only(response.status_code, "document download failed")
            return response.content

        return await with_retries(attempt, policy=self._retry, safe_to_repeat=True)

    async def get_tracking(self, order_id: str) -> list[dict[str, Any]]:
        """Tracking events (``update_time_millis`` is in milliseconds)."""
        path = f"/fulfillment/{self._v('fulfillment')}/orders/{order_id}/tracking"
        data = await self._call("GET", path, safe_to_repeat=True)
        return _list(data, "tracking")

    # ------------------------------------------------------------------ cancellations, returns
    async def cancel_order(
        self, order_id: str, cancel_reason: str, skus: Sequence[Mapping[str, Any]] = ()
    ) -> dict[str, Any]:
        """The seller cancels an order (whole, or ``skus``); ``{cancel_id, cancel_status}``.
        Not retried automatically: a repeat could act twice."""
        path = f"/return_refund/{self._v('return_refund')}/cancellations"
        body: dict[str, Any] = {"order_id": order_id, "cancel_reason": cancel_reason}
        if skus:
            body["skus"] = [dict(s) for s in skus]
        return await self._call("POST", path, body=body, safe_to_repeat=False) or {}

    async def search_returns(
        self,
        *,
        update_time_ge: int,
        update_time_lt: int,
        page_size: int = 50,
        page_token: str | None = None,
    ) -> Page:
        """One page of returns updated in the range, oldest first (list key ``return_orders``)."""
        path = f"/return_refund/{self._v('return_refund')}/returns/search"
        query = {
            "page_size": page_size,
            "page_token": page_token,
            "sort_field": "update_time",
            "sort_order": "ASC",
        }
        body = {"update_time_ge": update_time_ge, "update_time_lt": update_time_lt}
        data = await self._call("POST", path, query=query, body=body, safe_to_repeat=True)
        return _page(data, "return_orders", endpoint=path)

    # ------------------------------------------------------------------ finance
    async def get_statements(
        self,
        *,
        statement_time_ge: int | None = None,
        statement_time_lt: int | None = None,
        page_size: int = 20,
        page_token: str | None = None,
    ) -> Page:
        """Daily settlement statements."""
        path = f"/finance/{self._v('finance')}/statements"
        query = {
            "sort_field": "statement_time",
            "statement_time_ge": statement_time_ge,
            "statement_time_lt": statement_time_lt,
            "page_size": page_size,
            "page_token": page_token,
        }
        data = await self._call("GET", path, query=query, safe_to_repeat=True)
        return _page(data, "statements")

    async def get_order_statement_transactions(self, order_id: str) -> dict[str, Any]:
        """Settled revenue, fees and shipping cost of one order, per SKU."""
        version = self._v("finance_transactions")
        path = f"/finance/{version}/orders/{order_id}/statement_transactions"
        return await self._call("GET", path, safe_to_repeat=True)

    # ------------------------------------------------------------------ plumbing
    def _v(self, family: str) -> str:
        return self._versions[family]

    def _timeout_kw(self) -> dict[str, Any]:
        return {} if self._timeout is None else {"timeout": self._timeout}

    def _secrets(self) -> list[str]:
        """Literal secret values to mask in any text we log or raise."""
        token = self._access_token()
        return [self._creds.app_secret, *(t for t in [token] if t), *self._extra_secrets]

    async def _call(
        self,
        method: str,
        path: str,
        *,
        query: Mapping[str, Any] | None = None,
        body: Mapping[str, Any] | None = None,
        shop_scoped: bool = True,
        safe_to_repeat: bool,
    ) -> Any:
        """A signed Open API call; returns the envelope's ``data`` (``{}`` when absent)."""
        # Serialise once: the bytes signed must be the bytes sent (pitfall 2).
        raw = None if body is None else _encode_json(body)

        async def attempt() -> Any:
            await self._limiter.acquire()
            return await self._send_signed(method, path, query or {}, raw, shop_scoped)

        return await with_retries(
            attempt,
            policy=self._retry,
            safe_to_repeat=safe_to_repeat,
            on_retry=lambda n, err, wait: self._on_retry(method, path, n, err, wait),
        )

    async def _send_signed(
        self,
        method: str,
        path: str,
        query: Mapping[str, Any],
        body: bytes | None,
        shop_scoped: bool,
    ) -> Any:
        # Re-stamped and re-signed on every attempt: a retry after back-off must not carry
        # a stale timestamp (pitfall 1).
        params: dict[str, str] = {
            "app_key": self._creds.app_id,
            "timestamp": str(int(self._clock())),
        }
        if shop_scoped and self.shop_cipher:
            params["shop_cipher"] = self.shop_cipher
        params.update(_query_strings(query))
        params["sign"] = sign(self._creds.app_secret, path, params, body)
        headers = {"content-type": "application/json"}
        token = self._access_token()
        if token:
            headers["x-tts-access-token"] = token
        # urlencode quotes "+" and "/" in page tokens (%2B, %2F); values were signed decoded.
        url = f"{self._api_base}{path}?{urlencode(params)}"
        started = time.monotonic()
        response = await self._http.request(
            method, url, content=body, headers=headers, **self._timeout_kw()
        )
        try:
            return self._unwrap(response, method, path, started)
        except PlatformError as exc:
            note_retry_after(exc, response)  # a Retry-After on a 429/503 is the wait
            raise

    async def _token_call(self, path: str, query: Mapping[str, str]) -> Any:
        """An (unsigned, GET) token-API call with the app secret in the query. Never retried."""
        params = {"app_key": self._creds.app_id, "app_secret": self._creds.app_secret, **query}
        url = f"{self._auth_base}{path}?{urlencode(params)}"

        async def attempt() -> Any:
            started = time.monotonic()
            response = await self._http.get(url, **self._timeout_kw())
            return self._unwrap(response, "GET", path, started)

        return await with_retries(attempt, policy=self._retry, safe_to_repeat=False)

    def _unwrap(self, response: httpx.Response, method: str, path: str, started: float) -> Any:
        """Read the envelope whatever the HTTP status; raise a typed error unless code is 0."""
        status = response.status_code
        elapsed_ms = (time.monotonic() - started) * 1000
        try:
            payload = json.loads(response.content)
        except ValueError:
            log.debug("TikTok %s %s -> HTTP %s, body not JSON", method, path, status)
            if status >= 500 or status == 429:
                raise errors.status_only(status, "response body is not JSON") from None
            raise MalformedResponseError(
                f"TikTok answered HTTP {status} with a body that is not JSON",
                http_status=status,
            ) from None
        code = payload.get("code") if isinstance(payload, dict) else None
        if not isinstance(code, int) or isinstance(code, bool):
            raise MalformedResponseError(
                "TikTok response has no integer 'code' envelope field", http_status=status
            )
        request_id = str(payload.get("request_id") or "") or None
        message = redact(str(payload.get("message") or ""), self._secrets())
        log.debug(
            "TikTok %s %s -> HTTP %s code=%s request_id=%s (%.0f ms)",
            method,
            path,
            status,
            code,
            request_id,
            elapsed_ms,
        )
        if code != 0:
            raise errors.classify(
                code,
                message or "TikTok reported an error",
                request_id=request_id,
                http_status=status,
                retry_after=retry_after_seconds(response.headers.get("retry-after")),
            )
        data = payload.get("data")
        if data is None:
            return {}
        if not isinstance(data, dict):
            raise MalformedResponseError(
                "TikTok envelope 'data' is not an object", request_id=request_id, http_status=status
            )
        return data

    def _on_retry(self, method: str, path: str, attempt: int, err: PlatformError, wait: float):
        if isinstance(err, RateLimitedError):
            # Share the pause with every other call of this store (one bucket per store).
            self._limiter.penalize(wait)
        # a document still being generated is the normal flow, not a problem to show
        level = logging.INFO if err.code == "11034037" else logging.WARNING
        log.log(
            level,
            "TikTok %s %s failed (%s); retry %d in %.2fs",
            method,
            path,
            redact(str(err), self._secrets()),
            attempt,
            wait,
        )

    def _grant(self, data: Mapping[str, Any]) -> TokenGrant:
        try:
            access = str(data["access_token"])
            refresh = str(data["refresh_token"])
            tokens = TokenSet(
                access_token=access,
                refresh_token=refresh,
                access_expires_at=_expiry(data["access_token_expire_in"], self._clock()),
                refresh_expires_at=_expiry(data.get("refresh_token_expire_in"), self._clock()),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise MalformedResponseError(f"token response lacks {exc.__class__.__name__}") from None
        self._extra_secrets.update({access, refresh})
        return TokenGrant(
            tokens=tokens,
            open_id=str(data.get("open_id", "")),
            seller_name=str(data.get("seller_name", "")),
            seller_base_region=str(data.get("seller_base_region", "")),
            granted_scopes=tuple(str(s) for s in data.get("granted_scopes") or ()),
        )


# ---------------------------------------------------------------------- helpers


def _encode_json(body: Mapping[str, Any]) -> bytes:
    """Compact UTF-8 JSON, the exact bytes signed and sent."""
    return json.dumps(body, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def _query_strings(query: Mapping[str, Any]) -> dict[str, str]:
    """Query values as the strings we sign. Empty values are never sent (reference §2.2)."""
    out: dict[str, str] = {}
    for key, value in query.items():
        if value is None or value == "":
            continue
        if isinstance(value, bool):
            out[key] = "true" if value else "false"
        elif isinstance(value, list | tuple):
            out[key] = ",".join(str(v) for v in value)  # ids=1,2,3, signed the same way
        else:
            out[key] = str(value)
    return out


def _expiry(value: Any, now: float) -> datetime | None:
    """TikTok's ``*_expire_in`` is an absolute Unix time despite its name.

    A value below 10^9 cannot be an absolute time (it would be before 2001), so it is read
    as seconds-to-live: a guard against a proxy or future version that changes the meaning.
    """
    if value is None:
        return None
    seconds = int(value)
    if seconds < 1_000_000_000:
        seconds = int(now) + seconds
    return datetime.fromtimestamp(seconds, UTC)


def _list(data: Any, key: str, *, endpoint: str = "") -> list[dict[str, Any]]:
    """A list of objects under ``key``, or a malformed-response error.

    With ``endpoint`` the list is what that endpoint must return: a ``data`` without it
    fails the call (:class:`IncompleteResponseError`) instead of reading as "none".
    Without, a missing list means empty (batch calls answer ``data: {}`` on full success).
    """
    value = data.get(key) if isinstance(data, dict) else None
    if value is None:
        if endpoint:
            raise IncompleteResponseError("TikTok Shop", endpoint, [f"data.{key}"])
        return []
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise MalformedResponseError(f"TikTok 'data.{key}' is not a list of objects")
    return value


def _page(data: Any, key: str, *, endpoint: str = "") -> Page:
    """A page; ``""`` or a missing ``next_page_token`` both mean the last page.

    A search must return its list; an empty result may leave it out only when it says
    ``total_count: 0`` (reference §5.4.1), so ``data: {}`` fails the call.
    """
    token = data.get("next_page_token") if isinstance(data, dict) else None
    total = data.get("total_count") if isinstance(data, dict) else None
    if total == 0 and isinstance(data, dict) and data.get(key) is None:
        endpoint = ""  # an explicit empty result
    return Page(
        items=tuple(_list(data, key, endpoint=endpoint)),
        next_page_token=str(token) if token else None,
        total_count=int(total) if isinstance(total, int) else None,
    )


def _sku_failures(data: Any) -> list[SkuFailure]:
    """Per-SKU errors of a batch call that still answered ``code: 0``."""
    failures = []
    for err in _list(data, "errors"):
        detail = err.get("detail") or {}
        extra = tuple(
            f"{e.get('warehouse_id', '?')}: {e.get('message', '')} (code {e.get('code', '?')})"
            for e in detail.get("extra_errors") or ()
            if isinstance(e, dict)
        )
        failures.append(
            SkuFailure(
                sku_id=str(detail.get("sku_id", "")),
                code=str(err.get("code", "")),
                message=str(err.get("message", "")),
                details=extra,
            )
        )
    return failures
