"""Adaptive order polling: how often a store's orders are fetched, from plain facts.

Orders reach us only by polling, and a unit sold on one store stays on sale on the others
until we have fetched that order and pushed the new figure (docs/ARCHITECTURE.md, the path
of one order). Polling every store fast all the time spends the platforms' quota for
nothing; polling slowly leaves the oversell window open exactly when it matters. So a
store is polled fast while its orders are flowing or while a variant it shares with
another store is low, and at its configured (quiet) interval otherwise — never faster than
its platform's published limits allow (:data:`CALL_BUDGET_PER_MINUTE`).

:func:`order_interval` decides from plain values (tested as a function); :func:`read_facts`
reads those values from the database for the engine, which only asks.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import and_, case, exists, func, select
from sqlalchemy.orm import aliased

from app.core.db.models import ChannelListing, InventoryItem, Order, OrderItem, Variant
from app.core.db.types import utcnow
from app.core.domain import Platform
from app.core.services.context import ServiceContext
from app.core.settings import LAST_UNITS_THRESHOLD, LOW_STOCK_DEFAULT_POINT, setting_in

# Calls one store may spend per minute. TikTok publishes 50 QPS per API per (app, shop)
# (reference tiktok-shop-api.md §4.4); our client stays at 40/s over all APIs = 2,400/min.
# Shopee publishes no number (shopee-api.md §4.4: ~1,000 req/min per app is anecdotal);
# our client allows 10/s = 600/min per store. Fast polling is dropped when a store has
# used half of this in the last minute, so syncing never crowds out the seller's own tools.
CALL_BUDGET_PER_MINUTE: dict[Platform, int] = {
    Platform.SHOPEE: 600,
    Platform.TIKTOK_SHOP: 2400,
    # a website sets no published limit; our client sends at most 5 a second
    # (app/core/platforms/webshop/client.py)
    Platform.WOOCOMMERCE: 300,
    Platform.CUSTOM_WEBSITE: 300,
}
BUDGET_SHARE = 0.5


class PollReason(enum.StrEnum):
    """Why a store is polled at its current interval (shown in Sync activity)."""

    ORDERS = "orders"  # orders are flowing
    LOW_SHARED = "low_shared"  # a variant it shares with another store is low
    QUIET = "quiet"
    BUDGET = "budget"  # the store used much of its API budget lately


@dataclass(frozen=True)
class PollingRules:
    """The tunables (tests shorten them)."""

    fast_s: float = 12.0  # while orders flow or a shared variant is low
    slow_s: float | None = None  # when quiet; None: the store's orders_interval_s...
    # ...but never longer than this: the first order of a flash sale waits one quiet
    # interval before any store is told (bench_oversell: at 100 orders/min a 60 s quiet
    # poll let 4 shops sell 3x their stock). A quiet poll is ~2 calls, far inside limits.
    quiet_max_s: float = 30.0
    busy_window: timedelta = timedelta(minutes=5)  # an order in it means "flowing"


@dataclass(frozen=True)
class PollFacts:
    """What the decision looks at, for one store."""

    recent_orders: int  # orders lately on this store, or elsewhere for a variant it lists
    low_shared: int  # variants it lists that another store lists too, low but not out
    calls_last_minute: int  # API calls the store made in the last 60 s


@dataclass(frozen=True)
class PollDecision:
    """How long until the next order fetch, and why."""

    interval_s: float
    reason: PollReason

    @property
    def fast(self) -> bool:
        """Whether this is the fast interval."""
        return self.reason in (PollReason.ORDERS, PollReason.LOW_SHARED)


def order_interval(
    facts: PollFacts,
    platform: Platform,
    quiet_s: float,
    rules: PollingRules | None = None,
) -> PollDecision:
    """The next order-fetch interval of a store whose configured interval is ``quiet_s``."""
    rules = rules or PollingRules()
    slow = rules.slow_s if rules.slow_s is not None else min(quiet_s, rules.quiet_max_s)
    fast = min(rules.fast_s, slow)  # a seller's shorter interval is never slowed down
    budget = CALL_BUDGET_PER_MINUTE.get(platform, min(CALL_BUDGET_PER_MINUTE.values()))
    if facts.calls_last_minute >= budget * BUDGET_SHARE:
        return PollDecision(slow, PollReason.BUDGET)
    if facts.recent_orders > 0:
        return PollDecision(fast, PollReason.ORDERS)
    if facts.low_shared > 0:
        return PollDecision(fast, PollReason.LOW_SHARED)
    return PollDecision(slow, PollReason.QUIET)


def read_facts(
    ctx: ServiceContext,
    store_id: int,
    calls_last_minute: int = 0,
    rules: PollingRules | None = None,
    quiet_s: float = 60.0,
    now: datetime | None = None,
) -> PollFacts:
    """The database's part of :class:`PollFacts` for a store (the engine counts calls).

    "Recent" orders were updated on the platform within the busy window plus one quiet
    interval: a quiet store sees an order up to that interval late, and the order must
    still count as flowing when it does. Orders another store received for a variant this
    store lists count too: a variant selling fast on one store is about to sell here, and
    this store's buyers are the ones an oversell would come from.

    "Low" is at or below the larger of the workspace's default reorder point and the
    variant's last-units threshold: the stock where a second store's sale starts to hurt.
    """
    rules = rules or PollingRules()
    slow = rules.slow_s if rules.slow_s is not None else min(quiet_s, rules.quiet_max_s)
    since = (now or utcnow()) - rules.busy_window - timedelta(seconds=slow)
    with ctx.read() as s:
        recent = s.scalar(
            select(func.count())
            .select_from(Order)
            .where(Order.store_id == store_id, Order.platform_updated_at >= since)
        )
        listed = select(ChannelListing.variant_id).where(
            ChannelListing.store_id == store_id, ChannelListing.variant_id.is_not(None)
        )
        elsewhere = s.scalar(  # new orders only: placed_at is indexed across stores
            select(func.count(func.distinct(Order.id)))
            .join(OrderItem, OrderItem.order_id == Order.id)
            .where(
                Order.placed_at >= since,
                Order.store_id != store_id,
                OrderItem.variant_id.in_(listed),
            )
        )
        mark = max(
            setting_in(s, ctx.workspace_id, LOW_STOCK_DEFAULT_POINT),
            setting_in(s, ctx.workspace_id, LAST_UNITS_THRESHOLD),
        )
        other = aliased(ChannelListing)
        shared = select(ChannelListing.variant_id).where(
            ChannelListing.store_id == store_id,
            ChannelListing.variant_id.is_not(None),
            exists().where(
                and_(other.variant_id == ChannelListing.variant_id, other.store_id != store_id)
            ),
        )
        available = func.sum(InventoryItem.on_hand - InventoryItem.reserved)
        # the larger of the two marks, written portably: SQLite's two-argument max() is
        # an aggregate on PostgreSQL (its own is greatest()); the variant's threshold is
        # grouped by too, as PostgreSQL requires of a column the HAVING reads
        own = func.coalesce(Variant.last_units_threshold, 0)
        low = (
            select(InventoryItem.variant_id)
            .join(Variant, Variant.id == InventoryItem.variant_id)
            .where(InventoryItem.variant_id.in_(shared))
            .group_by(InventoryItem.variant_id, Variant.last_units_threshold)
            .having(available > 0, available <= case((own > mark, own), else_=mark))
        ).subquery()
        low_shared = s.scalar(select(func.count()).select_from(low))
    return PollFacts(
        int(recent or 0) + int(elsewhere or 0), int(low_shared or 0), calls_last_minute
    )
