"""Shopee returns: ``returns/get_return_list`` and ``get_return_detail`` (reference §5.19),
and the life of a return: the buyer asks (the order goes TO_RETURN), Shopee accepts, the
buyer sends the goods back, the return completes with a refund (the goods reached the
seller). A few returns are cancelled by the buyer on the way.
"""

from __future__ import annotations

import random
import string
from typing import Any

from app.sandbox.core import Response, Route
from app.sandbox.shopee.gateway import Ctx, Gateway
from app.sandbox.shopee.state import DAY, ShopeeState, SimOrder

RETURN_REASONS = [
    ("DAMAGED", "Barang rusak saat diterima"),
    ("WRONG_ITEM", "Barang yang diterima tidak sesuai pesanan"),
    ("NOT_AS_DESCRIBED", "Tidak sesuai deskripsi"),
]
# the statuses a return walks through, one step per tick
NEXT_STATUS = {"REQUESTED": "ACCEPTED", "ACCEPTED": "PROCESSING", "PROCESSING": "COMPLETED"}


def open_return(
    st: ShopeeState, order: SimOrder, rng: random.Random, units: dict[int, int] | None = None
) -> dict[str, Any]:
    """The buyer asks to return ``units`` (model id -> quantity; default: everything)."""
    now = int(st.now())
    code, text = rng.choice(RETURN_REASONS)
    items = []
    for ln in order.lines:
        qty = ln.quantity if units is None else min(ln.quantity, units.get(ln.model.model_id, 0))
        if qty > 0:
            items.append([ln.item.item_id, ln.model.model_id, qty])
    order.ret = {
        "return_sn": "2" + "".join(rng.choices(string.digits, k=14)),
        "status": "REQUESTED",
        "reason": code,
        "text_reason": text,
        "create_time": now,
        "update_time": now,
        "items": items,
        "tracking_number": "",
        "return_solution": 0,
    }
    order.status, order.update_time = "TO_RETURN", now
    return order.ret


def step_return(st: ShopeeState, order: SimOrder, rng: random.Random, to: str = "") -> bool:
    """One step of the order's return (or straight to status ``to``)."""
    ret = order.ret
    if not ret or ret["status"] in ("COMPLETED", "CANCELLED"):
        return False
    now = int(st.now())
    if to:
        ret["status"] = to
    elif ret["status"] == "REQUESTED" and rng.random() < 0.1:
        ret["status"] = "CANCELLED"  # the buyer withdrew it
    else:
        ret["status"] = NEXT_STATUS[ret["status"]]
    if ret["status"] == "PROCESSING" and not ret["tracking_number"]:
        ret["tracking_number"] = "SPXRT" + "".join(rng.choices(string.digits, k=10))
    ret["update_time"] = now
    if ret["status"] in ("COMPLETED", "CANCELLED"):
        order.status = "COMPLETED"
    order.update_time = now
    return True


class ReturnsApi:
    """``returns/*``."""

    def __init__(self, state: ShopeeState, gateway: Gateway) -> None:
        self.st = state
        self.gw = gateway

    def routes(self) -> list[Route]:
        api = self.gw.route
        return [
            api("GET", "returns/get_return_list", "shop", self._list),
            api("GET", "returns/get_return_detail", "shop", self._detail),
        ]

    def _list(self, ctx: Ctx) -> Response:
        shop, q = self.gw.shop(ctx), ctx.q
        page_no = max(1, self.gw.int_param(q, "page_no"))  # 0 and 1 are both the first (§5.19)
        size = self.gw.int_param(q, "page_size")
        if not 1 <= size <= 100:
            raise self.gw.param_error("page_size should be between 1 and 100.")
        lo = self.gw.int_param(q, "update_time_from", 0)
        hi = self.gw.int_param(q, "update_time_to", int(self.st.now()))
        if hi - lo > 15 * DAY:
            raise self.gw.param_error("update time range should be within 15 days.")
        rows = sorted(
            (o for o in shop.orders.values() if o.ret and lo <= o.ret["update_time"] <= hi),
            key=lambda o: (o.ret["update_time"], o.ret["return_sn"]),
        )
        start = (page_no - 1) * size
        page = rows[start : start + size]
        return self.gw.ok(
            {"more": start + size < len(rows), "return": [return_json(o) for o in page]}
        )

    def _detail(self, ctx: Ctx) -> Response:
        shop = self.gw.shop(ctx)
        sn = str(ctx.q.get("return_sn") or "")
        for o in shop.orders.values():
            if o.ret and o.ret["return_sn"] == sn:
                return self.gw.ok(return_json(o))
        raise self.gw.fail("error_not_found", "Wrong parameters, detail: return not found.")


def return_json(order: SimOrder) -> dict[str, Any]:
    """A return as get_return_list/get_return_detail give it (reference §5.19)."""
    ret = order.ret or {}
    by_model = {ln.model.model_id: ln for ln in order.lines}
    items = []
    for item_id, model_id, qty in ret.get("items", []):
        ln = by_model.get(model_id)
        items.append(
            {
                "item_id": item_id, "model_id": model_id,
                "name": ln.item.name if ln else "", "images": [], "amount": qty,
                "item_price": float(ln.model.price) if ln else 0.0,
                "item_sku": ln.item.item_sku if ln else "",
                "variation_sku": ln.model.sku if ln else "",
                "is_add_on_deal": False, "is_main_item": False, "add_on_deal_id": 0,
            }
        )  # fmt: skip
    refund = sum(i["item_price"] * i["amount"] for i in items)
    return {
        "return_sn": ret.get("return_sn"), "order_sn": order.order_sn,
        "status": ret.get("status"), "reason": ret.get("reason"),
        "text_reason": ret.get("text_reason"), "refund_amount": refund,
        "amount_before_discount": refund, "currency": "IDR",
        "create_time": ret.get("create_time"), "update_time": ret.get("update_time"),
        "due_date": (ret.get("create_time") or 0) + 3 * DAY,
        "return_ship_due_date": (ret.get("create_time") or 0) + 5 * DAY,
        "return_seller_due_date": (ret.get("create_time") or 0) + 7 * DAY,
        "tracking_number": ret.get("tracking_number", ""), "needs_logistics": True,
        "user": {"username": order.buyer_username, "email": "", "portrait": ""},
        "item": items, "negotiation_status": "", "seller_proof_status": "",
        "seller_compensation_status": "", "return_refund_type": "RRBOC",
        "return_solution": ret.get("return_solution", 0), "dispute_reason": [],
        "dispute_text_reason": [], "image": [],
    }  # fmt: skip
