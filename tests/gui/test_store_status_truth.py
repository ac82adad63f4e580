"""The Stores page shows what is true now: "Syncing" only while a job runs, and as last
error only what still fails (a later success clears it)."""

from __future__ import annotations

from app.core.domain import JobKind, JobStatus, StoreStatus
from app.core.services import stores, sync_jobs
from tests.gui.test_stores import open_stores


def cells(page, store_id: int) -> tuple[str, str]:
    cols = [page.model.column(i).title for i in range(page.model.columnCount())]
    row = page.model.row_of(store_id)
    status = page.model.data(page.model.index(row, cols.index("Status")))
    error = page.model.data(page.model.index(row, cols.index("Last error")))
    return status, error


def run_job(ctx, store_id: int, status: JobStatus, error: str = "") -> None:
    job_id = sync_jobs.start_job(ctx, store_id, JobKind.ORDERS, "schedule")
    sync_jobs.finish_job(
        ctx,
        sync_jobs.JobLog(job_id, store_id),
        status,
        processed=0,
        total=0,
        failed=0,
        error=error,
    )


def test_status_and_last_error_are_current(qtbot, gui, seeded):
    ctx, sid = gui.ctx, seeded.store_ids[0]
    page = open_stores(qtbot, gui)
    # (the seed's product sync of this store failed and still does)
    assert cells(page, sid)[1].startswith("products: error_param")
    # a job runs: syncing
    running = sync_jobs.start_job(ctx, sid, JobKind.ORDERS, "schedule")
    stores.set_sync_status(ctx, sid, StoreStatus.SYNCING)
    page.reload()
    assert cells(page, sid)[0] == "● Syncing"
    # it failed: idle, and the failure with the platform's code shows
    sync_jobs.finish_job(
        ctx,
        sync_jobs.JobLog(running, sid),
        JobStatus.FAILED,
        processed=0,
        total=0,
        failed=0,
        error="BadRequestError: Wrong parameters code=error_param",
    )
    stores.set_sync_status(ctx, sid, StoreStatus.IDLE, "BadRequestError: Wrong parameters")
    page.reload()
    status, error = cells(page, sid)
    assert status == "● Idle"
    assert "orders: BadRequestError: Wrong parameters code=error_param" in error
    # a later success of the same job clears it; what still fails stays
    run_job(ctx, sid, JobStatus.SUCCEEDED)
    page.reload()
    status, error = cells(page, sid)
    assert status == "● Idle" and "orders" not in error and error.startswith("products:")
    # "syncing" written by a process that is gone, with no job running: idle
    stores.set_sync_status(ctx, sid, StoreStatus.SYNCING)
    page.reload()
    assert cells(page, sid)[0] == "● Idle"
