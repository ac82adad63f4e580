"""The first-sync review: what product sync found on never-pushed listings, for the seller.

Right after connecting, no listing has been pushed yet. Product sync compares each
listing's platform figure with what the store's policy says master stock should show and
reconciles a difference by the store's drift policy (:mod:`app.core.services.drift`,
``judge_first_sight``). Each such difference is kept as a sync log line with
``detail.review = "first_sync"`` (it commits with the change it describes); this module
lists them for the Stores page's "Review first sync…" dialog and lets the seller dismiss
them (``detail.dismissed``). No table of its own: the log line is the record.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select

from app.core.db.models import ChannelListing, Store, SyncLog
from app.core.services import audit
from app.core.services.context import ServiceContext
from app.core.services.drift import REVIEW, DriftAction
from app.core.services.errors import NotFoundError
from app.core.services.permissions import Permission, require
from app.core.text import msg


@dataclass(frozen=True)
class FirstSyncReview:
    """One listing whose platform figure differed from master when first read."""

    id: int
    at: datetime
    store_id: int
    listing_id: int | None
    sku: str
    title: str
    platform_stock: int  # what the platform said
    master_stock: int  # what master stock, through the store's policy, said
    action: DriftAction  # ACCEPT: master adjusted; PUSH_BACK: master's figure pushed
    pushed: bool  # for PUSH_BACK: a push has landed since

    @property
    def diff(self) -> int:
        return self.platform_stock - self.master_stock


def _open(store_id: int | None = None):
    stmt = select(SyncLog).where(SyncLog.detail["review"].as_string() == REVIEW)
    stmt = stmt.where(func.coalesce(SyncLog.detail["dismissed"].as_boolean(), False).is_(False))
    if store_id is not None:
        stmt = stmt.where(SyncLog.store_id == store_id)
    return stmt


def review_counts(ctx: ServiceContext) -> dict[int, int]:
    """Undismissed review rows per store of the workspace (stores without any: absent)."""
    with ctx.read() as s:
        sub = _open().join(Store, Store.id == SyncLog.store_id)
        sub = sub.where(Store.workspace_id == ctx.workspace_id).subquery()
        rows = s.execute(select(sub.c.store_id, func.count()).group_by(sub.c.store_id))
        return {sid: n for sid, n in rows}


def reviews(ctx: ServiceContext, store_id: int) -> list[FirstSyncReview]:
    """A store's undismissed review rows, oldest first."""
    with ctx.read() as s:
        _store(s, ctx, store_id)
        logs = s.scalars(_open(store_id).order_by(SyncLog.id)).all()
        listings = {
            li.id: li
            for li in s.scalars(
                select(ChannelListing).where(
                    ChannelListing.id.in_([lg.detail.get("listing_id") for lg in logs])
                )
            )
        }
        out = []
        for lg in logs:
            d = lg.detail
            li = listings.get(d.get("listing_id"))
            out.append(
                FirstSyncReview(
                    id=lg.id,
                    at=lg.created_at,
                    store_id=store_id,
                    listing_id=li.id if li is not None else None,
                    sku=li.platform_sku if li is not None else "",
                    title=(li.title if li is not None else "") or "",
                    platform_stock=int(d["platform_stock"]),
                    master_stock=int(d["master_stock"]),
                    action=DriftAction(d["action"]),
                    pushed=li is not None and li.last_pushed_stock is not None,
                )
            )
        return out


def dismiss_reviews(ctx: ServiceContext, store_id: int) -> int:
    """The seller has seen a store's review rows: hide them. Returns how many."""
    require(ctx, Permission.MANAGE_STORES)
    with ctx.write() as s:
        _store(s, ctx, store_id)
        logs = s.scalars(_open(store_id)).all()
        for lg in logs:
            lg.detail = {**lg.detail, "dismissed": True}  # a new dict: JSON is not tracked
        if logs:
            audit.record(s, ctx, "store", store_id, "first_sync_reviewed", note=str(len(logs)))
        return len(logs)


def _store(s, ctx: ServiceContext, store_id: int) -> Store:
    st = s.get(Store, store_id)
    if st is None or st.workspace_id != ctx.workspace_id:
        raise NotFoundError(msg("store {store} does not exist", store=store_id))
    return st
