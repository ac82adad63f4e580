"""A never-pushed listing whose platform figure differs from master is reconciled by the
store's drift policy and shown to the seller as a first-sync review, never overwritten
silently. Real sandbox over loopback HTTP, real engine."""

from __future__ import annotations

import pytest
from sqlalchemy import select, update

from app.core.db.models import ChannelListing
from app.core.domain import DriftPolicy, JobKind, TxnType
from app.core.services import first_sync
from app.core.services.drift import DriftAction
from app.core.sync.engine import EngineOptions, SyncEngine
from app.demo import connect_requests
from app.sandbox.demo import build_sandbox
from tests.integration.sync.conftest import FAST_RETRY, World
from tests.integration.sync.test_drift import (
    SKU,
    ledger,
    listed,
    platform_stock,
    seller_set_stock,
    set_policy,
    stock,
)


def _models(sim, shop_id):
    return [m for item in sim.shops[shop_id].items.values() for m in item.models]


@pytest.fixture
def differing(workspace):
    """Four shops connected, where one Shopee shop's MADU-00 count differs from the rest
    before connecting (the seller's counts disagree across seller centers)."""
    sandbox = build_sandbox(seed=11)
    sandbox.start()
    sim = sandbox.sim("shopee")
    with sandbox.lock:  # the other shops keep the seeded count
        shop = next(sid for sid in sim.shops if SKU in {m.sku for m in _models(sim, sid)})
        sim.seller_set_stock(shop, SKU, sim.stock_of(shop, SKU) + 4)
    events: list = []
    engine = SyncEngine(workspace, events.append, EngineOptions(schedule=False, retry=FAST_RETRY))
    engine.start()
    try:
        for req in connect_requests(sandbox, engine):
            engine.connect_store(req).result(timeout=60)
        w = World(workspace, sandbox, engine, events)
        w.sync_all()
        yield w
    finally:
        engine.stop()
        sandbox.stop()


def test_first_connect_reviews_each_listing_that_differs_and_master_wins(differing):
    w = differing
    w.settle()
    counts = first_sync.review_counts(w.ws.ctx)
    rows = [r for sid in counts for r in first_sync.reviews(w.ws.ctx, sid)]
    madu = [r for r in rows if r.sku == SKU]
    assert madu, rows  # the disagreeing count was reported, not silently overwritten
    for r in madu:
        assert r.action == DriftAction.PUSH_BACK
        assert abs(r.platform_stock - r.master_stock) == 4
        assert r.pushed
    # master_wins: every store now shows what the policy says
    assert w.shown_vs_policy() == []
    assert w.failed_jobs() == []


def test_accept_platform_adjusts_master_to_a_never_pushed_listing_and_the_seller_dismisses(
    world,
):
    store = next(s for s in world.stores() if s.platform.value == "shopee" and listed(world, s))
    set_policy(world, store, DriftPolicy.ACCEPT_PLATFORM)
    world.settle()
    # the state right after connecting: nothing was ever pushed to this store
    with world.ws.sessions() as s:
        s.execute(
            update(ChannelListing)
            .where(ChannelListing.store_id == store.id)
            .values(last_pushed_stock=None, last_pushed_at=None)
        )
        s.commit()
    on_hand, reserved = stock(world, SKU)
    shown = platform_stock(world, store)
    rows_before = len(ledger(world, SKU))
    seller_set_stock(world, store, SKU, shown + 5)

    world.engine.sync_now(store.id, (JobKind.PRODUCTS,)).result(timeout=60)
    world.settle()

    new_rows = [(t, oh) for t, oh, _r, _n in ledger(world, SKU)[rows_before:]]
    assert new_rows == [(TxnType.ADJUSTMENT, 5)]
    assert stock(world, SKU) == (on_hand + 5, reserved)
    assert platform_stock(world, store) == shown + 5  # the seller's figure stayed
    assert world.shown_vs_policy() == []  # and reached every other store
    reviews = first_sync.reviews(world.ws.ctx, store.id)
    assert [(r.sku, r.platform_stock, r.master_stock, r.action) for r in reviews] == [
        (SKU, shown + 5, shown, DriftAction.ACCEPT)
    ]
    assert first_sync.review_counts(world.ws.ctx) == {store.id: 1}
    # the listing now has a known figure: a later edit is ordinary drift, not a review
    with world.ws.sessions() as s:
        assert (
            s.scalar(
                select(ChannelListing.last_pushed_stock).where(
                    ChannelListing.store_id == store.id, ChannelListing.platform_sku == SKU
                )
            )
            == shown + 5
        )

    assert first_sync.dismiss_reviews(world.ws.ctx, store.id) == 1
    assert first_sync.reviews(world.ws.ctx, store.id) == []
    assert first_sync.review_counts(world.ws.ctx) == {}
    assert world.failed_jobs() == []
