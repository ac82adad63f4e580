"""TikTok Shop logistics and fulfillment: warehouses, packages, shipping, labels, tracking.

Shipping a package arranges the shipment (the order moves to AWAITING_COLLECTION); the
shipping document URL points at a local, unsigned stand-in for TikTok's document CDN that
serves a small A6 PDF label.
"""

from __future__ import annotations

import secrets
from typing import Any

from app.sandbox.core import Request, Response, Route
from app.sandbox.pdf import pdf_pages
from app.sandbox.tiktok import packages
from app.sandbox.tiktok.buyers import OrderLife
from app.sandbox.tiktok.gateway import Ctx, Gateway, ctx_shop
from app.sandbox.tiktok.state import Order, Shop, TikTokState, V


class LogisticsApi:
    """``/logistics/202309/warehouses``, ``/fulfillment/202309/...`` and the document CDN."""

    def __init__(self, state: TikTokState, gateway: Gateway, life: OrderLife) -> None:
        self.st = state
        self.gw = gateway
        self.life = life
        self._doc_asks: dict[str, int] = {}  # package id -> document asks so far

    def routes(self) -> list[Route]:
        """This area's endpoints."""
        shop, f = self.gw.shop_scoped, f"/fulfillment/{V}"
        return [
            Route("GET", "/sandbox/tiktok/documents/{doc_id}", self._document, "document"),
            Route("GET", f"/logistics/{V}/warehouses", shop(self._warehouses), "warehouses"),
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
                f"/logistics/{V}/delivery_options/{{option_id}}/shipping_providers",
                shop(self._providers),
                "shipping_providers",
            ),
            Route(
                "GET",
                f"{f}/packages/{{package_id}}/shipping_documents",
                shop(self._shipping_document),
                "shipping_documents",
            ),
            Route("GET", f"{f}/orders/{{order_id}}/tracking", shop(self._tracking), "tracking"),
        ]

    def _warehouses(self, req: Request, ctx: Ctx) -> dict[str, Any]:
        return {"warehouses": ctx_shop(ctx).warehouses}

    def _package_order(self, shop: Shop, package_id: str) -> Order:
        order = packages.find(shop.orders, package_id)
        if order is None:
            raise self.gw.business(
                21008111, "The order or package does not belong to the current seller."
            )
        return order

    def _package(self, req: Request, ctx: Ctx) -> dict[str, Any]:
        package_id = req.path_params["package_id"]
        order = self._package_order(ctx_shop(ctx), package_id)
        lines = packages.lines_of(order, package_id)
        status = lines[0]["package_status"] if lines else "PROCESSING"
        return {
            "package_id": package_id,
            "orders": [{"id": order.id, "skus": []}],
            "package_status": "PROCESSING" if status == "TO_FULFILL" else status,
            "split_and_combine_tag": "split" if len(packages.package_ids(order)) > 1 else "",
            "shipping_provider_name": lines[0]["shipping_provider_name"] if lines else "",
            "shipping_provider_id": lines[0]["shipping_provider_id"] if lines else "",
            "shipping_type": order.shipping_type,
            "delivery_option_id": "7091146663229654785",
            "delivery_option_name": "Standard Shipping",
            "tracking_number": packages.tracking_of(order, package_id),
            "handover_method": "PICKUP",
            "order_line_item_ids": [li["id"] for li in lines],
            "create_time": order.paid_time,
            "update_time": order.update_time,
        }

    def _handover_slots(self, req: Request, ctx: Ctx) -> dict[str, Any]:
        order = self._package_order(ctx_shop(ctx), req.path_params["package_id"])
        platform = order.shipping_type != "SELLER"  # the seller's own carrier: no handover
        return {
            "can_pickup": platform,
            "can_drop_off": platform,
            "can_van_collection": False,
            "drop_off_point_url": "",
            "pickup_slots": packages.slots(self.st) if platform else [],
        }

    def _ship(self, req: Request, ctx: Ctx) -> dict[str, Any]:
        package_id = req.path_params["package_id"]
        order = self._package_order(ctx_shop(ctx), package_id)
        if order.status == "CANCELLED":
            raise self.gw.business(11001002, "invalid param: the package has been cancelled")
        if packages.shipped(order, package_id):
            raise self.gw.business(11006021, "Package has been shipped.")
        if order.status not in ("AWAITING_SHIPMENT", "PARTIALLY_SHIPPING"):
            raise self.gw.business(11001002, "invalid param: the package cannot be shipped now")
        body = self.gw.body(req)
        problem = packages.ship_problem(self.st, order, package_id, body)
        if problem:
            raise self.gw.business(11001002, problem)
        self.life.arrange_shipment(order, self.st.now(), package_id, body)
        return {}

    # ------------------------------------------------------------------ documents
    def _document_package(self, shop: Shop, package_id: str) -> Order:
        """The order holding a package: ``order.package_id`` or, for a split order, a
        line's ``package_id``."""
        for order in shop.orders.values():
            if package_id in (order.package_id, *(li.get("package_id") for li in order.lines)):
                return order
        raise self.gw.business(
            21008111, "The order or package does not belong to the current seller."
        )

    def _providers(self, req: Request, ctx: Ctx) -> dict[str, Any]:
        return {"shipping_providers": [dict(p) for p in packages.PROVIDERS]}

    def _shipping_document(self, req: Request, ctx: Ctx) -> dict[str, Any]:
        """A document link once shipment is arranged; ``11034037`` for the first
        ``document_ready_after_polls`` asks per package (still being generated)."""
        shop = ctx_shop(ctx)
        package_id = req.path_params["package_id"]
        order = self._document_package(shop, package_id)
        doc_type = req.query.get("document_type")
        if doc_type not in ("SHIPPING_LABEL", "PACKING_SLIP", "SHIPPING_LABEL_AND_PACKING_SLIP"):
            raise self.gw.business(11001002, "invalid param: document_type")
        if order.status == "CANCELLED":
            raise self.gw.business(
                21008017, "Shipping documents are not available for this package."
            )
        if order.status in ("UNPAID", "ON_HOLD", "AWAITING_SHIPMENT"):
            # [uncertain] TikTok documents no code for this; the seller must ship first
            raise self.gw.business(
                11001002, "invalid param: the package has not been shipped, arrange shipment first"
            )
        asked = self._doc_asks.get(package_id, 0)
        self._doc_asks[package_id] = asked + 1
        if asked < int(self.st.options.get("document_ready_after_polls", 2)):
            raise self.gw.business(
                11034037, "The shipping document is being generated, please try again later."
            )
        doc_id = secrets.token_hex(12)
        self.st.documents[doc_id] = (shop.id, order.id, package_id)
        return {
            "doc_url": f"{self.st.sandbox.base_url}/sandbox/tiktok/documents/{doc_id}",
            "tracking_number": _package_tracking(order, package_id),
        }

    def _document(self, req: Request) -> Response:
        """The document CDN stand-in: unsigned, serves one A6 PDF label per package."""
        found = self.st.documents.get(req.path_params["doc_id"])
        if found is None:
            return Response(status=404, body=b"Not Found", content_type="text/plain")
        shop_id, order_id, *rest = found
        shop = self.st.shops[shop_id]
        order = shop.orders[order_id]
        package_id = rest[0] if rest else order.package_id
        lines = [
            "TikTok Shop - J&T Express",
            f"Package: {package_id}",
            f"Resi: {_package_tracking(order, package_id)}",
            f"Order: {order.id}",
            f"Penerima: {order.buyer}, {order.city[0]}",
            f"Pengirim: {shop.name}",
            *(
                f"{u['seller_sku']} x1"
                for u in order.lines
                if u.get("package_id", package_id) in (package_id, "")
            ),
        ]
        return Response(status=200, body=pdf_pages([lines]), content_type="application/pdf")

    def _tracking(self, req: Request, ctx: Ctx) -> dict[str, Any]:
        order = self.gw.order_of(ctx_shop(ctx), req.path_params["order_id"])
        return {"tracking": list(reversed(order.tracking))}


def _package_tracking(order: Order, package_id: str) -> str:
    """A package's tracking number: its lines' (split packages differ), else the order's."""
    for line in order.lines:
        if line.get("package_id") == package_id and line.get("tracking_number"):
            return str(line["tracking_number"])
    return order.tracking_number
