"""The stock ledger's only writer (docs/ARCHITECTURE.md).

Nothing else in the application changes ``inventory_items.on_hand``/``reserved`` or adds
``inventory_transactions`` rows. Every change is one atomic ``UPDATE ... SET q = q + :d``
and one ledger row, in the caller's unit of work, so the GUI and the sync engine can
write at the same time and the counts always equal the sums of their ledger deltas.

Three ways in, one set of rules:

- :func:`apply_change` one change, refused when on-hand would go below zero;
- :class:`LedgerBatch` many changes that may not be refused (order ingestion), applied
  with one ``executemany`` for the counts and one bulk insert for the rows;
- :func:`set_counts` counted quantities in bulk (stocktake semantics, the Excel import).

A ledger row's reference is typed: a :class:`RefType` and an id (an ``int`` or a short
text), never an arbitrary object; an ``order_item`` reference is always the order
item's integer id. Each writer marks the variants it touched in the session
(:func:`touched_variants`), which the outbox reads just before commit to queue pushes.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import CursorResult, and_, insert, select, update
from sqlalchemy.orm import Session

from app.core.db.bulk import CHUNK, add_by_id, formats, insert_rows, worth_a_scan
from app.core.db.dialects import POSTGRESQL, insert_missing
from app.core.db.models import InventoryItem, InventoryTransaction
from app.core.db.types import utcnow
from app.core.domain import TxnType
from app.core.domain.bounds import MAX_STOCK, quantity_ok
from app.core.services import bundle_rules
from app.core.services.bounds import range_message, stock_message
from app.core.services.errors import NegativeStockError, ValidationError
from app.core.text import msg

TOUCHED_KEY = "storesync.touched_variants"
FORCE_KEY = "storesync.force_push_listings"
REFERENCE_MAX = 40  # inventory_transactions.reference_id is String(40)


class RefType(enum.StrEnum):
    """What a ledger row refers to (``inventory_transactions.reference_type``)."""

    MANUAL = "manual"  # no id: a hand adjustment
    PURCHASE = "purchase"
    TRANSFER = "transfer"  # id: "variant:from->to"
    STOCKTAKE = "stocktake"
    IMPORT = "import"  # id: the import's name
    ORDER_ITEM = "order_item"  # id: order_items.id, always
    SYNC = "sync"  # id: the channel listing, when there is one


# Written only by migration 0003, for rows whose order item could not be found again;
# no writer accepts it.
UNKNOWN_REFERENCE = "unknown"


# --------------------------------------------------------------------------- markers


def touched_variants(session: Session) -> set[int]:
    """Variants whose stock changed in this unit of work (the engine queues pushes for them)."""
    return session.info.setdefault(TOUCHED_KEY, set())


def forced_listings(session: Session) -> set[int]:
    """Listings to push in this unit of work even if our figure did not change."""
    return session.info.setdefault(FORCE_KEY, set())


# --------------------------------------------------------------------------- references


def reference(
    reference_type: RefType | str, reference_id: int | str | None
) -> tuple[str, str | None]:
    """The stored form of a typed reference; raises ``TypeError``/``ValueError`` otherwise.

    Rejecting anything but an ``int`` or ``str`` id is what keeps object reprs such as
    ``<OrderItem object at 0x…>`` out of the ledger.
    """
    if type(reference_id) is int and reference_type is RefType.ORDER_ITEM:
        return "order_item", str(reference_id)  # the hot path: order ingestion
    kind = RefType(reference_type)
    if reference_id is None:
        if kind is RefType.ORDER_ITEM:
            raise ValueError("an order_item reference needs the order item's id")
        return kind.value, None
    if isinstance(reference_id, bool) or not isinstance(reference_id, int | str):
        raise TypeError(
            f"a ledger reference id is an int or a str, not {type(reference_id).__name__}"
        )
    if kind is RefType.ORDER_ITEM and not isinstance(reference_id, int):
        raise TypeError("an order_item reference is the order item's integer id")
    text = str(reference_id)
    if not text or len(text) > REFERENCE_MAX:
        raise ValueError(f"a ledger reference id has 1-{REFERENCE_MAX} characters: {text!r}")
    return kind.value, text


# --------------------------------------------------------------------------- items


def ensure_item(session: Session, variant_id: int, location_id: int) -> int:
    """The inventory item id for (variant, location), created at zero when missing."""
    find = select(InventoryItem.id).where(
        InventoryItem.variant_id == variant_id, InventoryItem.location_id == location_id
    )
    item_id = session.scalar(find)
    if item_id is None:
        # insert-or-skip: another PC's transaction may create it at the same time on a
        # team database (docs/ARCHITECTURE.md, "Team database")
        item_id = session.execute(
            insert_missing(session, InventoryItem)
            .values(**_new_item(variant_id, location_id, utcnow()))
            .returning(InventoryItem.id)
        ).scalar()
        if item_id is None:  # the other transaction's row, committed meanwhile
            item_id = session.execute(find).scalar_one()
    return int(item_id)


_ITEM_COLUMNS = (
    "variant_id",
    "location_id",
    "on_hand",
    "reserved",
    "reorder_point",
    "reorder_qty",
    "updated_at",
)


def _new_item(variant_id: int, location_id: int, now) -> dict:
    return dict(
        variant_id=variant_id,
        location_id=location_id,
        on_hand=0,
        reserved=0,
        reorder_point=0,
        reorder_qty=0,
        updated_at=now,
    )


def _items(
    session: Session, pairs: Iterable[tuple[int, int]]
) -> dict[tuple[int, int], tuple[int, int]]:
    """(item id, on hand) of the existing items among (variant, location) ``pairs``."""
    wanted = set(pairs)
    vids = sorted({v for v, _l in wanted})
    out: dict[tuple[int, int], tuple[int, int]] = {}
    stmt = select(
        InventoryItem.id, InventoryItem.variant_id, InventoryItem.location_id, InventoryItem.on_hand
    )
    chunks: Iterable[Iterable[Any]]
    if worth_a_scan(session.connection(), len(vids), InventoryItem.__table__):
        chunks = [session.execute(stmt)]  # most of the table: one pass (an Excel import)
    else:
        chunks = (
            session.execute(stmt.where(InventoryItem.variant_id.in_(vids[i : i + CHUNK])))
            for i in range(0, len(vids), CHUNK)
        )
    for rows in chunks:
        for iid, vid, loc, on_hand in rows:
            if (vid, loc) in wanted:
                out[vid, loc] = (int(iid), int(on_hand))
    return out


def _ensure_items(
    session: Session, pairs: Iterable[tuple[int, int]]
) -> dict[tuple[int, int], tuple[int, int]]:
    """(item id, on hand) for every pair, creating the missing items at zero in bulk."""
    wanted = set(pairs)
    found = _items(session, wanted)
    missing = wanted - set(found)
    if missing:
        conn = session.connection()
        if conn.dialect.name == POSTGRESQL:
            # two transactions may create the same item at once: the second keeps the first's
            now = utcnow()
            session.execute(
                insert_missing(session, InventoryItem),
                [_new_item(v, loc, now) for v, loc in sorted(missing)],
            )
        else:  # SQLite writers queue (BEGIN IMMEDIATE): no race, plain tuples are fastest
            stamp = formats(conn.dialect).time(utcnow())
            insert_rows(  # tuples, not the ORM's per-row dicts: an import adds 50,000 at once
                conn,
                InventoryItem.__table__,
                _ITEM_COLUMNS,
                [(v, loc, 0, 0, 0, 0, stamp) for v, loc in sorted(missing)],
            )
        found.update(_items(session, missing))
    return found


# --------------------------------------------------------------------------- one change


def _bundle_parts(session: Session, variant_id: int, ref_type: str) -> list[tuple[int, int]]:
    """A bundle's leaf components and quantities (empty for any other variant). Only an
    order line moves a bundle; any other change to one is refused with a message naming
    its components (docs/ARCHITECTURE.md, bundles and kits)."""
    parts = bundle_rules.leaf_components(session, [variant_id]).get(variant_id)
    if not parts:
        return []
    if ref_type != RefType.ORDER_ITEM.value:
        bundle_rules.refuse_direct(session, [variant_id])
    return sorted(parts.items())


def apply_change(
    session: Session,
    *,
    variant_id: int,
    location_id: int,
    txn_type: TxnType,
    d_on_hand: int = 0,
    d_reserved: int = 0,
    actor: str,
    reference_type: RefType | str = RefType.MANUAL,
    reference_id: int | str | None = None,
    note: str = "",
    allow_negative: bool = False,
) -> int:
    """Apply one change atomically and write its ledger row; returns the item id.

    Refuses (raises :class:`NegativeStockError`, changing nothing) when on_hand would go
    below zero and ``allow_negative`` is false. ``reserved`` can never go below zero.
    Neither may leave ``±MAX_STOCK`` (``ValidationError``): with every change bounded,
    no stock figure or sum of them can overflow SQLite's 64-bit integers.
    """
    ref_type, ref_id = reference(reference_type, reference_id)
    for d in (d_on_hand, d_reserved):  # checked before SQL so the sum itself cannot overflow
        if not quantity_ok(d, low=-2 * MAX_STOCK, high=2 * MAX_STOCK):
            raise ValidationError(stock_message())
    parts = _bundle_parts(session, variant_id, ref_type)
    if parts:  # a bundle's order line moves its components, one row each (bundle_rules)
        item_ids = [  # every component, not only the first
            apply_change(
                session,
                variant_id=cid,
                location_id=location_id,
                txn_type=txn_type,
                d_on_hand=d_on_hand * qty,
                d_reserved=d_reserved * qty,
                actor=actor,
                reference_type=reference_type,
                reference_id=reference_id,
                note=note,
                allow_negative=allow_negative,
            )
            for cid, qty in parts
        ]
        return item_ids[0]
    item_id = ensure_item(session, variant_id, location_id)
    if d_on_hand == 0 and d_reserved == 0:
        return item_id
    conds = [InventoryItem.id == item_id]
    if d_on_hand < 0 and not allow_negative:
        conds.append(InventoryItem.on_hand + d_on_hand >= 0)
    # no stock figure leaves [-MAX_STOCK, MAX_STOCK] (docs/ARCHITECTURE.md, "Bounds")
    if d_on_hand > 0:
        conds.append(InventoryItem.on_hand + d_on_hand <= MAX_STOCK)
    elif d_on_hand < 0:
        conds.append(InventoryItem.on_hand + d_on_hand >= -MAX_STOCK)
    if d_reserved < 0:
        conds.append(InventoryItem.reserved + d_reserved >= 0)
    elif d_reserved > 0:
        conds.append(InventoryItem.reserved + d_reserved <= MAX_STOCK)
    result: CursorResult[Any] = session.execute(  # type: ignore[assignment]  # an UPDATE's result
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
        on_hand, reserved = session.execute(
            select(InventoryItem.on_hand, InventoryItem.reserved).where(InventoryItem.id == item_id)
        ).one()
        if abs(on_hand + d_on_hand) > MAX_STOCK or reserved + d_reserved > MAX_STOCK:
            raise ValidationError(stock_message())
        raise NegativeStockError(msg("not enough stock for this change: it would go below zero"))
    session.execute(
        insert(InventoryTransaction).values(
            item_id=item_id,
            type=txn_type,
            delta_on_hand=d_on_hand,
            delta_reserved=d_reserved,
            reference_type=ref_type,
            reference_id=ref_id,
            actor=actor,
            note=note,
            created_at=utcnow(),
        )
    )
    touched_variants(session).add(variant_id)
    return item_id


def record_only(
    session: Session,
    *,
    variant_id: int,
    location_id: int,
    txn_type: TxnType,
    actor: str,
    reference_type: RefType | str,
    reference_id: int | str | None,
    note: str,
) -> int:
    """A ledger row that moves no stock (a written-off return: the units never come back
    on the shelf, yet the decision is on record beside the other rows of the order item).
    Counts still equal the sums of their deltas. Returns the item id."""
    ref_type, ref_id = reference(reference_type, reference_id)
    parts = _bundle_parts(session, variant_id, ref_type)
    if parts:  # a bundle's decision is on record beside each component's rows
        item_ids = [  # every component, not only the first
            record_only(
                session,
                variant_id=cid,
                location_id=location_id,
                txn_type=txn_type,
                actor=actor,
                reference_type=reference_type,
                reference_id=reference_id,
                note=note,
            )
            for cid, _qty in parts
        ]
        return item_ids[0]
    item_id = ensure_item(session, variant_id, location_id)
    session.execute(
        insert(InventoryTransaction).values(
            item_id=item_id,
            type=txn_type,
            delta_on_hand=0,
            delta_reserved=0,
            reference_type=ref_type,
            reference_id=ref_id,
            actor=actor,
            note=note,
            created_at=utcnow(),
        )
    )
    return item_id


# --------------------------------------------------------------------------- many changes

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


def _write(
    session: Session,
    totals: dict[int, tuple[int, int]],
    rows: Sequence[tuple[int, str, int, int, str, str | None, str, str]],
) -> None:
    """Add ``totals`` (item -> (d on hand, d reserved)) with one ``executemany`` and the
    ledger ``rows`` (LEDGER_COLUMNS but the time) with one bulk insert."""
    now = utcnow()
    conn = session.connection()
    stamp = formats(conn.dialect).time(now)
    # plain executemany of tuples: Core's update() processed every parameter of every row.
    # In item order: two writers updating overlapping items lock them in the same order, so
    # a team database (PostgreSQL, row locks) never deadlocks on them.
    add_by_id(
        conn,
        InventoryItem.__table__,
        ("on_hand", "reserved"),
        [(a, b, i) for i, (a, b) in sorted(totals.items())],
        {"updated_at": stamp},
    )
    insert_rows(conn, InventoryTransaction.__table__, LEDGER_COLUMNS, [(*r, stamp) for r in rows])


# a queued change: (variant, location, type, d on hand, d reserved, ref type, ref id, actor,
# note); a plain tuple, cheap to build thousands of times per page
_Queued = tuple[int, int, TxnType, int, int, str, str | None, str, str]


class LedgerBatch:
    """Stock effects of many order lines, applied together at :meth:`flush`.

    Order ingestion moves thousands of items per page; one ``executemany`` for the counts
    and one for the ledger rows replace four statements per line. Only for changes that
    may not be refused (platform sales, reservations, releases): ``reserved`` still cannot
    go below zero, enforced by the table's CHECK constraint, which fails the whole page.
    References are checked when a change is added, so a bad one fails at its source.
    Its quantities were bounded where they came in (an order line is at most
    ``MAX_QUANTITY``, services/bounds.py), so the sums stay far from overflowing.
    """

    def __init__(self) -> None:
        self._rows: list[_Queued] = []

    def add(
        self,
        *,
        variant_id: int,
        location_id: int,
        txn_type: TxnType,
        d_on_hand: int = 0,
        d_reserved: int = 0,
        actor: str,
        reference_type: RefType | str = RefType.MANUAL,
        reference_id: int | str | None = None,
        note: str = "",
    ) -> None:
        """Queue one change."""
        ref_type, ref_id = reference(reference_type, reference_id)
        if d_on_hand or d_reserved:
            self._rows.append(
                (
                    variant_id,
                    location_id,
                    txn_type,
                    d_on_hand,
                    d_reserved,
                    ref_type,
                    ref_id,
                    actor,
                    note,
                )
            )

    def __len__(self) -> int:
        return len(self._rows)

    def _expand_bundles(self, session: Session) -> None:
        """A bundle's order lines book on its components, one row per component with the
        same reference (docs/ARCHITECTURE.md, bundles and kits): one query per flush,
        nothing more when no line is a bundle's."""
        leaves = bundle_rules.leaf_components(session, {q[0] for q in self._rows})
        if not leaves:
            return
        rows: list[_Queued] = []
        for q in self._rows:
            parts = leaves.get(q[0])
            if parts is None:
                rows.append(q)
            else:
                rows.extend(
                    (cid, q[1], q[2], q[3] * n, q[4] * n, *q[5:])
                    for cid, n in sorted(parts.items())
                )
        self._rows = rows

    def flush(self, session: Session) -> None:
        """Apply every queued change (in the caller's transaction) and write the ledger."""
        if not self._rows:
            return
        self._expand_bundles(session)
        pairs = {(q[0], q[1]) for q in self._rows}
        items = _ensure_items(session, pairs)
        totals: dict[int, tuple[int, int]] = {}
        rows = []
        for vid, loc, txn, d_oh, d_rs, ref_type, ref_id, actor, note in self._rows:
            item_id = items[vid, loc][0]
            oh, rs = totals.get(item_id, (0, 0))
            totals[item_id] = (oh + d_oh, rs + d_rs)
            rows.append((item_id, txn.value, d_oh, d_rs, ref_type, ref_id, actor, note))
        _write(session, totals, rows)
        touched_variants(session).update(v for v, _l in pairs)
        self._rows.clear()


@dataclass(frozen=True)
class CountsApplied:
    """What :func:`set_counts` booked."""

    rows: int  # ledger rows written (items whose count differed)
    units: int  # units moved, in either direction


def set_counts(
    session: Session,
    counts: Sequence[tuple[int, int, int, str]],
    *,
    txn_type: TxnType,
    actor: str,
    reference_type: RefType | str,
    reference_id: int | str | None,
    default_note: str = "",
) -> CountsApplied:
    """Set on-hand of each (variant, location, counted, note) to its count, in bulk.

    Stocktake semantics: a count is a fact, so it may take stock from negative back up or
    down to zero; one atomic ``on_hand = on_hand + diff`` and one ledger row per changed
    item. The counts are read in the caller's write transaction (SQLite holds the write
    lock from BEGIN IMMEDIATE), so no other writer moves stock between read and update.
    """
    ref_type, ref_id = reference(reference_type, reference_id)
    bundle_rules.refuse_direct(session, {v for v, _l, _c, _n in counts})  # no stock of its own
    for _v, _l, counted, _n in counts:  # a count is a stock figure: the same bound
        if not quantity_ok(counted, high=MAX_STOCK):
            raise ValidationError(range_message("counted", 0, MAX_STOCK))
    items = _ensure_items(session, [(v, loc) for v, loc, _c, _n in counts])
    changes = [
        (items[v, loc][0], v, counted - items[v, loc][1], note)
        for v, loc, counted, note in counts
        if counted != items[v, loc][1]
    ]
    if not changes:
        return CountsApplied(0, 0)
    totals: dict[int, tuple[int, int]] = {}
    for item_id, _v, diff, _n in changes:
        totals[item_id] = (totals.get(item_id, (0, 0))[0] + diff, 0)
    _write(
        session,
        totals,
        [
            (item_id, txn_type.value, diff, 0, ref_type, ref_id, actor, note or default_note)
            for item_id, _v, diff, note in changes
        ],
    )
    touched_variants(session).update(v for _i, v, _d, _n in changes)
    return CountsApplied(len(changes), sum(abs(d) for _i, _v, d, _n in changes))
