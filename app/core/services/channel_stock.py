"""The channel-stock rules: what each store is shown, and keeping every store showing it.

One module owns the whole loop between master stock and the marketplaces
(docs/ARCHITECTURE.md):

- **the policy** — :func:`shown_stock`: what a store is shown for an available count
  (its buffer, its percentage share, its cap, never below zero); and the last-units rule,
  :func:`last_units_store`: at or below a threshold a variant is offered on one store only;
- **the outbox** — :func:`queue_pushes` and :func:`force_push`: which listings need a new
  figure sent, one durable ``stock_push`` row per listing holding the latest wanted value;
- **drift** lives in :mod:`app.core.services.drift` (what a platform figure that no push
  or order explains means, under the store's drift policy);
- **push results** — :func:`due_pushes`, :func:`record_push_results`, :func:`retry_delay`,
  :func:`next_retry_at`: what the push job sends and how each answer is kept.

Why a commit hook (:class:`OutboxHooks`): every writer of stock — the GUI's adjustments,
the Excel importer, order ingestion, mapping a listing, the engine's own drift repairs —
only records which variants it touched (:func:`app.core.services.ledger.touched_variants`).
Just before that unit of work commits, the hook turns the touched variants into outbox
rows *in the same transaction*, so no writer can forget to queue its pushes and a crash
can never commit a stock change whose push is lost. The workspace opener installs the
hook once per process (:func:`app.core.workspace.open_workspace`); after the commit it
tells its listeners (the engine) which stores have pushes waiting.
"""

from __future__ import annotations

import logging
import random
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import NamedTuple, cast

from sqlalchemy import Select, Table, bindparam, event, func, select, update
from sqlalchemy.orm import Session, sessionmaker

from app.core.db.bulk import CHUNK, formats, insert_rows, worth_a_scan
from app.core.db.models import (
    ChannelListing,
    InventoryItem,
    Order,
    OrderItem,
    StockPush,
    Store,
    Variant,
)
from app.core.db.types import utcnow
from app.core.domain import InventoryState, OutboxStatus, UpdateResult
from app.core.services import audit
from app.core.services.bundle_rules import with_containing_bundles
from app.core.services.context import ServiceContext
from app.core.services.errors import NotFoundError, ValidationError
from app.core.services.ledger import (
    FORCE_KEY,
    TOUCHED_KEY,
    forced_listings,
    touched_variants,
)
from app.core.services.locations import location_for
from app.core.services.permissions import Permission, require
from app.core.services.stock_levels import available_by_variant
from app.core.services.sync_jobs import JobLog
from app.core.settings import LAST_UNITS_THRESHOLD, StoreSettings, setting_in
from app.core.text import msg

log = logging.getLogger(__name__)

# --------------------------------------------------------------------------- the policy


def shown_stock(policy: StoreSettings, available: int) -> int:
    """What a store with this policy should show for ``available`` master stock."""
    value = max(0, available - policy.buffer)
    value = value * policy.percentage // 100
    if policy.cap is not None:
        value = min(value, policy.cap)
    return max(0, value)


# The last-units rule (docs/ARCHITECTURE.md, channel stock). Every store that shows a unit
# can sell it; a sale reaches the other stores only after our order fetch has seen it and
# our push has landed there. While many units are left that window costs nothing; for the
# last few, two stores selling in the same window is an oversell. So at or below the
# threshold a variant is offered on one store only and 0 elsewhere: a platform never sells
# more than it shows, and now only one platform shows the last units.

#: how far back "sold it fastest" looks
LAST_UNITS_SALES_DAYS = 14


@dataclass(frozen=True)
class LastUnitsCandidate:
    """One store listing a variant (from one stock location), as the rule sees it."""

    store_id: int
    policy_value: int  # what its own policy (buffer, share, cap) would show
    recent_units: int  # units of the variant it sold in the last LAST_UNITS_SALES_DAYS
    showing: bool  # what we last sent or queued for it is above 0


def last_units_store(
    available: int,
    threshold: int,
    candidates: Sequence[LastUnitsCandidate],
    picked_store_id: int | None = None,
) -> int | None:
    """The one store that keeps offering a variant; ``None``: the rule is not in force
    (off, more than ``threshold`` units available, or listed on one store only).

    The seller's pick wins if that store can show any; else the store already offering
    it alone keeps it (handing over would open the very window the rule closes); else the
    store that sold most units lately (ties: the lowest store id, so the choice is stable).
    """
    if threshold <= 0 or available > threshold or len({c.store_id for c in candidates}) < 2:
        return None
    able = [c for c in candidates if c.policy_value > 0]
    if not able:
        return None  # every store shows 0 by its own policy already
    if picked_store_id is not None and any(c.store_id == picked_store_id for c in able):
        return picked_store_id
    showing = {c.store_id for c in able if c.showing}
    if len(showing) == 1:
        return showing.pop()
    return min(able, key=lambda c: (-c.recent_units, c.store_id)).store_id


def recent_units_by_store(
    session: Session, variant_ids: Iterable[int], now: datetime | None = None
) -> dict[tuple[int, int], int]:
    """Units of each variant that took stock in each store's orders lately:
    ``{(variant_id, store_id): units}``."""
    variant_ids = list(variant_ids)
    if not variant_ids:
        return {}
    since = (now or utcnow()) - timedelta(days=LAST_UNITS_SALES_DAYS)
    rows = session.execute(
        select(OrderItem.variant_id, Order.store_id, func.sum(OrderItem.quantity))
        .join(Order, Order.id == OrderItem.order_id)
        .where(
            OrderItem.variant_id.in_(variant_ids),
            OrderItem.inventory_state.in_([InventoryState.RESERVED, InventoryState.DEDUCTED]),
            Order.placed_at >= since,
        )
        .group_by(OrderItem.variant_id, Order.store_id)
    )
    return {(int(v), int(st)): int(n or 0) for v, st, n in rows if v is not None}


def last_units_thresholds(
    session: Session, workspace_id: int, variant_ids: Iterable[int]
) -> dict[int, tuple[int, int | None]]:
    """Each variant's threshold (its override, else the workspace setting) and the store
    the seller picked for it: ``{variant_id: (threshold, picked store id or None)}``."""
    default = setting_in(session, workspace_id, LAST_UNITS_THRESHOLD)
    rows = session.execute(
        select(Variant.id, Variant.last_units_threshold, Variant.last_units_store_id).where(
            Variant.id.in_(list(variant_ids))
        )
    )
    return {int(v): (default if t is None else int(t), st) for v, t, st in rows}


def set_last_units(
    ctx: ServiceContext, variant_id: int, threshold: int | None, store_id: int | None = None
) -> None:
    """A variant's own last-units threshold (None: the workspace setting; 0: off) and the
    store the seller wants its last units on (None: the fastest seller). Every store
    listing it is brought in line in the same unit of work."""
    require(ctx, Permission.EDIT_CATALOG)
    if threshold is not None and not 0 <= threshold <= 100_000:
        raise ValidationError(
            msg("last-units threshold must be between 0 and 100000, or empty"),
            field="last_units_threshold",
        )
    with ctx.write() as s:
        var = s.get(Variant, variant_id)
        if var is None or var.workspace_id != ctx.workspace_id:
            raise NotFoundError(msg("variant {id} not found", id=variant_id))
        if store_id is not None and not s.scalar(
            select(ChannelListing.id).where(
                ChannelListing.variant_id == variant_id, ChannelListing.store_id == store_id
            )
        ):
            raise ValidationError(
                msg("that store does not list this variant: map a listing to it first"),
                field="last_units_store_id",
            )
        before = {"threshold": var.last_units_threshold, "store": var.last_units_store_id}
        var.last_units_threshold, var.last_units_store_id = threshold, store_id
        after = {"threshold": threshold, "store": store_id}
        audit.record(s, ctx, "variant", variant_id, "last_units", before, after)
        touched_variants(s).add(variant_id)


def touch_all_listings(session: Session, workspace_id: int) -> None:
    """Have every mapped listing of the workspace recomputed when this unit of work
    commits (the workspace's last-units threshold changed)."""
    touched_variants(session).update(
        session.scalars(
            select(ChannelListing.variant_id)
            .join(Store, Store.id == ChannelListing.store_id)
            .where(Store.workspace_id == workspace_id, ChannelListing.variant_id.is_not(None))
            .distinct()
        )
    )


# --------------------------------------------------------------------------- the outbox


def force_push(session: Session, listing_ids: Iterable[int]) -> None:
    """Queue these listings even if the value equals what we last pushed (drift repair)."""
    forced_listings(session).update(listing_ids)


def touch_store_listings(session: Session, store_id: int) -> None:
    """Have every mapped listing of a store recomputed when this unit of work commits (a
    new policy, or product sync aligning the store with master stock)."""
    touched_variants(session).update(
        v
        for v in session.scalars(
            select(ChannelListing.variant_id).where(
                ChannelListing.store_id == store_id, ChannelListing.variant_id.is_not(None)
            )
        )
        if v is not None  # excluded by the query; this tells the type checker
    )


def realign_store(ctx: ServiceContext, store_id: int) -> None:
    """:func:`touch_store_listings` in a unit of work of its own."""
    with ctx.write() as s:
        touch_store_listings(s, store_id)


class _Listings(NamedTuple):
    """Listings with what the policy needs: each store's policy and stock location, the
    available stock per (location, variant), and the listings' outbox rows."""

    rows: list  # (listing id, variant id, store id, last pushed, platform stock, workspace)
    policies: dict[int, StoreSettings]
    locations: dict[int, int]
    available: dict[tuple[int, int], int]
    existing: dict[int, _Queued]


class _Queued(NamedTuple):
    """A listing's outbox row, as plain values: an import queues tens of thousands, and
    ORM objects for them were most of its commit's time and memory."""

    id: int
    wanted_stock: int
    status: OutboxStatus


def _chunked(session: Session, stmt: Select, column, ids: Iterable[int]) -> list:
    """``stmt`` for every id, CHUNK ids per query (no IN list over the variable limit)."""
    ids = sorted(ids)
    out: list = []
    for i in range(0, len(ids), CHUNK):
        out += session.execute(stmt.where(column.in_(ids[i : i + CHUNK]))).all()
    return out


def _scan(session: Session, wanted: int, table) -> bool:
    return worth_a_scan(session.connection(), wanted, table)


def _listing_rows(session: Session, variant_ids: set[int], listing_ids: set[int]) -> list:
    stmt = select(
        ChannelListing.id,
        ChannelListing.variant_id,
        ChannelListing.store_id,
        ChannelListing.last_pushed_stock,
        ChannelListing.platform_stock,
        Store.workspace_id,
    ).join(Store, Store.id == ChannelListing.store_id)
    if _scan(session, len(variant_ids) + len(listing_ids), ChannelListing.__table__):
        rows = [
            r
            for r in session.execute(stmt.where(ChannelListing.variant_id.is_not(None)))
            if r[1] in variant_ids or r[0] in listing_ids
        ]
        if listing_ids:  # a forced listing may be unmapped
            seen = {r[0] for r in rows}
            rows += _chunked(session, stmt, ChannelListing.id, listing_ids - seen)
    else:
        rows = _chunked(session, stmt, ChannelListing.variant_id, variant_ids)
        rows += _chunked(session, stmt, ChannelListing.id, listing_ids)
    return sorted({r[0]: tuple(r) for r in rows}.values())  # once each, by listing id


def _available(session: Session, location_id: int, variant_ids: set[int]) -> dict[int, int]:
    """Available stock of these variants at one location (0 without a stock row)."""
    if not _scan(session, len(variant_ids), InventoryItem.__table__):
        ids = sorted(variant_ids)
        return {
            v: n
            for i in range(0, len(ids), CHUNK)
            for v, n in available_by_variant(session, ids[i : i + CHUNK], location_id).items()
        }
    out = dict.fromkeys(variant_ids, 0)
    for vid, qty in session.execute(
        select(InventoryItem.variant_id, InventoryItem.on_hand - InventoryItem.reserved).where(
            InventoryItem.location_id == location_id
        )
    ):
        if vid in out:
            out[vid] = int(qty or 0)
    return out


def _load_listings(
    session: Session, variant_ids: set[int], listing_ids: set[int] | None = None
) -> _Listings:
    """The listings of ``variant_ids`` and the listings ``listing_ids``, with what the
    policy needs. Store settings are read once per store, not once per listing."""
    listing_ids = listing_ids or set()
    rows = _listing_rows(session, variant_ids, listing_ids)
    stores = {r[2] for r in rows}
    policies: dict[int, StoreSettings] = {}
    locations: dict[int, int] = {}
    for sid, settings, ws in session.execute(
        select(Store.id, Store.settings, Store.workspace_id).where(Store.id.in_(stores))
    ):
        policies[sid] = StoreSettings.from_json(settings)
        locations[sid] = location_for(session, ws, policies[sid])
    # available per (variant, location), one query (or a few) per location in use
    by_location: dict[int, set[int]] = {}
    for r in rows:
        if r[1] is not None:
            by_location.setdefault(locations[r[2]], set()).add(r[1])
    available = {
        (loc, vid): qty
        for loc, vids in by_location.items()
        for vid, qty in _available(session, loc, vids).items()
    }
    push = select(StockPush.listing_id, StockPush.id, StockPush.wanted_stock, StockPush.status)
    if _scan(session, len(rows), StockPush.__table__):
        wanted = {r[0] for r in rows}
        found = [
            q for q in session.execute(push.where(StockPush.store_id.in_(stores))) if q[0] in wanted
        ]
    else:
        found = _chunked(session, push, StockPush.listing_id, [r[0] for r in rows])
    existing = {lid: _Queued(qid, ws, st) for lid, qid, ws, st in found}
    return _Listings(rows, policies, locations, available, existing)


def queue_pushes(
    session: Session,
    variant_ids: Iterable[int],
    *,
    force_listings: set[int] | None = None,
    now: datetime | None = None,
) -> set[int]:
    """Upsert outbox rows for every listing of these variants whose wanted stock changed.

    Returns the ids of stores that now have pushes waiting.
    """
    # a component's change is also its bundles' (docs/ARCHITECTURE.md, bundles and kits)
    variant_ids = with_containing_bundles(session, variant_ids)
    force_listings = force_listings or set()
    if not variant_ids and not force_listings:
        return set()
    now = now or utcnow()
    session.flush()  # outbox rows change below through Core, not through ORM objects
    ls = _load_listings(session, variant_ids, force_listings)
    rows, existing = ls.rows, ls.existing
    if not rows:
        return set()
    wanted_by_listing = _wanted(session, ls, now)
    stores: set[int] = set()
    new_rows: list[tuple[int, int, int]] = []  # (store, listing, wanted), inserted in bulk
    kept: list[dict] = []  # undone before sent: the wanted value only
    reset: list[dict] = []  # pending again from scratch
    for lid, _vid, sid, last_pushed, platform_stock, _w in rows:
        if last_pushed is None and platform_stock is None:
            # never read (an order line created it): product sync compares its figure with
            # master by the store's policy first (services/drift.py, first-sync review)
            continue
        wanted = wanted_by_listing[lid]
        known = last_pushed if last_pushed is not None else platform_stock
        row = existing.get(lid)
        if wanted == known and lid not in force_listings:
            if row is not None and row.status != OutboxStatus.DONE:
                # the change was undone before we sent it; a different value may be in
                # flight right now, so send this one too rather than drop the row
                if row.wanted_stock != wanted:
                    kept.append({"qid": row.id, "wanted": wanted})
                stores.add(sid)
            continue
        if row is None:
            new_rows.append((sid, lid, wanted))
        elif row.wanted_stock != wanted or row.status == OutboxStatus.DONE or lid in force_listings:
            reset.append({"qid": row.id, "wanted": wanted})
        stores.add(sid)
    _insert_pushes(session, new_rows, now)
    _update_pushes(session, kept, reset, now)
    return stores


def _update_pushes(session: Session, kept: list[dict], reset: list[dict], now: datetime) -> None:
    """Changed outbox rows, one ``executemany`` per kind of change."""
    table = cast(Table, StockPush.__table__)  # Core executemany, not ORM objects
    where = table.c.id == bindparam("qid")
    conn = session.connection()
    if kept:
        conn.execute(update(table).where(where).values(wanted_stock=bindparam("wanted")), kept)
    if reset:
        conn.execute(
            update(table)
            .where(where)
            .values(
                wanted_stock=bindparam("wanted"),
                status=OutboxStatus.PENDING,
                attempts=0,
                next_attempt_at=now,
                enqueued_at=now,
                last_error="",
            ),
            reset,
        )


_PUSH_COLUMNS = (
    "store_id",
    "listing_id",
    "wanted_stock",
    "status",
    "attempts",
    "next_attempt_at",
    "last_error",
    "enqueued_at",
    "updated_at",
)


def _insert_pushes(session: Session, rows: list[tuple[int, int, int]], now: datetime) -> None:
    """New outbox rows in one ``executemany`` (an import of 50,000 counts queues 50,000
    pushes; ORM objects made that most of its commit)."""
    if not rows:
        return
    conn = session.connection()
    at = formats(conn.dialect).time(now)
    pending = OutboxStatus.PENDING.value
    insert_rows(
        conn,
        StockPush.__table__,
        _PUSH_COLUMNS,
        [(sid, lid, wanted, pending, 0, at, "", at, at) for sid, lid, wanted in rows],
    )


def _wanted(
    session: Session,
    ls: _Listings,
    now: datetime,
    keepers: dict[tuple[int, int], int] | None = None,
) -> dict[int, int]:
    """What each listing should show: its store's policy, then the last-units rule per
    (variant, stock location) — stores drawing on different locations share nothing.
    ``keepers``, when given, receives the store that keeps offering each (variant,
    location) the rule is in force for."""
    rows, policies, locations, available, existing = ls
    wanted: dict[int, int] = {}
    groups: dict[tuple[int, int], list] = {}
    for row in rows:
        lid, vid, sid = row[0], row[1], row[2]
        wanted[lid] = shown_stock(policies[sid], available.get((locations[sid], vid), 0))
        groups.setdefault((vid, locations[sid]), []).append(row)
    by_workspace: dict[int, set[int]] = {}
    for (vid, loc), group in groups.items():
        if len({r[2] for r in group}) > 1 and available.get((loc, vid), 0) > 0:
            by_workspace.setdefault(group[0][5], set()).add(vid)
    if not by_workspace:
        return wanted
    limits = {
        vid: t
        for ws, vids in by_workspace.items()
        for vid, t in last_units_thresholds(session, ws, vids).items()
    }
    in_force = {
        vid
        for (vid, loc), _g in groups.items()
        if vid in limits and 0 < available.get((loc, vid), 0) <= limits[vid][0]
    }
    if not in_force:
        return wanted
    sold = recent_units_by_store(session, in_force, now)
    for (vid, loc), group in groups.items():
        if vid not in in_force:
            continue
        candidates: dict[int, LastUnitsCandidate] = {}
        for lid, _v, sid, last_pushed, platform_stock, _w in group:
            row = existing.get(lid)
            current = (
                row.wanted_stock
                if row is not None and row.status != OutboxStatus.DONE
                else (last_pushed if last_pushed is not None else platform_stock)
            )
            prev = candidates.get(sid)
            candidates[sid] = LastUnitsCandidate(
                sid,
                wanted[lid],
                sold.get((vid, sid), 0),
                bool(current) or (prev is not None and prev.showing),
            )
        threshold, picked = limits[vid]
        keeper = last_units_store(
            available[(loc, vid)], threshold, list(candidates.values()), picked
        )
        if keeper is None:
            continue
        if keepers is not None:
            keepers[(vid, loc)] = keeper
        for r in group:
            if r[2] != keeper:
                wanted[r[0]] = 0
    return wanted


def wanted_stock(session: Session, variant_ids: Iterable[int]) -> dict[int, int]:
    """What every listing of these variants should show now, by listing id: the policy
    and the last-units rule, exactly as :func:`queue_pushes` computes it."""
    ls = _load_listings(session, set(variant_ids))
    return _wanted(session, ls, utcnow())


def last_units_keepers(
    ctx: ServiceContext, variant_ids: Iterable[int]
) -> dict[tuple[int, int], tuple[int, str]]:
    """Where the last-units rule is in force now: ``{(variant_id, location_id): (store
    id, store name)}`` of the one store offering it, computed exactly as the pushes are
    (for the Inventory page and the product editor)."""
    variant_ids = set(variant_ids)
    if not variant_ids:
        return {}
    keepers: dict[tuple[int, int], int] = {}
    with ctx.read() as s:
        ls = _load_listings(s, variant_ids)
        _wanted(s, ls, utcnow(), keepers)
        names = {
            int(sid): name
            for sid, name in s.execute(
                select(Store.id, Store.name).where(Store.id.in_(set(keepers.values())))
            )
        }
    return {key: (sid, names.get(sid, "")) for key, sid in keepers.items()}


def listing_stores(
    ctx: ServiceContext, variant_ids: Iterable[int]
) -> dict[int, list[tuple[int, str]]]:
    """The stores listing each variant, by name: the choices for "Last units go to"."""
    variant_ids = set(variant_ids)
    out: dict[int, list[tuple[int, str]]] = {}
    if not variant_ids:
        return out
    with ctx.read() as s:
        rows = s.execute(
            select(ChannelListing.variant_id, Store.id, Store.name)
            .join(Store, Store.id == ChannelListing.store_id)
            .where(
                ChannelListing.variant_id.in_(variant_ids),
                Store.workspace_id == ctx.workspace_id,
            )
            .distinct()
            .order_by(Store.name, Store.id)
        )
        for vid, sid, name in rows:
            if vid is not None:  # excluded by the query; this tells the type checker
                out.setdefault(int(vid), []).append((int(sid), name))
    return out


QUEUED_KEY = "storesync.pushes_queued_for"

Listener = Callable[[set[int]], None]


class OutboxHooks:
    """The before-commit hook that queues pushes for every stock change (see the module
    docstring for why it is a hook), and the after-commit call to its listeners."""

    def __init__(self) -> None:
        self.listeners: list[Listener] = []

    def install(self, sessions: sessionmaker[Session]) -> None:
        """Attach to a session factory (once per process)."""
        event.listen(sessions, "before_commit", self._before_commit)
        event.listen(sessions, "after_commit", self._after_commit)
        event.listen(sessions, "after_rollback", self._after_rollback)

    def _before_commit(self, session: Session) -> None:
        touched = session.info.pop(TOUCHED_KEY, None)
        forced = session.info.pop(FORCE_KEY, None)
        if not touched and not forced:
            return
        stores = queue_pushes(session, touched or set(), force_listings=forced or set())
        if stores:
            session.info.setdefault(QUEUED_KEY, set()).update(stores)

    def _after_commit(self, session: Session) -> None:
        stores = session.info.pop(QUEUED_KEY, None)
        if not stores:
            return
        for listener in list(self.listeners):
            try:
                listener(set(stores))
            except Exception:  # a listener's bug must not break the writer's commit
                log.exception("outbox listener failed")

    def _after_rollback(self, session: Session) -> None:
        for key in (TOUCHED_KEY, FORCE_KEY, QUEUED_KEY):
            session.info.pop(key, None)


def install_outbox_hooks(sessions: sessionmaker[Session]) -> OutboxHooks:
    """Install :class:`OutboxHooks` on a session factory and return them (for listeners)."""
    hooks = OutboxHooks()
    hooks.install(sessions)
    return hooks


# --------------------------------------------------------------------------- push results

RETRY_BASE_SECONDS = 5.0
RETRY_MAX_SECONDS = 15 * 60.0


def retry_delay(attempts: int) -> timedelta:
    """Back-off for a failed listing: exponential with jitter, capped."""
    ceiling = min(RETRY_MAX_SECONDS, RETRY_BASE_SECONDS * 2 ** max(0, attempts - 1))
    return timedelta(seconds=random.uniform(ceiling / 2, ceiling))


class DuePush(NamedTuple):
    """One outbox row ready to send."""

    outbox_id: int
    listing_id: int
    platform_product_id: str
    platform_variant_id: str
    wanted: int
    attempts: int


def due_pushes(ctx: ServiceContext, store_id: int, now: datetime | None = None) -> list[DuePush]:
    """The store's pushes due now, by platform product (batches group a product's variants)."""
    now = now or utcnow()
    with ctx.read() as s:
        return [
            DuePush(*row)
            for row in s.execute(
                select(
                    StockPush.id,
                    StockPush.listing_id,
                    ChannelListing.platform_product_id,
                    ChannelListing.platform_variant_id,
                    StockPush.wanted_stock,
                    StockPush.attempts,
                )
                .join(ChannelListing, ChannelListing.id == StockPush.listing_id)
                .where(
                    StockPush.store_id == store_id,
                    StockPush.status.in_([OutboxStatus.PENDING, OutboxStatus.FAILED]),
                    StockPush.next_attempt_at <= now,
                )
                .order_by(ChannelListing.platform_product_id, StockPush.id)
            )
        ]


def next_retry_at(ctx: ServiceContext, store_id: int) -> datetime | None:
    """When the earliest waiting push of the store may be tried."""
    with ctx.read() as s:
        return s.scalar(
            select(func.min(StockPush.next_attempt_at)).where(
                StockPush.store_id == store_id,
                StockPush.status.in_([OutboxStatus.PENDING, OutboxStatus.FAILED]),
            )
        )


def push_labels(
    ctx: ServiceContext, listing_ids: Sequence[int]
) -> dict[int, tuple[str, int | None]]:
    """Per listing: the SKU a seller knows it by (the variant's, else the platform's) and the
    stock the store showed before this push (the newer of what we last pushed and what we
    last read; None when neither is known). For the push job's log line."""
    out: dict[int, tuple[str, int | None]] = {}
    ids = list(listing_ids)
    with ctx.read() as s:
        for start in range(0, len(ids), 500):
            rows = s.execute(
                select(
                    ChannelListing.id,
                    Variant.sku,
                    ChannelListing.platform_sku,
                    ChannelListing.last_pushed_stock,
                    ChannelListing.last_pushed_at,
                    ChannelListing.platform_stock,
                    ChannelListing.platform_stock_seen_at,
                )
                .outerjoin(Variant, Variant.id == ChannelListing.variant_id)
                .where(ChannelListing.id.in_(ids[start : start + 500]))
            )
            for lid, sku, psku, pushed, pushed_at, read, read_at in rows:
                newer_read = read_at is not None and (pushed_at is None or read_at > pushed_at)
                out[lid] = (
                    sku or psku or f"#{lid}",
                    read if newer_read or pushed is None else pushed,
                )
    return out


def record_push_results(
    ctx: ServiceContext,
    batch: Sequence[DuePush],
    results: Sequence[UpdateResult],
    job: JobLog,
    error: str = "",
) -> int:
    """Keep what the platform answered for one sent batch; returns how many landed.

    A landed value becomes the listing's ``last_pushed_stock`` and closes its outbox row —
    only if the row still wants that value (a newer wanted value stays pending). A refused
    or unanswered listing (``error``: the whole call failed) is retried after
    :func:`retry_delay`, and the refusal is logged to the job.
    """
    by_key = {(r.platform_product_id, r.platform_variant_id): r for r in results}
    now = utcnow()
    ok_count = 0
    with ctx.write() as s:
        for outbox_id, listing_id, ppid, pvid, wanted, attempts in batch:
            res = by_key.get((ppid, pvid))
            if res is not None and res.ok:
                ok_count += 1
                s.execute(
                    update(ChannelListing)
                    .where(ChannelListing.id == listing_id)
                    .values(last_pushed_stock=wanted, last_pushed_at=now)
                )
                s.execute(
                    update(StockPush)
                    .where(StockPush.id == outbox_id, StockPush.wanted_stock == wanted)
                    .values(status=OutboxStatus.DONE, last_error="", attempts=0)
                )
                continue
            reason = (res.error if res is not None else error) or "no result for this listing"
            s.execute(
                update(StockPush)
                .where(StockPush.id == outbox_id)
                .values(
                    status=OutboxStatus.FAILED,
                    attempts=attempts + 1,
                    next_attempt_at=now + retry_delay(attempts + 1),
                    last_error=reason[:500],
                )
            )
            job.write(
                s,
                f"stock {wanted} for listing {ppid}/{pvid} refused: {reason}",
                "error",
                listing_id=listing_id,
            )
    return ok_count
