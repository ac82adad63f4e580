"""A faithful Shopee Open Platform v2 emulator for the sandbox (reference §6 blueprint).

What it does like Shopee: the ``/api/v2/<module>/<action>`` paths and methods, the gateway
checks (partner id, ±300 s timestamp, HMAC signature, access token, shop), single-use codes,
4-hour access tokens, single-use rotating refresh tokens (the old access token survives 5
minutes), the envelope (``request_id``/``error``/``message``/``warning``/``response``, with
the irregular top-level endpoints), page and batch limits with Shopee's own error codes, the
15-day order window, per-shop rate limiting, the order status sequence, shipping documents
and escrow.

All times come from ``sandbox.clock``; handlers run with ``sandbox.lock`` held (the sandbox
takes it), so state needs no locking of its own.

Behaviour the reference marks uncertain [U] is set through ``options`` (see
:data:`DEFAULT_OPTIONS`).
"""

from __future__ import annotations

import bisect
import html
import random
import string
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from typing import Any
from urllib.parse import urlencode, urlsplit, urlunsplit

from app.core.platforms.shopee import signing
from app.sandbox.catalog import BUYER_NAMES, CITIES, DemoProduct
from app.sandbox.core import Request, Response, Route, Sandbox

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
    "document_ready_after_polls": 1,
    # Seconds (sandbox clock) after ship_order before the 3PL tracking number appears.
    "tracking_delay_seconds": 0,
    # Fraction of catalog products each shop leaves unlisted (at least one).
    "unlisted_fraction": 0.15,
    "advance_probability": 0.5,
    "commission_rate": "0.08",
    "service_rate": "0.04",
    "transaction_rate": "0.02",
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


# --------------------------------------------------------------------------- state


@dataclass
class SimModel:
    """A Shopee model (variation), or the single implicit model (id 0) of a plain item."""

    model_id: int
    sku: str
    option: str
    price: Decimal
    stock: dict[str, int]  # location_id -> seller stock
    reserved: int = 0  # promotion-reserved stock: stock may not be set below it

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
    doc_status: str = ""  # "", PROCESSING, READY
    doc_polls: int = 0
    doc_type: str = ""
    restocked: bool = False  # cancelled before shipping: its units went back to stock

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
class _Grant:
    shop_id: int
    expires_at: float


@dataclass
class _Ctx:
    """A request that passed the gateway."""

    request: Request
    shop: SimShop | None
    body: dict[str, Any]

    @property
    def q(self) -> dict[str, str]:
        return self.request.query


class _Reject(Exception):
    """Raised inside handlers to answer with an error response."""

    def __init__(self, response: Response) -> None:
        super().__init__("rejected")
        self.response = response


# --------------------------------------------------------------------------- the simulator


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
        self.options = {**DEFAULT_OPTIONS, **(options or {})}
        self._rng = random.Random(seed * 7919 + 17)
        self.partner_id = int(
            self.options["partner_id"] or self._rng.randrange(1_000_000, 2_999_999)
        )
        self.partner_key = str(
            self.options["partner_key"]
            or "shpk" + "".join(self._rng.choices("0123456789abcdef", k=60))
        )
        self.shops: dict[int, SimShop] = {}
        self._codes: dict[str, tuple[int, float]] = {}
        self._access: dict[str, _Grant] = {}
        self._refresh: dict[str, _Grant] = {}
        self._consents: dict[str, tuple[str, float]] = {}
        self._buckets: dict[tuple[int, int], list[float]] = {}
        self._order_indexes: dict[
            tuple[int, str, str], tuple[int, list[tuple[int, str]], list[SimOrder]]
        ] = {}
        for index in range(shops):
            self._seed_shop(index, catalog, random.Random(seed * 1000 + index))

    # ------------------------------------------------------------------ seeding
    def _now(self) -> float:
        return self.sandbox.clock.now()

    def _new_id(self, rng: random.Random, low: int, high: int, taken: set[int]) -> int:
        while True:
            value = rng.randrange(low, high)
            if value not in taken:
                taken.add(value)
                return value

    def _seed_shop(self, index: int, catalog: list[DemoProduct], rng: random.Random) -> None:
        shop_id = self._new_id(rng, 100_000_000, 999_999_999, set(self.shops))
        multi = index in tuple(self.options["multi_warehouse_shops"])
        locations = list(self.options["locations"]) if multi else [""]
        shop = SimShop(shop_id, SHOP_NAMES[index % len(SHOP_NAMES)], locations)
        skip_count = max(1, round(len(catalog) * float(self.options["unlisted_fraction"])))
        skipped = set(rng.sample(range(len(catalog)), min(skip_count, len(catalog) - 1)))
        now = int(self._now())
        taken: set[int] = set()
        for i, product in enumerate(catalog):
            if i in skipped:
                continue
            item = self._item_from_product(product, rng, locations, taken, now)
            shop.items[item.item_id] = item
        self.shops[shop_id] = shop

    def _item_from_product(
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
                self._new_id(rng, 10_000_000_000, 99_999_999_999, taken)
                if product.has_variations
                else 0
            )
            stock = _split(variant.stock, len(locations), rng)
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
            item_id=self._new_id(rng, 1_000_000_000, 9_999_999_999, taken),
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

    # ------------------------------------------------------------------ PlatformSim
    def owns(self, path: str) -> bool:
        """Every ``/api/v2/`` path is Shopee's."""
        return path.startswith(API + "/")

    def routes(self) -> list[Route]:
        """All emulated endpoints."""
        table: list[tuple[str, str, str, Callable[[_Ctx], Response]]] = [
            ("POST", "auth/token/get", "public", self._token_get),
            ("POST", "auth/access_token/get", "public", self._token_refresh),
            ("GET", "public/get_shops_by_partner", "public", self._shops_by_partner),
            ("GET", "shop/get_shop_info", "shop", self._shop_info),
            ("GET", "shop/get_warehouse_detail", "shop", self._warehouse_detail),
            ("GET", "product/get_item_list", "shop", self._item_list),
            ("GET", "product/get_item_base_info", "shop", self._item_base_info),
            ("GET", "product/get_model_list", "shop", self._model_list),
            ("POST", "product/update_stock", "shop", self._update_stock),
            ("POST", "product/update_price", "shop", self._update_price),
            ("GET", "order/get_order_list", "shop", self._order_list),
            ("GET", "order/get_order_detail", "shop", self._order_detail),
            ("POST", "order/cancel_order", "shop", self._cancel_order),
            ("GET", "logistics/get_shipping_parameter", "shop", self._shipping_parameter),
            ("POST", "logistics/ship_order", "shop", self._ship_order),
            ("GET", "logistics/get_tracking_number", "shop", self._tracking_number),
            ("POST", "logistics/get_shipping_document_parameter", "shop", self._doc_parameter),
            ("POST", "logistics/create_shipping_document", "shop", self._doc_create),
            ("POST", "logistics/get_shipping_document_result", "shop", self._doc_result),
            ("POST", "logistics/download_shipping_document", "shop", self._doc_download),
            ("GET", "payment/get_escrow_detail", "shop", self._escrow_detail),
        ]
        routes = [self._route(m, a, t, fn) for m, a, t, fn in table]
        routes.append(Route("GET", f"{API}/shop/auth_partner", self._consent_page, "auth_partner"))
        routes.append(
            Route("GET", f"{API}/shop/auth_partner/approve", self._consent_approve, "approve")
        )
        return routes

    def fault_response(self, kind: str, request: Request) -> Response:
        """Shopee's own answer for an injected fault (or an unknown path / wrong method)."""
        gateway = int(self.options["gateway_error_status"])
        if kind == "server_error":
            return self._error("error_server", "Something wrong. Please try later.", 500)
        if kind == "rate_limit":
            return self._error(
                "error_rate_limit",
                "Too many requests. You have reached the rate limit. Please try again later.",
                int(self.options["rate_limit_status"]),
            )
        if kind == "expired_token":
            return self._error(
                "invalid_acceess_token", "Invalid access_token, please have a check.", gateway
            )
        if kind in ("wrong_method", "not_found"):
            return self._error("error_param", NOT_FOUND_MESSAGE, gateway)
        return self._error("error_server", f"Something wrong. Please try later. ({kind})", 500)

    def demo_info(self) -> dict[str, Any]:
        """Partner credentials and each shop with a fresh authorization code."""
        return {
            "platform": self.name,
            "partner_id": str(self.partner_id),
            "partner_key": self.partner_key,
            "shops": [
                {"shop_id": str(s.shop_id), "name": s.name, "code": self.issue_code(s.shop_id)}
                for s in self.shops.values()
            ],
        }

    # ------------------------------------------------------------------ envelope
    def _request_id(self) -> str:
        return "".join(self._rng.choices("0123456789abcdef", k=32))

    def _ok(self, payload: Any = None, *, top_level: bool = False, warning: Any = "") -> Response:
        body: dict[str, Any] = {"request_id": self._request_id(), "error": "", "message": ""}
        if top_level:
            body.update(payload or {})
        else:
            body["warning"] = warning
            body["response"] = payload
        return Response.json(body)

    def _error(
        self, code: str, message: str, status: int = 200, response: Any = None, warning: Any = None
    ) -> Response:
        body: dict[str, Any] = {"request_id": self._request_id(), "error": code, "message": message}
        if response is not None:
            body["response"] = response
        if warning is not None:
            body["warning"] = warning
        return Response.json(body, status=status)

    def _fail(self, code: str, message: str, status: int = 200, response: Any = None) -> _Reject:
        return _Reject(self._error(code, message, status, response))

    def _gateway_fail(self, code: str, message: str) -> _Reject:
        return self._fail(code, message, int(self.options["gateway_error_status"]))

    # ------------------------------------------------------------------ gateway
    def _route(
        self, method: str, action: str, api_type: str, fn: Callable[[_Ctx], Response]
    ) -> Route:
        path = f"{API}/{action}"

        def handler(request: Request) -> Response:
            try:
                shop = self._gateway(request, path, api_type)
                self._throttle(shop.shop_id if shop else 0)
                return fn(_Ctx(request, shop, self._body(request)))
            except _Reject as reject:
                return reject.response

        return Route(method, path, handler, name=action)

    def _body(self, request: Request) -> dict[str, Any]:
        if request.method != "POST":
            return {}
        try:
            body = request.json()
        except ValueError:
            raise self._fail(
                "error_param", "Wrong parameters, detail: invalid json body."
            ) from None
        if body is None:
            return {}
        if not isinstance(body, dict):
            raise self._fail("error_param", "Wrong parameters, detail: body must be an object.")
        return body

    def _gateway(self, request: Request, path: str, api_type: str) -> SimShop | None:
        """Partner, timestamp, sign, then (shop APIs) token and shop, in the reference's order."""
        q = request.query
        self._check_partner_and_timestamp(q)
        if not q.get("sign"):
            raise self._gateway_fail("error_param", "There is no sign in query.")
        ts = int(q["timestamp"])
        if api_type == "public":
            expected = signing.sign_public(self.partner_key, self.partner_id, path, ts)
        else:
            shop_id = _uint(q.get("shop_id"))
            expected = signing.sign_shop(
                self.partner_key, self.partner_id, path, ts,
                q.get("access_token", ""), shop_id if shop_id is not None else 0,
            )  # fmt: skip
        if not signing.signatures_equal(expected, q["sign"]):
            raise self._gateway_fail("error_sign", "Wrong sign.")
        if api_type == "public":
            return None
        return self._check_shop_token(q)

    def _check_partner_and_timestamp(self, q: dict[str, str]) -> None:
        if "partner_id" not in q:
            raise self._gateway_fail("error_param", "There is no partner_id in query.")
        partner = _uint(q["partner_id"])
        if partner is None:
            raise self._gateway_fail(
                "error_param",
                "Partner_id is invalid, should be an integer between 0 and 4294967295.",
            )
        if partner != self.partner_id:
            raise self._gateway_fail("error_auth", "partner_id is invalid")
        if "timestamp" not in q:
            raise self._gateway_fail("error_param", "no timestamp")
        ts = _uint(q["timestamp"])
        if ts is None:
            raise self._gateway_fail(
                "error_param",
                "Timestamp is invalid, should be an integer between 0 and 4294967295.",
            )
        if abs(self._now() - ts) > float(self.options["timestamp_window"]):
            raise self._gateway_fail("error_param", "Timestamp is expired.")

    def _check_shop_token(self, q: dict[str, str]) -> SimShop:
        if not q.get("access_token"):
            raise self._gateway_fail("error_param", "There is no access_token in query.")
        if "shop_id" not in q:
            raise self._gateway_fail("error_param", "There is no shop_id in query.")
        shop_id = _uint(q["shop_id"])
        if shop_id is None:
            raise self._gateway_fail(
                "error_param", "shop_id is invalid, should be an integer between 0 and 4294967295."
            )
        grant = self._access.get(q["access_token"])
        if grant is None or grant.expires_at <= self._now():
            raise self._gateway_fail(
                "invalid_acceess_token", "Invalid access_token, please have a check."
            )
        if grant.shop_id != shop_id:
            raise self._gateway_fail("error_auth", "Invalid partner_id or shopid.")
        shop = self.shops.get(shop_id)
        if shop is None or not shop.linked:
            raise self._gateway_fail("shop_no_linked", "Partner and shop has no linked.")
        return shop

    def _throttle(self, shop_id: int) -> None:
        """A token bucket per (partner, shop) on the sandbox clock."""
        rate = float(self.options["rate_limit_per_second"])
        burst = float(self.options["rate_limit_burst"])
        now = self._now()
        bucket = self._buckets.setdefault((self.partner_id, shop_id), [burst, now])
        bucket[0] = min(burst, bucket[0] + max(0.0, now - bucket[1]) * rate)
        bucket[1] = now
        if bucket[0] < 1.0:
            raise self._fail(
                "error_rate_limit",
                "Too many requests. You have reached the rate limit. Please try again later.",
                int(self.options["rate_limit_status"]),
            )
        bucket[0] -= 1.0

    # ------------------------------------------------------------------ params
    def _param_error(self, detail: str) -> _Reject:
        return self._fail("error_param", f"Wrong parameters, detail: {detail}")

    def _int(self, source: dict[str, Any], name: str, default: int | None = None) -> int:
        value = source.get(name)
        if value is None or value == "":
            if default is None:
                raise self._param_error(f"{name} is required.")
            return default
        if isinstance(value, bool):
            raise self._param_error(f"{name} is invalid.")
        try:
            return int(value)
        except (TypeError, ValueError):
            raise self._param_error(f"{name} is invalid.") from None

    def _list_param(self, request: Request, name: str) -> list[str]:
        """Comma-joined, repeated keys, or bracketed ``[a,b]``: all accepted (reference §2.3)."""
        values: list[str] = []
        for key, raw in request.query_list:
            if key in (name, f"{name}[]"):
                values.extend(v.strip() for v in raw.strip("[]").split(",") if v.strip())
        return values

    def _shop(self, ctx: _Ctx) -> SimShop:
        assert ctx.shop is not None
        return ctx.shop

    def _item(self, shop: SimShop, item_id: int) -> SimItem:
        item = shop.items.get(item_id)
        if item is None or item.status in ("SELLER_DELETE", "SHOPEE_DELETE"):
            raise self._fail("error_item_not_found", "Item_id is not found.")
        return item

    def _order(self, shop: SimShop, order_sn: str) -> SimOrder:
        order = shop.orders.get(order_sn)
        if order is None:
            raise self._fail("error_not_found", "Wrong parameters, detail: the order is not found.")
        return order

    # ------------------------------------------------------------------ authorization
    def issue_code(self, shop_id: int | str) -> str:
        """A fresh authorization code for a shop (what the consent redirect carries)."""
        shop_id = int(shop_id)
        if shop_id not in self.shops:
            raise KeyError(shop_id)
        code = _token_hex(self._rng)
        self._codes[code] = (shop_id, self._now() + float(self.options["code_ttl"]))
        return code

    def _issue_tokens(self, shop_id: int) -> dict[str, Any]:
        now = self._now()
        access, refresh = _token_hex(self._rng), _token_hex(self._rng)
        self._access[access] = _Grant(shop_id, now + float(self.options["access_ttl"]))
        self._refresh[refresh] = _Grant(shop_id, now + float(self.options["refresh_ttl"]))
        return {
            "access_token": access,
            "refresh_token": refresh,
            "expire_in": int(self.options["access_ttl"]),
        }

    def _revoke_shop_tokens(self, shop_id: int) -> None:
        """Re-authorization invalidates every earlier token of the shop."""
        for store in (self._access, self._refresh):
            for token in [t for t, g in store.items() if g.shop_id == shop_id]:
                del store[token]

    def _token_get(self, ctx: _Ctx) -> Response:
        body = ctx.body
        code = str(body.get("code") or "")
        if not code:
            raise self._param_error("code is required.")
        if self._int(body, "partner_id") != self.partner_id:
            raise self._fail("error_auth", "partner_id is invalid")
        if "main_account_id" in body and "shop_id" not in body:
            raise self._fail("invalid_main_acount_id", "The main_account_id is wrong.")
        shop_id = self._int(body, "shop_id")
        record = self._codes.pop(code, None)  # single use, whatever happens next
        if record is None or record[1] <= self._now():
            raise self._fail(
                "invalid_code", "The code is expired or used or invalid, please check the code."
            )
        if record[0] != shop_id:
            raise self._fail(
                "invalid_shop_id",
                "The code or shop_id is wrong, please check the code or the shop_id.",
            )
        shop = self.shops[shop_id]
        self._revoke_shop_tokens(shop_id)
        shop.linked, shop.auth_time = True, int(self._now())
        shop.expire_time = shop.auth_time + 365 * DAY
        return self._ok(self._issue_tokens(shop_id), top_level=True)

    def _token_refresh(self, ctx: _Ctx) -> Response:
        body = ctx.body
        token = str(body.get("refresh_token") or "")
        if not token:
            raise self._param_error("refresh_token is required.")
        if self._int(body, "partner_id") != self.partner_id:
            raise self._fail("error_auth", "partner_id is invalid")
        shop_id = self._int(body, "shop_id")
        grant = self._refresh.get(token)
        if grant is None:
            raise self._fail("error_auth", "Invalid refresh_token.")
        if grant.shop_id != shop_id:
            raise self._fail(
                "error_shop_refresh_token",
                "Your refresh token is error ,please check refresh token or shopid.",
            )
        if grant.expires_at <= self._now():
            raise self._fail("refresh_token_expired", "Your refresh token has expired.")
        shop = self.shops[shop_id]
        if not shop.linked:
            raise self._fail("shop_no_linked", "Partner and shop has no linked.")
        del self._refresh[token]  # single use: the old refresh token is dead now
        grace_end = self._now() + float(self.options["old_access_grace"])
        for access in self._access.values():
            if access.shop_id == shop_id:
                access.expires_at = min(access.expires_at, grace_end)
        payload = self._issue_tokens(shop_id)
        return self._ok(
            {**payload, "partner_id": self.partner_id, "shop_id": shop_id}, top_level=True
        )

    def _consent_page(self, request: Request) -> Response:
        """Stand-in for Shopee's seller login + consent page (signed auth_partner link)."""
        try:
            self._check_partner_and_timestamp(request.query)
            ts = int(request.query["timestamp"])
            path = f"{API}/shop/auth_partner"
            expected = signing.sign_public(self.partner_key, self.partner_id, path, ts)
            if not signing.signatures_equal(expected, request.query.get("sign", "")):
                raise self._gateway_fail("error_sign", "Wrong sign.")
            redirect = request.query.get("redirect", "")
            if not redirect:
                raise self._gateway_fail("error_param", "There is no redirect in query.")
        except _Reject as reject:
            return reject.response
        nonce = _token_hex(self._rng)
        self._consents[nonce] = (redirect, self._now() + float(self.options["consent_ttl"]))
        return Response.html(self._consent_html(nonce, redirect))

    def _consent_html(self, nonce: str, redirect: str) -> str:
        rows = []
        for shop in self.shops.values():
            href = f"{API}/shop/auth_partner/approve?" + urlencode(
                {"consent": nonce, "shop_id": shop.shop_id}
            )
            rows.append(
                f"<li>{html.escape(shop.name)} (shop_id {shop.shop_id}) "
                f'<a class="button approve" id="approve-{shop.shop_id}" '
                f'href="{html.escape(href)}">Approve</a></li>'
            )
        return (
            "<!doctype html><html lang='id'><head><meta charset='utf-8'>"
            "<title>Shopee Open Platform - Otorisasi</title></head><body>"
            "<h1>Shopee Open Platform (StoreSync sandbox)</h1>"
            f"<p>Aplikasi partner {self.partner_id} meminta akses ke toko Anda. "
            f"Anda akan diarahkan ke {html.escape(redirect)}.</p>"
            f"<ul>{''.join(rows)}</ul></body></html>"
        )

    def _consent_approve(self, request: Request) -> Response:
        """The Approve button: a fresh code, then the redirect Shopee does after consent."""
        record = self._consents.pop(request.query.get("consent", ""), None)
        shop_id = _uint(request.query.get("shop_id"))
        if record is None or record[1] <= self._now() or shop_id not in self.shops:
            return Response.html("<h1>Tautan otorisasi tidak valid atau kedaluwarsa.</h1>", 400)
        code = self.issue_code(shop_id)  # type: ignore[arg-type]
        return Response.redirect(_add_query(record[0], {"code": code, "shop_id": str(shop_id)}))

    # ------------------------------------------------------------------ shop
    def _shops_by_partner(self, ctx: _Ctx) -> Response:
        page_size = self._int(ctx.q, "page_size", 100)
        page_no = self._int(ctx.q, "page_no", 1)
        if not 1 <= page_size <= 100 or page_no < 1:
            raise self._param_error("page_size should be 1..100 and page_no >= 1.")
        linked = [s for s in self.shops.values() if s.linked]
        page = linked[(page_no - 1) * page_size : page_no * page_size]
        shops = [
            {"shop_id": s.shop_id, "region": "ID", "auth_time": s.auth_time,
             "expire_time": s.expire_time, "sip_affi_shops": []}
            for s in page
        ]  # fmt: skip
        more = page_no * page_size < len(linked)
        return self._ok({"authed_shop_list": shops, "more": more}, top_level=True)

    def _shop_info(self, ctx: _Ctx) -> Response:
        shop = self._shop(ctx)
        return self._ok(
            {
                "shop_name": shop.name, "region": "ID", "status": "NORMAL",
                "auth_time": shop.auth_time, "expire_time": shop.expire_time,
                "shop_fulfillment_flag": "Others", "is_cb": False, "is_upgraded_cbsc": False,
                "merchant_id": None, "is_sip": False, "sip_affi_shops": [],
                "is_main_shop": False, "is_direct_shop": False,
                "linked_direct_shop_list": [], "linked_main_shop_id": 0,
            },
            top_level=True,
        )  # fmt: skip

    def _warehouse_detail(self, ctx: _Ctx) -> Response:
        shop = self._shop(ctx)
        if not shop.multi_warehouse:
            raise self._fail(
                "warehouse.error_not_in_whitelist", "Your shop is not in multi-warehouse whitelist."
            )
        city, state = CITIES[0]
        warehouses = [
            {"warehouse_id": i + 1, "warehouse_name": f"Gudang {loc}", "warehouse_type": 1,
             "location_id": loc, "address_id": 118454200 + i, "region": "ID", "state": state,
             "city": city, "district": "", "town": "", "address": f"Jl. Gudang No. {i + 1}",
             "zipcode": "12950", "state_code": "", "holiday_mode_state": 0}
            for i, loc in enumerate(shop.locations)
        ]  # fmt: skip
        return self._ok(warehouses)

    # ------------------------------------------------------------------ products
    def _item_list(self, ctx: _Ctx) -> Response:
        shop = self._shop(ctx)
        offset = self._int(ctx.q, "offset")
        page_size = self._int(ctx.q, "page_size")
        if offset < 0:
            raise self._param_error("offset should be >= 0.")
        if not 1 <= page_size <= 100:
            raise self._param_error("page_size should be between 1 and 100.")
        if offset > int(self.options["item_offset_cap"]):
            raise self._fail(
                "error_param", "get items offset over limit, please use the next field"
            )
        statuses = set(self._list_param(ctx.request, "item_status"))
        if not statuses or not statuses <= ITEM_STATUSES:
            raise self._param_error("item_status is invalid.")
        items = self._filter_items(shop, statuses, ctx.q)
        page = items[offset : offset + page_size]
        return self._ok(
            {
                "item": [
                    {"item_id": i.item_id, "item_status": i.status, "update_time": i.update_time,
                     "tag": {"kit": False}}
                    for i in page
                ],
                "total_count": len(items),
                "has_next_page": offset + page_size < len(items),
                "next_offset": offset + len(page),
            }
        )  # fmt: skip

    def _filter_items(self, shop: SimShop, statuses: set[str], q: dict[str, str]) -> list[SimItem]:
        lo = self._int(q, "update_time_from", 0)
        hi = self._int(q, "update_time_to", 2**32)
        if lo > hi:
            raise self._fail(
                "error_update_time_range", "Update_time_to should be later than update_time_from."
            )
        items = [
            i for i in shop.items.values() if i.status in statuses and lo <= i.update_time <= hi
        ]
        return sorted(items, key=lambda i: i.item_id)

    def _item_base_info(self, ctx: _Ctx) -> Response:
        shop = self._shop(ctx)
        raw = self._list_param(ctx.request, "item_id_list")
        if not 1 <= len(raw) <= 50:
            raise self._param_error("item_id_list limit [0,50].")
        try:
            ids = [int(v) for v in raw]
        except ValueError:
            raise self._param_error("item_id_list is invalid.") from None
        found = [shop.items[i] for i in ids if i in shop.items]
        if len(found) < len(ids) and self.options["unknown_item_ids"] == "error":
            raise self._fail("error_item_not_found", "Item_id is not found.")
        return self._ok({"item_list": [self._item_json(i) for i in found]})

    def _item_json(self, item: SimItem) -> dict[str, Any]:
        out: dict[str, Any] = {
            "item_id": item.item_id, "category_id": item.category_id, "item_name": item.name,
            "description": item.description, "item_sku": item.item_sku,
            "create_time": item.create_time, "update_time": item.update_time,
            "item_status": item.status, "has_model": item.has_model,
            "image": {"image_url_list": [f"https://cf.shopee.co.id/file/{item.item_id}"],
                      "image_id_list": [str(item.item_id)]},
            "weight": f"{item.weight_grams / 1000:.2f}",
            "dimension": {"package_length": 20, "package_width": 15, "package_height": 5},
            "pre_order": {"is_pre_order": False, "days_to_ship": 2},
            "condition": "NEW", "brand": {"brand_id": 0, "original_brand_name": "NoBrand"},
            "tag": {"kit": False},
        }  # fmt: skip
        if not item.has_model:  # price/stock of variation items come from get_model_list
            model = item.models[0]
            out["price_info"] = [_price_json(model.price)]
            out["stock_info_v2"] = _stock_json(model)
        return out

    def _model_list(self, ctx: _Ctx) -> Response:
        item = self._item(self._shop(ctx), self._int(ctx.q, "item_id"))
        if not item.has_model:  # [U] undocumented; reference §5.6 suggests empty lists
            return self._ok({"tier_variation": [], "model": [], "standardise_tier_variation": []})
        options = [{"option": m.option, "image": {"image_id": "", "image_url": ""}}
                   for m in item.models]  # fmt: skip
        models = [
            {"model_id": m.model_id, "tier_index": [i], "model_sku": m.sku,
             "model_status": "MODEL_NORMAL", "promotion_id": 0, "has_promotion": False,
             "price_info": [_price_json(m.price)], "stock_info_v2": _stock_json(m),
             "pre_order": {"is_pre_order": False, "days_to_ship": 2},
             "weight": f"{item.weight_grams / 1000:.2f}", "gtin_code": "",
             "is_fulfillment_by_shopee": False}
            for i, m in enumerate(item.models)
        ]  # fmt: skip
        return self._ok(
            {
                "tier_variation": [{"name": item.axis, "option_list": options}],
                "model": models,
                "standardise_tier_variation": [],
            }
        )

    def _batch_models(
        self, item: SimItem, entries: Any, key: str, has_model_error: str
    ) -> list[tuple[dict[str, Any], SimModel]]:
        """Validate a stock_list/price_list and pair each entry with its model."""
        if not isinstance(entries, list) or not 1 <= len(entries) <= 50:
            raise self._param_error(f"{key} Length should be between 1 to 50.")
        seen: set[int] = set()
        out = []
        by_id = {m.model_id: m for m in item.models}
        for entry in entries:
            if not isinstance(entry, dict):
                raise self._param_error(f"{key} is invalid.")
            model_id = self._int(entry, "model_id", 0)
            if model_id in seen:
                raise self._fail("error_param", "Repeat model_id.")
            seen.add(model_id)
            if model_id == 0 and item.has_model:
                raise self._fail(has_model_error, "This item has models, please specify model_id.")
            if model_id not in by_id:
                raise self._fail("error_param", "Wrong model_id.")
            out.append((entry, by_id[model_id]))
        return out

    def _update_stock(self, ctx: _Ctx) -> Response:
        shop = self._shop(ctx)
        item = self._item(shop, self._int(ctx.body, "item_id"))
        pairs = self._batch_models(
            item,
            ctx.body.get("stock_list"),
            "stock_list",
            "error_edit_item_stock_for_item_has_model",
        )
        planned = [(model, self._stock_targets(shop, entry)) for entry, model in pairs]
        success, failure = [], []
        for model, targets in planned:
            new_total = sum(targets.get(loc, model.stock[loc]) for loc in model.stock)
            if any(v < 0 for v in targets.values()):
                failure.append({"model_id": model.model_id, "failed_reason": "Invalid stock."})
            elif new_total < model.reserved:
                # [U] documented as a whole-call error_auth; per model keeps partial success.
                failure.append(
                    {"model_id": model.model_id,
                     "failed_reason": "Total stock must be more than reserved stock."}
                )  # fmt: skip
            else:
                model.stock.update(targets)
                success.extend(
                    {"model_id": model.model_id, "location_id": loc, "stock": value}
                    for loc, value in targets.items()
                )
        if success:
            item.update_time = int(self._now())
        payload = {"success_list": success, "failure_list": failure}
        if not success:
            raise self._fail(
                "error_busi_update_stock_failed",
                "Update stock failed, please check failure_list for detailed reason",
                response=payload,
            )
        return self._ok(payload)

    def _stock_targets(self, shop: SimShop, entry: dict[str, Any]) -> dict[str, int]:
        """Location -> new stock for one stock_list entry, with Shopee's location rules."""
        seller_stock = entry.get("seller_stock")
        if not isinstance(seller_stock, list) or not seller_stock:
            raise self._param_error("seller_stock is required.")
        targets: dict[str, int] = {}
        for part in seller_stock:
            if not isinstance(part, dict):
                raise self._param_error("seller_stock is invalid.")
            location = str(part.get("location_id") or "")
            if shop.multi_warehouse and not location:
                raise self._fail(
                    "error_busi", "The merchant/shop has multi warehouse, please input location id"
                )
            if location not in shop.locations:
                raise self._fail(
                    "error_auth", "The location_id input is not matched the shop's location_id"
                )
            targets[location] = self._int(part, "stock")
        return targets

    def _update_price(self, ctx: _Ctx) -> Response:
        shop = self._shop(ctx)
        item = self._item(shop, self._int(ctx.body, "item_id"))
        pairs = self._batch_models(
            item,
            ctx.body.get("price_list"),
            "price_list",
            "error_edit_item_price_for_item_has_model",
        )
        success, failure = [], []
        for entry, model in pairs:
            raw = entry.get("original_price")
            price = (
                Decimal(str(raw))
                if isinstance(raw, int | float) and not isinstance(raw, bool)
                else None
            )
            if price is None or price != price.to_integral_value():
                # IDR prices take no decimals (reference §5.9).
                failure.append(
                    {"model_id": model.model_id,
                     "failed_reason": "Invalid price, please use the correct format"}
                )  # fmt: skip
            elif not 100 <= price <= 500_000_000:
                failure.append(
                    {"model_id": model.model_id, "failed_reason": "Price is out of range."}
                )
            else:
                model.price = price
                success.append({"model_id": model.model_id, "original_price": int(price)})
        if success:
            item.update_time = int(self._now())
        payload = {"success_list": success, "failure_list": failure}
        if not success:
            raise self._fail("error_update_price_fail", "Update price failed.", response=payload)
        return self._ok(payload)

    # ------------------------------------------------------------------ orders
    def _order_list(self, ctx: _Ctx) -> Response:
        shop, q = self._shop(ctx), ctx.q
        field_name = q.get("time_range_field", "")
        if field_name not in ("create_time", "update_time"):
            raise self._param_error("time_range_field is invalid.")
        time_from, time_to = self._int(q, "time_from"), self._int(q, "time_to")
        if not time_from < time_to or time_to - time_from > 15 * DAY:
            raise self._fail(
                "order.order_list_invalid_time",
                "Start time must be earlier than end time and diff in 15days.",
            )
        page_size = self._int(q, "page_size")
        if not 1 <= page_size <= 100:
            raise self._param_error("page_size should be between 1 and 100.")
        cursor = q.get("cursor", "")
        if cursor and not cursor.isdigit():
            raise self._param_error("cursor is invalid.")
        status = q.get("order_status", "")
        if status and status not in LIST_FILTER_STATUSES:
            raise self._param_error("order_status is invalid.")
        keys, ordered = self._order_index(shop, field_name, status)
        lo = bisect.bisect_left(keys, (time_from, ""))
        hi = bisect.bisect_right(keys, (time_to, "\uffff"))
        start = int(cursor or 0)
        page = ordered[lo + start : min(hi, lo + start + page_size)]
        more = lo + start + page_size < hi
        with_status = "order_status" in q.get("response_optional_fields", "")
        orders = [
            {"order_sn": o.order_sn, **({"order_status": o.status} if with_status else {})}
            for o in page
        ]
        return self._ok(
            {
                "more": more,
                "next_cursor": str(start + page_size) if more else "",
                "order_list": orders,
            }
        )

    def _order_index(
        self, shop: SimShop, field_name: str, status: str
    ) -> tuple[list[tuple[int, str]], list[SimOrder]]:
        """A shop's orders sorted by ``(field, order_sn)``, rebuilt only when some order
        changed: paging through tens of thousands of orders stays a bisect per page."""
        key = (shop.shop_id, field_name, status)
        cached = self._order_indexes.get(key)
        if cached is not None and cached[0] == SimOrder.generation:
            return cached[1], cached[2]
        ordered = sorted(
            (o for o in shop.orders.values() if not status or o.status == status),
            key=lambda o: (getattr(o, field_name), o.order_sn),
        )
        keys = [(getattr(o, field_name), o.order_sn) for o in ordered]
        self._order_indexes[key] = (SimOrder.generation, keys, ordered)
        return keys, ordered

    def _order_detail(self, ctx: _Ctx) -> Response:
        shop = self._shop(ctx)
        sns = self._list_param(ctx.request, "order_sn_list")
        if not 1 <= len(sns) <= 50:
            raise self._param_error("order_sn_list length should be between 1 and 50.")
        orders = [self._order(shop, sn) for sn in sns]  # whole call fails on an unknown sn
        fields = set(self._list_param(ctx.request, "response_optional_fields"))
        return self._ok({"order_list": [self._order_json(o, fields) for o in orders]}, warning=[])

    def _order_json(self, order: SimOrder, fields: set[str]) -> dict[str, Any]:
        out: dict[str, Any] = {
            "order_sn": order.order_sn, "region": "ID", "currency": "IDR",
            "cod": order.payment_method == "Cash on Delivery", "order_status": order.status,
            "message_to_seller": "", "create_time": order.create_time,
            "update_time": order.update_time, "days_to_ship": 2,
            "ship_by_date": order.create_time + 2 * DAY, "booking_sn": "",
        }  # fmt: skip
        optional = self._order_optional(order)
        for name in fields & ORDER_DETAIL_OPTIONAL:
            if name in optional:
                out[name] = optional[name]
        return out

    def _order_optional(self, order: SimOrder) -> dict[str, Any]:
        lines = [
            {"item_id": ln.item.item_id, "item_name": ln.item.name, "item_sku": ln.item.item_sku,
             "model_id": ln.model.model_id, "model_name": ln.model.option,
             "model_sku": ln.model.sku, "model_quantity_purchased": ln.quantity,
             "model_original_price": int(ln.model.price),
             "model_discounted_price": int(ln.model.price), "wholesale": False,
             "weight": ln.item.weight_grams / 1000, "add_on_deal": False, "main_item": False,
             "add_on_deal_id": 0, "promotion_type": "", "promotion_id": 0,
             "order_item_id": ln.item.item_id, "promotion_group_id": 0,
             "image_info": {"image_url": f"https://cf.shopee.co.id/file/{ln.item.item_id}"},
             "product_location_id": [ln.location_id] if ln.location_id else [],
             "is_b2c_owned_item": False, "is_prescription_item": False}
            for ln in order.lines
        ]  # fmt: skip
        package = {
            "package_number": order.package_number,
            "logistics_status": LOGISTICS_STATUS.get(order.status, "LOGISTICS_INVALID"),
            "logistics_channel_id": 8003, "shipping_carrier": order.carrier,
            "allow_self_design_awb": False,
            "parcel_chargeable_weight_gram": sum(
                ln.item.weight_grams * ln.quantity for ln in order.lines
            ),
            "group_shipment_id": None,
            "item_list": [
                {"item_id": ln.item.item_id, "model_id": ln.model.model_id,
                 "model_quantity": ln.quantity,
                 "order_item_id": ln.item.item_id, "promotion_group_id": 0,
                 "product_location_id": ln.location_id}
                for ln in order.lines
            ],
        }  # fmt: skip
        return {
            "buyer_user_id": order.buyer_user_id, "buyer_username": order.buyer_username,
            "estimated_shipping_fee": order.actual_shipping_fee,
            "actual_shipping_fee": order.actual_shipping_fee if order.pickup_done_time else 0,
            "actual_shipping_fee_confirmed": bool(order.pickup_done_time),
            "recipient_address": {
                "name": order.buyer_name, "phone": order.phone, "town": "", "district": "",
                "city": order.city, "state": order.state, "region": "ID", "zipcode": "",
                "full_address": order.street,
            },
            "goods_to_declare": False, "note": "", "note_update_time": 0, "item_list": lines,
            "pay_time": order.pay_time, "dropshipper": None, "dropshipper_phone": None,
            "split_up": False, "buyer_cancel_reason": "",
            "cancel_by": order.cancel_by, "cancel_reason": order.cancel_reason,
            "fulfillment_flag": "fulfilled_by_local_seller",
            "pickup_done_time": order.pickup_done_time, "package_list": [package],
            "shipping_carrier": order.carrier, "payment_method": order.payment_method,
            "total_amount": order.subtotal + order.buyer_shipping_fee, "invoice_data": None,
        }  # fmt: skip

    def _cancel_order(self, ctx: _Ctx) -> Response:
        shop = self._shop(ctx)
        order = self._order(shop, str(ctx.body.get("order_sn") or ""))
        reason = str(ctx.body.get("cancel_reason") or "")
        if reason not in CANCEL_REASONS:
            raise self._param_error("cancel_reason is invalid.")
        if reason == "OUT_OF_STOCK" and not ctx.body.get("item_list"):
            raise self._param_error("item_list is required when cancel_reason is OUT_OF_STOCK.")
        if order.status not in ("UNPAID", "READY_TO_SHIP", "RETRY_SHIP", "IN_CANCEL"):
            raise self._fail("error_status", "The order status does not support cancellation.")
        self._cancel(order, "seller", reason)
        return self._ok({"update_time": order.update_time})

    # ------------------------------------------------------------------ logistics
    def _shipping_parameter(self, ctx: _Ctx) -> Response:
        order = self._order(self._shop(ctx), ctx.q.get("order_sn", ""))
        if order.status == "CANCELLED":
            raise self._fail("error_status", "The order has been cancelled.")
        if order.status not in ("READY_TO_SHIP", "RETRY_SHIP"):
            raise self._fail(
                "error_param",
                "Shipping parameters can only be obtained when package is ready to be shipped",
            )
        day0 = datetime.fromtimestamp(self._now(), WIB).replace(hour=9, minute=0, second=0)
        slots = [int((day0 + timedelta(days=d)).timestamp()) for d in (1, 2, 3)]
        city, state = CITIES[0]
        address = {
            "address_id": 2826, "region": "ID", "state": state, "city": city, "district": "",
            "town": "", "address": "Jl. Melati No. 12", "zipcode": "12950",
            "address_flag": ["default_address", "pickup_address", "return_address"],
            "time_slot_list": [{"date": s, "pickup_time_id": str(s)} for s in slots],
        }  # fmt: skip
        return self._ok(
            {
                "info_needed": {"dropoff": [], "pickup": ["address_id", "pickup_time_id"]},
                "dropoff": {"branch_list": None},
                "pickup": {"address_list": [address]},
            }
        )

    def _ship_order(self, ctx: _Ctx) -> Response:
        order = self._order(self._shop(ctx), str(ctx.body.get("order_sn") or ""))
        methods = [m for m in ("pickup", "dropoff", "non_integrated") if m in ctx.body]
        if len(methods) != 1:
            raise self._fail(
                "logistics.ship_order_only_support_one_type",
                "Please select just one way to ship order: pickup or dropoff or non_integrated.",
            )
        if order.status not in ("READY_TO_SHIP", "RETRY_SHIP"):
            raise self._fail(
                "logistics.ship_order_not_ready_to_ship", "The order is not ready to ship."
            )
        detail = ctx.body[methods[0]] or {}
        if methods[0] == "pickup" and not (
            isinstance(detail, dict) and detail.get("address_id") and detail.get("pickup_time_id")
        ):
            raise self._fail(
                "logistics.ship_order_need_address_pickup_time",
                "Please input address_id and pickup_time_id.",
            )
        self._arrange(order, self._rng)
        return self._ok(None)

    def _tracking_number(self, ctx: _Ctx) -> Response:
        order = self._order(self._shop(ctx), ctx.q.get("order_sn", ""))
        ready = order.tracking_number and order.tracking_ready_at <= self._now()
        payload: dict[str, Any] = {
            "tracking_number": order.tracking_number if ready else "",
            "hint": "",
        }
        for extra in self._list_param(ctx.request, "response_optional_fields"):
            if extra in ("plp_number", "first_mile_tracking_number", "last_mile_tracking_number"):
                payload[extra] = ""
        return self._ok(payload)

    def _doc_orders(self, ctx: _Ctx) -> list[tuple[dict[str, Any], SimOrder | None]]:
        orders = ctx.body.get("order_list")
        if not isinstance(orders, list) or not 1 <= len(orders) <= 50:
            raise self._param_error("order_list length should be between 1 and 50.")
        shop = self._shop(ctx)
        out = []
        for entry in orders:
            if not isinstance(entry, dict) or not entry.get("order_sn"):
                raise self._param_error("order_sn is required.")
            out.append((entry, shop.orders.get(str(entry["order_sn"]))))
        return out

    def _doc_batch(self, results: list[dict[str, Any]], *, create: bool = False) -> Response:
        failed = [{"order_sn": r["order_sn"]} for r in results if r.get("fail_error")]
        if create and len(failed) == len(results):
            raise _Reject(
                self._error(
                    "common.batch_api_all_failed",
                    "Failed, please check result_list for more details.",
                    response={"result_list": results},
                )
            )
        return self._ok({"result_list": results}, warning=failed or None)

    @staticmethod
    def _doc_missing(sn: str) -> dict[str, Any]:
        return {
            "order_sn": sn,
            "fail_error": "logistics.order_not_exist",
            "fail_message": f"The order_sn {sn} you provided is not exist. Please check",
        }

    def _doc_parameter(self, ctx: _Ctx) -> Response:
        results = []
        for entry, order in self._doc_orders(ctx):
            if order is None:
                results.append(self._doc_missing(str(entry["order_sn"])))
                continue
            results.append(
                {"order_sn": order.order_sn, "package_number": order.package_number,
                 "suggest_shipping_document_type": "THERMAL_AIR_WAYBILL",
                 "selectable_shipping_document_type": ["NORMAL_AIR_WAYBILL", "THERMAL_AIR_WAYBILL"]}
            )  # fmt: skip
        return self._doc_batch(results)

    def _doc_create(self, ctx: _Ctx) -> Response:
        results = []
        for entry, order in self._doc_orders(ctx):
            if order is None:
                results.append(self._doc_missing(str(entry["order_sn"])))
            elif order.status != "PROCESSED" or not order.tracking_number:
                results.append(
                    {"order_sn": order.order_sn, "fail_error": "logistics.package_can_not_print",
                     "fail_message": "Order status does not support awb printing"}
                )  # fmt: skip
            elif entry.get("tracking_number") not in (None, "", order.tracking_number):
                results.append(
                    {"order_sn": order.order_sn, "fail_error": "logistics.tracking_number_invalid",
                     "fail_message": "The tracking_number is invalid."}
                )  # fmt: skip
            else:
                order.doc_status, order.doc_polls = "PROCESSING", 0
                order.doc_type = str(entry.get("shipping_document_type") or "THERMAL_AIR_WAYBILL")
                results.append({"order_sn": order.order_sn, "package_number": order.package_number})
        return self._doc_batch(results, create=True)

    def _doc_result(self, ctx: _Ctx) -> Response:
        results = []
        for entry, order in self._doc_orders(ctx):
            if order is None:
                results.append(self._doc_missing(str(entry["order_sn"])))
            elif not order.doc_status:
                results.append(
                    {"order_sn": order.order_sn, "package_number": order.package_number,
                     "fail_error": "logistics.shipping_document_should_print_first",
                     "fail_message": "The package can not print now, please create shipping "
                                     f"document first.Detail: {order.order_sn}"}
                )  # fmt: skip
            else:
                if order.doc_status == "PROCESSING":
                    if order.doc_polls >= int(self.options["document_ready_after_polls"]):
                        order.doc_status = "READY"
                    order.doc_polls += 1
                results.append(
                    {"order_sn": order.order_sn, "package_number": order.package_number,
                     "status": order.doc_status}
                )  # fmt: skip
        return self._doc_batch(results)

    def _doc_download(self, ctx: _Ctx) -> Response:
        pairs = self._doc_orders(ctx)
        for entry, order in pairs:
            if order is None:
                raise self._fail(
                    "logistics.order_not_exist",
                    f"The order_sn {entry['order_sn']} you provided is not exist. Please check",
                )
            if order.doc_status == "PROCESSING":
                raise self._fail("logistics.download_later", "Processing, please download later.")
            if order.doc_status != "READY":
                raise self._fail(
                    "logistics.shipping_document_should_print_first",
                    "The package can not print now, please create shipping document first.",
                )
        orders = [o for _, o in pairs if o is not None]
        return Response(status=200, body=_awb_pdf(orders), content_type="application/pdf")

    # ------------------------------------------------------------------ payment
    def _escrow_detail(self, ctx: _Ctx) -> Response:
        sn = ctx.q.get("order_sn", "")
        if not sn:
            raise self._fail("error_param", "order_sn is required")
        order = self._order(self._shop(ctx), sn)
        return self._ok(self._escrow_json(order))

    def _escrow_json(self, order: SimOrder) -> dict[str, Any]:
        """Consistent numbers: escrow = goods - fees + buyer shipping - actual + rebate."""
        goods = order.subtotal if order.status != "CANCELLED" else 0
        commission = _pct(goods, self.options["commission_rate"])
        service = _pct(goods, self.options["service_rate"])
        transaction = _pct(goods + order.buyer_shipping_fee, self.options["transaction_rate"])
        buyer_ship = order.buyer_shipping_fee if goods else 0
        actual = order.actual_shipping_fee if goods else 0
        rebate = actual - buyer_ship if buyer_ship == 0 else 0  # free-shipping programme
        escrow = goods - commission - service - transaction + buyer_ship - actual + rebate
        items = [
            {"item_id": ln.item.item_id, "item_name": ln.item.name, "item_sku": ln.item.item_sku,
             "model_id": ln.model.model_id, "model_name": ln.model.option,
             "model_sku": ln.model.sku, "original_price": int(ln.model.price * ln.quantity),
             "selling_price": int(ln.model.price * ln.quantity),
             "discounted_price": int(ln.model.price * ln.quantity), "seller_discount": 0,
             "shopee_discount": 0, "discount_from_coin": 0, "discount_from_voucher_shopee": 0,
             "discount_from_voucher_seller": 0, "activity_type": "", "activity_id": 0,
             "is_main_item": False, "quantity_purchased": ln.quantity, "ams_commission_fee": 0}
            for ln in order.lines
        ]  # fmt: skip
        income = {name: 0 for name in _ZERO_INCOME_FIELDS}
        income.update(
            {"escrow_amount": escrow, "buyer_total_amount": goods + buyer_ship,
             "original_price": goods, "order_original_price": goods,
             "order_discounted_price": goods, "order_selling_price": goods,
             "cost_of_goods_sold": goods, "original_cost_of_goods_sold": goods,
             "commission_fee": commission, "service_fee": service,
             "seller_transaction_fee": transaction, "buyer_paid_shipping_fee": buyer_ship,
             "estimated_shipping_fee": actual,
             "final_shipping_fee": -(actual - buyer_ship - rebate),
             "actual_shipping_fee": actual, "shopee_shipping_rebate": rebate,
             "escrow_amount_after_adjustment": escrow, "buyer_payment_method": order.payment_method,
             "seller_voucher_code": [], "order_adjustment": [], "items": items}
        )  # fmt: skip
        return {
            "order_sn": order.order_sn,
            "buyer_user_name": order.buyer_username,
            "return_order_sn_list": [],
            "order_income": income,
            "buyer_payment_info": {
                "buyer_payment_method": order.payment_method,
                "buyer_total_amount": goods + buyer_ship,
                "merchant_subtotal": goods,
                "shipping_fee": buyer_ship,
                "seller_voucher": 0,
                "shopee_voucher": 0,
                "shopee_coins_redeemed": 0,
            },
        }

    # ------------------------------------------------------------------ buyers and time
    def _listings_in_stock(self, shop: SimShop) -> list[tuple[SimItem, SimModel]]:
        return [
            (item, model)
            for item in shop.items.values()
            if item.status == "NORMAL"
            for model in item.models
            if model.total > 0
        ]

    def place_random_order(self, rng: random.Random, lines: int | None = None) -> str | None:
        """A buyer orders 1–3 units of in-stock listings on a random shop (or, with
        ``lines``, 1–2 units of that many different listings); stock goes down."""
        shop = rng.choice(list(self.shops.values()))
        if lines is not None:
            return self._place_basket(shop, lines, rng)
        units = rng.randint(1, 3)
        picked: dict[tuple[int, int], SimLine] = {}
        while units > 0:
            candidates = self._listings_in_stock(shop)
            if not candidates:
                break
            item, model = rng.choice(candidates)
            location = max(model.stock, key=lambda loc: model.stock[loc])
            qty = min(units, model.stock[location], rng.randint(1, units))
            model.stock[location] -= qty
            units -= qty
            key = (item.item_id, model.model_id)
            if key in picked:
                picked[key].quantity += qty
            else:
                picked[key] = SimLine(item, model, qty, location)
        if not picked:
            return None
        order = self._new_order(shop, list(picked.values()), rng)
        return order.order_sn

    def _place_basket(self, shop: SimShop, lines: int, rng: random.Random) -> str | None:
        candidates = self._listings_in_stock(shop)
        picked = []
        for item, model in rng.sample(candidates, k=min(lines, len(candidates))):
            location = max(model.stock, key=lambda loc: model.stock[loc])
            qty = min(model.stock[location], rng.randint(1, 2))
            model.stock[location] -= qty
            picked.append(SimLine(item, model, qty, location))
        return self._new_order(shop, picked, rng).order_sn if picked else None

    def _new_order(self, shop: SimShop, lines: list[SimLine], rng: random.Random) -> SimOrder:
        now = int(self._now())
        buyer = rng.choice(BUYER_NAMES)
        city, state = rng.choice(CITIES)
        method = rng.choice(PAYMENT_METHODS)
        buyer_fee = rng.choice([0, 0, 9000, 12000, 15000])
        order = SimOrder(
            order_sn=self._order_sn(rng),
            status="UNPAID",
            create_time=now,
            update_time=now,
            lines=lines,
            buyer_name=buyer,
            buyer_username=buyer.lower().replace(" ", "") + str(rng.randint(10, 999)),
            buyer_user_id=rng.randrange(10_000_000, 999_999_999),
            phone="628" + "".join(rng.choices(string.digits, k=9)),
            city=city,
            state=state,
            street=f"Jl. {rng.choice(['Merdeka', 'Sudirman', 'Diponegoro', 'Gatot Subroto'])} "
            f"No. {rng.randint(1, 200)}",
            payment_method=method,
            buyer_shipping_fee=buyer_fee,
            actual_shipping_fee=max(buyer_fee, 9000) + rng.choice([0, 2000, 5000]),
            carrier=rng.choice(CARRIERS),
            package_number="OFG" + "".join(rng.choices(string.digits, k=15)),
        )
        if method == "Cash on Delivery":  # COD orders need no payment step
            order.status, order.pay_time = "READY_TO_SHIP", now
        shop.orders[order.order_sn] = order
        return order

    def _order_sn(self, rng: random.Random) -> str:
        """``YYMMDD`` + 8 uppercase alphanumerics, unique across shops."""
        day = datetime.fromtimestamp(self._now(), WIB).strftime("%y%m%d")
        while True:
            sn = day + "".join(rng.choices(string.ascii_uppercase + string.digits, k=8))
            if not any(sn in s.orders for s in self.shops.values()):
                return sn

    def advance_orders(self, rng: random.Random) -> int:
        """Move some open orders one step along Shopee's status sequence."""
        moved = 0
        p = float(self.options["advance_probability"])
        for shop in self.shops.values():
            for order in list(shop.orders.values()):
                if order.status in ("COMPLETED", "CANCELLED") or rng.random() >= p:
                    continue
                if self._step(order, rng):
                    moved += 1
        return moved

    def _step(self, order: SimOrder, rng: random.Random) -> bool:
        now, roll = int(self._now()), rng.random()
        status = order.status
        if status == "UNPAID":
            if roll < 0.85:
                order.status, order.pay_time = "READY_TO_SHIP", now
            else:
                self._cancel(order, "system", "Unpaid")
                return True
        elif status == "READY_TO_SHIP":
            if roll < 0.9:
                self._arrange(order, rng)  # the seller arranges shipment in Seller Centre
                return True
            order.status = "IN_CANCEL"  # buyer asks to cancel
        elif status == "IN_CANCEL":
            if roll < 0.7:
                self._cancel(order, "buyer", "Change of mind")
                return True
            order.status = "READY_TO_SHIP"
        elif status == "PROCESSED":
            if roll < 0.9:
                order.status, order.pickup_done_time = "SHIPPED", now
            else:
                order.status = "RETRY_SHIP"
        elif status == "RETRY_SHIP":
            self._arrange(order, rng)
            return True
        elif status == "SHIPPED":
            order.status = "TO_CONFIRM_RECEIVE"
        elif status == "TO_CONFIRM_RECEIVE":
            order.status = "COMPLETED" if roll < 0.92 else "TO_RETURN"
        elif status == "TO_RETURN":
            order.status = "COMPLETED" if roll < 0.5 else "CANCELLED"
        else:
            return False
        order.update_time = now
        return True

    def _arrange(self, order: SimOrder, rng: random.Random) -> None:
        """Shipment arranged: PROCESSED, and the 3PL assigns a tracking number."""
        order.status = "PROCESSED"
        order.update_time = int(self._now())
        if not order.tracking_number:
            order.tracking_number = "SPXID0" + "".join(rng.choices(string.digits, k=11))
            order.tracking_ready_at = self._now() + float(self.options["tracking_delay_seconds"])

    def _cancel(self, order: SimOrder, by: str, reason: str) -> None:
        """Cancelled before shipping: the stock goes back where it came from."""
        for line in order.lines:
            line.model.stock[line.location_id] = (
                line.model.stock.get(line.location_id, 0) + line.quantity
            )
        order.status, order.cancel_by, order.cancel_reason = "CANCELLED", by, reason
        order.restocked = True
        order.update_time = int(self._now())

    # ------------------------------------------------------------------ seller centre + tests
    def _find_model(self, shop_id: int | str, sku: str) -> tuple[SimItem, SimModel]:
        shop = self.shops[int(shop_id)]
        for item in shop.items.values():
            for model in item.models:
                if model.sku == sku:
                    return item, model
        raise KeyError(f"shop {shop_id} does not list {sku}")

    def seller_set_stock(
        self, shop_id: int | str, sku: str, qty: int, location_id: str | None = None
    ) -> None:
        """The seller edits stock in Seller Centre (first location unless one is given)."""
        item, model = self._find_model(shop_id, sku)
        location = location_id if location_id is not None else next(iter(model.stock))
        model.stock[location] = int(qty)
        item.update_time = int(self._now())

    def seller_set_reserved(self, shop_id: int | str, sku: str, qty: int) -> None:
        """Promotion-reserved stock: update_stock may not go below it."""
        self._find_model(shop_id, sku)[1].reserved = int(qty)

    def seller_cancel_order(self, shop_id: int | str, order_sn: str) -> None:
        """The seller cancels an unshipped order in Seller Centre."""
        order = self.shops[int(shop_id)].orders[order_sn]
        if order.status in ("SHIPPED", "TO_CONFIRM_RECEIVE", "COMPLETED", "CANCELLED", "TO_RETURN"):
            raise ValueError(f"order {order_sn} is {order.status} and cannot be cancelled")
        self._cancel(order, "seller", "CUSTOMER_REQUEST")

    def set_order_status(self, shop_id: int | str, order_sn: str, status: str) -> None:
        """Test helper: force an order's status (arranging shipment when PROCESSED)."""
        order = self.shops[int(shop_id)].orders[order_sn]
        if status == "PROCESSED":
            self._arrange(order, self._rng)
            return
        if status != "UNPAID" and order.pay_time is None:
            order.pay_time = int(self._now())
        order.status, order.update_time = status, int(self._now())

    def stock_of(self, shop_id: int | str, sku: str) -> int:
        """Seller stock of a SKU in a shop, over all locations."""
        return self._find_model(shop_id, sku)[1].total

    def sold_units_by_sku(self, shop_id: int | str | None = None) -> dict[str, int]:
        """Units that left stock through orders (not given back by a cancellation), per SKU.

        For one shop: ``stock_of(shop, sku) + sold[sku]`` is the seeded stock unless the
        seller or the API changed it.
        """
        shops = self.shops.values() if shop_id is None else [self.shops[int(shop_id)]]
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
        return [m.sku for i in self.shops[int(shop_id)].items.values() for m in i.models]

    def item_of(self, shop_id: int | str, sku: str) -> tuple[int, int]:
        """(item_id, model_id) of a SKU in a shop."""
        item, model = self._find_model(shop_id, sku)
        return item.item_id, model.model_id


# --------------------------------------------------------------------------- helpers

_ZERO_INCOME_FIELDS = (
    "seller_discount", "shopee_discount", "voucher_from_seller", "voucher_from_shopee", "coins",
    "buyer_transaction_fee", "cross_border_tax", "payment_promotion", "seller_lost_compensation",
    "seller_coin_cash_back", "escrow_tax", "shipping_fee_discount_from_3pl",
    "seller_shipping_discount", "drc_adjustable_refund", "original_shopee_discount",
    "seller_return_refund", "reverse_shipping_fee", "campaign_fee", "order_ams_commission_fee",
    "withholding_tax", "seller_order_processing_fee", "total_adjustment_amount",
)  # fmt: skip


def _uint(value: str | None) -> int | None:
    """A 32-bit unsigned integer query value, or None when it is not one."""
    if value is None or not value.isdigit():
        return None
    number = int(value)
    return number if number <= 4294967295 else None


def _token_hex(rng: random.Random) -> str:
    """Shopee-style 32 hex chars: the hex of 16 ASCII letters."""
    return "".join(rng.choices(string.ascii_letters, k=16)).encode().hex()


def _split(total: int, parts: int, rng: random.Random) -> list[int]:
    if parts == 1:
        return [total]
    first = rng.randint(0, total)
    return [first, total - first] + [0] * (parts - 2)


def _price_json(price: Decimal) -> dict[str, Any]:
    value = float(price)
    return {
        "currency": "IDR",
        "original_price": value,
        "current_price": value,
        "inflated_price_of_original_price": value,
        "inflated_price_of_current_price": value,
    }


def _stock_json(model: SimModel) -> dict[str, Any]:
    return {
        "summary_info": {
            "total_reserved_stock": model.reserved,
            "total_available_stock": model.total,
        },
        "seller_stock": [
            {"location_id": loc, "stock": qty, "if_saleable": True}
            for loc, qty in model.stock.items()
        ],
        "shopee_stock": [],
    }


def _pct(amount: int, rate: Any) -> int:
    """An IDR fee: a percentage rounded to whole rupiah."""
    return int((Decimal(amount) * Decimal(str(rate))).to_integral_value())


def _add_query(url: str, extra: dict[str, str]) -> str:
    parts = urlsplit(url)
    query = f"{parts.query}&{urlencode(extra)}" if parts.query else urlencode(extra)
    return urlunsplit(parts._replace(query=query))


def _awb_pdf(orders: Iterable[SimOrder]) -> bytes:
    """A small but valid one-page PDF airway bill listing the orders."""
    lines = ["Shopee Airway Bill (sandbox)"]
    for o in orders:
        lines.append(f"{o.order_sn}  {o.carrier}  {o.tracking_number}  {o.buyer_name}, {o.city}")
    text = (
        "BT /F1 11 Tf 40 800 Td 14 TL "
        + " ".join(f"({_pdf_escape(line)}) Tj T*" for line in lines)
        + " ET"
    )
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        "/Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(text.encode('latin-1', 'replace'))} >>\nstream\n{text}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, obj in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{obj}\nendobj\n".encode("latin-1", "replace")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += "".join(f"{off:010d} 00000 n \n" for off in offsets).encode()
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return bytes(out)


def _pdf_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
