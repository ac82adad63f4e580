"""A seller's action (ship, labels, cancel) runs as one of the store's jobs: it gets the
store's adapter, leaves a job row in Sync activity, and hands back its result or error."""

from __future__ import annotations

import pytest

from app.core.db.models import SyncJob
from app.core.domain import JobKind, JobStatus
from app.core.platforms.base import BadRequestError


def test_an_action_returns_its_result_and_leaves_a_job_row(world):
    store = world.stores()[0]

    async def ship(jc):
        jc.run.log("shipped 2 orders")
        return (jc.store.id, (await jc.adapter.shop_info()).name)

    result = world.engine.run_action(store.id, JobKind.SHIP, ship).result(timeout=60)

    assert result == (store.id, store.name)
    with world.ws.sessions() as s:
        jobs = s.query(SyncJob).filter(SyncJob.kind == JobKind.SHIP).all()
    assert [(j.store_id, j.status, j.trigger) for j in jobs] == [
        (store.id, JobStatus.SUCCEEDED, "manual")
    ]


def test_a_platform_refusal_reaches_the_caller_and_fails_the_job(world):
    store = world.stores()[0]

    async def cancel(jc):
        raise BadRequestError("order already shipped", code="logistics.x")

    fut = world.engine.run_action(store.id, JobKind.CANCEL, cancel)
    with pytest.raises(BadRequestError, match="already shipped"):
        fut.result(timeout=60)
    with world.ws.sessions() as s:
        job = s.query(SyncJob).filter(SyncJob.kind == JobKind.CANCEL).one()
    assert job.status == JobStatus.FAILED and "already shipped" in job.error
