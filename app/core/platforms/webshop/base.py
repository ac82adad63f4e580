"""What every website shop shares behind the adapter protocol.

A website has no marketplace in between: no OAuth (the seller pastes a key pair once, kept
in the keychain as the store's app credentials), no marketplace fees, no carrier booking
and no airway bills. The seller ships with their own courier and types its tracking
number; the shop then marks the order done. Connecting runs the usual code exchange with
an empty code: :meth:`exchange_code` checks the keys with one call and returns a token set
that never expires, so the engine's token handling needs no special case
(docs/ARCHITECTURE.md, "Website stores").
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from decimal import Decimal

import httpx

from app.core.domain import (
    CancelReason,
    ChannelReturn,
    OrderFees,
    ShippingInfo,
    ShopInfo,
    TokenSet,
)
from app.core.domain.labels import OrderLabels
from app.core.domain.shipping import (
    ShipMethod,
    ShipOutcome,
    ShippedPackage,
    ShippingOptions,
    ShipRequest,
    ShipResult,
)
from app.core.platforms.base import BadRequestError, PlatformError
from app.core.platforms.registry import is_loopback
from app.core.text import msg

#: website keys do not expire; the engine sees a token set valid until then
KEY_AUTH_EXPIRY = datetime(2100, 1, 1, tzinfo=UTC)
KEY_AUTH = "website-key"  # not a secret: the keys themselves stay in the app credentials


def check_base_url(url: str) -> None:
    """Keys go over HTTPS only (WooCommerce refuses Basic auth over plain HTTP); our own
    loopback sandbox is the exception."""
    scheme = httpx.URL(url).scheme
    if scheme == "https" or (scheme == "http" and is_loopback(url)):
        return
    raise BadRequestError(
        msg("use the shop's https:// address: keys are never sent over plain http")
    )


def site_id(address: str) -> str:
    """A website's shop id: its host and path, without scheme or port (so a sandbox that
    restarts on another port, or http→https, keeps the same store)."""
    url = httpx.URL(address)
    return (url.host + url.path.rstrip("/"))[:80]


def key_tokens() -> TokenSet:
    """The token set of a key-authenticated shop."""
    return TokenSet(KEY_AUTH, KEY_AUTH, KEY_AUTH_EXPIRY, None)


class WebShopAdapter:
    """Base of the website adapters. Subclasses implement the catalog and order calls,
    :meth:`shop_info`, and the four order hooks used here."""

    #: the platform statuses an order can be shipped from
    ship_from: frozenset[str] = frozenset()
    #: the adapter's options; ``max_order_window_seconds`` is the order-list window
    _options: dict

    @property
    def max_order_window_seconds(self) -> int:
        return int(self._options["max_order_window_seconds"])

    # ------------------------------------------------------------------ hooks
    async def shop_info(self) -> ShopInfo:  # pragma: no cover - abstract
        raise NotImplementedError

    async def _order_status(self, platform_order_id: str) -> tuple[str, Decimal]:
        """The order's platform status and total paid."""
        raise NotImplementedError  # pragma: no cover

    async def _complete(self, platform_order_id: str, tracking_number: str) -> None:
        """Mark the order shipped/done in the shop, keeping the tracking number."""
        raise NotImplementedError  # pragma: no cover

    async def _tracking(self, platform_order_id: str) -> str:
        raise NotImplementedError  # pragma: no cover

    async def _cancel(self, platform_order_id: str) -> None:
        raise NotImplementedError  # pragma: no cover

    # ------------------------------------------------------------------ authorization
    def authorization_url(self, redirect_url: str, state: str = "") -> str:
        """Website shops have no consent page: the seller pastes keys."""
        raise BadRequestError(msg("a website store is connected with its keys, not a link"))

    async def exchange_code(self, code: str, shop_id: str | None = None) -> TokenSet:
        """Check the keys with one call (a refusal names what to fix)."""
        await self.shop_info()
        return key_tokens()

    async def refresh_tokens(self, tokens: TokenSet) -> TokenSet:
        """Keys do not expire; nothing to refresh."""
        return key_tokens()

    async def authorized_shops(self) -> list[ShopInfo]:
        """A key pair belongs to exactly one site."""
        return [await self.shop_info()]

    # ------------------------------------------------------------------ fees
    async def order_fees(self, platform_order_id: str) -> OrderFees | None:
        """No marketplace takes a cut: the payout is what the buyer paid (payment-gateway
        fees are not reported by the shop and are left out)."""
        _status, total = await self._order_status(platform_order_id)
        zero = Decimal(0)
        return OrderFees(platform_order_id, zero, zero, zero, zero, zero, total, final=True)

    # ------------------------------------------------------------------ shipping
    def ready_to_ship(self, platform_status: str) -> bool:
        return platform_status in self.ship_from

    async def shipping_info(self, platform_order_id: str) -> ShippingInfo:
        status, _ = await self._order_status(platform_order_id)
        methods = (ShipMethod.SELF.value,) if self.ready_to_ship(status) else ()
        tracking = "" if methods else await self._tracking(platform_order_id)
        return ShippingInfo(platform_order_id, methods, tracking)

    async def shipping_options(self, platform_order_id: str) -> ShippingOptions:
        """Only the seller's own courier: a website books no carrier."""
        status, _ = await self._order_status(platform_order_id)
        if not self.ready_to_ship(status):
            problem = msg("the order is {status} in the shop: it cannot be shipped", status=status)
            return ShippingOptions(platform_order_id, problem=problem)
        return ShippingOptions(platform_order_id, methods=(ShipMethod.SELF,))

    async def ship(self, request: ShipRequest) -> ShipResult:
        oid = request.platform_order_id
        if request.method is not ShipMethod.SELF:
            reason = msg("a website order ships with your own courier and its tracking number")
            return ShipResult(oid, ShipOutcome.NEEDS_INPUT, reason=reason)
        if not request.tracking_number.strip():
            reason = msg("type the courier's tracking number")
            return ShipResult(oid, ShipOutcome.NEEDS_INPUT, method=ShipMethod.SELF, reason=reason)
        try:
            await self._complete(oid, request.tracking_number.strip())
        except BadRequestError as exc:
            return ShipResult(oid, ShipOutcome.FAILED, reason=exc.message, code=exc.code or "")
        package = ShippedPackage(oid, request.tracking_number.strip())
        return ShipResult(oid, ShipOutcome.DONE, (package,), ShipMethod.SELF)

    async def tracking_numbers(self, platform_order_id: str) -> tuple[ShippedPackage, ...]:
        tracking = await self._tracking(platform_order_id)
        return (ShippedPackage(platform_order_id, tracking),)

    async def shipping_labels(self, platform_order_ids: Sequence[str]) -> list[OrderLabels]:
        """A website issues no airway bill: the courier's own app prints it."""
        error = msg("a website order has no airway bill: print it in your courier's app")
        return [OrderLabels(oid, error=error) for oid in platform_order_ids]

    # ------------------------------------------------------------------ cancel, returns
    async def cancel_reasons(self) -> list[CancelReason]:
        return [CancelReason("cancelled", msg("Cancelled by the seller"))]

    async def cancel_order(
        self, platform_order_id: str, reason: str, items: Sequence[tuple[str, str, int]] = ()
    ) -> None:
        """Whole orders only: a website order is cancelled as one."""
        if items:
            raise BadRequestError(msg("a website order is cancelled whole, not per item"))
        status, _ = await self._order_status(platform_order_id)
        if not self.ready_to_ship(status) and status not in self.cancel_from:
            raise BadRequestError(
                msg("the order is {status} in the shop: it cannot be cancelled", status=status)
            )
        await self._cancel(platform_order_id)

    #: statuses, besides the ship-from ones, an order can be cancelled from
    cancel_from: frozenset[str] = frozenset()

    async def list_returns(
        self, updated_from: datetime, updated_to: datetime
    ) -> list[ChannelReturn]:
        """A refund shows as the order's own status (returned); no return requests."""
        return []


__all__ = ["KEY_AUTH_EXPIRY", "PlatformError", "WebShopAdapter", "key_tokens"]
