"""Stock per (variant, location) and the ledger behind every change (DESIGN §2).

Every change is one atomic ``UPDATE ... SET q = q + :d`` plus one ledger row, in the
caller's unit of work, so the GUI and the sync engine can write at the same time and
``on_hand``/``reserved`` always equal the sums of their ledger deltas.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, bindparam, func, insert, or_, select, update
from sqlalchemy.orm import Session

from app.core.db.bulk import formats, insert_rows
from app.core.db.models import (
    InventoryItem,
    InventoryTransaction,
    Location,
    Product,
    Store,
    Variant,
)
from app.core.db.types import utcnow
from app.core.domain import TxnType
from app.core.services import audit
from app.core.services.context import ServiceContext
from app.core.services.errors import (
    ConflictError,
    NegativeStockError,
    NotFoundError,
    ValidationError,
)
from app.core.settings import StoreSettings
from app.core.text import msg

TOUCHED_KEY = "storesync.touched_variants"
FORCE_KEY = "storesync.force_push_listings"


# --------------------------------------------------------------------------- primitives


def touched_variants(session: Session) -> set[int]:
    """Variants whose stock changed in this unit of work (the engine queues pushes for them)."""
    return session.info.setdefault(TOUCHED_KEY, set())


def forced_listings(session: Session) -> set[int]:
    """Listings to push in this unit of work even if our figure did not change."""
    return session.info.setdefault(FORCE_KEY, set())


def ensure_item(session: Session, variant_id: int, location_id: int) -> int:
    """The inventory item id for (variant, location), created at zero when missing."""
    item_id = session.scalar(
        select(InventoryItem.id).where(
            InventoryItem.variant_id == variant_id, InventoryItem.location_id == location_id
        )
    )
    if item_id is None:
        item_id = session.scalar(
            insert(InventoryItem)
            .values(
                variant_id=variant_id,
                location_id=location_id,
                on_hand=0,
                reserved=0,
                reorder_point=0,
                reorder_qty=0,
                updated_at=utcnow(),
            )
            .returning(InventoryItem.id)
        )
    return int(item_id)


def apply_change(
    session: Session,
    *,
    variant_id: int,
    location_id: int,
    txn_type: TxnType,
    d_on_hand: int = 0,
    d_reserved: int = 0,
    actor: str,
    reference_type: str = "manual",
    reference_id: object | None = None,
    note: str = "",
    allow_negative: bool = False,
) -> int:
    """Apply one change atomically and write its ledger row; returns the item id.

    Refuses (raises :class:`NegativeStockError`, changing nothing) when on_hand would go
    below zero and ``allow_negative`` is false. ``reserved`` can never go below zero.
    """
    item_id = ensure_item(session, variant_id, location_id)
    if d_on_hand == 0 and d_reserved == 0:
        return item_id
    conds = [InventoryItem.id == item_id]
    if d_on_hand < 0 and not allow_negative:
        conds.append(InventoryItem.on_hand + d_on_hand >= 0)
    if d_reserved < 0:
        conds.append(InventoryItem.reserved + d_reserved >= 0)
    result = session.execute(
        update(InventoryItem)
        .where(and_(*conds))
        .values(
            on_hand=InventoryItem.on_hand + d_on_hand,
            reserved=InventoryItem.reserved + d_reserved,
            updated_at=utcnow(),
        )
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        raise NegativeStockError(msg("not enough stock for this change: it would go below zero"))
    session.execute(
        insert(InventoryTransaction).values(
            item_id=item_id,
            type=txn_type,
            delta_on_hand=d_on_hand,
            delta_reserved=d_reserved,
            reference_type=reference_type,
            reference_id=None if reference_id is None else str(reference_id),
            actor=actor,
            note=note,
            created_at=utcnow(),
        )
    )
    touched_variants(session).add(variant_id)
    return item_id


LEDGER_COLUMNS = (
    "item_id",
    "type",
    "delta_on_hand",
    "delta_reserved",
    "reference_type",
    "reference_id",
    "actor",
    "note",
    "created_at",
)


class LedgerBatch:
    """Stock effects of many order lines, applied together at :meth:`flush`.

    Order ingestion moves thousands of items per page; one ``executemany`` for the counts
    and one for the ledger rows replace four statements per line. Only for changes that
    may not be refused (platform sales, reservations, releases): ``reserved`` still cannot
    go below zero, enforced by the table's CHECK constraint, which fails the whole page.
    """

    def __init__(self) -> None:
        self._rows: list[tuple[int, int, TxnType, int, int, str, str | None, str, str]] = []

    def add(
        self,
        *,
        variant_id: int,
        location_id: int,
        txn_type: TxnType,
        d_on_hand: int = 0,
        d_reserved: int = 0,
        actor: str,
        reference_type: str = "manual",
        reference_id: object | None = None,
        note: str = "",
    ) -> None:
        """Queue one change."""
        if d_on_hand or d_reserved:
            self._rows.append(
                (
                    variant_id,
                    location_id,
                    txn_type,
                    d_on_hand,
                    d_reserved,
                    reference_type,
                    reference_id,  # resolved at flush: new order items get ids then
                    actor,
                    note,
                )
            )

    def __len__(self) -> int:
        return len(self._rows)

    def flush(self, session: Session) -> None:
        """Apply every queued change (in the caller's transaction) and write the ledger."""
        if not self._rows:
            return
        pairs = {(r[0], r[1]) for r in self._rows}
        items = _ensure_items(session, pairs)
        totals: dict[int, list[int]] = {}
        for vid, loc, _t, d_oh, d_rs, *_rest in self._rows:
            acc = totals.setdefault(items[(vid, loc)], [0, 0])
            acc[0] += d_oh
            acc[1] += d_rs
        now = utcnow()
        conn = session.connection()
        conn.execute(
            update(InventoryItem.__table__)
            .where(InventoryItem.__table__.c.id == bindparam("item_id"))
            .values(
                on_hand=InventoryItem.__table__.c.on_hand + bindparam("d_oh"),
                reserved=InventoryItem.__table__.c.reserved + bindparam("d_rs"),
                updated_at=now,
            ),
            [{"item_id": i, "d_oh": a, "d_rs": b} for i, (a, b) in totals.items()],
        )
        fmt = formats(conn.dialect)
        stamp = fmt.time(now)
        insert_rows(
            conn,
            InventoryTransaction.__table__,
            LEDGER_COLUMNS,
            [
                (items[(vid, loc)], t.value, d_oh, d_rs, rt, _ref(rid), actor, note, stamp)
                for vid, loc, t, d_oh, d_rs, rt, rid, actor, note in self._rows
            ],
        )
        touched_variants(session).update(v for v, _l in pairs)
        self._rows.clear()


def _ref(reference: object | None) -> str | None:
    """A ledger reference: an id, or an object whose ``id`` is known by flush time."""
    if reference is None:
        return None
    return str(getattr(reference, "id", reference))


def _ensure_items(session: Session, pairs: set[tuple[int, int]]) -> dict[tuple[int, int], int]:
    """Item ids for (variant, location) pairs, creating the missing ones at zero."""
    variants = {v for v, _l in pairs}
    found = {
        (v, loc): i
        for i, v, loc in session.execute(
            select(InventoryItem.id, InventoryItem.variant_id, InventoryItem.location_id).where(
                InventoryItem.variant_id.in_(variants)
            )
        )
        if (v, loc) in pairs
    }
    for pair in pairs - set(found):
        found[pair] = ensure_item(session, *pair)
    return found


def default_location_id(session: Session, workspace_id: int) -> int:
    """The workspace's default location."""
    loc = session.scalar(
        select(Location.id)
        .where(Location.workspace_id == workspace_id, Location.active.is_(True))
        .order_by(Location.is_default.desc(), Location.id)
        .limit(1)
    )
    if loc is None:
        raise NotFoundError(msg("no stock location exists: add one in Inventory"))
    return int(loc)


def location_for(session: Session, workspace_id: int, settings: StoreSettings) -> int:
    """Where a store's stock comes from: its chosen location, else the workspace default."""
    if settings.location_id is not None:
        return settings.location_id
    return default_location_id(session, workspace_id)


def store_location_id(session: Session, store: Store) -> int:
    """:func:`location_for` a store row."""
    return location_for(session, store.workspace_id, StoreSettings.from_json(store.settings))


def _negative_allowed(session: Session, ctx: ServiceContext) -> bool:
    from app.core.settings import ALLOW_NEGATIVE_STOCK, setting_in

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


def _qty(value: int, field: str, *, allow_zero: bool = False, allow_negative: bool = False) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise ValidationError(msg("quantity must be a whole number"), field=field)
    if value == 0 and not allow_zero:
        raise ValidationError(msg("quantity cannot be zero"), field=field)
    if value < 0 and not allow_negative:
        raise ValidationError(msg("quantity must be positive"), field=field)
    return value


# --------------------------------------------------------------------------- locations


@dataclass(frozen=True)
class LocationRow:
    """A stock location."""

    id: int
    code: str
    name: str
    is_default: bool
    active: bool


def list_locations(ctx: ServiceContext, include_inactive: bool = False) -> list[LocationRow]:
    """Locations, default first."""
    stmt = select(Location).where(Location.workspace_id == ctx.workspace_id)
    if not include_inactive:
        stmt = stmt.where(Location.active.is_(True))
    with ctx.read() as s:
        return [
            LocationRow(loc.id, loc.code, loc.name, loc.is_default, loc.active)
            for loc in s.scalars(stmt.order_by(Location.is_default.desc(), Location.name))
        ]


def create_location(ctx: ServiceContext, code: str, name: str) -> int:
    """Add a location; codes are unique (case-insensitive) and short."""
    code, name = code.strip().upper(), name.strip()
    if not code or len(code) > 40 or any(c.isspace() for c in code):
        raise ValidationError(msg("code must be 1–40 characters without spaces"), field="code")
    if not name:
        raise ValidationError(msg("name is required"), field="name")
    with ctx.write() as s:
        exists = s.scalar(
            select(Location.id).where(
                Location.workspace_id == ctx.workspace_id, func.upper(Location.code) == code
            )
        )
        if exists:
            raise ConflictError(msg("a location with code {code} already exists", code=code))
        loc = Location(workspace_id=ctx.workspace_id, code=code, name=name)
        s.add(loc)
        s.flush()
        audit.record(s, ctx, "location", loc.id, "create", None, {"code": code, "name": name})
        return loc.id


# --------------------------------------------------------------------------- manual changes


def adjust(
    ctx: ServiceContext,
    variant_id: int,
    location_id: int,
    delta: int,
    reason: str,
) -> None:
    """Add or remove stock by hand; a reason is required."""
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
    _qty(quantity, "quantity")
    with ctx.write() as s:
        _check_variant_location(s, ctx, variant_id, location_id)
        apply_change(
            s,
            variant_id=variant_id,
            location_id=location_id,
            txn_type=TxnType.PURCHASE,
            d_on_hand=quantity,
            actor=ctx.actor,
            reference_type="purchase",
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
            reference_type="transfer",
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
            reference_type="transfer",
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
    _qty(counted, "counted", allow_zero=True)
    with ctx.write() as s:
        _check_variant_location(s, ctx, variant_id, location_id)
        return _stocktake_in(
            s, ctx, variant_id, location_id, counted, note, TxnType.STOCKTAKE, "stocktake"
        )


def _stocktake_in(
    s: Session,
    ctx: ServiceContext,
    variant_id: int,
    location_id: int,
    counted: int,
    note: str,
    txn_type: TxnType,
    reference_type: str,
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
            reference_type,
            {"on_hand": int(current)},
            {"on_hand": counted},
            note=note,
        )
    return diff


def set_reorder(
    ctx: ServiceContext, variant_id: int, location_id: int, point: int, quantity: int
) -> None:
    """Set when an item counts as low (``point``) and how much to reorder."""
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


# --------------------------------------------------------------------------- reads


@dataclass(frozen=True)
class StockLevel:
    """Stock of one variant at one location."""

    item_id: int
    variant_id: int
    location_id: int
    sku: str
    product_name: str
    variant_name: str
    location_name: str
    on_hand: int
    reserved: int
    reorder_point: int
    reorder_qty: int

    @property
    def available(self) -> int:
        """What can still be sold: on hand minus reserved."""
        return self.on_hand - self.reserved


_LEVEL_COLUMNS = (
    InventoryItem.id,
    InventoryItem.variant_id,
    InventoryItem.location_id,
    Variant.sku,
    Product.name,
    Variant.name,
    Location.name,
    InventoryItem.on_hand,
    InventoryItem.reserved,
    InventoryItem.reorder_point,
    InventoryItem.reorder_qty,
)


def _levels_stmt(ctx: ServiceContext):
    return (
        select(*_LEVEL_COLUMNS)
        .join(Variant, Variant.id == InventoryItem.variant_id)
        .join(Product, Product.id == Variant.product_id)
        .join(Location, Location.id == InventoryItem.location_id)
        .where(Variant.workspace_id == ctx.workspace_id)
    )


def stock_levels(
    ctx: ServiceContext, variant_id: int | None = None, location_id: int | None = None
) -> list[StockLevel]:
    """Stock rows, for one variant and/or location."""
    stmt = _levels_stmt(ctx)
    if variant_id is not None:
        stmt = stmt.where(InventoryItem.variant_id == variant_id)
    if location_id is not None:
        stmt = stmt.where(InventoryItem.location_id == location_id)
    with ctx.read() as s:
        return [StockLevel(*row) for row in s.execute(stmt.order_by(Variant.sku, Location.name))]


def available_by_variant(
    session: Session, variant_ids: list[int] | set[int], location_id: int | None = None
) -> dict[int, int]:
    """Available stock per variant (summed over locations, or at one location)."""
    if not variant_ids:
        return {}
    stmt = select(
        InventoryItem.variant_id,
        func.sum(InventoryItem.on_hand - InventoryItem.reserved),
    ).where(InventoryItem.variant_id.in_(list(variant_ids)))
    if location_id is not None:
        stmt = stmt.where(InventoryItem.location_id == location_id)
    out = {int(v): int(a or 0) for v, a in session.execute(stmt.group_by(InventoryItem.variant_id))}
    return {v: out.get(v, 0) for v in variant_ids}


def low_stock(
    ctx: ServiceContext, location_id: int | None = None, *, out_only: bool = False, limit: int = 500
) -> list[StockLevel]:
    """Items at or below their reorder point (or the default point), or out of stock."""
    default_point = _default_point(ctx)
    available = InventoryItem.on_hand - InventoryItem.reserved
    point = func.coalesce(func.nullif(InventoryItem.reorder_point, 0), default_point)
    cond = available <= 0 if out_only else or_(available <= point, available <= 0)
    stmt = _levels_stmt(ctx).where(cond, Variant.status == "active")
    if location_id is not None:
        stmt = stmt.where(InventoryItem.location_id == location_id)
    with ctx.read() as s:
        return [
            StockLevel(*r) for r in s.execute(stmt.order_by(available, Variant.sku).limit(limit))
        ]


def _default_point(ctx: ServiceContext) -> int:
    from app.core.settings import LOW_STOCK_DEFAULT_POINT, get_setting

    return get_setting(ctx, LOW_STOCK_DEFAULT_POINT)


@dataclass(frozen=True)
class Movement:
    """One ledger row as the movement history shows it."""

    id: int
    at: datetime
    type: TxnType
    delta_on_hand: int
    delta_reserved: int
    reference_type: str
    reference_id: str | None
    actor: str
    note: str
    location_name: str


def movements(
    ctx: ServiceContext, variant_id: int, location_id: int | None = None, limit: int = 1000
) -> list[Movement]:
    """Every ledger row of a variant, newest first."""
    stmt = (
        select(InventoryTransaction, Location.name)
        .join(InventoryItem, InventoryItem.id == InventoryTransaction.item_id)
        .join(Location, Location.id == InventoryItem.location_id)
        .where(InventoryItem.variant_id == variant_id)
    )
    if location_id is not None:
        stmt = stmt.where(InventoryItem.location_id == location_id)
    stmt = stmt.order_by(InventoryTransaction.id.desc()).limit(limit)
    with ctx.read() as s:
        return [
            Movement(
                t.id,
                t.created_at,
                t.type,
                t.delta_on_hand,
                t.delta_reserved,
                t.reference_type,
                t.reference_id,
                t.actor,
                t.note,
                loc,
            )
            for t, loc in s.execute(stmt)
        ]


def ledger_mismatches(session: Session) -> list[tuple[int, int, int, int, int]]:
    """Items whose counts differ from their ledger sums: (item, on_hand, sum, reserved, sum).

    Always empty unless something bypassed this module; tests and ``doctor`` check it.
    """
    sums = (
        select(
            InventoryTransaction.item_id.label("item_id"),
            func.sum(InventoryTransaction.delta_on_hand).label("oh"),
            func.sum(InventoryTransaction.delta_reserved).label("rs"),
        )
        .group_by(InventoryTransaction.item_id)
        .subquery()
    )
    stmt = (
        select(
            InventoryItem.id,
            InventoryItem.on_hand,
            func.coalesce(sums.c.oh, 0),
            InventoryItem.reserved,
            func.coalesce(sums.c.rs, 0),
        )
        .outerjoin(sums, sums.c.item_id == InventoryItem.id)
        .where(
            or_(
                InventoryItem.on_hand != func.coalesce(sums.c.oh, 0),
                InventoryItem.reserved != func.coalesce(sums.c.rs, 0),
            )
        )
    )
    return [tuple(int(x) for x in r) for r in session.execute(stmt)]
