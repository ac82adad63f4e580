"""Shopee payment endpoint: ``get_escrow_detail`` with consistent income numbers.

The escrow amount always equals goods minus commission, service and transaction fees,
plus the buyer's shipping fee minus the actual fee plus the free-shipping rebate; a
cancelled order has no income.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from app.sandbox.core import Response, Route
from app.sandbox.shopee.gateway import Ctx, Gateway
from app.sandbox.shopee.state import ShopeeState, SimOrder

_ZERO_INCOME_FIELDS = (
    "seller_discount", "shopee_discount", "voucher_from_seller", "voucher_from_shopee", "coins",
    "buyer_transaction_fee", "cross_border_tax", "payment_promotion", "seller_lost_compensation",
    "seller_coin_cash_back", "escrow_tax", "shipping_fee_discount_from_3pl",
    "seller_shipping_discount", "drc_adjustable_refund", "original_shopee_discount",
    "seller_return_refund", "reverse_shipping_fee", "campaign_fee", "order_ams_commission_fee",
    "withholding_tax", "seller_order_processing_fee", "total_adjustment_amount",
)  # fmt: skip


class FinanceApi:
    """``payment/get_escrow_detail``."""

    def __init__(self, state: ShopeeState, gateway: Gateway) -> None:
        self.st = state
        self.gw = gateway

    def routes(self) -> list[Route]:
        """This area's endpoints."""
        return [self.gw.route("GET", "payment/get_escrow_detail", "shop", self._escrow_detail)]

    def _escrow_detail(self, ctx: Ctx) -> Response:
        sn = ctx.q.get("order_sn", "")
        if not sn:
            raise self.gw.fail("error_param", "order_sn is required")
        order = self.gw.order(self.gw.shop(ctx), sn)
        return self.gw.ok(self._escrow_json(order))

    def _escrow_json(self, order: SimOrder) -> dict[str, Any]:
        """Consistent numbers: escrow = goods - fees + buyer shipping - actual + rebate."""
        goods = order.subtotal if order.status != "CANCELLED" else 0
        commission = pct(goods, self.st.options["commission_rate"])
        service = pct(goods, self.st.options["service_rate"])
        transaction = pct(goods + order.buyer_shipping_fee, self.st.options["transaction_rate"])
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


def pct(amount: int, rate: Any) -> int:
    """An IDR fee: a percentage rounded to whole rupiah."""
    return int((Decimal(amount) * Decimal(str(rate))).to_integral_value())
