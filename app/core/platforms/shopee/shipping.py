"""Shipping a Shopee order: parameters, ship_order, tracking numbers (reference §5.14-5.16).

A mixin of :class:`~app.core.platforms.shopee.adapter.ShopeeAdapter` that turns
``logistics/get_shipping_parameter`` into :class:`ShippingOptions`, arranges the shipment
with exactly one method, and maps Shopee's refusals to a reason a seller can act on
(docs/ARCHITECTURE.md, "Fulfilment"). A refusal of one order is a result, never an
exception: the batch goes on. ship_order is never repeated automatically (the client
marks it unsafe): an order whose call got no answer is reported failed with that reason.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from app.core.domain import (
    PickupSlot,
    ShipMethod,
    ShipOutcome,
    ShippedPackage,
    ShippingOptions,
    ShipRequest,
    ShipResult,
)
from app.core.platforms.base import BadRequestError, NoAnswerError, PlatformError
from app.core.platforms.ship_checks import refuse_before_shipping
from app.core.platforms.shopee.errors import short_code
from app.core.text import msg

if TYPE_CHECKING:
    from app.core.platforms.shopee.client import ShopeeClient
    from app.core.platforms.shopee.records import ShopAuth

# get_shipping_parameter and ship_order work only in these statuses (reference §5.14)
SHIPPABLE = frozenset({"READY_TO_SHIP", "RETRY_SHIP"})
_METHODS = {
    "pickup": ShipMethod.PICKUP,
    "dropoff": ShipMethod.DROPOFF,
    "non_integrated": ShipMethod.SELF,
}
# dropoff fields we can fill ourselves; a channel that needs more (sender_real_name, a
# tracking_no, TW's slug) is not offered for a batch
_DROPOFF_FILLABLE = frozenset({"branch_id"})


class ShopeeShipping:
    """``ready_to_ship``, ``shipping_options``, ``ship``, ``tracking_numbers``."""

    if TYPE_CHECKING:  # provided by ShopeeAdapter
        client: ShopeeClient

        def _auth(self) -> ShopAuth: ...

        async def _detail(self, order_sn: str, fields: Sequence[str]) -> dict[str, Any]: ...

    def ready_to_ship(self, platform_status: str) -> bool:
        """Whether the seller still has to arrange this order's shipment."""
        return platform_status in SHIPPABLE

    async def shipping_options(self, platform_order_id: str) -> ShippingOptions:
        """What each method needs, from the parameters of every package of the order."""
        options, _params = await self._ship_options(platform_order_id)
        return options

    async def _ship_options(self, sn: str) -> tuple[ShippingOptions, dict[str, dict[str, Any]]]:
        """The options and the raw parameters per package number ("" for a plain order)."""
        detail = await self._detail(sn, ("package_list", "shipping_carrier"))
        status = str(detail.get("order_status") or "")
        numbers = [str(p.get("package_number") or "") for p in detail.get("package_list") or []]
        carrier = str(detail.get("shipping_carrier") or "")
        if status not in SHIPPABLE:
            return ShippingOptions(sn, carrier=carrier, problem=_status_problem(status)), {}
        # only a split order needs package_number; never send an empty one (§5.14)
        packages = numbers if len(numbers) > 1 else [""]
        params: dict[str, dict[str, Any]] = {}
        for number in packages:
            try:
                params[number] = await self.client.get_shipping_parameter(
                    self._auth(), sn, number or None
                )
            except BadRequestError as exc:
                return ShippingOptions(sn, carrier=carrier, problem=refusal(exc)), {}
        methods: set[ShipMethod] | None = None
        slots: dict[str, PickupSlot] | None = None
        address = ""
        for p in params.values():
            mine = _methods(p)
            methods = mine if methods is None else methods & mine
            if ShipMethod.PICKUP in mine:
                addr = _pickup_address(p)
                address = address or _address_text(addr)
                found = {s.slot_id: s for s in _slots(addr)}
                slots = found if slots is None else {k: v for k, v in slots.items() if k in found}
        chosen = tuple(m for m in ShipMethod if m in (methods or set()))
        return (
            ShippingOptions(
                sn,
                methods=chosen,
                pickup_slots=tuple(sorted((slots or {}).values(), key=lambda s: s.start)),
                packages=tuple(n for n in numbers if n),
                pickup_address=address,
                carrier=carrier,
                problem="" if chosen else msg("Shopee offers no way to ship this order now"),
            ),
            params,
        )

    async def ship(self, request: ShipRequest) -> ShipResult:
        """Arrange the shipment of every package of the order with one method, then read
        the tracking numbers (they may still be empty: the carrier assigns them later)."""
        sn, method = request.platform_order_id, request.method
        options, params = await self._ship_options(sn)
        refused = refuse_before_shipping(request, options)
        if refused is not None:
            return refused
        shipped: list[ShippedPackage] = []
        for number, p in params.items():
            body = _ship_body(method, p, request)
            if body is None:
                return ShipResult(
                    sn,
                    ShipOutcome.NEEDS_INPUT,
                    tuple(shipped),
                    method,
                    msg("the pickup time slot is no longer offered: choose another one"),
                )
            try:
                await self.client.ship_order(
                    self._auth(), sn, package_number=number or None, **{_KEY[method]: body}
                )
            except (BadRequestError, NoAnswerError) as exc:
                reason = await self._refusal(sn, exc)
                return ShipResult(
                    sn, ShipOutcome.FAILED, tuple(shipped), method, reason, exc.code or ""
                )
            shipped.append(ShippedPackage(number or _first(options.packages)))
        tracked = await self.tracking_numbers(sn)
        return ShipResult(sn, ShipOutcome.DONE, tracked or tuple(shipped), method)

    async def tracking_numbers(self, platform_order_id: str) -> tuple[ShippedPackage, ...]:
        """Each package's tracking number ("" while the carrier has not assigned it)."""
        detail = await self._detail(platform_order_id, ("package_list",))
        numbers = [str(p.get("package_number") or "") for p in detail.get("package_list") or []]
        out = []
        for number in numbers or [""]:
            found = await self.client.get_tracking_number(
                self._auth(), platform_order_id, number if len(numbers) > 1 else None
            )
            out.append(ShippedPackage(number, str(found.get("tracking_number") or "")))
        return tuple(out)

    async def _refusal(self, sn: str, exc: PlatformError) -> str:
        """The reason for a refused ship_order; "not ready" is told with today's status."""
        if isinstance(exc, NoAnswerError):
            return msg("Shopee did not answer; check the order in Seller Centre before "
                       "shipping it again")  # fmt: skip
        if short_code(exc.code or "") == "ship_order_not_ready_to_ship":
            try:
                status = str((await self._detail(sn, ())).get("order_status") or "")
            except PlatformError:
                status = ""
            if status:
                return _status_problem(status)
        return refusal(exc)


_KEY = {
    ShipMethod.PICKUP: "pickup",
    ShipMethod.DROPOFF: "dropoff",
    ShipMethod.SELF: "non_integrated",
}


def refusal(exc: PlatformError) -> str:
    """A Shopee logistics error as a reason a seller understands (reference §5.14-5.15)."""
    code = short_code(exc.code or "")
    if code == "package_already_shipped":
        return msg("already shipped")
    if code == "ship_order_pickup_time_invalid":
        return msg("the pickup time slot is no longer offered: choose another one")
    if code == "error_status" and "cancel" in exc.message.lower():
        return msg("the order was cancelled")
    if code == "ship_order_not_ready_to_ship":
        return msg("not ready to ship (shipped or cancelled meanwhile)")
    return msg("Shopee refused: {reason}", reason=exc.message)


def _status_problem(status: str) -> str:
    if status == "CANCELLED" or status == "IN_CANCEL":
        return msg("the order was cancelled")
    if status == "UNPAID":
        return msg("the buyer has not paid yet")
    if status in ("PROCESSED", "SHIPPED", "TO_CONFIRM_RECEIVE", "COMPLETED", "TO_RETURN"):
        return msg("already shipped")
    return msg("not ready to ship (Shopee status {status})", status=status or "?")


def _methods(params: dict[str, Any]) -> set[ShipMethod]:
    needed = params.get("info_needed") or {}
    out = set()
    for key, method in _METHODS.items():
        if key not in needed:
            continue
        if key == "dropoff" and not set(needed.get("dropoff") or ()) <= _DROPOFF_FILLABLE:
            continue
        if key == "pickup" and not _pickup_address(params):
            continue
        out.add(method)
    return out


def _pickup_address(params: dict[str, Any]) -> dict[str, Any]:
    """The address flagged for pickup, else the default one, else the first."""
    addresses = [a for a in (params.get("pickup") or {}).get("address_list") or [] if a]
    for flag in ("pickup_address", "default_address"):
        for a in addresses:
            if flag in (a.get("address_flag") or ()):
                return a
    return addresses[0] if addresses else {}


def _address_text(address: dict[str, Any]) -> str:
    parts = [address.get(k) for k in ("address", "district", "city", "state", "zipcode")]
    return ", ".join(str(p) for p in parts if p)


def _slots(address: dict[str, Any]) -> list[PickupSlot]:
    out = []
    for s in address.get("time_slot_list") or []:
        slot_id = str(s.get("pickup_time_id") or "")
        if slot_id and isinstance(s.get("date"), int | float):
            out.append(PickupSlot(slot_id, datetime.fromtimestamp(s["date"], UTC)))
    return out


def _ship_body(
    method: ShipMethod, params: dict[str, Any], request: ShipRequest
) -> dict[str, Any] | None:
    """ship_order's method object; None when the requested slot is not offered."""
    if method is ShipMethod.SELF:
        return {"tracking_number": request.tracking_number.strip()}
    if method is ShipMethod.DROPOFF:
        needed = set((params.get("info_needed") or {}).get("dropoff") or ())
        branches = ((params.get("dropoff") or {}).get("branch_list")) or []
        if "branch_id" in needed and branches:
            return {"branch_id": int(branches[0]["branch_id"])}
        return {}  # "send {} when info_needed.dropoff is empty" (§5.15)
    address = _pickup_address(params)
    slots = _slots(address)
    if not slots:
        return {"address_id": int(address["address_id"]), "pickup_time_id": ""}
    wanted = request.slot_id or slots[0].slot_id
    if wanted not in {s.slot_id for s in slots}:
        return None
    return {"address_id": int(address["address_id"]), "pickup_time_id": wanted}


def _first(values: Sequence[str]) -> str:
    return values[0] if values else ""
