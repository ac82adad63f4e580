"""The price review dialog (offscreen): a markup's changes listed old → new per store;
only the ticked ones are queued; nothing is queued by the rule or by opening the dialog;
a price the platform refused is shown with its reason and can be dismissed. Reachable
from the Catalog page and, after a rule change, from the store's settings."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from PySide6.QtCore import Qt
from sqlalchemy import select

from app.core.db.models import PricePush
from app.core.domain import PricePushStatus, UpdateResult
from app.core.services import prices
from app.core.services import stores as store_service
from app.core.services.price_outbox import due_price_pushes, record_price_results
from app.core.services.sync_jobs import JobLog
from app.gui.catalog.page import CatalogPage
from app.gui.prices.review import PriceReviewDialog
from app.gui.stores.settings_dialog import StoreSettingsDialog


def _outbox(ws) -> dict[int, tuple[Decimal, PricePushStatus]]:
    with ws.sessions() as s:
        return {p.listing_id: (p.wanted_price, p.status) for p in s.scalars(select(PricePush))}


def _markup(ws, store_id: int, percent: str, rounding: int = 0) -> None:
    st = store_service.get_store(ws.ctx, store_id)
    store_service.update_settings(
        ws.ctx,
        store_id,
        replace(st.settings, price_adjust_percent=Decimal(percent), price_rounding=rounding),
    )


def test_review_lists_changes_and_pushes_only_the_ticked(qtbot, gui, seeded, workspace):
    store_id = seeded.store_ids[0]
    _markup(workspace, store_id, "10", 1000)
    dlg = PriceReviewDialog(gui.ctx, [store_id])
    qtbot.addWidget(dlg)
    dlg.show()
    assert len(dlg.changes) >= 2 and _outbox(workspace) == {}
    first = dlg.changes[0]
    assert dlg.table.item(0, 3).text().startswith("Rp ")
    assert dlg.table.item(0, 4).text() == f"Rp {int(first.new):,}".replace(",", ".")
    assert all(c.new % 1000 == 0 for c in dlg.changes)

    dlg.set_checked([first.listing_id])
    assert "1 of" in dlg.summary.text()
    qtbot.mouseClick(dlg.push_button, Qt.MouseButton.LeftButton)
    assert _outbox(workspace) == {first.listing_id: (first.new, PricePushStatus.PENDING)}
    # the queued one leaves the list and shows as waiting below; the rest stay
    assert first.listing_id not in {c.listing_id for c in dlg.changes}
    assert [w.listing_id for w in dlg.waiting] == [first.listing_id]
    assert dlg.waiting_table.isVisibleTo(dlg)
    assert "queued" in dlg.summary.text()


def test_a_refused_price_shows_its_reason_and_dismiss_drops_it(qtbot, gui, seeded, workspace):
    store_id = seeded.store_ids[0]
    _markup(workspace, store_id, "-5")
    change = prices.preview(workspace.ctx, [store_id])[0]
    prices.confirm(workspace.ctx, [change])
    [due] = due_price_pushes(workspace.ctx, store_id)
    refusal = "error_cannot_update_price_in_promotion: in an ongoing promotion"
    record_price_results(
        workspace.ctx,
        [due],
        [UpdateResult(due.platform_product_id, due.platform_variant_id, False, refusal)],
        JobLog(None, store_id),
    )
    dlg = PriceReviewDialog(gui.ctx, [store_id])
    qtbot.addWidget(dlg)
    dlg.show()
    assert [w.listing_id for w in dlg.waiting] == [change.listing_id]
    assert dlg.waiting_table.item(0, 2).text() == "Refused by the platform"
    assert "promotion" in dlg.waiting_table.item(0, 4).text()
    # the change itself is still listed, with the refusal
    row = next(i for i, c in enumerate(dlg.changes) if c.listing_id == change.listing_id)
    assert "refused before" in dlg.table.item(row, 5).text()

    dlg.select_waiting([change.listing_id])
    qtbot.mouseClick(dlg.dismiss_button, Qt.MouseButton.LeftButton)
    assert dlg.waiting == [] and not dlg.waiting_table.isVisibleTo(dlg)
    assert _outbox(workspace)[change.listing_id][1] == PricePushStatus.DISMISSED
    assert change.listing_id not in {c.listing_id for c in dlg.changes}


def test_reachable_from_catalog_and_after_a_rule_change(qtbot, gui, seeded, workspace):
    page = CatalogPage(gui)
    qtbot.addWidget(page)
    page.show()
    dlg = page.review_prices()
    assert isinstance(dlg, PriceReviewDialog) and dlg.changes == []  # no rule yet
    dlg.close()

    store = store_service.get_store(workspace.ctx, seeded.store_ids[0])
    settings = StoreSettingsDialog(gui.ctx, store)
    qtbot.addWidget(settings)
    settings.price_adjust.setValue(12.5)
    settings.price_rounding.setCurrentIndex(settings.price_rounding.findData(500))
    settings.save()
    assert settings.price_rule_changed
    saved = store_service.get_store(workspace.ctx, store.id).settings
    assert (saved.price_adjust_percent, saved.price_rounding) == (Decimal("12.5"), 500)
    assert _outbox(workspace) == {}  # the rule sent nothing
    from app.gui.stores.page import StoresPage

    stores_page = StoresPage(gui)
    qtbot.addWidget(stores_page)
    review = stores_page.review_prices(store.id)
    assert review.changes and {c.store_id for c in review.changes} == {store.id}
