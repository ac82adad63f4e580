"""A TikTok Shop Partner API (202309) emulator for the loopback sandbox.

Serves the Open API paths (``/authorization/202309/...``, ``/product/202309/...``,
``/order/202309/...``, ``/logistics/...``, ``/fulfillment/...``, ``/finance/...``), the
token host's ``/api/v2/token/get|refresh`` and a consent page at ``/open/authorize``, all
on the sandbox's one port. Behaviour follows ``shared/reference/tiktok-shop-api.md``:

- the gateway checks in the reference's order (§8): app_key, missing sign, timestamp window
  on the sandbox clock, signature, token, expiry, shop_cipher rules, token/shop match, QPS;
- auth codes are single-use with a 30-minute TTL; tokens carry absolute expiry timestamps;
  a refresh issues a new pair;
- orders carry one line item per unit and walk TikTok's status sequence
  (UNPAID → [ON_HOLD] → AWAITING_SHIPMENT → AWAITING_COLLECTION → IN_TRANSIT → DELIVERED →
  COMPLETED, or CANCELLED before delivery); finance data is generated on completion.

Where the reference marks behaviour uncertain, :data:`DEFAULT_OPTIONS` makes it a switch.
"""

from __future__ import annotations

import base64
import hashlib
import html
import itertools
import json
import os
import random
import re
import secrets
import time
from collections import Counter, deque
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any
from urllib.parse import urlencode

from app.core.platforms.tiktok.signing import verify
from app.sandbox.catalog import BUYER_NAMES, CITIES, DemoProduct
from app.sandbox.core import Request, Response, Route, Sandbox

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
    "advance_probability": 0.5,
    "commission_rate": "0.06",
    "transaction_fee_rate": "0.02",
    "dynamic_commission_rate": "0.01",  # ID-specific fee
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


# ---------------------------------------------------------------------- state


@dataclass
class _Sku:
    id: str
    seller_sku: str
    name: str  # variation value, "" without variations
    price: Decimal
    stock: dict[str, int]  # warehouse id -> available units


@dataclass
class _Product:
    id: str
    title: str
    description: str
    category: str
    axis: str | None
    skus: list[_Sku]
    status: str
    create_time: int
    update_time: int


@dataclass
class _Order:
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
    settlement: dict[str, Any] | None = None
    statement_day: int = 0


@dataclass
class _Shop:
    id: str
    name: str
    cipher: str
    code: str
    index: int
    warehouses: list[dict[str, Any]]
    products: dict[str, _Product] = field(default_factory=dict)
    orders: dict[str, _Order] = field(default_factory=dict)

    @property
    def sales_warehouse_ids(self) -> list[str]:
        return [w["id"] for w in self.warehouses if w["type"] == "SALES_WAREHOUSE"]

    def find_sku(self, key: str) -> tuple[_Product, _Sku] | None:
        """A SKU by TikTok sku id or by seller SKU."""
        for product in self.products.values():
            for sku in product.skus:
                if key in (sku.id, sku.seller_sku):
                    return product, sku
        return None


@dataclass
class _Grant:
    access_token: str
    refresh_token: str
    access_expires: int
    refresh_expires: int
    shop_ids: list[str]
    open_id: str
    seller_name: str


@dataclass
class _Ctx:
    """What the gateway established for a request."""

    grant: _Grant
    shop: _Shop | None


# ---------------------------------------------------------------------- the simulator


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
        self.clock = sandbox.clock
        self.options = {**DEFAULT_OPTIONS, **(options or {})}
        self._rng = random.Random(seed)
        self._ids = itertools.count(1)
        self.app_key = str(self.options.get("app_key") or f"6{self._hex(11)}")
        self.app_secret = str(self.options.get("app_secret") or self._hex(40))
        self.service_id = str(self.options.get("service_id") or self._digits("72", 19))
        self.redirect_url = str(self.options["redirect_url"])
        self.shops: dict[str, _Shop] = {}
        self._codes: dict[str, tuple[str, float]] = {}  # code -> (shop id, expires at)
        self._access: dict[str, _Grant] = {}
        self._refresh: dict[str, _Grant] = {}
        self._page_tokens: dict[str, tuple[str, str, int]] = {}  # token -> (shop, query, offset)
        self._hits: dict[tuple[str, str], deque[float]] = {}
        self._documents: dict[str, tuple[str, str]] = {}  # doc id -> (shop id, order id)
        self._patterns: list[tuple[re.Pattern[str], str]] | None = None
        for index in range(shops):
            self._add_shop(index, catalog)

    # ------------------------------------------------------------------ PlatformSim
    def routes(self) -> list[Route]:
        """Every emulated endpoint."""
        shop = self._shop_scoped
        p, o, f = f"/product/{V}", f"/order/{V}", f"/fulfillment/{V}"
        return [
            Route("GET", "/api/v2/token/get", self._token_get, "token/get"),
            Route("GET", "/api/v2/token/refresh", self._token_refresh, "token/refresh"),
            Route("GET", "/open/authorize", self._consent_page, "consent"),
            Route("GET", "/open/authorize/decision", self._consent_decision, "consent"),
            Route("GET", "/sandbox/tiktok/documents/{doc_id}", self._document, "document"),
            Route("GET", f"/authorization/{V}/shops", self._global(self._shops), "shops"),
            Route("POST", f"{p}/products/search", shop(self._search_products), "products"),
            Route("GET", f"{p}/products/{{product_id}}", shop(self._get_product), "product"),
            Route(
                "POST",
                f"{p}/products/{{product_id}}/inventory/update",
                shop(self._update_inventory),
                "inventory/update",
            ),
            Route(
                "POST",
                f"{p}/products/{{product_id}}/prices/update",
                shop(self._update_prices),
                "prices/update",
            ),
            Route("POST", f"{p}/inventory/search", shop(self._inventory_search), "inventory"),
            Route("GET", f"/logistics/{V}/warehouses", shop(self._warehouses), "warehouses"),
            Route("POST", f"{o}/orders/search", shop(self._search_orders), "orders/search"),
            Route("GET", f"{o}/orders", shop(self._order_detail), "orders"),
            Route("GET", f"{f}/packages/{{package_id}}", shop(self._package), "package"),
            Route(
                "GET",
                f"{f}/packages/{{package_id}}/handover_time_slots",
                shop(self._handover_slots),
                "handover",
            ),
            Route("POST", f"{f}/packages/{{package_id}}/ship", shop(self._ship), "ship"),
            Route(
                "GET",
                f"{f}/packages/{{package_id}}/shipping_documents",
                shop(self._shipping_document),
                "shipping_documents",
            ),
            Route("GET", f"{f}/orders/{{order_id}}/tracking", shop(self._tracking), "tracking"),
            Route("GET", f"/finance/{V}/statements", shop(self._statements), "statements"),
            Route(
                "GET",
                f"/finance/{FINANCE_TX_VERSION}/orders/{{order_id}}/statement_transactions",
                shop(self._order_transactions),
                "order_transactions",
            ),
        ]

    def owns(self, path: str) -> bool:
        """TikTok's path families (Shopee's ``/api/v2/...`` except the token host)."""
        return path.startswith(OPEN_PREFIXES)

    def fault_response(self, kind: str, request: Request) -> Response:
        """TikTok's real answer for an injected fault or a routing failure."""
        if kind == "server_error":
            return self._error(36009003, MSG_INTERNAL, 500)
        if kind == "rate_limit":
            return self._rate_limited()
        if kind == "expired_token":
            return self._error(105002, MSG_EXPIRED, int(self.options["expired_token_status"]))
        if kind == "wrong_method":
            return self._error(36009010, MSG_METHOD, 405)
        if kind == "not_found" and self._is_other_version(request.path):
            return self._error(36009014, MSG_VERSION, 404)
        return self._error(36009009, MSG_PATH, 404)

    def demo_info(self) -> dict[str, Any]:
        """App credentials and, per shop, id, name, cipher and a fresh authorization code."""
        with self.sandbox.lock:
            return {
                "platform": self.name,
                "app_key": self.app_key,
                "app_secret": self.app_secret,
                "service_id": self.service_id,
                "redirect_url": self.redirect_url,
                "shops": [
                    {
                        "shop_id": s.id,
                        "name": s.name,
                        "region": "ID",
                        "cipher": s.cipher,
                        "shop_code": s.code,
                        "auth_code": self.issue_code(s.id),
                    }
                    for s in self.shops.values()
                ],
            }

    def place_random_order(self, rng: random.Random, lines: int | None = None) -> str | None:
        """A buyer orders 1–3 units of in-stock SKUs on a random shop (or, with ``lines``,
        1–2 units of that many different SKUs); returns the order id."""
        with self.sandbox.lock:
            shop = rng.choice(list(self.shops.values()))
            basket = self._pick_basket(shop, rng, lines)
            if not basket:
                return None
            return self._create_order(shop, basket, rng).id

    def advance_orders(self, rng: random.Random) -> int:
        """Move some open orders one step along TikTok's status sequence."""
        moved = 0
        with self.sandbox.lock:
            for shop in self.shops.values():
                for order in list(shop.orders.values()):
                    if order.status in ("COMPLETED", "CANCELLED"):
                        continue
                    if rng.random() < float(self.options["advance_probability"]):
                        moved += self._advance(shop, order, rng)
        return moved

    # ------------------------------------------------------------------ seller center / tests
    def seller_set_stock(self, shop_id: str, sku: str, qty: int) -> None:
        """The seller edits stock in Seller Center: total ``qty`` in the first warehouse."""
        with self.sandbox.lock:
            product, item = self._require_sku(shop_id, sku)
            first, *rest = item.stock
            item.stock = {first: max(0, int(qty)), **{w: 0 for w in rest}}
            product.update_time = self._now()

    def seller_set_product_status(self, shop_id: str, product_id: str, status: str) -> None:
        """Deactivate/activate a product as the seller (e.g. ``SELLER_DEACTIVATED``)."""
        with self.sandbox.lock:
            product = self.shops[shop_id].products[product_id]
            product.status, product.update_time = status, self._now()

    def seller_cancel_order(self, shop_id: str, order_id: str) -> None:
        """The seller cancels an order before it ships; stock goes back."""
        with self.sandbox.lock:
            order = self.shops[shop_id].orders[order_id]
            if order.status not in ("UNPAID", "ON_HOLD", "AWAITING_SHIPMENT"):
                raise ValueError(f"order {order_id} is {order.status} and cannot be cancelled")
            self._cancel(self.shops[shop_id], order, "SELLER", "Seller cancelled the order")

    def stock_of(self, shop_id: str, sku: str) -> int:
        """Total available units of a SKU (by seller SKU or TikTok sku id)."""
        with self.sandbox.lock:
            return sum(self._require_sku(shop_id, sku)[1].stock.values())

    def warehouse_stock(self, shop_id: str, sku: str) -> dict[str, int]:
        """Available units of a SKU per warehouse."""
        with self.sandbox.lock:
            return dict(self._require_sku(shop_id, sku)[1].stock)

    def sold_units_by_sku(self, shop_id: str | None = None) -> dict[str, int]:
        """Units in non-cancelled orders, by seller SKU (all shops unless ``shop_id``)."""
        counts: Counter[str] = Counter()
        with self.sandbox.lock:
            for shop in self.shops.values():
                if shop_id and shop.id != shop_id:
                    continue
                for order in shop.orders.values():
                    for line in order.lines:
                        if line["display_status"] != "CANCELLED":
                            counts[line["seller_sku"]] += 1
        return dict(counts)

    def issue_code(self, shop_id: str) -> str:
        """A fresh single-use authorization code for a shop (what the consent page gives)."""
        with self.sandbox.lock:
            if shop_id not in self.shops:
                raise KeyError(shop_id)
            code = f"TTP_{secrets.token_urlsafe(16)}"
            self._codes[code] = (shop_id, self.clock.now() + float(self.options["code_ttl"]))
            return code

    def place_order(self, shop_id: str, items: dict[str, int]) -> str:
        """Place an order for exact quantities (seller SKU or sku id -> units); for tests."""
        with self.sandbox.lock:
            shop = self.shops[shop_id]
            basket = []
            for key, qty in items.items():
                product, sku = self._require_sku(shop_id, key)
                if sum(sku.stock.values()) < qty:
                    raise ValueError(f"only {sum(sku.stock.values())} of {key} in stock")
                basket.append((product, sku, qty))
            return self._create_order(shop, basket, self._rng).id

    def set_order_status(self, shop_id: str, order_id: str, status: str) -> None:
        """Walk an order forward until it reaches ``status`` (tests)."""
        with self.sandbox.lock:
            shop = self.shops[shop_id]
            order = shop.orders[order_id]
            for _ in range(10):
                if order.status == status:
                    return
                self._advance(shop, order, self._rng, straight=True)
            raise ValueError(f"cannot walk order {order_id} to {status}")

    # ------------------------------------------------------------------ set-up
    def _hex(self, n: int) -> str:
        return "".join(self._rng.choice("0123456789abcdef") for _ in range(n))

    def _digits(self, prefix: str, n: int) -> str:
        return prefix + "".join(self._rng.choice("0123456789") for _ in range(n - len(prefix)))

    def _new_id(self, prefix: str) -> str:
        """A unique 19-digit id string (TikTok ids exceed 2^53: always strings)."""
        return f"{prefix}{next(self._ids):0{19 - len(prefix)}d}"

    def _now(self) -> int:
        return int(self.clock.now())

    def _add_shop(self, index: int, catalog: list[DemoProduct]) -> None:
        alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
        cipher = "ROW_" + "".join(self._rng.choice(alphabet) for _ in range(28))
        shop = _Shop(
            id=self._digits("749404", 19),
            name=SHOP_NAMES[index % len(SHOP_NAMES)] + ("" if index < 4 else f" {index}"),
            cipher=cipher,
            code="IDLC" + "".join(self._rng.choice(alphabet[:26]) for _ in range(8)),
            index=index,
            warehouses=self._make_warehouses(index),
        )
        created = self._now() - 90 * 24 * 3600
        for demo in catalog:
            product = self._make_product(shop, demo, created)
            if product is not None:
                shop.products[product.id] = product
        self.shops[shop.id] = shop

    def _make_warehouses(self, index: int) -> list[dict[str, Any]]:
        """Odd shops have two sales warehouses (multi-warehouse rules), all have a return one."""
        cities = [("Jakarta Barat", "DKI Jakarta"), ("Surabaya", "Jawa Timur")]
        count = 2 if index % 2 else 1
        out = []
        for n in range(count):
            out.append(self._warehouse("SALES_WAREHOUSE", cities[n], is_default=n == 0))
        out.append(self._warehouse("RETURN_WAREHOUSE", cities[0], is_default=False))
        return out

    def _warehouse(self, kind: str, city: tuple[str, str], *, is_default: bool) -> dict[str, Any]:
        return {
            "id": self._new_id("7068"),
            "entity_id": self._new_id("7395"),
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

    def _make_product(self, shop: _Shop, demo: DemoProduct, created: int) -> _Product | None:
        """The shop's listing of a catalog product, skipping some SKUs (most but not all)."""
        share = float(self.options["listing_share"])
        variants = [v for v in demo.variants if self._rng.random() < share]
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
            skus.append(_Sku(self._new_id("1730"), v.sku, v.name, v.price, stock))
        when = created + self._rng.randrange(0, 30 * 24 * 3600)
        return _Product(
            id=self._new_id("1729"),
            title=demo.name,
            description=f"<p>{html.escape(demo.description)}</p>",
            category=demo.category,
            axis=demo.variation_axis,
            skus=skus,
            status="ACTIVATE",
            create_time=when,
            update_time=when,
        )

    def _require_sku(self, shop_id: str, key: str) -> tuple[_Product, _Sku]:
        found = self.shops[shop_id].find_sku(key)
        if found is None:
            raise KeyError(f"{key} is not listed in shop {shop_id}")
        return found

    # ------------------------------------------------------------------ envelope
    def _request_id(self) -> str:
        """``YYYYMMDDhhmmss`` (UTC, sandbox clock) + 20 upper-case hex, like TikTok's."""
        stamp = datetime.fromtimestamp(self.clock.now(), UTC).strftime("%Y%m%d%H%M%S")
        return stamp + os.urandom(10).hex().upper()

    def _ok(self, data: Any, message: str = "Success") -> Response:
        return Response.json(
            {"code": 0, "message": message, "request_id": self._request_id(), "data": data}
        )

    def _error(self, code: int, message: str, status: int, **headers: str) -> Response:
        payload = {"code": code, "message": message, "request_id": self._request_id(), "data": None}
        return Response.json(payload, status=status, **headers)

    def _rate_limited(self) -> Response:
        after = self.options["retry_after"]
        headers = {} if after is None else {"Retry-After": str(after)}
        return self._error(36009002, MSG_QPS, 429, **headers)

    def _is_other_version(self, path: str) -> bool:
        """A known endpoint asked for with another version segment (-> 36009014)."""
        parts = path.split("/")
        if len(parts) < 3 or not parts[2].isdigit() or parts[2] == V:
            return False
        candidate = "/".join([*parts[:2], V, *parts[3:]])
        return any(route.compile().match(candidate) for route in self.routes())

    # ------------------------------------------------------------------ gateway
    def _global(self, handler: Callable[[Request, _Ctx], Any]) -> Callable[[Request], Response]:
        """A signed endpoint that must NOT carry shop_cipher (authorization/seller)."""
        return lambda req: self._gateway(req, handler, shop_scoped=False)

    def _shop_scoped(
        self, handler: Callable[[Request, _Ctx], Any]
    ) -> Callable[[Request], Response]:
        """A signed endpoint that needs shop_cipher."""
        return lambda req: self._gateway(req, handler, shop_scoped=True)

    def _gateway(
        self, req: Request, handler: Callable[[Request, _Ctx], Any], *, shop_scoped: bool
    ) -> Response:
        try:
            ctx = self._check(req, shop_scoped=shop_scoped)
            if isinstance(ctx, Response):
                return ctx
            return self._ok(handler(req, ctx))
        except ApiError as err:
            return self._error(err.code, err.message, err.status)

    def _check(self, req: Request, *, shop_scoped: bool) -> _Ctx | Response:
        """The reference's verification order (§8); the first failure answers."""
        q = req.query
        if q.get("app_key") != self.app_key:
            raise ApiError(36009004, MSG_APP_KEY, 400)
        if not q.get("sign"):
            raise ApiError(36009004, MSG_NO_SIGN, 401)
        self._check_timestamp(q.get("timestamp", ""))
        multipart = req.headers.get("content-type", "").lower().startswith("multipart/form-data")
        if not verify(self.app_secret, req.path, q, req.body, q["sign"], multipart=multipart):
            raise ApiError(106001, MSG_SIGN, 401)
        grant = self._access.get(req.headers.get("x-tts-access-token", ""))
        if grant is None:
            raise ApiError(36009004, MSG_TOKEN, 401)
        if self.clock.now() >= grant.access_expires:
            raise ApiError(105002, MSG_EXPIRED, int(self.options["expired_token_status"]))
        cipher = q.get("shop_cipher")
        if shop_scoped and not cipher:
            raise ApiError(106013, MSG_NO_CIPHER, 400)
        if not shop_scoped and cipher:
            raise ApiError(36009004, MSG_CIPHER_FORBIDDEN, 400)
        shop = None
        if cipher:
            shop = next((s for s in self.shops.values() if s.cipher == cipher), None)
            if shop is None or shop.id not in grant.shop_ids:
                raise ApiError(101000, MSG_MISMATCH, 401)
        if not self._within_qps(shop.id if shop else grant.open_id, req.path):
            return self._rate_limited()
        return _Ctx(grant=grant, shop=shop)

    def _check_timestamp(self, raw: str) -> None:
        try:
            ts = int(raw)
        except ValueError:
            raise ApiError(36009004, MSG_TS_NEG, 400) from None
        now = self.clock.now()
        if ts < 0:
            raise ApiError(36009004, MSG_TS_NEG, 400)
        if ts < now - float(self.options["timestamp_past"]):
            raise ApiError(36009004, MSG_TS_OLD, 400)
        if ts > now + float(self.options["timestamp_future"]):
            raise ApiError(36009004, MSG_TS_FUTURE, 400)

    def _within_qps(self, who: str, path: str) -> bool:
        """Sliding one-second window per (shop, API), real time."""
        api = self._api_name(path)
        window = self._hits.setdefault((who, api), deque())
        now = time.monotonic()
        while window and window[0] <= now - 1.0:
            window.popleft()
        if len(window) >= int(self.options["qps"]):
            return False
        window.append(now)
        return True

    def _api_name(self, path: str) -> str:
        """The route template a path belongs to (path ids collapse into one API)."""
        if self._patterns is None:
            self._patterns = [(r.compile(), r.path) for r in self.routes()]
        return next((name for pattern, name in self._patterns if pattern.match(path)), path)

    def _business(self, code: int, message: str) -> ApiError:
        return ApiError(code, message, int(self.options["business_error_status"]))

    # ------------------------------------------------------------------ token API
    def _token_get(self, req: Request) -> Response:
        try:
            self._check_app(req)
            if req.query.get("grant_type") != "authorized_code":
                raise ApiError(36009004, MSG_PARAM, self._token_status())
            code = req.query.get("auth_code", "")
            shop_id, expires = self._codes.pop(code, ("", 0.0))  # single use: gone either way
            if not shop_id or self.clock.now() >= expires:
                raise ApiError(36004004, "Invalid auth code.", self._token_status())
            return self._ok(self._grant_json(self._issue_grant([shop_id])), "success")
        except ApiError as err:
            return self._error(err.code, err.message, err.status)

    def _token_refresh(self, req: Request) -> Response:
        try:
            self._check_app(req)
            if req.query.get("grant_type") != "refresh_token":
                raise ApiError(36009004, MSG_PARAM, self._token_status())
            old = self._refresh.get(req.query.get("refresh_token", ""))
            if old is None:
                raise ApiError(36004005, "can not find related auth record", self._token_status())
            if self.clock.now() >= old.refresh_expires:
                raise ApiError(36004001, "rt has expired", self._token_status())
            if self.options["refresh_revokes_old"]:
                self._refresh.pop(old.refresh_token, None)
            grant = self._issue_grant(old.shop_ids, refresh_expires=old.refresh_expires)
            return self._ok(self._grant_json(grant), "success")
        except ApiError as err:
            return self._error(err.code, err.message, err.status)

    def _token_status(self) -> int:
        return int(self.options["token_error_status"])

    def _check_app(self, req: Request) -> None:
        if req.query.get("app_key") != self.app_key:
            raise ApiError(36009004, MSG_APP_KEY, self._token_status())
        if req.query.get("app_secret") != self.app_secret:
            raise ApiError(36009004, "Invalid credentials. Invalid app_secret.", 400)

    def _issue_grant(self, shop_ids: list[str], refresh_expires: int | None = None) -> _Grant:
        now = self._now()
        shop = self.shops[shop_ids[0]]
        grant = _Grant(
            access_token=f"TTP_{secrets.token_urlsafe(48)}",
            refresh_token=f"TTP_{secrets.token_urlsafe(40)}",
            access_expires=now + int(self.options["access_ttl"]),
            refresh_expires=refresh_expires or now + int(self.options["refresh_ttl"]),
            shop_ids=list(shop_ids),
            open_id=hashlib.sha256(shop.id.encode()).hexdigest()[:22],
            seller_name=shop.name,
        )
        self._access[grant.access_token] = grant
        self._refresh[grant.refresh_token] = grant
        return grant

    @staticmethod
    def _grant_json(grant: _Grant) -> dict[str, Any]:
        """The token API's data: ``*_expire_in`` are ABSOLUTE Unix timestamps."""
        return {
            "access_token": grant.access_token,
            "access_token_expire_in": grant.access_expires,
            "refresh_token": grant.refresh_token,
            "refresh_token_expire_in": grant.refresh_expires,
            "open_id": grant.open_id,
            "seller_name": grant.seller_name,
            "seller_base_region": "ID",
            "user_type": 0,
            "granted_scopes": [
                "seller.authorization.info",
                "seller.shop.info",
                "seller.order.info",
                "seller.product.basic",
                "seller.product.write",
                "seller.fulfillment.basic",
                "seller.fulfillment.package.write",
                "seller.finance.info",
            ],
        }

    # ------------------------------------------------------------------ consent page
    def _consent_page(self, req: Request) -> Response:
        """A stand-in for services.tiktokshop.com/open/authorize: pick a shop, Approve."""
        if req.query.get("service_id") != self.service_id:
            return Response.html("<h1>Invalid service_id</h1>", status=400)
        state = req.query.get("state", "")
        forms = []
        for shop in self.shops.values():
            common = {"service_id": self.service_id, "state": state, "shop_id": shop.id}
            approve = urlencode({**common, "action": "approve"})
            reject = urlencode({**common, "action": "reject"})
            forms.append(
                f"<li><b>{html.escape(shop.name)}</b> ({shop.code}) "
                f'<a class="approve" href="/open/authorize/decision?{html.escape(approve)}">'
                f"Approve</a> "
                f'<a class="reject" href="/open/authorize/decision?{html.escape(reject)}">'
                f"Reject</a></li>"
            )
        page = (
            "<!doctype html><html><head><title>Otorisasi Aplikasi - TikTok Shop</title></head>"
            "<body><h1>Authorize StoreSync</h1><p>Choose the shop to connect.</p>"
            f"<ul>{''.join(forms)}</ul></body></html>"
        )
        return Response.html(page)

    def _consent_decision(self, req: Request) -> Response:
        """Approve -> ``redirect?code=…&state=…``; reject -> ``code=null&error=auth_denied``."""
        if req.query.get("service_id") != self.service_id:
            return Response.html("<h1>Invalid service_id</h1>", status=400)
        shop_id = req.query.get("shop_id", "")
        if shop_id not in self.shops:
            return Response.html("<h1>Unknown shop</h1>", status=400)
        state = req.query.get("state", "")
        if req.query.get("action") == "approve":
            params = {"code": self.issue_code(shop_id)}
        else:
            params = {"code": "null", "error": "auth_denied"}
        if state:  # authorizations started from Seller Center carry no state
            params["state"] = state
        sep = "&" if "?" in self.redirect_url else "?"
        return Response.redirect(f"{self.redirect_url}{sep}{urlencode(params)}")

    # ------------------------------------------------------------------ authorization
    def _shops(self, req: Request, ctx: _Ctx) -> dict[str, Any]:
        return {
            "shops": [
                {
                    "id": s.id,
                    "name": s.name,
                    "region": "ID",
                    "seller_type": "LOCAL",
                    "cipher": s.cipher,
                    "code": s.code,
                }
                for s in (self.shops[i] for i in ctx.grant.shop_ids)
            ]
        }

    # ------------------------------------------------------------------ products
    def _search_products(self, req: Request, ctx: _Ctx) -> dict[str, Any]:
        shop = _shop(ctx)
        size = self._page_size(req, 100)
        body = self._body(req)
        skus_filter = body.get("seller_skus") or []
        if len(skus_filter) > 10:
            raise self._business(12019027, "The number of seller_skus cannot exceed 10.")
        status = body.get("status") or "ALL"
        rows = []
        for product in sorted(shop.products.values(), key=lambda p: p.id):
            if status != "ALL" and product.status != status:
                continue
            if skus_filter and not {s.seller_sku for s in product.skus} & set(skus_filter):
                continue
            if not _in_range(product.update_time, body, "update_time", inclusive_upper=True):
                continue
            if not _in_range(product.create_time, body, "create_time", inclusive_upper=True):
                continue
            rows.append(product)
        offset = self._offset(req, shop, body)
        if offset + size > 10000:
            raise self._business(
                12052180, "The total number of search results can not exceed 10000."
            )
        page = rows[offset : offset + size]
        return {
            "total_count": len(rows),
            "next_page_token": self._next_token(req, shop, body, offset + size, len(rows)),
            "products": [self._product_summary(p) for p in page],
        }

    def _get_product(self, req: Request, ctx: _Ctx) -> dict[str, Any]:
        product = self._product_of(_shop(ctx), req.path_params["product_id"])
        if product.status in ("FREEZE", "DELETED"):
            raise self._business(12052260, "The product does not exist.")
        data = self._product_summary(product)
        data.update(
            {
                "description": product.description,
                "category_chains": [
                    {
                        "id": "853000",
                        "parent_id": "0",
                        "local_name": product.category,
                        "is_leaf": True,
                    }
                ],
                "package_weight": {"value": "0.5", "unit": "KILOGRAM"},
                "is_cod_allowed": True,
            }
        )
        return data

    def _product_of(self, shop: _Shop, product_id: str) -> _Product:
        product = shop.products.get(product_id)
        if product is not None:
            return product
        if any(product_id in s.products for s in self.shops.values()):
            raise self._business(12052048, "The product does not belong to the current shop.")
        raise self._business(12019150, "The product does not exist.")

    def _product_summary(self, product: _Product) -> dict[str, Any]:
        return {
            "id": product.id,
            "title": product.title,
            "status": product.status,
            "skus": [self._sku_json(product, s) for s in product.skus],
            "sales_regions": ["ID"],
            "create_time": product.create_time,
            "update_time": product.update_time,
            "is_not_for_sale": False,
            "integrated_platform_statuses": [{"platform": "TOKOPEDIA", "status": product.status}],
            "product_sync_fail_reasons": [],
        }

    @staticmethod
    def _sku_json(product: _Product, sku: _Sku) -> dict[str, Any]:
        attrs = []
        if product.axis:
            attrs = [
                {
                    "id": "100000",
                    "name": product.axis,
                    "value_id": str(int(hashlib.md5(sku.name.encode()).hexdigest()[:7], 16)),
                    "value_name": sku.name,
                }
            ]
        return {
            "id": sku.id,
            "seller_sku": sku.seller_sku,
            "price": {
                "currency": "IDR",
                "sale_price": _money(sku.price),
                "tax_exclusive_price": _money(sku.price),
            },
            "inventory": [{"warehouse_id": w, "quantity": q} for w, q in sku.stock.items()],
            "sales_attributes": attrs,
        }

    def _update_inventory(self, req: Request, ctx: _Ctx) -> dict[str, Any]:
        """Per-SKU validation; valid SKUs are applied, failures come back in ``errors``."""
        shop = _shop(ctx)
        product = self._product_of(shop, req.path_params["product_id"])
        if product.status != "ACTIVATE":
            raise self._business(12052037, "Couldn't update inventory: the product is not active.")
        entries = self._body(req).get("skus")
        if not isinstance(entries, list) or not entries:
            raise self._business(12052036, "SKU ID is necessary.")
        errors = []
        for entry in entries:
            failure = self._apply_inventory(shop, product, entry)
            if failure is not None:
                errors.append(failure)
        if len(errors) < len(entries):
            product.update_time = self._now()
        return {"errors": errors} if errors else {}

    def _apply_inventory(self, shop: _Shop, product: _Product, entry: Any) -> dict[str, Any] | None:
        sku_id = str(entry.get("id", "")) if isinstance(entry, dict) else ""
        sku = next((s for s in product.skus if s.id == sku_id), None)
        if sku is None:
            return _sku_error(12052036, "The SKU does not belong to this product.", sku_id)
        rows = entry.get("inventory")
        if not isinstance(rows, list) or not rows:
            return _sku_error(12019022, "SKU must contain a valid warehouse.", sku_id)
        updates: dict[str, int] = {}
        bad_warehouses = []
        lowest = int(self.options["min_inventory_quantity"])
        for row in rows:
            wid = str(row.get("warehouse_id") or "")
            if not wid:
                if len(shop.sales_warehouse_ids) != 1:
                    return _sku_error(12019022, "SKU must contain a valid warehouse.", sku_id)
                wid = shop.sales_warehouse_ids[0]
            qty = row.get("quantity")
            if not isinstance(qty, int) or isinstance(qty, bool) or not lowest <= qty <= 99999:
                return _sku_error(12019024, "The stock count is invalid.", sku_id)
            if wid not in shop.sales_warehouse_ids:
                bad_warehouses.append(
                    {
                        "warehouse_id": wid,
                        "code": 12052097,
                        "message": "The warehouse does not exist",
                    }
                )
            updates[wid] = qty
        if bad_warehouses:
            return {
                "code": 12052990,
                "message": "Check failed",
                "detail": {"sku_id": sku_id, "extra_errors": bad_warehouses},
            }
        if set(sku.stock) - set(updates):
            return _sku_error(
                12019028,
                "Multiple warehouses detected. Please include all warehouse IDs.",
                sku_id,
            )
        sku.stock.update(updates)
        return None

    def _update_prices(self, req: Request, ctx: _Ctx) -> dict[str, Any]:
        """All-or-nothing: a bad amount rejects the call (``12052012``)."""
        product = self._product_of(_shop(ctx), req.path_params["product_id"])
        entries = self._body(req).get("skus")
        if not isinstance(entries, list) or not entries:
            raise self._business(12052036, "SKU ID is necessary.")
        planned: list[tuple[_Sku, Decimal]] = []
        for entry in entries:
            sku = next((s for s in product.skus if s.id == str(entry.get("id", ""))), None)
            if sku is None:
                raise self._business(12052036, "The SKU does not belong to this product.")
            price = entry.get("price") or {}
            try:
                amount = Decimal(str(price.get("amount")))
            except InvalidOperation:
                raise self._business(12052012, "Incorrect price format.") from None
            if amount <= 0 or price.get("currency", "IDR") != "IDR":
                raise self._business(12052012, "Incorrect price format.")
            planned.append((sku, amount))
        for sku, amount in planned:
            sku.price = amount
        product.update_time = self._now()
        return {}

    def _inventory_search(self, req: Request, ctx: _Ctx) -> dict[str, Any]:
        shop = _shop(ctx)
        body = self._body(req)
        sku_ids = set(body.get("sku_ids") or [])
        product_ids = set(body.get("product_ids") or [])
        if len(sku_ids) > 600 or len(product_ids) > 100:
            raise ApiError(36009004, MSG_PARAM, 400)
        committed = self._committed(shop)
        out = []
        for product in shop.products.values():
            skus = [s for s in product.skus if s.id in sku_ids] if sku_ids else product.skus
            if (sku_ids and not skus) or (not sku_ids and product.id not in product_ids):
                continue
            out.append(
                {
                    "product_id": product.id,
                    "skus": [self._inventory_row(s, committed) for s in skus],
                }
            )
        return {"inventory": out}

    @staticmethod
    def _inventory_row(sku: _Sku, committed: Counter[tuple[str, str]]) -> dict[str, Any]:
        rows = [
            {
                "warehouse_id": w,
                "available_quantity": q,
                "committed_quantity": committed[(sku.id, w)],
            }
            for w, q in sku.stock.items()
        ]
        return {
            "id": sku.id,
            "seller_sku": sku.seller_sku,
            "total_available_quantity": sum(r["available_quantity"] for r in rows),
            "total_committed_quantity": sum(r["committed_quantity"] for r in rows),
            "warehouse_inventory": rows,
        }

    @staticmethod
    def _committed(shop: _Shop) -> Counter[tuple[str, str]]:
        """Units reserved by orders that have not left the warehouse."""
        out: Counter[tuple[str, str]] = Counter()
        for order in shop.orders.values():
            if order.status in ("UNPAID", "ON_HOLD", "AWAITING_SHIPMENT", "AWAITING_COLLECTION"):
                out.update(order.units)
        return out

    def _warehouses(self, req: Request, ctx: _Ctx) -> dict[str, Any]:
        return {"warehouses": _shop(ctx).warehouses}

    # ------------------------------------------------------------------ orders
    def _search_orders(self, req: Request, ctx: _Ctx) -> dict[str, Any]:
        shop = _shop(ctx)
        size = self._page_size(req, 100)
        body = self._body(req)
        sort_field = req.query.get("sort_field", "create_time")
        sort_order = req.query.get("sort_order", "DESC")
        if sort_field not in ("create_time", "update_time") or sort_order not in ("ASC", "DESC"):
            raise ApiError(36009004, MSG_PARAM, 400)
        rows = [
            o
            for o in shop.orders.values()
            if (not body.get("order_status") or o.status == body["order_status"])
            and _in_range(o.create_time, body, "create_time", inclusive_upper=False)
            and _in_range(o.update_time, body, "update_time", inclusive_upper=False)
        ]
        rows.sort(key=lambda o: (getattr(o, sort_field), o.id), reverse=sort_order == "DESC")
        offset = self._offset(req, shop, body)
        return {
            "total_count": len(rows),
            "next_page_token": self._next_token(req, shop, body, offset + size, len(rows)),
            "orders": [self._order_json(o) for o in rows[offset : offset + size]],
        }

    def _order_detail(self, req: Request, ctx: _Ctx) -> dict[str, Any]:
        shop = _shop(ctx)
        ids = [i for i in req.query.get("ids", "").split(",") if i]
        if not ids or len(ids) > 50:
            raise ApiError(36009004, f"{MSG_PARAM}: ids must hold 1 to 50 order ids", 400)
        out = []
        for order_id in ids:
            order = shop.orders.get(order_id)
            if order is None:
                self._unknown_order(order_id)
                continue
            out.append(self._order_json(order))
        return {"orders": out}

    def _unknown_order(self, order_id: str) -> None:
        """Another seller's order is an error; an unknown id is dropped or an error (option)."""
        other = any(order_id in s.orders for s in self.shops.values())
        if other or self.options["unknown_order_ids"] == "error":
            raise self._business(
                21008111, "The order or package does not belong to the current seller."
            )

    def _order_of(self, shop: _Shop, order_id: str) -> _Order:
        order = shop.orders.get(order_id)
        if order is None:
            raise self._business(
                21008111, "The order or package does not belong to the current seller."
            )
        return order

    def _order_json(self, order: _Order) -> dict[str, Any]:
        """The 202309 order object; no address while UNPAID/ON_HOLD (pitfall 13)."""
        data: dict[str, Any] = {
            "id": order.id,
            "status": order.status,
            "create_time": order.create_time,
            "update_time": order.update_time,
            "paid_time": order.paid_time,
            "user_id": order.user_id,
            "buyer_email": f"{order.user_id[-6:]}@chat.seller.tiktok.com",
            "buyer_message": "",
            "seller_note": "",
            "commerce_platform": "TIKTOK_SHOP",
            "order_type": "NORMAL",
            "fulfillment_type": "FULFILLMENT_BY_SELLER",
            "shipping_type": "TIKTOK",
            "delivery_type": "HOME_DELIVERY",
            "delivery_option_id": "7091146663229654785",
            "delivery_option_name": "Standard Shipping",
            "warehouse_id": order.warehouse_id,
            "is_cod": False,
            "is_sample_order": False,
            "is_on_hold_order": order.status == "ON_HOLD",
            "is_replacement_order": False,
            "is_buyer_request_cancel": False,
            "has_updated_recipient_address": False,
            "split_or_combine_tag": "",
            "payment_method_name": "GoPay",
            "rts_sla_time": order.create_time + 2 * 86400,
            "tts_sla_time": order.create_time + 3 * 86400,
            "collection_time": order.collection_time,
            "delivery_time": order.delivery_time,
            "tracking_number": order.tracking_number,
            "shipping_provider": "J&T Express" if order.tracking_number else "",
            "shipping_provider_id": "6617675021119438849" if order.tracking_number else "",
            "cancel_reason": order.cancel_reason,
            "cancellation_initiator": order.cancellation_initiator,
            "cancel_time": order.cancel_time,
            "packages": [{"id": order.package_id}] if order.package_id else [],
            "payment": dict(order.payment),
            "line_items": [dict(li) for li in order.lines],
        }
        if order.status not in ("UNPAID", "ON_HOLD"):
            city, province = order.city
            data["recipient_address"] = {
                "name": _mask(order.buyer),
                "phone_number": "(+62)812****" + order.user_id[-4:],
                "full_address": f"Jl. Merdeka No. {int(order.id[-2:]) + 1}, {city}, {province}",
                "address_detail": f"Jl. Merdeka No. {int(order.id[-2:]) + 1}",
                "postal_code": "1" + order.user_id[-4:],
                "region_code": "ID",
                "district_info": [
                    {
                        "address_level": "L0",
                        "address_level_name": "Country",
                        "address_name": "Indonesia",
                    },
                    {
                        "address_level": "L1",
                        "address_level_name": "Province",
                        "address_name": province,
                    },
                    {"address_level": "L2", "address_level_name": "City", "address_name": city},
                ],
            }
        return data

    # ------------------------------------------------------------------ order life cycle
    def _pick_basket(
        self, shop: _Shop, rng: random.Random, lines: int | None = None
    ) -> list[tuple[_Product, _Sku, int]]:
        """1–3 units over one or two in-stock SKUs (or 1–2 units of each of ``lines``
        SKUs), never more than in stock."""
        pool = [
            (p, s)
            for p in shop.products.values()
            if p.status == "ACTIVATE"
            for s in p.skus
            if sum(s.stock.values()) > 0
        ]
        if not pool:
            return []
        if lines is not None:
            return [
                (p, sku, min(sum(sku.stock.values()), rng.randint(1, 2)))
                for p, sku in rng.sample(pool, k=min(len(pool), lines))
            ]
        units = rng.randint(1, 3)
        basket: dict[str, tuple[_Product, _Sku, int]] = {}
        for product, sku in rng.sample(pool, k=min(len(pool), rng.randint(1, 2))):
            if units <= 0:
                break
            take = min(units, sum(sku.stock.values()), rng.randint(1, units))
            basket[sku.id] = (product, sku, take)
            units -= take
        return list(basket.values())

    def _create_order(
        self, shop: _Shop, basket: list[tuple[_Product, _Sku, int]], rng: random.Random
    ) -> _Order:
        now = self._now()
        order_id = self._new_id("5764")
        lines, units = [], []
        for product, sku, qty in basket:
            seller_off = rng.choice([Decimal(0), Decimal(0), Decimal(2000), Decimal(5000)])
            platform_off = rng.choice([Decimal(0), Decimal(0), Decimal(1000)])
            seller_off = min(seller_off, sku.price / 2).quantize(Decimal(1))
            for _ in range(qty):
                warehouse = self._take_unit(sku)
                units.append((sku.id, warehouse))
                lines.append(self._line(order_id, product, sku, seller_off, platform_off))
        buyer = rng.choice(BUYER_NAMES)
        order = _Order(
            id=order_id,
            shop_id=shop.id,
            status="UNPAID",
            create_time=now,
            update_time=now,
            buyer=buyer,
            user_id=self._digits("7021", 19),
            city=rng.choice(CITIES),
            lines=lines,
            payment=self._payment(lines, rng),
            warehouse_id=units[0][1],
            units=units,
        )
        shop.orders[order.id] = order
        for product, _sku, _qty in basket:
            product.update_time = now
        return order

    @staticmethod
    def _take_unit(sku: _Sku) -> str:
        """Decrement one unit from the fullest warehouse; returns the warehouse id."""
        warehouse = max(sku.stock, key=lambda w: sku.stock[w])
        sku.stock[warehouse] -= 1
        return warehouse

    def _line(
        self,
        order_id: str,
        product: _Product,
        sku: _Sku,
        seller_off: Decimal,
        platform_off: Decimal,
    ) -> dict[str, Any]:
        """One unit: TikTok 202309 line items have no quantity."""
        # [uncertain] sale_price = original_price - seller_discount - platform_discount, so
        # that the lines' sale prices add up to payment.sub_total (reference §5.4.3).
        sale = sku.price - seller_off - platform_off
        return {
            "id": self._new_id("5770"),
            "product_id": product.id,
            "product_name": product.title,
            "sku_id": sku.id,
            "sku_name": sku.name,
            "seller_sku": sku.seller_sku,
            "sku_image": f"https://p16-oec-va.ibyteimg.com/tos-maliva-i-o3syd03w52-us/{sku.id}",
            "sku_type": "NORMAL",
            "currency": "IDR",
            "original_price": _money(sku.price),
            "sale_price": _money(sale),
            "seller_discount": _money(seller_off),
            "platform_discount": _money(platform_off),
            "display_status": "UNPAID",
            "package_id": "",
            "package_status": "TO_FULFILL",
            "is_gift": False,
            "cancel_user": "",
            "cancel_reason": "",
            "rts_time": 0,
            "tracking_number": "",
            "shipping_provider_id": "",
            "shipping_provider_name": "",
            "combined_listing_skus": [],
            "item_tax": [],
        }

    @staticmethod
    def _payment(lines: list[dict[str, Any]], rng: random.Random) -> dict[str, str]:
        original = sum(Decimal(li["original_price"]) for li in lines)
        seller = sum(Decimal(li["seller_discount"]) for li in lines)
        platform = sum(Decimal(li["platform_discount"]) for li in lines)
        sub_total = original - seller - platform
        ship = Decimal(rng.randrange(9000, 26000, 1000))
        ship_platform = rng.choice([Decimal(0), ship])  # free-shipping voucher or not
        ship_seller = Decimal(0) if ship_platform else rng.choice([Decimal(0), Decimal(3000)])
        ship_fee = ship - ship_platform - ship_seller
        values = {
            "original_total_product_price": original,
            "seller_discount": seller,
            "platform_discount": platform,
            "sub_total": sub_total,
            "original_shipping_fee": ship,
            "shipping_fee_seller_discount": ship_seller,
            "shipping_fee_platform_discount": ship_platform,
            "shipping_fee_cofunded_discount": Decimal(0),
            "shipping_fee": ship_fee,
            "tax": Decimal(0),
            "product_tax": Decimal(0),
            "shipping_fee_tax": Decimal(0),
            "retail_delivery_fee": Decimal(0),
            "small_order_fee": Decimal(0),
            "buyer_service_fee": Decimal(0),
            "handling_fee": Decimal(0),
            "shipping_insurance_fee": Decimal(0),
            "item_insurance_fee": Decimal(0),
            "total_amount": sub_total + ship_fee,
        }
        return {"currency": "IDR", **{k: _money(v) for k, v in values.items()}}

    def _advance(
        self, shop: _Shop, order: _Order, rng: random.Random, straight: bool = False
    ) -> int:
        """One step of TikTok's sequence; ``straight`` skips the random detours (tests)."""
        now = self._now()
        status = order.status
        if status == "UNPAID":
            if not straight and rng.random() < float(self.options["unpaid_cancel_probability"]):
                self._cancel(shop, order, "SYSTEM", "Pembayaran tidak diterima tepat waktu")
                return 1
            order.paid_time = now
            on_hold = not straight and rng.random() < float(self.options["on_hold_probability"])
            self._set_status(order, "ON_HOLD" if on_hold else "AWAITING_SHIPMENT", now)
        elif status == "ON_HOLD":
            self._set_status(order, "AWAITING_SHIPMENT", now)
        elif status == "AWAITING_SHIPMENT":
            self._arrange_shipment(order, now)
        elif status == "AWAITING_COLLECTION":
            order.collection_time = now
            self._set_status(order, "IN_TRANSIT", now, package_status="FULFILLING")
            order.tracking.append(_event("Paket telah diambil oleh kurir J&T Express", now))
        elif status == "IN_TRANSIT":
            order.delivery_time = now
            self._set_status(order, "DELIVERED", now, package_status="COMPLETED")
            order.tracking.append(_event("Your package was delivered!", now))
        elif status == "DELIVERED":
            self._set_status(order, "COMPLETED", now)
            self._settle(shop, order, now)
        else:
            return 0
        return 1

    def _set_status(
        self, order: _Order, status: str, now: int, package_status: str | None = None
    ) -> None:
        order.status, order.update_time = status, now
        if status == "AWAITING_SHIPMENT" and not order.package_id:
            order.package_id = self._new_id("1152")
            order.tracking_number = f"JX{self._digits('', 10)}"
        line_status = "AWAITING_SHIPMENT" if status == "ON_HOLD" else status
        for line in order.lines:
            line["display_status"] = line_status
            if order.package_id:
                line["package_id"] = order.package_id
            if package_status:
                line["package_status"] = package_status

    def _arrange_shipment(self, order: _Order, now: int) -> None:
        order.rts_time = now
        self._set_status(order, "AWAITING_COLLECTION", now, package_status="PROCESSING")
        for line in order.lines:
            line.update(
                rts_time=now,
                tracking_number=order.tracking_number,
                shipping_provider_id="6617675021119438849",
                shipping_provider_name="J&T Express",
            )
        order.tracking.append(_event("Penjual telah mengatur pengiriman", now))

    def _cancel(self, shop: _Shop, order: _Order, who: str, reason: str) -> None:
        """Cancel the whole order and put every unit back where it came from."""
        now = self._now()
        for sku_id, warehouse in order.units:
            found = shop.find_sku(sku_id)
            if found is not None:
                found[1].stock[warehouse] = found[1].stock.get(warehouse, 0) + 1
        order.status, order.update_time, order.cancel_time = "CANCELLED", now, now
        order.cancel_reason, order.cancellation_initiator = reason, who
        for line in order.lines:
            line.update(
                display_status="CANCELLED",
                package_status="CANCELLED",
                cancel_user=who,
                cancel_reason=reason,
            )

    # ------------------------------------------------------------------ fulfillment
    def _package_order(self, shop: _Shop, package_id: str) -> _Order:
        for order in shop.orders.values():
            if order.package_id == package_id:
                return order
        raise self._business(
            21008111, "The order or package does not belong to the current seller."
        )

    def _package(self, req: Request, ctx: _Ctx) -> dict[str, Any]:
        order = self._package_order(_shop(ctx), req.path_params["package_id"])
        status = order.lines[0]["package_status"] if order.lines else "PROCESSING"
        return {
            "package_id": order.package_id,
            "orders": [{"id": order.id, "skus": []}],
            "package_status": "PROCESSING" if status == "TO_FULFILL" else status,
            "split_and_combine_tag": "",
            "shipping_provider_name": "J&T Express",
            "shipping_provider_id": "6617675021119438849",
            "shipping_type": "TIKTOK",
            "delivery_option_id": "7091146663229654785",
            "delivery_option_name": "Standard Shipping",
            "tracking_number": order.tracking_number,
            "handover_method": "PICKUP",
            "order_line_item_ids": [li["id"] for li in order.lines],
            "create_time": order.paid_time,
            "update_time": order.update_time,
        }

    def _handover_slots(self, req: Request, ctx: _Ctx) -> dict[str, Any]:
        self._package_order(_shop(ctx), req.path_params["package_id"])
        start = (self._now() // 3600 + 2) * 3600
        return {
            "can_pickup": True,
            "can_drop_off": True,
            "can_van_collection": False,
            "drop_off_point_url": "",
            "pickup_slots": [
                {
                    "start_time": start + d * 86400,
                    "end_time": start + d * 86400 + 4 * 3600,
                    "avaliable": True,
                }
                for d in range(3)
            ],
        }

    def _ship(self, req: Request, ctx: _Ctx) -> dict[str, Any]:
        order = self._package_order(_shop(ctx), req.path_params["package_id"])
        if order.status != "AWAITING_SHIPMENT":
            if order.rts_time:
                raise self._business(11006021, "Package has been shipped.")
            raise self._business(11001002, "invalid param: the package cannot be shipped now")
        self._arrange_shipment(order, self._now())
        return {}

    def _shipping_document(self, req: Request, ctx: _Ctx) -> dict[str, Any]:
        shop = _shop(ctx)
        order = self._package_order(shop, req.path_params["package_id"])
        doc_type = req.query.get("document_type")
        if doc_type not in ("SHIPPING_LABEL", "PACKING_SLIP", "SHIPPING_LABEL_AND_PACKING_SLIP"):
            raise self._business(11001002, "invalid param: document_type")
        if order.status == "CANCELLED":
            raise self._business(21008017, "Shipping documents are not available for this package.")
        doc_id = secrets.token_hex(12)
        self._documents[doc_id] = (shop.id, order.id)
        return {
            "doc_url": f"{self.sandbox.base_url}/sandbox/tiktok/documents/{doc_id}",
            "tracking_number": order.tracking_number,
        }

    def _document(self, req: Request) -> Response:
        """The document CDN stand-in: unsigned, serves a small A6 PDF label."""
        found = self._documents.get(req.path_params["doc_id"])
        if found is None:
            return Response(status=404, body=b"Not Found", content_type="text/plain")
        shop_id, order_id = found
        shop = self.shops[shop_id]
        order = shop.orders[order_id]
        lines = [
            "TikTok Shop - J&T Express",
            f"Resi: {order.tracking_number}",
            f"Order: {order.id}",
            f"Penerima: {order.buyer}, {order.city[0]}",
            f"Pengirim: {shop.name}",
            *(f"{u['seller_sku']} x1" for u in order.lines),
        ]
        return Response(status=200, body=_pdf(lines), content_type="application/pdf")

    def _tracking(self, req: Request, ctx: _Ctx) -> dict[str, Any]:
        order = self._order_of(_shop(ctx), req.path_params["order_id"])
        return {"tracking": list(reversed(order.tracking))}

    # ------------------------------------------------------------------ finance
    def _settle(self, shop: _Shop, order: _Order, now: int) -> None:
        """Generate the order's settlement (202501 shape) and put it on tomorrow's statement."""
        rates = {
            "platform_commission_amount": Decimal(self.options["commission_rate"]),
            "transaction_fee_amount": Decimal(self.options["transaction_fee_rate"]),
            "dynamic_commission_amount": Decimal(self.options["dynamic_commission_rate"]),
        }
        order.statement_day = now // 86400 + 1
        statement_id = self._statement_id(shop, order.statement_day)
        by_sku: dict[str, list[dict[str, Any]]] = {}
        for line in order.lines:
            by_sku.setdefault(line["sku_id"], []).append(line)
        ship_cost = -Decimal(order.payment["shipping_fee_seller_discount"])
        sku_rows = []
        for n, (sku_id, lines) in enumerate(by_sku.items()):
            gross = sum(Decimal(li["original_price"]) for li in lines)
            seller_off = sum(Decimal(li["seller_discount"]) for li in lines)
            revenue = gross - seller_off
            fees = {k: -_round(revenue * r) for k, r in rates.items()}
            fees["affiliate_commission_amount"] = Decimal(0)
            fee_total = sum(fees.values(), Decimal(0))
            shipping = ship_cost if n == 0 else Decimal(0)
            sku_rows.append(
                {
                    "sku_id": sku_id,
                    "sku_name": lines[0]["sku_name"],
                    "product_name": lines[0]["product_name"],
                    "statement_id": statement_id,
                    "quantity": len(lines),
                    "revenue_amount": _money(revenue),
                    "revenue_breakdown": {
                        "subtotal_before_discount_amount": _money(gross),
                        "seller_discount_amount": _money(-seller_off),
                        "refund_subtotal_before_discount_amount": "0",
                        "seller_discount_refund_amount": "0",
                    },
                    "shipping_cost_amount": _money(shipping),
                    "shipping_cost_breakdown": {
                        "seller_shipping_fee_discount_amount": _money(shipping)
                    },
                    "fee_tax_amount": _money(fee_total),
                    "fee_tax_breakdown": {
                        "fee": {k: _money(v) for k, v in fees.items()},
                        "tax": {},
                    },
                    "settlement_amount": _money(revenue + fee_total + shipping),
                }
            )
        total = {
            key: sum((Decimal(r[key]) for r in sku_rows), Decimal(0))
            for key in (
                "revenue_amount",
                "fee_tax_amount",
                "shipping_cost_amount",
                "settlement_amount",
            )
        }
        order.settlement = {
            "order_id": order.id,
            "order_create_time": order.create_time,
            "currency": "IDR",
            "status": "SETTLED",
            "revenue_amount": _money(total["revenue_amount"]),
            "fee_and_tax_amount": _money(total["fee_tax_amount"]),
            "shipping_cost_amount": _money(total["shipping_cost_amount"]),
            "settlement_amount": _money(total["settlement_amount"]),
            "sku_transactions": sku_rows,
        }

    def _statement_id(self, shop: _Shop, day: int) -> str:
        return f"7{shop.index:02d}{day:016d}"

    def _order_transactions(self, req: Request, ctx: _Ctx) -> dict[str, Any]:
        order = self._order_of(_shop(ctx), req.path_params["order_id"])
        if order.settlement is not None:
            return order.settlement
        return {  # not settled yet: nothing to report
            "order_id": order.id,
            "order_create_time": order.create_time,
            "currency": "IDR",
            "revenue_amount": "0",
            "fee_and_tax_amount": "0",
            "shipping_cost_amount": "0",
            "settlement_amount": "0",
            "sku_transactions": [],
        }

    def _statements(self, req: Request, ctx: _Ctx) -> dict[str, Any]:
        shop = _shop(ctx)
        if req.query.get("sort_field") != "statement_time":
            raise ApiError(36009004, f"{MSG_PARAM}: sort_field is required", 400)
        size = self._page_size(req, 100, default=20)
        days: dict[int, list[_Order]] = {}
        for order in shop.orders.values():
            if order.settlement is not None:
                days.setdefault(order.statement_day, []).append(order)
        rows = []
        for day in sorted(days):
            statement = self._statement_json(shop, day, days[day])
            if _in_range(statement["statement_time"], req.query, "statement_time", False):
                rows.append(statement)
        if req.query.get("sort_order") == "DESC":
            rows.reverse()
        offset = self._offset(req, shop, {})
        return {
            "next_page_token": self._next_token(req, shop, {}, offset + size, len(rows)),
            "statements": rows[offset : offset + size],
        }

    def _statement_json(self, shop: _Shop, day: int, orders: list[_Order]) -> dict[str, Any]:
        def total(key: str) -> Decimal:
            return sum((Decimal(o.settlement[key]) for o in orders if o.settlement), Decimal(0))

        paid = self.clock.now() >= day * 86400 + 86400
        return {
            "id": self._statement_id(shop, day),
            "statement_time": day * 86400,
            "settlement_amount": _money(total("settlement_amount")),
            "currency": "IDR",
            "revenue_amount": _money(total("revenue_amount")),
            "fee_amount": _money(total("fee_and_tax_amount")),
            "adjustment_amount": "0",
            "payment_status": "PAID" if paid else "PROCESSING",
            "payment_id": f"8{shop.index:02d}{day:016d}" if paid else "",
            "net_sales_amount": _money(total("revenue_amount")),
            "shipping_cost_amount": _money(total("shipping_cost_amount")),
        }

    # ------------------------------------------------------------------ paging helpers
    def _page_size(self, req: Request, limit: int, default: int | None = None) -> int:
        raw = req.query.get("page_size")
        if raw is None and default is not None:
            return default
        try:
            size = int(raw or "")
        except ValueError:
            raise ApiError(36009004, f"{MSG_PARAM}: page_size is required", 400) from None
        if not 1 <= size <= limit:
            raise ApiError(36009004, f"{MSG_PARAM}: page_size must be in [1, {limit}]", 400)
        return size

    @staticmethod
    def _body(req: Request) -> dict[str, Any]:
        try:
            body = req.json()
        except ValueError:
            raise ApiError(36009004, f"{MSG_PARAM}: body is not JSON", 400) from None
        if body is None:
            return {}
        if not isinstance(body, dict):
            raise ApiError(36009004, f"{MSG_PARAM}: body must be an object", 400)
        return body

    @staticmethod
    def _fingerprint(req: Request, body: dict[str, Any]) -> str:
        """Filters and sort a page token is bound to (they must not change between pages)."""
        keep = {k: v for k, v in req.query.items() if k in ("sort_field", "sort_order")}
        return json.dumps([req.path, keep, body], sort_keys=True)

    def _offset(self, req: Request, shop: _Shop, body: dict[str, Any]) -> int:
        token = req.query.get("page_token")
        if not token:
            return 0
        found = self._page_tokens.get(token)
        if found is None or found[0] != shop.id or found[1] != self._fingerprint(req, body):
            raise ApiError(36009004, f"{MSG_PARAM}: page_token is invalid", 400)
        return found[2]

    def _next_token(
        self, req: Request, shop: _Shop, body: dict[str, Any], offset: int, total: int
    ) -> str:
        """An opaque token holding ``+`` and ``/`` (clients must encode them); "" at the end."""
        if offset >= total:
            return ""
        while True:
            token = base64.b64encode(os.urandom(45)).decode()
            if "+" in token and "/" in token:
                break
        self._page_tokens[token] = (shop.id, self._fingerprint(req, body), offset)
        return token


# ---------------------------------------------------------------------- module helpers


def _shop(ctx: _Ctx) -> _Shop:
    assert ctx.shop is not None  # shop-scoped routes always resolve a shop
    return ctx.shop


def _money(value: Decimal) -> str:
    """IDR amounts are integer-valued decimal strings ("150000")."""
    if value == value.to_integral_value():
        return str(int(value))
    return format(value, "f")


def _round(value: Decimal) -> Decimal:
    return value.quantize(Decimal(1), rounding=ROUND_HALF_UP)


def _mask(name: str) -> str:
    """TikTok masks buyer names for platform logistics: ``B***i``."""
    return name[0] + "***" + name[-1] if len(name) > 2 else name


def _event(text: str, now: int) -> dict[str, Any]:
    return {"description": text, "update_time_millis": now * 1000}


def _sku_error(code: int, message: str, sku_id: str) -> dict[str, Any]:
    return {"code": code, "message": message, "detail": {"sku_id": sku_id, "extra_errors": []}}


def _in_range(value: int, filters: dict[str, Any], name: str, inclusive_upper: bool) -> bool:
    """``name_ge`` inclusive; upper bound ``name_le`` (products) or ``name_lt`` (orders)."""
    lower = filters.get(f"{name}_ge")
    upper = filters.get(f"{name}_le" if inclusive_upper else f"{name}_lt")
    if lower not in (None, "") and value < int(lower):
        return False
    if upper not in (None, ""):
        return value <= int(upper) if inclusive_upper else value < int(upper)
    return True


def _pdf(lines: list[str]) -> bytes:
    """A minimal one-page A6 PDF with the given text lines (Helvetica, Latin-1)."""

    def esc(text: str) -> str:
        safe = text.encode("latin-1", "replace").decode("latin-1")
        return safe.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    text = " ".join(f"({esc(line)}) '" for line in lines)
    stream = f"BT /F1 10 Tf 14 TL 20 400 Td {text} ET"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 298 420] /Contents 4 0 R "
        "/Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(stream.encode('latin-1'))} >>\nstream\n{stream}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{n} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for off in offsets:
        out += f"{off:010d} 00000 n \n".encode()
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return bytes(out)
