"""TikTok Shop finance: order settlements, statements, statement transactions by order.

An order's settlement (202501 shape: revenue, fees, shipping cost per SKU) is generated
when it completes and put on the next day's statement; a statement is PAID once its day
is over on the sandbox clock.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from app.sandbox.core import Request, Route
from app.sandbox.tiktok.gateway import Ctx, Gateway, ctx_shop, in_range
from app.sandbox.tiktok.state import (
    FINANCE_TX_VERSION,
    MSG_PARAM,
    ApiError,
    Order,
    Shop,
    TikTokState,
    V,
    money,
)


class FinanceApi:
    """``/finance/...``, and the settlement of completed orders."""

    def __init__(self, state: TikTokState, gateway: Gateway) -> None:
        self.st = state
        self.gw = gateway

    def routes(self) -> list[Route]:
        """This area's endpoints."""
        shop = self.gw.shop_scoped
        return [
            Route("GET", f"/finance/{V}/statements", shop(self._statements), "statements"),
            Route(
                "GET",
                f"/finance/{FINANCE_TX_VERSION}/orders/{{order_id}}/statement_transactions",
                shop(self._order_transactions),
                "order_transactions",
            ),
        ]

    def settle(self, shop: Shop, order: Order, now: int) -> None:
        """Generate the order's settlement (202501 shape) and put it on tomorrow's statement."""
        rates = {
            "platform_commission_amount": Decimal(self.st.options["commission_rate"]),
            "transaction_fee_amount": Decimal(self.st.options["transaction_fee_rate"]),
            "dynamic_commission_amount": Decimal(self.st.options["dynamic_commission_rate"]),
        }
        order.statement_day = now // 86400 + 1
        statement_id = self._statement_id(shop, order.statement_day)
        by_sku: dict[str, list[dict[str, Any]]] = {}
        for line in order.lines:
            by_sku.setdefault(line["sku_id"], []).append(line)
        ship_cost = -Decimal(order.payment["shipping_fee_seller_discount"])
        sku_rows = []
        for n, (sku_id, lines) in enumerate(by_sku.items()):
            gross = sum(Decimal(li["original_price"]) for li in lines)
            seller_off = sum(Decimal(li["seller_discount"]) for li in lines)
            revenue = gross - seller_off
            fees = {k: -round_idr(revenue * r) for k, r in rates.items()}
            fees["affiliate_commission_amount"] = Decimal(0)
            fee_total = sum(fees.values(), Decimal(0))
            shipping = ship_cost if n == 0 else Decimal(0)
            sku_rows.append(
                {
                    "sku_id": sku_id,
                    "sku_name": lines[0]["sku_name"],
                    "product_name": lines[0]["product_name"],
                    "statement_id": statement_id,
                    "quantity": len(lines),
                    "revenue_amount": money(revenue),
                    "revenue_breakdown": {
                        "subtotal_before_discount_amount": money(gross),
                        "seller_discount_amount": money(-seller_off),
                        "refund_subtotal_before_discount_amount": "0",
                        "seller_discount_refund_amount": "0",
                    },
                    "shipping_cost_amount": money(shipping),
                    "shipping_cost_breakdown": {
                        "seller_shipping_fee_discount_amount": money(shipping)
                    },
                    "fee_tax_amount": money(fee_total),
                    "fee_tax_breakdown": {
                        "fee": {k: money(v) for k, v in fees.items()},
                        "tax": {},
                    },
                    "settlement_amount": money(revenue + fee_total + shipping),
                }
            )
        total = {
            key: sum((Decimal(r[key]) for r in sku_rows), Decimal(0))
            for key in (
                "revenue_amount",
                "fee_tax_amount",
                "shipping_cost_amount",
                "settlement_amount",
            )
        }
        order.settlement = {
            "order_id": order.id,
            "order_create_time": order.create_time,
            "currency": "IDR",
            "status": "SETTLED",
            "revenue_amount": money(total["revenue_amount"]),
            "fee_and_tax_amount": money(total["fee_tax_amount"]),
            "shipping_cost_amount": money(total["shipping_cost_amount"]),
            "settlement_amount": money(total["settlement_amount"]),
            "sku_transactions": sku_rows,
        }

    def _statement_id(self, shop: Shop, day: int) -> str:
        return f"7{shop.index:02d}{day:016d}"

    def _order_transactions(self, req: Request, ctx: Ctx) -> dict[str, Any]:
        order = self.gw.order_of(ctx_shop(ctx), req.path_params["order_id"])
        if order.settlement is not None:
            return order.settlement
        return {  # not settled yet: nothing to report
            "order_id": order.id,
            "order_create_time": order.create_time,
            "currency": "IDR",
            "revenue_amount": "0",
            "fee_and_tax_amount": "0",
            "shipping_cost_amount": "0",
            "settlement_amount": "0",
            "sku_transactions": [],
        }

    def _statements(self, req: Request, ctx: Ctx) -> dict[str, Any]:
        shop = ctx_shop(ctx)
        if req.query.get("sort_field") != "statement_time":
            raise ApiError(36009004, f"{MSG_PARAM}: sort_field is required", 400)
        size = self.gw.page_size(req, 100, default=20)
        days: dict[int, list[Order]] = {}
        for order in shop.orders.values():
            if order.settlement is not None:
                days.setdefault(order.statement_day, []).append(order)
        rows = []
        for day in sorted(days):
            statement = self._statement_json(shop, day, days[day])
            if in_range(statement["statement_time"], req.query, "statement_time", False):
                rows.append(statement)
        if req.query.get("sort_order") == "DESC":
            rows.reverse()
        offset = self.gw.offset(req, shop, {})
        return {
            "next_page_token": self.gw.next_token(req, shop, {}, offset + size, len(rows)),
            "statements": rows[offset : offset + size],
        }

    def _statement_json(self, shop: Shop, day: int, orders: list[Order]) -> dict[str, Any]:
        def total(key: str) -> Decimal:
            return sum((Decimal(o.settlement[key]) for o in orders if o.settlement), Decimal(0))

        paid = self.st.clock.now() >= day * 86400 + 86400
        return {
            "id": self._statement_id(shop, day),
            "statement_time": day * 86400,
            "settlement_amount": money(total("settlement_amount")),
            "currency": "IDR",
            "revenue_amount": money(total("revenue_amount")),
            "fee_amount": money(total("fee_and_tax_amount")),
            "adjustment_amount": "0",
            "payment_status": "PAID" if paid else "PROCESSING",
            "payment_id": f"8{shop.index:02d}{day:016d}" if paid else "",
            "net_sales_amount": money(total("revenue_amount")),
            "shipping_cost_amount": money(total("shipping_cost_amount")),
        }


def round_idr(value: Decimal) -> Decimal:
    return value.quantize(Decimal(1), rounding=ROUND_HALF_UP)
