"""What an emulated website shop knows: its products, stock, orders and keys.

Both website kinds (a WooCommerce site and a site speaking the StoreSync custom contract)
keep the same state; only their REST dialects differ (woo_api.py, custom_api.py). Stock
behaves as WooCommerce's does: an order that is paid (or on hold for a bank transfer)
takes the units, a cancelled or failed one puts them back, a refund does not.
"""

from __future__ import annotations

import random
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from typing import Any

from app.sandbox.catalog import DemoProduct

#: statuses whose units the shop holds (WooCommerce reduces stock on these)
HOLDS_STOCK = {"processing", "on-hold", "completed", "paid", "shipped"}


@dataclass
class WebVariant:
    """A sellable unit: a simple product itself, or one variation of a variable one."""

    id: int
    sku: str
    name: str  # the variation's option ("" for a simple product)
    price: str  # a decimal string, as WooCommerce keeps it
    stock: int
    manage_stock: bool = True
    modified: float = 0.0


@dataclass
class WebProduct:
    id: int
    name: str
    variable: bool
    axis: str
    variants: list[WebVariant]
    status: str = "publish"
    modified: float = 0.0


@dataclass
class WebLine:
    id: int
    product_id: int
    variation_id: int  # 0 for a simple product
    sku: str
    name: str
    quantity: int
    price: str  # per unit


@dataclass
class WebOrder:
    id: int
    status: str
    created: float
    modified: float
    lines: list[WebLine]
    buyer: str
    address: str
    shipping_total: str = "0"
    paid: float | None = None
    completed: float | None = None
    tracking: str = ""
    notes: list[str] = field(default_factory=list)

    def total(self) -> Decimal:
        goods = sum((Decimal(li.price) * li.quantity for li in self.lines), Decimal(0))
        return goods + Decimal(self.shipping_total)


@dataclass
class WebShop:
    """One website: ``kind`` is "woocommerce" or "custom"."""

    slug: str
    kind: str
    name: str
    key: str  # WooCommerce consumer key / custom contract key id
    secret: str  # WooCommerce consumer secret / custom contract API key
    products: dict[int, WebProduct] = field(default_factory=dict)
    orders: dict[int, WebOrder] = field(default_factory=dict)
    next_id: int = 100

    def new_id(self) -> int:
        self.next_id += 1
        return self.next_id

    def variant_by_sku(self, sku: str) -> tuple[WebProduct, WebVariant]:
        for p in self.products.values():
            for v in p.variants:
                if v.sku == sku:
                    return p, v
        raise KeyError(sku)

    def find(self, product_id: int, variation_id: int) -> tuple[WebProduct, WebVariant]:
        p = self.products[product_id]
        if not p.variable:
            return p, p.variants[0]
        return p, next(v for v in p.variants if v.id == variation_id)


BUYERS = ["Rina Wulandari", "Agus Santoso", "Dewi Lestari", "Budi Hartono", "Sari Putri"]
CITIES = ["Bandung", "Surabaya", "Yogyakarta", "Medan", "Depok"]


def seed_shop(shop: WebShop, catalog: list[DemoProduct], rng: random.Random, now: float) -> None:
    """List most of the demo catalog, as a seller's site lists most of their goods."""
    for product in catalog:
        if rng.random() < 0.25:
            continue  # not every product is on the website
        pid = shop.new_id()
        variable = product.variation_axis is not None
        variants = [
            WebVariant(
                shop.new_id() if variable else pid,
                v.sku,
                v.name,
                str(v.price),
                v.stock,
                modified=now,
            )
            for v in product.variants
        ]
        shop.products[pid] = WebProduct(
            pid, product.name, variable, product.variation_axis or "", variants, modified=now
        )


def new_keys(kind: str, rng: random.Random) -> tuple[str, str]:
    """Throwaway keys in each kind's own shape (``ck_``/``cs_`` for WooCommerce)."""
    hexa = "".join(rng.choice("0123456789abcdef") for _ in range(80))
    if kind == "woocommerce":
        return "ck_" + hexa[:40], "cs_" + hexa[40:]
    return "key-" + hexa[:8], "sk_" + hexa[8:48]


def place_order(shop: WebShop, items: dict[str, int], now: float, rng: random.Random) -> WebOrder:
    """A buyer checks out: the site takes the units (refuses what it does not have)."""
    lines = []
    for sku, qty in items.items():
        product, variant = shop.variant_by_sku(sku)
        if variant.manage_stock and variant.stock < qty:
            raise ValueError(f"{sku}: only {variant.stock} left")
        lines.append(
            WebLine(
                shop.new_id(),
                product.id,
                variant.id if product.variable else 0,
                sku,
                product.name + (f" - {variant.name}" if variant.name else ""),
                qty,
                variant.price,
            )
        )
    status = "processing" if rng.random() < 0.8 else "on-hold"
    order = WebOrder(
        shop.new_id(),
        status,
        now,
        now,
        lines,
        rng.choice(BUYERS),
        f"Jl. Merdeka {rng.randint(1, 200)}, {rng.choice(CITIES)}",
        shipping_total=str(rng.choice([0, 9000, 15000])),
        paid=now if status == "processing" else None,
    )
    for line in lines:
        _take(shop, line, -line.quantity, now)
    shop.orders[order.id] = order
    return order


def _take(shop: WebShop, line: WebLine, delta: int, now: float) -> None:
    _, variant = shop.find(line.product_id, line.variation_id)
    if variant.manage_stock:
        variant.stock += delta
        variant.modified = now


def set_status(shop: WebShop, order: WebOrder, status: str, now: float) -> None:
    """Move an order; stock follows WooCommerce's rules (see the module docstring)."""
    held_before, held_after = order.status in HOLDS_STOCK, status in HOLDS_STOCK
    if held_before and not held_after and status != "refunded":
        for line in order.lines:
            _take(shop, line, line.quantity, now)
    elif held_after and not held_before and order.status != "refunded":
        for line in order.lines:
            _take(shop, line, -line.quantity, now)
    order.status = status
    order.modified = now
    if status in ("processing", "paid") and order.paid is None:
        order.paid = now
    if status == "completed":
        order.completed = now


def dump(shop: WebShop) -> dict[str, Any]:
    return asdict(shop)


def load(data: dict[str, Any]) -> WebShop:
    shop = WebShop(**{k: v for k, v in data.items() if k not in ("products", "orders")})
    for p in data["products"].values():
        variants = [WebVariant(**v) for v in p["variants"]]
        shop.products[int(p["id"])] = WebProduct(**{**p, "variants": variants})
    for o in data["orders"].values():
        lines = [WebLine(**li) for li in o["lines"]]
        shop.orders[int(o["id"])] = WebOrder(**{**o, "lines": lines})
    return shop


__all__ = ["WebShop", "new_keys", "place_order", "seed_shop", "set_status"]
