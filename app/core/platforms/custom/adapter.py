"""A website that speaks the open StoreSync contract (docs/custom-store-api.md, v1).

Any web developer can implement the contract's few endpoints on any site; this adapter is
its only client. The API key travels in the ``X-StoreSync-Key`` header over HTTPS.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping, Sequence
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import httpx

from app.core.domain import (
    AppCredentials,
    ChannelListing,
    ChannelOrder,
    ChannelOrderItem,
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
from app.core.platforms.base import MalformedResponseError, TokenProvider
from app.core.platforms.custom.errors import classify
from app.core.platforms.http import RetryPolicy, TokenBucket
from app.core.platforms.webshop import WebClient, WebShopAdapter, fields
from app.core.platforms.webshop.base import check_base_url, site_id
from app.core.text import msg

CONTRACT_VERSION = "1"
KEY_HEADER = "x-storesync-key"
SITE = "the website"


def money(value: Any) -> Decimal:
    return fields.money(value, SITE)


def gmt(value: Any) -> datetime | None:
    return fields.utc(value, SITE)


MAX_ITEMS = 100  # per stock or price request (the contract's limit)

#: the contract's order statuses -> ours
STATUS_MAP: dict[str, OrderStatus] = {
    "pending": OrderStatus.UNPAID,
    "paid": OrderStatus.TO_SHIP,
    "shipped": OrderStatus.SHIPPED,
    "completed": OrderStatus.COMPLETED,
    "cancelled": OrderStatus.CANCELLED,
    "refunded": OrderStatus.RETURNED,
}


def _listing(row: Mapping[str, Any]) -> ChannelListing:
    try:
        return ChannelListing(
            platform_product_id=str(row["product_id"]),
            platform_variant_id=str(row.get("variant_id") or "0"),
            platform_sku=str(row.get("sku") or ""),
            title=str(row.get("title") or ""),
            variant_name=str(row.get("variant_name") or ""),
            price=money(row.get("price")),
            stock=max(0, int(row.get("stock") or 0)),
            status="active" if row.get("active", True) else "inactive",
            updated_at=gmt(row.get("updated_at")),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise MalformedResponseError(f"the website sent a product without {exc}") from None


def _line(row: Mapping[str, Any]) -> ChannelOrderItem:
    return ChannelOrderItem(
        platform_item_id=str(row["line_id"]),
        platform_product_id=str(row["product_id"]),
        platform_variant_id=str(row.get("variant_id") or "0"),
        platform_sku=str(row.get("sku") or ""),
        name=str(row.get("name") or ""),
        quantity=int(row["quantity"]),
        unit_price=money(row.get("unit_price")),
        discount=money(row.get("discount")),
    )


def order(row: Mapping[str, Any]) -> ChannelOrder:
    """A contract order as a :class:`ChannelOrder`."""
    try:
        status = str(row["status"])
        lines = tuple(_line(r) for r in row.get("lines") or [])
        created = gmt(row["created_at"])
        if created is None:
            raise KeyError("created_at")
        return ChannelOrder(
            platform_order_id=str(row["order_id"]),
            status=STATUS_MAP.get(status, OrderStatus.UNPAID),
            platform_status=status,
            created_at=created,
            updated_at=gmt(row.get("updated_at")) or created,
            items=lines,
            currency=str(row.get("currency") or "IDR"),
            buyer_name=str(row.get("buyer_name") or ""),
            shipping_address=str(row.get("shipping_address") or ""),
            subtotal=sum((li.unit_price * li.quantity for li in lines), Decimal(0)),
            shipping_fee=money(row.get("shipping_fee")),
            seller_discount=money(row.get("discount")),
            total=money(row.get("total")),
            paid_at=gmt(row.get("paid_at")),
            tracking_number=str(row.get("tracking_number") or ""),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise MalformedResponseError(f"the website sent an order without {exc}") from None


class CustomStoreAdapter(WebShopAdapter):
    """One site implementing the StoreSync custom-store contract."""

    platform = Platform.CUSTOM_WEBSITE
    ship_from = frozenset({"paid"})
    cancel_from = frozenset({"pending"})

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
        self._options = {"max_order_window_seconds": 7 * 24 * 3600, **(options or {})}
        # the key pair's id part (app_id) is informational; the secret is the key
        self.client = WebClient(
            http,
            endpoints.api_base_url.rstrip("/") + "/v1",
            name="Website",
            classify=classify,
            auth_headers={KEY_HEADER: credentials.app_secret},
            secrets=(credentials.app_secret,),
            limiter=limiter,
            retry=retry,
        )

    @property
    def stock_batch_size(self) -> int:
        return MAX_ITEMS

    async def shop_info(self) -> ShopInfo:
        answer = await self.client.call("GET", "/shop", safe_to_repeat=True)
        data = answer.data if isinstance(answer.data, dict) else {}
        version = str(data.get("contract") or "")
        if version != CONTRACT_VERSION:
            raise MalformedResponseError(
                msg(
                    "the website speaks contract version {got}, StoreSync speaks {want}: ask "
                    "its developer to follow docs/custom-store-api.md",
                    got=version or "?",
                    want=CONTRACT_VERSION,
                )
            )
        site = self.client.base_url.removesuffix("/v1")
        name = str(data.get("name") or httpx.URL(site).host)
        return ShopInfo(self.shop_id or site_id(site), name, extra={"site": site})

    async def _pages(self, path: str, query: dict[str, Any]):
        page: Any = 1
        while page:
            q = {**query, "page": page, "per_page": MAX_ITEMS}
            answer = await self.client.call("GET", path, query=q, safe_to_repeat=True)
            data = answer.data if isinstance(answer.data, dict) else {}
            items = data.get("items")
            if not isinstance(items, list):
                raise MalformedResponseError(msg("the website's list has no items"))
            yield items, data.get("next_page")
            page = data.get("next_page") if items else None

    async def iter_listings(self) -> AsyncIterator[ChannelListing]:
        async for items, _next in self._pages("/products", {}):
            for row in items:
                yield _listing(row)

    async def update_stock(self, updates: Sequence[StockUpdate]) -> list[UpdateResult]:
        rows = [
            {
                "product_id": u.platform_product_id,
                "variant_id": u.platform_variant_id,
                "stock": max(0, u.stock),
            }
            for u in updates
        ]
        return await self._write("/stock", updates, rows)

    async def update_prices(self, updates: Sequence[PriceUpdate]) -> list[UpdateResult]:
        rows = [
            {
                "product_id": u.platform_product_id,
                "variant_id": u.platform_variant_id,
                "price": str(u.price),
            }
            for u in updates
        ]
        return await self._write("/prices", updates, rows)

    async def _write(self, path: str, updates, rows) -> list[UpdateResult]:
        out: list[UpdateResult] = []
        for start in range(0, len(rows), MAX_ITEMS):
            chunk = rows[start : start + MAX_ITEMS]
            answer = await self.client.call(
                "POST", path, body={"items": chunk}, safe_to_repeat=True
            )
            data = answer.data if isinstance(answer.data, dict) else {}
            got = {
                (str(r.get("product_id")), str(r.get("variant_id") or "0")): r
                for r in data.get("results") or []
                if isinstance(r, dict)
            }
            for u in updates[start : start + MAX_ITEMS]:
                r = got.get((u.platform_product_id, u.platform_variant_id))
                ok = bool(r and r.get("ok"))
                error = None if ok else str((r or {}).get("error") or "not confirmed")
                out.append(UpdateResult(u.platform_product_id, u.platform_variant_id, ok, error))
        return out

    async def list_orders(
        self, updated_from: datetime, updated_to: datetime, cursor: str | None = None
    ) -> OrderPage:
        q = {
            "updated_since": _iso(updated_from),
            "updated_until": _iso(updated_to),
            "page": cursor or 1,
            "per_page": MAX_ITEMS,
        }
        answer = await self.client.call("GET", "/orders", query=q, safe_to_repeat=True)
        data = answer.data if isinstance(answer.data, dict) else {}
        rows = data.get("items")
        if not isinstance(rows, list):
            raise MalformedResponseError(msg("the website's list has no items"))
        refs = tuple(
            OrderRef(str(r.get("order_id")), str(r.get("status")), order=order(r)) for r in rows
        )
        nxt = data.get("next_page")
        return OrderPage(refs, str(nxt) if nxt and rows else None)

    async def get_orders(self, platform_order_ids: Sequence[str]) -> list[ChannelOrder]:
        return [order(await self._get(oid)) for oid in platform_order_ids]

    async def _get(self, platform_order_id: str) -> dict[str, Any]:
        answer = await self.client.call("GET", f"/orders/{platform_order_id}", safe_to_repeat=True)
        return answer.data if isinstance(answer.data, dict) else {}

    async def _order_status(self, platform_order_id: str) -> tuple[str, Decimal]:
        data = await self._get(platform_order_id)
        return str(data.get("status") or ""), money(data.get("total"))

    async def _tracking(self, platform_order_id: str) -> str:
        return str((await self._get(platform_order_id)).get("tracking_number") or "")

    async def _complete(self, platform_order_id: str, tracking_number: str) -> None:
        body = {"tracking_number": tracking_number}
        path = f"/orders/{platform_order_id}/ship"
        await self.client.call("POST", path, body=body, safe_to_repeat=True)

    async def _cancel(self, platform_order_id: str) -> None:
        await self.client.call(
            "POST", f"/orders/{platform_order_id}/cancel", body={}, safe_to_repeat=True
        )


def _iso(dt: datetime) -> str:
    return dt.astimezone(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
