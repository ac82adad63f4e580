"""One "today" for the whole app: the workspace's calendar day, not the machine's."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from app.core.db.models import Workspace
from app.core.services.analytics.calendar import day_bounds, local_zone, today, zone
from app.core.services.analytics.dashboard import dashboard_summary
from tests.unit.analytics.seed import seed


def _set_zone(ctx, name: str) -> None:
    with ctx.write() as s:
        ws = s.get(Workspace, ctx.workspace_id)
        assert ws is not None
        ws.timezone = name


def test_today_is_the_workspace_day(ctx):
    # 25 hours apart: these two zones are never on the same calendar day
    _set_zone(ctx, "Pacific/Kiritimati")
    east = today(ctx)
    assert east == datetime.now(local_zone("Pacific/Kiritimati")).date()
    _set_zone(ctx, "Pacific/Pago_Pago")
    west = today(ctx)
    assert west == datetime.now(zone(ctx)).date()
    assert east - west in (timedelta(days=1), timedelta(days=2))


def test_day_bounds_are_local_midnights_in_utc():
    start, end = day_bounds(date(2026, 11, 2), local_zone("Asia/Jakarta"))
    assert (start.isoformat(), end.isoformat()) == (
        "2026-11-01T17:00:00+00:00",
        "2026-11-02T17:00:00+00:00",
    )


def test_dashboard_days_are_the_workspace_days(ctx, workspace):
    """A2 was placed at 18:00 UTC on 1 Nov: 2 Nov in Jakarta, so "today" on 2 Nov."""
    data = seed(ctx, workspace)
    summary = dashboard_summary(ctx, date(2026, 11, 2))
    sales = {s.store_id: s for s in summary.sales}
    shopee, tiktok = sales[data.shopee], sales[data.tiktok]
    assert (shopee.today_orders, shopee.yesterday_orders) == (1, 1)  # A2 (A3 cancelled); A1
    assert (tiktok.today_orders, tiktok.yesterday_orders, tiktok.to_ship) == (0, 0, 1)
    nov3 = {s.store_id: s for s in dashboard_summary(ctx, date(2026, 11, 3)).sales}
    assert (nov3[data.shopee].today_orders, nov3[data.shopee].yesterday_orders) == (0, 1)
    assert nov3[data.tiktok].today_orders == 3  # B1, B2 and B3; none cancelled
