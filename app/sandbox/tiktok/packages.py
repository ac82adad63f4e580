"""The emulated TikTok Shop's packages: splits, handover slots, shipping (reference §5.5).

A paid order gets one package (``Order.package_id``); an order with two or more line
items may be split into two (option ``split_share``, decided from the order id so the
sandbox's random sequence stays as it was, or :meth:`TikTokSim.split_order`). Each line
names its package; each package has its own tracking number (``Order.package_tracking``,
the first one is also ``Order.tracking_number``). Shipping a package moves its lines to
PROCESSING; once every package is shipped the order is AWAITING_COLLECTION, before that
PARTIALLY_SHIPPING ("[uncertain, modelled]" in the reference). A seller-shipped order
(``shipping_type`` SELLER, option ``seller_shipping_share``) has no pickup or drop-off:
it ships with the seller's tracking number and carrier (``self_shipment``).
"""

from __future__ import annotations

import zlib
from typing import Any

from app.sandbox.tiktok.state import Order, TikTokState

PROVIDERS = [
    {"id": "6617675021119438849", "name": "J&T Express"},
    {"id": "6617675021119438850", "name": "SiCepat"},
    {"id": "6617675021119438851", "name": "Kurir Toko"},
]


def _share(order: Order, option: str, st: TikTokState, salt: str) -> bool:
    share = float(st.options.get(option, 0.0))
    return bool(share) and zlib.crc32((salt + order.id).encode()) % 1000 < share * 1000


def on_paid(st: TikTokState, order: Order) -> None:
    """When TikTok makes the packages of a paid order: maybe a split, maybe seller-shipped."""
    if _share(order, "seller_shipping_share", st, "seller"):
        order.shipping_type = "SELLER"
    if _share(order, "split_share", st, "split"):
        split(st, order)


def package_ids(order: Order) -> list[str]:
    """Every package of the order, first one first."""
    ids = [order.package_id] if order.package_id else []
    for line in order.lines:
        if line.get("package_id") and line["package_id"] not in ids:
            ids.append(line["package_id"])
    return ids


def lines_of(order: Order, package_id: str) -> list[dict[str, Any]]:
    """The line items in one package."""
    return [li for li in order.lines if (li.get("package_id") or order.package_id) == package_id]


def tracking_of(order: Order, package_id: str) -> str:
    """The package's tracking number (the order's, for its first package)."""
    return order.package_tracking.get(package_id) or (
        order.tracking_number if package_id == order.package_id else ""
    )


def split(st: TikTokState, order: Order) -> bool:
    """Put the second half of the order's SKUs (or units) into a second package."""
    if not order.package_id or len(order.lines) < 2 or len(package_ids(order)) > 1:
        return False
    if any(li["package_status"] != "TO_FULFILL" for li in order.lines):
        return False
    skus = list(dict.fromkeys(li["sku_id"] for li in order.lines))
    if len(skus) >= 2:
        moved = [li for li in order.lines if li["sku_id"] in skus[len(skus) // 2 :]]
    else:
        moved = order.lines[len(order.lines) // 2 :]
    second = st.new_id("1152")
    for line in moved:
        line["package_id"] = second
    order.package_tracking[second] = f"JX{st.digits('', 10)}"
    return True


def find(shop_orders: dict[str, Order], package_id: str) -> Order | None:
    """The order a package belongs to."""
    for order in shop_orders.values():
        if order.package_id == package_id or any(
            li.get("package_id") == package_id for li in order.lines
        ):
            return order
    return None


def shipped(order: Order, package_id: str) -> bool:
    """Whether the package has been handed over (none of its lines waits any more)."""
    return all(li["package_status"] != "TO_FULFILL" for li in lines_of(order, package_id))


def slots(st: TikTokState) -> list[dict[str, Any]]:
    """Three pickup windows of four hours, starting two hours from now on the hour."""
    start = (st.now() // 3600 + 2) * 3600
    return [
        {"start_time": start + d * 86400, "end_time": start + d * 86400 + 4 * 3600,
         "avaliable": True}  # (sic) the documented spelling
        for d in range(3)
    ]  # fmt: skip


def ship_problem(st: TikTokState, order: Order, package_id: str, body: dict[str, Any]) -> str:
    """Why Ship Package refuses: a message for 11001002, or "" when it may ship."""
    method = body.get("handover_method") or "PICKUP"
    if order.shipping_type == "SELLER":
        own = body.get("self_shipment") or {}
        if not str(own.get("tracking_number") or "").strip():
            return "invalid param: self_shipment.tracking_number is required for this package"
        if str(own.get("shipping_provider_id") or "") not in {p["id"] for p in PROVIDERS}:
            return "invalid param: self_shipment.shipping_provider_id"
        return ""
    if method not in ("PICKUP", "DROP_OFF"):
        return "invalid param: handover_method"
    slot = body.get("pickup_slot")
    if method == "PICKUP" and slot:
        offered = {(s["start_time"], s["end_time"]) for s in slots(st)}
        if (slot.get("start_time"), slot.get("end_time")) not in offered:
            return "invalid param: pickup_slot is not available"
    return ""


def ship(order: Order, package_id: str, now: int, body: dict[str, Any]) -> None:
    """Hand one package over: its lines move to PROCESSING with its tracking number."""
    own = body.get("self_shipment") or {}
    provider = next(
        (p for p in PROVIDERS if p["id"] == own.get("shipping_provider_id")), PROVIDERS[0]
    )
    if own.get("tracking_number"):
        order.package_tracking[package_id] = str(own["tracking_number"]).strip()
        if package_id == order.package_id:
            order.tracking_number = order.package_tracking[package_id]
    tracking = tracking_of(order, package_id)
    for line in lines_of(order, package_id):
        line.update(
            package_status="PROCESSING",
            display_status="AWAITING_COLLECTION",
            rts_time=now,
            tracking_number=tracking,
            shipping_provider_id=provider["id"],
            shipping_provider_name=provider["name"],
        )
