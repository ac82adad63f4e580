"""The seller chooses once for a ship batch; each order takes what it allows."""

from __future__ import annotations

from datetime import UTC, datetime

from app.core.domain import OrderStatus, PickupSlot, ShipMethod, ShippingOptions, ShipRequest
from app.core.services.shipping import ShipTarget
from app.core.sync.ship_job import OrderOptions, ShipChoice, batch_choices, resolve

P, D, S = ShipMethod.PICKUP, ShipMethod.DROPOFF, ShipMethod.SELF
NINE = datetime(2026, 12, 4, 2, tzinfo=UTC)
TEN = datetime(2026, 12, 5, 2, tzinfo=UTC)


def slot(at: datetime) -> PickupSlot:
    return PickupSlot(str(int(at.timestamp())), at)


def opts(pid: str, methods, slots=(), problem="") -> ShippingOptions:
    return ShippingOptions(pid, tuple(methods), tuple(slot(s) for s in slots), problem=problem)


def found(*options: ShippingOptions) -> list[OrderOptions]:
    return [
        OrderOptions(ShipTarget(n, 1, "A", o.platform_order_id, "", OrderStatus.TO_SHIP), o)
        for n, o in enumerate(options)
    ]


def test_the_batch_offers_what_the_orders_agree_on():
    choices = batch_choices(
        found(
            opts("a", [P, D], [NINE, TEN]),
            opts("b", [P, D], [TEN]),
            opts("c", [D]),  # only drop-off: nothing to choose for it
            opts("d", [S]),  # the seller's own courier: a tracking number to type
            opts("e", [], problem="the order was cancelled"),
        )
    )
    assert choices.methods == (P, D)
    assert [s.start for s in choices.slots] == [TEN]
    assert [o.options.platform_order_id for o in choices.need_tracking] == ["d"]
    assert [o.options.platform_order_id for o in choices.problems] == ["e"]
    assert choices.shippable == 4


def test_each_order_takes_the_choice_where_it_can():
    choice = ShipChoice(method=P, slot_start=TEN, tracking={"d": " KT-1 "})
    assert resolve(opts("a", [P, D], [NINE, TEN]), choice) == ShipRequest(
        "a", P, slot_id=slot(TEN).slot_id
    )
    assert resolve(opts("b", [P], [NINE]), choice) == ShipRequest("b", P)  # its earliest
    assert resolve(opts("c", [D]), choice) == ShipRequest("c", D)
    assert resolve(opts("d", [S]), choice) == ShipRequest("d", S, tracking_number="KT-1")
    assert (
        resolve(opts("x", [S]), choice) == "the carrier is not integrated: type the tracking number"
    )
    assert resolve(opts("y", [P, D]), ShipChoice(method=None)) == (
        "choose pickup or drop-off for this order"
    )
