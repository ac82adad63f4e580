"""Checks of every incoming quantity and amount against the sane range (one place).

The numbers are in :mod:`app.core.domain.bounds`; this module turns a value outside them
into a message that names the field and the range (docs/ARCHITECTURE.md, "Bounds"). The
seller's commands raise :class:`ValidationError`; a marketplace record outside the range
is not an error of the seller's, so :func:`order_problem` and :func:`listing_problem`
return the reason and the caller skips that record with a logged warning, storing the
rest of the page.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from decimal import Decimal

from app.core.domain import ChannelListing, ChannelOrder
from app.core.domain.bounds import MAX_AMOUNT, MAX_PRICE, MAX_QUANTITY, MAX_STOCK, quantity_ok
from app.core.services.errors import ValidationError
from app.core.text import Message, msg

log = logging.getLogger(__name__)


def _n(value: int | Decimal) -> str:
    return f"{value:,}"


def range_message(field: str, low: int | Decimal, high: int | Decimal) -> Message:
    """``counted must be a whole number from 0 to 10,000,000``."""
    return msg(
        "{field} must be a whole number from {low} to {high}",
        field=field,
        low=_n(low),
        high=_n(high),
    )


def check_quantity(value: object, field: str, *, low: int = 0, high: int = MAX_QUANTITY) -> int:
    """``value`` when it is a whole number in ``[low, high]``, else :class:`ValidationError`."""
    if not quantity_ok(value, low=low, high=high):
        raise ValidationError(range_message(field, low, high), field=field)
    return value  # type: ignore[return-value]


def amount_message(field: str, high: Decimal) -> Message:
    """``price must be at most Rp 1,000,000,000``."""
    return msg("{field} must be at most Rp {high}", field=field, high=_n(high))


def check_amount(value: Decimal, field: str, *, high: Decimal = MAX_PRICE) -> Decimal:
    """``value`` when its size is at most ``high``, else :class:`ValidationError`."""
    if not abs(value) <= high:
        raise ValidationError(amount_message(field, high), field=field)
    return value


def stock_message(high: int = MAX_STOCK) -> Message:
    """Why the ledger refused a change that would leave the bound."""
    return msg(
        "this change would take the stock beyond {high} units; check the quantity",
        high=_n(high),
    )


# --------------------------------------------------------------------------- platform records


def order_problem(co: ChannelOrder) -> str | None:
    """Why a marketplace order cannot be stored (a value out of range), or None."""
    if not co.platform_order_id:
        return msg("order without an id")
    for it in co.items:
        if not quantity_ok(it.quantity, low=1):
            return msg(
                "order {order}: line {line} has quantity {quantity}, outside 1 to {high}",
                order=co.platform_order_id,
                line=it.platform_item_id,
                quantity=it.quantity,
                high=_n(MAX_QUANTITY),
            )
        for name, value in (
            ("unit price", it.unit_price),
            ("discount", it.discount),
            ("line value", it.unit_price * it.quantity),
        ):
            if not abs(value) <= MAX_AMOUNT:
                return _order_amount(co, name, value)
    for name, value in (
        ("subtotal", co.subtotal),
        ("shipping fee", co.shipping_fee),
        ("seller discount", co.seller_discount),
        ("platform discount", co.platform_discount),
        ("total", co.total),
    ):
        if not abs(value) <= MAX_AMOUNT:
            return _order_amount(co, name, value)
    return None


def _order_amount(co: ChannelOrder, name: str, value: Decimal) -> str:
    return msg(
        "order {order}: {field} {value} is beyond Rp {high}",
        order=co.platform_order_id,
        field=name,
        value=value,
        high=_n(MAX_AMOUNT),
    )


def listing_problem(cl: ChannelListing) -> str | None:
    """Why a marketplace listing cannot be stored (stock or price out of range), or None."""
    where = f"{cl.platform_sku or cl.platform_product_id}/{cl.platform_variant_id}"
    if not quantity_ok(cl.stock):
        return msg(
            "listing {listing}: stock {stock} is outside 0 to {high}",
            listing=where,
            stock=cl.stock,
            high=_n(MAX_QUANTITY),
        )
    for wh in cl.warehouses:
        if not (quantity_ok(wh.available) and quantity_ok(wh.reserved)):
            return msg(
                "listing {listing}: warehouse {warehouse} stock is outside 0 to {high}",
                listing=where,
                warehouse=wh.warehouse_id,
                high=_n(MAX_QUANTITY),
            )
    if not (Decimal(0) <= cl.price <= MAX_PRICE):
        return msg(
            "listing {listing}: price {price} is outside 0 to Rp {high}",
            listing=where,
            price=cl.price,
            high=_n(MAX_PRICE),
        )
    return None


def sane_listings(
    batch: Sequence[ChannelListing],
) -> tuple[list[ChannelListing], list[str]]:
    """The listings in range, and why each other one was left out (logged as a warning)."""
    kept, reasons = [], []
    for cl in batch:
        problem = listing_problem(cl)
        if problem is None:
            kept.append(cl)
        else:
            reasons.append(problem)
            log.warning("listing not stored: %s", problem)
    return kept, reasons
