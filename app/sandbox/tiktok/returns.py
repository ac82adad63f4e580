"""TikTok Shop return/refund endpoints (reference §5.6): the seller cancels an order
(``POST /return_refund/202309/cancellations``) and returns are searched
(``POST /return_refund/202309/returns/search``); and the life of a return: the buyer asks
after delivery, the seller's side accepts, the buyer ships the goods back, the package is
received and refunded, then the return completes.
"""

from __future__ import annotations

import random
from collections import Counter
from typing import TYPE_CHECKING, Any

from app.sandbox.core import Request, Route
from app.sandbox.tiktok.gateway import Ctx, Gateway, ctx_shop, in_range
from app.sandbox.tiktok.state import Order, TikTokState, V

if TYPE_CHECKING:
    from app.sandbox.tiktok.buyers import OrderLife

# [uncertain] the seller's cancel reason codes (the same list as the app's default option)
CANCEL_REASONS = {
    "seller_cancel_reason_out_of_stock",
    "seller_cancel_reason_wrong_price",
    "seller_cancel_paid_reason_address_not_deliver",
    "seller_cancel_paid_reason_buyer_requested_cancellation",
}
CANCELLABLE = ("UNPAID", "ON_HOLD", "AWAITING_SHIPMENT")
SHIPPED = ("AWAITING_COLLECTION", "PARTIALLY_SHIPPING", "IN_TRANSIT", "DELIVERED")
NEXT_STATUS = {
    "RETURN_OR_REFUND_REQUEST_PENDING": "AWAITING_BUYER_SHIP",
    "AWAITING_BUYER_SHIP": "BUYER_SHIPPED_ITEM",
    "BUYER_SHIPPED_ITEM": "RETURN_OR_REFUND_REQUEST_SUCCESS",
    "RETURN_OR_REFUND_REQUEST_SUCCESS": "RETURN_OR_REFUND_REQUEST_COMPLETE",
}
CLOSED = ("RETURN_OR_REFUND_REQUEST_COMPLETE", "RETURN_OR_REFUND_REQUEST_CANCEL")
REASONS = [
    ("ecom_return_reason_damaged", "Barang rusak"),
    ("ecom_return_reason_wrong_item", "Barang tidak sesuai pesanan"),
]


def open_return(
    st: TikTokState,
    order: Order,
    rng: random.Random,
    units: dict[str, int] | None = None,
    refund_only: bool = False,
) -> dict[str, Any]:
    """The buyer asks to return ``units`` (sku id or seller SKU -> units; default all)."""
    now = st.now()
    left = dict(units) if units is not None else None
    lines = []
    for li in order.lines:
        if li.get("display_status") == "CANCELLED":
            continue
        if left is not None:
            key = next((k for k in (li["sku_id"], li["seller_sku"]) if left.get(k, 0) > 0), None)
            if key is None:
                continue
            left[key] -= 1
        lines.append(
            {
                "return_line_item_id": st.new_id("4035"),
                "order_line_item_id": li["id"],
                "sku_id": li["sku_id"],
                "sku_name": li.get("sku_name", ""),
                "product_name": li.get("product_name", ""),
                "seller_sku": li.get("seller_sku", ""),
                "refund_amount": {"currency": "IDR", "refund_total": li.get("sale_price", "0")},
            }
        )
    code, text = rng.choice(REASONS)
    order.ret = {
        "return_id": st.new_id("4036"),
        "return_type": "REFUND" if refund_only else "RETURN_AND_REFUND",
        "return_status": "RETURN_OR_REFUND_REQUEST_PENDING",
        "return_reason": code,
        "return_reason_text": text,
        "create_time": now,
        "update_time": now,
        "lines": lines,
    }
    order.update_time = now
    return order.ret


def step_return(st: TikTokState, order: Order, to: str = "") -> bool:
    """One step of the order's return (or straight to ``to``); the order completes when
    the return is closed."""
    ret = order.ret
    if not ret or ret["return_status"] in CLOSED:
        return False
    if to:
        ret["return_status"] = to
    elif ret["return_type"] == "REFUND":
        ret["return_status"] = "RETURN_OR_REFUND_REQUEST_COMPLETE"
    else:
        ret["return_status"] = NEXT_STATUS[ret["return_status"]]
    ret["update_time"] = order.update_time = st.now()
    return True


class ReturnRefundApi:
    """``/return_refund/202309/...``: seller cancellation and returns search."""

    def __init__(self, state: TikTokState, gateway: Gateway, life: OrderLife) -> None:
        self.st = state
        self.gw = gateway
        self.life = life

    def routes(self) -> list[Route]:
        shop, r = self.gw.shop_scoped, f"/return_refund/{V}"
        return [
            Route("POST", f"{r}/cancellations", shop(self._cancel), "cancellations"),
            Route("POST", f"{r}/returns/search", shop(self._search_returns), "returns/search"),
        ]

    def _cancel(self, req: Request, ctx: Ctx) -> dict[str, Any]:
        shop = ctx_shop(ctx)
        body = self.gw.body(req)
        order = shop.orders.get(str(body.get("order_id") or ""))
        if order is None:
            raise self.gw.business(25007006, "Order not found")
        if str(body.get("cancel_reason") or "") not in CANCEL_REASONS:
            raise self.gw.business(25001001, "invalid request parameter: cancel_reason")
        if order.status in SHIPPED:
            raise self.gw.business(25001045, "The order has already been shipped")
        if order.status not in CANCELLABLE:
            raise self.gw.business(25001051, "The order is completed or cancelled")
        self.life.cancel(shop, order, "SELLER", str(body["cancel_reason"]))
        return {
            "cancel_id": self.st.new_id("4035"),
            "cancel_status": "CANCELLATION_REQUEST_COMPLETE",
        }

    def _search_returns(self, req: Request, ctx: Ctx) -> dict[str, Any]:
        shop = ctx_shop(ctx)
        size = self.gw.page_size(req, 50)
        if size < 10:  # returns search takes 10..50 (reference §5.6)
            raise self.gw.business(36009004, "invalid param error: page_size must be in [10, 50]")
        body = self.gw.body(req)
        rows = [
            o
            for o in shop.orders.values()
            if o.ret
            and in_range(o.ret["update_time"], body, "update_time", inclusive_upper=False)
            and in_range(o.ret["create_time"], body, "create_time", inclusive_upper=False)
        ]
        desc = req.query.get("sort_order", "ASC") == "DESC"
        rows.sort(key=lambda o: (o.ret["update_time"], o.ret["return_id"]), reverse=desc)
        offset = self.gw.offset(req, shop, body)
        return {
            "total_count": len(rows),
            "next_page_token": self.gw.next_token(req, shop, body, offset + size, len(rows)),
            "return_orders": [return_json(o) for o in rows[offset : offset + size]],
        }


def return_json(order: Order) -> dict[str, Any]:
    ret = order.ret or {}
    total = sum(int(li["refund_amount"]["refund_total"] or 0) for li in ret.get("lines", []))
    return {
        "return_id": ret.get("return_id"),
        "order_id": order.id,
        "return_type": ret.get("return_type"),
        "return_status": ret.get("return_status"),
        "arbitration_status": "",
        "role": "BUYER",
        "return_reason": ret.get("return_reason"),
        "return_reason_text": ret.get("return_reason_text"),
        "shipment_type": "PLATFORM",
        "handover_method": "DROP_OFF",
        "return_tracking_number": "",
        "create_time": ret.get("create_time"),
        "update_time": ret.get("update_time"),
        "seller_next_action_response": [],
        "return_line_items": [dict(li) for li in ret.get("lines", [])],
        "refund_amount": {"currency": "IDR", "refund_total": str(total)},
    }


def units_by_sku(order: Order) -> Counter[str]:
    """Returned units per sku id (tests)."""
    return Counter(li["sku_id"] for li in (order.ret or {}).get("lines", []))
