"""Dashboard: a to-do panel a seller acts on, sales per store, the latest activity."""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.core.services.analytics.calendar import Period, local_today, zone
from app.core.services.analytics.dashboard import (
    ActivityEntry,
    DashboardSummary,
    StoreSales,
    dashboard_summary,
    recent_activity,
)
from app.core.services.analytics.sales import sales_series
from app.core.services.stock_levels import stock_counts
from app.core.settings import LOW_STOCK_DEFAULT_POINT, get_setting
from app.gui.context import GuiContext
from app.gui.formatting import format_rupiah, format_time_or_date, humanize
from app.gui.i18n import N_, tr, tr_message
from app.gui.page import Page
from app.gui.stores.model import PLATFORM_LABELS
from app.gui.ui_state import UiState
from app.gui.widgets.card import Card
from app.gui.widgets.columns import ERROR, RIGHT, WARNING, Column
from app.gui.widgets.helpers import apply_column_widths, named, setup_table
from app.gui.widgets.rows_model import RowsTableModel

log = logging.getLogger(__name__)

SALES_COLUMNS: list[Column[StoreSales]] = [
    Column(N_("Store"), lambda r: r.store_name, "name", width=180),
    Column(
        N_("Platform"), lambda r: PLATFORM_LABELS.get(r.platform, humanize(r.platform)), width=110
    ),
    # what to act on before the day's figures: never behind the scroll bar in Indonesian
    Column(
        N_("To ship"),
        lambda r: r.to_ship,
        "s",
        align=RIGHT,
        color=lambda r: WARNING if r.to_ship else None,
        width=80,
    ),
    Column(N_("Orders today"), lambda r: r.today_orders, "t", align=RIGHT, width=100),
    Column(
        N_("Revenue today"),
        lambda r: format_rupiah(r.today_revenue),
        "tr",
        raw=lambda r: r.today_revenue,
        align=RIGHT,
        width=130,
    ),
    Column(N_("Orders yesterday"), lambda r: r.yesterday_orders, "y", align=RIGHT, width=120),
    Column(
        N_("Revenue yesterday"),
        lambda r: format_rupiah(r.yesterday_revenue),
        "yr",
        raw=lambda r: r.yesterday_revenue,
        align=RIGHT,
        width=140,
    ),
]

_KIND_COLOURS = {"error": ERROR, "warning": WARNING}


#: stores the per-store table shows without scrolling (the sellers we build for have 2-10)
SALES_ROWS_SHOWN = 8


def _revenue_chart(parent: QWidget) -> QWidget | None:
    """The revenue chart of the last 14 days (None when it cannot be drawn here)."""
    from app.gui.analytics.charts import RevenueChart

    try:
        chart = RevenueChart(parent)
    except Exception:
        log.exception("the revenue chart could not be built")
        return None
    chart.setMinimumHeight(160)
    chart.setMaximumHeight(260)
    chart.setAccessibleName(tr("Revenue of the last 14 days per store"))
    return chart


class DashboardPage(Page):
    """The first page: counts to act on (each a click away from its page), sales, activity."""

    title = "Dashboard"
    kinds = frozenset({"orders", "listings", "stock", "stores", "products", "jobs"})

    def __init__(self, gui: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(gui, parent)
        self.summary: DashboardSummary | None = None
        self.stock_figures: tuple[int, int] | None = None  # (low, out), read after the rest
        root = QVBoxLayout(self)
        head = QLabel(tr("What needs you today"))
        head.setObjectName("pageTitle")
        root.addWidget(head)

        self.demo_banner = QWidget()
        banner = QHBoxLayout(self.demo_banner)
        banner.setContentsMargins(0, 0, 0, 0)
        banner.addWidget(QLabel(tr("No store is connected yet.")))
        self.demo_button = named(
            QPushButton(tr("Try the demo shops")),
            tr("Try the demo shops"),
            tr("Start the built-in sandbox marketplace with demo shops and sync them"),
        )
        self.demo_button.clicked.connect(self._start_demo)
        self.connect_button = named(QPushButton(tr("Connect a store…")), tr("Connect a store"))
        self.connect_button.clicked.connect(
            lambda: self.navigate_requested.emit("stores", "connect")
        )
        banner.addWidget(self.demo_button)
        banner.addWidget(self.connect_button)
        banner.addStretch(1)
        self.demo_banner.setVisible(False)
        root.addWidget(self.demo_banner)

        cards = QGridLayout()
        self.card_to_ship = Card(tr("Orders to ship"))
        self.card_unmapped = Card(tr("Listings not mapped"))
        self.card_low = Card(tr("Low stock"))
        self.card_out = Card(tr("Out of stock"))
        self.card_attention = Card(tr("Stores needing attention"))
        targets: list[tuple[Card, str, Any]] = [
            (self.card_to_ship, "orders", {"status": "to_ship"}),
            (self.card_unmapped, "catalog", {"tab": "mapping"}),
            (self.card_low, "inventory", {"filter": "low"}),
            (self.card_out, "inventory", {"filter": "out"}),
            (self.card_attention, "stores", None),
        ]
        for i, (card, page, payload) in enumerate(targets):
            card.clicked.connect(
                lambda _=False, p=page, pl=payload: self.navigate_requested.emit(p, pl)
            )
            cards.addWidget(card, 0, i)
        root.addLayout(cards)

        split = QSplitter(Qt.Orientation.Vertical)
        self.splitter = split
        top = QWidget()
        top_lay = QVBoxLayout(top)
        top_lay.setContentsMargins(0, 0, 0, 0)
        top_lay.addWidget(QLabel(tr("Today and yesterday, per store")))
        self.sales_model: RowsTableModel[StoreSales] = RowsTableModel(
            SALES_COLUMNS, row_id=lambda r: r.store_id, parent=self
        )
        self.sales_view = QTableView()
        setup_table(self.sales_view, "Sales per store")
        self.sales_view.setModel(self.sales_model)
        apply_column_widths(self.sales_view, self.sales_model)
        # sized to its rows (see _fit_sales_rows): a seller with 2-10 stores sees them all
        self.sales_view.activated.connect(self._open_store_orders)
        top_lay.addWidget(self.sales_view)
        # the chart is built when its figures arrive: pyqtgraph loads on the reading worker,
        # not before the window is shown (tests/perf/bench_imports.py)
        self.chart: QWidget | None = None
        self._chart_wanted = True
        self._chart_parent, self._chart_layout = top, top_lay
        split.addWidget(top)

        bottom = QSplitter(Qt.Orientation.Horizontal)
        att = QWidget()
        att_lay = QVBoxLayout(att)
        att_lay.setContentsMargins(0, 0, 0, 0)
        att_lay.addWidget(QLabel(tr("Stores needing attention")))
        self.attention_list = named(QListWidget(), tr("Stores needing attention"))
        self.attention_list.itemActivated.connect(self._open_store)
        att_lay.addWidget(self.attention_list)
        act = QWidget()
        act_lay = QVBoxLayout(act)
        act_lay.setContentsMargins(0, 0, 0, 0)
        act_lay.addWidget(QLabel(tr("Latest activity")))
        self.activity_list = named(QListWidget(), tr("Latest activity"))
        act_lay.addWidget(self.activity_list)
        bottom.addWidget(att)
        bottom.addWidget(act)
        bottom.setSizes([300, 600])
        split.addWidget(bottom)
        root.addWidget(split, 1)

    def _fit_sales_rows(self, most: int = SALES_ROWS_SHOWN) -> None:
        """Tall enough for every store (up to ``most``, then it scrolls): a scroll bar
        on a short list hid the third store and took the width of the last column."""
        view = self.sales_view
        rows = max(1, min(self.sales_model.rowCount(), most))
        height = view.horizontalHeader().sizeHint().height() + 2 * view.frameWidth()
        height += rows * view.verticalHeader().defaultSectionSize()
        if view.horizontalScrollBar().isVisible():
            height += view.horizontalScrollBar().sizeHint().height()
        view.setFixedHeight(height)

    # ------------------------------------------------------------------ data
    def reload(self) -> None:
        ctx = self.gui.ctx
        with_chart = self._chart_wanted

        def read() -> tuple[DashboardSummary, list[ActivityEntry], Any]:
            point = get_setting(ctx, LOW_STOCK_DEFAULT_POINT)
            today = local_today(zone(ctx))
            return (
                dashboard_summary(ctx, today, default_point=point, with_stock=False),
                recent_activity(ctx, 40),
                None,  # the chart's series: read apart (chart_series)
            )

        def chart_series() -> Any:
            try:
                # pyqtgraph loads here, off the GUI thread and after the window is shown
                import app.gui.analytics.charts  # noqa: F401

                tz = zone(ctx)
                today = local_today(tz)
                last_14 = Period.of_days(today - timedelta(days=13), today, tz)
                return (sales_series(ctx, last_14), tz)
            except Exception:
                log.warning("the revenue series could not be read", exc_info=True)
                return None

        def counts() -> tuple[int, int]:
            return stock_counts(ctx, get_setting(ctx, LOW_STOCK_DEFAULT_POINT))

        self.gui.runner.run(read, self._show, self._failed, owner=self)
        # counting low and out-of-stock items reads every stock row: shown when ready,
        # after the rest (tests/perf/bench_startup.py)
        self.gui.runner.run(counts, self._show_counts, self._failed, owner=self)
        # the chart last: loading pyqtgraph takes a while and must not hold up the rows
        if with_chart:
            self.gui.runner.run(chart_series, self._show_chart, self._failed, owner=self)

    def _show_chart(self, series: Any) -> None:
        if series is None or self._ensure_chart() is None:
            return
        try:
            self.chart.set_series(*series)  # type: ignore[union-attr]
        except Exception:
            log.exception("drawing the revenue chart failed")

    def _ensure_chart(self) -> QWidget | None:
        """The revenue chart, built the first time its figures are shown."""
        if self.chart is None and self._chart_wanted:
            self.chart = _revenue_chart(self._chart_parent)
            if self.chart is None:
                self._chart_wanted = False  # it cannot be drawn here: read no series
            else:
                self._chart_layout.addWidget(self.chart)
        return self.chart

    def _show_counts(self, counts: tuple[int, int]) -> None:
        low, out = counts
        self.stock_figures = counts
        self.card_low.set_value(low, "warning" if low else "ok")
        self.card_out.set_value(out, "error" if out else "ok")

    def _failed(self, exc: BaseException) -> None:
        log.error("dashboard read failed", exc_info=exc)
        self.status_message.emit(tr("Could not read the dashboard: {error}").format(error=exc))

    def _show(self, data: tuple[DashboardSummary, list[ActivityEntry], Any]) -> None:
        summary, activity, _ = data
        self.summary = summary
        per_store = "\n".join(f"{s.store_name}: {s.to_ship}" for s in summary.sales if s.to_ship)
        self.card_to_ship.set_value(
            summary.to_ship_total, "warning" if summary.to_ship_total else "ok", per_store
        )
        self.card_unmapped.set_value(
            summary.unmapped_listings,
            "warning" if summary.unmapped_listings else "ok",
            tr("{n} open order lines wait for a mapping").format(n=summary.unmapped_order_items),
        )
        self.card_attention.set_value(
            len(summary.attention), "error" if summary.attention else "ok"
        )
        self.sales_model.set_rows(summary.sales)
        self._fit_sales_rows()
        self.attention_list.clear()
        for a in summary.attention:
            item = QListWidgetItem(f"{a.store_name}: {humanize(a.status)} — {tr_message(a.reason)}")
            item.setData(Qt.ItemDataRole.UserRole, a.store_id)
            item.setForeground(QColor(ERROR if a.status != "idle" else WARNING))
            self.attention_list.addItem(item)
        if not summary.attention:
            self.attention_list.addItem(tr("Every store is syncing normally."))
        self.activity_list.clear()
        for e in activity:
            text = f"{format_time_or_date(e.at)}  {e.store_name}: {tr_message(e.text)}"
            if e.amount is not None:
                text += f" · {format_rupiah(e.amount)}"
            item = QListWidgetItem(text)
            colour = _KIND_COLOURS.get(e.kind)
            if colour:
                item.setForeground(QColor(colour))
            self.activity_list.addItem(item)
        if not activity:
            self.activity_list.addItem(tr("Nothing yet: orders and syncs will show up here."))
        self.demo_banner.setVisible(summary.store_count == 0)
        self.demo_button.setVisible(self.gui.start_demo is not None)

    # ------------------------------------------------------------------ actions
    def _start_demo(self) -> None:
        if self.gui.start_demo is not None:
            self.demo_button.setEnabled(False)
            self.demo_button.setText(tr("Starting the demo…"))
            self.gui.start_demo()

    def _open_store_orders(self, index: Any) -> None:
        row = self.sales_model.row_at(index.row())
        if row is not None:
            self.navigate_requested.emit("orders", {"store_id": row.store_id})

    def _open_store(self, item: QListWidgetItem) -> None:
        store_id = item.data(Qt.ItemDataRole.UserRole)
        if store_id is not None:
            self.navigate_requested.emit("stores", {"store_id": store_id})

    def save_state(self, ui: UiState) -> None:
        ui.save_splitter("dashboard", self.splitter)
        ui.save_columns("dashboard.sales", self.sales_view.horizontalHeader())

    def restore_state(self, ui: UiState) -> None:
        ui.restore_splitter("dashboard", self.splitter)
        ui.restore_columns("dashboard.sales", self.sales_view.horizontalHeader())
