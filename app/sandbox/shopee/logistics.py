"""Shopee logistics endpoints: shipping parameters, ship_order, tracking, air waybills.

Shipping documents go through Shopee's three steps (create, poll the result until READY
after ``document_ready_after_polls`` polls, download a small valid PDF with one page per
package); batch calls report per-order failures in ``result_list`` as Shopee does.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from app.sandbox.core import Response, Route
from app.sandbox.pdf import pdf_pages
from app.sandbox.shopee import shipping
from app.sandbox.shopee.buyers import OrderLife
from app.sandbox.shopee.gateway import Ctx, Gateway, Reject
from app.sandbox.shopee.state import ShopeeState, SimOrder


class LogisticsApi:
    """``logistics/*``."""

    def __init__(self, state: ShopeeState, gateway: Gateway, life: OrderLife) -> None:
        self.st = state
        self.gw = gateway
        self.life = life

    def routes(self) -> list[Route]:
        """This area's endpoints."""
        api = self.gw.route
        return [
            api("GET", "logistics/get_shipping_parameter", "shop", self._shipping_parameter),
            api("POST", "logistics/ship_order", "shop", self._ship_order),
            api("GET", "logistics/get_tracking_number", "shop", self._tracking_number),
            api("POST", "logistics/get_shipping_document_parameter", "shop", self._doc_parameter),
            api("POST", "logistics/create_shipping_document", "shop", self._doc_create),
            api("POST", "logistics/get_shipping_document_result", "shop", self._doc_result),
            api("POST", "logistics/download_shipping_document", "shop", self._doc_download),
        ]

    def _shipping_parameter(self, ctx: Ctx) -> Response:
        order = self.gw.order(self.gw.shop(ctx), ctx.q.get("order_sn", ""))
        if order.status == "CANCELLED":
            raise self.gw.fail("error_status", "The order has been cancelled.")
        if order.status not in ("READY_TO_SHIP", "RETRY_SHIP"):
            raise self.gw.fail(
                "error_param",
                "Shipping parameters can only be obtained when package is ready to be shipped",
            )
        return self.gw.ok(shipping.shipping_parameter(self.st, order))

    def _ship_order(self, ctx: Ctx) -> Response:
        order = self.gw.order(self.gw.shop(ctx), str(ctx.body.get("order_sn") or ""))
        methods = [m for m in ("pickup", "dropoff", "non_integrated") if m in ctx.body]
        if len(methods) != 1:
            raise self.gw.fail(
                "logistics.ship_order_only_support_one_type",
                "Please select just one way to ship order: pickup or dropoff or non_integrated.",
            )
        detail = ctx.body[methods[0]] or {}
        code, message = shipping.ship_problem(self.st, order, methods[0], detail)
        if code:
            raise self.gw.fail(code, message)
        self.life.arrange(order, self.st.rng, method=methods[0], detail=detail)
        return self.gw.ok(None)

    def _tracking_number(self, ctx: Ctx) -> Response:
        order = self.gw.order(self.gw.shop(ctx), ctx.q.get("order_sn", ""))
        ready = order.tracking_number and order.tracking_ready_at <= self.st.now()
        payload: dict[str, Any] = {
            "tracking_number": order.tracking_number if ready else "",
            "hint": "",
        }
        for extra in self.gw.list_param(ctx.request, "response_optional_fields"):
            if extra in ("plp_number", "first_mile_tracking_number", "last_mile_tracking_number"):
                payload[extra] = ""
        return self.gw.ok(payload)

    def _doc_orders(self, ctx: Ctx) -> list[tuple[dict[str, Any], SimOrder | None]]:
        orders = ctx.body.get("order_list")
        if not isinstance(orders, list) or not 1 <= len(orders) <= 50:
            raise self.gw.param_error("order_list length should be between 1 and 50.")
        shop = self.gw.shop(ctx)
        out = []
        for entry in orders:
            if not isinstance(entry, dict) or not entry.get("order_sn"):
                raise self.gw.param_error("order_sn is required.")
            out.append((entry, shop.orders.get(str(entry["order_sn"]))))
        return out

    def _doc_batch(self, results: list[dict[str, Any]], *, create: bool = False) -> Response:
        failed = [{"order_sn": r["order_sn"]} for r in results if r.get("fail_error")]
        if create and len(failed) == len(results):
            raise Reject(
                self.gw.error(
                    "common.batch_api_all_failed",
                    "Failed, please check result_list for more details.",
                    response={"result_list": results},
                )
            )
        return self.gw.ok({"result_list": results}, warning=failed or None)

    @staticmethod
    def _doc_missing(sn: str) -> dict[str, Any]:
        return {
            "order_sn": sn,
            "fail_error": "logistics.order_not_exist",
            "fail_message": f"The order_sn {sn} you provided is not exist. Please check",
        }

    def _doc_parameter(self, ctx: Ctx) -> Response:
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

    def _doc_create(self, ctx: Ctx) -> Response:
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

    def _doc_result(self, ctx: Ctx) -> Response:
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
                    if order.doc_polls >= int(self.st.options["document_ready_after_polls"]):
                        order.doc_status = "READY"
                    order.doc_polls += 1
                results.append(
                    {"order_sn": order.order_sn, "package_number": order.package_number,
                     "status": order.doc_status}
                )  # fmt: skip
        return self._doc_batch(results)

    def _doc_download(self, ctx: Ctx) -> Response:
        pairs = self._doc_orders(ctx)
        for entry, order in pairs:
            if order is None:
                raise self.gw.fail(
                    "logistics.order_not_exist",
                    f"The order_sn {entry['order_sn']} you provided is not exist. Please check",
                )
            if entry.get("package_number") not in (None, "", order.package_number):
                raise self.gw.fail(
                    "logistics.package_number_invalid", "The package_number is invalid."
                )
            if order.doc_status == "PROCESSING":
                raise self.gw.fail("logistics.download_later", "Processing, please download later.")
            if order.doc_status != "READY":
                raise self.gw.fail(
                    "logistics.shipping_document_should_print_first",
                    "The package can not print now, please create shipping document first.",
                )
        orders = [o for _, o in pairs if o is not None]
        return Response(status=200, body=label_pages(orders), content_type="application/pdf")


def label_pages(orders: Iterable[SimOrder]) -> bytes:
    """The airway bills of a download: one A6 page per order's package, in the request's
    order, naming the package and the tracking number (tests read them back)."""
    return pdf_pages(
        [
            [
                f"Shopee Airway Bill (sandbox) - {o.carrier}",
                f"Package: {o.package_number}",
                f"Resi: {o.tracking_number}",
                f"Order: {o.order_sn}",
                f"Penerima: {o.buyer_name}, {o.city}",
            ]
            for o in orders
        ]
    )
