"""Inventory table models: stock rows (id snapshot + pages), movements, channel stock."""

from __future__ import annotations

from array import array
from collections.abc import Sequence
from dataclasses import dataclass, fields

from PySide6.QtCore import QObject

from app.core.services import channel_stock, stock_levels
from app.core.services.context import ServiceContext
from app.core.services.stock_levels import ChannelStock, Movement, StockFilter, StockLevel
from app.core.settings import LOW_STOCK_DEFAULT_POINT, get_setting
from app.gui.formatting import format_datetime, humanize
from app.gui.i18n import N_, tr, tr_cached
from app.gui.runner import BackgroundRunner
from app.gui.widgets.columns import ERROR, MUTED, RIGHT, SUCCESS, WARNING, Column
from app.gui.widgets.paged_model import PagedTableModel
from app.gui.widgets.rows_model import RowsTableModel


def stock_state(r: StockLevel, default_point: int) -> str:
    """out, low or ok."""
    if r.available <= 0:
        return "out"
    point = r.reorder_point or default_point
    return "low" if r.available <= point else "ok"


def state_label(state: str) -> str:
    """The seller's word for a :func:`stock_state` (translated once per language)."""
    if state == "out":
        return tr_cached("Out of stock")
    if state == "low":
        return tr_cached("Low")
    return tr_cached("OK")


def queue_status_label(status: str) -> str:
    """A stock push's outbox state (lower case, shown in brackets)."""
    match status:
        case "pending":
            return tr_cached("pending")
        case "failed":
            return tr_cached("failed")
        case "done":
            return tr_cached("done")
    return status


@dataclass(frozen=True)
class InventoryRow(StockLevel):
    """A stock row and, where the last-units rule is in force for it, the one store
    still offering it (docs/ARCHITECTURE.md, channel stock)."""

    last_units_store: str = ""


def inventory_rows(ctx: ServiceContext, ids: Sequence[int]) -> dict[int, InventoryRow]:
    """A page of stock rows with the store that gets their last units."""
    rows = stock_levels.stock_rows(ctx, ids)
    keepers = channel_stock.last_units_keepers(ctx, {r.variant_id for r in rows.values()})
    names = [f.name for f in fields(StockLevel)]
    return {
        i: InventoryRow(
            *(getattr(r, n) for n in names),
            last_units_store=keepers.get((r.variant_id, r.location_id), (0, ""))[1],
        )
        for i, r in rows.items()
    }


def stock_columns(default_point: int) -> list[Column[StockLevel]]:
    """Columns; ``default_point`` applies to items without their own reorder point."""
    colours = {"out": ERROR, "low": WARNING, "ok": None}
    return [
        Column(N_("SKU"), lambda r: r.sku, "sku", width=150),
        Column(N_("Product"), lambda r: r.product_name, width=240),
        Column(N_("Variant"), lambda r: r.variant_name, width=120),
        Column(N_("Location"), lambda r: r.location_name, width=130),
        Column(N_("Shelf"), lambda r: r.shelf, width=80),
        Column(N_("On hand"), lambda r: r.on_hand, "on_hand", align=RIGHT, width=80),
        Column(N_("Reserved"), lambda r: r.reserved, "reserved", align=RIGHT, width=80),
        Column(
            N_("Available"),
            lambda r: r.available,
            "available",
            align=RIGHT,
            color=lambda r: colours[stock_state(r, default_point)],
            width=80,
        ),
        Column(
            N_("Reorder point"),
            lambda r: r.reorder_point or tr_cached("{n} (default)").format(n=default_point),
            "reorder_point",
            align=RIGHT,
            tooltip=lambda r: None if r.reorder_point else tr_cached("workspace default"),
            width=100,
        ),
        Column(
            N_("State"),
            lambda r: state_label(stock_state(r, default_point)),
            color=lambda r: colours[stock_state(r, default_point)] or SUCCESS,
            width=100,
        ),
        Column(
            N_("Last units on"),
            lambda r: getattr(r, "last_units_store", ""),
            tooltip=lambda r: (
                tr_cached("Only this store offers the last units; the others show 0")
                if getattr(r, "last_units_store", "")
                else None
            ),
            width=140,
        ),
        Column(N_("Updated"), lambda r: format_datetime(r.updated_at), width=140),
    ]


class StockModel(PagedTableModel[StockLevel]):
    """Inventory items matching a :class:`StockFilter`, sorted in SQL."""

    def __init__(
        self, ctx: ServiceContext, runner: BackgroundRunner, parent: QObject | None = None
    ) -> None:
        self.default_point = get_setting(ctx, LOW_STOCK_DEFAULT_POINT)
        point = self.default_point

        def ids(flt: StockFilter, key: str, desc: bool, limit: int | None) -> array:
            return stock_levels.stock_item_ids(
                ctx, flt, sort=key, descending=desc, default_point=point, limit=limit
            )

        super().__init__(
            runner,
            stock_columns(point),
            ids,
            lambda page: inventory_rows(ctx, page),
            sort="sku",
            flt=StockFilter(),
            # the first rows come from the sort index long before a big stock list is
            # read whole (1,000,000 items: tests/perf/bench_startup.py)
            first_page=lambda flt: not flt.text.strip(),
            parent=parent,
        )


def _reference(m) -> str:
    """An order line's movement names the order, as the seller knows it."""
    if m.order_number:
        return tr("Order {number} · {store}").format(number=m.order_number, store=m.store_name)
    return f"{m.reference_type} {m.reference_id or ''}".strip()


def _signed(n: int) -> str:
    return f"+{n}" if n > 0 else str(n)


MOVEMENT_COLUMNS: list[Column[Movement]] = [
    Column(N_("When"), lambda m: format_datetime(m.at), "at", raw=lambda m: m.at, width=140),
    Column(N_("Type"), lambda m: humanize(m.type), "type", width=100),
    Column(
        N_("On hand"),
        lambda m: _signed(m.delta_on_hand) if m.delta_on_hand else "",
        "oh",
        raw=lambda m: m.delta_on_hand,
        align=RIGHT,
        color=lambda m: ERROR if m.delta_on_hand < 0 else (SUCCESS if m.delta_on_hand else None),
        width=80,
    ),
    Column(
        N_("Reserved"),
        lambda m: _signed(m.delta_reserved) if m.delta_reserved else "",
        "rs",
        raw=lambda m: m.delta_reserved,
        align=RIGHT,
        width=80,
    ),
    Column(N_("Location"), lambda m: m.location_name, "loc", width=120),
    Column(N_("Who"), lambda m: m.actor, "actor", width=80),
    Column(
        N_("Reference"),
        _reference,
        "ref",
        width=140,
    ),
    Column(N_("Why"), lambda m: m.note, "note", width=240),
]


def make_movements_model(parent: QObject | None = None) -> RowsTableModel[Movement]:
    """The movement history model."""
    return RowsTableModel(MOVEMENT_COLUMNS, parent=parent)


CHANNEL_COLUMNS: list[Column[ChannelStock]] = [
    Column(N_("Store"), lambda c: c.store_name, "store", width=150),
    Column(N_("Listing"), lambda c: c.title, "title", width=220),
    Column(
        N_("Last told"),
        lambda c: tr_cached("never") if c.last_pushed_stock is None else c.last_pushed_stock,
        "pushed",
        raw=lambda c: c.last_pushed_stock,
        align=RIGHT,
        width=80,
    ),
    Column(
        N_("Told at"),
        lambda c: format_datetime(c.last_pushed_at),
        "at",
        raw=lambda c: c.last_pushed_at,
        width=140,
    ),
    Column(
        N_("Platform shows"),
        lambda c: "" if c.platform_stock is None else c.platform_stock,
        "shows",
        raw=lambda c: c.platform_stock,
        align=RIGHT,
        width=110,
    ),
    Column(
        N_("Read at"),
        lambda c: format_datetime(c.platform_stock_seen_at),
        "seen",
        raw=lambda c: c.platform_stock_seen_at,
        width=140,
    ),
    Column(
        N_("Queued"),
        lambda c: (
            ""
            if c.queued_stock is None
            else f"{c.queued_stock} ({queue_status_label(c.queue_status)})"
        ),
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
    return stock_levels.movements(ctx, variant_id)
