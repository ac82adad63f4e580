"""The channel-stock rules: what each store is shown, and keeping every store showing it.

One module owns the whole loop between master stock and the marketplaces
(docs/ARCHITECTURE.md):

- **the policy** — :func:`shown_stock`: what a store is shown for an available count
  (its buffer, its percentage share, its cap, never below zero);
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
from datetime import datetime, timedelta
from typing import NamedTuple

from sqlalchemy import event, func, select, update
from sqlalchemy.orm import Session, sessionmaker

from app.core.db.models import ChannelListing, StockPush, Store
from app.core.db.types import utcnow
from app.core.domain import OutboxStatus, UpdateResult
from app.core.services.context import ServiceContext
from app.core.services.ledger import FORCE_KEY, TOUCHED_KEY, forced_listings, touched_variants
from app.core.services.locations import location_for
from app.core.services.stock_levels import available_by_variant
from app.core.services.sync_jobs import JobLog
from app.core.settings import StoreSettings

log = logging.getLogger(__name__)

# --------------------------------------------------------------------------- the policy


def shown_stock(policy: StoreSettings, available: int) -> int:
    """What a store with this policy should show for ``available`` master stock."""
    value = max(0, available - policy.buffer)
    value = value * policy.percentage // 100
    if policy.cap is not None:
        value = min(value, policy.cap)
    return max(0, value)


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
    variant_ids = set(variant_ids)
    force_listings = force_listings or set()
    if not variant_ids and not force_listings:
        return set()
    now = now or utcnow()
    rows = session.execute(
        select(
            ChannelListing.id,
            ChannelListing.variant_id,
            ChannelListing.store_id,
            ChannelListing.last_pushed_stock,
            ChannelListing.platform_stock,
            Store.settings,
            Store.workspace_id,
        )
        .join(Store, Store.id == ChannelListing.store_id)
        .where(ChannelListing.variant_id.in_(variant_ids) | ChannelListing.id.in_(force_listings))
    ).all()
    if not rows:
        return set()
    # available per (variant, location), one query per location in use
    by_location: dict[int, set[int]] = {}
    policies: dict[int, StoreSettings] = {}
    locations: dict[int, int] = {}
    for _lid, vid, sid, _lp, _ps, settings, ws in rows:
        if sid not in policies:
            policies[sid] = StoreSettings.from_json(settings)
            locations[sid] = location_for(session, ws, policies[sid])
        by_location.setdefault(locations[sid], set()).add(vid)
    available = {
        (loc, vid): qty
        for loc, vids in by_location.items()
        for vid, qty in available_by_variant(session, vids, loc).items()
    }
    existing = {
        r.listing_id: r
        for r in session.scalars(
            select(StockPush).where(StockPush.listing_id.in_([r[0] for r in rows]))
        )
    }
    stores: set[int] = set()
    for lid, vid, sid, last_pushed, platform_stock, _s, _w in rows:
        if last_pushed is None and platform_stock is None:
            # never read (an order line created it): product sync compares its figure with
            # master by the store's policy first (services/drift.py, first-sync review)
            continue
        wanted = shown_stock(policies[sid], available.get((locations[sid], vid), 0))
        known = last_pushed if last_pushed is not None else platform_stock
        row = existing.get(lid)
        if wanted == known and lid not in force_listings:
            if row is not None and row.status != OutboxStatus.DONE:
                # the change was undone before we sent it; a different value may be in
                # flight right now, so send this one too rather than drop the row
                row.wanted_stock = wanted
                stores.add(sid)
            continue
        if row is None:
            session.add(
                StockPush(
                    store_id=sid,
                    listing_id=lid,
                    wanted_stock=wanted,
                    status=OutboxStatus.PENDING,
                    attempts=0,
                    next_attempt_at=now,
                    enqueued_at=now,
                )
            )
        elif row.wanted_stock != wanted or row.status == OutboxStatus.DONE or lid in force_listings:
            row.wanted_stock, row.status = wanted, OutboxStatus.PENDING
            row.attempts, row.next_attempt_at, row.enqueued_at = 0, now, now
            row.last_error = ""
        stores.add(sid)
    return stores


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
