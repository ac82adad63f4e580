"""What every platform checks before it ships an order (docs/ARCHITECTURE.md,
"Fulfilment"): the order can ship, it allows the chosen method, and an order going with
the seller's own courier has a tracking number. A failed check is a result for that
order, never an exception."""

from __future__ import annotations

from app.core.domain import ShipMethod, ShipOutcome, ShippingOptions, ShipRequest, ShipResult
from app.core.text import msg


def refuse_before_shipping(request: ShipRequest, options: ShippingOptions) -> ShipResult | None:
    """The order's result when it cannot be shipped as asked; None when it can."""
    order_id, method = request.platform_order_id, request.method
    if not options.shippable:
        return ShipResult(order_id, ShipOutcome.FAILED, method=method, reason=options.problem)
    if method not in options.methods:
        allowed = ", ".join(m.value for m in options.methods)
        return ShipResult(
            order_id,
            ShipOutcome.NEEDS_INPUT,
            method=method,
            reason=msg("this order cannot be shipped by {method}; it allows {allowed}",
                       method=method.value, allowed=allowed),
        )  # fmt: skip
    if method is ShipMethod.SELF and not request.tracking_number.strip():
        return ShipResult(
            order_id,
            ShipOutcome.NEEDS_INPUT,
            method=method,
            reason=msg("the carrier is not integrated: type the tracking number"),
        )
    return None
