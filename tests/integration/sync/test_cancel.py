"""A seller stops a long order fetch: it ends cancelled, keeps what it stored, and the
next run completes it."""

from __future__ import annotations

import random
import time

from sqlalchemy import func, select

from app.core.db.models import Order, OrderItem, SyncJob
from app.core.domain import JobKind, JobStatus, Platform, StoreStatus
from app.core.sync.events import JobProgress
from app.sandbox.core import FaultRule


def _shopee_store(world):
    return next(s for s in world.stores() if s.platform == Platform.SHOPEE)


def _place(world, store, count: int) -> set[str]:
    sim = world.sandbox.sim("shopee")
    shop = int(store.external_shop_id)
    rng = random.Random(5)
    placed: set[str] = set()
    with world.sandbox.lock:
        for sku in {m.sku for it in sim.shops[shop].items.values() for m in it.models}:
            sim.seller_set_stock(shop, sku, 100_000)
        others = {k: v for k, v in sim.shops.items() if k != shop}
        for k in others:
            del sim.shops[k]
        try:
            while len(placed) < count:
                placed.add(sim.place_random_order(rng, lines=2))
        finally:
            sim.shops.update(others)
    return placed


def _wait_for_progress(world, store_id: int, timeout: float = 20) -> int:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for ev in list(world.events):
            if (
                isinstance(ev, JobProgress)
                and (ev.store_id, ev.kind) == (store_id, JobKind.ORDERS)
                and ev.processed > 0
            ):
                return ev.job_id
        time.sleep(0.02)
    raise AssertionError("the order fetch never made progress")


def test_a_cancelled_fetch_keeps_whole_pages_and_the_next_run_finishes_it(world):
    store = _shopee_store(world)
    placed = _place(world, store, 400)
    world.events.clear()
    slow = world.sandbox.inject(FaultRule("slow", 1.0, endpoint="get_order_detail", delay=0.4))
    running = world.engine.sync_now(store.id, (JobKind.ORDERS,))
    job_id = _wait_for_progress(world, store.id)

    assert world.engine.cancel_job(job_id).result(timeout=60) is True
    running.result(timeout=60)  # the request that started it completes
    with world.ws.sessions() as s:
        job = s.get(SyncJob, job_id)
        lines = dict(
            s.execute(
                select(Order.platform_order_id, func.count(OrderItem.id))
                .join(OrderItem, OrderItem.order_id == Order.id)
                .group_by(Order.id)
            ).all()
        )
    stored = {sn: n for sn, n in lines.items() if sn in placed}
    assert (job.status, job.error) == (JobStatus.CANCELLED, "cancelled by the user")
    assert 0 < len(stored) < len(placed)  # stopped part-way
    assert set(stored.values()) == {2}  # whole orders only: each with both its lines
    status = next(s for s in world.stores() if s.id == store.id).status
    assert status != StoreStatus.ERROR
    assert world.engine.cancel_job(job_id).result(timeout=60) is False  # not running any more

    world.sandbox.faults.remove(slow)
    world.sync_all((JobKind.ORDERS,))
    with world.ws.sessions() as s:
        ids = set(s.scalars(select(Order.platform_order_id).where(Order.store_id == store.id)))
        count = s.scalar(select(func.count()).select_from(Order).where(Order.store_id == store.id))
    assert placed <= ids and count == len(ids)  # every order, once
