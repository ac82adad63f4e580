"""Simulated Shopee buyers and the order life cycle.

Buyers place orders on in-stock listings (stock goes down), and orders walk Shopee's
status sequence (UNPAID → READY_TO_SHIP → PROCESSED → SHIPPED → TO_CONFIRM_RECEIVE →
COMPLETED, with cancellations, retries and returns on the way). Arranging shipment and
cancelling are shared with the order and logistics endpoints and the seller-centre edits.
"""

from __future__ import annotations

import random
import string
from datetime import datetime

from app.sandbox.catalog import BUYER_NAMES, CITIES
from app.sandbox.shopee import shipping
from app.sandbox.shopee.returns import open_return, step_return
from app.sandbox.shopee.state import (
    CARRIERS,
    PAYMENT_METHODS,
    WIB,
    ShopeeState,
    SimItem,
    SimLine,
    SimModel,
    SimOrder,
    SimShop,
)


class OrderLife:
    """Buyers placing orders and orders moving along their statuses."""

    def __init__(self, state: ShopeeState) -> None:
        self.st = state

    def listings_in_stock(self, shop: SimShop) -> list[tuple[SimItem, SimModel]]:
        return [
            (item, model)
            for item in shop.items.values()
            if item.status == "NORMAL"
            for model in item.models
            if model.total > 0
        ]

    def place_random_order(self, rng: random.Random, lines: int | None = None) -> str | None:
        """A buyer orders 1–3 units of in-stock listings on a random shop (or, with
        ``lines``, 1–2 units of that many different listings); stock goes down."""
        shop = rng.choice(list(self.st.shops.values()))
        if lines is not None:
            return self.place_basket(shop, lines, rng)
        units = rng.randint(1, 3)
        picked: dict[tuple[int, int], SimLine] = {}
        while units > 0:
            candidates = self.listings_in_stock(shop)
            if not candidates:
                break
            item, model = rng.choice(candidates)
            location = max(model.stock, key=lambda loc: model.stock[loc])
            qty = min(units, model.stock[location], rng.randint(1, units))
            model.stock[location] -= qty
            units -= qty
            key = (item.item_id, model.model_id)
            if key in picked:
                picked[key].quantity += qty
            else:
                picked[key] = SimLine(item, model, qty, location)
        if not picked:
            return None
        order = self.new_order(shop, list(picked.values()), rng)
        return order.order_sn

    def place_basket(self, shop: SimShop, lines: int, rng: random.Random) -> str | None:
        candidates = self.listings_in_stock(shop)
        picked = []
        for item, model in rng.sample(candidates, k=min(lines, len(candidates))):
            location = max(model.stock, key=lambda loc: model.stock[loc])
            qty = min(model.stock[location], rng.randint(1, 2))
            model.stock[location] -= qty
            picked.append(SimLine(item, model, qty, location))
        return self.new_order(shop, picked, rng).order_sn if picked else None

    def new_order(self, shop: SimShop, lines: list[SimLine], rng: random.Random) -> SimOrder:
        now = int(self.st.now())
        buyer = rng.choice(BUYER_NAMES)
        city, state = rng.choice(CITIES)
        method = rng.choice(PAYMENT_METHODS)
        buyer_fee = rng.choice([0, 0, 9000, 12000, 15000])
        order = SimOrder(
            order_sn=self.order_sn(rng),
            status="UNPAID",
            create_time=now,
            update_time=now,
            lines=lines,
            buyer_name=buyer,
            buyer_username=buyer.lower().replace(" ", "") + str(rng.randint(10, 999)),
            buyer_user_id=rng.randrange(10_000_000, 999_999_999),
            phone="628" + "".join(rng.choices(string.digits, k=9)),
            city=city,
            state=state,
            street=f"Jl. {rng.choice(['Merdeka', 'Sudirman', 'Diponegoro', 'Gatot Subroto'])} "
            f"No. {rng.randint(1, 200)}",
            payment_method=method,
            buyer_shipping_fee=buyer_fee,
            actual_shipping_fee=max(buyer_fee, 9000) + rng.choice([0, 2000, 5000]),
            carrier=rng.choice(CARRIERS),
            package_number="OFG" + "".join(rng.choices(string.digits, k=15)),
        )
        order.carrier = shipping.initial_carrier(self.st, order)
        if method == "Cash on Delivery":  # COD orders need no payment step
            order.status, order.pay_time = "READY_TO_SHIP", now
        shop.orders[order.order_sn] = order
        return order

    def order_sn(self, rng: random.Random) -> str:
        """``YYMMDD`` + 8 uppercase alphanumerics, unique across shops."""
        day = datetime.fromtimestamp(self.st.now(), WIB).strftime("%y%m%d")
        while True:
            sn = day + "".join(rng.choices(string.ascii_uppercase + string.digits, k=8))
            if not any(sn in s.orders for s in self.st.shops.values()):
                return sn

    def advance_orders(self, rng: random.Random) -> int:
        """Move some open orders one step along Shopee's status sequence."""
        moved = 0
        p = float(self.st.options["advance_probability"])
        for shop in self.st.shops.values():
            for order in list(shop.orders.values()):
                if order.status in ("COMPLETED", "CANCELLED") or rng.random() >= p:
                    continue
                if self.step(order, rng):
                    moved += 1
        return moved

    def step(self, order: SimOrder, rng: random.Random) -> bool:
        now, roll = int(self.st.now()), rng.random()
        status = order.status
        if status == "UNPAID":
            if roll < 0.85:
                order.status, order.pay_time = "READY_TO_SHIP", now
            else:
                self.cancel(order, "system", "Unpaid")
                return True
        elif status == "READY_TO_SHIP":
            wait = float(self.st.options.get("seller_centre_ships_after", 0))
            if wait and now - (order.pay_time or now) < wait:
                return False  # left for the seller to ship (demo: through the app)
            if roll < 0.9:
                self.arrange(order, rng)  # the seller arranges shipment in Seller Centre
                return True
            order.status = "IN_CANCEL"  # buyer asks to cancel
        elif status == "IN_CANCEL":
            if roll < 0.7:
                self.cancel(order, "buyer", "Change of mind")
                return True
            order.status = "READY_TO_SHIP"
        elif status == "PROCESSED":
            if roll < 0.9:
                order.status, order.pickup_done_time = "SHIPPED", now
            else:
                order.status = "RETRY_SHIP"
        elif status == "RETRY_SHIP":
            self.arrange(order, rng)
            return True
        elif status == "SHIPPED":
            order.status = "TO_CONFIRM_RECEIVE"
        elif status == "TO_CONFIRM_RECEIVE":
            if roll < 0.92:
                order.status = "COMPLETED"
            else:  # the buyer asks to return the goods
                open_return(self.st, order, rng)
        elif status == "TO_RETURN":
            return step_return(self.st, order, rng)
        else:
            return False
        order.update_time = now
        return True

    def arrange(
        self,
        order: SimOrder,
        rng: random.Random,
        method: str = "dropoff",
        detail: dict | None = None,
    ) -> None:
        """Shipment arranged: PROCESSED, and the 3PL assigns a tracking number (after
        ``tracking_delay_seconds``). The seller's own courier takes the parcel at once
        (LOGISTICS_PICKUP_DONE: SHIPPED) under the seller's tracking number."""
        now = int(self.st.now())
        order.status, order.update_time = "PROCESSED", now
        order.ship_method = method
        order.pickup_time = int((detail or {}).get("pickup_time_id") or 0)
        if method == "non_integrated":
            order.tracking_number = str((detail or {}).get("tracking_number") or "").strip()
            order.tracking_ready_at = self.st.now()
            order.status, order.pickup_done_time = "SHIPPED", now
            return
        if not order.tracking_number:
            order.tracking_number = "SPXID0" + "".join(rng.choices(string.digits, k=11))
            order.tracking_ready_at = self.st.now() + float(
                self.st.options["tracking_delay_seconds"]
            )

    def collect(self, order: SimOrder) -> bool:
        """The carrier collects an arranged parcel (PROCESSED → SHIPPED)."""
        if order.status != "PROCESSED":
            return False
        now = int(self.st.now())
        order.status, order.pickup_done_time, order.update_time = "SHIPPED", now, now
        return True

    def cancel(self, order: SimOrder, by: str, reason: str) -> None:
        """Cancelled before shipping: the stock goes back where it came from."""
        for line in order.lines:
            line.model.stock[line.location_id] = (
                line.model.stock.get(line.location_id, 0) + line.quantity
            )
        order.status, order.cancel_by, order.cancel_reason = "CANCELLED", by, reason
        order.restocked = True
        order.update_time = int(self.st.now())
