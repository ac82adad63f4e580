"""Shopee behind the :class:`~app.core.platforms.base.PlatformAdapter` protocol.

One adapter per connected Shopee shop. It asks the :class:`TokenProvider` for the current
tokens on every call (the engine may refresh between calls), turns Shopee JSON into our
normalized records via :mod:`.mapping`, and leaves token refresh decisions to the engine:
an expired token raises :class:`AuthExpiredError`, a dead refresh token
:class:`ReauthorizationRequired`.
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Callable, Sequence
from datetime import UTC, datetime
from typing import Any, TypeVar

import httpx

from app.core.domain import (
    AppCredentials,
    CancelReason,
    ChannelListing,
    ChannelOrder,
    ChannelReturn,
    Endpoints,
    OrderFees,
    OrderPage,
    OrderRef,
    Platform,
    PriceUpdate,
    ShippingInfo,
    ShopInfo,
    StockUpdate,
    TokenSet,
    UpdateResult,
)
from app.core.domain.labels import OrderLabels
from app.core.platforms.base import (
    AuthExpiredError,
    BadRequestError,
    ReauthorizationRequired,
    TokenProvider,
)
from app.core.platforms.http import RetryPolicy, TokenBucket
from app.core.platforms.shopee import aftersale, labels, mapping
from app.core.platforms.shopee.client import ShopeeClient
from app.core.platforms.shopee.records import (
    MAX_ITEM_IDS,
    MAX_ORDER_WINDOW_SECONDS,
    MAX_STOCK_MODELS,
    BatchResult,
    PriceEntry,
    ShopAuth,
    StockEntry,
    TokenGrant,
    chunked,
)
from app.core.platforms.shopee.shipping import ShopeeShipping

U = TypeVar("U", StockUpdate, PriceUpdate)

_SHIPPABLE = frozenset({"READY_TO_SHIP", "RETRY_SHIP"})
_HAS_TRACKING = frozenset({"PROCESSED", "SHIPPED", "TO_CONFIRM_RECEIVE", "COMPLETED", "TO_RETURN"})


class ShopeeAdapter(ShopeeShipping):  # shipping: shipping.py
    """One Shopee shop for the sync engine.

    ``options`` are passed to :class:`ShopeeClient` too. Adapter options:

    - ``clock``: a ``() -> epoch seconds`` function (default ``time.time``; tests pass the
      sandbox clock so signatures and expiries agree with it),
    - ``item_statuses``: which item statuses to list (default NORMAL and UNLIST),
    - ``document_type``: force a shipping document type (default: Shopee's suggestion),
    - ``document_poll_interval`` / ``document_poll_attempts``: polling of document rendering
      (default 1.0 s x 15).
    """

    platform = Platform.SHOPEE

    def __init__(
        self,
        http: httpx.AsyncClient,
        endpoints: Endpoints,
        credentials: AppCredentials,
        shop_id: str,
        tokens: TokenProvider,
        *,
        limiter: TokenBucket | None = None,
        retry: RetryPolicy | None = None,
        options: dict[str, Any] | None = None,
    ) -> None:
        self._options = dict(options or {})
        self._clock: Callable[[], float] = self._options.get("clock", time.time)
        self._shop_id = int(shop_id)
        self._tokens = tokens
        self.client = ShopeeClient(
            http,
            endpoints,
            credentials,
            limiter=limiter,
            retry=retry,
            clock=self._clock,
            options=self._options,
        )

    # ------------------------------------------------------------------ limits
    @property
    def max_order_window_seconds(self) -> int:
        """get_order_list accepts at most 15 days per call."""
        return MAX_ORDER_WINDOW_SECONDS

    @property
    def stock_batch_size(self) -> int:
        """update_stock takes up to 50 models (of one item) per call."""
        return MAX_STOCK_MODELS

    # ------------------------------------------------------------------ tokens
    def _now(self) -> datetime:
        return datetime.fromtimestamp(self._clock(), UTC)

    def _auth(self) -> ShopAuth:
        """The current access token, or the error that tells the engine what to do."""
        tokens = self._tokens.current()
        if tokens is None:
            raise ReauthorizationRequired(f"Shopee shop {self._shop_id} is not authorized")
        if tokens.access_expires_at <= self._now():
            # Saves a round trip that would only return invalid_acceess_token.
            raise AuthExpiredError("Shopee access token has expired", code="token_expired")
        return ShopAuth(self._shop_id, tokens.access_token)

    def _token_set(self, grant: TokenGrant) -> TokenSet:
        return TokenSet(
            access_token=grant.access_token,
            refresh_token=grant.refresh_token,
            access_expires_at=grant.access_expires_at,
            refresh_expires_at=self._now() + self.client.refresh_token_lifetime,
        )

    def authorization_url(self, redirect_url: str, state: str = "") -> str:
        """The consent link for the seller (valid 5 minutes)."""
        return self.client.auth_link(redirect_url, state)

    async def exchange_code(self, code: str, shop_id: str | None = None) -> TokenSet:
        """Tokens for the code the consent redirect carried."""
        grant = await self.client.get_access_token(code, shop_id=int(shop_id or self._shop_id))
        return self._token_set(grant)

    async def refresh_tokens(self, tokens: TokenSet) -> TokenSet:
        """New tokens; the old refresh token is dead afterwards, so store these at once."""
        grant = await self.client.refresh_access_token(tokens.refresh_token, shop_id=self._shop_id)
        return self._token_set(grant)

    async def shop_info(self) -> ShopInfo:
        """Name, region and authorization expiry of this shop."""
        info = await self.client.get_shop_info(self._auth())
        extra = {"status": str(info.get("status") or "")}
        expires = mapping.utc(info.get("expire_time"))
        if expires is not None:
            extra["authorization_expires_at"] = expires.isoformat()
        return ShopInfo(
            shop_id=str(self._shop_id),
            name=str(info.get("shop_name") or ""),
            region=str(info.get("region") or "ID"),
            extra=extra,
        )

    async def authorized_shops(self) -> list[ShopInfo]:
        """A Shopee shop token grants exactly one shop."""
        return [await self.shop_info()]

    # ------------------------------------------------------------------ catalog
    async def iter_listings(self) -> AsyncIterator[ChannelListing]:
        """Every listing (one per model; model-less items as variant "0")."""
        statuses = tuple(self._options.get("item_statuses", ("NORMAL", "UNLIST")))
        item_ids = [
            int(item["item_id"])
            async for item in self.client.iter_item_list(self._auth(), item_status=statuses)
        ]
        for batch in chunked(item_ids, MAX_ITEM_IDS):
            for item in await self.client.get_item_base_info(self._auth(), batch):
                if item.get("has_model"):
                    models = await self.client.get_model_list(self._auth(), int(item["item_id"]))
                    for listing in mapping.listings_from_models(item, models):
                        yield listing
                else:
                    yield mapping.listing_from_item(item)

    async def update_stock(self, updates: Sequence[StockUpdate]) -> list[UpdateResult]:
        """Absolute stock per listing, one call per item (50 models each)."""
        results: list[UpdateResult] = []
        for item_id, group in _by_item(updates).items():
            entries = [
                StockEntry(int(u.platform_variant_id), u.stock, u.warehouse_id or None)
                for u in group
            ]
            try:
                batch = await self.client.update_stock(self._auth(), int(item_id), entries)
            except BadRequestError as exc:  # item gone, structure wrong: fails these only
                results.extend(_failed(group, exc.message))
                continue
            results.extend(_results(group, batch))
        return results

    async def update_prices(self, updates: Sequence[PriceUpdate]) -> list[UpdateResult]:
        """Original price per listing, one call per item (50 models each)."""
        results: list[UpdateResult] = []
        for item_id, group in _by_item(updates).items():
            entries = [PriceEntry(int(u.platform_variant_id), u.price) for u in group]
            try:
                batch = await self.client.update_price(self._auth(), int(item_id), entries)
            except BadRequestError as exc:
                results.extend(_failed(group, exc.message))
                continue
            results.extend(_results(group, batch))
        return results

    # ------------------------------------------------------------------ orders
    async def list_orders(
        self, updated_from: datetime, updated_to: datetime, cursor: str | None = None
    ) -> OrderPage:
        """One page of orders updated in the window (at most 15 days)."""
        page = await self.client.get_order_list(
            self._auth(),
            time_from=int(updated_from.timestamp()),
            time_to=int(updated_to.timestamp()),
            cursor=cursor or "",
        )
        refs = tuple(
            OrderRef(
                platform_order_id=str(o["order_sn"]),
                platform_status=str(o.get("order_status") or ""),
            )
            for o in page.orders
        )
        return OrderPage(orders=refs, next_cursor=page.next_cursor if page.more else None)

    async def get_orders(self, platform_order_ids: Sequence[str]) -> list[ChannelOrder]:
        """Full orders, 50 per call."""
        details = await self.client.get_order_detail(self._auth(), list(platform_order_ids))
        return [mapping.order_from_detail(d) for d in details]

    async def _detail(self, order_sn: str, fields: Sequence[str]) -> dict[str, Any]:
        details = await self.client.get_order_detail(self._auth(), [order_sn], fields)
        if not details:
            raise BadRequestError(f"order {order_sn} not found", code="error_not_found")
        return details[0]

    # ------------------------------------------------------------------ cancel, returns
    async def cancel_reasons(self) -> list[CancelReason]:
        """The reasons a seller may give (documented list; option ``cancel_reasons``)."""
        return aftersale.cancel_reasons(self._options)

    async def cancel_order(
        self, platform_order_id: str, reason: str, items: Sequence[tuple[str, str, int]] = ()
    ) -> None:
        """Cancel an unshipped order as the seller (never retried)."""
        await aftersale.cancel_order(self.client, self._auth(), platform_order_id, reason, items)

    async def list_returns(
        self, updated_from: datetime, updated_to: datetime
    ) -> list[ChannelReturn]:
        """Returns updated in the range (option ``return_status_map`` adds statuses)."""
        states = {**aftersale.RETURN_STATES, **self._options.get("return_status_map", {})}
        return await aftersale.list_returns(
            self.client, self._auth(), updated_from, updated_to, states
        )

    # ------------------------------------------------------------------ fulfilment, fees
    async def shipping_info(self, platform_order_id: str) -> ShippingInfo:
        """Ship methods while the order awaits shipment; tracking number once arranged."""
        detail = await self._detail(platform_order_id, ("package_list", "shipping_carrier"))
        status = str(detail.get("order_status"))
        packages = detail.get("package_list") or [{}]
        methods: tuple[str, ...] = ()
        tracking = ""
        if status in _SHIPPABLE:
            params = await self.client.get_shipping_parameter(self._auth(), platform_order_id)
            methods = tuple(sorted((params.get("info_needed") or {}).keys()))
        elif status in _HAS_TRACKING:
            found = await self.client.get_tracking_number(self._auth(), platform_order_id)
            tracking = str(found.get("tracking_number") or "")
        return ShippingInfo(
            platform_order_id=platform_order_id,
            methods=methods,
            tracking_number=tracking,
            carrier=str(
                detail.get("shipping_carrier") or packages[0].get("shipping_carrier") or ""
            ),
            package_id=str(packages[0].get("package_number") or ""),
        )

    async def shipping_labels(self, platform_order_ids: Sequence[str]) -> list[OrderLabels]:
        """Airway bills per order and package (create, poll until READY, download)."""
        return await labels.fetch_labels(self.client, self._auth, platform_order_ids, self._options)

    async def order_fees(self, platform_order_id: str) -> OrderFees | None:
        """Fees from the escrow detail; None before payment (there is no escrow yet)."""
        detail = await self._detail(platform_order_id, ("pay_time",))
        if detail.get("order_status") == "UNPAID" or not detail.get("pay_time"):
            return None
        escrow = await self.client.get_escrow_detail(self._auth(), platform_order_id)
        final = detail.get("order_status") == "COMPLETED"  # escrow changes until completion
        return mapping.fees_from_escrow(platform_order_id, escrow, final=final)


# --------------------------------------------------------------------------- helpers


def _by_item(updates: Sequence[U]) -> dict[str, list[U]]:
    """Updates grouped per Shopee item (one API call covers one item)."""
    grouped: dict[str, list[U]] = {}
    for update in updates:
        grouped.setdefault(update.platform_product_id, []).append(update)
    return grouped


def _failed(group: Sequence[StockUpdate | PriceUpdate], reason: str) -> list[UpdateResult]:
    return [
        UpdateResult(u.platform_product_id, u.platform_variant_id, ok=False, error=reason)
        for u in group
    ]


def _results(group: Sequence[StockUpdate | PriceUpdate], batch: BatchResult) -> list[UpdateResult]:
    """Per-listing outcome read from Shopee's success/failure lists.

    A listing in neither list did not demonstrably succeed, so it counts as failed.
    """
    failed = {
        str(f.get("model_id", 0)): str(f.get("failed_reason") or "failed")
        for f in batch.failure_list
    }
    succeeded = {str(s.get("model_id", 0)) for s in batch.success_list}
    out = []
    for u in group:
        vid = u.platform_variant_id
        if vid in failed:
            out.append(UpdateResult(u.platform_product_id, vid, ok=False, error=failed[vid]))
        elif vid in succeeded:
            out.append(UpdateResult(u.platform_product_id, vid, ok=True))
        else:
            out.append(
                UpdateResult(u.platform_product_id, vid, ok=False, error="no result from Shopee")
            )
    return out
