"""Shipping a TikTok Shop order: its packages, handover options, ship, tracking (§5.5).

A mixin of :class:`~app.core.platforms.tiktok.adapter.TikTokAdapter`. An order may be
split into several packages (``order.packages[]``, each line names its ``package_id``):
every package not yet shipped is shipped with the same method, and the options offered
for the order are the ones every such package accepts (docs/ARCHITECTURE.md,
"Fulfilment"). A refusal is a result with the platform's reason, never an exception.
``Ship Package`` is never repeated automatically (the client marks it unsafe).
"""

from __future__ import annotations

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
from app.core.text import msg

if TYPE_CHECKING:
    from app.core.platforms.tiktok.client import TikTokClient

SHIPPABLE = frozenset({"AWAITING_SHIPMENT", "PARTIALLY_SHIPPING"})
ALREADY_SHIPPED = "11006021"  # "Package has been shipped" (reference §4.3)
_HANDOVER = {ShipMethod.PICKUP: "PICKUP", ShipMethod.DROPOFF: "DROP_OFF"}
_FLAGS = ((ShipMethod.PICKUP, "can_pickup"), (ShipMethod.DROPOFF, "can_drop_off"))


class TikTokShipping:
    """``ready_to_ship``, ``shipping_options``, ``ship``, ``tracking_numbers``."""

    if TYPE_CHECKING:  # provided by TikTokAdapter
        client: TikTokClient

        async def _raw_order(self, order_id: str) -> dict[str, Any]: ...

    def ready_to_ship(self, platform_status: str) -> bool:
        """Whether some package of the order still waits for the seller to ship it."""
        return platform_status in SHIPPABLE

    async def shipping_options(self, platform_order_id: str) -> ShippingOptions:
        """Methods and pickup slots that every unshipped package of the order accepts."""
        options, _order = await self._ship_options(platform_order_id)
        return options

    async def _ship_options(self, order_id: str) -> tuple[ShippingOptions, dict[str, Any]]:
        order = await self._raw_order(order_id)
        status = str(order.get("status") or "")
        carrier = str(order.get("shipping_provider") or order.get("delivery_option_name") or "")
        if status not in SHIPPABLE:
            return ShippingOptions(
                order_id, carrier=carrier, problem=_status_problem(status)
            ), order
        packages = unshipped_packages(order)
        if not packages:
            return ShippingOptions(
                order_id, carrier=carrier, problem=msg("TikTok has not made a package yet")
            ), order
        if str(order.get("shipping_type") or "TIKTOK") == "SELLER":
            # the seller's own carrier: no handover choices, a tracking number instead
            return ShippingOptions(
                order_id, (ShipMethod.SELF,), packages=tuple(packages), carrier=carrier
            ), order
        methods: set[ShipMethod] | None = None
        slots: dict[str, PickupSlot] | None = None
        for package_id in packages:
            try:
                handover = await self.client.get_handover_time_slots(package_id)
            except BadRequestError as exc:
                return ShippingOptions(order_id, carrier=carrier, problem=refusal(exc)), order
            mine = {m for m, flag in _FLAGS if handover.get(flag)}
            methods = mine if methods is None else methods & mine
            found = {s.slot_id: s for s in _slots(handover)}
            slots = found if slots is None else {k: v for k, v in slots.items() if k in found}
        chosen = tuple(m for m in ShipMethod if m in (methods or set()))
        return (
            ShippingOptions(
                order_id,
                methods=chosen,
                pickup_slots=tuple(sorted((slots or {}).values(), key=lambda s: s.start)),
                packages=tuple(packages),
                carrier=carrier,
                problem="" if chosen else msg("TikTok offers no way to ship this order now"),
            ),
            order,
        )

    async def ship(self, request: ShipRequest) -> ShipResult:
        """Ship every unshipped package of the order, then read their tracking numbers."""
        order_id, method = request.platform_order_id, request.method
        options, order = await self._ship_options(order_id)
        refused = refuse_before_shipping(request, options)
        if refused is not None:
            return refused
        kw: dict[str, Any] = {}
        if method is ShipMethod.SELF:
            provider = await self._provider_id(order)
            kw["self_shipment"] = {
                "tracking_number": request.tracking_number.strip(),
                "shipping_provider_id": provider,
            }
        elif method is ShipMethod.PICKUP and options.pickup_slots:
            by_id = {s.slot_id: s for s in options.pickup_slots}
            slot = by_id.get(request.slot_id or options.pickup_slots[0].slot_id)
            if slot is None:
                return ShipResult(
                    order_id,
                    ShipOutcome.NEEDS_INPUT,
                    method=method,
                    reason=msg("the pickup time slot is no longer offered: choose another one"),
                )
            kw["pickup_slot"] = {
                "start_time": int(slot.start.timestamp()),
                "end_time": int((slot.end or slot.start).timestamp()),
            }
        handover = _HANDOVER.get(method, "DROP_OFF")
        shipped: list[ShippedPackage] = []
        for package_id in options.packages:
            try:
                await self.client.ship_package(package_id, handover, **kw)
            except (BadRequestError, NoAnswerError) as exc:
                reason = refusal(exc)
                if shipped:
                    reason = msg(
                        "{shipped} of {total} packages shipped; then: {reason}",
                        shipped=len(shipped),
                        total=len(options.packages),
                        reason=reason,
                    )
                return ShipResult(
                    order_id, ShipOutcome.FAILED, tuple(shipped), method, reason, exc.code or ""
                )
            shipped.append(ShippedPackage(package_id))
        tracked = await self.tracking_numbers(order_id)
        return ShipResult(order_id, ShipOutcome.DONE, tracked or tuple(shipped), method)

    async def tracking_numbers(self, platform_order_id: str) -> tuple[ShippedPackage, ...]:
        """Every package of the order with its tracking number (package detail)."""
        order = await self._raw_order(platform_order_id)
        out = []
        for package_id in package_ids(order):
            detail = await self.client.get_package(package_id)
            out.append(ShippedPackage(package_id, str(detail.get("tracking_number") or "")))
        return tuple(out)

    async def _provider_id(self, order: dict[str, Any]) -> str:
        """The shipping provider of a seller-shipped order: the one the order names, else
        the first its delivery option lists."""
        if order.get("shipping_provider_id"):
            return str(order["shipping_provider_id"])
        option = str(order.get("delivery_option_id") or "")
        providers = await self.client.get_shipping_providers(option) if option else []
        return str(providers[0].get("id") or "") if providers else ""


def package_ids(order: dict[str, Any]) -> list[str]:
    """The order's package ids, in the order TikTok lists them."""
    ids = [str(p.get("id")) for p in order.get("packages") or [] if p.get("id")]
    for line in order.get("line_items") or []:
        pid = str(line.get("package_id") or "")
        if pid and pid not in ids:
            ids.append(pid)
    return ids


def unshipped_packages(order: dict[str, Any]) -> list[str]:
    """Packages with a line still ``TO_FULFILL`` (every line once shipped moves on)."""
    waiting = {
        str(li.get("package_id"))
        for li in order.get("line_items") or []
        if li.get("package_status", "TO_FULFILL") == "TO_FULFILL" and li.get("package_id")
    }
    return [p for p in package_ids(order) if p in waiting]


def refusal(exc: PlatformError) -> str:
    """A TikTok fulfillment error as a reason a seller understands (reference §4.3)."""
    if isinstance(exc, NoAnswerError):
        return msg("TikTok Shop did not answer; check the order in Seller Center before "
                   "shipping it again")  # fmt: skip
    if exc.code == ALREADY_SHIPPED:
        return msg("already shipped")
    if exc.code == "10007014":
        return msg("the package is frozen on TikTok Shop; try again later")
    if exc.code == "21008111":
        return msg("this order does not belong to the store")
    return msg("TikTok Shop refused: {reason}", reason=exc.message)


def _status_problem(status: str) -> str:
    if status in ("CANCELLED", "CANCEL"):
        return msg("the order was cancelled")
    if status == "UNPAID":
        return msg("the buyer has not paid yet")
    if status == "ON_HOLD":
        return msg("on hold: the buyer may still cancel; ship it after the hold")
    if status in ("AWAITING_COLLECTION", "IN_TRANSIT", "DELIVERED", "COMPLETED"):
        return msg("already shipped")
    return msg("not ready to ship (TikTok status {status})", status=status or "?")


def _slots(handover: dict[str, Any]) -> list[PickupSlot]:
    out = []
    for s in handover.get("pickup_slots") or []:
        # the documented spelling is "avaliable" (sic); accept the corrected one too
        if s.get("avaliable", s.get("available", True)) is False:
            continue
        start, end = s.get("start_time"), s.get("end_time")
        if isinstance(start, int | float):
            out.append(
                PickupSlot(
                    str(int(start)),
                    datetime.fromtimestamp(start, UTC),
                    datetime.fromtimestamp(end, UTC) if isinstance(end, int | float) else None,
                )
            )
    return out
