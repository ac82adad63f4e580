"""pyqtgraph charts for sales: revenue over time, platform bars, top products.

Every chart shows money as Rupiah in its hover tooltip, and dates in the workspace's
local time (the axis is told the zone's offset from UTC).
"""

from __future__ import annotations

import os

os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")

from collections.abc import Sequence
from datetime import date, datetime, time, tzinfo
from decimal import Decimal

from PySide6.QtCore import QPointF
from PySide6.QtWidgets import QToolTip, QVBoxLayout, QWidget

# isort: split
import pyqtgraph as pg  # after PySide6, so pyqtgraph binds to it and not to another Qt
import pyqtgraph.graphicsItems.DateAxisItem as _date_axis

from app.core.services.analytics.calendar import local_today, local_zone
from app.core.services.analytics.sales import GroupFigures, Series, TopItem
from app.gui.formatting import day_name, format_date, format_decimal, format_rupiah, month_name
from app.gui.i18n import tr

PALETTE = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2")
PLATFORM_COLORS = {
    "shopee": "#ee4d2d",
    "tiktok_shop": "#111111",
    "woocommerce": "#7f54b3",
    "custom_website": "#2e7d32",
}


def _axis_offset(tz: tzinfo, when: date) -> int:
    """pyqtgraph's utcOffset: seconds *west* of UTC, like ``time.timezone``."""
    offset = datetime.combine(when, time(12), tz).utcoffset()
    return -int(offset.total_seconds()) if offset is not None else 0


def _stamp(day: date, tz: tzinfo) -> float:
    """Seconds since the epoch at local midnight of ``day``."""
    return datetime.combine(day, time(0), tz).timestamp()


def compact_money(value: float) -> str:
    """An axis label for an amount of Rupiah: ``1,2M``, ``500K`` (Indonesian ``1,2 jt``,
    ``500 rb``)."""
    for size, unit in ((1e12, tr("{value}T")), (1e9, tr("{value}B")), (1e6, tr("{value}M"))):
        if abs(value) >= size:
            return unit.format(value=_decimal(value / size))
    if abs(value) >= 1e3:
        return tr("{value}K").format(value=_decimal(value / 1e3))
    return _decimal(value)


def _decimal(x: float) -> str:
    # one decimal at most, written as everywhere on screen (app/gui/formatting.py): 1,2
    text = format_decimal(x, 1)
    return text[:-2] if text[-2:-1] in (",", ".") and text.endswith("0") else text


class LocalDateAxis(pg.DateAxisItem):
    """pyqtgraph's date axis writes month and day names with ``strftime`` (English, the C
    locale); these ticks take them from the interface language: ``Des``, ``Sen 07``."""

    def tickStrings(self, values, scale, spacing):  # pyqtgraph's name
        spec = next((s for s in self.zoomLevel.tickSpecs if s.spacing == spacing), None)
        if spec is None or ("%b" not in spec.format and "%a" not in spec.format):
            return super().tickStrings(values, scale, spacing)
        out = []
        for v in values:
            try:
                when = _date_axis.utcfromtimestamp(
                    _date_axis.adjustTimestampToPreferredUtcOffset(v, self.utcOffset)
                )
            except (OverflowError, ValueError, OSError):
                out.append("")
                continue
            fmt = spec.format.replace("%b", month_name(when.month).replace("%", "%%"))
            fmt = fmt.replace("%a", day_name(when.weekday()).replace("%", "%%"))
            out.append(when.strftime(fmt))
        return out


class MoneyAxis(pg.AxisItem):
    """Tick labels as compact Rupiah amounts instead of ``1.2e+06``."""

    def tickStrings(self, values, scale, spacing):  # pyqtgraph's name
        return [compact_money(v * scale) for v in values]


class _Plot(QWidget):
    """A plot widget with a hover tooltip driven by ``_tooltip_at``."""

    def __init__(
        self,
        parent: QWidget | None = None,
        axis: pg.AxisItem | None = None,
        *,
        money_axis: str = "left",
        legend: bool = True,
    ) -> None:
        super().__init__(parent)
        axes = {money_axis: MoneyAxis(orientation=money_axis)}
        if axis is not None:
            axes["bottom"] = axis
        self.plot = pg.PlotWidget(axisItems=axes, background="w")
        self.plot.showGrid(x=True, y=True, alpha=0.2)
        self.plot.setMenuEnabled(False)
        self.plot.getAxis("left").setStyle(tickTextWidth=60)
        self.legend = self.plot.addLegend(offset=(10, 10)) if legend else None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.plot)
        self.last_tooltip = ""
        self._proxy = pg.SignalProxy(
            self.plot.scene().sigMouseMoved, rateLimit=30, slot=self._mouse_moved
        )

    def _mouse_moved(self, event: tuple[QPointF]) -> None:
        pos = event[0]
        vb = self.plot.getPlotItem().vb
        if not self.plot.sceneBoundingRect().contains(pos):
            return
        point = vb.mapSceneToView(pos)
        self.show_tooltip_at(point.x(), point.y())

    def show_tooltip_at(self, x: float, y: float) -> str:
        """Show (and return) the tooltip for a point in data coordinates."""
        text = self._tooltip_at(x, y)
        self.last_tooltip = text
        if text:
            QToolTip.showText(self.cursor().pos(), text, self)
        else:
            QToolTip.hideText()
        return text

    def _tooltip_at(self, x: float, y: float) -> str:  # pragma: no cover - overridden
        return ""

    def _clear(self) -> None:
        self.plot.clear()
        if self.legend is not None:
            self.legend.clear()


class RevenueChart(_Plot):
    """Revenue per day/week/month, one line per store (the Dashboard embeds this too)."""

    def __init__(self, parent: QWidget | None = None, tz: tzinfo | None = None) -> None:
        self._tz = tz or local_zone(None)
        self._axis = LocalDateAxis(
            orientation="bottom", utcOffset=_axis_offset(self._tz, local_today(self._tz))
        )
        super().__init__(parent, self._axis)
        self.plot.setLabel("left", tr("Revenue (Rp)"))
        self._series: tuple[Series, ...] = ()
        self._xs: list[float] = []

    def set_series(self, series: Sequence[Series], tz: tzinfo | None = None) -> None:
        """Draw these series (all share the same buckets)."""
        if tz is not None:
            self._tz = tz
            self._axis.utcOffset = _axis_offset(tz, local_today(tz))
        self._clear()
        self._series = tuple(series)
        self._xs = [_stamp(b, self._tz) for b in (series[0].buckets if series else ())]
        for i, s in enumerate(self._series):
            color = PALETTE[i % len(PALETTE)]
            self.plot.plot(
                self._xs,
                [float(v) for v in s.revenue],  # float only to draw; the money stays Decimal
                pen=pg.mkPen(color, width=2),
                symbol="o",
                symbolSize=5,
                symbolBrush=color,
                name=s.label,
            )

    def series(self) -> tuple[Series, ...]:
        """What is drawn."""
        return self._series

    def _tooltip_at(self, x: float, y: float) -> str:
        if not self._xs:
            return ""
        i = min(range(len(self._xs)), key=lambda k: abs(self._xs[k] - x))
        day = self._series[0].buckets[i]
        lines = [format_date(day)]
        lines += [f"{s.label}: {format_rupiah(s.revenue[i])}" for s in self._series]
        return "\n".join(lines)


class BarChart(_Plot):
    """Labelled bars of money (platform comparison, top products). The labels are on the
    category axis, so no legend covers the bars; ``horizontal`` bars leave room for long
    product names, best at the top."""

    def __init__(self, title: str, parent: QWidget | None = None, horizontal: bool = False):
        super().__init__(parent, money_axis="bottom" if horizontal else "left", legend=False)
        self._horizontal = horizontal
        self.plot.setLabel("bottom" if horizontal else "left", title)
        if horizontal:
            # every product name shown: let the labels fill the axis (the default skips
            # some once they take 80 % of it)
            self.plot.getAxis("left").setStyle(tickTextWidth=210, textFillLimits=[(0, 1.0)])
            self.plot.getAxis("left").setWidth(230)
        self._labels: list[str] = []
        self._values: list[Decimal] = []

    def set_bars(
        self, labels: Sequence[str], values: Sequence[Decimal], colors: Sequence[str] = ()
    ) -> None:
        """Draw one bar per label."""
        self._clear()
        self._labels, self._values = list(labels), list(values)
        for i, value in enumerate(self._values):
            color = colors[i] if i < len(colors) else PALETTE[i % len(PALETTE)]
            at = self._position(i)
            if self._horizontal:
                bar = pg.BarGraphItem(x0=[0], y=[at], width=[float(value)], height=0.6, brush=color)
            else:
                bar = pg.BarGraphItem(x=[at], height=[float(value)], width=0.6, brush=color)
            self.plot.addItem(bar)
        n = 26 if self._horizontal else 14
        ticks = [(self._position(i), _short(label, n)) for i, label in enumerate(labels)]
        self.plot.getAxis("left" if self._horizontal else "bottom").setTicks([ticks])

    def _position(self, i: int) -> int:
        return len(self._labels) - 1 - i if self._horizontal else i

    def bars(self) -> list[tuple[str, Decimal]]:
        """What is drawn."""
        return list(zip(self._labels, self._values, strict=True))

    def _tooltip_at(self, x: float, y: float) -> str:
        along = y if self._horizontal else x
        at = round(along)
        i = len(self._labels) - 1 - at if self._horizontal else at
        if not 0 <= i < len(self._labels) or abs(along - at) > 0.3:
            return ""
        return f"{self._labels[i]}: {format_rupiah(self._values[i])}"


def _short(label: str, n: int = 14) -> str:
    return label if len(label) <= n else label[: n - 1] + "…"


class PlatformChart(BarChart):
    """Revenue per platform."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(tr("Revenue (Rp)"), parent)

    def set_groups(self, groups: Sequence[GroupFigures]) -> None:
        """One bar per platform."""
        self.set_bars(
            [g.label for g in groups],
            [g.figures.revenue for g in groups],
            [PLATFORM_COLORS.get(g.key, PALETTE[i % len(PALETTE)]) for i, g in enumerate(groups)],
        )


class TopProductsChart(BarChart):
    """Best-selling products by revenue, as horizontal bars (names stay readable)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(tr("Revenue (Rp)"), parent, horizontal=True)

    def set_items(self, items: Sequence[TopItem]) -> None:
        """One bar per product, best first."""
        self.set_bars([t.name for t in items], [t.revenue for t in items])


__all__ = ["BarChart", "MoneyAxis", "PlatformChart", "RevenueChart", "TopProductsChart"]
