"""The normalized records every marketplace adapter produces and the engine and services use.

Platform JSON never leaves an adapter: what crosses into the rest of the app is one of these.
Money is :class:`~decimal.Decimal` in the store's currency (IDR for our users); times are
timezone-aware UTC datetimes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from app.core.domain.enums import OrderStatus

__all__ = [
    "AppCredentials",
    "ChannelListing",
    "ChannelOrder",
    "ChannelOrderItem",
    "Endpoints",
    "OrderFees",
    "OrderPage",
    "OrderRef",
    "PriceUpdate",
    "ShippingDocument",
    "ShippingInfo",
    "ShopInfo",
    "StockUpdate",
    "TokenSet",
    "UpdateResult",
    "WarehouseStock",
]


# --------------------------------------------------------------------------- credentials


@dataclass(frozen=True)
class AppCredentials:
    """The seller's app (partner) credentials. Secret: never log, never persist outside keyring.

    Shopee: ``app_id`` is the partner_id, ``app_secret`` the partner key.
    TikTok Shop: ``app_id`` is the app_key, ``app_secret`` the app secret; ``service_id`` is
    needed for the consent link.
    """

    app_id: str
    app_secret: str
    service_id: str | None = None

    def __repr__(self) -> str:  # keep secrets out of tracebacks and logs
        return f"AppCredentials(app_id={self.app_id!r}, app_secret='***')"


@dataclass(frozen=True)
class TokenSet:
    """OAuth tokens for one shop, with absolute UTC expiry times. Secret as a whole."""

    access_token: str
    refresh_token: str
    access_expires_at: datetime
    refresh_expires_at: datetime | None = None

    def __repr__(self) -> str:
        return (
            f"TokenSet(access_token='***', refresh_token='***', "
            f"access_expires_at={self.access_expires_at!r}, "
            f"refresh_expires_at={self.refresh_expires_at!r})"
        )


@dataclass(frozen=True)
class Endpoints:
    """Where a store's API lives. Production, the platform's sandbox, or our loopback sandbox.

    ``auth_base_url`` is TikTok's separate token host; Shopee uses ``api_base_url`` for both.
    """

    api_base_url: str
    auth_base_url: str | None = None


@dataclass(frozen=True)
class ShopInfo:
    """A shop an authorization grants access to."""

    shop_id: str
    name: str
    region: str = "ID"
    cipher: str | None = None  # TikTok's shop_cipher; not a secret, but needed on every call
    extra: dict[str, str] = field(default_factory=dict)


# --------------------------------------------------------------------------- catalog


@dataclass(frozen=True)
class WarehouseStock:
    """Stock of one listing in one platform warehouse (location)."""

    warehouse_id: str  # Shopee location_id ("" for shops without multi-warehouse)
    available: int
    reserved: int = 0


@dataclass(frozen=True)
class ChannelListing:
    """One sellable unit on a platform: a Shopee model (or model-less item), a TikTok SKU.

    ``platform_variant_id`` is "0" for a Shopee item without models.
    """

    platform_product_id: str
    platform_variant_id: str
    platform_sku: str
    title: str
    variant_name: str
    price: Decimal
    stock: int  # total available across warehouses as the platform reports it
    warehouses: tuple[WarehouseStock, ...] = ()
    status: str = "active"
    updated_at: datetime | None = None


@dataclass(frozen=True)
class StockUpdate:
    """Set the platform stock of one listing (absolute value, never a delta)."""

    platform_product_id: str
    platform_variant_id: str
    stock: int
    warehouse_id: str | None = None


@dataclass(frozen=True)
class PriceUpdate:
    """Set the price of one listing."""

    platform_product_id: str
    platform_variant_id: str
    price: Decimal


@dataclass(frozen=True)
class UpdateResult:
    """Per-listing outcome of a batched stock or price update.

    A 200 response can still carry failures: each listing gets its own result.
    """

    platform_product_id: str
    platform_variant_id: str
    ok: bool
    error: str | None = None  # the platform's failure reason, readable by a seller


# --------------------------------------------------------------------------- orders


@dataclass(frozen=True)
class ChannelOrderItem:
    """One order line, already aggregated to a quantity (TikTok sends one line per unit)."""

    platform_item_id: str  # Shopee order_item_id / TikTok line item group key
    platform_product_id: str
    platform_variant_id: str
    platform_sku: str
    name: str
    quantity: int
    unit_price: Decimal  # price paid per unit before order-level discounts
    discount: Decimal = Decimal(0)  # seller-funded line discount, total for the line


@dataclass(frozen=True)
class OrderRef:
    """What an order list page returns: enough to decide whether to fetch the detail.

    ``order`` is the whole order when the list already carried it (TikTok's 202309 order
    search); the engine then fetches no detail for it.
    """

    platform_order_id: str
    platform_status: str
    updated_at: datetime | None = None
    order: ChannelOrder | None = None


@dataclass(frozen=True)
class ChannelOrder:
    """A normalized order as the sync engine stores it."""

    platform_order_id: str
    status: OrderStatus
    platform_status: str
    created_at: datetime
    updated_at: datetime
    items: tuple[ChannelOrderItem, ...]
    currency: str = "IDR"
    buyer_name: str = ""
    buyer_username: str = ""
    shipping_address: str = ""
    subtotal: Decimal = Decimal(0)
    shipping_fee: Decimal = Decimal(0)  # paid by the buyer
    seller_discount: Decimal = Decimal(0)
    platform_discount: Decimal = Decimal(0)
    total: Decimal = Decimal(0)  # paid by the buyer
    paid_at: datetime | None = None
    shipped_at: datetime | None = None
    completed_at: datetime | None = None
    cancel_reason: str = ""
    tracking_number: str = ""
    cancelled_by: str = ""  # buyer / seller / system / operator ("" when not cancelled)


@dataclass(frozen=True)
class OrderPage:
    """One page of an order search, with the token for the next page (None at the end)."""

    orders: tuple[OrderRef, ...]
    next_cursor: str | None


# --------------------------------------------------------------------------- fulfilment, fees


@dataclass(frozen=True)
class ShippingInfo:
    """What the seller needs to ship an order, and what happened after."""

    platform_order_id: str
    methods: tuple[str, ...] = ()  # e.g. ("pickup", "dropoff")
    tracking_number: str = ""
    carrier: str = ""
    package_id: str = ""


@dataclass(frozen=True)
class ShippingDocument:
    """An airway bill (label) as PDF bytes."""

    platform_order_id: str
    content_type: str
    data: bytes


@dataclass(frozen=True)
class OrderFees:
    """Real fees for one order from escrow (Shopee) or finance statements (TikTok)."""

    platform_order_id: str
    commission_fee: Decimal
    service_fee: Decimal
    transaction_fee: Decimal
    shipping_subsidy: Decimal  # shipping cost the seller bears
    other_fees: Decimal
    payout: Decimal  # what the seller receives
    final: bool = True

    @property
    def total_fees(self) -> Decimal:
        """All marketplace fees together (not the shipping subsidy)."""
        return self.commission_fee + self.service_fee + self.transaction_fee + self.other_fees
