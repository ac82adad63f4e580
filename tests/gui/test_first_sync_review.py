"""The first-sync review dialog on the Stores page: reachable when a store has review
rows, shows platform vs master and the outcome, and Dismiss empties it."""

from __future__ import annotations

from sqlalchemy import select

from app.core.db.models import ChannelListing
from app.core.domain import JobKind
from app.core.services import first_sync, sync_jobs
from app.core.services.drift import REVIEW, DriftAction
from app.core.services.sync_jobs import JobLog
from app.gui.stores.first_sync_dialog import FirstSyncReviewDialog
from app.gui.stores.page import StoresPage


def add_reviews(ws, store_id: int) -> list[int]:
    """Review rows as product sync writes them (one accepted, one pushed back)."""
    job = sync_jobs.start_job(ws.ctx, store_id, JobKind.PRODUCTS, "connect")
    log = JobLog(job, store_id)
    with ws.ctx.write() as s:
        listings = s.scalars(
            select(ChannelListing)
            .where(ChannelListing.store_id == store_id, ChannelListing.variant_id.is_not(None))
            .order_by(ChannelListing.id)
            .limit(2)
        ).all()
        for li, (platform, master, action) in zip(
            listings, [(12, 9, DriftAction.ACCEPT), (3, 8, DriftAction.PUSH_BACK)], strict=True
        ):
            log.write(
                s,
                f"first sync {li.platform_sku}",
                "warning",
                review=REVIEW,
                listing_id=li.id,
                platform_stock=platform,
                master_stock=master,
                diff=platform - master,
                action=action.value,
            )
        return [li.id for li in listings]


def test_review_first_sync_from_the_stores_page(qtbot, gui, seeded, workspace, tmp_path):
    store_id = seeded.store_ids[0]
    page = StoresPage(gui)
    qtbot.addWidget(page)
    page.show()
    page.ensure_loaded()
    page.view.selectRow(page.model.row_of(store_id))
    assert not page.review_button.isEnabled()  # nothing to review yet

    add_reviews(workspace, store_id)
    page.reload()
    page.view.selectRow(page.model.row_of(store_id))
    assert page.review_button.isEnabled()
    assert "(2)" in page.review_button.text()

    dlg = page.review_first_sync()
    assert isinstance(dlg, FirstSyncReviewDialog)
    qtbot.waitExposed(dlg)
    table = dlg.table
    assert table.rowCount() == 2
    cells = [[table.item(r, c).text() for c in range(table.columnCount())] for r in range(2)]
    assert cells[0][2:4] == ["12", "9"]
    assert "adjusted by +3" in cells[0][4]
    assert cells[1][2:4] == ["3", "8"]
    assert "(8)" in cells[1][4]
    dlg.grab().save(str(tmp_path / "first-sync-review.png"))

    dlg.dismiss_button.click()
    qtbot.waitUntil(lambda: not page.review_button.isEnabled(), timeout=60_000)
    assert first_sync.reviews(workspace.ctx, store_id) == []
    assert dlg.dismissed == 2
