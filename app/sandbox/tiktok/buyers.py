"""Simulated TikTok Shop buyers and the order life cycle.

Buyers pick in-stock SKUs (one line item per unit, stock taken from the fullest
warehouse), and orders walk TikTok's status sequence: UNPAID → [ON_HOLD] →
AWAITING_SHIPMENT → AWAITING_COLLECTION → IN_TRANSIT → DELIVERED → COMPLETED, or CANCELLED
before delivery with every unit put back; completion settles the order (finance).
"""

from __future__ import annotations

import random
from decimal import Decimal
from typing import Any

from app.sandbox.catalog import BUYER_NAMES, CITIES
from app.sandbox.tiktok import packages
from app.sandbox.tiktok.finance import FinanceApi
from app.sandbox.tiktok.returns import CLOSED, open_return, step_return
from app.sandbox.tiktok.state import Order, Product, Shop, Sku, TikTokState, money


class OrderLife:
    """Buyers placing orders and orders moving along their statuses."""

    def __init__(self, state: TikTokState, finance: FinanceApi) -> None:
        self.st = state
        self.finance = finance

    def pick_basket(
        self, shop: Shop, rng: random.Random, lines: int | None = None
    ) -> list[tuple[Product, Sku, int]]:
        """1–3 units over one or two in-stock SKUs (or 1–2 units of each of ``lines``
        SKUs), never more than in stock."""
        pool = [
            (p, s)
            for p in shop.products.values()
            if p.status == "ACTIVATE"
            for s in p.skus
            if sum(s.stock.values()) > 0
        ]
        if not pool:
            return []
        if lines is not None:
            return [
                (p, sku, min(sum(sku.stock.values()), rng.randint(1, 2)))
                for p, sku in rng.sample(pool, k=min(len(pool), lines))
            ]
        units = rng.randint(1, 3)
        basket: dict[str, tuple[Product, Sku, int]] = {}
        for product, sku in rng.sample(pool, k=min(len(pool), rng.randint(1, 2))):
            if units <= 0:
                break
            take = min(units, sum(sku.stock.values()), rng.randint(1, units))
            basket[sku.id] = (product, sku, take)
            units -= take
        return list(basket.values())

    def create_order(
        self, shop: Shop, basket: list[tuple[Product, Sku, int]], rng: random.Random
    ) -> Order:
        now = self.st.now()
        order_id = self.st.new_id("5764")
        lines, units = [], []
        for product, sku, qty in basket:
            seller_off = rng.choice([Decimal(0), Decimal(0), Decimal(2000), Decimal(5000)])
            platform_off = rng.choice([Decimal(0), Decimal(0), Decimal(1000)])
            seller_off = min(seller_off, sku.price / 2).quantize(Decimal(1))
            for _ in range(qty):
                warehouse = self.take_unit(sku)
                units.append((sku.id, warehouse))
                lines.append(self.line(order_id, product, sku, seller_off, platform_off))
        buyer = rng.choice(BUYER_NAMES)
        order = Order(
            id=order_id,
            shop_id=shop.id,
            status="UNPAID",
            create_time=now,
            update_time=now,
            buyer=buyer,
            user_id=self.st.digits("7021", 19),
            city=rng.choice(CITIES),
            lines=lines,
            payment=self.payment(lines, rng),
            warehouse_id=units[0][1],
            units=units,
        )
        shop.orders[order.id] = order
        for product, _sku, _qty in basket:
            product.update_time = now
        return order

    @staticmethod
    def take_unit(sku: Sku) -> str:
        """Decrement one unit from the fullest warehouse; returns the warehouse id."""
        warehouse = max(sku.stock, key=lambda w: sku.stock[w])
        sku.stock[warehouse] -= 1
        return warehouse

    def line(
        self,
        order_id: str,
        product: Product,
        sku: Sku,
        seller_off: Decimal,
        platform_off: Decimal,
    ) -> dict[str, Any]:
        """One unit: TikTok 202309 line items have no quantity."""
        # [uncertain] sale_price = original_price - seller_discount - platform_discount, so
        # that the lines' sale prices add up to payment.sub_total (reference §5.4.3).
        sale = sku.price - seller_off - platform_off
        return {
            "id": self.st.new_id("5770"),
            "product_id": product.id,
            "product_name": product.title,
            "sku_id": sku.id,
            "sku_name": sku.name,
            "seller_sku": sku.seller_sku,
            "sku_image": f"https://p16-oec-va.ibyteimg.com/tos-maliva-i-o3syd03w52-us/{sku.id}",
            "sku_type": "NORMAL",
            "currency": "IDR",
            "original_price": money(sku.price),
            "sale_price": money(sale),
            "seller_discount": money(seller_off),
            "platform_discount": money(platform_off),
            "display_status": "UNPAID",
            "package_id": "",
            "package_status": "TO_FULFILL",
            "is_gift": False,
            "cancel_user": "",
            "cancel_reason": "",
            "rts_time": 0,
            "tracking_number": "",
            "shipping_provider_id": "",
            "shipping_provider_name": "",
            "combined_listing_skus": [],
            "item_tax": [],
        }

    @staticmethod
    def payment(lines: list[dict[str, Any]], rng: random.Random) -> dict[str, str]:
        original = sum(Decimal(li["original_price"]) for li in lines)
        seller = sum(Decimal(li["seller_discount"]) for li in lines)
        platform = sum(Decimal(li["platform_discount"]) for li in lines)
        sub_total = original - seller - platform
        ship = Decimal(rng.randrange(9000, 26000, 1000))
        ship_platform = rng.choice([Decimal(0), ship])  # free-shipping voucher or not
        ship_seller = Decimal(0) if ship_platform else rng.choice([Decimal(0), Decimal(3000)])
        ship_fee = ship - ship_platform - ship_seller
        values = {
            "original_total_product_price": original,
            "seller_discount": seller,
            "platform_discount": platform,
            "sub_total": sub_total,
            "original_shipping_fee": ship,
            "shipping_fee_seller_discount": ship_seller,
            "shipping_fee_platform_discount": ship_platform,
            "shipping_fee_cofunded_discount": Decimal(0),
            "shipping_fee": ship_fee,
            "tax": Decimal(0),
            "product_tax": Decimal(0),
            "shipping_fee_tax": Decimal(0),
            "retail_delivery_fee": Decimal(0),
            "small_order_fee": Decimal(0),
            "buyer_service_fee": Decimal(0),
            "handling_fee": Decimal(0),
            "shipping_insurance_fee": Decimal(0),
            "item_insurance_fee": Decimal(0),
            "total_amount": sub_total + ship_fee,
        }
        return {"currency": "IDR", **{k: money(v) for k, v in values.items()}}

    def advance(self, shop: Shop, order: Order, rng: random.Random, straight: bool = False) -> int:
        """One step of TikTok's sequence; ``straight`` skips the random detours (tests)."""
        now = self.st.now()
        status = order.status
        if status == "UNPAID":
            if not straight and rng.random() < float(self.st.options["unpaid_cancel_probability"]):
                self.cancel(shop, order, "SYSTEM", "Pembayaran tidak diterima tepat waktu")
                return 1
            order.paid_time = now
            on_hold = not straight and rng.random() < float(self.st.options["on_hold_probability"])
            self.set_status(order, "ON_HOLD" if on_hold else "AWAITING_SHIPMENT", now)
        elif status == "ON_HOLD":
            self.set_status(order, "AWAITING_SHIPMENT", now)
        elif status in ("AWAITING_SHIPMENT", "PARTIALLY_SHIPPING"):
            wait = float(self.st.options.get("seller_center_ships_after", 0))
            if wait and now - (order.paid_time or now) < wait and not straight:
                return 0  # left for the seller to ship (demo: through the app)
            p_cancel = float(self.st.options["buyer_cancel_probability"])
            if (
                status == "AWAITING_SHIPMENT"
                and not straight
                and p_cancel
                and rng.random() < p_cancel
            ):
                self.cancel(shop, order, "BUYER", "Buyer no longer needs the order")
                return 1
            self.arrange_shipment(order, now)
        elif status == "AWAITING_COLLECTION":
            order.collection_time = now
            self.set_status(order, "IN_TRANSIT", now, package_status="FULFILLING")
            order.tracking.append(event("Paket telah diambil oleh kurir J&T Express", now))
        elif status == "IN_TRANSIT":
            order.delivery_time = now
            self.set_status(order, "DELIVERED", now, package_status="COMPLETED")
            order.tracking.append(event("Your package was delivered!", now))
        elif status == "DELIVERED":
            if order.ret and order.ret["return_status"] not in CLOSED:
                return int(step_return(self.st, order))  # the return runs its course first
            p_return = float(self.st.options["return_probability"])
            if not straight and order.ret is None and p_return and rng.random() < p_return:
                open_return(self.st, order, rng)
                return 1
            self.set_status(order, "COMPLETED", now)
            self.finance.settle(shop, order, now)
        else:
            return 0
        return 1

    def set_status(
        self, order: Order, status: str, now: int, package_status: str | None = None
    ) -> None:
        order.status, order.update_time = status, now
        new_package = status == "AWAITING_SHIPMENT" and not order.package_id
        if new_package:
            order.package_id = self.st.new_id("1152")
            order.tracking_number = f"JX{self.st.digits('', 10)}"
        line_status = "AWAITING_SHIPMENT" if status == "ON_HOLD" else status
        for line in order.lines:
            line["display_status"] = line_status
            if order.package_id and not line["package_id"]:
                line["package_id"] = order.package_id
            if package_status:
                line["package_status"] = package_status
        if new_package:
            packages.on_paid(self.st, order)

    def arrange_shipment(
        self,
        order: Order,
        now: int,
        package_id: str | None = None,
        body: dict[str, Any] | None = None,
    ) -> None:
        """Ship one package (or every package not shipped yet): AWAITING_COLLECTION once
        all are shipped, PARTIALLY_SHIPPING before (packages.py)."""
        todo = [package_id] if package_id else packages.package_ids(order)
        for pid in todo:
            if not packages.shipped(order, pid):
                packages.ship(order, pid, now, body or {})
        order.rts_time = order.rts_time or now
        if all(packages.shipped(order, p) for p in packages.package_ids(order)):
            self.set_status(order, "AWAITING_COLLECTION", now, package_status="PROCESSING")
        else:
            order.status, order.update_time = "PARTIALLY_SHIPPING", now
        order.tracking.append(event("Penjual telah mengatur pengiriman", now))

    def cancel(self, shop: Shop, order: Order, who: str, reason: str) -> None:
        """Cancel the whole order and put every unit back where it came from."""
        now = self.st.now()
        for sku_id, warehouse in order.units:
            found = shop.find_sku(sku_id)
            if found is not None:
                found[1].stock[warehouse] = found[1].stock.get(warehouse, 0) + 1
        order.status, order.update_time, order.cancel_time = "CANCELLED", now, now
        order.cancel_reason, order.cancellation_initiator = reason, who
        for line in order.lines:
            line.update(
                display_status="CANCELLED",
                package_status="CANCELLED",
                cancel_user=who,
                cancel_reason=reason,
            )


def event(text: str, now: int) -> dict[str, Any]:
    return {"description": text, "update_time_millis": now * 1000}
