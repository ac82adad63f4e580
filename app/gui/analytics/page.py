"""The Analytics page: KPIs, revenue per store over time, platforms, top products.

The figures are computed off the GUI thread (the window's ``BackgroundRunner``, as the
Dashboard and the paged tables read): at 1,000,000 order lines a range takes seconds, and
the window must stay usable meanwhile. A newer request (range, Refresh, a data change)
cancels the older one and only the newest result is shown (docs/ARCHITECTURE.md,
Analytics)."""

from __future__ import annotations

import os

os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")

import enum
import html
import logging
from datetime import date, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core.services.analytics.calendar import Period, local_today, zone
from app.core.services.analytics.dashboard import Dashboard, dashboard
from app.core.services.cancel import Cancelled, CancelToken
from app.gui.context import GuiContext
from app.gui.formatting import format_count, format_percent, format_rupiah
from app.gui.i18n import tr
from app.gui.page import Page

if TYPE_CHECKING:
    from app.gui.analytics.charts import PlatformChart, RevenueChart, TopProductsChart

log = logging.getLogger(__name__)


class RangeChoice(enum.Enum):
    """The ranges a seller picks most."""

    LAST_7 = "Last 7 days"
    LAST_30 = "Last 30 days"
    THIS_MONTH = "This month"
    LAST_MONTH = "Last month"
    CUSTOM = "Custom"


def range_days(choice: RangeChoice, today: date) -> tuple[date, date]:
    """First and last day (inclusive) of a preset range ending today."""
    if choice is RangeChoice.LAST_7:
        return today - timedelta(days=6), today
    if choice is RangeChoice.LAST_30:
        return today - timedelta(days=29), today
    first_this = today.replace(day=1)
    if choice is RangeChoice.THIS_MONTH:
        return first_this, today
    if choice is RangeChoice.LAST_MONTH:
        last = first_this - timedelta(days=1)
        return last.replace(day=1), last
    raise ValueError("custom ranges come from the date fields")


def _range_labels() -> dict[RangeChoice, str]:
    """The range choices as shown (the enum values stay English: they are not shown)."""
    return {
        RangeChoice.LAST_7: tr("Last 7 days"),
        RangeChoice.LAST_30: tr("Last 30 days"),
        RangeChoice.THIS_MONTH: tr("This month"),
        RangeChoice.LAST_MONTH: tr("Last month"),
        RangeChoice.CUSTOM: tr("Custom"),
    }


def _kpi_titles() -> dict[str, str]:
    """KPI key (also the value label's objectName) -> its title as shown."""
    return {
        "Revenue": tr("Revenue"),
        "Orders": tr("Orders"),
        "Units": tr("Units"),
        "Avg. order": tr("Avg. order"),
        "Profit": tr("Profit"),
        "Fees": tr("Fees"),
        "Cancelled": tr("Cancelled"),
        "Returned": tr("Returned"),
    }


def _qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def _pydate(q: QDate) -> date:
    return date(q.year(), q.month(), q.day())


class AnalyticsPage(Page):
    """KPIs and charts for a chosen range; call :meth:`refresh` after data changes.

    Signals:
        refreshed: emitted with the :class:`~app.core.services.analytics.dashboard.Dashboard` shown.
        computing_changed(bool): a computation started (True) or its result is shown or
            failed (False).
    """

    refreshed: Signal = Signal(object)
    computing_changed: Signal = Signal(bool)
    # built when the page first computes (:meth:`_ensure_charts`): pyqtgraph is not
    # needed to show the window (tests/perf/bench_imports.py)
    revenue_chart: RevenueChart
    platform_chart: PlatformChart
    top_chart: TopProductsChart
    title = "Analytics"
    kinds = frozenset({"orders", "products", "stock"})

    def __init__(self, gui: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(gui, parent)
        ctx = self._ctx = gui.ctx
        self._tz = zone(ctx)
        self.dashboard: Dashboard | None = None
        self._request = 0  # the newest request; older results are dropped
        self._cancel: CancelToken | None = None
        self._build()
        self.range_combo.currentIndexChanged.connect(self._range_changed)
        self.first_edit.dateChanged.connect(self._custom_changed)
        self.last_edit.dateChanged.connect(self._custom_changed)
        self.refresh_button.clicked.connect(self.refresh)
        # only the dates here: the figures are read when the page is first shown (Page.
        # ensure_loaded). Read while the window was built, they held up every start
        # (27 s of 32 s at 1,000,000 order lines under load; tests/perf/bench_startup.py)
        self._apply_range()

    # ---------------------------------------------------------------- layout

    def _build(self) -> None:
        self.range_combo = QComboBox()
        labels = _range_labels()
        for choice in RangeChoice:
            self.range_combo.addItem(labels.get(choice, choice.value), choice)
        self.range_combo.setCurrentIndex(1)  # 30 days: what most sellers look at first
        self.range_combo.setAccessibleName(tr("Date range"))
        self.first_edit, self.last_edit = QDateEdit(), QDateEdit()
        for edit, name in ((self.first_edit, tr("From")), (self.last_edit, tr("To"))):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd MMM yyyy")
            edit.setAccessibleName(name)
        self.refresh_button = QPushButton(tr("Refresh"))
        # shown while the figures are computed off the GUI thread; the old ones stay visible
        self.computing_label = QLabel(tr("Computing…"))
        self.computing_label.setObjectName("analyticsComputing")
        self.computing_label.setAccessibleName(tr("Computing the figures"))
        self.computing_label.hide()
        top = QHBoxLayout()
        top.addWidget(QLabel(tr("Range:")))
        top.addWidget(self.range_combo)
        top.addWidget(self.first_edit)
        top.addWidget(QLabel("–"))
        top.addWidget(self.last_edit)
        top.addStretch(1)
        top.addWidget(self.computing_label)
        top.addWidget(self.refresh_button)

        self.kpis: dict[str, QLabel] = {}
        grid = QGridLayout()
        grid.setHorizontalSpacing(24)
        # two rows of four: eight figures side by side need more than a 1280 px laptop
        for i, (name, shown) in enumerate(_kpi_titles().items()):
            title = QLabel(shown)
            value = QLabel("–")
            value.setObjectName(f"kpi_{name}")
            value.setStyleSheet("font-size: 14pt; font-weight: 600;")
            row, col = divmod(i, 4)
            grid.addWidget(title, 2 * row, col)
            grid.addWidget(value, 2 * row + 1, col)
            self.kpis[name] = value
        # what the profit rests on: sold SKUs without a cost make it revenue minus fees
        self.cost_warning = QLabel()
        self.cost_warning.setObjectName("costWarning")
        self.cost_warning.setWordWrap(True)
        self.cost_warning.setTextFormat(Qt.TextFormat.RichText)
        self.cost_warning.setStyleSheet("color: #b45309;")
        self.cost_warning.setAccessibleName(tr("Profit without costs"))
        self.cost_warning.linkActivated.connect(self._open_costs)
        self.cost_warning.hide()
        self.error_label = QLabel()
        self.error_label.setStyleSheet("color: #b00020;")
        self.error_label.hide()

        charts = self._charts_grid = QGridLayout()
        charts.addWidget(QLabel(tr("Revenue per store")), 0, 0, 1, 2)
        charts.addWidget(QLabel(tr("Platforms")), 2, 0)
        charts.addWidget(QLabel(tr("Top products")), 2, 1)
        charts.setRowStretch(1, 3)
        charts.setRowStretch(3, 2)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(grid)
        layout.addWidget(self.cost_warning)
        layout.addWidget(self.error_label)
        layout.addLayout(charts, 1)

    # ---------------------------------------------------------------- range

    def _today(self) -> date:
        return local_today(self._tz)

    def _range_changed(self) -> None:
        self._apply_range()
        self.refresh()

    def _apply_range(self) -> None:
        """Set the date boxes for the chosen range (not for a custom one)."""
        choice: RangeChoice = self.range_combo.currentData()
        custom = choice is RangeChoice.CUSTOM
        self.first_edit.setEnabled(custom)
        self.last_edit.setEnabled(custom)
        if not custom:
            first, last = range_days(choice, self._today())
            for edit, d in ((self.first_edit, first), (self.last_edit, last)):
                edit.blockSignals(True)  # one refresh for the pair, not one per field
                edit.setDate(_qdate(d))
                edit.blockSignals(False)

    def _custom_changed(self) -> None:
        if self.range_combo.currentData() is RangeChoice.CUSTOM:
            self.refresh()

    def set_range(self, first: date, last: date) -> None:
        """Show a custom range."""
        self.range_combo.blockSignals(True)
        self.range_combo.setCurrentIndex(self.range_combo.findData(RangeChoice.CUSTOM))
        self.range_combo.blockSignals(False)
        for edit, d in ((self.first_edit, first), (self.last_edit, last)):
            edit.setEnabled(True)
            edit.blockSignals(True)
            edit.setDate(_qdate(d))
            edit.blockSignals(False)
        self.refresh()

    def selected_days(self) -> tuple[date, date]:
        """The range shown (first, last), inclusive."""
        return _pydate(self.first_edit.date()), _pydate(self.last_edit.date())

    # ---------------------------------------------------------------- data

    def reload(self) -> None:
        self.refresh()

    def _ensure_charts(self) -> None:
        """The three charts, built the first time the figures are asked for."""
        if hasattr(self, "revenue_chart"):
            return
        from app.gui.analytics.charts import PlatformChart, RevenueChart, TopProductsChart

        self.revenue_chart = RevenueChart(tz=self._tz)
        self.platform_chart = PlatformChart()
        self.top_chart = TopProductsChart()
        self._charts_grid.addWidget(self.revenue_chart, 1, 0, 1, 2)
        self._charts_grid.addWidget(self.platform_chart, 3, 0)
        self._charts_grid.addWidget(self.top_chart, 3, 1)

    @property
    def is_computing(self) -> bool:
        """A computation is running whose result will be shown."""
        return self._cancel is not None

    def refresh(self) -> None:
        """Compute the figures for the range off the GUI thread, then redraw; a running
        older computation is cancelled and its result never shown."""
        self._ensure_charts()
        first, last = self.selected_days()
        self._request += 1
        request = self._request
        if self._cancel is not None:
            self._cancel.cancel()  # superseded: stop its queries (app/core/services/cancel.py)
            self._cancel = None
        if last < first:
            self._set_computing(False)
            self._show_error(tr("The range ends before it starts."))
            return
        ctx, tz, token = self._ctx, self._tz, CancelToken()
        self._cancel = token
        self._set_computing(True)

        def compute() -> Dashboard:
            return dashboard(ctx, Period.of_days(first, last, tz), cancel=token)

        self.gui.runner.run(
            compute,
            lambda dash: self._computed(request, dash),
            lambda exc: self._failed(request, exc),
            owner=self,
        )

    def _set_computing(self, on: bool) -> None:
        if self.computing_label.isVisibleTo(self) == on:
            return
        self.computing_label.setVisible(on)
        self.computing_changed.emit(on)

    def _computed(self, request: int, dash: Dashboard) -> None:
        if request != self._request:
            return  # a newer request superseded this one
        self._cancel = None
        self._set_computing(False)
        self._show_error(None)
        self.dashboard = dash
        self._show(dash)
        self.refreshed.emit(dash)

    def _failed(self, request: int, exc: BaseException) -> None:
        if isinstance(exc, Cancelled) or request != self._request:
            return  # superseded: nobody wants these figures any more
        self._cancel = None
        self._set_computing(False)
        # any failure must reach the user, not vanish in a worker
        log.error("analytics refresh failed", exc_info=exc)
        self._show_error(tr("Could not load the figures: {error}").format(error=exc))

    def _show_error(self, message: str | None) -> None:
        self.error_label.setText(message or "")
        self.error_label.setVisible(bool(message))

    def _show(self, d: Dashboard) -> None:
        t = d.totals
        est = tr("{amount} (est.)") if t.fees_estimated else "{amount}"
        values = {
            "Revenue": format_rupiah(t.revenue),
            "Orders": format_count(t.orders),
            "Units": format_count(t.units),
            "Avg. order": format_rupiah(t.average_order_value),
            "Profit": est.format(amount=format_rupiah(t.profit)),
            "Fees": est.format(amount=format_rupiah(t.fees)),
            "Cancelled": format_percent(t.cancellation_rate),
            "Returned": format_percent(t.return_rate),
        }
        for name, text in values.items():
            self.kpis[name].setText(text)
        self._show_cost_warning(d.uncosted_skus)
        self.revenue_chart.set_series(d.series_by_store, self._tz)
        self.platform_chart.set_groups(d.by_platform)
        self.top_chart.set_items(d.top_products)

    def _show_cost_warning(self, skus: tuple[str, ...]) -> None:
        if not skus:
            self.cost_warning.hide()
            return
        named = ", ".join(skus[:3])
        if len(skus) > 3:
            named += tr(" and {n} more").format(n=len(skus) - 3)
        text = tr("⚠ Sold without a cost: {skus}. Their profit is revenue minus fees only.")
        link = tr("Set costs in the catalog")
        self.cost_warning.setText(
            f"{html.escape(text.format(skus=named))} "
            f'<a href="{html.escape(skus[0])}">{html.escape(link)}</a>'
        )
        self.cost_warning.show()

    def _open_costs(self, sku: str) -> None:
        """The link: the catalog, searching the best-selling SKU without a cost."""
        self.navigate_requested.emit("catalog", {"search": sku})
