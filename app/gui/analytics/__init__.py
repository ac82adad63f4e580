"""The Analytics page and the revenue chart the Dashboard embeds.

The chart names load :mod:`app.gui.analytics.charts` (pyqtgraph, numpy) on first use, not
when the window is built (tests/perf/bench_imports.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from app.gui.analytics.page import AnalyticsPage, RangeChoice, range_days

if TYPE_CHECKING:
    from app.gui.analytics.charts import PlatformChart, RevenueChart, TopProductsChart

__all__ = [
    "AnalyticsPage",
    "PlatformChart",
    "RangeChoice",
    "RevenueChart",
    "TopProductsChart",
    "range_days",
]

_CHARTS = ("PlatformChart", "RevenueChart", "TopProductsChart")


def __getattr__(name: str) -> Any:
    if name in _CHARTS:
        from app.gui.analytics import charts

        return getattr(charts, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
