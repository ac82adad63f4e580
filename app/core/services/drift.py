"""Drift: what a platform's stock figure that no push or order explains means.

Product sync reads every listing's stock figure. Two cases (docs/ARCHITECTURE.md):

- **a pushed listing** — we know what the platform should show: the last figure we pushed,
  less what the store's orders took since and plus what cancellations gave back (kept in
  ``last_pushed_stock`` as orders are stored, ``order_items._mirror_platform_stock``). A
  reading that differs is *drift*; the store's drift policy decides what wins.
- **a never-pushed listing** (``last_pushed_stock`` is NULL: every listing right after
  connecting, or one the seller added later) — nothing was pushed to compare with, so the
  reading is compared with what the policy says master stock should show. A difference is
  reconciled by the policy and kept as a *first-sync review* the seller sees
  (:mod:`app.core.services.first_sync`), instead of being overwritten silently.

Orders first. A figure lower than expected is first explained by the store's orders: the
product job reads the listings, then fetches the store's orders up to *after* the reading
(:mod:`app.core.sync.products_job`), so every order the reading can reflect is stored
before anything is judged. Orders placed (or cancelled) in the seconds around the reading
may or may not be reflected in it, so they make the expected figure a range
(:class:`Unsettled`); only a reading outside the range is drift, by its distance to the
range. That is the unexplained remainder: a sale between two pushes is never drift.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from app.core.db.models import ChannelListing, Order, OrderItem, StockPush, Store
from app.core.domain import DriftPolicy, InventoryState, OutboxStatus, TxnType
from app.core.services.bundle_rules import is_bundle
from app.core.services.channel_stock import force_push, shown_stock
from app.core.services.ledger import apply_change
from app.core.services.order_items import OPEN_STATUSES, PUSH_WINDOW_SECONDS
from app.core.services.stock_levels import available_by_variant
from app.core.services.sync_jobs import JobLog
from app.core.settings import StoreSettings

if TYPE_CHECKING:
    from app.core.services.listings import SeenListing

# Orders this close to the reading's start may or may not be in it: platform times are
# whole seconds (floored) and the platform's clock is not ours.
READING_MARGIN = timedelta(seconds=5)

# what a first-sync review row says happened (the GUI words it)
REVIEW = "first_sync"


# --------------------------------------------------------------------------- reading stock


def opening_stock(platform_stock: int, open_units: int) -> int:
    """Master stock read back from a platform figure: the platform already took the units
    of open orders off what it shows, so they are added back (never below zero)."""
    return max(0, platform_stock) + open_units


def open_units(
    session: Session,
    store_id: int,
    platform_product_id: str,
    platform_variant_id: str,
    placed_before: datetime | None = None,
) -> int:
    """Units of one listing held by the store's open orders (placed before a time: the
    orders a reading taken then already shows)."""
    stmt = (
        select(func.coalesce(func.sum(OrderItem.quantity), 0))
        .join(Order, Order.id == OrderItem.order_id)
        .where(
            Order.store_id == store_id,
            Order.status.in_(OPEN_STATUSES),
            OrderItem.platform_product_id == platform_product_id,
            OrderItem.platform_variant_id == platform_variant_id,
        )
    )
    if placed_before is not None:
        stmt = stmt.where(Order.placed_at < placed_before)
    return int(session.scalar(stmt) or 0)


@dataclass(frozen=True)
class Unsettled:
    """Units of a listing's orders a reading may or may not show yet: it may show up to
    ``more`` units more than expected (orders placed around it, already netted out of the
    expectation) and up to ``less`` units less (cancellations around it, already given
    back; orders that crossed a push we have queued again, not netted out)."""

    more: int = 0
    less: int = 0

    def __add__(self, other: Unsettled) -> Unsettled:
        return Unsettled(self.more + other.more, self.less + other.less)


def orders_around(session: Session, store_id: int, since: datetime) -> dict[int, Unsettled]:
    """Per listing, the units of the store's orders placed or cancelled at or after
    ``since`` (the reading's start less :data:`READING_MARGIN`)."""
    out: dict[int, Unsettled] = {}
    for lid, qty, state, placed, updated in _order_lines(
        session, store_id, or_(Order.placed_at >= since, Order.platform_updated_at >= since)
    ):
        more = qty if placed >= since else 0
        less = qty if state == InventoryState.RELEASED and updated >= since else 0
        out[lid] = out.get(lid, Unsettled()) + Unsettled(more, less)
    return out


def orders_crossing_pushes(
    session: Session, store_id: int, pushed_at: dict[int, datetime]
) -> dict[int, Unsettled]:
    """Per listing, the units of orders too close to our last push to tell whether the
    push overwrote them (``order_items.mirror_listing_row`` queued the push again rather
    than net them out): the platform may show them taken, or given back."""
    if not pushed_at:
        return {}
    window = timedelta(seconds=1.0 + PUSH_WINDOW_SECONDS)
    since = min(pushed_at.values()) - window
    out: dict[int, Unsettled] = {}
    for lid, qty, state, placed, updated in _order_lines(
        session,
        store_id,
        or_(Order.placed_at >= since, Order.platform_updated_at >= since),
        OrderItem.listing_id.in_(list(pushed_at)),
    ):
        start, end = pushed_at[lid] - window, pushed_at[lid]
        less = qty if start < placed < end else 0
        more = qty if state == InventoryState.RELEASED and start < updated < end else 0
        out[lid] = out.get(lid, Unsettled()) + Unsettled(more, less)
    return out


def _order_lines(session: Session, store_id: int, *where) -> list:
    return session.execute(
        select(
            OrderItem.listing_id,
            OrderItem.quantity,
            OrderItem.inventory_state,
            Order.placed_at,
            Order.platform_updated_at,
        )
        .join(Order, Order.id == OrderItem.order_id)
        .where(Order.store_id == store_id, OrderItem.listing_id.is_not(None), *where)
    ).all()  # type: ignore[return-value]  # rows unpack like tuples


# --------------------------------------------------------------------------- the judgement


class DriftAction(enum.StrEnum):
    """What a drift reading leads to."""

    ACCEPT = "accept"  # book the difference as an adjustment of master stock
    PUSH_BACK = "push_back"  # send our figure again


@dataclass(frozen=True)
class DriftVerdict:
    """A platform figure no push or order explains, and what the store's policy does."""

    action: DriftAction
    expected: int  # the nearest figure orders could explain
    diff: int  # the unexplained remainder: platform − expected


def judge_range(
    low: int, high: int, platform_stock: int, policy: DriftPolicy
) -> DriftVerdict | None:
    """A reading against the range of figures the orders explain; ``None``: explained."""
    if low <= platform_stock <= high:
        return None
    expected = low if platform_stock < low else high
    action = DriftAction.ACCEPT if policy == DriftPolicy.ACCEPT_PLATFORM else DriftAction.PUSH_BACK
    return DriftVerdict(action, expected, platform_stock - expected)


def judge_drift(
    *,
    last_pushed: int | None,
    platform_stock: int,
    policy: DriftPolicy,
    mapped: bool = True,
    push_pending: bool = False,
    unsettled: Unsettled = Unsettled(),
) -> DriftVerdict | None:
    """Whether a pushed listing's platform figure drifted, and what follows; ``None``: no
    drift.

    ``last_pushed`` already nets out the orders stored since the push. Orders around the
    reading (``unsettled``) may not be in the figure yet: the platform may show up to
    ``unsettled.more`` units more or ``unsettled.less`` units less. An unmapped listing,
    one never pushed (see :func:`judge_first_sight`), or one whose next push is already
    queued under ``master_wins`` (``push_pending``: it will set our value anyway) has no
    drift.
    """
    if not mapped or push_pending or last_pushed is None:
        return None
    return judge_range(
        last_pushed - unsettled.less, last_pushed + unsettled.more, platform_stock, policy
    )


def judge_first_sight(
    *,
    settings: StoreSettings,
    available: int,
    platform_stock: int,
    unsettled: Unsettled = Unsettled(),
) -> DriftVerdict | None:
    """A never-pushed listing's reading against what the policy says master stock should
    show (``available`` nets out every stored order; those around the reading may not be
    in the figure yet). ``None``: the platform already shows what the policy says."""
    return judge_range(
        shown_stock(settings, available - unsettled.less),
        shown_stock(settings, available + unsettled.more),
        platform_stock,
        settings.drift_policy,
    )


# --------------------------------------------------------------------------- acting on it


@dataclass(frozen=True)
class DriftFound:
    """One drift handled, for the caller to announce."""

    listing_id: int
    description: str
    diff: int


def apply_drift_readings(
    session: Session,
    store: Store,
    seen: Sequence[SeenListing],
    location_id: int,
    job: JobLog,
    *,
    read_at: datetime | None = None,
    imported: frozenset[int] = frozenset(),
) -> list[DriftFound]:
    """Judge every listing product sync just read (taken at ``read_at``, with the store's
    orders fetched past it) and act on each difference by the store's policy: accepted as
    a stock adjustment, or our figure forced out again. A pushed listing's difference is
    drift (returned, for an alert); a never-pushed one's is a first-sync review row.
    Listings whose variant was just ``imported`` from their own figure are not judged."""
    settings = StoreSettings.from_json(store.settings)
    accept = settings.drift_policy == DriftPolicy.ACCEPT_PLATFORM
    pending = set(
        session.scalars(
            select(StockPush.listing_id).where(
                StockPush.store_id == store.id, StockPush.status != OutboxStatus.DONE
            )
        )
    )
    around = orders_around(session, store.id, read_at - READING_MARGIN) if read_at else {}
    if accept:
        # a queued push would overwrite the seller's figure: judge those listings too
        # (a difference booked changes master, and the push carries the new value)
        pushed_at: dict[int, datetime] = {
            lid: at
            for lid, at in session.execute(
                select(ChannelListing.id, ChannelListing.last_pushed_at).where(
                    ChannelListing.id.in_(pending), ChannelListing.last_pushed_at.is_not(None)
                )
            )
            if at is not None  # excluded by the query; this tells the type checker
        }
        for lid, extra in orders_crossing_pushes(session, store.id, pushed_at).items():
            around[lid] = around.get(lid, Unsettled()) + extra
    first_seen = {
        sl.listing_id: sl.variant_id
        for sl in seen
        if sl.variant_id is not None and sl.last_pushed_stock is None
    }
    available = available_by_variant(session, set(first_seen.values()), location_id)
    found: list[DriftFound] = []
    for sl in seen:
        unsettled = around.get(sl.listing_id, Unsettled())
        if sl.listing_id in first_seen:
            if sl.listing_id in pending:
                continue  # queued after an earlier reading was judged: the push sets it
            verdict = None
            if sl.listing_id not in imported:  # its own figure is master's opening stock
                verdict = judge_first_sight(
                    settings=settings,
                    available=available.get(first_seen[sl.listing_id], 0),
                    platform_stock=sl.platform_stock,
                    unsettled=unsettled,
                )
            if verdict is not None:
                _first_sight(session, store, sl, verdict, location_id, job)
                # later listings of this variant compare with master as it is now
                vid = first_seen[sl.listing_id]
                available[vid] = available.get(vid, 0) + (
                    verdict.diff if verdict.action == DriftAction.ACCEPT else 0
                )
            agreed = verdict is None or verdict.action == DriftAction.ACCEPT
            if read_at is not None and unsettled == Unsettled() and agreed:
                _baseline(session, sl, read_at)
            continue
        verdict = judge_drift(
            last_pushed=sl.last_pushed_stock,
            platform_stock=sl.platform_stock,
            policy=settings.drift_policy,
            mapped=sl.variant_id is not None,
            push_pending=sl.listing_id in pending and not accept,
            unsettled=unsettled,
        )
        if verdict is not None:
            found.append(_drift(session, store, sl, verdict, location_id, job))
    return found


def _baseline(session: Session, sl: SeenListing, read_at: datetime) -> None:
    """The figure a never-pushed listing showed at ``read_at``, agreed with master, is
    from now on what we know it shows, as if we had pushed it then: later orders are
    netted out of it and a later seller edit is drift. Only when no order around the
    reading leaves it unclear which orders the figure shows."""
    listing = session.get_one(ChannelListing, sl.listing_id)
    listing.last_pushed_stock, listing.last_pushed_at = sl.platform_stock, read_at


def _accept(
    session: Session,
    store: Store,
    variant_id: int,
    listing_id: int,
    location_id: int,
    diff: int,
    note: str = "drift accepted from {store}",
) -> None:
    apply_change(
        session,
        variant_id=variant_id,
        location_id=location_id,
        txn_type=TxnType.ADJUSTMENT,
        d_on_hand=diff,
        actor="sync",
        reference_type="sync",
        reference_id=listing_id,
        note=note.format(store=store.name),
        allow_negative=True,
    )


def _drift(
    session: Session,
    store: Store,
    sl: SeenListing,
    verdict: DriftVerdict,
    location_id: int,
    job: JobLog,
) -> DriftFound:
    listing = session.get_one(ChannelListing, sl.listing_id)
    what = (
        f"{listing.platform_sku or listing.title}: {store.name} shows "
        f"{sl.platform_stock}, expected {verdict.expected} ({verdict.diff:+d}) — changed "
        "in the seller center"
    )
    assert sl.variant_id is not None
    # a bundle has no stock to book a difference on: its figure is pushed back (bundles)
    if verdict.action == DriftAction.ACCEPT and not is_bundle(session, sl.variant_id):
        _accept(session, store, sl.variant_id, listing.id, location_id, verdict.diff)
        # orders stored since the reading stay netted out of what the listing shows
        listing.last_pushed_stock = max(0, (listing.last_pushed_stock or 0) + verdict.diff)
        outcome = "accepted as a stock adjustment"
    else:
        force_push(session, [listing.id])
        outcome = "master stock will be pushed back"
    job.write(
        session, f"drift {what}; {outcome}", "warning", listing_id=listing.id, diff=verdict.diff
    )
    return DriftFound(listing.id, what, verdict.diff)


def _first_sight(
    session: Session,
    store: Store,
    sl: SeenListing,
    verdict: DriftVerdict,
    location_id: int,
    job: JobLog,
) -> None:
    """A never-pushed listing differs from what the policy says: reconcile by the policy
    and keep a review row (``detail.review``) for the seller."""
    listing = session.get_one(ChannelListing, sl.listing_id)
    assert sl.variant_id is not None
    if verdict.action == DriftAction.ACCEPT and not is_bundle(session, sl.variant_id):
        _accept(
            session,
            store,
            sl.variant_id,
            listing.id,
            location_id,
            verdict.diff,
            "first sync: figure accepted from {store}",
        )
        outcome = "master stock adjusted to the platform's figure"
    else:
        force_push(session, [listing.id])
        outcome = "master stock will be pushed"
    job.write(
        session,
        f"first sync {listing.platform_sku or listing.title}: {store.name} shows "
        f"{sl.platform_stock}, master stock says {verdict.expected}; {outcome}",
        "warning",
        review=REVIEW,
        listing_id=listing.id,
        platform_stock=sl.platform_stock,
        master_stock=verdict.expected,
        diff=verdict.diff,
        action=verdict.action.value,
    )
