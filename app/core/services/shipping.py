"""Shipping orders: which orders a ship batch takes, and what shipping them left behind.

The rules (docs/ARCHITECTURE.md, "Fulfilment"):

- only an order we hold as ``to_ship`` can be shipped; anything else is refused before a
  platform call, with the reason (cancelled, already shipped, not paid);
- "ready to ship" (``--all-ready``) is ``to_ship`` and not shipped through us yet; the
  platforms map "shipment arranged, waiting for the carrier" to ``to_ship`` as well, so
  the engine's ship job asks the store's adapter (``ready_to_ship(platform_status)``)
  which of these still wait for the seller;
- a shipped order keeps one :class:`OrderPackage` row per platform package with its
  tracking number; ``orders.tracking_number`` holds the first package's number. Re-
  recording is idempotent: a package row is updated, never duplicated, and an empty
  tracking number never overwrites a known one;
- the order's status is not changed here: it moves through the normal order sync, as
  the platform reports it (the job asks for one after shipping).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from app.core.db.models import Order, OrderPackage, Store
from app.core.db.types import utcnow
from app.core.domain import OrderStatus, ShipMethod, ShippedPackage
from app.core.services import audit
from app.core.services.context import ServiceContext
from app.core.services.permissions import Permission, require
from app.core.text import msg


@dataclass(frozen=True)
class ShipTarget:
    """An order a ship batch was asked to take, as the job needs it."""

    order_id: int
    store_id: int
    store_name: str
    platform_order_id: str
    platform_status: str
    status: OrderStatus
    problem: str = ""  # set when we refuse it without asking the platform


@dataclass(frozen=True)
class PackageRow:
    """One shipped parcel of an order."""

    package_id: str
    tracking_number: str
    method: ShipMethod
    shipped_at: datetime


def targets(ctx: ServiceContext, order_ids: Sequence[int]) -> list[ShipTarget]:
    """The orders by id, in the given order; unknown ids are left out. An order that is
    not ``to_ship`` carries the reason it cannot be shipped."""
    require(ctx, Permission.SHIP)
    with ctx.read() as s:
        rows = s.execute(
            select(Order, Store.name)
            .join(Store, Store.id == Order.store_id)
            .where(Order.id.in_(list(order_ids)), Store.workspace_id == ctx.workspace_id)
        ).all()
        by_id = {o.id: _target(o, name) for o, name in rows}
    return [by_id[i] for i in dict.fromkeys(order_ids) if i in by_id]


def find_orders(
    ctx: ServiceContext, platform_order_ids: Iterable[str], store_ids: Sequence[int] = ()
) -> tuple[list[ShipTarget], list[str]]:
    """Orders by their platform order numbers (optionally in these stores); returns the
    targets and the numbers not found."""
    require(ctx, Permission.SHIP)
    wanted = list(dict.fromkeys(platform_order_ids))
    with ctx.read() as s:
        q = (
            select(Order, Store.name)
            .join(Store, Store.id == Order.store_id)
            .where(Order.platform_order_id.in_(wanted), Store.workspace_id == ctx.workspace_id)
        )
        if store_ids:
            q = q.where(Order.store_id.in_(list(store_ids)))
        found = [_target(o, name) for o, name in s.execute(q).all()]
    known = {t.platform_order_id for t in found}
    order = {n: i for i, n in enumerate(wanted)}
    found.sort(key=lambda t: (order[t.platform_order_id], t.store_id))
    return found, [n for n in wanted if n not in known]


def to_ship(ctx: ServiceContext, store_ids: Sequence[int] = ()) -> list[ShipTarget]:
    """Every ``to_ship`` order not shipped through us yet, oldest first (the job keeps
    those the store's adapter says still wait for the seller)."""
    require(ctx, Permission.SHIP)
    with ctx.read() as s:
        shipped = select(OrderPackage.order_id)
        q = (
            select(Order, Store.name)
            .join(Store, Store.id == Order.store_id)
            .where(
                Store.workspace_id == ctx.workspace_id,
                Order.status == OrderStatus.TO_SHIP,
                Order.id.not_in(shipped),
            )
            .order_by(Order.placed_at, Order.id)
        )
        if store_ids:
            q = q.where(Order.store_id.in_(list(store_ids)))
        return [_target(o, name) for o, name in s.execute(q).all()]


def record_shipment(
    ctx: ServiceContext,
    order_id: int,
    method: ShipMethod,
    packages: Sequence[ShippedPackage],
    shipped_at: datetime | None = None,
) -> None:
    """Keep what shipping one order left: its packages and tracking numbers."""
    when = shipped_at or utcnow()
    with ctx.write() as s:
        order = s.get(Order, order_id)
        if order is None:
            return
        rows = {
            p.package_id: p
            for p in s.scalars(select(OrderPackage).where(OrderPackage.order_id == order_id))
        }
        for pkg in packages:
            row = rows.get(pkg.package_id)
            if row is None:
                row = OrderPackage(
                    order_id=order_id,
                    package_id=pkg.package_id[:80],
                    tracking_number=pkg.tracking_number[:80],
                    method=method,
                    shipped_at=when,
                )
                s.add(row)
                rows[pkg.package_id] = row
            elif pkg.tracking_number:
                row.tracking_number = pkg.tracking_number[:80]
        first = next((p.tracking_number for p in packages if p.tracking_number), "")
        if first:
            order.tracking_number = first[:80]
        audit.record(
            s,
            ctx,
            "order",
            order_id,
            "ship",
            None,
            {"method": method, "packages": [p.package_id for p in packages], "tracking": first},
        )


def record_tracking(ctx: ServiceContext, order_id: int, packages: Sequence[ShippedPackage]) -> None:
    """Tracking numbers that arrived after shipping (never clears a known one)."""
    with ctx.write() as s:
        order = s.get(Order, order_id)
        if order is None:
            return
        for row in s.scalars(select(OrderPackage).where(OrderPackage.order_id == order_id)):
            for pkg in packages:
                if pkg.package_id == row.package_id and pkg.tracking_number:
                    row.tracking_number = pkg.tracking_number[:80]
        first = next((p.tracking_number for p in packages if p.tracking_number), "")
        if first and not order.tracking_number:
            order.tracking_number = first[:80]


def packages_of(ctx: ServiceContext, order_id: int) -> list[PackageRow]:
    """The shipped parcels of an order, in the order they were recorded."""
    with ctx.read() as s:
        rows = s.scalars(
            select(OrderPackage).where(OrderPackage.order_id == order_id).order_by(OrderPackage.id)
        ).all()
        return [PackageRow(r.package_id, r.tracking_number, r.method, r.shipped_at) for r in rows]


def _target(order: Order, store_name: str) -> ShipTarget:
    return ShipTarget(
        order.id,
        order.store_id,
        store_name,
        order.platform_order_id,
        order.platform_status,
        order.status,
        _problem(order.status),
    )


def _problem(status: OrderStatus) -> str:
    if status is OrderStatus.TO_SHIP:
        return ""
    if status is OrderStatus.CANCELLED:
        return msg("the order was cancelled")
    if status is OrderStatus.UNPAID:
        return msg("the buyer has not paid yet")
    return msg("already shipped")
