"""Inventory table models: stock rows (id snapshot + pages), movements, channel stock."""

from __future__ import annotations

from array import array

from PySide6.QtCore import QObject

from app.core.services import inventory, queries
from app.core.services.context import ServiceContext
from app.core.services.inventory import Movement
from app.core.services.queries import ChannelStock, StockFilter, StockRow
from app.core.settings import get_setting
from app.gui.formatting import format_datetime, humanize
from app.gui.runner import BackgroundRunner
from app.gui.widgets.columns import ERROR, MUTED, RIGHT, SUCCESS, WARNING, Column
from app.gui.widgets.paged_model import PagedTableModel
from app.gui.widgets.rows_model import RowsTableModel


def stock_state(r: StockRow, default_point: int) -> str:
    """out, low or ok."""
    if r.available <= 0:
        return "out"
    point = r.reorder_point or default_point
    return "low" if r.available <= point else "ok"


def stock_columns(default_point: int) -> list[Column[StockRow]]:
    """Columns; ``default_point`` applies to items without their own reorder point."""
    colours = {"out": ERROR, "low": WARNING, "ok": None}
    return [
        Column("SKU", lambda r: r.sku, "sku", width=150),
        Column("Product", lambda r: r.product_name, width=240),
        Column("Variant", lambda r: r.variant_name, width=120),
        Column("Location", lambda r: r.location_name, width=130),
        Column("On hand", lambda r: r.on_hand, "on_hand", align=RIGHT, width=80),
        Column("Reserved", lambda r: r.reserved, "reserved", align=RIGHT, width=80),
        Column(
            "Available",
            lambda r: r.available,
            "available",
            align=RIGHT,
            color=lambda r: colours[stock_state(r, default_point)],
            width=80,
        ),
        Column(
            "Reorder point",
            lambda r: r.reorder_point or f"({default_point})",
            "reorder_point",
            align=RIGHT,
            tooltip=lambda r: None if r.reorder_point else "workspace default",
            width=100,
        ),
        Column(
            "State",
            lambda r: {"out": "Out of stock", "low": "Low", "ok": "OK"}[
                stock_state(r, default_point)
            ],
            color=lambda r: colours[stock_state(r, default_point)] or SUCCESS,
            width=100,
        ),
        Column("Updated", lambda r: format_datetime(r.updated_at), width=140),
    ]


class StockModel(PagedTableModel[StockRow]):
    """Inventory items matching a :class:`StockFilter`, sorted in SQL."""

    def __init__(
        self, ctx: ServiceContext, runner: BackgroundRunner, parent: QObject | None = None
    ) -> None:
        self.default_point = int(get_setting(ctx, "low_stock_default_point"))
        point = self.default_point

        def ids(flt: StockFilter, key: str, desc: bool) -> array:
            return queries.stock_item_ids(ctx, flt, sort=key, descending=desc, default_point=point)

        super().__init__(
            runner,
            stock_columns(point),
            ids,
            lambda page: queries.stock_rows(ctx, page),
            sort="sku",
            flt=StockFilter(),
            parent=parent,
        )


def _signed(n: int) -> str:
    return f"+{n}" if n > 0 else str(n)


MOVEMENT_COLUMNS: list[Column[Movement]] = [
    Column("When", lambda m: format_datetime(m.at), "at", raw=lambda m: m.at, width=140),
    Column("Type", lambda m: humanize(m.type), "type", width=100),
    Column(
        "On hand",
        lambda m: _signed(m.delta_on_hand) if m.delta_on_hand else "",
        "oh",
        raw=lambda m: m.delta_on_hand,
        align=RIGHT,
        color=lambda m: ERROR if m.delta_on_hand < 0 else (SUCCESS if m.delta_on_hand else None),
        width=80,
    ),
    Column(
        "Reserved",
        lambda m: _signed(m.delta_reserved) if m.delta_reserved else "",
        "rs",
        raw=lambda m: m.delta_reserved,
        align=RIGHT,
        width=80,
    ),
    Column("Location", lambda m: m.location_name, "loc", width=120),
    Column("Who", lambda m: m.actor, "actor", width=80),
    Column(
        "Reference",
        lambda m: f"{m.reference_type} {m.reference_id or ''}".strip(),
        "ref",
        width=140,
    ),
    Column("Why", lambda m: m.note, "note", width=240),
]


def make_movements_model(parent: QObject | None = None) -> RowsTableModel[Movement]:
    """The movement history model."""
    return RowsTableModel(MOVEMENT_COLUMNS, parent=parent)


CHANNEL_COLUMNS: list[Column[ChannelStock]] = [
    Column("Store", lambda c: c.store_name, "store", width=150),
    Column("Listing", lambda c: c.title, "title", width=220),
    Column(
        "Last told",
        lambda c: "never" if c.last_pushed_stock is None else c.last_pushed_stock,
        "pushed",
        raw=lambda c: c.last_pushed_stock,
        align=RIGHT,
        width=80,
    ),
    Column(
        "Told at",
        lambda c: format_datetime(c.last_pushed_at),
        "at",
        raw=lambda c: c.last_pushed_at,
        width=140,
    ),
    Column(
        "Platform shows",
        lambda c: "" if c.platform_stock is None else c.platform_stock,
        "shows",
        raw=lambda c: c.platform_stock,
        align=RIGHT,
        width=110,
    ),
    Column(
        "Read at",
        lambda c: format_datetime(c.platform_stock_seen_at),
        "seen",
        raw=lambda c: c.platform_stock_seen_at,
        width=140,
    ),
    Column(
        "Queued",
        lambda c: "" if c.queued_stock is None else f"{c.queued_stock} ({c.queue_status})",
        "queued",
        raw=lambda c: c.queued_stock,
        color=lambda c: ERROR if c.queue_error else (MUTED if c.queued_stock is None else WARNING),
        tooltip=lambda c: c.queue_error or None,
        width=120,
    ),
]


def make_channels_model(parent: QObject | None = None) -> RowsTableModel[ChannelStock]:
    """The per-channel stock model."""
    return RowsTableModel(CHANNEL_COLUMNS, row_id=lambda c: c.listing_id, parent=parent)


def movements_for(ctx: ServiceContext, variant_id: int) -> list[Movement]:
    """Every ledger row of a variant, newest first."""
    return inventory.movements(ctx, variant_id)
