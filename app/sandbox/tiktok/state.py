"""The emulated TikTok Shop backend's state: options, shops, products, orders, grants.

One :class:`TikTokState` is shared by every API area of the emulator (auth, products,
orders, fulfillment, finance) and by the simulated buyers: the app credentials, the seeded
shops with their warehouses and listings, authorization codes, token grants, page tokens,
the QPS windows and issued shipping documents. Ids are 19-digit strings (TikTok ids exceed
2^53). Where the reference marks behaviour uncertain, :data:`DEFAULT_OPTIONS` makes it a
switch.
"""

from __future__ import annotations

import html
import itertools
import random
from collections import deque
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from app.sandbox.catalog import DemoProduct
from app.sandbox.core import Sandbox

V = "202309"
FINANCE_TX_VERSION = "202501"  # Get Transactions by Order: 202309 is deprecated (§5.7)

DEFAULT_OPTIONS: dict[str, Any] = {
    "qps": 50,  # per (shop, API) per second, as published (§4.4)
    "access_ttl": 7 * 24 * 3600,  # access token: 7 days
    "refresh_ttl": 365 * 24 * 3600,  # refresh token: about the authorization's length
    "code_ttl": 30 * 60,  # auth code: 30 minutes, single use
    "timestamp_past": 300,  # accepted timestamp window [now - 300, now + 30]
    "timestamp_future": 30,
    # [uncertain] Update Inventory documents quantity in [1, 99999]; 0 ("sold out") is
    # common practice, so it is accepted unless this is set to 1.
    "min_inventory_quantity": 0,
    # [uncertain] Get Order Detail with an unknown id: "drop" it silently or "error".
    "unknown_order_ids": "drop",
    # [uncertain] TikTok documents no Retry-After; seconds to send on a 429, or None.
    "retry_after": None,
    # [uncertain] HTTP status of an expired-token (105002) answer; "probably 401".
    "expired_token_status": 401,
    # [uncertain] HTTP status of business errors (12xxxxxx, 21xxxxxx...): 200 or 4xx.
    "business_error_status": 200,
    # [uncertain] HTTP status of token-API errors.
    "token_error_status": 400,
    # [uncertain] whether a refresh invalidates the old refresh token; strict by default.
    "refresh_revokes_old": True,
    "redirect_url": "http://127.0.0.1:8765/callback/tiktok",  # fixed in "Partner Center"
    "listing_share": 0.85,  # share of catalog SKUs each shop lists
    "on_hold_probability": 0.3,
    "unpaid_cancel_probability": 0.1,
    "buyer_cancel_probability": 0.05,  # the buyer cancels an order awaiting shipment
    "return_probability": 0.08,  # a delivered order gets a return request
    "advance_probability": 0.5,
    # Shares of paid orders split into two packages / shipped by the seller's own carrier
    # (app/sandbox/tiktok/packages.py); decided from the order id.
    "split_share": 0.0,
    "seller_shipping_share": 0.0,
    # The simulated Seller Center ships an order only this many seconds after payment (0:
    # at once); the demo leaves orders for the seller to ship in the app.
    "seller_center_ships_after": 0,
    "commission_rate": "0.06",
    "transaction_fee_rate": "0.02",
    "dynamic_commission_rate": "0.01",  # ID-specific fee
    # [uncertain] the lowest price Update Price accepts (Rp): not documented for ID
    "min_price": 100,
    # [uncertain] how a refused SKU price (locked by a promotion: 12052038, under the
    # minimum) is answered: "per_sku" (in data.errors, the others updated, like Update
    # Inventory) or "whole_call" (the call's error code, nothing updated)
    "price_errors": "per_sku",
}

SHOP_NAMES = ["Toko Makmur Jaya", "Berkah Official Store", "Sejahtera Mart", "Sumber Rezeki"]

# Gateway messages, verbatim from the reference (§4.3, §8).
MSG_PATH = "Invalid path. The specified path does not match any available endpoint."
MSG_METHOD = "Invalid method. The HTTP method used is not supported by this endpoint."
MSG_VERSION = "The version name is invalid, please check and retry."
MSG_APP_KEY = "Invalid credentials. Invalid app_key query parameter."
MSG_NO_SIGN = "Missing credentials. The request does not include a required signature in the query."
MSG_TS_NEG = "Invalid timestamp. The timestamp query parameter must not be lesser than 0."
MSG_TS_OLD = (
    "Invalid timestamp. The timestamp query parameter must not be earlier than 5 minutes "
    "before the current time."
)
MSG_TS_FUTURE = (
    "Invalid timestamp. The timestamp query parameter must not exceed the current time by "
    "more than 30 seconds."
)
MSG_SIGN = (
    "Invalid credentials. The 'sign' query parameter is invalid. "
    "For more details: https://m.tiktok.shop/s/AIu6dbFhs2XW"
)
MSG_TOKEN = "Invalid credentials. The x-tts-access-token header is invalid."
MSG_EXPIRED = "Expired credentials. The access_token or x-tts-access-token header has expired."
MSG_NO_CIPHER = (
    "Missing identifier. The shop_cipher query parameter is required to identify the target shop."
)
MSG_CIPHER_FORBIDDEN = (
    "Unexpected identifier. The shop_cipher query parameter is not required for this request."
)
MSG_MISMATCH = (
    "Invalid query or header. The shop_cipher query parameter or x-tts-access-token header "
    "is invalid."
)
MSG_QPS = (
    "Too many requests. You've made too many requests in a short period of time. "
    "Please slow down your request rate."
)
MSG_INTERNAL = "Internal error. Please try again later."
MSG_PARAM = "invalid param error"

OPEN_PREFIXES = (
    "/authorization/",
    "/seller/",
    "/product/",
    "/order/",
    "/logistics/",
    "/fulfillment/",
    "/finance/",
    "/return_refund/",
    "/event/",
    "/api/v2/token/",
    "/open/authorize",
    "/sandbox/tiktok/",
)


class ApiError(Exception):
    """A TikTok error answer: ``code``, ``message`` and the HTTP status to send."""

    def __init__(self, code: int, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.code, self.message, self.status = code, message, status


@dataclass
class Sku:
    id: str
    seller_sku: str
    name: str  # variation value, "" without variations
    price: Decimal
    stock: dict[str, int]  # warehouse id -> available units
    promotion_locked: bool = False  # a running promotion locks the price (12052038)


@dataclass
class Product:
    id: str
    title: str
    description: str
    category: str
    axis: str | None
    skus: list[Sku]
    status: str
    create_time: int
    update_time: int


@dataclass
class Order:
    id: str
    shop_id: str
    status: str
    create_time: int
    update_time: int
    buyer: str
    user_id: str
    city: tuple[str, str]
    lines: list[dict[str, Any]]
    payment: dict[str, str]
    warehouse_id: str
    units: list[tuple[str, str]]  # (sku id, warehouse id) per unit, to restock on cancel
    paid_time: int = 0
    package_id: str = ""
    tracking_number: str = ""
    rts_time: int = 0
    collection_time: int = 0
    delivery_time: int = 0
    cancel_time: int = 0
    cancel_reason: str = ""
    cancellation_initiator: str = ""
    tracking: list[dict[str, Any]] = field(default_factory=list)
    # packages beyond the first (a split) and their tracking numbers: packages.py
    package_tracking: dict[str, str] = field(default_factory=dict)
    shipping_type: str = "TIKTOK"  # SELLER: the seller's own carrier (self_shipment)
    settlement: dict[str, Any] | None = None
    statement_day: int = 0
    ret: dict[str, Any] | None = None  # the buyer's return (app/sandbox/tiktok/returns.py)


@dataclass
class Shop:
    id: str
    name: str
    cipher: str
    code: str
    index: int
    warehouses: list[dict[str, Any]]
    products: dict[str, Product] = field(default_factory=dict)
    orders: dict[str, Order] = field(default_factory=dict)

    @property
    def sales_warehouse_ids(self) -> list[str]:
        return [w["id"] for w in self.warehouses if w["type"] == "SALES_WAREHOUSE"]

    def find_sku(self, key: str) -> tuple[Product, Sku] | None:
        """A SKU by TikTok sku id or by seller SKU."""
        for product in self.products.values():
            for sku in product.skus:
                if key in (sku.id, sku.seller_sku):
                    return product, sku
        return None


@dataclass
class Grant:
    access_token: str
    refresh_token: str
    access_expires: int
    refresh_expires: int
    shop_ids: list[str]
    open_id: str
    seller_name: str


class TikTokState:
    """Everything the emulated TikTok Shop knows, shared by the API areas and the buyers."""

    def __init__(
        self,
        sandbox: Sandbox,
        catalog: list[DemoProduct],
        shops: int = 2,
        seed: int = 0,
        options: dict | None = None,
    ) -> None:
        self.sandbox = sandbox
        self.clock = sandbox.clock
        self.options = {**DEFAULT_OPTIONS, **(options or {})}
        self.rng = random.Random(seed)
        self.ids = itertools.count(1)
        self.app_key = str(self.options.get("app_key") or f"6{self.hex(11)}")
        self.app_secret = str(self.options.get("app_secret") or self.hex(40))
        self.service_id = str(self.options.get("service_id") or self.digits("72", 19))
        self.redirect_url = str(self.options["redirect_url"])
        self.shops: dict[str, Shop] = {}
        self.codes: dict[str, tuple[str, float]] = {}  # code -> (shop id, expires at)
        self.access: dict[str, Grant] = {}
        self.refresh: dict[str, Grant] = {}
        self.page_tokens: dict[str, tuple[str, str, int]] = {}  # token -> (shop, query, offset)
        self.hits: dict[tuple[str, str], deque[float]] = {}
        self.documents: dict[str, tuple[str, str]] = {}  # doc id -> (shop id, order id)
        for index in range(shops):
            self.add_shop(index, catalog)

    def hex(self, n: int) -> str:
        return "".join(self.rng.choice("0123456789abcdef") for _ in range(n))

    def digits(self, prefix: str, n: int) -> str:
        return prefix + "".join(self.rng.choice("0123456789") for _ in range(n - len(prefix)))

    def new_id(self, prefix: str) -> str:
        """A unique 19-digit id string (TikTok ids exceed 2^53: always strings)."""
        return f"{prefix}{next(self.ids):0{19 - len(prefix)}d}"

    def now(self) -> int:
        return int(self.clock.now())

    def add_shop(self, index: int, catalog: list[DemoProduct]) -> None:
        alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
        cipher = "ROW_" + "".join(self.rng.choice(alphabet) for _ in range(28))
        shop = Shop(
            id=self.digits("749404", 19),
            name=SHOP_NAMES[index % len(SHOP_NAMES)] + ("" if index < 4 else f" {index}"),
            cipher=cipher,
            code="IDLC" + "".join(self.rng.choice(alphabet[:26]) for _ in range(8)),
            index=index,
            warehouses=self.make_warehouses(index),
        )
        created = self.now() - 90 * 24 * 3600
        for demo in catalog:
            product = self.make_product(shop, demo, created)
            if product is not None:
                shop.products[product.id] = product
        self.shops[shop.id] = shop

    def make_warehouses(self, index: int) -> list[dict[str, Any]]:
        """Odd shops have two sales warehouses (multi-warehouse rules), all have a return one."""
        cities = [("Jakarta Barat", "DKI Jakarta"), ("Surabaya", "Jawa Timur")]
        count = 2 if index % 2 else 1
        out = []
        for n in range(count):
            out.append(self.warehouse("SALES_WAREHOUSE", cities[n], is_default=n == 0))
        out.append(self.warehouse("RETURN_WAREHOUSE", cities[0], is_default=False))
        return out

    def warehouse(self, kind: str, city: tuple[str, str], *, is_default: bool) -> dict[str, Any]:
        return {
            "id": self.new_id("7068"),
            "entity_id": self.new_id("7395"),
            "name": f"Gudang {city[0]}",
            "effect_status": "ENABLED",
            "type": kind,
            "sub_type": "DOMESTIC_WAREHOUSE",
            "is_default": is_default,
            "address": {
                "region": "Indonesia",
                "region_code": "ID",
                "state": city[1],
                "city": city[0],
                "distict": city[0],  # sic: the documented field name has this typo
                "town": "",
                "contact_person": "Admin Gudang",
                "phone_number": "(+62)812****7788",
                "postal_code": "11530",
                "full_address": f"Jl. Industri No. 8, {city[0]}, {city[1]}",
            },
        }

    def make_product(self, shop: Shop, demo: DemoProduct, created: int) -> Product | None:
        """The shop's listing of a catalog product, skipping some SKUs (most but not all)."""
        share = float(self.options["listing_share"])
        variants = [v for v in demo.variants if self.rng.random() < share]
        if not variants:
            return None
        warehouses = shop.sales_warehouse_ids
        skus = []
        for v in variants:
            stock = {w: 0 for w in warehouses}
            stock[warehouses[0]] = v.stock
            if len(warehouses) > 1:  # spread stock over both warehouses
                moved = v.stock // 3
                stock[warehouses[0]] -= moved
                stock[warehouses[1]] = moved
            skus.append(Sku(self.new_id("1730"), v.sku, v.name, v.price, stock))
        when = created + self.rng.randrange(0, 30 * 24 * 3600)
        return Product(
            id=self.new_id("1729"),
            title=demo.name,
            description=f"<p>{html.escape(demo.description)}</p>",
            category=demo.category,
            axis=demo.variation_axis,
            skus=skus,
            status="ACTIVATE",
            create_time=when,
            update_time=when,
        )

    def require_sku(self, shop_id: str, key: str) -> tuple[Product, Sku]:
        found = self.shops[shop_id].find_sku(key)
        if found is None:
            raise KeyError(f"{key} is not listed in shop {shop_id}")
        return found


def money(value: Decimal) -> str:
    """IDR amounts are integer-valued decimal strings ("150000")."""
    if value == value.to_integral_value():
        return str(int(value))
    return format(value, "f")
