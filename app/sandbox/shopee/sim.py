"""The Shopee Open Platform v2 emulator, composed from its API areas (reference §6).

What it does like Shopee: the ``/api/v2/<module>/<action>`` paths and methods, the gateway
checks (partner id, ±300 s timestamp, HMAC signature verified by the emulator's own
:mod:`~app.sandbox.shopee.signing`, access token, shop), single-use codes, 4-hour access
tokens, single-use rotating refresh tokens (the old access token survives 5 minutes), the
envelope (``request_id``/``error``/``message``/``warning``/``response``, with the
irregular top-level endpoints), page and batch limits with Shopee's own error codes, the
15-day order window, per-shop rate limiting, the order status sequence, shipping
documents and escrow.

:class:`ShopeeSim` is the :class:`~app.sandbox.core.PlatformSim` the sandbox plugs in: it
builds one shared :class:`~app.sandbox.shopee.state.ShopeeState`, one
:class:`~app.sandbox.shopee.gateway.Gateway` and the area route tables (auth, products,
orders, logistics, finance), answers injected faults in Shopee's envelope, and offers the
seller-centre edits and test helpers.
"""

from __future__ import annotations

import random
from decimal import Decimal
from typing import Any

from app.sandbox.catalog import DemoProduct
from app.sandbox.core import Request, Response, Route, Sandbox
from app.sandbox.shopee.auth import AuthApi
from app.sandbox.shopee.buyers import OrderLife
from app.sandbox.shopee.finance import FinanceApi
from app.sandbox.shopee.gateway import Gateway
from app.sandbox.shopee.logistics import LogisticsApi
from app.sandbox.shopee.orders import OrdersApi
from app.sandbox.shopee.products import ProductsApi
from app.sandbox.shopee.returns import ReturnsApi, open_return, step_return
from app.sandbox.shopee.state import (
    API,
    NOT_FOUND_MESSAGE,
    ShopeeState,
    SimItem,
    SimLine,
    SimModel,
    SimShop,
)


class ShopeeSim:
    """The Shopee half of the sandbox. See the module docstring."""

    name = "shopee"

    def __init__(
        self,
        sandbox: Sandbox,
        catalog: list[DemoProduct],
        shops: int = 2,
        seed: int = 0,
        options: dict[str, Any] | None = None,
    ) -> None:
        self.sandbox = sandbox
        self.state = ShopeeState(sandbox, catalog, shops=shops, seed=seed, options=options)
        self.gateway = Gateway(self.state)
        self.life = OrderLife(self.state)
        self.auth = AuthApi(self.state, self.gateway)
        self.products = ProductsApi(self.state, self.gateway)
        self.orders = OrdersApi(self.state, self.gateway, self.life)
        self.logistics = LogisticsApi(self.state, self.gateway, self.life)
        self.returns = ReturnsApi(self.state, self.gateway)
        self.finance = FinanceApi(self.state, self.gateway)

    # ------------------------------------------------------------------ shared state
    @property
    def options(self) -> dict[str, Any]:
        """The emulator's options (see :data:`~app.sandbox.shopee.state.DEFAULT_OPTIONS`)."""
        return self.state.options

    @property
    def partner_id(self) -> int:
        """The partner app's id."""
        return self.state.partner_id

    @property
    def partner_key(self) -> str:
        """The partner app's signing key."""
        return self.state.partner_key

    @property
    def shops(self) -> dict[int, SimShop]:
        """The seeded shops by shop id."""
        return self.state.shops

    @shops.setter
    def shops(self, shops: dict[int, SimShop]) -> None:
        self.state.shops = shops

    # ------------------------------------------------------------------ PlatformSim
    def owns(self, path: str) -> bool:
        """Every ``/api/v2/`` path is Shopee's."""
        return path.startswith(API + "/")

    def routes(self) -> list[Route]:
        """All emulated endpoints, area by area."""
        return [
            *self.auth.routes(),
            *self.products.routes(),
            *self.orders.routes(),
            *self.logistics.routes(),
            *self.finance.routes(),
            *self.returns.routes(),
            *self.auth.consent_routes(),
        ]

    def fault_response(self, kind: str, request: Request) -> Response:
        """Shopee's own answer for an injected fault (or an unknown path / wrong method)."""
        gateway = int(self.state.options["gateway_error_status"])
        if kind == "server_error":
            return self.gateway.error("error_server", "Something wrong. Please try later.", 500)
        if kind == "rate_limit":
            return self.gateway.error(
                "error_rate_limit",
                "Too many requests. You have reached the rate limit. Please try again later.",
                int(self.state.options["rate_limit_status"]),
            )
        if kind == "expired_token":
            return self.gateway.error(
                "invalid_acceess_token", "Invalid access_token, please have a check.", gateway
            )
        if kind == "missing_fields":  # a success envelope that lacks the endpoint's payload
            return self.gateway.ok({})
        if kind in ("wrong_method", "not_found"):
            return self.gateway.error("error_param", NOT_FOUND_MESSAGE, gateway)
        return self.gateway.error(
            "error_server", f"Something wrong. Please try later. ({kind})", 500
        )

    def demo_info(self) -> dict[str, Any]:
        """Partner credentials and each shop with a fresh authorization code."""
        return {
            "platform": self.name,
            "partner_id": str(self.state.partner_id),
            "partner_key": self.state.partner_key,
            "shops": [
                {"shop_id": str(s.shop_id), "name": s.name, "code": self.auth.issue_code(s.shop_id)}
                for s in self.state.shops.values()
            ],
        }

    def issue_code(self, shop_id: int | str) -> str:
        """A fresh authorization code for a shop (what the consent redirect carries)."""
        return self.auth.issue_code(shop_id)

    # ------------------------------------------------------------------ saved state
    def dump_state(self) -> dict[str, Any]:
        """Shops, listings, orders, codes and tokens as plain data (app/sandbox/persist.py)."""
        from app.sandbox.shopee import persist

        return persist.dump(self.state)

    def load_state(self, data: dict[str, Any]) -> None:
        """Continue from what :meth:`dump_state` gave."""
        from app.sandbox.shopee import persist

        persist.load(self.state, data)

    # ------------------------------------------------------------------ buyers and time
    def place_random_order(self, rng: random.Random, lines: int | None = None) -> str | None:
        """A buyer orders 1–3 units of in-stock listings on a random shop (or, with
        ``lines``, 1–2 units of that many different listings); stock goes down."""
        return self.life.place_random_order(rng, lines)

    def advance_orders(self, rng: random.Random) -> int:
        """Move some open orders one step along Shopee's status sequence."""
        return self.life.advance_orders(rng)

    # ------------------------------------------------------------------ seller centre + tests
    def find_model(self, shop_id: int | str, sku: str) -> tuple[SimItem, SimModel]:
        """The item and model of a SKU in a shop (``KeyError`` when not listed)."""
        return self.state.find_model(shop_id, sku)

    def seller_set_stock(
        self, shop_id: int | str, sku: str, qty: int, location_id: str | None = None
    ) -> None:
        """The seller edits stock in Seller Centre (first location unless one is given)."""
        item, model = self.state.find_model(shop_id, sku)
        location = location_id if location_id is not None else next(iter(model.stock))
        model.stock[location] = int(qty)
        item.update_time = int(self.state.now())

    def seller_set_reserved(self, shop_id: int | str, sku: str, qty: int) -> None:
        """Promotion-reserved stock: update_stock may not go below it."""
        self.state.find_model(shop_id, sku)[1].reserved = int(qty)

    def seller_cancel_order(self, shop_id: int | str, order_sn: str) -> None:
        """The seller cancels an unshipped order in Seller Centre."""
        order = self.state.shops[int(shop_id)].orders[order_sn]
        if order.status in ("SHIPPED", "TO_CONFIRM_RECEIVE", "COMPLETED", "CANCELLED", "TO_RETURN"):
            raise ValueError(f"order {order_sn} is {order.status} and cannot be cancelled")
        self.life.cancel(order, "seller", "CUSTOMER_REQUEST")

    def place_order(self, shop_id: int | str, items: dict[str, int]) -> str:
        """A buyer orders exact quantities (SKU -> units), paid at once; for tests."""
        shop = self.state.shops[int(shop_id)]
        lines = []
        for sku, qty in items.items():
            item, model = self.state.find_model(shop_id, sku)
            location = max(model.stock, key=lambda loc: model.stock[loc])
            if model.stock[location] < qty:
                raise ValueError(f"only {model.stock[location]} of {sku} in stock")
            model.stock[location] -= qty
            lines.append(SimLine(item, model, qty, location))
        order = self.life.new_order(shop, lines, self.state.rng)
        if order.status == "UNPAID":
            order.status, order.pay_time = "READY_TO_SHIP", order.create_time
        return order.order_sn

    def buyer_cancel(
        self, shop_id: int | str, order_sn: str, reason: str = "Change of mind"
    ) -> None:
        """The buyer cancels an unshipped order (Shopee agrees at once)."""
        order = self.state.shops[int(shop_id)].orders[order_sn]
        order.status = "IN_CANCEL"
        self.life.cancel(order, "buyer", reason)

    def request_return(
        self, shop_id: int | str, order_sn: str, units: dict[str, int] | None = None
    ) -> str:
        """The buyer asks to return a delivered order (``units``: SKU -> quantity, default
        everything); returns the return_sn."""
        order = self.state.shops[int(shop_id)].orders[order_sn]
        by_model = None
        if units is not None:
            by_model = {self.state.find_model(shop_id, k)[1].model_id: q for k, q in units.items()}
        return str(open_return(self.state, order, self.state.rng, by_model)["return_sn"])

    def advance_return(self, shop_id: int | str, order_sn: str, status: str = "COMPLETED") -> None:
        """Walk the order's return to ``status`` (COMPLETED: the goods reached the seller)."""
        order = self.state.shops[int(shop_id)].orders[order_sn]
        step_return(self.state, order, self.state.rng, to=status)

    def set_order_status(self, shop_id: int | str, order_sn: str, status: str) -> None:
        """Test helper: force an order's status (arranging shipment when PROCESSED)."""
        order = self.state.shops[int(shop_id)].orders[order_sn]
        if status == "PROCESSED":
            self.life.arrange(order, self.state.rng)
            return
        if status != "UNPAID" and order.pay_time is None:
            order.pay_time = int(self.state.now())
        order.status, order.update_time = status, int(self.state.now())

    # ------------------------------------------------------------------ shipping
    def set_carrier(self, shop_id: int | str, order_sn: str, carrier: str) -> None:
        """Test helper: the order's carrier (``shipping.NON_INTEGRATED``: the seller's own
        courier, which needs a tracking number)."""
        self.state.shops[int(shop_id)].orders[order_sn].carrier = carrier

    def carrier_collects(self) -> int:
        """Carriers collect every arranged parcel (PROCESSED → SHIPPED); returns how many."""
        return sum(
            self.life.collect(o) for shop in self.state.shops.values() for o in shop.orders.values()
        )

    def ready_to_ship(self, shop_id: int | str) -> list[str]:
        """The shop's orders waiting for the seller to arrange shipment."""
        orders = self.state.shops[int(shop_id)].orders.values()
        return [o.order_sn for o in orders if o.status in ("READY_TO_SHIP", "RETRY_SHIP")]

    def place_ready_orders(self, shop_id: int | str, count: int, rng: random.Random) -> list[str]:
        """Buyers place and pay ``count`` orders on one shop (demo: orders to ship)."""
        shop = self.state.shops[int(shop_id)]
        placed = []
        for _ in range(count):
            sn = self.life.place_basket(shop, rng.randint(1, 2), rng)
            if sn is None:
                break
            order = shop.orders[sn]
            if order.status == "UNPAID":
                order.status, order.pay_time = "READY_TO_SHIP", int(self.state.now())
            placed.append(sn)
        return placed

    def stock_of(self, shop_id: int | str, sku: str) -> int:
        """Seller stock of a SKU in a shop, over all locations."""
        return self.state.find_model(shop_id, sku)[1].total

    def price_of(self, shop_id: int | str, sku: str) -> Decimal:
        """The seller's (original) price of a SKU in a shop."""
        return self.state.find_model(shop_id, sku)[1].price

    def set_promotion(self, shop_id: int | str, sku: str, promotion_id: int = 1) -> None:
        """Put a SKU in a running discount (0: end it): its price is locked meanwhile."""
        self.state.find_model(shop_id, sku)[1].promotion_id = promotion_id

    def sold_units_by_sku(self, shop_id: int | str | None = None) -> dict[str, int]:
        """Units that left stock through orders (not given back by a cancellation), per SKU.

        For one shop: ``stock_of(shop, sku) + sold[sku]`` is the seeded stock unless the
        seller or the API changed it.
        """
        shops = self.state.shops.values() if shop_id is None else [self.state.shops[int(shop_id)]]
        sold: dict[str, int] = {}
        for shop in shops:
            for order in shop.orders.values():
                if order.restocked:
                    continue
                for line in order.lines:
                    sold[line.model.sku] = sold.get(line.model.sku, 0) + line.quantity
        return sold

    def skus(self, shop_id: int | str) -> list[str]:
        """Every SKU a shop lists."""
        return [m.sku for i in self.state.shops[int(shop_id)].items.values() for m in i.models]

    def item_of(self, shop_id: int | str, sku: str) -> tuple[int, int]:
        """(item_id, model_id) of a SKU in a shop."""
        item, model = self.state.find_model(shop_id, sku)
        return item.item_id, model.model_id
