"""What a batch of orders needs picked and packed: the picking list, packing slips, shelves.

The picking list adds up every mapped order line of a batch per (variant, location): the
location is the one the line's stock was reserved or deducted from (``order_items.
location_id``), else, for a line that has not moved stock yet, the store's location. Rows
are sorted for one walk through the shelves: location code, then the variant's shelf code
there (natural order, so A-2 comes before A-10; rows without a shelf last), then SKU.
Lines whose listing is not mapped to a SKU are listed apart with the platform's SKU, so
nothing in the batch goes missing; cancelled orders are left out and named.

A packing slip is one order as the buyer's parcel needs it: store, order number, buyer,
address, lines with quantities and SKUs, the order date in the workspace's time zone
(docs/ARCHITECTURE.md, "Money, time"), the tracking number when there is one.

Shelf codes (``inventory_items.shelf``, migration 0008) are per variant and location,
set here (:func:`set_shelf`) from the Inventory page or ``storesync inventory shelf``.
Rendering is not here: ``app/printing`` draws these records with Qt.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.db.models import InventoryItem, Location, Order, OrderItem, Product, Store, Variant
from app.core.domain import OrderStatus
from app.core.services import audit, bundle_rules
from app.core.services.analytics.calendar import workspace_zone
from app.core.services.context import ServiceContext
from app.core.services.errors import NotFoundError, ValidationError
from app.core.services.ledger import ensure_item
from app.core.services.locations import store_location_id
from app.core.services.permissions import Permission, require
from app.core.text import msg

SHELF_MAX_LENGTH = 40
_CHUNK = 500  # ids per IN (...) list


# --------------------------------------------------------------------------- records


@dataclass(frozen=True)
class PickRow:
    """One line of the picking list: a variant at a location, summed over the batch."""

    variant_id: int
    sku: str
    product_name: str
    variant_name: str
    location_id: int
    location_code: str
    location_name: str
    shelf: str
    quantity: int
    order_count: int  # how many orders of the batch want it


@dataclass(frozen=True)
class UnmappedPick:
    """Order lines not mapped to a SKU: the picker goes by the platform's SKU and name."""

    store_name: str
    platform_sku: str
    name: str
    quantity: int
    order_numbers: tuple[str, ...]


@dataclass(frozen=True)
class PickingList:
    """A batch's picking list. ``order_numbers``: the orders it covers, in batch order."""

    rows: tuple[PickRow, ...]
    unmapped: tuple[UnmappedPick, ...]
    order_numbers: tuple[str, ...]
    skipped_cancelled: tuple[str, ...]
    created_at: datetime  # in the workspace's time zone

    @property
    def order_count(self) -> int:
        """Orders on the list (cancelled ones left out)."""
        return len(self.order_numbers)

    @property
    def total_quantity(self) -> int:
        """Units to pick, mapped and unmapped."""
        return sum(r.quantity for r in self.rows) + sum(u.quantity for u in self.unmapped)


@dataclass(frozen=True)
class SlipLine:
    """A line of a packing slip. ``sku`` is the master SKU, else the platform's."""

    sku: str
    name: str
    variant_name: str
    quantity: int
    mapped: bool


@dataclass(frozen=True)
class PackingSlip:
    """One order's packing slip."""

    order_id: int
    store_name: str
    platform: str
    order_number: str
    status: OrderStatus
    buyer_name: str
    shipping_address: str
    placed_at: datetime  # in the workspace's time zone
    tracking_number: str
    lines: tuple[SlipLine, ...] = field(default_factory=tuple)

    @property
    def item_count(self) -> int:
        """Units in the parcel."""
        return sum(line.quantity for line in self.lines)


# --------------------------------------------------------------------------- sorting


def shelf_key(shelf: str) -> tuple:
    """Natural order of shelf codes ("A-2" before "A-10"); no shelf sorts last."""
    if not shelf:
        return (1, ())
    parts = re.split(r"(\d+)", shelf.casefold())
    return (0, tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in parts if p))


def _pick_order(row: PickRow) -> tuple:
    return (row.location_code.casefold(), shelf_key(row.shelf), row.sku.casefold())


# --------------------------------------------------------------------------- reads


def _chunks(ids: Sequence[int]) -> Iterable[list[int]]:
    for i in range(0, len(ids), _CHUNK):
        yield list(ids[i : i + _CHUNK])


def _orders(s: Session, ctx: ServiceContext, order_ids: Sequence[int]) -> list[tuple]:
    """(order, store) rows of the workspace, in the order of ``order_ids`` (unknown ids
    refused: a batch that silently lost an order would be picked short)."""
    found: dict[int, tuple] = {}
    for chunk in _chunks(order_ids):
        stmt = (
            select(Order, Store)
            .join(Store, Store.id == Order.store_id)
            .where(Order.id.in_(chunk), Store.workspace_id == ctx.workspace_id)
        )
        found.update({o.id: (o, st) for o, st in s.execute(stmt)})
    missing = [i for i in order_ids if i not in found]
    if missing:
        raise NotFoundError(msg("order {order_id} does not exist (any more)", order_id=missing[0]))
    seen: set[int] = set()
    out = []
    for i in order_ids:
        if i not in seen:
            seen.add(i)
            out.append(found[i])
    return out


def _items(s: Session, order_ids: list[int]) -> list[OrderItem]:
    items: list[OrderItem] = []
    for chunk in _chunks(order_ids):
        items += s.scalars(
            select(OrderItem).where(OrderItem.order_id.in_(chunk)).order_by(OrderItem.id)
        ).all()
    return items


def _local(dt: datetime, tz) -> datetime:
    return (dt if dt.tzinfo else dt.replace(tzinfo=UTC)).astimezone(tz)


def picking_list(
    ctx: ServiceContext, order_ids: Sequence[int], now: datetime | None = None
) -> PickingList:
    """The picking list of a batch of orders (see the module docstring for the rules)."""
    require(ctx, Permission.PRINT)
    if not order_ids:
        raise ValidationError(msg("select at least one order"), field="orders")
    with ctx.read() as s:
        tz = workspace_zone(s, ctx.workspace_id)
        rows = _orders(s, ctx, order_ids)
        kept = [(o, st) for o, st in rows if o.status != OrderStatus.CANCELLED]
        skipped = tuple(o.platform_order_id for o, _st in rows if o.status == OrderStatus.CANCELLED)
        numbers = {o.id: o.platform_order_id for o, _st in kept}
        stores = {o.id: st for o, st in kept}
        store_loc: dict[int, int] = {}
        sums: dict[tuple[int, int], list] = {}  # (variant, location) -> [qty, order ids]
        unmapped: dict[tuple[str, str, str], list] = {}  # (store, sku, name) -> [qty, numbers]
        for item in _items(s, list(numbers)):
            store = stores[item.order_id]
            if item.variant_id is None:
                key_u = (store.name, item.platform_sku, item.name)
                entry_u = unmapped.setdefault(key_u, [0, []])
                entry_u[0] += item.quantity
                if numbers[item.order_id] not in entry_u[1]:
                    entry_u[1].append(numbers[item.order_id])
                continue
            loc = item.location_id
            if loc is None:  # not reserved yet: it will come from the store's location
                if store.id not in store_loc:
                    store_loc[store.id] = store_location_id(s, store)
                loc = store_loc[store.id]
            entry = sums.setdefault((item.variant_id, loc), [0, set()])
            entry[0] += item.quantity
            entry[1].add(item.order_id)
        # a bundle is picked as its components (docs/ARCHITECTURE.md, bundles and kits)
        pick_rows = _pick_rows(s, bundle_rules.picked_components(s, sums))
        return PickingList(
            rows=tuple(sorted(pick_rows, key=_pick_order)),
            unmapped=tuple(
                UnmappedPick(st, sku, name, q, tuple(nums))
                for (st, sku, name), (q, nums) in sorted(
                    unmapped.items(), key=lambda kv: (kv[0][0], kv[0][1].casefold(), kv[0][2])
                )
            ),
            order_numbers=tuple(numbers.values()),
            skipped_cancelled=skipped,
            created_at=_local(now or datetime.now(UTC), tz),
        )


def _pick_rows(s: Session, sums: dict[tuple[int, int], list]) -> list[PickRow]:
    if not sums:
        return []
    variant_ids = sorted({v for v, _l in sums})
    location_ids = sorted({loc for _v, loc in sums})
    variants = {
        r[0]: r[1:]
        for chunk in _chunks(variant_ids)
        for r in s.execute(
            select(Variant.id, Variant.sku, Product.name, Variant.name)
            .join(Product, Product.id == Variant.product_id)
            .where(Variant.id.in_(chunk))
        )
    }
    locations = {
        r[0]: r[1:]
        for r in s.execute(
            select(Location.id, Location.code, Location.name).where(Location.id.in_(location_ids))
        )
    }
    shelves: dict[tuple[int, int], str] = {}
    for chunk in _chunks(variant_ids):
        for v, loc, shelf in s.execute(
            select(InventoryItem.variant_id, InventoryItem.location_id, InventoryItem.shelf).where(
                InventoryItem.variant_id.in_(chunk), InventoryItem.location_id.in_(location_ids)
            )
        ):
            shelves[(v, loc)] = shelf or ""
    out = []
    for (v, loc), (qty, orders) in sums.items():
        sku, product_name, variant_name = variants[v]
        code, name = locations[loc]
        out.append(
            PickRow(
                variant_id=v,
                sku=sku,
                product_name=product_name,
                variant_name=variant_name or "",
                location_id=loc,
                location_code=code,
                location_name=name,
                shelf=shelves.get((v, loc), ""),
                quantity=qty,
                order_count=len(orders),
            )
        )
    return out


def packing_slips(ctx: ServiceContext, order_ids: Sequence[int]) -> list[PackingSlip]:
    """One packing slip per order, in the order of ``order_ids`` (cancelled ones too: the
    seller asked for them by name; the slip says the status)."""
    require(ctx, Permission.PRINT)
    if not order_ids:
        raise ValidationError(msg("select at least one order"), field="orders")
    with ctx.read() as s:
        tz = workspace_zone(s, ctx.workspace_id)
        rows = _orders(s, ctx, order_ids)
        items = _items(s, [o.id for o, _st in rows])
        variant_ids = sorted({i.variant_id for i in items if i.variant_id is not None})
        variants = {
            r[0]: (r[1], r[2])
            for chunk in _chunks(variant_ids)
            for r in s.execute(
                select(Variant.id, Variant.sku, Variant.name).where(Variant.id.in_(chunk))
            )
        }
        lines: dict[int, list[SlipLine]] = {}
        for i in items:
            sku, vname = variants.get(i.variant_id, (None, "")) if i.variant_id else (None, "")
            lines.setdefault(i.order_id, []).append(
                SlipLine(
                    sku=sku or i.platform_sku,
                    name=i.name,
                    variant_name=vname or "",
                    quantity=i.quantity,
                    mapped=sku is not None,
                )
            )
        return [
            PackingSlip(
                order_id=o.id,
                store_name=st.name,
                platform=st.platform,
                order_number=o.platform_order_id,
                status=o.status,
                buyer_name=o.buyer_name,
                shipping_address=o.shipping_address,
                placed_at=_local(o.placed_at, tz),
                tracking_number=o.tracking_number or "",
                lines=tuple(lines.get(o.id, [])),
            )
            for o, st in rows
        ]


# --------------------------------------------------------------------------- choosing orders


def select_orders(
    ctx: ServiceContext,
    *,
    store_id: int | None = None,
    numbers: Sequence[str] = (),
    status: OrderStatus | None = None,
) -> list[int]:
    """Order ids for the command line: the given order numbers in the given order (each
    must exist, in ``store_id`` if given), else every order with ``status`` (oldest
    first, the order a packer works in), optionally of one store."""
    with ctx.read() as s:
        base = (
            select(Order.id, Order.platform_order_id)
            .join(Store, Store.id == Order.store_id)
            .where(Store.workspace_id == ctx.workspace_id)
        )
        if store_id is not None:
            if (
                s.scalar(
                    select(Store.id).where(
                        Store.id == store_id, Store.workspace_id == ctx.workspace_id
                    )
                )
                is None
            ):
                raise NotFoundError(msg("store {store_id} does not exist", store_id=store_id))
            base = base.where(Order.store_id == store_id)
        if numbers:
            by_number: dict[str, list[int]] = {}
            for oid, number in s.execute(base.where(Order.platform_order_id.in_(list(numbers)))):
                by_number.setdefault(number, []).append(oid)
            out: list[int] = []
            for n in numbers:
                ids = by_number.get(n)
                if not ids:
                    raise NotFoundError(msg("no order number {number}", number=n))
                if len(ids) > 1:
                    raise ValidationError(
                        msg(
                            "order number {number} is in more than one store: add --store",
                            number=n,
                        ),
                        field="store",
                    )
                if ids[0] not in out:
                    out.append(ids[0])
            return out
        if status is None:
            raise ValidationError(msg("name the orders (--order) or a status"), field="orders")
        stmt = base.where(Order.status == status).order_by(Order.placed_at, Order.id)
        return [int(r[0]) for r in s.execute(stmt)]


# --------------------------------------------------------------------------- shelves


def clean_shelf(text: str) -> str:
    """A shelf code as stored: trimmed, one line, at most :data:`SHELF_MAX_LENGTH`."""
    shelf = " ".join((text or "").split())
    if len(shelf) > SHELF_MAX_LENGTH:
        raise ValidationError(
            msg("a shelf code has at most {n} characters", n=SHELF_MAX_LENGTH), field="shelf"
        )
    return shelf


def set_shelf(ctx: ServiceContext, variant_id: int, location_id: int, shelf: str) -> str:
    """Set where a variant sits in a location ("" clears it); returns the stored code."""
    require(ctx, Permission.ADJUST_STOCK)
    shelf = clean_shelf(shelf)
    with ctx.write() as s:
        v_ws = s.scalar(select(Variant.workspace_id).where(Variant.id == variant_id))
        if v_ws != ctx.workspace_id:
            raise NotFoundError(msg("variant {variant_id} does not exist", variant_id=variant_id))
        loc = s.get(Location, location_id)
        if loc is None or loc.workspace_id != ctx.workspace_id:
            raise NotFoundError(
                msg("location {location_id} does not exist", location_id=location_id)
            )
        item = s.scalars(
            select(InventoryItem).where(
                InventoryItem.variant_id == variant_id, InventoryItem.location_id == location_id
            )
        ).first()
        if item is None:  # no stock there yet: a row at zero holds the shelf
            item = s.get(InventoryItem, ensure_item(s, variant_id, location_id))
            assert item is not None
        before = item.shelf or ""
        if before != shelf:
            item.shelf = shelf
            audit.record(
                s, ctx, "inventory_item", item.id, "shelf", {"shelf": before}, {"shelf": shelf}
            )
        return shelf


def shelf_of(ctx: ServiceContext, variant_id: int, location_id: int) -> str:
    """The variant's shelf code at a location ("" when unset)."""
    with ctx.read() as s:
        return (
            s.scalar(
                select(InventoryItem.shelf).where(
                    InventoryItem.variant_id == variant_id,
                    InventoryItem.location_id == location_id,
                )
            )
            or ""
        )
