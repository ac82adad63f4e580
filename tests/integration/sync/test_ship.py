"""Shipping a batch of orders across stores, end to end over loopback HTTP: the engine's
ship actions (one job per store), the adapters against the sandbox, the tracking numbers
kept in the database, and the statuses that follow with the order sync."""

from __future__ import annotations

import random

from sqlalchemy import select

from app.core.db.models import Order, OrderPackage, SyncJob
from app.core.domain import JobKind, JobStatus, OrderStatus, ShipMethod, ShipOutcome
from app.core.services import shipping
from app.core.sync import ship_job
from app.core.sync.ship_job import ShipChoice
from app.sandbox.shopee.shipping import NON_INTEGRATED

PER_SHOP = (13, 12, 13, 12)  # Shopee A, Shopee B, TikTok A, TikTok B: 50 orders


def place_ready(world) -> dict[tuple[str, str], list[str]]:
    """Paid orders waiting for the seller on every shop, fetched into the database."""
    rng = random.Random(5)
    placed: dict[tuple[str, str], list[str]] = {}
    shops = [(sim, sid) for sim in world.sandbox.sims for sid in sim.shops]
    with world.sandbox.lock:
        for (sim, sid), n in zip(shops, PER_SHOP, strict=True):
            placed[(sim.name, str(sid))] = sim.place_ready_orders(sid, n, rng)
    world.sync_all((JobKind.ORDERS,))
    return placed


def test_fifty_orders_on_four_stores_ship_in_one_action_with_one_failure(world):
    placed = place_ready(world)
    assert sum(len(v) for v in placed.values()) == 50
    shopee = world.sandbox.sim("shopee")
    tiktok = world.sandbox.sim("tiktok_shop")
    (_sp_a, sp_b), (tt_a, tt_b) = list(shopee.shops), list(tiktok.shops)
    # one TikTok order split into two packages, one Shopee order with the seller's own
    # courier (needs a typed tracking number), one order cancelled meanwhile
    split = next(
        o for o in placed[("tiktok_shop", tt_a)] if len(tiktok.shops[tt_a].orders[o].lines) > 1
    )
    assert len(tiktok.split_order(tt_a, split)) == 2
    own = placed[("shopee", str(sp_b))][0]
    with world.sandbox.lock:
        shopee.set_carrier(sp_b, own, NON_INTEGRATED)
    cancelled = placed[("tiktok_shop", tt_b)][3]
    targets = shipping.to_ship(world.ws.ctx)
    assert len(targets) == 50
    tiktok.seller_cancel_order(tt_b, cancelled)  # after we read it as "to ship"

    results = ship_job.ship_orders(
        world.engine,
        targets,
        ShipChoice(method=ShipMethod.PICKUP, tracking={own: "KT-0001-OWN"}),
        wait_for_sync=True,
    ).result(timeout=120)

    assert [r.target.order_id for r in results] == [t.order_id for t in targets]
    failed = [r for r in results if r.outcome is not ShipOutcome.DONE]
    assert [(r.target.platform_order_id, r.outcome, r.reason) for r in failed] == [
        (cancelled, ShipOutcome.FAILED, "the order was cancelled")
    ]
    by_pid = {r.target.platform_order_id: r for r in results}
    assert by_pid[own].method is ShipMethod.SELF
    assert by_pid[own].tracking_numbers == ["KT-0001-OWN"]
    assert len(by_pid[split].packages) == 2 and len(set(by_pid[split].tracking_numbers)) == 2
    assert all(r.tracking_numbers for r in results if r.outcome is ShipOutcome.DONE)

    # one job per store in Sync activity; the one with the cancelled order failed
    with world.ws.sessions() as s:
        jobs = s.scalars(select(SyncJob).where(SyncJob.kind == JobKind.SHIP)).all()
        by_store = {j.store_id: j for j in jobs}
        stored = {
            o.platform_order_id: (o.tracking_number, o.status)
            for o in s.scalars(select(Order).where(Order.platform_order_id.in_(by_pid)))
        }
        packages = s.scalars(select(OrderPackage)).all()
    assert len(jobs) == 4
    failed_store = by_pid[cancelled].target.store_id
    assert by_store[failed_store].status == JobStatus.FAILED and by_store[failed_store].failed == 1
    others = [j.status for sid, j in by_store.items() if sid != failed_store]
    assert others == [JobStatus.SUCCEEDED] * 3
    # tracking numbers kept: one row per package (49 orders, the split one has two)
    assert len(packages) == 50
    assert all(p.tracking_number for p in packages)
    assert all(stored[pid][0] for pid in by_pid if pid != cancelled)
    assert stored[cancelled][1] is OrderStatus.CANCELLED  # the order sync after shipping
    assert stored[own][1] is OrderStatus.SHIPPED  # the own courier took it at once

    # the carriers collect; the next order sync shows every shipped order as shipped
    with world.sandbox.lock:
        assert shopee.carrier_collects() + tiktok.carrier_collects() == 48
    world.sync_all((JobKind.ORDERS,))
    with world.ws.sessions() as s:
        after = {
            o.platform_order_id: (o.status, o.tracking_number)
            for o in s.scalars(select(Order).where(Order.platform_order_id.in_(by_pid)))
        }
    assert {st for pid, (st, _t) in after.items() if pid != cancelled} == {OrderStatus.SHIPPED}
    assert all(after[pid][1] == stored[pid][0] for pid in by_pid)  # numbers kept by the sync
    # nothing is ready any more: shipping the same orders again refuses each one clearly
    assert shipping.to_ship(world.ws.ctx) == []
