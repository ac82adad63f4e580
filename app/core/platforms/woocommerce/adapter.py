"""A WooCommerce shop behind the :class:`~app.core.platforms.base.PlatformAdapter` protocol.

Follows WooCommerce's published REST API v3 (``/wp-json/wc/v3``): consumer key and secret
sent as HTTP Basic over HTTPS (query-string keys only when the shop's server drops the
Authorization header: option ``query_string_auth``); products and variations paged with
``per_page``/``page`` and the ``X-WP-TotalPages`` header; orders listed by
``modified_after``/``modified_before`` in GMT; stock and prices written with the batch
endpoints (at most 100 objects per request by default). See docs/ARCHITECTURE.md,
"Website stores".
"""

from __future__ import annotations

import base64
from collections import defaultdict
from collections.abc import AsyncIterator, Sequence
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import httpx

from app.core.domain import (
    AppCredentials,
    ChannelListing,
    ChannelOrder,
    Endpoints,
    OrderPage,
    OrderRef,
    OrderStatus,
    Platform,
    PriceUpdate,
    ShopInfo,
    StockUpdate,
    UpdateResult,
)
from app.core.platforms.base import TokenProvider
from app.core.platforms.http import RetryPolicy, TokenBucket
from app.core.platforms.webshop import WebClient, WebShopAdapter, int_header
from app.core.platforms.webshop.base import check_base_url, site_id
from app.core.platforms.woocommerce import mapping
from app.core.platforms.woocommerce.errors import classify
from app.core.text import msg

API = "/wp-json/wc/v3"

DEFAULT_OPTIONS: dict[str, Any] = {
    # WooCommerce caps a batch request at 100 objects unless the shop raised
    # woocommerce_rest_batch_items_limit.
    "stock_batch_size": 100,
    "page_size": 100,  # the REST API's maximum per_page
    # WooCommerce sets no order-search window; a week keeps each listing small.
    "max_order_window_seconds": 7 * 24 * 3600,
    # Some Apache/FastCGI hosts strip the Authorization header; WooCommerce then accepts
    # the keys as query parameters (over HTTPS only).
    "query_string_auth": False,
    "status_map": {},
}


def _basic(key: str, secret: str) -> str:
    return "Basic " + base64.b64encode(f"{key}:{secret}".encode()).decode()


class WooCommerceAdapter(WebShopAdapter):
    """One WooCommerce site as the sync engine uses it."""

    platform = Platform.WOOCOMMERCE
    ship_from = frozenset({"processing"})
    cancel_from = frozenset({"pending", "on-hold"})

    def __init__(
        self,
        http: httpx.AsyncClient,
        endpoints: Endpoints,
        credentials: AppCredentials,
        shop_id: str,
        tokens: TokenProvider | None = None,
        *,
        limiter: TokenBucket | None = None,
        retry: RetryPolicy | None = None,
        options: dict | None = None,
    ) -> None:
        check_base_url(endpoints.api_base_url)
        self.shop_id = shop_id
        self._options = {**DEFAULT_OPTIONS, **(options or {})}
        key, secret = credentials.app_id, credentials.app_secret
        auth: dict[str, Any] = {}
        if self._options["query_string_auth"]:
            auth["auth_query"] = {"consumer_key": key, "consumer_secret": secret}
        else:
            auth["auth_headers"] = {"authorization": _basic(key, secret)}
        self.client = WebClient(
            http,
            endpoints.api_base_url.rstrip("/") + API,
            name="WooCommerce",
            classify=classify,
            secrets=(secret, key, _basic(key, secret)),
            limiter=limiter,
            retry=retry,
            **auth,
        )
        self._status_map = {
            **mapping.STATUS_MAP,
            **{k: OrderStatus(v) for k, v in self._options["status_map"].items()},
        }

    # ------------------------------------------------------------------ limits
    @property
    def stock_batch_size(self) -> int:
        return int(self._options["stock_batch_size"])

    # ------------------------------------------------------------------ shop
    async def shop_info(self) -> ShopInfo:
        """One authenticated call checks the keys; the site's host names the shop (the
        wc/v3 API carries no shop title)."""
        await self.client.call("GET", "/products", query={"per_page": 1}, safe_to_repeat=True)
        site = self.client.base_url.removesuffix(API)
        host = httpx.URL(site).host
        return ShopInfo(self.shop_id or site_id(site), host, extra={"site": site})

    # ------------------------------------------------------------------ catalog
    async def _pages(self, path: str, query: dict[str, Any] | None = None):
        page = 1
        while True:
            q = {"per_page": self._options["page_size"], "page": page, **(query or {})}
            answer = await self.client.call("GET", path, query=q, safe_to_repeat=True)
            items = answer.data if isinstance(answer.data, list) else []
            for item in items:
                yield item
            total_pages = int_header(answer.headers, "x-wp-totalpages")
            if not items or total_pages is None or page >= total_pages:
                return
            page += 1

    async def iter_listings(self) -> AsyncIterator[ChannelListing]:
        async for product in self._pages("/products"):
            if product.get("type") == "variable":
                path = f"/products/{product['id']}/variations"
                async for variation in self._pages(path):
                    yield mapping.variation_listing(product, variation)
            else:
                yield mapping.simple_listing(product)

    async def update_stock(self, updates: Sequence[StockUpdate]) -> list[UpdateResult]:
        """Absolute stock, one batch call per product (variations) or for all simple ones."""
        return await self._batch(
            updates, lambda u: {"manage_stock": True, "stock_quantity": max(0, u.stock)}
        )

    async def update_prices(self, updates: Sequence[PriceUpdate]) -> list[UpdateResult]:
        return await self._batch(updates, lambda u: {"regular_price": _price(u.price)})

    async def _batch(self, updates, fields) -> list[UpdateResult]:
        groups: dict[str, list] = defaultdict(list)
        for u in updates:
            key = "" if u.platform_variant_id == mapping.SIMPLE else u.platform_product_id
            groups[key].append(u)
        results: list[UpdateResult] = []
        for product_id, items in groups.items():
            path = f"/products/{product_id}/variations/batch" if product_id else "/products/batch"
            for start in range(0, len(items), self.stock_batch_size):
                chunk = items[start : start + self.stock_batch_size]
                results += await self._send_batch(path, chunk, fields, bool(product_id))
        return results

    async def _send_batch(self, path, chunk, fields, variations: bool) -> list[UpdateResult]:
        def oid(u) -> int:
            return int(u.platform_variant_id if variations else u.platform_product_id)

        body = {"update": [{"id": oid(u), **fields(u)} for u in chunk]}
        # an absolute value: repeating the same batch after a dropped answer is harmless
        answer = await self.client.call("POST", path, body=body, safe_to_repeat=True)
        done = answer.data.get("update") if isinstance(answer.data, dict) else None
        by_id = {str(d.get("id")): d for d in done or [] if isinstance(d, dict)}
        out = []
        for u in chunk:
            got = by_id.get(str(oid(u)))
            error = None if got is not None else msg("WooCommerce did not confirm the update")
            if got is not None and isinstance(got.get("error"), dict):
                error = str(got["error"].get("message") or got["error"].get("code"))
            out.append(
                UpdateResult(u.platform_product_id, u.platform_variant_id, error is None, error)
            )
        return out

    # ------------------------------------------------------------------ orders
    async def list_orders(
        self, updated_from: datetime, updated_to: datetime, cursor: str | None = None
    ) -> OrderPage:
        """Orders modified in the range, whole (WooCommerce lists full orders)."""
        page = int(cursor or 1)
        query = {
            "modified_after": _iso(updated_from),
            "modified_before": _iso(updated_to),
            "dates_are_gmt": "true",
            "per_page": self._options["page_size"],
            "page": page,
            "orderby": "id",
            "order": "asc",
        }
        answer = await self.client.call("GET", "/orders", query=query, safe_to_repeat=True)
        rows = answer.data if isinstance(answer.data, list) else []
        refs = tuple(
            OrderRef(str(o["id"]), str(o.get("status")), order=self._order(o)) for o in rows
        )
        total_pages = int_header(answer.headers, "x-wp-totalpages") or page
        return OrderPage(refs, str(page + 1) if page < total_pages and rows else None)

    async def get_orders(self, platform_order_ids: Sequence[str]) -> list[ChannelOrder]:
        out: list[ChannelOrder] = []
        size = int(self._options["page_size"])
        for start in range(0, len(platform_order_ids), size):
            ids = platform_order_ids[start : start + size]
            query = {"include": ",".join(ids), "per_page": size}
            answer = await self.client.call("GET", "/orders", query=query, safe_to_repeat=True)
            out += [self._order(o) for o in answer.data or [] if isinstance(o, dict)]
        return out

    def _order(self, data: dict[str, Any]) -> ChannelOrder:
        return mapping.order(data, self._status_map)

    async def _get_order(self, platform_order_id: str) -> dict[str, Any]:
        answer = await self.client.call(
            "GET", f"/orders/{int(platform_order_id)}", safe_to_repeat=True
        )
        return answer.data if isinstance(answer.data, dict) else {}

    # hooks of WebShopAdapter
    async def _order_status(self, platform_order_id: str) -> tuple[str, Decimal]:
        data = await self._get_order(platform_order_id)
        return str(data.get("status") or ""), mapping.money(data.get("total"))

    async def _tracking(self, platform_order_id: str) -> str:
        return mapping.meta(await self._get_order(platform_order_id), mapping.TRACKING_META)

    async def _complete(self, platform_order_id: str, tracking_number: str) -> None:
        oid = int(platform_order_id)
        body = {
            "status": "completed",
            "meta_data": [{"key": mapping.TRACKING_META, "value": tracking_number}],
        }
        await self.client.call("PUT", f"/orders/{oid}", body=body, safe_to_repeat=True)
        note = {"note": f"Tracking number: {tracking_number}", "customer_note": True}
        await self.client.call("POST", f"/orders/{oid}/notes", body=note, safe_to_repeat=False)

    async def _cancel(self, platform_order_id: str) -> None:
        body = {"status": "cancelled"}
        oid = int(platform_order_id)
        await self.client.call("PUT", f"/orders/{oid}", body=body, safe_to_repeat=True)


def _iso(dt: datetime) -> str:
    """A UTC time as WooCommerce's ISO 8601 without offset (read as GMT with
    ``dates_are_gmt``)."""
    return dt.astimezone(UTC).replace(microsecond=0, tzinfo=None).isoformat()


def _price(value: Decimal) -> str:
    return f"{value.quantize(Decimal('0.01'))}"
