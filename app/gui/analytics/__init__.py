"""The Analytics page and the revenue chart the Dashboard embeds."""

from app.gui.analytics.charts import PlatformChart, RevenueChart, TopProductsChart
from app.gui.analytics.page import AnalyticsPage, RangeChoice, range_days

__all__ = [
    "AnalyticsPage",
    "PlatformChart",
    "RangeChoice",
    "RevenueChart",
    "TopProductsChart",
    "range_days",
]
