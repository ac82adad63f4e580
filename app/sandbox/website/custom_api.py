"""The open StoreSync custom-store contract v1 (docs/custom-store-api.md) as a site built
for it would answer, for shops of kind "custom": ``/custom/<slug>/v1/...``."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from app.sandbox.core import Request, Response, Route
from app.sandbox.website.state import WebOrder, WebShop, set_status

PREFIX = "/custom/{shop}/v1"
MAX_ITEMS = 100
#: the contract's statuses from the shop's own ones
STATUS = {
    "pending": "pending",
    "on-hold": "pending",
    "processing": "paid",
    "paid": "paid",
    "shipped": "shipped",
    "completed": "completed",
    "cancelled": "cancelled",
    "failed": "cancelled",
    "refunded": "refunded",
}


def error(code: str, message: str, status: int) -> Response:
    return Response.json({"error": {"code": code, "message": message}}, status)


def _iso(ts: float | None) -> str | None:
    if ts is None:
        return None
    return datetime.fromtimestamp(ts, UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def _ts(text: str) -> float:
    return datetime.fromisoformat(text).timestamp()


class CustomApi:
    def __init__(self, sim) -> None:
        self.sim = sim

    def routes(self) -> list[Route]:
        p, g = PREFIX, self._guard
        return [
            Route("GET", p + "/shop", g(self.shop)),
            Route("GET", p + "/products", g(self.products)),
            Route("POST", p + "/stock", g(self.stock)),
            Route("POST", p + "/prices", g(self.prices)),
            Route("GET", p + "/orders", g(self.orders)),
            Route("GET", p + "/orders/{oid}", g(self.order)),
            Route("POST", p + "/orders/{oid}/ship", g(self.ship)),
            Route("POST", p + "/orders/{oid}/cancel", g(self.cancel)),
        ]

    def _guard(self, handler):
        def run(req: Request) -> Response:
            shop = self.sim.shops.get(req.path_params.get("shop", ""))
            if shop is None or shop.kind != "custom":
                return error("not_found", "no such endpoint", 404)
            if req.headers.get("x-storesync-key") != shop.secret:
                return error("unauthorized", "missing or wrong X-StoreSync-Key", 401)
            return handler(req, shop)

        return run

    def shop(self, req: Request, shop: WebShop) -> Response:
        return Response.json({"name": shop.name, "currency": "IDR", "contract": "1"})

    @staticmethod
    def _page(req: Request, rows: list[Any]) -> Response:
        try:
            page, per_page = int(req.query.get("page", "1")), int(req.query.get("per_page", "100"))
        except ValueError:
            return error("bad_request", "page and per_page are numbers", 400)
        per_page = max(1, min(MAX_ITEMS, per_page))
        chunk = rows[(page - 1) * per_page : page * per_page]
        more = page * per_page < len(rows)
        return Response.json({"items": chunk, "next_page": page + 1 if more else None})

    def products(self, req: Request, shop: WebShop) -> Response:
        rows = [
            {
                "product_id": str(p.id),
                "variant_id": str(v.id) if p.variable else "0",
                "sku": v.sku,
                "title": p.name,
                "variant_name": v.name,
                "price": v.price,
                "stock": v.stock,
                "active": p.status == "publish",
                "updated_at": _iso(max(p.modified, v.modified)),
            }
            for p in sorted(shop.products.values(), key=lambda p: p.id)
            for v in p.variants
        ]
        return self._page(req, rows)

    def _write(self, req: Request, shop: WebShop, apply) -> Response:
        try:
            items = (req.json() or {}).get("items")
        except ValueError:
            return error("bad_request", "the body is not JSON", 400)
        if not isinstance(items, list) or len(items) > MAX_ITEMS:
            return error("bad_request", f"items: a list of at most {MAX_ITEMS}", 400)
        results = []
        now = self.sim.clock.now()
        for it in items:
            pid, vid = str(it.get("product_id")), str(it.get("variant_id") or "0")
            try:
                _, variant = shop.find(int(pid), int(vid))
                problem = apply(variant, it)
            except (KeyError, ValueError, StopIteration):
                problem = "unknown product"
            if not problem:
                variant.modified = now
            results.append(
                {"product_id": pid, "variant_id": vid, "ok": not problem, "error": problem or None}
            )
        return Response.json({"results": results})

    def stock(self, req: Request, shop: WebShop) -> Response:
        def apply(variant, it) -> str:
            qty = it.get("stock")
            if not isinstance(qty, int) or isinstance(qty, bool) or qty < 0:
                return "stock must be a whole number, 0 or more"
            variant.stock = qty
            return ""

        return self._write(req, shop, apply)

    def prices(self, req: Request, shop: WebShop) -> Response:
        def apply(variant, it) -> str:
            try:
                price = Decimal(str(it.get("price")))
            except InvalidOperation:
                return "price must be a decimal number"
            if price <= 0:
                return "price must be more than 0"
            variant.price = str(price)
            return ""

        return self._write(req, shop, apply)

    def order_json(self, o: WebOrder) -> dict[str, Any]:
        return {
            "order_id": str(o.id),
            "status": STATUS.get(o.status, "pending"),
            "created_at": _iso(o.created),
            "updated_at": _iso(o.modified),
            "paid_at": _iso(o.paid),
            "currency": "IDR",
            "buyer_name": o.buyer,
            "shipping_address": o.address,
            "lines": [
                {
                    "line_id": str(li.id),
                    "product_id": str(li.product_id),
                    "variant_id": str(li.variation_id) if li.variation_id else "0",
                    "sku": li.sku,
                    "name": li.name,
                    "quantity": li.quantity,
                    "unit_price": li.price,
                    "discount": "0",
                }
                for li in o.lines
            ],
            "shipping_fee": o.shipping_total,
            "discount": "0",
            "total": str(o.total()),
            "tracking_number": o.tracking,
        }

    def orders(self, req: Request, shop: WebShop) -> Response:
        rows = sorted(shop.orders.values(), key=lambda o: o.id)
        try:
            if "updated_since" in req.query:
                since = _ts(req.query["updated_since"])
                rows = [o for o in rows if o.modified >= since]
            if "updated_until" in req.query:
                until = _ts(req.query["updated_until"])
                rows = [o for o in rows if o.modified < until]
        except ValueError:
            return error("bad_request", "updated_since/updated_until: ISO 8601 times", 400)
        return self._page(req, [self.order_json(o) for o in rows])

    def _find(self, req: Request, shop: WebShop) -> WebOrder | Response:
        try:
            o = shop.orders.get(int(req.path_params["oid"]))
        except ValueError:
            o = None
        return o if o is not None else error("not_found", "no such order", 404)

    def order(self, req: Request, shop: WebShop) -> Response:
        o = self._find(req, shop)
        return o if isinstance(o, Response) else Response.json(self.order_json(o))

    def ship(self, req: Request, shop: WebShop) -> Response:
        o = self._find(req, shop)
        if isinstance(o, Response):
            return o
        tracking = str((req.json() or {}).get("tracking_number") or "").strip()
        if not tracking:
            return error("bad_request", "tracking_number is required", 400)
        if STATUS.get(o.status) != "paid":
            return error("conflict", f"order is {STATUS.get(o.status)}, not paid", 409)
        o.tracking = tracking
        set_status(shop, o, "shipped", self.sim.clock.now())
        return Response.json(self.order_json(o))

    def cancel(self, req: Request, shop: WebShop) -> Response:
        o = self._find(req, shop)
        if isinstance(o, Response):
            return o
        if STATUS.get(o.status) not in ("pending", "paid"):
            return error("conflict", f"order is {STATUS.get(o.status)}: cannot cancel", 409)
        set_status(shop, o, "cancelled", self.sim.clock.now())
        return Response.json(self.order_json(o))
