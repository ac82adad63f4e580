"""WooCommerce REST API v3 as a WooCommerce site answers it, for the shops of kind
"woocommerce": ``/woo/<slug>/wp-json/wc/v3/...``.

Like WooCommerce: HTTP Basic with the consumer key and secret (or ``consumer_key`` and
``consumer_secret`` in the query), the ``{"code", "message", "data": {"status"}}`` error
body, ``per_page`` at most 100 with ``X-WP-Total``/``X-WP-TotalPages``, orders filtered by
``modified_after``/``modified_before`` (GMT with ``dates_are_gmt``), batch endpoints of at
most 100 objects with a per-object ``error``.
"""

from __future__ import annotations

import base64
import math
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from app.sandbox.core import Request, Response, Route
from app.sandbox.website.state import WebOrder, WebProduct, WebShop, WebVariant, set_status

PREFIX = "/woo/{shop}/wp-json/wc/v3"
BATCH_LIMIT = 100


def error(code: str, message: str, status: int) -> Response:
    """WooCommerce's error body."""
    return Response.json({"code": code, "message": message, "data": {"status": status}}, status)


def _gmt(ts: float | None) -> str | None:
    if ts is None:
        return None
    return datetime.fromtimestamp(ts, UTC).replace(microsecond=0, tzinfo=None).isoformat()


def _parse_gmt(text: str) -> float:
    dt = datetime.fromisoformat(text)
    return (dt if dt.tzinfo else dt.replace(tzinfo=UTC)).timestamp()


class WooApi:
    """The routes; ``sim`` gives the shops, the clock and the lock-held state."""

    def __init__(self, sim) -> None:
        self.sim = sim

    def routes(self) -> list[Route]:
        p = PREFIX
        return [
            Route("GET", p + "/products", self._guard(self.list_products)),
            Route("POST", p + "/products/batch", self._guard(self.batch_products)),
            Route("GET", p + "/products/{pid}/variations", self._guard(self.list_variations)),
            Route(
                "POST", p + "/products/{pid}/variations/batch", self._guard(self.batch_variations)
            ),
            Route("GET", p + "/orders", self._guard(self.list_orders)),
            Route("GET", p + "/orders/{oid}", self._guard(self.get_order)),
            Route("PUT", p + "/orders/{oid}", self._guard(self.update_order)),
            Route("POST", p + "/orders/{oid}/notes", self._guard(self.add_note)),
        ]

    # ------------------------------------------------------------------ auth
    def _guard(self, handler):
        def run(req: Request) -> Response:
            shop = self.sim.shops.get(req.path_params.get("shop", ""))
            if shop is None or shop.kind != "woocommerce":
                return error("rest_no_route", "No route was found matching the URL.", 404)
            if not self._authorized(req, shop):
                return error(
                    "woocommerce_rest_authentication_error",
                    "Consumer key is invalid.",
                    401,
                )
            if self.sim.options.get("read_only_keys") and req.method != "GET":
                return error(
                    "woocommerce_rest_cannot_edit", "Sorry, you are not allowed to edit this.", 403
                )
            return handler(req, shop)

        return run

    @staticmethod
    def _authorized(req: Request, shop: WebShop) -> bool:
        header = req.headers.get("authorization", "")
        if header.startswith("Basic "):
            try:
                key, _, secret = base64.b64decode(header[6:]).decode().partition(":")
            except ValueError:
                return False
        else:
            key, secret = req.query.get("consumer_key", ""), req.query.get("consumer_secret", "")
        return key == shop.key and secret == shop.secret

    # ------------------------------------------------------------------ paging
    @staticmethod
    def _page(req: Request, rows: list[Any]) -> Response | tuple[list[Any], dict[str, str]]:
        try:
            per_page = int(req.query.get("per_page", "10"))
            page = int(req.query.get("page", "1"))
        except ValueError:
            return error("rest_invalid_param", "Invalid parameter(s): per_page", 400)
        if not 1 <= per_page <= 100:
            return error(
                "rest_invalid_param", "Invalid parameter(s): per_page (must be 1 to 100)", 400
            )
        pages = max(1, math.ceil(len(rows) / per_page))
        chunk = rows[(page - 1) * per_page : page * per_page]
        return chunk, {"X-WP-Total": str(len(rows)), "X-WP-TotalPages": str(pages)}

    def _paged(self, req: Request, rows: list[Any]) -> Response:
        got = self._page(req, rows)
        if isinstance(got, Response):
            return got
        chunk, headers = got
        return Response.json(chunk, **headers)

    # ------------------------------------------------------------------ products
    def _product_json(self, p: WebProduct) -> dict[str, Any]:
        base: dict[str, Any] = {
            "id": p.id,
            "name": p.name,
            "type": "variable" if p.variable else "simple",
            "status": p.status,
            "date_modified_gmt": _gmt(p.modified),
        }
        if p.variable:
            return {**base, "sku": "", "price": "", "manage_stock": False, "stock_quantity": None}
        return {**base, **self._stock_fields(p.variants[0])}

    @staticmethod
    def _stock_fields(v: WebVariant) -> dict[str, Any]:
        return {
            "sku": v.sku,
            "price": v.price,
            "regular_price": v.price,
            "manage_stock": v.manage_stock,
            "stock_quantity": v.stock if v.manage_stock else None,
            "stock_status": "instock" if v.stock > 0 else "outofstock",
        }

    def _variation_json(self, p: WebProduct, v: WebVariant) -> dict[str, Any]:
        return {
            "id": v.id,
            "status": "publish",
            "date_modified_gmt": _gmt(v.modified),
            "attributes": [{"name": p.axis, "option": v.name}],
            **self._stock_fields(v),
        }

    def list_products(self, req: Request, shop: WebShop) -> Response:
        rows = [self._product_json(p) for p in sorted(shop.products.values(), key=lambda p: p.id)]
        return self._paged(req, rows)

    def list_variations(self, req: Request, shop: WebShop) -> Response:
        p = shop.products.get(_int(req.path_params["pid"]))
        if p is None:
            return error("woocommerce_rest_product_invalid_id", "Invalid ID.", 404)
        return self._paged(
            req, [self._variation_json(p, v) for v in p.variants] if p.variable else []
        )

    def batch_products(self, req: Request, shop: WebShop) -> Response:
        def find(obj_id: int) -> tuple[WebProduct, WebVariant] | None:
            p = shop.products.get(obj_id)
            return None if p is None or p.variable else (p, p.variants[0])

        return self._batch(req, find, lambda p, v: self._product_json(p))

    def batch_variations(self, req: Request, shop: WebShop) -> Response:
        p = shop.products.get(_int(req.path_params["pid"]))
        if p is None or not p.variable:
            return error("woocommerce_rest_product_invalid_id", "Invalid ID.", 404)

        def find(obj_id: int) -> tuple[WebProduct, WebVariant] | None:
            v = next((v for v in p.variants if v.id == obj_id), None)
            return None if v is None else (p, v)

        return self._batch(req, find, self._variation_json)

    def _batch(self, req: Request, find, render) -> Response:
        try:
            body = req.json() or {}
        except ValueError:
            return error("rest_invalid_json", "Invalid JSON body passed.", 400)
        updates = body.get("update") or []
        if len(updates) > BATCH_LIMIT:
            return error(
                "woocommerce_rest_request_entity_too_large",
                f"Unable to accept more than {BATCH_LIMIT} items for this request.",
                413,
            )
        now = self.sim.clock.now()
        out = []
        for obj in updates:
            found = find(_int(obj.get("id")))
            if found is None:
                out.append({"id": obj.get("id"), "error": _obj_error("Invalid ID.")})
                continue
            problem = self._apply(found[1], obj, now)
            if problem:
                out.append({"id": obj.get("id"), "error": _obj_error(problem)})
                continue
            found[0].modified = now
            out.append(render(*found))
        return Response.json({"update": out})

    @staticmethod
    def _apply(v: WebVariant, obj: dict[str, Any], now: float) -> str:
        if "stock_quantity" in obj:
            qty = obj["stock_quantity"]
            if not isinstance(qty, int) or isinstance(qty, bool):
                return "Invalid parameter(s): stock_quantity"
            v.stock, v.manage_stock = qty, bool(obj.get("manage_stock", v.manage_stock))
        if "regular_price" in obj:
            try:
                price = Decimal(str(obj["regular_price"]))
            except InvalidOperation:
                return "Invalid parameter(s): regular_price"
            if price < 0:
                return "Invalid parameter(s): regular_price"
            v.price = str(price)
        v.modified = now
        return ""

    # ------------------------------------------------------------------ orders
    def order_json(self, shop: WebShop, o: WebOrder) -> dict[str, Any]:
        first, _, last = o.buyer.partition(" ")
        person = {"first_name": first, "last_name": last}
        lines = [
            {
                "id": li.id,
                "name": li.name,
                "product_id": li.product_id,
                "variation_id": li.variation_id,
                "quantity": li.quantity,
                "sku": li.sku,
                "price": float(li.price),
                "subtotal": str(Decimal(li.price) * li.quantity),
                "total": str(Decimal(li.price) * li.quantity),
            }
            for li in o.lines
        ]
        meta = [{"id": 1, "key": "_storesync_tracking", "value": o.tracking}] if o.tracking else []
        return {
            "id": o.id,
            "number": str(o.id),
            "status": o.status,
            "currency": "IDR",
            "date_created_gmt": _gmt(o.created),
            "date_modified_gmt": _gmt(o.modified),
            "date_paid_gmt": _gmt(o.paid),
            "date_completed_gmt": _gmt(o.completed),
            "discount_total": "0",
            "shipping_total": o.shipping_total,
            "total": str(o.total()),
            "billing": {**person, "email": f"{first.lower()}@example.id"},
            "shipping": {**person, "address_1": o.address, "country": "ID"},
            "line_items": lines,
            "meta_data": meta,
        }

    def list_orders(self, req: Request, shop: WebShop) -> Response:
        orders = sorted(shop.orders.values(), key=lambda o: o.id)
        if "include" in req.query:
            wanted = {_int(x) for x in req.query["include"].split(",") if x}
            orders = [o for o in orders if o.id in wanted]
        try:
            if "modified_after" in req.query:
                after = _parse_gmt(req.query["modified_after"])
                orders = [o for o in orders if o.modified > after]
            if "modified_before" in req.query:
                before = _parse_gmt(req.query["modified_before"])
                orders = [o for o in orders if o.modified < before]
        except ValueError:
            return error("rest_invalid_param", "Invalid parameter(s): modified_after", 400)
        return self._paged(req, [self.order_json(shop, o) for o in orders])

    def _order(self, req: Request, shop: WebShop) -> WebOrder | Response:
        o = shop.orders.get(_int(req.path_params["oid"]))
        return (
            o
            if o is not None
            else error("woocommerce_rest_shop_order_invalid_id", "Invalid ID.", 404)
        )

    def get_order(self, req: Request, shop: WebShop) -> Response:
        o = self._order(req, shop)
        return o if isinstance(o, Response) else Response.json(self.order_json(shop, o))

    def update_order(self, req: Request, shop: WebShop) -> Response:
        o = self._order(req, shop)
        if isinstance(o, Response):
            return o
        body = req.json() or {}
        now = self.sim.clock.now()
        for entry in body.get("meta_data") or []:
            if entry.get("key") == "_storesync_tracking":
                o.tracking = str(entry.get("value") or "")
        status = body.get("status")
        if status is not None:
            if status not in WOO_STATUSES:
                return error("rest_invalid_param", "Invalid parameter(s): status", 400)
            set_status(shop, o, status, now)
        o.modified = now
        return Response.json(self.order_json(shop, o))

    def add_note(self, req: Request, shop: WebShop) -> Response:
        o = self._order(req, shop)
        if isinstance(o, Response):
            return o
        note = str((req.json() or {}).get("note") or "")
        if not note:
            return error("rest_missing_callback_param", "Missing parameter(s): note", 400)
        o.notes.append(note)
        return Response.json({"id": len(o.notes), "note": note}, 201)


WOO_STATUSES = {
    "pending",
    "processing",
    "on-hold",
    "completed",
    "cancelled",
    "refunded",
    "failed",
}


def _obj_error(message: str) -> dict[str, Any]:
    return {"code": "woocommerce_rest_invalid_id", "message": message, "data": {"status": 400}}


def _int(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return -1
