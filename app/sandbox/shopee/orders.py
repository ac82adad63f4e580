"""Shopee order endpoints: the order list by time window, order details, cancellation.

``get_order_list`` keeps Shopee's 15-day window and cursor paging; the list is served from
per-shop indexes sorted by ``(time field, order_sn)`` that are rebuilt only when some order
changed (see ``SimOrder.generation``), so paging tens of thousands of orders stays cheap.
"""

from __future__ import annotations

import bisect
from typing import Any

from app.sandbox.core import Response, Route
from app.sandbox.shopee.buyers import OrderLife
from app.sandbox.shopee.gateway import Ctx, Gateway
from app.sandbox.shopee.state import (
    CANCEL_REASONS,
    DAY,
    LIST_FILTER_STATUSES,
    LOGISTICS_STATUS,
    ORDER_DETAIL_OPTIONAL,
    ShopeeState,
    SimOrder,
    SimShop,
)


class OrdersApi:
    """``order/*``."""

    def __init__(self, state: ShopeeState, gateway: Gateway, life: OrderLife) -> None:
        self.st = state
        self.gw = gateway
        self.life = life

    def routes(self) -> list[Route]:
        """This area's endpoints."""
        api = self.gw.route
        return [
            api("GET", "order/get_order_list", "shop", self._order_list),
            api("GET", "order/get_order_detail", "shop", self._order_detail),
            api("POST", "order/cancel_order", "shop", self._cancel_order),
        ]

    def _order_list(self, ctx: Ctx) -> Response:
        shop, q = self.gw.shop(ctx), ctx.q
        field_name = q.get("time_range_field", "")
        if field_name not in ("create_time", "update_time"):
            raise self.gw.param_error("time_range_field is invalid.")
        time_from, time_to = self.gw.int_param(q, "time_from"), self.gw.int_param(q, "time_to")
        if not time_from < time_to or time_to - time_from > 15 * DAY:
            raise self.gw.fail(
                "order.order_list_invalid_time",
                "Start time must be earlier than end time and diff in 15days.",
            )
        page_size = self.gw.int_param(q, "page_size")
        if not 1 <= page_size <= 100:
            raise self.gw.param_error("page_size should be between 1 and 100.")
        cursor = q.get("cursor", "")
        if cursor and not cursor.isdigit():
            raise self.gw.param_error("cursor is invalid.")
        status = q.get("order_status", "")
        if status and status not in LIST_FILTER_STATUSES:
            raise self.gw.param_error("order_status is invalid.")
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
        return self.gw.ok(
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
        cached = self.st.order_indexes.get(key)
        if cached is not None and cached[0] == SimOrder.generation:
            return cached[1], cached[2]
        ordered = sorted(
            (o for o in shop.orders.values() if not status or o.status == status),
            key=lambda o: (getattr(o, field_name), o.order_sn),
        )
        keys = [(getattr(o, field_name), o.order_sn) for o in ordered]
        self.st.order_indexes[key] = (SimOrder.generation, keys, ordered)
        return keys, ordered

    def _order_detail(self, ctx: Ctx) -> Response:
        shop = self.gw.shop(ctx)
        sns = self.gw.list_param(ctx.request, "order_sn_list")
        if not 1 <= len(sns) <= 50:
            raise self.gw.param_error("order_sn_list length should be between 1 and 50.")
        orders = [self.gw.order(shop, sn) for sn in sns]  # whole call fails on an unknown sn
        fields = set(self.gw.list_param(ctx.request, "response_optional_fields"))
        return self.gw.ok({"order_list": [self._order_json(o, fields) for o in orders]}, warning=[])

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

    def _cancel_order(self, ctx: Ctx) -> Response:
        shop = self.gw.shop(ctx)
        order = self.gw.order(shop, str(ctx.body.get("order_sn") or ""))
        reason = str(ctx.body.get("cancel_reason") or "")
        if reason not in CANCEL_REASONS:
            raise self.gw.param_error("cancel_reason is invalid.")
        if reason == "OUT_OF_STOCK" and not ctx.body.get("item_list"):
            raise self.gw.param_error("item_list is required when cancel_reason is OUT_OF_STOCK.")
        if order.status not in ("UNPAID", "READY_TO_SHIP", "RETRY_SHIP", "IN_CANCEL"):
            raise self.gw.fail("error_status", "The order status does not support cancellation.")
        self.life.cancel(order, "seller", reason)
        return self.gw.ok({"update_time": order.update_time})
