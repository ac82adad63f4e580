"""Put sandbox orders into the shipped state the way a seller would in Seller Centre (the
platform's own state), so label tests need not go through our ship action."""

from __future__ import annotations

import random

from pypdf import PdfReader


def shopee_ready_orders(sandbox, shop_id: str, n: int) -> list[str]:
    """``n`` Shopee orders of the shop waiting for shipment (buyers order until there are
    enough; an unpaid one is paid)."""
    sim = sandbox.sim("shopee")
    rng = random.Random(7)
    for _ in range(500):
        with sandbox.lock:
            orders = sorted(sim.state.shops[int(shop_id)].orders.values(),
                            key=lambda o: (o.create_time, o.order_sn))  # fmt: skip
            for o in orders:
                if o.status == "UNPAID":
                    sim.set_order_status(shop_id, o.order_sn, "READY_TO_SHIP")
            ready = [o.order_sn for o in orders if o.status == "READY_TO_SHIP"]
            if len(ready) >= n:
                return ready[:n]
            sim.place_random_order(rng)
    raise AssertionError("the sandbox placed no orders")


def ship_shopee(sandbox, shop_id: str, order_sn: str) -> tuple[str, str]:
    """Arrange shipment of a Shopee order; its (package number, tracking number)."""
    sim = sandbox.sim("shopee")
    with sandbox.lock:
        sim.set_order_status(shop_id, order_sn, "PROCESSED")
        order = sim.state.shops[int(shop_id)].orders[order_sn]
        return order.package_number, order.tracking_number


def tiktok_order(sandbox, shop_id: str, units: int = 1) -> str:
    """A new paid TikTok order of ``units`` units of one SKU, awaiting shipment."""
    sim = sandbox.sim("tiktok_shop")
    with sandbox.lock:
        shop = sim.state.shops[shop_id]
        sku = next(
            s for p in shop.products.values() for s in p.skus if sum(s.stock.values()) >= units
        )
    order_id = sim.place_order(shop_id, {sku.id: units})
    sim.set_order_status(shop_id, order_id, "AWAITING_SHIPMENT")
    return order_id


def ship_tiktok(sandbox, shop_id: str, order_id: str, packages: int = 1) -> list[tuple[str, str]]:
    """Arrange shipment of a TikTok order, split over ``packages`` packages (the order's
    units shared out in turn); each package's (id, tracking number), in order."""
    sim = sandbox.sim("tiktok_shop")
    sim.set_order_status(shop_id, order_id, "AWAITING_COLLECTION")
    with sandbox.lock:
        order = sim.state.shops[shop_id].orders[order_id]
        ids = [(order.package_id, order.tracking_number)]
        for _ in range(1, packages):
            ids.append((sim.state.new_id("1152"), f"JX{sim.state.digits('', 10)}"))
        for i, line in enumerate(order.lines):
            package_id, tracking = ids[min(i, packages - 1)]
            line.update(package_id=package_id, tracking_number=tracking)
        return ids


def pdf_pages(path) -> list[str]:
    """Each page's text."""
    return [p.extract_text() or "" for p in PdfReader(str(path)).pages]
