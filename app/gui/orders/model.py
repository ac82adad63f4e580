"""The orders table model: id snapshot filtered and sorted in SQL, pages on demand."""

from __future__ import annotations

from array import array

from PySide6.QtCore import QObject

from app.core.domain import OrderStatus
from app.core.services import order_views
from app.core.services.context import ServiceContext
from app.core.services.order_views import OrderFilter, OrderRow
from app.gui.formatting import format_datetime, format_rupiah, humanize
from app.gui.i18n import N_, tr_cached
from app.gui.runner import BackgroundRunner
from app.gui.stores.model import PLATFORM_LABELS
from app.gui.widgets.columns import ERROR, MUTED, PRIMARY, RIGHT, SUCCESS, WARNING, Column
from app.gui.widgets.paged_model import PagedTableModel

STATUS_COLOURS = {
    OrderStatus.UNPAID: MUTED,
    OrderStatus.TO_SHIP: WARNING,
    OrderStatus.SHIPPED: PRIMARY,
    OrderStatus.COMPLETED: SUCCESS,
    OrderStatus.CANCELLED: MUTED,
    OrderStatus.RETURNED: ERROR,
}


def _mapping_text(r: OrderRow) -> str:
    if r.unmapped_count:
        return tr_cached("{n} not mapped").format(n=r.unmapped_count)
    return tr_cached("OK")


ORDER_COLUMNS: list[Column[OrderRow]] = [
    Column(N_("Placed"), lambda r: format_datetime(r.placed_at), "placed_at", width=140),
    Column(N_("Order"), lambda r: r.platform_order_id, "number", width=170),
    Column(N_("Store"), lambda r: r.store_name, width=150),
    Column(N_("Platform"), lambda r: PLATFORM_LABELS.get(r.platform, r.platform), width=100),
    Column(
        N_("Status"),
        lambda r: humanize(r.status),
        "status",
        color=lambda r: STATUS_COLOURS.get(r.status),
        width=100,
    ),
    Column(N_("Buyer"), lambda r: r.buyer_name, "buyer", width=150),
    Column(N_("Items"), lambda r: r.item_count, align=RIGHT, width=60),
    Column(N_("Total"), lambda r: format_rupiah(r.total), "total", align=RIGHT, width=120),
    Column(
        N_("Mapping"),
        _mapping_text,
        color=lambda r: ERROR if r.unmapped_count else SUCCESS,
        tooltip=lambda r: (
            tr_cached("Some lines are not mapped to a master SKU: they do not move stock")
            if r.unmapped_count
            else None
        ),
        width=110,
    ),
]


class OrdersModel(PagedTableModel[OrderRow]):
    """Orders matching an :class:`OrderFilter`, newest first by default."""

    def __init__(
        self, ctx: ServiceContext, runner: BackgroundRunner, parent: QObject | None = None
    ) -> None:
        def ids(flt: OrderFilter, key: str, desc: bool, limit: int | None) -> array:
            return order_views.order_ids(ctx, flt, sort=key, descending=desc, limit=limit)

        super().__init__(
            runner,
            ORDER_COLUMNS,
            ids,
            lambda page: order_views.order_rows(ctx, page),
            sort="placed_at",
            descending=True,
            flt=OrderFilter(),
            # newest orders first from the placed-at index, then the whole list (a year of
            # a big seller's orders: tests/perf/bench_startup.py)
            first_page=lambda flt: not flt.text.strip(),
            parent=parent,
        )
