"""The durable stock-push outbox (DESIGN §2): one row per listing, the latest wanted value.

Any unit of work that changes stock records the touched variants
(:func:`app.core.services.ledger.touched_variants`); just before it commits, the hook
installed here recomputes what every affected listing on every store should show and
upserts the outbox rows — in the same transaction, so a crash can never lose a push.
After the commit, listeners (the engine) are told which stores have pushes waiting.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from datetime import datetime

from sqlalchemy import event, select
from sqlalchemy.orm import Session, sessionmaker

from app.core.db.models import ChannelListing, StockPush, Store
from app.core.db.types import utcnow
from app.core.domain import OutboxStatus
from app.core.services.ledger import FORCE_KEY, TOUCHED_KEY, forced_listings
from app.core.services.locations import location_for
from app.core.services.stock_levels import available_by_variant
from app.core.settings import StoreSettings

log = logging.getLogger(__name__)
QUEUED_KEY = "storesync.pushes_queued_for"

Listener = Callable[[set[int]], None]


def force_push(session: Session, listing_ids: Iterable[int]) -> None:
    """Queue these listings even if the value equals what we last pushed (drift repair)."""
    forced_listings(session).update(listing_ids)


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
        wanted = policies[sid].channel_stock(available.get((locations[sid], vid), 0))
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


class OutboxHooks:
    """Session hooks that keep the outbox in step with every stock change."""

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
