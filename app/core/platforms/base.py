"""What every marketplace client shares: the adapter protocol and the typed errors.

The sync engine only ever sees the normalized records of :mod:`app.core.domain`, never
platform JSON. Adding a marketplace means one new package under ``app.core.platforms`` that
implements :class:`PlatformAdapter` and registers itself in :mod:`app.core.platforms.registry`.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping, Sequence
from datetime import datetime
from typing import Any, Protocol, runtime_checkable

from app.core.domain import (
    CancelReason,
    ChannelListing,
    ChannelOrder,
    ChannelReturn,
    OrderFees,
    OrderPage,
    Platform,
    PriceUpdate,
    ShippedPackage,
    ShippingInfo,
    ShippingOptions,
    ShipRequest,
    ShipResult,
    ShopInfo,
    StockUpdate,
    TokenSet,
    UpdateResult,
)
from app.core.domain.labels import OrderLabels

__all__ = [
    "AuthError",
    "AuthExpiredError",
    "BadRequestError",
    "IncompleteResponseError",
    "MalformedResponseError",
    "NoAnswerError",
    "PermissionDeniedError",
    "PlatformAdapter",
    "PlatformError",
    "RateLimitedError",
    "ReauthorizationRequired",
    "ServerError",
    "TokenProvider",
    "require_fields",
]


# --------------------------------------------------------------------------- errors


class PlatformError(Exception):
    """A marketplace call failed. Carries the platform's code, message and request id.

    Messages never contain secrets: clients redact before raising. ``retry_after`` is the
    seconds the platform asked us to wait (a ``Retry-After`` header on a 429 or 503).
    """

    retryable = False

    def __init__(
        self,
        message: str,
        *,
        code: str | None = None,
        request_id: str | None = None,
        http_status: int | None = None,
        retry_after: float | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.request_id = request_id
        self.http_status = http_status
        self.retry_after = retry_after

    def __str__(self) -> str:
        parts = [self.message]
        if self.code:
            parts.append(f"code={self.code}")
        if self.request_id:
            parts.append(f"request_id={self.request_id}")
        return " ".join(parts)


class AuthError(PlatformError):
    """Access token expired or invalid: refresh once and retry."""


class AuthExpiredError(AuthError):
    """The access token has expired (refresh should fix it)."""


class ReauthorizationRequired(AuthError):
    """The refresh token is invalid or expired: the seller must authorize again."""


class PermissionDeniedError(PlatformError):
    """The app lacks the scope or the shop is not authorized for this call."""


class BadRequestError(PlatformError):
    """A parameter was rejected (our bug or bad data); retrying will not help."""


class RateLimitedError(PlatformError):
    """Too many requests. ``retry_after`` is seconds to wait when the platform said."""

    retryable = True


class ServerError(PlatformError):
    """The platform failed (5xx, timeout, connection dropped)."""

    retryable = True


class NoAnswerError(ServerError):
    """The platform did not answer: a call timed out or could not connect, also after its
    retries. The engine gives such a store no more jobs in the same pass
    (docs/ARCHITECTURE.md, deadlines)."""


class MalformedResponseError(PlatformError):
    """The response was not the JSON envelope we expect (truncated, HTML, wrong shape)."""

    retryable = True


class IncompleteResponseError(MalformedResponseError):
    """A well-formed success envelope without what the endpoint must return
    (``{"response": {}}`` for an order list): the call failed, nothing is taken from it.

    Not repeated in place: the same answer would come back at once. The order cursor stays
    where it was and pushes stay pending with their back-off, so the next run tries again.
    """

    retryable = False

    def __init__(self, platform: str, endpoint: str, missing: Sequence[str], **kw: object) -> None:
        self.platform, self.endpoint = platform, endpoint
        self.missing = tuple(missing)
        text = f"{platform} {endpoint} answered without {', '.join(self.missing)}"
        super().__init__(text, **kw)  # type: ignore[arg-type]


def require_fields(
    platform: str,
    endpoint: str,
    data: Any,
    fields: Mapping[str, type | tuple[type, ...]],
    *,
    request_id: str | None = None,
) -> None:
    """Check that a success payload holds what the endpoint must return.

    ``fields`` maps each required key to its type(s); a key that is absent, ``null`` or of
    another type is "missing". Raises :class:`IncompleteResponseError` naming them all.
    """
    if not isinstance(data, Mapping):
        raise IncompleteResponseError(platform, endpoint, ["its payload"], request_id=request_id)
    missing = [
        key
        for key, kind in fields.items()
        if not isinstance(data.get(key), kind)
        or (kind in (int, float) and isinstance(data.get(key), bool))
    ]
    if missing:
        raise IncompleteResponseError(platform, endpoint, missing, request_id=request_id)


# --------------------------------------------------------------------------- the protocol


@runtime_checkable
class PlatformAdapter(Protocol):
    """One connected store on one marketplace, as the sync engine uses it.

    An adapter is built per store with its endpoints, app credentials, shop id and a token
    provider; it owns no HTTP client of its own (the engine's loop passes a shared one).
    All methods raise :class:`PlatformError` subclasses on failure.
    """

    platform: Platform

    # authorization
    def authorization_url(self, redirect_url: str, state: str = "") -> str: ...
    async def exchange_code(self, code: str, shop_id: str | None = None) -> TokenSet: ...
    async def refresh_tokens(self, tokens: TokenSet) -> TokenSet: ...
    async def shop_info(self) -> ShopInfo: ...
    async def authorized_shops(self) -> list[ShopInfo]: ...

    # catalog
    def iter_listings(self) -> AsyncIterator[ChannelListing]: ...
    async def update_stock(self, updates: Sequence[StockUpdate]) -> list[UpdateResult]: ...
    async def update_prices(self, updates: Sequence[PriceUpdate]) -> list[UpdateResult]: ...

    # orders
    async def list_orders(
        self, updated_from: datetime, updated_to: datetime, cursor: str | None = None
    ) -> OrderPage: ...
    async def get_orders(self, platform_order_ids: Sequence[str]) -> list[ChannelOrder]: ...

    # fulfilment and fees
    async def shipping_info(self, platform_order_id: str) -> ShippingInfo: ...
    async def shipping_labels(self, platform_order_ids: Sequence[str]) -> list[OrderLabels]:
        """Airway bills per order and package, one result per order in the same order;
        an order that cannot print carries its reason (reference §5.17 / §5.5)."""
        ...

    async def order_fees(self, platform_order_id: str) -> OrderFees | None: ...

    # shipping (docs/ARCHITECTURE.md, "Fulfilment"): a refusal of one order is a
    # ShipResult / ShippingOptions.problem with the platform's reason, not an exception
    def ready_to_ship(self, platform_status: str) -> bool: ...
    async def shipping_options(self, platform_order_id: str) -> ShippingOptions: ...
    async def ship(self, request: ShipRequest) -> ShipResult: ...
    async def tracking_numbers(self, platform_order_id: str) -> tuple[ShippedPackage, ...]: ...

    # cancellations and returns (docs/ARCHITECTURE.md, "Fulfilment")
    async def cancel_reasons(self) -> list[CancelReason]: ...
    async def cancel_order(
        self, platform_order_id: str, reason: str, items: Sequence[tuple[str, str, int]] = ()
    ) -> None: ...
    async def list_returns(
        self, updated_from: datetime, updated_to: datetime
    ) -> list[ChannelReturn]: ...

    # limits the engine plans with
    @property
    def max_order_window_seconds(self) -> int: ...
    @property
    def stock_batch_size(self) -> int: ...


class TokenProvider(Protocol):
    """Gives an adapter the shop's current tokens; the engine keeps them in the keychain."""

    def current(self) -> TokenSet | None: ...
