"""A sandbox with two Shopee and two TikTok shops sharing SKUs, and an engine connected
to all four through the real consent flow."""

from __future__ import annotations

import time
from dataclasses import dataclass

import pytest
from sqlalchemy import select

from app.core.db.models import ChannelListing, Store
from app.core.platforms.http import RetryPolicy
from app.core.services import stores as store_service
from app.core.services.channel_stock import wanted_stock
from app.core.sync.engine import EngineOptions, SyncEngine
from app.core.sync.events import JobFinished
from app.demo import connect_requests
from app.sandbox.demo import build_sandbox

FAST_RETRY = RetryPolicy(attempts=6, base_delay=0.02, max_delay=0.2, max_retry_after=0.2)


@dataclass
class World:
    """The running pieces of an end-to-end test."""

    ws: object
    sandbox: object
    engine: SyncEngine
    events: list

    def stores(self):
        return store_service.list_stores(self.ws.ctx)

    def sync_all(self, kinds=None, timeout: float = 60) -> None:
        """One pass of the given jobs on every store, waiting for them."""
        futures = [self.engine.sync_now(s.id, kinds) for s in self.stores()]
        for f in futures:
            f.result(timeout=timeout)

    def settle(self, rounds: int = 3) -> None:
        """Fetch orders and push stock until nothing is left to push."""
        from app.core.db.models import StockPush
        from app.core.domain import JobKind, OutboxStatus

        for _ in range(rounds):
            self.sync_all((JobKind.ORDERS, JobKind.STOCK_PUSH))
            with self.ws.sessions() as s:
                left = s.scalars(
                    select(StockPush.id).where(StockPush.status != OutboxStatus.DONE)
                ).all()
            if not left:
                return
            time.sleep(0.2)

    def platform_orders(self) -> dict[tuple[str, str], dict[str, str]]:
        """Every order each sandbox shop holds: {(platform, shop id): {order id: status}}."""
        out: dict[tuple[str, str], dict[str, str]] = {}
        with self.sandbox.lock:
            for sim in self.sandbox.sims:
                for sid, shop in sim.shops.items():
                    out[(sim.name, str(sid))] = {oid: o.status for oid, o in shop.orders.items()}
        return out

    def shown_vs_policy(self) -> list[tuple]:
        """(store, sku, platform shows, policy says) for every mapped listing that differs.

        The policy is each store's buffer, share and cap, and the last-units rule."""
        from app.core.services.catalog import find_variant_by_sku  # noqa: F401

        wrong = []
        with self.ws.sessions() as s:
            rows = s.execute(
                select(
                    ChannelListing.id,
                    ChannelListing.platform_sku,
                    ChannelListing.variant_id,
                    Store.external_shop_id,
                    Store.platform,
                    ChannelListing.last_pushed_stock,
                )
                .join(Store, Store.id == ChannelListing.store_id)
                .where(ChannelListing.variant_id.is_not(None))
            ).all()
            wanted_by_listing = wanted_stock(s, {r[2] for r in rows})
        for lid, sku, _vid, shop_id, platform, last_pushed in rows:
            sim = self.sandbox.sim(platform)
            shows = sim.stock_of(shop_id, sku)
            wanted = wanted_by_listing[lid]
            if shows != wanted:
                wrong.append((platform, shop_id, sku, shows, wanted, f"pushed {last_pushed}"))
        return wrong

    def failed_jobs(self) -> list:
        return [e for e in self.events if isinstance(e, JobFinished) and e.error]


@pytest.fixture
def world(workspace):
    """Sandbox + engine (no timers: tests drive it) with all four demo shops connected."""
    sandbox = build_sandbox(seed=11)
    sandbox.start()
    events: list = []
    engine = SyncEngine(
        workspace,
        events.append,
        EngineOptions(schedule=False, retry=FAST_RETRY, circuit_threshold=50),
    )
    engine.start()
    try:
        for req in connect_requests(sandbox, engine):
            engine.connect_store(req).result(timeout=60)
        w = World(workspace, sandbox, engine, events)
        # connecting queues a first full sync per store; wait for it to finish
        w.sync_all()
        yield w
    finally:
        engine.stop()
        sandbox.stop()
