"""Website shops in the sandbox: WooCommerce sites and custom-contract sites.

:class:`WebsiteSim` is the :class:`~app.sandbox.core.PlatformSim` for both kinds. Each
shop lives under its own path (``/woo/<slug>`` or ``/custom/<slug>``), so the address a
seller types ends at the shop, as a real site's would; buyers check out on it, and the
seller edits stock and prices in the site's own admin (:meth:`seller_set_stock`).
"""

from __future__ import annotations

import random
from typing import Any

from app.sandbox.catalog import DemoProduct
from app.sandbox.core import Request, Response, Route, Sandbox
from app.sandbox.website import custom_api, woo_api
from app.sandbox.website.state import (
    WebShop,
    dump,
    load,
    new_keys,
    place_order,
    seed_shop,
    set_status,
)

DEFAULT_OPTIONS: dict[str, Any] = {"read_only_keys": False}
SHOP_NAMES = {"woocommerce": "Toko Online Berkah", "custom": "Situs Batik Nusantara"}


class WebsiteSim:
    """Website shops of both kinds. See the module docstring."""

    name = "website"

    def __init__(
        self,
        sandbox: Sandbox,
        catalog: list[DemoProduct],
        woocommerce: int = 1,
        custom: int = 1,
        seed: int = 0,
        options: dict[str, Any] | None = None,
    ) -> None:
        self.sandbox = sandbox
        self.clock = sandbox.clock
        self.options = {**DEFAULT_OPTIONS, **(options or {})}
        self.rng = random.Random(seed + 31)
        self.shops: dict[str, WebShop] = {}
        now = self.clock.now()
        for kind, count in (("woocommerce", woocommerce), ("custom", custom)):
            for n in range(1, count + 1):
                slug = f"{'woo' if kind == 'woocommerce' else 'site'}{n}"
                key, secret = new_keys(kind, self.rng)
                name = SHOP_NAMES[kind] + ("" if n == 1 else f" {n}")
                shop = WebShop(slug, kind, name, key, secret)
                seed_shop(shop, catalog, self.rng, now)
                self.shops[slug] = shop
        self.woo = woo_api.WooApi(self)
        self.custom = custom_api.CustomApi(self)

    # ------------------------------------------------------------------ PlatformSim
    def routes(self) -> list[Route]:
        return [*self.woo.routes(), *self.custom.routes()]

    def owns(self, path: str) -> bool:
        return path.startswith(("/woo/", "/custom/"))

    def fault_response(self, kind: str, request: Request) -> Response:
        woo = request.path.startswith("/woo/")
        if kind == "rate_limit":
            if woo:
                return woo_api.error("woocommerce_rest_too_many_requests", "Too many requests", 429)
            return custom_api.error("rate_limited", "too many requests", 429)
        if kind in ("wrong_method", "not_found"):
            if woo:
                return woo_api.error("rest_no_route", "No route was found matching the URL.", 404)
            return custom_api.error("not_found", "no such endpoint", 404)
        if kind == "expired_token":
            if woo:
                return woo_api.error(
                    "woocommerce_rest_authentication_error", "Consumer key is invalid.", 401
                )
            return custom_api.error("unauthorized", "missing or wrong X-StoreSync-Key", 401)
        if kind == "missing_fields":
            return Response.json({} if not woo else [])
        # a PHP fatal error: WordPress's own critical-error body
        return woo_api.error(
            "internal_server_error", "There has been a critical error on this website.", 500
        )

    def shop_url(self, slug: str) -> str:
        """The address a seller types for a shop (on the running sandbox)."""
        shop = self.shops[slug]
        return f"{self.sandbox.base_url}/{'woo' if shop.kind == 'woocommerce' else 'custom'}/{slug}"

    def demo_info(self) -> dict[str, Any]:
        return {
            "platform": self.name,
            "shops": [
                {
                    "kind": s.kind,
                    "shop_id": s.slug,
                    "name": s.name,
                    "base_url": self.shop_url(s.slug),
                    "key": s.key,
                    "secret": s.secret,
                }
                for s in self.shops.values()
            ],
        }

    def place_random_order(self, rng: random.Random, lines: int | None = None) -> str | None:
        if not self.shops:
            return None
        shop = rng.choice(list(self.shops.values()))
        variants = [v for p in shop.products.values() for v in p.variants if v.stock > 0]
        if not variants:
            return None
        chosen = rng.sample(variants, min(len(variants), lines or rng.randint(1, 2)))
        items = {v.sku: min(v.stock, rng.randint(1, 2)) for v in chosen}
        return str(place_order(shop, items, self.clock.now(), rng).id)

    def advance_orders(self, rng: random.Random) -> int:
        moved = 0
        now = self.clock.now()
        for shop in self.shops.values():
            for order in list(shop.orders.values()):
                nxt = _NEXT.get(order.status)
                if nxt and rng.random() < 0.3:
                    set_status(shop, order, rng.choice(nxt), now)
                    moved += 1
        return moved

    def dump_state(self) -> dict[str, Any]:
        return {"shops": {slug: dump(s) for slug, s in self.shops.items()}}

    def load_state(self, data: dict[str, Any]) -> None:
        self.shops = {slug: load(s) for slug, s in data["shops"].items()}

    # ------------------------------------------------------------------ the site's admin
    def seller_set_stock(self, shop_id: str, sku: str, qty: int) -> None:
        """The seller edits a product's stock in the site's own admin."""
        _, variant = self.shops[shop_id].variant_by_sku(sku)
        variant.stock, variant.manage_stock = qty, True
        variant.modified = self.clock.now()

    def stock_of(self, shop_id: str, sku: str) -> int:
        return self.shops[shop_id].variant_by_sku(sku)[1].stock

    def price_of(self, shop_id: str, sku: str) -> str:
        return self.shops[shop_id].variant_by_sku(sku)[1].price

    def skus(self, shop_id: str) -> list[str]:
        return [v.sku for p in self.shops[shop_id].products.values() for v in p.variants]

    def place_order(self, shop_id: str, items: dict[str, int]) -> str:
        """A buyer checks out ``items`` (SKU -> quantity); returns the order id."""
        return str(place_order(self.shops[shop_id], items, self.clock.now(), self.rng).id)

    def set_order_status(self, shop_id: str, order_id: str, status: str) -> None:
        """The seller (or the payment gateway) moves an order in the site's admin."""
        shop = self.shops[shop_id]
        set_status(shop, shop.orders[int(order_id)], status, self.clock.now())

    def ready_to_ship(self, shop_id: str) -> list[str]:
        """Paid orders waiting for the seller to ship."""
        orders = self.shops[shop_id].orders.values()
        return [str(o.id) for o in orders if o.status == "processing"]

    def place_ready_orders(self, shop_id: str, count: int, rng: random.Random) -> list[str]:
        """``count`` paid orders of one unit each (demo: something to ship at once)."""
        shop, placed = self.shops[shop_id], []
        for _ in range(count):
            variants = [v for p in shop.products.values() for v in p.variants if v.stock > 0]
            if not variants:
                break
            order = place_order(shop, {rng.choice(variants).sku: 1}, self.clock.now(), rng)
            set_status(shop, order, "processing", self.clock.now())
            placed.append(str(order.id))
        return placed

    def order_status(self, shop_id: str, order_id: str) -> str:
        return self.shops[shop_id].orders[int(order_id)].status


_NEXT = {
    "on-hold": ["processing", "processing", "cancelled"],
    "processing": ["completed"],
}
