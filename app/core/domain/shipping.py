"""Normalized records for shipping an order: the choices a platform offers, the seller's
choice, and what came of it (docs/ARCHITECTURE.md, "Fulfilment").

Every adapter turns its platform's shipping parameters into :class:`ShippingOptions`,
takes a :class:`ShipRequest` and answers with a :class:`ShipResult`; the engine's ship job
and the GUI never see platform JSON. Times are timezone-aware UTC.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime

__all__ = [
    "PickupSlot",
    "ShipMethod",
    "ShipOutcome",
    "ShipRequest",
    "ShipResult",
    "ShippedPackage",
    "ShippingOptions",
]


class ShipMethod(enum.StrEnum):
    """How the parcel reaches the carrier.

    ``PICKUP``: the carrier collects it at the seller's address in a time slot;
    ``DROPOFF``: the seller takes it to a branch; ``SELF``: the seller's own
    (non-integrated) carrier, with a tracking number the seller types in.
    """

    PICKUP = "pickup"
    DROPOFF = "dropoff"
    SELF = "self"


class ShipOutcome(enum.StrEnum):
    """What became of one order in a ship batch."""

    DONE = "done"
    FAILED = "failed"  # the platform refused; ``ShipResult.reason`` says why
    NEEDS_INPUT = "needs_input"  # the seller must choose or type something first


@dataclass(frozen=True)
class PickupSlot:
    """A time the carrier can collect. ``slot_id`` is what the platform wants back
    (Shopee's pickup_time_id; for TikTok the start time in epoch seconds)."""

    slot_id: str
    start: datetime
    end: datetime | None = None


@dataclass(frozen=True)
class ShippingOptions:
    """What the platform lets the seller do to ship one order (all its packages).

    ``methods`` lists the allowed methods; ``pickup_slots`` are the slots every package of
    the order accepts, earliest first; ``problem`` is set (and ``methods`` empty) when the
    order cannot be shipped now, with the platform's reason.
    """

    platform_order_id: str
    methods: tuple[ShipMethod, ...] = ()
    pickup_slots: tuple[PickupSlot, ...] = ()
    packages: tuple[str, ...] = ()  # platform package ids / package numbers
    pickup_address: str = ""  # where the carrier collects (read-only for the seller)
    carrier: str = ""
    problem: str = ""

    @property
    def shippable(self) -> bool:
        """Whether any method is open."""
        return bool(self.methods) and not self.problem


@dataclass(frozen=True)
class ShipRequest:
    """Ship one order with one method. ``slot_id`` for a pickup (empty: the earliest),
    ``tracking_number`` for the seller's own carrier."""

    platform_order_id: str
    method: ShipMethod
    slot_id: str = ""
    tracking_number: str = ""


@dataclass(frozen=True)
class ShippedPackage:
    """One parcel of a shipped order. ``tracking_number`` may be "" for a while: the
    carrier assigns it after the shipment is arranged."""

    package_id: str
    tracking_number: str = ""


@dataclass(frozen=True)
class ShipResult:
    """The outcome of shipping one order; ``reason`` is readable by a seller."""

    platform_order_id: str
    outcome: ShipOutcome
    packages: tuple[ShippedPackage, ...] = ()
    method: ShipMethod | None = None
    reason: str = ""
    code: str = ""  # the platform's error code, when it refused

    @property
    def ok(self) -> bool:
        """Whether the order was shipped."""
        return self.outcome is ShipOutcome.DONE
