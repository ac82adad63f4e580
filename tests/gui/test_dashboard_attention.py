"""The Home page's "Stores needing attention" shows what is true now, as the Stores page
and `storesync status` do: a store that failed and then recovered has no item."""

from __future__ import annotations

from app.core.domain import JobKind, JobStatus, StoreStatus
from app.core.services import stores, sync_jobs
from app.gui.dashboard.page import DashboardPage


def run_job(ctx, store_id: int, status: JobStatus, error: str = "", kind=JobKind.ORDERS) -> None:
    """A job row as the engine writes it."""
    job_id = sync_jobs.start_job(ctx, store_id, kind, "schedule")
    sync_jobs.finish_job(
        ctx,
        sync_jobs.JobLog(job_id, store_id),
        status,
        processed=0,
        total=0,
        failed=0,
        error=error,
    )


def attention(qtbot, page: DashboardPage) -> list[str]:
    page.summary = None
    page.reload()
    qtbot.waitUntil(lambda: page.summary is not None, timeout=60_000)
    return [item.store_name for item in page.summary.attention]


def texts(page: DashboardPage) -> list[str]:
    return [page.attention_list.item(i).text() for i in range(page.attention_list.count())]


def test_a_store_that_failed_then_recovered_needs_no_attention(qtbot, gui, seeded):
    ctx = gui.ctx
    page = DashboardPage(gui)
    qtbot.addWidget(page)
    page.show()
    shop = next(s for s in stores.list_stores(ctx) if s.id == seeded.store_ids[0])
    # the seed: this store's product sync failed and still does; the other needs approval
    assert shop.name in attention(qtbot, page)
    run_job(ctx, shop.id, JobStatus.SUCCEEDED, kind=JobKind.PRODUCTS)
    # its circuit tripped after failed order fetches: written as "error" by the engine
    run_job(ctx, shop.id, JobStatus.FAILED, "NoAnswerError: no answer from Shopee")
    stores.set_sync_status(ctx, shop.id, StoreStatus.ERROR, "5 failures in a row; retrying")
    assert shop.name in attention(qtbot, page)
    assert any("5 failures in a row" in t for t in texts(page))
    # it recovered: a later order fetch went through. The "idle" the engine writes then
    # may not be stored (the database was busy with an import): the stale "error" with
    # its reason stays in the row, and still no item
    run_job(ctx, shop.id, JobStatus.SUCCEEDED)
    assert shop.name not in attention(qtbot, page)
    assert not any(shop.name in t for t in texts(page))
    # ... and an idle store whose last run failed shows it until a later run succeeds,
    # even though the stored reason was left behind
    run_job(ctx, shop.id, JobStatus.FAILED, "BadRequestError: Wrong parameters")
    stores.set_sync_status(ctx, shop.id, StoreStatus.IDLE, "BadRequestError: Wrong parameters")
    assert shop.name in attention(qtbot, page)
    assert any("orders: BadRequestError: Wrong parameters" in t for t in texts(page))
    run_job(ctx, shop.id, JobStatus.SUCCEEDED)
    assert shop.name not in attention(qtbot, page)
    assert not any(shop.name in t for t in texts(page))


def test_every_store_shows_in_the_sales_table_at_a_laptop_size(qtbot, gui, seeded):
    """A seller with several stores sees each one's day without scrolling the table."""
    from app.core.domain import Environment, Platform
    from app.core.services.stores import StoreInput

    for i in range(4):  # the seed's stores and four more
        stores.create_store(
            gui.ctx,
            StoreInput(
                platform=Platform.SHOPEE,
                name=f"Toko Tambahan {i}",
                external_shop_id=f"extra-{i}",
                api_base_url="http://127.0.0.1:9",
                environment=Environment.LOCAL_SANDBOX,
            ),
        )
    count = len(stores.list_stores(gui.ctx))
    page = DashboardPage(gui)
    qtbot.addWidget(page)
    page.resize(1176, 728)  # the page's part of a 1366x768 window
    page.show()
    attention(qtbot, page)
    view = page.sales_view
    qtbot.waitUntil(lambda: page.sales_model.rowCount() == count, timeout=60_000)
    last = count - 1
    assert view.rowViewportPosition(last) + view.rowHeight(last) <= view.viewport().height()
    assert not view.verticalScrollBar().isVisible()
