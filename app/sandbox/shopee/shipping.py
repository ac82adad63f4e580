"""The emulated Shopee's shipping rules: which methods an order's carrier allows, the
pickup address and its time slots, and the checks ship_order makes (reference §5.14-5.15).

- integrated carriers offer pickup (an address with three daily slots, 09:00 WIB) and/or
  drop-off, per :data:`CARRIER_METHODS` (option ``carrier_methods``);
- a non-integrated carrier (the seller's own courier, ``NON_INTEGRATED``) needs the
  seller's tracking number; such a parcel is handed over at once (LOGISTICS_PICKUP_DONE,
  so the order is SHIPPED);
- an order gets the non-integrated carrier when the ``non_integrated_share`` option says
  so (decided from its order_sn, so the sandbox's random sequence stays as it was) or
  through :meth:`ShopeeSim.set_carrier`.
"""

from __future__ import annotations

import zlib
from datetime import datetime, timedelta
from typing import Any

from app.sandbox.catalog import CITIES
from app.sandbox.shopee.state import WIB, ShopeeState, SimOrder

NON_INTEGRATED = "Kurir Toko (non-integrated)"
PICKUP_ADDRESS_ID = 2826
#: methods per carrier; a carrier not listed offers both
CARRIER_METHODS: dict[str, tuple[str, ...]] = {
    "SPX Express": ("pickup", "dropoff"),
    "J&T Express": ("pickup", "dropoff"),
    "JNE Reguler": ("dropoff",),
    "SiCepat REG": ("pickup", "dropoff"),
}
ARRANGED = ("PROCESSED", "SHIPPED", "TO_CONFIRM_RECEIVE", "COMPLETED", "TO_RETURN")


def initial_carrier(st: ShopeeState, order: SimOrder) -> str:
    """A new order's carrier: some go with the seller's own courier (option)."""
    share = float(st.options.get("non_integrated_share", 0.0))
    if share and zlib.crc32(order.order_sn.encode()) % 1000 < share * 1000:
        return NON_INTEGRATED
    return order.carrier


def methods_of(st: ShopeeState, order: SimOrder) -> tuple[str, ...]:
    """The ship methods the order's carrier allows."""
    carrier = order.carrier
    if carrier == NON_INTEGRATED:
        return ("non_integrated",)
    table = st.options.get("carrier_methods") or CARRIER_METHODS
    return tuple(table.get(carrier, ("pickup", "dropoff")))


def pickup_slots(st: ShopeeState) -> list[int]:
    """The next three days at 09:00 WIB, as epoch seconds."""
    day0 = datetime.fromtimestamp(st.now(), WIB).replace(hour=9, minute=0, second=0, microsecond=0)
    return [int((day0 + timedelta(days=d)).timestamp()) for d in (1, 2, 3)]


def shipping_parameter(st: ShopeeState, order: SimOrder) -> dict[str, Any]:
    """get_shipping_parameter's ``response`` for a shippable order."""
    methods = methods_of(st, order)
    out: dict[str, Any] = {"info_needed": {}}
    if "non_integrated" in methods:
        out["info_needed"]["non_integrated"] = ["tracking_number"]
    if "dropoff" in methods:
        out["info_needed"]["dropoff"] = []
        out["dropoff"] = {"branch_list": None}
    if "pickup" in methods:
        out["info_needed"]["pickup"] = ["address_id", "pickup_time_id"]
        city, state = CITIES[0]
        slots = pickup_slots(st)
        out["pickup"] = {"address_list": [{
            "address_id": PICKUP_ADDRESS_ID, "region": "ID", "state": state, "city": city,
            "district": "", "town": "", "address": "Jl. Melati No. 12", "zipcode": "12950",
            "address_flag": ["default_address", "pickup_address", "return_address"],
            "time_slot_list": [
                {"date": s, "pickup_time_id": str(s), **({"flags": ["recommended"]} if i else {})}
                for i, s in enumerate(slots)
            ],
        }]}  # fmt: skip
    return out


def ship_problem(st: ShopeeState, order: SimOrder, method: str, detail: Any) -> tuple[str, str]:
    """Why ship_order refuses this method and detail: ``(code, message)``, or ``("", "")``."""
    if order.status in ARRANGED:
        return "logistics.package_already_shipped", "The package has been shipped."
    if order.status not in ("READY_TO_SHIP", "RETRY_SHIP"):
        return "logistics.ship_order_not_ready_to_ship", "The order is not ready to ship."
    detail = detail if isinstance(detail, dict) else {}
    if method not in methods_of(st, order):
        return (
            "logistics.error_param",
            f"The logistics channel of this order does not support {method}.",
        )
    if method == "pickup":
        if not detail.get("address_id") or not detail.get("pickup_time_id"):
            return (
                "logistics.ship_order_need_address_pickup_time",
                "Please input address_id and pickup_time_id.",
            )
        if int(detail["address_id"]) != PICKUP_ADDRESS_ID:
            return "logistics.error_param", "The address_id is invalid."
        if str(detail["pickup_time_id"]) not in {str(s) for s in pickup_slots(st)}:
            return "logistics.ship_order_pickup_time_invalid", "The pickup time is invalid."
    if method == "non_integrated" and not str(detail.get("tracking_number") or "").strip():
        return "logistics.error_param", "tracking_number is required for non_integrated."
    return "", ""
