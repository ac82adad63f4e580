"""The seller's stock commands: adjust, receive, transfer, stocktake, reorder settings.

Each command checks its input and the variant and location, then books its change
through :mod:`app.core.services.ledger` (the only writer of stock and the ledger) and
records it in the audit log, in one unit of work. Reads live in
:mod:`app.core.services.stock_levels`, locations in :mod:`app.core.services.locations`.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.db.models import InventoryItem, Location, Variant
from app.core.domain import TxnType
from app.core.domain.bounds import MAX_QUANTITY
from app.core.services import audit, bundle_rules, order_items
from app.core.services.bounds import check_quantity
from app.core.services.catalog import parse_money
from app.core.services.context import ServiceContext
from app.core.services.errors import NotFoundError, ValidationError
from app.core.services.ledger import RefType, apply_change, ensure_item
from app.core.services.permissions import Permission, require
from app.core.settings import ALLOW_NEGATIVE_STOCK, setting_in
from app.core.text import msg


def _negative_allowed(session: Session, ctx: ServiceContext) -> bool:
    return setting_in(session, ctx.workspace_id, ALLOW_NEGATIVE_STOCK)


def _check_variant_location(
    session: Session, ctx: ServiceContext, variant_id: int, location_id: int
) -> None:
    if (
        session.scalar(select(Variant.workspace_id).where(Variant.id == variant_id))
        != ctx.workspace_id
    ):
        raise NotFoundError(msg("variant {variant_id} does not exist", variant_id=variant_id))
    loc = session.get(Location, location_id)
    if loc is None or loc.workspace_id != ctx.workspace_id:
        raise NotFoundError(msg("location {location_id} does not exist", location_id=location_id))
    if not loc.active:
        raise ValidationError(msg("location {name} is inactive", name=loc.name), field="location")
    bundle_rules.refuse_direct(session, [variant_id])  # a bundle has no stock of its own


def _qty(value: int, field: str, *, allow_zero: bool = False, allow_negative: bool = False) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise ValidationError(msg("quantity must be a whole number"), field=field)
    if value == 0 and not allow_zero:
        raise ValidationError(msg("quantity cannot be zero"), field=field)
    if value < 0 and not allow_negative:
        raise ValidationError(msg("quantity must be positive"), field=field)
    # one bound for every entry point (docs/ARCHITECTURE.md, "Bounds")
    return check_quantity(value, field, low=-MAX_QUANTITY if allow_negative else 0)


# --------------------------------------------------------------------------- manual changes


def adjust(
    ctx: ServiceContext,
    variant_id: int,
    location_id: int,
    delta: int,
    reason: str,
) -> None:
    """Add or remove stock by hand; a reason is required."""
    require(ctx, Permission.ADJUST_STOCK)
    _qty(delta, "delta", allow_negative=True)
    if not reason.strip():
        raise ValidationError(msg("say why the stock changes"), field="reason")
    with ctx.write() as s:
        _check_variant_location(s, ctx, variant_id, location_id)
        apply_change(
            s,
            variant_id=variant_id,
            location_id=location_id,
            txn_type=TxnType.ADJUSTMENT,
            d_on_hand=delta,
            actor=ctx.actor,
            note=reason.strip(),
            allow_negative=_negative_allowed(s, ctx),
        )
        audit.record(
            s,
            ctx,
            "stock",
            f"{variant_id}@{location_id}",
            "adjust",
            None,
            {"delta": delta},
            note=reason.strip(),
        )


def receive(
    ctx: ServiceContext,
    variant_id: int,
    location_id: int,
    quantity: int,
    note: str = "",
    unit_cost=None,
) -> None:
    """Goods arrived from a supplier (a purchase)."""
    require(ctx, Permission.ADJUST_STOCK)
    _qty(quantity, "quantity")
    if unit_cost is not None:
        require(ctx, Permission.EDIT_COSTS)  # staff receive goods, but set no costs
        unit_cost = parse_money(unit_cost, "unit_cost")
    with ctx.write() as s:
        _check_variant_location(s, ctx, variant_id, location_id)
        apply_change(
            s,
            variant_id=variant_id,
            location_id=location_id,
            txn_type=TxnType.PURCHASE,
            d_on_hand=quantity,
            actor=ctx.actor,
            reference_type=RefType.PURCHASE,
            note=note.strip(),
        )
        if unit_cost is not None:
            v = s.get(Variant, variant_id)
            assert v is not None
            audit.record(
                s,
                ctx,
                "variant",
                variant_id,
                "update",
                {"cost": v.cost},
                {"cost": unit_cost},
                note="received",
            )
            if not v.cost:  # its first cost: past sales without one take it
                order_items.cost_uncosted_sales(s, {variant_id: unit_cost})
            v.cost = unit_cost
        audit.record(
            s,
            ctx,
            "stock",
            f"{variant_id}@{location_id}",
            "receive",
            None,
            {"quantity": quantity},
            note=note.strip(),
        )


def transfer(
    ctx: ServiceContext,
    variant_id: int,
    from_location: int,
    to_location: int,
    quantity: int,
    note: str = "",
) -> None:
    """Move stock between locations: both legs or neither."""
    require(ctx, Permission.ADJUST_STOCK)
    _qty(quantity, "quantity")
    if from_location == to_location:
        raise ValidationError(msg("choose two different locations"), field="to_location")
    with ctx.write() as s:
        _check_variant_location(s, ctx, variant_id, from_location)
        _check_variant_location(s, ctx, variant_id, to_location)
        ref = f"{variant_id}:{from_location}->{to_location}"
        apply_change(
            s,
            variant_id=variant_id,
            location_id=from_location,
            txn_type=TxnType.TRANSFER,
            d_on_hand=-quantity,
            actor=ctx.actor,
            reference_type=RefType.TRANSFER,
            reference_id=ref,
            note=note,
            allow_negative=_negative_allowed(s, ctx),
        )
        apply_change(
            s,
            variant_id=variant_id,
            location_id=to_location,
            txn_type=TxnType.TRANSFER,
            d_on_hand=quantity,
            actor=ctx.actor,
            reference_type=RefType.TRANSFER,
            reference_id=ref,
            note=note,
        )
        audit.record(
            s,
            ctx,
            "stock",
            variant_id,
            "transfer",
            None,
            {"from": from_location, "to": to_location, "quantity": quantity},
        )


def stocktake(
    ctx: ServiceContext, variant_id: int, location_id: int, counted: int, note: str = ""
) -> int:
    """Set on-hand to the counted quantity; returns the difference booked."""
    require(ctx, Permission.ADJUST_STOCK)
    _qty(counted, "counted", allow_zero=True)
    with ctx.write() as s:
        _check_variant_location(s, ctx, variant_id, location_id)
        return _stocktake_in(
            s, ctx, variant_id, location_id, counted, note, TxnType.STOCKTAKE, RefType.STOCKTAKE
        )


def _stocktake_in(
    s: Session,
    ctx: ServiceContext,
    variant_id: int,
    location_id: int,
    counted: int,
    note: str,
    txn_type: TxnType,
    reference_type: RefType,
) -> int:
    item_id = ensure_item(s, variant_id, location_id)
    current = s.scalar(select(InventoryItem.on_hand).where(InventoryItem.id == item_id)) or 0
    diff = counted - int(current)
    if diff:
        # counted is a fact, so a count may take stock from negative back up or down to 0
        apply_change(
            s,
            variant_id=variant_id,
            location_id=location_id,
            txn_type=txn_type,
            d_on_hand=diff,
            actor=ctx.actor,
            reference_type=reference_type,
            note=note,
            allow_negative=True,
        )
        audit.record(
            s,
            ctx,
            "stock",
            f"{variant_id}@{location_id}",
            reference_type.value,
            {"on_hand": int(current)},
            {"on_hand": counted},
            note=note,
        )
    return diff


def set_reorder(
    ctx: ServiceContext, variant_id: int, location_id: int, point: int, quantity: int
) -> None:
    """Set when an item counts as low (``point``) and how much to reorder."""
    require(ctx, Permission.ADJUST_STOCK)
    _qty(point, "reorder_point", allow_zero=True)
    _qty(quantity, "reorder_qty", allow_zero=True)
    with ctx.write() as s:
        _check_variant_location(s, ctx, variant_id, location_id)
        item_id = ensure_item(s, variant_id, location_id)
        item = s.get(InventoryItem, item_id)
        assert item is not None
        audit.record(
            s,
            ctx,
            "stock",
            f"{variant_id}@{location_id}",
            "reorder",
            {"point": item.reorder_point, "qty": item.reorder_qty},
            {"point": point, "qty": quantity},
        )
        item.reorder_point, item.reorder_qty = point, quantity
