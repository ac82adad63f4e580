"""Cancellations and returns: which order a seller may cancel, the returns fetched from the
platforms, and the seller's decision per returned line (docs/ARCHITECTURE.md, "Fulfilment").

A cancellation moves stock only through the order's status: the cancel job stores the
cancelled order the platform gives back with :func:`app.core.services.order_sync.store_page`,
and the state machine (``order_items.py``) releases what it held, exactly once.

A return is stored per store and platform return id (:func:`store_returns`, idempotent:
an older answer changes nothing). Once its goods are received the seller decides each
line once (:func:`restock`): units restocked into a location, the rest written off. The
decision is kept on the return line, the stock effect goes through
:func:`app.core.services.order_items.dispose_return`, so a repeated sync or a second click
cannot book it twice.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from app.core.db.models import (
    Location,
    Order,
    OrderItem,
    OrderReturn,
    OrderReturnLine,
    Store,
    SyncCursor,
    Variant,
)
from app.core.db.types import utcnow
from app.core.domain import ChannelReturn, JobKind, OrderStatus, ReturnState
from app.core.domain.bounds import MAX_QUANTITY
from app.core.services import audit
from app.core.services.context import ServiceContext
from app.core.services.errors import NotFoundError, ValidationError
from app.core.services.order_items import dispose_return
from app.core.services.permissions import Permission, require
from app.core.text import msg

log = logging.getLogger(__name__)

CANCELLABLE = (OrderStatus.UNPAID, OrderStatus.TO_SHIP)
RETURNS_EVERY = timedelta(minutes=5)  # how often the orders job also reads returns
RETURNS_OVERLAP = timedelta(minutes=10)
RETURNS_LOOKBACK = timedelta(days=15)  # a store's first returns fetch (Shopee's max window)


# --------------------------------------------------------------------------- orders by number


@dataclass(frozen=True)
class CancelTarget:
    """An order the seller may cancel, with what the platform call needs."""

    order_id: int
    store_id: int
    platform_order_id: str
    status: OrderStatus
    # (platform product id, platform variant id, quantity) per line (Shopee OUT_OF_STOCK)
    items: tuple[tuple[str, str, int], ...]


def find_order(ctx: ServiceContext, number: str, store_id: int | None = None) -> int:
    """Our id of an order given as its platform number (or our id); a clear error when it
    is unknown or the number is on several stores."""
    text = number.strip()
    with ctx.read() as s:
        stmt = select(Order.id, Order.store_id).where(Order.platform_order_id == text)
        if store_id is not None:
            stmt = stmt.where(Order.store_id == store_id)
        rows = s.execute(stmt).all()
        if len(rows) > 1:
            raise ValidationError(
                msg("order {number} is on several stores: add --store ID", number=text)
            )
        if rows:
            return int(rows[0][0])
        if text.isdigit() and len(text) < 12:
            found = s.get(Order, int(text))
            if found is not None and store_id in (None, found.store_id):
                return found.id
    raise NotFoundError(msg("no order {number} (see the Orders page)", number=text))


def cancel_target(ctx: ServiceContext, order_id: int) -> CancelTarget:
    """The order, if the seller may still cancel it (not shipped, not cancelled)."""
    require(ctx, Permission.HANDLE_ORDERS)
    with ctx.read() as s:
        o = s.get(Order, order_id)
        if o is None:
            raise NotFoundError(msg("order {order_id} does not exist", order_id=order_id))
        if o.status == OrderStatus.CANCELLED:
            raise ValidationError(
                msg("order {number} is already cancelled", number=o.platform_order_id)
            )
        if o.status not in CANCELLABLE:
            raise ValidationError(
                msg(
                    "order {number} is {status}: only unshipped orders can be cancelled",
                    number=o.platform_order_id,
                    status=o.status.value,
                )
            )
        return CancelTarget(
            o.id,
            o.store_id,
            o.platform_order_id,
            o.status,
            tuple((i.platform_product_id, i.platform_variant_id, i.quantity) for i in o.items),
        )


# --------------------------------------------------------------------------- storing returns


def returns_start(
    ctx: ServiceContext, store_id: int, now: datetime, force: bool
) -> datetime | None:
    """Where the store's next returns fetch starts, or None when it read them less than
    :data:`RETURNS_EVERY` ago (``force``: on demand, always)."""
    with ctx.read() as s:
        cur = s.scalar(
            select(SyncCursor).where(
                SyncCursor.store_id == store_id, SyncCursor.kind == JobKind.RETURNS
            )
        )
        if cur is None or cur.position is None:
            return now - RETURNS_LOOKBACK
        if not force and cur.updated_at is not None and now - cur.updated_at < RETURNS_EVERY:
            return None
        return cur.position - RETURNS_OVERLAP


@dataclass
class ReturnsStored:
    """What :func:`store_returns` did."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    unknown_orders: list[str] = field(default_factory=list)  # not fetched yet: next time


def store_returns(
    ctx: ServiceContext, store_id: int, returns: Sequence[ChannelReturn], fetched_to: datetime
) -> ReturnsStored:
    """Store the returns and move the store's returns cursor, in one transaction.

    A return of an order we have not stored yet is left for the next fetch: the cursor
    stops before it. An answer older than the stored return changes nothing."""
    stats = ReturnsStored()
    with ctx.write() as s:
        store = s.get_one(Store, store_id)
        orders = _orders_by_number(s, store.id, {r.platform_order_id for r in returns})
        known = {
            r.platform_return_id: r
            for r in s.scalars(
                select(OrderReturn)
                .options(selectinload(OrderReturn.lines))
                .where(
                    OrderReturn.store_id == store.id,
                    OrderReturn.platform_return_id.in_({r.platform_return_id for r in returns}),
                )
            )
        }
        cursor_to = fetched_to
        for cr in returns:
            order = orders.get(cr.platform_order_id)
            if order is None:
                stats.unknown_orders.append(cr.platform_order_id)
                cursor_to = min(cursor_to, cr.updated_at)
                continue
            row = known.get(cr.platform_return_id)
            if row is None:
                row = OrderReturn(
                    store_id=store.id,
                    order_id=order.id,
                    platform_return_id=cr.platform_return_id,
                    state=cr.state,
                    platform_status=cr.platform_status[:40],
                    reason=cr.reason,
                    goods_returned=cr.goods_returned,
                    platform_updated_at=cr.updated_at,
                )
                s.add(row)
                known[cr.platform_return_id] = row
                stats.created += 1
            elif cr.updated_at < row.platform_updated_at or (
                cr.updated_at == row.platform_updated_at
                and cr.platform_status == row.platform_status
            ):
                stats.unchanged += 1
                continue
            else:
                row.state, row.platform_status = cr.state, cr.platform_status[:40]
                row.reason, row.goods_returned = cr.reason, cr.goods_returned
                row.platform_updated_at = cr.updated_at
                stats.updated += 1
            _lines(row, order, cr)
        _move_cursor(s, store.id, cursor_to)
    return stats


def _orders_by_number(session: Session, store_id: int, numbers: set[str]) -> dict[str, Order]:
    if not numbers:
        return {}
    return {
        o.platform_order_id: o
        for o in session.scalars(
            select(Order)
            .options(selectinload(Order.items))
            .where(Order.store_id == store_id, Order.platform_order_id.in_(numbers))
        )
    }


def _lines(row: OrderReturn, order: Order, cr: ChannelReturn) -> None:
    """The return's lines, matched to the order's items; a decided line stays as decided."""
    by_key = {(i.platform_product_id, i.platform_variant_id): i for i in order.items}
    by_variant = {i.platform_variant_id: i for i in order.items}
    have = {ln.order_item_id: ln for ln in row.lines}
    for it in cr.items:
        item = by_key.get((it.platform_product_id, it.platform_variant_id)) or by_variant.get(
            it.platform_variant_id
        )
        if item is None:
            log.warning(
                "return %s: no line %s/%s in order %s",
                cr.platform_return_id,
                it.platform_product_id,
                it.platform_variant_id,
                order.platform_order_id,
            )
            continue
        qty = max(1, min(int(it.quantity), item.quantity, MAX_QUANTITY))
        line = have.get(item.id)
        if line is None:
            line = OrderReturnLine(order_item_id=item.id, quantity=qty)
            row.lines.append(line)
            have[item.id] = line
        elif line.decided_at is None:
            line.quantity = qty


def _move_cursor(session: Session, store_id: int, position: datetime) -> None:
    cur = session.scalar(
        select(SyncCursor).where(
            SyncCursor.store_id == store_id, SyncCursor.kind == JobKind.RETURNS
        )
    )
    if cur is None:
        session.add(SyncCursor(store_id=store_id, kind=JobKind.RETURNS, position=position))
    else:
        if cur.position is None or position > cur.position:
            cur.position = position
        cur.updated_at = utcnow()  # checked now, even when nothing moved


# --------------------------------------------------------------------------- reads


@dataclass(frozen=True)
class ReturnLineRow:
    """One returned line and what the seller decided."""

    id: int
    order_item_id: int
    name: str
    platform_sku: str
    variant_sku: str | None
    quantity: int
    restocked: int
    written_off: int
    location: str  # where it was restocked, else the line's own location
    decided_at: datetime | None

    @property
    def decided(self) -> bool:
        return self.decided_at is not None


@dataclass(frozen=True)
class ReturnRow:
    """A return with its lines, for the returns view and ``storesync orders returns``."""

    id: int
    store_id: int
    store_name: str
    order_id: int
    platform_order_id: str
    platform_return_id: str
    state: ReturnState
    platform_status: str
    reason: str
    goods_returned: bool
    updated_at: datetime
    lines: tuple[ReturnLineRow, ...]

    @property
    def can_restock(self) -> bool:
        """Received goods with a line still to decide."""
        return (
            self.state.received and self.goods_returned and any(not ln.decided for ln in self.lines)
        )


def list_returns(
    ctx: ServiceContext,
    store_id: int | None = None,
    order_id: int | None = None,
    limit: int = 500,
) -> list[ReturnRow]:
    """Returns, newest first, with their lines."""
    with ctx.read() as s:
        stmt = (
            select(OrderReturn, Order.platform_order_id, Store.name)
            .join(Order, Order.id == OrderReturn.order_id)
            .join(Store, Store.id == OrderReturn.store_id)
            .options(selectinload(OrderReturn.lines))
            .order_by(OrderReturn.platform_updated_at.desc(), OrderReturn.id.desc())
            .limit(limit)
        )
        if store_id is not None:
            stmt = stmt.where(OrderReturn.store_id == store_id)
        if order_id is not None:
            stmt = stmt.where(OrderReturn.order_id == order_id)
        found = s.execute(stmt).all()
        item_ids = {ln.order_item_id for r, _n, _s in found for ln in r.lines}
        items = _item_info(s, item_ids)
        locations = {int(i): str(n) for i, n in s.execute(select(Location.id, Location.name))}
        out = []
        for r, number, store_name in found:
            lines = []
            for ln in r.lines:
                name, psku, vsku, loc = items.get(ln.order_item_id, ("", "", None, None))
                where = ln.location_id if ln.location_id is not None else loc
                lines.append(
                    ReturnLineRow(
                        ln.id,
                        ln.order_item_id,
                        name,
                        psku,
                        vsku,
                        ln.quantity,
                        ln.restocked,
                        ln.written_off,
                        locations.get(where, "") if where is not None else "",
                        ln.decided_at,
                    )
                )
            out.append(
                ReturnRow(
                    r.id,
                    r.store_id,
                    store_name,
                    r.order_id,
                    number,
                    r.platform_return_id,
                    r.state,
                    r.platform_status,
                    r.reason,
                    r.goods_returned,
                    r.platform_updated_at,
                    tuple(lines),
                )
            )
        return out


def _item_info(
    session: Session, ids: set[int]
) -> dict[int, tuple[str, str, str | None, int | None]]:
    if not ids:
        return {}
    rows = session.execute(
        select(
            OrderItem.id, OrderItem.name, OrderItem.platform_sku, Variant.sku, OrderItem.location_id
        )
        .outerjoin(Variant, Variant.id == OrderItem.variant_id)
        .where(OrderItem.id.in_(ids))
    ).all()
    return {r[0]: (r[1], r[2], r[3], r[4]) for r in rows}


def returns_count(ctx: ServiceContext, order_id: int) -> int:
    """How many returns an order has (the detail pane mentions them)."""
    with ctx.read() as s:
        return int(s.scalar(select(func.count()).where(OrderReturn.order_id == order_id)) or 0)


# --------------------------------------------------------------------------- the decision


@dataclass(frozen=True)
class LineDecision:
    """What :func:`restock` booked for one line."""

    sku: str
    restocked: int
    written_off: int
    location: str


def location_id_by_name(ctx: ServiceContext, name: str) -> int:
    """A location by its name or code (case-insensitive), else a message naming them."""
    with ctx.read() as s:
        rows = s.execute(
            select(Location.id, Location.code, Location.name).where(
                Location.workspace_id == ctx.workspace_id, Location.active.is_(True)
            )
        ).all()
    wanted = name.strip().casefold()
    for lid, code, lname in rows:
        if wanted in (code.casefold(), lname.casefold()):
            return int(lid)
    names = ", ".join(sorted(r[2] for r in rows))
    raise ValidationError(
        msg("no location {name}; the locations are: {names}", name=name, names=names)
    )


def restock(
    ctx: ServiceContext,
    order_id: int,
    *,
    lines: Mapping[str, int] | None = None,
    location_id: int | None = None,
    write_off: bool = False,
) -> list[LineDecision]:
    """The seller's decision on an order's received return lines, each booked once.

    ``lines`` picks lines by SKU (master or platform SKU) with the units to restock; a
    line's other returned units are written off. Without ``lines`` every undecided line
    of the order's received returns is restocked whole. ``location_id``: where the units
    go (default: the line's own location). ``write_off``: the chosen lines are written off
    instead (a ledger row that adds no stock). Raises ValidationError, changing nothing,
    when there is nothing to decide: no return, not received yet, already decided.
    """
    require(ctx, Permission.HANDLE_ORDERS)
    with ctx.write() as s:
        order = s.get(Order, order_id)
        if order is None:
            raise NotFoundError(msg("order {order_id} does not exist", order_id=order_id))
        rets = s.scalars(
            select(OrderReturn)
            .options(selectinload(OrderReturn.lines))
            .where(OrderReturn.order_id == order.id)
            .order_by(OrderReturn.id)
        ).all()
        open_lines = _open_lines(order, rets)
        items = {i.id: i for i in order.items}
        skus = _skus(s, items.values())
        chosen = _choose(order, open_lines, items, skus, lines)
        if location_id is not None and s.get(Location, location_id) is None:
            raise ValidationError(msg("location {id} does not exist", id=location_id))
        now, decisions = utcnow(), []
        for line, qty in chosen:
            item = items[line.order_item_id]
            if item.variant_id is None or item.location_id is None:
                raise ValidationError(
                    msg(
                        "line {sku} is not mapped to a master SKU: map it first, then restock",
                        sku=item.platform_sku or item.name,
                    )
                )
            restocked = 0 if write_off else qty
            written_off = line.quantity - restocked
            where = location_id if location_id is not None else item.location_id
            dispose_return(
                s,
                item,
                restock=restocked,
                write_off=written_off,
                location_id=where,
                actor=ctx.actor,
                note=f"return of order {order.platform_order_id}",
            )
            line.restocked, line.written_off = restocked, written_off
            line.location_id = where if restocked else None
            line.decided_at, line.decided_by = now, ctx.actor[:80]
            loc = s.get(Location, where)
            decisions.append(
                LineDecision(
                    skus.get(item.id) or item.platform_sku,
                    restocked,
                    written_off,
                    loc.name if loc else "",
                )
            )
        audit.record(
            s,
            ctx,
            "order",
            order.id,
            "return_decided",
            None,
            {"lines": [[d.sku, d.restocked, d.written_off, d.location] for d in decisions]},
        )
        return decisions


def _open_lines(order: Order, rets: Sequence[OrderReturn]) -> list[OrderReturnLine]:
    """The lines the seller may decide now, or a message saying why there are none."""
    number = order.platform_order_id
    if not rets:
        raise ValidationError(
            msg(
                "order {number} has no return (returns are read with the orders; "
                "see: storesync orders returns)",
                number=number,
            )
        )
    received = [r for r in rets if r.state.received and r.goods_returned]
    if not received:
        r = rets[-1]
        if not r.goods_returned:
            raise ValidationError(
                msg(
                    "return {id} of order {number} is a refund only: no goods come back",
                    id=r.platform_return_id,
                    number=number,
                )
            )
        raise ValidationError(
            msg(
                "return {id} of order {number} is not received yet ({state}): restock it "
                "once the goods are back",
                id=r.platform_return_id,
                number=number,
                state=r.state.value,
            )
        )
    open_lines = [ln for r in received for ln in r.lines if ln.decided_at is None]
    if not open_lines:
        when = max(ln.decided_at for r in received for ln in r.lines if ln.decided_at)
        raise ValidationError(
            msg(
                "the return of order {number} was already restocked or written off "
                "({when} UTC): nothing changed",
                number=number,
                when=when.strftime("%Y-%m-%d %H:%M"),
            )
        )
    return open_lines


def _skus(session: Session, items) -> dict[int, str]:
    ids = {i.variant_id for i in items if i.variant_id}
    if not ids:
        return {}
    by_variant = {
        int(vid): str(sku)
        for vid, sku in session.execute(select(Variant.id, Variant.sku).where(Variant.id.in_(ids)))
    }
    return {i.id: by_variant[i.variant_id] for i in items if i.variant_id in by_variant}


def _choose(
    order: Order,
    open_lines: list[OrderReturnLine],
    items: dict[int, OrderItem],
    skus: dict[int, str],
    wanted: Mapping[str, int] | None,
) -> list[tuple[OrderReturnLine, int]]:
    if not wanted:
        return [(ln, ln.quantity) for ln in open_lines]
    chosen = []
    for sku, qty in wanted.items():
        key = sku.strip().casefold()
        line = next(
            (
                ln
                for ln in open_lines
                if key
                in (
                    (skus.get(ln.order_item_id) or "").casefold(),
                    items[ln.order_item_id].platform_sku.casefold(),
                )
            ),
            None,
        )
        if line is None:
            choices = ", ".join(
                skus.get(ln.order_item_id) or items[ln.order_item_id].platform_sku
                for ln in open_lines
            )
            raise ValidationError(
                msg(
                    "order {number} has no returned line {sku} left to decide (open: {choices})",
                    number=order.platform_order_id,
                    sku=sku,
                    choices=choices or "-",
                )
            )
        if not 0 <= qty <= line.quantity:
            raise ValidationError(
                msg(
                    "{sku}: between 0 and {n} units came back",
                    sku=sku,
                    n=line.quantity,
                )
            )
        chosen.append((line, qty))
    return chosen


__all__ = [
    "CANCELLABLE",
    "CancelTarget",
    "LineDecision",
    "ReturnLineRow",
    "ReturnRow",
    "ReturnsStored",
    "cancel_target",
    "find_order",
    "list_returns",
    "location_id_by_name",
    "restock",
    "returns_count",
    "returns_start",
    "store_returns",
]
