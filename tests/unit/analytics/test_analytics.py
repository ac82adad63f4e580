"""Analytics figures against values worked out by hand on the seeded dataset.

The dataset (see :mod:`tests.unit.analytics.seed`), in Asia/Jakarta local days:

- A1 Shopee, completed, 1 Nov: 2 × KAOS-S @50.000 + 1 × TOPI-01 @40.000 less 5.000 line
  discount → gross 140.000, revenue 135.000, cost 80.000, final fees 12.000, subsidy 3.000.
- A2 Shopee, shipped, 2 Nov (18:00 UTC on 1 Nov): 1 × KAOS-M @60.000, 10.000 order-level
  discount → revenue 50.000, cost 32.000, estimated fees 8 % × 50.000 = 4.000.
- A3 Shopee, cancelled, 2 Nov. B2 TikTok, returned, 3 Nov. B3 TikTok, unpaid, 3 Nov.
- B1 TikTok, to ship, 3 Nov: 3 × TOPI-01 @40.000 → revenue 120.000, cost 60.000, fees 9.600.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from app.core.db.models.analytics import SalesDaily, SalesDailyVariant, SalesMonthlyVariant
from app.core.domain import OrderStatus
from app.core.services.analytics.calendar import (
    Granularity,
    Period,
    local_zone,
    month_split,
    period_of_days,
)
from app.core.services.analytics.dashboard import dashboard
from app.core.services.analytics.figures import allocate
from app.core.services.analytics.profit import profit_by_order, profit_by_product, profit_by_store
from app.core.services.analytics.sales import (
    GroupBy,
    sales_by,
    sales_series,
    sales_totals,
    top_products,
    top_variants,
)
from app.core.services.analytics.stock import days_of_cover, slow_movers, stock_value
from app.core.services.analytics.summary import rebuild_sales_summary, refresh_sales_summary
from app.core.services.errors import ValidationError
from tests.unit.analytics.seed import NOV3_09H, channel_order, ingest, seed

D = Decimal


@pytest.fixture
def data(ctx, workspace):
    """The seeded dataset."""
    return seed(ctx, workspace)


@pytest.fixture
def nov(ctx):
    """1–3 November 2026, whole local days."""
    return period_of_days(ctx, date(2026, 11, 1), date(2026, 11, 3))


class TestTotals:
    def test_totals_match_the_hand_computed_figures(self, ctx, data, nov):
        t = sales_totals(ctx, nov)
        assert (t.orders_placed, t.orders, t.units) == (6, 3, 7)
        assert t.gross == D("320000.00") and t.discounts == D("15000.00")
        assert t.revenue == D("305000.00")
        assert t.cost == D("172000.00")
        assert t.fees == D("25600.00") and t.fees_estimated_amount == D("13600.00")
        assert t.fees_estimated
        assert t.shipping_subsidy == D("3000.00")
        assert t.profit == D("104400.00")  # 305.000 − 172.000 − 25.600 − 3.000
        assert t.average_order_value == D("101666.67")
        assert (t.cancellation_rate, t.return_rate) == (D("16.7"), D("16.7"))

    def test_store_filter(self, ctx, data, nov):
        t = sales_totals(ctx, nov, [data.tiktok])
        assert (t.orders_placed, t.orders, t.revenue, t.profit) == (
            3,
            1,
            D("120000.00"),
            D("50400.00"),
        )

    def test_by_platform_and_profit_per_store(self, ctx, data, nov):
        groups = sales_by(ctx, nov, GroupBy.PLATFORM)
        assert [(g.label, g.figures.revenue) for g in groups] == [
            ("Shopee", D("185000.00")),
            ("TikTok Shop", D("120000.00")),
        ]
        stores = profit_by_store(ctx, nov)
        assert [(r.label, r.profit, r.fees_estimated) for r in stores] == [
            ("Toko Shopee", D("54000.00"), True),  # 185.000 − 112.000 − 16.000 − 3.000
            ("Toko TikTok", D("50400.00"), True),
        ]

    def test_empty_period_gives_zeros(self, ctx, data):
        p = period_of_days(ctx, date(2025, 1, 1), date(2025, 1, 31))
        t = sales_totals(ctx, p)
        assert (t.orders, t.revenue, t.average_order_value, t.cancellation_rate) == (
            0,
            D("0.00"),
            D("0.00"),
            D("0.0"),
        )


class TestSeries:
    def test_days_are_local_jakarta_days(self, ctx, data, nov):
        shopee, tiktok = sales_series(ctx, nov, Granularity.DAY)
        assert shopee.buckets == (date(2026, 11, 1), date(2026, 11, 2), date(2026, 11, 3))
        # A2 was placed at 18:00 UTC on 1 Nov = 01:00 on 2 Nov in Jakarta
        assert shopee.revenue == (D("135000.00"), D("50000.00"), D("0.00"))
        assert tiktok.revenue == (D("0.00"), D("0.00"), D("120000.00"))
        assert shopee.orders == (1, 1, 0)

    def test_weeks_start_on_monday_and_months_on_the_first(self, ctx, data, nov):
        (week,) = sales_series(ctx, nov, Granularity.WEEK, GroupBy.PLATFORM, [data.shopee])
        assert week.buckets == (date(2026, 10, 26), date(2026, 11, 2))
        assert week.revenue == (D("135000.00"), D("50000.00"))
        month = sales_series(ctx, nov, Granularity.MONTH, GroupBy.PLATFORM)
        assert [(s.label, s.buckets, s.revenue) for s in month] == [
            ("Shopee", (date(2026, 11, 1),), (D("185000.00"),)),
            ("TikTok Shop", (date(2026, 11, 1),), (D("120000.00"),)),
        ]

    def test_an_aware_period_covers_every_local_day_it_touches(self, ctx, data):
        p = Period(datetime(2026, 11, 1, 20, 0, tzinfo=UTC), datetime(2026, 11, 2, 1, tzinfo=UTC))
        tz = local_zone("Asia/Jakarta")
        assert p.local_days(tz) == (date(2026, 11, 2), date(2026, 11, 2))

    def test_naive_or_reversed_periods_are_refused(self):
        with pytest.raises(ValidationError):
            Period(datetime(2026, 11, 1), datetime(2026, 11, 2))
        with pytest.raises(ValidationError):
            Period(datetime(2026, 11, 2, tzinfo=UTC), datetime(2026, 11, 1, tzinfo=UTC))


class TestProducts:
    def test_top_products_and_variants(self, ctx, data, nov):
        top = top_products(ctx, nov)
        assert [(t.name, t.units, t.revenue) for t in top] == [
            ("Topi Rajut", 4, D("155000.00")),  # 35.000 (A1, after its discount) + 120.000
            ("Kaos Polos", 3, D("150000.00")),
        ]
        by_units = top_variants(ctx, nov, by_units=True, limit=2)
        assert [(t.sku, t.units) for t in by_units] == [("TOPI-01", 4), ("KAOS-S", 2)]

    def test_profit_per_product_adds_up_to_the_total(self, ctx, data, nov):
        rows = profit_by_product(ctx, nov)
        assert [(r.label, r.revenue, r.cost) for r in rows] == [
            ("Topi Rajut", D("155000.00"), D("80000.00")),
            ("Kaos Polos", D("150000.00"), D("92000.00")),
        ]
        # A1's final fees (12.000) and subsidy (3.000) are shared 100.000 : 35.000
        kaos = rows[1]
        assert kaos.fees == D("12888.89")  # 8.888,89 of A1 + 4.000 of A2
        assert kaos.shipping_subsidy == D("2222.22")
        assert sum((r.profit for r in rows), D(0)) == sales_totals(ctx, nov).profit

    def test_profit_per_order_flags_estimated_fees(self, ctx, data, nov):
        page = profit_by_order(ctx, nov, limit=2)
        assert [(o.platform_order_id, o.profit, o.fees_estimated) for o in page] == [
            ("A1", D("40000.00"), False),
            ("A2", D("14000.00"), True),
        ]
        rest = profit_by_order(ctx, nov, after=(page[-1].placed_at, page[-1].order_id))
        assert [(o.platform_order_id, o.profit) for o in rest] == [("B1", D("50400.00"))]

    def test_whole_months_read_the_monthly_roll_up_with_the_same_result(self, ctx, data):
        wide = period_of_days(ctx, date(2026, 10, 20), date(2026, 12, 5))
        nov = period_of_days(ctx, date(2026, 11, 1), date(2026, 11, 30))
        assert top_variants(ctx, wide) == top_variants(ctx, nov)
        assert month_split(date(2026, 10, 20), date(2026, 12, 5)) == (
            [date(2026, 11, 1)],
            [(date(2026, 10, 20), date(2026, 10, 31)), (date(2026, 12, 1), date(2026, 12, 5))],
        )


class TestStock:
    def test_stock_value_at_cost_per_location(self, ctx, data):
        (loc,) = stock_value(ctx)
        # KAOS-S 97 × 30.000 + KAOS-M 49 × 32.000 + TOPI 9 × 20.000 + SEPATU 5 × 90.000
        assert (loc.units, loc.value) == (160, D("5108000.00"))

    def test_slow_movers(self, ctx, data):
        slow = slow_movers(ctx, 2, as_of=date(2026, 11, 3))
        assert [(m.sku, m.last_sale, m.days_since_sale) for m in slow] == [
            ("KAOS-S", date(2026, 11, 1), 2),  # B2 was returned: not a sale
            ("SEPATU-01", None, None),
        ]

    def test_days_of_cover(self, ctx, data):
        cover = days_of_cover(ctx, 3, as_of=date(2026, 11, 3))
        # TOPI: 6 available / (4 sold / 3 days); KAOS-M: 48 / (1/3); KAOS-S: 97 / (2/3)
        assert [(c.sku, c.days_of_cover) for c in cover] == [
            ("TOPI-01", D("4.5")),
            ("KAOS-M", D("144.0")),
            ("KAOS-S", D("145.5")),
        ]


class TestSummaryUpkeep:
    def test_a_status_change_is_reflected_after_refresh(self, ctx, workspace, data, nov):
        b1 = channel_order("B1", OrderStatus.CANCELLED, NOV3_09H, [("TOPI-01", 3, 40000, 0)])
        b1 = replace(b1, updated_at=datetime(2026, 11, 4, tzinfo=UTC))
        ingest(workspace, data.tiktok, b1)
        t = sales_totals(ctx, nov)
        assert (t.orders, t.revenue, t.cancelled) == (2, D("185000.00"), 2)

    def test_rebuild_gives_the_same_rows_as_incremental_upkeep(self, ctx, workspace, data, nov):
        before = dashboard(ctx, nov)
        with workspace.sessions() as s:
            counts = [s.scalar(select(func.count()).select_from(t)) for t in _TABLES]
        assert rebuild_sales_summary(ctx) == 3
        assert dashboard(ctx, nov) == before
        with workspace.sessions() as s:
            assert [s.scalar(select(func.count()).select_from(t)) for t in _TABLES] == counts

    def test_refreshing_twice_changes_nothing(self, ctx, workspace, data, nov):
        before = dashboard(ctx, nov)
        with workspace.sessions.begin() as s:
            refresh_sales_summary(s, [1, 2, 3, 4, 5, 6])
            refresh_sales_summary(s, [1, 1])
        assert dashboard(ctx, nov) == before


_TABLES = (SalesDaily, SalesDailyVariant, SalesMonthlyVariant)


class TestAllocate:
    @pytest.mark.parametrize(
        ("total", "weights", "expected"),
        [
            (1200000, [10000000, 3500000], [888889, 311111]),
            (100, [1, 1, 1], [34, 33, 33]),
            (5, [0, 0], [5, 0]),
            (-7, [1, 1], [-4, -3]),
            (0, [], []),
        ],
    )
    def test_parts_add_up_exactly(self, total, weights, expected):
        parts = allocate(total, weights)
        assert parts == expected and sum(parts) == total


def test_local_zone_falls_back_to_a_fixed_offset():
    assert local_zone("Nowhere/Atlantis").utcoffset(None).total_seconds() == 7 * 3600
