"""TikTok Shop order endpoints: order search and order detail (202309 order object).

Search filters by status and ``_ge``/``_lt`` time windows, sorts by create or update time
(DESC by default) and pages with opaque tokens; detail takes up to 50 comma-joined ids.
Orders have one line item per unit and no recipient address while UNPAID or ON_HOLD.
"""

from __future__ import annotations

from typing import Any

from app.sandbox.core import Request, Route
from app.sandbox.tiktok import packages
from app.sandbox.tiktok.gateway import Ctx, Gateway, ctx_shop, in_range
from app.sandbox.tiktok.state import MSG_PARAM, ApiError, Order, TikTokState, V


class OrdersApi:
    """``/order/202309/...``."""

    def __init__(self, state: TikTokState, gateway: Gateway) -> None:
        self.st = state
        self.gw = gateway

    def routes(self) -> list[Route]:
        """This area's endpoints."""
        shop, o = self.gw.shop_scoped, f"/order/{V}"
        return [
            Route("POST", f"{o}/orders/search", shop(self._search_orders), "orders/search"),
            Route("GET", f"{o}/orders", shop(self._order_detail), "orders"),
        ]

    def _search_orders(self, req: Request, ctx: Ctx) -> dict[str, Any]:
        shop = ctx_shop(ctx)
        size = self.gw.page_size(req, 100)
        body = self.gw.body(req)
        sort_field = req.query.get("sort_field", "create_time")
        sort_order = req.query.get("sort_order", "DESC")
        if sort_field not in ("create_time", "update_time") or sort_order not in ("ASC", "DESC"):
            raise ApiError(36009004, MSG_PARAM, 400)
        rows = [
            o
            for o in shop.orders.values()
            if (not body.get("order_status") or o.status == body["order_status"])
            and in_range(o.create_time, body, "create_time", inclusive_upper=False)
            and in_range(o.update_time, body, "update_time", inclusive_upper=False)
        ]
        rows.sort(key=lambda o: (getattr(o, sort_field), o.id), reverse=sort_order == "DESC")
        offset = self.gw.offset(req, shop, body)
        return {
            "total_count": len(rows),
            "next_page_token": self.gw.next_token(req, shop, body, offset + size, len(rows)),
            "orders": [self._order_json(o) for o in rows[offset : offset + size]],
        }

    def _order_detail(self, req: Request, ctx: Ctx) -> dict[str, Any]:
        shop = ctx_shop(ctx)
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
        other = any(order_id in s.orders for s in self.st.shops.values())
        if other or self.st.options["unknown_order_ids"] == "error":
            raise self.gw.business(
                21008111, "The order or package does not belong to the current seller."
            )

    def _order_json(self, order: Order) -> dict[str, Any]:
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
            "shipping_type": order.shipping_type,
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
            "packages": [{"id": p} for p in packages.package_ids(order)],
            "payment": dict(order.payment),
            "line_items": [dict(li) for li in order.lines],
        }
        if order.status not in ("UNPAID", "ON_HOLD"):
            city, province = order.city
            data["recipient_address"] = {
                "name": mask(order.buyer),
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


def mask(name: str) -> str:
    """TikTok masks buyer names for platform logistics: ``B***i``."""
    return name[0] + "***" + name[-1] if len(name) > 2 else name
