"""The TikTok Shop Partner API (202309) emulator, composed from its API areas.

Serves the Open API paths (``/authorization/202309/...``, ``/product/202309/...``,
``/order/202309/...``, ``/logistics/...``, ``/fulfillment/...``, ``/finance/...``), the
token host's ``/api/v2/token/get|refresh`` and a consent page at ``/open/authorize``, all
on the sandbox's one port. Behaviour follows ``shared/reference/tiktok-shop-api.md``.

:class:`TikTokSim` is the :class:`~app.sandbox.core.PlatformSim` the sandbox plugs in: it
builds one shared :class:`~app.sandbox.tiktok.state.TikTokState`, one
:class:`~app.sandbox.tiktok.gateway.Gateway` and the area route tables (auth, products,
orders, logistics/fulfillment, finance), answers injected faults with TikTok's codes, and
offers the seller-center edits and test helpers (each under the sandbox lock).
"""

from __future__ import annotations

import random
from collections import Counter
from decimal import Decimal
from typing import Any

from app.sandbox.catalog import DemoProduct
from app.sandbox.core import Request, Response, Route, Sandbox, SandboxClock
from app.sandbox.tiktok.auth import AuthApi
from app.sandbox.tiktok.buyers import OrderLife
from app.sandbox.tiktok.finance import FinanceApi
from app.sandbox.tiktok.gateway import Gateway
from app.sandbox.tiktok.logistics import LogisticsApi
from app.sandbox.tiktok.orders import OrdersApi
from app.sandbox.tiktok.products import ProductsApi
from app.sandbox.tiktok.returns import ReturnRefundApi, open_return, step_return
from app.sandbox.tiktok.state import (
    MSG_EXPIRED,
    MSG_INTERNAL,
    MSG_METHOD,
    MSG_PATH,
    MSG_VERSION,
    OPEN_PREFIXES,
    Shop,
    TikTokState,
)


class TikTokSim:
    """TikTok Shop 202309 for the sandbox: shops, products, orders, tokens, faults."""

    name = "tiktok_shop"

    def __init__(
        self,
        sandbox: Sandbox,
        catalog: list[DemoProduct],
        shops: int = 2,
        seed: int = 0,
        options: dict | None = None,
    ) -> None:
        self.sandbox = sandbox
        self.state = TikTokState(sandbox, catalog, shops=shops, seed=seed, options=options)
        self.gateway = Gateway(self.state)
        self.finance = FinanceApi(self.state, self.gateway)
        self.life = OrderLife(self.state, self.finance)
        self.auth = AuthApi(self.state, self.gateway)
        self.products = ProductsApi(self.state, self.gateway)
        self.orders = OrdersApi(self.state, self.gateway)
        self.logistics = LogisticsApi(self.state, self.gateway, self.life)
        self.returns = ReturnRefundApi(self.state, self.gateway, self.life)
        self.gateway.routes = self.routes()

    # ------------------------------------------------------------------ shared state
    @property
    def clock(self) -> SandboxClock:
        """The sandbox clock every time check uses."""
        return self.state.clock

    @property
    def options(self) -> dict[str, Any]:
        """The emulator's options (see :data:`~app.sandbox.tiktok.state.DEFAULT_OPTIONS`)."""
        return self.state.options

    @property
    def app_key(self) -> str:
        """The partner app's key."""
        return self.state.app_key

    @property
    def app_secret(self) -> str:
        """The partner app's signing secret."""
        return self.state.app_secret

    @property
    def service_id(self) -> str:
        """The app's service id (consent links)."""
        return self.state.service_id

    @property
    def redirect_url(self) -> str:
        """Where the consent page redirects (fixed in "Partner Center")."""
        return self.state.redirect_url

    @property
    def shops(self) -> dict[str, Shop]:
        """The seeded shops by shop id."""
        return self.state.shops

    @shops.setter
    def shops(self, shops: dict[str, Shop]) -> None:
        self.state.shops = shops

    # ------------------------------------------------------------------ PlatformSim
    def routes(self) -> list[Route]:
        """Every emulated endpoint, area by area."""
        return [
            *self.auth.routes(),
            *self.logistics.routes(),
            *self.products.routes(),
            *self.orders.routes(),
            *self.finance.routes(),
            *self.returns.routes(),
        ]

    def owns(self, path: str) -> bool:
        """TikTok's path families (Shopee's ``/api/v2/...`` except the token host)."""
        return path.startswith(OPEN_PREFIXES)

    def fault_response(self, kind: str, request: Request) -> Response:
        """TikTok's real answer for an injected fault or a routing failure."""
        if kind == "server_error":
            return self.gateway.error(36009003, MSG_INTERNAL, 500)
        if kind == "rate_limit":
            return self.gateway.rate_limited()
        if kind == "expired_token":
            return self.gateway.error(
                105002, MSG_EXPIRED, int(self.state.options["expired_token_status"])
            )
        if kind == "missing_fields":  # code 0 with a data object that lacks its list
            return self.gateway.ok({})
        if kind == "wrong_method":
            return self.gateway.error(36009010, MSG_METHOD, 405)
        if kind == "not_found" and self.gateway.is_other_version(request.path):
            return self.gateway.error(36009014, MSG_VERSION, 404)
        return self.gateway.error(36009009, MSG_PATH, 404)

    def demo_info(self) -> dict[str, Any]:
        """App credentials and, per shop, id, name, cipher and a fresh authorization code."""
        with self.state.sandbox.lock:
            return {
                "platform": self.name,
                "app_key": self.state.app_key,
                "app_secret": self.state.app_secret,
                "service_id": self.state.service_id,
                "redirect_url": self.state.redirect_url,
                "shops": [
                    {
                        "shop_id": s.id,
                        "name": s.name,
                        "region": "ID",
                        "cipher": s.cipher,
                        "shop_code": s.code,
                        "auth_code": self.auth.issue_code(s.id),
                    }
                    for s in self.state.shops.values()
                ],
            }

    def place_random_order(self, rng: random.Random, lines: int | None = None) -> str | None:
        """A buyer orders 1–3 units of in-stock SKUs on a random shop (or, with ``lines``,
        1–2 units of that many different SKUs); returns the order id."""
        with self.state.sandbox.lock:
            shop = rng.choice(list(self.state.shops.values()))
            basket = self.life.pick_basket(shop, rng, lines)
            if not basket:
                return None
            return self.life.create_order(shop, basket, rng).id

    def advance_orders(self, rng: random.Random) -> int:
        """Move some open orders one step along TikTok's status sequence."""
        moved = 0
        with self.state.sandbox.lock:
            for shop in self.state.shops.values():
                for order in list(shop.orders.values()):
                    if order.status in ("COMPLETED", "CANCELLED"):
                        continue
                    if rng.random() < float(self.state.options["advance_probability"]):
                        moved += self.life.advance(shop, order, rng)
        return moved

    # ------------------------------------------------------------------ saved state
    def dump_state(self) -> dict[str, Any]:
        """Shops, listings, orders, codes and tokens as plain data (app/sandbox/persist.py)."""
        from app.sandbox.tiktok import persist

        return persist.dump(self.state)

    def load_state(self, data: dict[str, Any]) -> None:
        """Continue from what :meth:`dump_state` gave."""
        from app.sandbox.tiktok import persist

        persist.load(self.state, data)

    def seller_set_stock(self, shop_id: str, sku: str, qty: int) -> None:
        """The seller edits stock in Seller Center: total ``qty`` in the first warehouse."""
        with self.state.sandbox.lock:
            product, item = self.state.require_sku(shop_id, sku)
            first, *rest = item.stock
            item.stock = {first: max(0, int(qty)), **{w: 0 for w in rest}}
            product.update_time = self.state.now()

    def seller_set_product_status(self, shop_id: str, product_id: str, status: str) -> None:
        """Deactivate/activate a product as the seller (e.g. ``SELLER_DEACTIVATED``)."""
        with self.state.sandbox.lock:
            product = self.state.shops[shop_id].products[product_id]
            product.status, product.update_time = status, self.state.now()

    def seller_cancel_order(self, shop_id: str, order_id: str) -> None:
        """The seller cancels an order before it ships; stock goes back."""
        with self.state.sandbox.lock:
            order = self.state.shops[shop_id].orders[order_id]
            if order.status not in ("UNPAID", "ON_HOLD", "AWAITING_SHIPMENT"):
                raise ValueError(f"order {order_id} is {order.status} and cannot be cancelled")
            self.life.cancel(
                self.state.shops[shop_id], order, "SELLER", "Seller cancelled the order"
            )

    # ------------------------------------------------------------------ shipping
    def split_order(self, shop_id: str, order_id: str) -> list[str]:
        """Split a paid, unshipped order into two packages (packages.py); returns the
        order's package ids."""
        from app.sandbox.tiktok import packages

        with self.state.sandbox.lock:
            order = self.state.shops[shop_id].orders[order_id]
            if not packages.split(self.state, order):
                raise ValueError(f"order {order_id} cannot be split")
            order.update_time = self.state.now()
            return packages.package_ids(order)

    def set_seller_shipping(self, shop_id: str, order_id: str) -> None:
        """Test helper: the order ships with the seller's own carrier (self_shipment)."""
        with self.state.sandbox.lock:
            self.state.shops[shop_id].orders[order_id].shipping_type = "SELLER"

    def carrier_collects(self) -> int:
        """Carriers collect every arranged parcel (AWAITING_COLLECTION → IN_TRANSIT)."""
        moved = 0
        with self.state.sandbox.lock:
            for shop in self.state.shops.values():
                for order in shop.orders.values():
                    if order.status == "AWAITING_COLLECTION":
                        moved += self.life.advance(shop, order, self.state.rng, straight=True)
        return moved

    def ready_to_ship(self, shop_id: str) -> list[str]:
        """The shop's orders with a package waiting for the seller to ship it."""
        with self.state.sandbox.lock:
            orders = self.state.shops[shop_id].orders.values()
            return [o.id for o in orders if o.status in ("AWAITING_SHIPMENT", "PARTIALLY_SHIPPING")]

    def place_ready_orders(self, shop_id: str, count: int, rng: random.Random) -> list[str]:
        """Buyers place and pay ``count`` orders on one shop (demo: orders to ship)."""
        placed = []
        with self.state.sandbox.lock:
            shop = self.state.shops[shop_id]
            for _ in range(count):
                basket = self.life.pick_basket(shop, rng, rng.randint(1, 2))
                if not basket:
                    break
                order = self.life.create_order(shop, basket, rng)
                self.life.advance(shop, order, rng, straight=True)  # paid: AWAITING_SHIPMENT
                placed.append(order.id)
        return placed

    def stock_of(self, shop_id: str, sku: str) -> int:
        """Total available units of a SKU (by seller SKU or TikTok sku id)."""
        with self.state.sandbox.lock:
            return sum(self.state.require_sku(shop_id, sku)[1].stock.values())

    def price_of(self, shop_id: str, sku: str) -> Decimal:
        """The price of a SKU (by seller SKU or TikTok sku id)."""
        with self.state.sandbox.lock:
            return self.state.require_sku(shop_id, sku)[1].price

    def set_promotion(self, shop_id: str, sku: str, locked: bool = True) -> None:
        """A running promotion locks (or, ended, frees) the price of a SKU."""
        with self.state.sandbox.lock:
            self.state.require_sku(shop_id, sku)[1].promotion_locked = locked

    def warehouse_stock(self, shop_id: str, sku: str) -> dict[str, int]:
        """Available units of a SKU per warehouse."""
        with self.state.sandbox.lock:
            return dict(self.state.require_sku(shop_id, sku)[1].stock)

    def sold_units_by_sku(self, shop_id: str | None = None) -> dict[str, int]:
        """Units in non-cancelled orders, by seller SKU (all shops unless ``shop_id``)."""
        counts: Counter[str] = Counter()
        with self.state.sandbox.lock:
            for shop in self.state.shops.values():
                if shop_id and shop.id != shop_id:
                    continue
                for order in shop.orders.values():
                    for line in order.lines:
                        if line["display_status"] != "CANCELLED":
                            counts[line["seller_sku"]] += 1
        return dict(counts)

    def issue_code(self, shop_id: str) -> str:
        """A fresh single-use authorization code for a shop (what the consent page gives)."""
        return self.auth.issue_code(shop_id)

    def place_order(self, shop_id: str, items: dict[str, int]) -> str:
        """Place an order for exact quantities (seller SKU or sku id -> units); for tests."""
        with self.state.sandbox.lock:
            shop = self.state.shops[shop_id]
            basket = []
            for key, qty in items.items():
                product, sku = self.state.require_sku(shop_id, key)
                if sum(sku.stock.values()) < qty:
                    raise ValueError(f"only {sum(sku.stock.values())} of {key} in stock")
                basket.append((product, sku, qty))
            return self.life.create_order(shop, basket, self.state.rng).id

    def buyer_cancel(self, shop_id: str, order_id: str, reason: str = "Changed my mind") -> None:
        """The buyer cancels an unshipped order (no seller approval in the emulator)."""
        with self.state.sandbox.lock:
            shop = self.state.shops[shop_id]
            self.life.cancel(shop, shop.orders[order_id], "BUYER", reason)

    def request_return(
        self,
        shop_id: str,
        order_id: str,
        units: dict[str, int] | None = None,
        refund_only: bool = False,
    ) -> str:
        """The buyer asks to return a delivered order (``units``: SKU -> units, default
        all); returns the return id."""
        with self.state.sandbox.lock:
            order = self.state.shops[shop_id].orders[order_id]
            return str(
                open_return(self.state, order, self.state.rng, units, refund_only)["return_id"]
            )

    def advance_return(
        self, shop_id: str, order_id: str, status: str = "RETURN_OR_REFUND_REQUEST_SUCCESS"
    ) -> None:
        """Walk the order's return to ``status`` (SUCCESS: received and refunded)."""
        with self.state.sandbox.lock:
            step_return(self.state, self.state.shops[shop_id].orders[order_id], to=status)

    def set_order_status(self, shop_id: str, order_id: str, status: str) -> None:
        """Walk an order forward until it reaches ``status`` (tests)."""
        with self.state.sandbox.lock:
            shop = self.state.shops[shop_id]
            order = shop.orders[order_id]
            for _ in range(10):
                if order.status == status:
                    return
                self.life.advance(shop, order, self.state.rng, straight=True)
            raise ValueError(f"cannot walk order {order_id} to {status}")
