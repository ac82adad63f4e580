"""Platform answers that lack what the endpoint must return fail the job: the order cursor
stays, a push stays pending with its back-off; and the status shows what fails now."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from app.core.db.models import ChannelListing, StockPush, SyncCursor, SyncJob
from app.core.domain import JobKind, JobStatus, OutboxStatus, Platform, StoreStatus
from app.core.services import inventory, stock_levels, sync_jobs
from app.core.services import stores as store_service
from app.core.sync.engine import EngineOptions, SyncEngine
from app.core.sync.events import JobFinished
from app.sandbox.core import FaultRule
from tests.integration.sync.conftest import FAST_RETRY


def cursors(ws) -> dict[int, datetime]:
    with ws.sessions() as s:
        return dict(
            s.execute(
                select(SyncCursor.store_id, SyncCursor.position).where(
                    SyncCursor.kind == JobKind.ORDERS
                )
            ).all()
        )


def wait_for(condition, timeout: float = 60.0, what: str = "condition") -> None:
    ends = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < ends, f"timed out waiting for {what}"
        time.sleep(0.05)


def orders_calls(sandbox) -> int:
    return sum(
        1 for _t, _m, p, _s in sandbox.timed_log if p.endswith(("get_order_list", "orders/search"))
    )


def test_an_order_list_without_its_fields_fails_the_job_and_keeps_the_cursor(world):
    before = cursors(world.ws)
    assert len(before) == 4
    # a later fetch would move every cursor: let the clock pass the last window's end
    wait_for(lambda: datetime.now(UTC) > max(before.values()) + timedelta(seconds=1.5))
    world.sandbox.inject(FaultRule("missing_fields", endpoint="order/get_order_list"))
    world.sandbox.inject(FaultRule("missing_fields", endpoint="/orders/search"))
    calls = orders_calls(world.sandbox)
    world.events.clear()
    world.sync_all((JobKind.ORDERS,))
    finished = [e for e in world.events if isinstance(e, JobFinished)]
    assert len(finished) == 4 and all(e.status == JobStatus.FAILED for e in finished)
    texts = {store_service.get_store(world.ws.ctx, e.store_id).platform: e.error for e in finished}
    assert "Shopee order/get_order_list answered without order_list, more" in texts[Platform.SHOPEE]
    assert (
        "TikTok Shop /order/202309/orders/search answered without data.orders"
        in (texts[Platform.TIKTOK_SHOP])
    )
    assert cursors(world.ws) == before  # nothing was taken from the empty answers
    assert orders_calls(world.sandbox) - calls == 4  # one call per store, not repeated
    # the Stores page and `status` say what fails now...
    shown = store_service.list_stores(world.ws.ctx)
    assert all(s.status_reason.startswith("orders: IncompleteResponseError") for s in shown)
    # ...and nothing once the platforms answer properly again
    world.sandbox.clear_faults()
    world.sync_all((JobKind.ORDERS,))
    assert all(c > before[sid] for sid, c in cursors(world.ws).items())
    shown = store_service.list_stores(world.ws.ctx)
    assert [(s.status, s.status_reason) for s in shown] == [(StoreStatus.IDLE, "")] * 4


def test_a_push_answered_without_its_lists_stays_pending_with_back_off(world):
    shopee = next(s for s in world.stores() if s.platform == Platform.SHOPEE)
    with world.ws.sessions() as s:
        listing = s.scalars(
            select(ChannelListing).where(
                ChannelListing.store_id == shopee.id, ChannelListing.variant_id.is_not(None)
            )
        ).first()
        pushed_before = listing.last_pushed_stock
    lv = next(
        lv for lv in stock_levels.stock_levels(world.ws.ctx) if lv.variant_id == listing.variant_id
    )
    world.sandbox.inject(FaultRule("missing_fields", endpoint="product/update_stock"))
    inventory.adjust(world.ws.ctx, lv.variant_id, lv.location_id, 5, "delivery counted")
    sent = sum(1 for _t, _m, p, _s in world.sandbox.timed_log if p.endswith("update_stock"))
    world.engine.sync_now(shopee.id, (JobKind.STOCK_PUSH,)).result(timeout=60)
    with world.ws.sessions() as s:
        row = s.scalar(select(StockPush).where(StockPush.listing_id == listing.id))
        pushed_after = s.get(ChannelListing, listing.id).last_pushed_stock
    assert row.status == OutboxStatus.FAILED
    assert "product/update_stock answered without success_list" in row.last_error
    assert row.attempts == 1
    assert row.next_attempt_at > datetime.now(UTC) + timedelta(seconds=1)
    assert pushed_after == pushed_before  # not counted as landed
    calls = sum(1 for _t, _m, p, _s in world.sandbox.timed_log if p.endswith("update_stock"))
    with world.ws.sessions() as s:
        shopee_ids = [st.id for st in world.stores() if st.platform == Platform.SHOPEE]
        listed = s.scalars(
            select(ChannelListing.id).where(
                ChannelListing.variant_id == listing.variant_id,
                ChannelListing.store_id.in_(shopee_ids),
            )
        ).all()
    # one call per Shopee store listing it (the change woke both), none repeated in place
    assert calls - sent == len(listed)
    # asking again at once sends nothing: the back-off holds
    world.engine.sync_now(shopee.id, (JobKind.STOCK_PUSH,)).result(timeout=60)
    again = sum(1 for _t, _m, p, _s in world.sandbox.timed_log if p.endswith("update_stock"))
    assert again == calls


def test_syncing_only_while_a_job_runs_also_after_a_crash(world):
    ctx = world.ws.ctx
    store = world.stores()[0]
    # what a process killed mid-job leaves behind: a running row and a "syncing" store
    sync_jobs.start_job(ctx.as_actor("sync"), store.id, JobKind.ORDERS, "schedule")
    store_service.set_sync_status(ctx, store.id, StoreStatus.SYNCING)

    def shown(**kw):
        return {s.id: s.status for s in store_service.list_stores(ctx, **kw)}[store.id]

    assert shown(engine_running=False) == StoreStatus.IDLE  # no engine: nothing runs
    assert shown(engine_running=True) == StoreStatus.SYNCING
    # not knowing whether an engine runs, a row older than any job may run is stale
    with world.ws.sessions.begin() as s:
        for job in s.scalars(select(SyncJob).where(SyncJob.status == JobStatus.RUNNING)):
            job.started_at = datetime.now(UTC) - store_service.RUNNING_STALE_AFTER * 2
    assert shown() == StoreStatus.IDLE
    # an engine starting on the folder clears both
    world.engine.stop()
    engine = SyncEngine(world.ws, None, EngineOptions(schedule=False, retry=FAST_RETRY))
    engine.start()
    try:
        assert store_service.get_store(ctx, store.id).status == StoreStatus.IDLE
        with world.ws.sessions() as s:
            assert not s.scalars(select(SyncJob).where(SyncJob.status == JobStatus.RUNNING)).all()
    finally:
        engine.stop()


def test_a_job_past_its_deadline_is_stopped_and_the_rest_wait(world):
    store = next(s for s in world.stores() if s.platform == Platform.SHOPEE)
    before = cursors(world.ws)[store.id]
    # answers, but too slowly for the time this run allows
    world.sandbox.inject(
        FaultRule("slow", endpoint="get_order_list", shop=store.external_shop_id, delay=3.0)
    )
    world.events.clear()
    started = time.monotonic()
    world.engine.sync_now(store.id, deadline=1.0).result(timeout=60)
    took = time.monotonic() - started
    finished = [e for e in world.events if isinstance(e, JobFinished)]
    assert [(e.kind, e.status) for e in finished] == [(JobKind.ORDERS, JobStatus.FAILED)]
    assert "did not finish within 1 s" in finished[0].error
    assert took < 2.5, took  # the slow answer (3 s) was not waited for
    assert cursors(world.ws)[store.id] == before
