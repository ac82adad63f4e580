"""The emulated Shopee backend's state: options, shops, items, orders and grants.

One :class:`ShopeeState` is shared by every API area of the emulator (auth, products,
orders, logistics, finance) and by the simulated buyers; it holds the seeded shops, the
authorization codes and tokens, the rate-limit buckets and the order-list indexes. All
times come from ``sandbox.clock``; handlers run with ``sandbox.lock`` held (the sandbox
takes it), so state needs no locking of its own.

Behaviour the reference marks uncertain [U] is set through ``options`` (see
:data:`DEFAULT_OPTIONS`).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import timedelta, timezone
from decimal import Decimal
from typing import Any

from app.sandbox.catalog import DemoProduct
from app.sandbox.core import Sandbox

API = "/api/v2"
DAY = 86400

DEFAULT_OPTIONS: dict[str, Any] = {
    "partner_id": None,  # default: derived from the seed
    "partner_key": None,  # default: derived from the seed ("shpk" + 60 hex, like live keys)
    # [U] HTTP status of gateway errors (auth, sign, timestamp, unknown path): Shopee's is
    # undocumented; probes saw 200, fakes use 403/400 (reference §4.3).
    "gateway_error_status": 200,
    "rate_limit_status": 429,
    # [U] Shopee publishes no numbers (reference §4.4); per (partner, shop) token bucket.
    "rate_limit_per_second": 20.0,
    "rate_limit_burst": 40.0,
    "timestamp_window": 300,
    "code_ttl": 600,
    "access_ttl": 14400,
    "refresh_ttl": 30 * DAY,
    "old_access_grace": 300,
    "consent_ttl": 600,
    # [U] deep get_item_list offsets fail ("offset over limit"); ~10 000 per a project's tests.
    "item_offset_cap": 10000,
    # [U] unknown ids in get_item_base_info: "omit" them, or "error" (error_item_not_found).
    "unknown_item_ids": "omit",
    # Multi-warehouse shops (by index) and their location ids; others use location "".
    "multi_warehouse_shops": (),
    "locations": ("IDZ", "IDJ"),
    # How many get_shipping_document_result polls answer PROCESSING before READY.
    "document_ready_after_polls": 2,
    # Seconds (sandbox clock) after ship_order before the 3PL tracking number appears.
    "tracking_delay_seconds": 0,
    # Share of new orders that go with the seller's own (non-integrated) courier: shipping
    # them needs the seller's tracking number (app/sandbox/shopee/shipping.py).
    "non_integrated_share": 0.0,
    # Methods per carrier (None: shipping.CARRIER_METHODS).
    "carrier_methods": None,
    # The simulated Seller Centre arranges an order's shipment only this many seconds
    # after payment (0: at once); the demo leaves orders for the seller to ship in the app.
    "seller_centre_ships_after": 0,
    # Fraction of catalog products each shop leaves unlisted (at least one).
    "unlisted_fraction": 0.15,
    "advance_probability": 0.5,
    "commission_rate": "0.08",
    "service_rate": "0.04",
    "transaction_rate": "0.02",
    # [U] the price range update_price accepts in ID (Rp): the reference names the errors
    # (error_price_exceed_min_limitt / _max_limitt) but not the limits
    "min_price": 100,
    "max_price": 500_000_000,
}

SHOP_NAMES = [
    "Toko Berkah Jaya",
    "Sumber Rezeki Official",
    "Warung Nusantara",
    "Griya Batik Lestari",
    "Rumah Kopi Gayo",
]
PAYMENT_METHODS = ["Cash on Delivery", "Bank Transfer", "ShopeePay", "SPayLater"]
CARRIERS = ["SPX Express", "J&T Express", "JNE Reguler", "SiCepat REG"]
ITEM_STATUSES = {"NORMAL", "BANNED", "UNLIST", "REVIEWING", "SELLER_DELETE", "SHOPEE_DELETE"}
LIST_FILTER_STATUSES = {
    "UNPAID",
    "READY_TO_SHIP",
    "PROCESSED",
    "SHIPPED",
    "COMPLETED",
    "IN_CANCEL",
    "CANCELLED",
    "INVOICE_PENDING",
}
ORDER_DETAIL_OPTIONAL = {
    "buyer_user_id", "buyer_username", "estimated_shipping_fee", "recipient_address",
    "actual_shipping_fee", "goods_to_declare", "note", "note_update_time", "item_list",
    "pay_time", "dropshipper", "dropshipper_phone", "split_up", "buyer_cancel_reason",
    "cancel_by", "cancel_reason", "actual_shipping_fee_confirmed", "buyer_cpf_id",
    "fulfillment_flag", "pickup_done_time", "package_list", "shipping_carrier",
    "payment_method", "total_amount", "invoice_data", "order_chargeable_weight_gram",
    "return_request_due_date", "edt", "payment_info", "international_label",
}  # fmt: skip
CANCEL_REASONS = {"OUT_OF_STOCK", "CUSTOMER_REQUEST", "UNDELIVERABLE_AREA", "COD_NOT_SUPPORTED"}
LOGISTICS_STATUS = {
    "UNPAID": "LOGISTICS_NOT_START",
    "READY_TO_SHIP": "LOGISTICS_READY",
    "IN_CANCEL": "LOGISTICS_READY",
    "RETRY_SHIP": "LOGISTICS_PICKUP_RETRY",
    "PROCESSED": "LOGISTICS_REQUEST_CREATED",
    "SHIPPED": "LOGISTICS_PICKUP_DONE",
    "TO_CONFIRM_RECEIVE": "LOGISTICS_DELIVERY_DONE",
    "COMPLETED": "LOGISTICS_DELIVERY_DONE",
    "TO_RETURN": "LOGISTICS_DELIVERY_DONE",
    "CANCELLED": "LOGISTICS_REQUEST_CANCELED",
}
NOT_FOUND_MESSAGE = (
    "Permission denied. This API is currently offline or the request path is incorrect."
)
WIB = timezone(timedelta(hours=7))


@dataclass
class SimModel:
    """A Shopee model (variation), or the single implicit model (id 0) of a plain item."""

    model_id: int
    sku: str
    option: str
    price: Decimal
    stock: dict[str, int]  # location_id -> seller stock
    reserved: int = 0  # promotion-reserved stock: stock may not be set below it
    promotion_id: int = 0  # a running discount: its price cannot be changed (ref. §5.9)

    @property
    def total(self) -> int:
        """Seller stock over all locations."""
        return sum(self.stock.values())


@dataclass
class SimItem:
    """A Shopee item (product listing)."""

    item_id: int
    name: str
    description: str
    item_sku: str
    category_id: int
    axis: str | None
    models: list[SimModel]
    weight_grams: int
    create_time: int
    update_time: int
    status: str = "NORMAL"

    @property
    def has_model(self) -> bool:
        """Whether the item is sold in variations."""
        return self.axis is not None


@dataclass
class SimLine:
    """One order line."""

    item: SimItem
    model: SimModel
    quantity: int
    location_id: str


@dataclass
class SimOrder:
    """An order and everything Shopee knows about it."""

    # Bumped whenever any order's list keys change, so the order-list index knows when
    # to rebuild (a class attribute: orders never move between simulators' shops).
    generation = 0
    _LIST_KEYS = frozenset({"status", "create_time", "update_time"})

    order_sn: str
    status: str
    create_time: int
    update_time: int
    lines: list[SimLine]
    buyer_name: str
    buyer_username: str
    buyer_user_id: int
    phone: str
    city: str
    state: str
    street: str
    payment_method: str
    buyer_shipping_fee: int
    actual_shipping_fee: int
    carrier: str
    package_number: str
    pay_time: int | None = None
    tracking_number: str = ""
    tracking_ready_at: float = 0.0
    pickup_done_time: int = 0
    cancel_by: str = ""
    cancel_reason: str = ""
    ship_method: str = ""  # pickup, dropoff, non_integrated (once arranged)
    pickup_time: int = 0  # the chosen pickup slot (epoch seconds)
    doc_status: str = ""  # "", PROCESSING, READY
    doc_polls: int = 0
    doc_type: str = ""
    restocked: bool = False  # cancelled before shipping: its units went back to stock
    ret: dict[str, Any] | None = None  # the buyer's return, if any (app/sandbox/shopee/returns.py)

    @property
    def subtotal(self) -> int:
        """Goods total in IDR."""
        return int(sum(ln.model.price * ln.quantity for ln in self.lines))

    def __setattr__(self, name: str, value: Any) -> None:
        if name in SimOrder._LIST_KEYS:
            SimOrder.generation += 1
        object.__setattr__(self, name, value)


@dataclass
class SimShop:
    """One seller shop."""

    shop_id: int
    name: str
    locations: list[str]
    items: dict[int, SimItem] = field(default_factory=dict)
    orders: dict[str, SimOrder] = field(default_factory=dict)
    linked: bool = False  # authorized to the partner app
    auth_time: int = 0
    expire_time: int = 0

    @property
    def multi_warehouse(self) -> bool:
        """Whether stock is kept per named location."""
        return self.locations != [""]


@dataclass
class Grant:
    shop_id: int
    expires_at: float


class ShopeeState:
    """Everything the emulated Shopee knows, shared by the API areas and the buyers."""

    def __init__(
        self,
        sandbox: Sandbox,
        catalog: list[DemoProduct],
        shops: int = 2,
        seed: int = 0,
        options: dict[str, Any] | None = None,
    ) -> None:
        self.sandbox = sandbox
        self.options = {**DEFAULT_OPTIONS, **(options or {})}
        self.rng = random.Random(seed * 7919 + 17)
        self.partner_id = int(
            self.options["partner_id"] or self.rng.randrange(1_000_000, 2_999_999)
        )
        self.partner_key = str(
            self.options["partner_key"]
            or "shpk" + "".join(self.rng.choices("0123456789abcdef", k=60))
        )
        self.shops: dict[int, SimShop] = {}
        self.codes: dict[str, tuple[int, float]] = {}
        self.access: dict[str, Grant] = {}
        self.refresh: dict[str, Grant] = {}
        self.consents: dict[str, tuple[str, float]] = {}
        self.buckets: dict[tuple[int, int], list[float]] = {}
        self.order_indexes: dict[
            tuple[int, str, str], tuple[int, list[tuple[int, str]], list[SimOrder]]
        ] = {}
        for index in range(shops):
            self.seed_shop(index, catalog, random.Random(seed * 1000 + index))

    def now(self) -> float:
        return self.sandbox.clock.now()

    def new_id(self, rng: random.Random, low: int, high: int, taken: set[int]) -> int:
        while True:
            value = rng.randrange(low, high)
            if value not in taken:
                taken.add(value)
                return value

    def seed_shop(self, index: int, catalog: list[DemoProduct], rng: random.Random) -> None:
        shop_id = self.new_id(rng, 100_000_000, 999_999_999, set(self.shops))
        multi = index in tuple(self.options["multi_warehouse_shops"])
        locations = list(self.options["locations"]) if multi else [""]
        shop = SimShop(shop_id, SHOP_NAMES[index % len(SHOP_NAMES)], locations)
        skip_count = max(1, round(len(catalog) * float(self.options["unlisted_fraction"])))
        skipped = set(rng.sample(range(len(catalog)), min(skip_count, len(catalog) - 1)))
        now = int(self.now())
        taken: set[int] = set()
        for i, product in enumerate(catalog):
            if i in skipped:
                continue
            item = self.item_from_product(product, rng, locations, taken, now)
            shop.items[item.item_id] = item
        self.shops[shop_id] = shop

    def item_from_product(
        self,
        product: DemoProduct,
        rng: random.Random,
        locations: list[str],
        taken: set[int],
        now: int,
    ) -> SimItem:
        models = []
        for variant in product.variants:
            model_id = (
                self.new_id(rng, 10_000_000_000, 99_999_999_999, taken)
                if product.has_variations
                else 0
            )
            stock = split_stock(variant.stock, len(locations), rng)
            models.append(
                SimModel(
                    model_id=model_id,
                    sku=variant.sku,
                    option=variant.name,
                    price=variant.price,
                    stock=dict(zip(locations, stock, strict=True)),
                )
            )
        created = now - rng.randrange(30 * DAY, 400 * DAY)
        return SimItem(
            item_id=self.new_id(rng, 1_000_000_000, 9_999_999_999, taken),
            name=product.name,
            description=product.description,
            # A plain item's SKU is the sellable SKU; a variation item's is the parent code.
            item_sku=(
                product.variants[0].sku.rsplit("-", 1)[0]
                if product.has_variations
                else product.variants[0].sku
            ),
            category_id=100000 + sum(map(ord, product.category)) % 900,
            axis=product.variation_axis,
            models=models,
            weight_grams=product.variants[0].weight_grams,
            create_time=created,
            update_time=created + rng.randrange(0, 20 * DAY),
        )

    def find_model(self, shop_id: int | str, sku: str) -> tuple[SimItem, SimModel]:
        shop = self.shops[int(shop_id)]
        for item in shop.items.values():
            for model in item.models:
                if model.sku == sku:
                    return item, model
        raise KeyError(f"shop {shop_id} does not list {sku}")


def split_stock(total: int, parts: int, rng: random.Random) -> list[int]:
    if parts == 1:
        return [total]
    first = rng.randint(0, total)
    return [first, total - first] + [0] * (parts - 2)
