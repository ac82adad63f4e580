"""Analytics says what its profit rests on (issue 15 item 4): sold SKUs without a cost
are named, with a link to the catalog to set them."""

from __future__ import annotations

from datetime import date

from app.core.domain import OrderStatus
from app.core.services import inventory
from app.gui.analytics import AnalyticsPage
from tests.helpers.factories import product
from tests.unit.analytics.seed import NOV3_09H, channel_order, ingest, seed


def test_sold_skus_without_cost_are_named_with_a_link(qtbot, ctx, workspace, make_gui):
    data = seed(ctx, workspace)
    page = AnalyticsPage(make_gui(workspace))
    qtbot.addWidget(page)
    page.show()
    with qtbot.waitSignal(page.refreshed, timeout=60_000):  # computed off the GUI thread
        page.set_range(date(2026, 11, 1), date(2026, 11, 3))
    assert not page.cost_warning.isVisible()  # every sold SKU has a cost

    madu = product(ctx, "Madu Hutan", ("MADU-250",), price=60000, cost=0)
    inventory.receive(ctx, madu.variants[0].id, data.location, 5)
    ingest(
        workspace,
        data.shopee,
        channel_order("A9", OrderStatus.COMPLETED, NOV3_09H, [("MADU-250", 1, 60000, 0)]),
    )
    with qtbot.waitSignal(page.refreshed, timeout=60_000):
        page.refresh()
    assert page.cost_warning.isVisible()
    text = page.cost_warning.text()
    assert "MADU-250" in text and "revenue minus fees" in text
    assert "KAOS-S" not in text
    asked: list[tuple[str, object]] = []
    page.navigate_requested.connect(lambda key, payload: asked.append((key, payload)))
    page.cost_warning.linkActivated.emit("MADU-250")
    assert asked == [("catalog", {"search": "MADU-250"})]


def test_setting_the_missing_cost_clears_the_warning_for_past_sales(
    qtbot, ctx, workspace, make_gui
):
    """Following the link and setting the cost fixes the figures: the lines sold before
    the variant had a cost take its first cost (a cost a line carries is kept)."""
    from zoneinfo import ZoneInfo

    from app.core.services import catalog
    from app.core.services.analytics.calendar import Period
    from app.core.services.analytics.dashboard import dashboard

    data = seed(ctx, workspace)
    madu = product(ctx, "Madu Hutan", ("MADU-250",), price=60000, cost=0)
    inventory.receive(ctx, madu.variants[0].id, data.location, 5)
    ingest(
        workspace,
        data.shopee,
        channel_order("A9", OrderStatus.COMPLETED, NOV3_09H, [("MADU-250", 2, 60000, 0)]),
    )
    page = AnalyticsPage(make_gui(workspace))
    qtbot.addWidget(page)
    page.show()
    page.set_range(date(2026, 11, 1), date(2026, 11, 3))
    qtbot.waitUntil(page.cost_warning.isVisible, timeout=60_000)
    period = Period.of_days(date(2026, 11, 1), date(2026, 11, 3), ZoneInfo("Asia/Jakarta"))
    before = dashboard(ctx, period).totals

    catalog.bulk_update(ctx, [madu.id], cost="25000")
    page.refresh()
    qtbot.waitUntil(lambda: not page.cost_warning.isVisible(), timeout=60_000)
    after = dashboard(ctx, period).totals
    assert before.cost + 50000 == after.cost  # 2 units at Rp 25.000
    catalog.bulk_update(ctx, [madu.id], cost="30000")  # a later cost leaves past sales alone
    assert dashboard(ctx, period).totals.cost == after.cost
