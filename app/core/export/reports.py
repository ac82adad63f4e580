"""Bookkeeping exports: orders, order lines, monthly sales, stock valuation, movements.

Every export streams (write-only workbook, keyset-paged reads, each page its own short
read so the sync engine is never held up), reports progress, can be cancelled, and is
written atomically: a cancelled or failed export leaves no file behind.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from app import __version__
from app.core.db.models import (
    InventoryItem,
    InventoryTransaction,
    Location,
    Order,
    OrderItem,
    PlatformRow,
    Product,
    Store,
    Variant,
)
from app.core.db.types import utcnow
from app.core.export.kinds import ExportKind
from app.core.export.xlsx import (
    Column,
    Kind,
    SheetWriter,
    atomic_workbook,
    stream_sheet,
    write_cover,
)
from app.core.services.analytics.calendar import Period, add_month, day_bounds, workspace_zone
from app.core.services.analytics.figures import (
    COUNTED_STATUSES,
    LINE_COLS,
    ORDER_COLS,
    LineIn,
    LineShare,
    OrderFigures,
    lines_by_order,
    minor,
    order_figures,
    order_in,
)
from app.core.services.analytics.scope import workspace_store_ids
from app.core.services.analytics.stock import stock_value
from app.core.services.analytics.summary import DayFigures, compute_day_figures
from app.core.services.context import ServiceContext
from app.core.services.errors import ServiceError, ValidationError
from app.core.text import msg

PAGE = 2000


def from_minor(value: int | None) -> int | Decimal:
    """Hundredths as a spreadsheet number: whole Rupiah as an int, else an exact Decimal.

    Most Rupiah amounts are whole; ints are exact too and cheaper to write and to read.
    """
    v = int(value or 0)
    return v // 100 if v % 100 == 0 else Decimal(v).scaleb(-2)


T = TypeVar("T")
Progress = Callable[[int, int], bool | None]
"""Called as ``progress(done, total)``; return False (or raise :class:`ExportCancelled`)
to stop. ``total`` is the number of rows expected (0 when unknown)."""


class ExportCancelled(ServiceError):
    """The user stopped the export; no file was written."""


@dataclass(frozen=True)
class ExportRequest:
    """What to export: a kind, whole local days ``first_day``…``last_day``, some stores."""

    kind: ExportKind
    first_day: date
    last_day: date
    store_ids: tuple[int, ...] | None = None  # None: every store

    def __post_init__(self) -> None:
        if self.last_day < self.first_day:
            raise ValidationError(msg("the period ends before it starts"), field="last_day")


@dataclass(frozen=True)
class ExportResult:
    """What was written."""

    path: Path
    rows: int
    sheets: tuple[str, ...]


def run_export(
    ctx: ServiceContext, request: ExportRequest, path: Path, progress: Progress | None = None
) -> ExportResult:
    """Write the requested workbook to ``path``; raises :class:`ExportCancelled` if stopped."""
    job = _Job(ctx, request, Path(path), progress)
    writer = {
        ExportKind.ORDERS: _orders,
        ExportKind.ORDER_LINES: _order_lines,
        ExportKind.SALES_SUMMARY: _sales_summary,
        ExportKind.INVENTORY: _inventory,
        ExportKind.MOVEMENTS: _movements,
    }[request.kind]
    with atomic_workbook(job.path) as wb:
        job.wb = wb
        writer(job)
        write_cover(wb, f"StoreSync — {request.kind.label}", job.cover_items())
        sheets = tuple(wb.sheetnames)
    return ExportResult(job.path, job.rows, sheets)


# --------------------------------------------------------------------------- the job


class _Job:
    """Shared state of one export: scope, labels, progress and the workbook."""

    def __init__(
        self, ctx: ServiceContext, req: ExportRequest, path: Path, progress: Progress | None
    ) -> None:
        self.ctx, self.req, self.path, self._progress = ctx, req, path, progress
        self.wb: Any = None
        self.rows = 0
        self.total = 0
        with ctx.read() as s:
            self.tz: tzinfo = workspace_zone(s, ctx.workspace_id)
            self.stores = workspace_store_ids(s, ctx, req.store_ids)
            self.labels = {
                sid: (name, pname)
                for sid, name, pname in s.execute(
                    select(Store.id, Store.name, PlatformRow.name)
                    .join(PlatformRow, PlatformRow.code == Store.platform)
                    .where(Store.id.in_(self.stores))
                )
            }
        self.period = Period.of_days(req.first_day, req.last_day, self.tz)

    def local(self, dt: datetime | None) -> datetime | None:
        """A UTC instant as naive local time, which is what a spreadsheet can hold."""
        return None if dt is None else dt.astimezone(self.tz).replace(tzinfo=None)

    def tick(self, rows: int) -> None:
        """Count written rows and let the caller see progress or cancel."""
        self.rows += rows
        if self._progress is not None and self._progress(self.rows, self.total) is False:
            raise ExportCancelled(msg("export cancelled"))

    def cover_items(self) -> list[tuple[str, Any]]:
        """The parameters the cover sheet lists."""
        dated = self.req.kind is not ExportKind.INVENTORY
        by_store = self.req.kind in (
            ExportKind.ORDERS,
            ExportKind.ORDER_LINES,
            ExportKind.SALES_SUMMARY,
        )
        if not by_store:
            stores = "not applicable (stock is per location)"
        elif self.req.store_ids is None:
            stores = "all stores"
        else:
            stores = ", ".join(f"{self.labels[s][0]} ({self.labels[s][1]})" for s in self.stores)
        items: list[tuple[str, Any]] = [("Report", self.req.kind.label)]
        if dated:
            items += [("From", self.req.first_day), ("To (inclusive)", self.req.last_day)]
        else:
            items += [("Stock as of", self.local(utcnow()))]
        items += [
            ("Stores", stores),
            ("Time zone", str(self.tz)),
            ("Currency", "Indonesian Rupiah (IDR)"),
            ("Data rows", self.rows),
            ("Generated", self.local(utcnow())),
            ("Generated by", f"StoreSync {__version__}"),
        ]
        return items


def _order_cond(job: _Job):
    return and_(
        Order.store_id.in_(job.stores),
        Order.placed_at >= job.period.start,
        Order.placed_at < job.period.end,
    )


def _after(cond, at: datetime | None, last_id: int | None):
    """Keyset condition: rows after (placed_at, id) of the previous page."""
    if at is None:
        return cond
    return and_(cond, or_(Order.placed_at > at, and_(Order.placed_at == at, Order.id > last_id)))


_DETAIL_COLS = (
    Order.platform_order_id,
    Order.buyer_name,
    Order.buyer_username,
    minor(Order.platform_discount),
    minor(Order.total),
    Order.tracking_number,
    Order.paid_at,
    Order.shipped_at,
    Order.completed_at,
)


def _order_pages(
    job: _Job, lines: Callable[[Session, list[int]], T]
) -> Iterator[tuple[list[Any], T]]:
    """Pages of orders (``ORDER_COLS`` then ``_DETAIL_COLS``) with ``lines(session, ids)``.

    Each page is its own short read: the session is closed before the rows are written,
    so a long export never holds the database while the spreadsheet is being built.
    (Reading the next page on a helper thread was tried: the GIL left no gain.)
    """
    at: datetime | None = None
    last_id: int | None = None
    while True:
        with job.ctx.read() as s:
            rows = s.execute(
                select(*ORDER_COLS, *_DETAIL_COLS)
                .where(_after(_order_cond(job), at, last_id))
                .order_by(Order.placed_at, Order.id)
                .limit(PAGE)
            ).all()
            if not rows:
                return
            extra = lines(s, [r[0] for r in rows])
        yield rows, extra
        at, last_id = rows[-1][3], rows[-1][0]


def _count(job: _Job, stmt) -> None:
    with job.ctx.read() as s:
        job.total = int(s.scalar(stmt) or 0)


# --------------------------------------------------------------------------- orders


_M = Kind.MONEY
ORDER_COLUMNS = (
    Column("Order no.", width=20),
    Column("Store", width=18),
    Column("Platform", width=12),
    Column("Placed", Kind.DATETIME, 17),
    Column("Status", width=11),
    Column("Sale", width=6),
    Column("Buyer", width=22),
    Column("Buyer username", width=18),
    Column("Units", Kind.INT, 8, total=True),
    Column("Gross", _M, 14, total=True),
    Column("Seller discounts", _M, 14, total=True),
    Column("Platform discounts", _M, 14, total=True),
    Column("Shipping paid by buyer", _M, 14, total=True),
    Column("Total paid by buyer", _M, 14, total=True),
    Column("Revenue", _M, 14, total=True),
    Column("Marketplace fees", _M, 14, total=True),
    Column("Shipping subsidy", _M, 14, total=True),
    Column("Net", _M, 14, total=True),
    Column("Cost of goods", _M, 14, total=True),
    Column("Profit", _M, 14, total=True),
    Column("Fees", width=10),
    Column("Tracking no.", width=18),
    Column("Paid", Kind.DATETIME, 17),
    Column("Shipped", Kind.DATETIME, 17),
    Column("Completed", Kind.DATETIME, 17),
)


def _fees_label(final: bool) -> str:
    return "final" if final else "estimated"


_NO_SALE = (None,) * 6


def _sale_money(f: OrderFigures) -> tuple[int | Decimal, ...]:
    """Revenue, fees, shipping subsidy, net, cost and profit of a sale."""
    net = f.revenue - f.fees - f.shipping_subsidy
    return tuple(
        from_minor(x) for x in (f.revenue, f.fees, f.shipping_subsidy, net, f.cost, f.profit)
    )


def _orders(job: _Job) -> None:
    _count(job, select(func.count()).select_from(Order).where(_order_cond(job)))
    sheet = SheetWriter(stream_sheet(job.wb, "Orders"), ORDER_COLUMNS)
    for rows, lines in _order_pages(job, lambda s, ids: lines_by_order(s, Order.id.in_(ids))):
        for r in rows:
            o = order_in(r)
            f = order_figures(o, lines.get(o.id, ()))
            (number, buyer, username, pdisc, total, tracking, paid, shipped, done) = r[9:]
            store, platform = job.labels[o.store_id]
            sale = o.status in COUNTED_STATUSES
            sheet.append(
                (
                    number,
                    store,
                    platform,
                    job.local(o.placed_at),
                    o.status.value,
                    "yes" if sale else "no",
                    buyer,
                    username,
                    f.units,
                    from_minor(f.gross),
                    from_minor(f.discounts),
                    from_minor(pdisc),
                    from_minor(o.shipping_fee),
                    from_minor(total),
                    # only sales earn revenue and carry fees and cost; the totals row then
                    # agrees with the sales summary
                    *(_sale_money(f) if sale else _NO_SALE),
                    _fees_label(o.fees_final) if sale else None,
                    tracking,
                    job.local(paid),
                    job.local(shipped),
                    job.local(done),
                )
            )
        job.tick(len(rows))
    sheet.finish()


# --------------------------------------------------------------------------- order lines


LINE_COLUMNS = (
    Column("Order no.", width=20),
    Column("Store", width=18),
    Column("Platform", width=12),
    Column("Placed", Kind.DATETIME, 17),
    Column("Status", width=11),
    Column("Platform SKU", width=16),
    Column("Master SKU", width=16),
    Column("Item", width=32),
    Column("Quantity", Kind.INT, 9, total=True),
    Column("Unit price", _M, 13),
    Column("Line discount", _M, 13, total=True),
    Column("Unit cost", _M, 13),
    Column("Revenue", _M, 14, total=True),
    Column("Cost of goods", _M, 14, total=True),
    Column("Fees share", _M, 13, total=True),
    Column("Shipping subsidy share", _M, 13, total=True),
    Column("Profit", _M, 14, total=True),
    Column("Fees", width=10),
)


def _line_money(share: LineShare) -> tuple[int | Decimal, ...]:
    """A sold line's share of fees and shipping subsidy, and its profit."""
    profit = share.revenue - share.cost - share.fees - share.shipping_subsidy
    return (from_minor(share.fees), from_minor(share.shipping_subsidy), from_minor(profit))


def _line_details(s: Session, order_ids: list[int]) -> dict[int, list[tuple[Any, ...]]]:
    """Per order: (LineIn, platform sku, master sku, name, unit price, discount, unit cost)."""
    stmt = (
        select(
            *LINE_COLS,
            OrderItem.platform_sku,
            Variant.sku,
            OrderItem.name,
        )
        .join(Order, Order.id == OrderItem.order_id)
        .outerjoin(Variant, Variant.id == OrderItem.variant_id)
        .where(OrderItem.order_id.in_(order_ids))
        .order_by(OrderItem.order_id, OrderItem.id)
    )
    out: dict[int, list[tuple[Any, ...]]] = {}
    for oid, vid, qty, price, disc, cost, psku, msku, name in s.execute(stmt):
        line = LineIn(vid, int(qty), int(price or 0), int(disc or 0), int(cost or 0))
        out.setdefault(oid, []).append((line, psku, msku, name))
    return out


def _order_lines(job: _Job) -> None:
    _count(
        job,
        select(func.count())
        .select_from(OrderItem)
        .join(Order, Order.id == OrderItem.order_id)
        .where(_order_cond(job)),
    )
    sheet = SheetWriter(stream_sheet(job.wb, "Order lines"), LINE_COLUMNS)
    for rows, details in _order_pages(job, _line_details):
        written = 0
        for r in rows:
            o = order_in(r)
            lines = details.get(o.id, [])
            f = order_figures(o, [d[0] for d in lines])
            store, platform = job.labels[o.store_id]
            placed, number, fees = job.local(o.placed_at), r[9], _fees_label(o.fees_final)
            sale = o.status in COUNTED_STATUSES
            for (ln, psku, msku, name), share in zip(lines, f.lines, strict=True):
                money = _line_money(share) if sale else (None,) * 3
                sheet.append(
                    (
                        number,
                        store,
                        platform,
                        placed,
                        o.status.value,
                        psku,
                        msku,
                        name,
                        ln.quantity,
                        from_minor(ln.unit_price),
                        from_minor(ln.discount),
                        from_minor(ln.unit_cost),
                        from_minor(share.revenue) if sale else None,
                        from_minor(share.cost) if sale else None,
                        *money,
                        fees if sale else None,
                    )
                )
            written += len(lines)
        job.tick(written)
    sheet.finish()


# --------------------------------------------------------------------------- sales summary


def _summary_columns(first: str, second: str | None) -> tuple[Column, ...]:
    head = [Column("Month", Kind.MONTH, 10), Column(first, width=20)]
    if second:
        head.append(Column(second, width=14))
    return (
        *head,
        Column("Orders placed", Kind.INT, 10, total=True),
        Column("Orders (sales)", Kind.INT, 10, total=True),
        Column("Cancelled", Kind.INT, 10, total=True),
        Column("Returned", Kind.INT, 10, total=True),
        Column("Units", Kind.INT, 9, total=True),
        Column("Gross", _M, 15, total=True),
        Column("Discounts", _M, 14, total=True),
        Column("Revenue", _M, 15, total=True),
        Column("Marketplace fees", _M, 15, total=True),
        Column("Of which estimated", _M, 15, total=True),
        Column("Shipping subsidy", _M, 14, total=True),
        Column("Net", _M, 15, total=True),
        Column("Cost of goods", _M, 15, total=True),
        Column("Profit", _M, 15, total=True),
    )


def _money_row(a: DayFigures) -> tuple[Any, ...]:
    fees = a.fees_final + a.fees_estimated
    net = a.revenue - fees - a.subsidy
    return (
        a.placed,
        a.counted,
        a.cancelled,
        a.returned,
        a.units,
        from_minor(a.gross),
        from_minor(a.discounts),
        from_minor(a.revenue),
        from_minor(fees),
        from_minor(a.fees_estimated),
        from_minor(a.subsidy),
        from_minor(net),
        from_minor(a.cost),
        from_minor(net - a.cost),
    )


_SUMMED = (
    "placed",
    "counted",
    "cancelled",
    "returned",
    "units",
    "gross",
    "discounts",
    "revenue",
    "fees_final",
    "fees_estimated",
    "subsidy",
    "cost",
)


def _merge(into: DayFigures, other: DayFigures) -> None:
    for name in _SUMMED:
        setattr(into, name, getattr(into, name) + getattr(other, name))


def _months(first: date, last: date) -> Iterable[date]:
    m = first.replace(day=1)
    while m <= last:
        yield m
        m = add_month(m)


def _sales_summary(job: _Job) -> None:
    """Computed from the orders themselves (not the dashboard summary), so the books never
    depend on the summary being current."""
    months = list(_months(job.req.first_day, job.req.last_day))
    job.total = len(months)
    per_store: dict[tuple[date, int], DayFigures] = {}
    for month in months:
        start = max(job.period.start, day_bounds(month, job.tz)[0])
        end = min(job.period.end, day_bounds(add_month(month), job.tz)[0])
        with job.ctx.read() as s:
            figures = compute_day_figures(s, job.tz, job.stores, start, end)
        for (store_id, _day), acc in figures.items():
            _merge(per_store.setdefault((month, store_id), DayFigures()), acc)
        job.tick(1)  # progress counts months here
    order = sorted(per_store, key=lambda k: (k[0], job.labels[k[1]][1], job.labels[k[1]][0]))
    sheet = SheetWriter(
        stream_sheet(job.wb, "Sales summary"), _summary_columns("Store", "Platform")
    )
    per_platform: dict[tuple[date, str], DayFigures] = {}
    for month, store_id in order:
        store, platform = job.labels[store_id]
        acc = per_store[(month, store_id)]
        sheet.append((month, store, platform, *_money_row(acc)))
        _merge(per_platform.setdefault((month, platform), DayFigures()), acc)
    sheet.finish()
    job.rows = sheet.rows
    by_platform = SheetWriter(
        stream_sheet(job.wb, "By platform"), _summary_columns("Platform", None)
    )
    for month, platform in sorted(per_platform):
        by_platform.append((month, platform, *_money_row(per_platform[(month, platform)])))
    by_platform.finish()


# --------------------------------------------------------------------------- inventory


STOCK_COLUMNS = (
    Column("Location", width=18),
    Column("SKU", width=16),
    Column("Product", width=30),
    Column("Variant", width=16),
    Column("On hand", Kind.INT, 10, total=True),
    Column("Reserved", Kind.INT, 10, total=True),
    Column("Available", Kind.INT, 10, total=True),
    Column("Unit cost", _M, 13),
    Column("Value at cost", _M, 15, total=True),
)


def _inventory(job: _Job) -> None:
    ws_filter = Variant.workspace_id == job.ctx.workspace_id
    _count(
        job,
        select(func.count())
        .select_from(InventoryItem)
        .join(Variant, Variant.id == InventoryItem.variant_id)
        .where(ws_filter),
    )
    sheet = SheetWriter(stream_sheet(job.wb, "Inventory valuation"), STOCK_COLUMNS)
    last_id = 0
    while True:
        with job.ctx.read() as s:
            rows = s.execute(
                select(
                    InventoryItem.id,
                    Location.name,
                    Variant.sku,
                    Product.name,
                    Variant.name,
                    InventoryItem.on_hand,
                    InventoryItem.reserved,
                    minor(Variant.cost),
                )
                .join(Variant, Variant.id == InventoryItem.variant_id)
                .join(Product, Product.id == Variant.product_id)
                .join(Location, Location.id == InventoryItem.location_id)
                .where(ws_filter, InventoryItem.id > last_id)
                .order_by(InventoryItem.id)
                .limit(PAGE)
            ).all()
        if not rows:
            break
        for _id, loc, sku, pname, vname, on_hand, reserved, cost in rows:
            sheet.append(
                (
                    loc,
                    sku,
                    pname,
                    vname,
                    on_hand,
                    reserved,
                    on_hand - reserved,
                    from_minor(cost),
                    # negative counts (oversold) carry no value, as in the analytics
                    from_minor(max(on_hand, 0) * int(cost or 0)),
                )
            )
        last_id = rows[-1][0]
        job.tick(len(rows))
    sheet.finish()
    by_loc = SheetWriter(
        stream_sheet(job.wb, "By location"),
        (
            Column("Location", width=22),
            Column("Code", width=10),
            Column("Units on hand", Kind.INT, 12, total=True),
            Column("Value at cost", _M, 16, total=True),
        ),
    )
    for lv in stock_value(job.ctx):
        by_loc.append((lv.name, lv.code, lv.units, lv.value))
    by_loc.finish()


# --------------------------------------------------------------------------- movements


MOVEMENT_COLUMNS = (
    Column("Date", Kind.DATETIME, 17),
    Column("Location", width=18),
    Column("SKU", width=16),
    Column("Product", width=30),
    Column("Variant", width=16),
    Column("Type", width=12),
    Column("Change on hand", Kind.INT, 10, total=True),
    Column("Change reserved", Kind.INT, 10, total=True),
    Column("Reference", width=12),
    Column("Reference id", width=16),
    Column("By", width=12),
    Column("Note", width=40),
)


def _movements(job: _Job) -> None:
    t = InventoryTransaction
    cond = and_(
        Variant.workspace_id == job.ctx.workspace_id,
        t.created_at >= job.period.start,
        t.created_at < job.period.end,
    )

    def base(*cols):
        return (
            select(*cols)
            .select_from(t)
            .join(InventoryItem, InventoryItem.id == t.item_id)
            .join(Variant, Variant.id == InventoryItem.variant_id)
            .where(cond)
        )

    _count(job, base(func.count()))
    sheet = SheetWriter(stream_sheet(job.wb, "Stock movements"), MOVEMENT_COLUMNS)
    last_id = 0
    while True:
        with job.ctx.read() as s:
            rows = s.execute(
                base(
                    t.id,
                    t.created_at,
                    Location.name,
                    Variant.sku,
                    Product.name,
                    Variant.name,
                    t.type,
                    t.delta_on_hand,
                    t.delta_reserved,
                    t.reference_type,
                    t.reference_id,
                    t.actor,
                    t.note,
                )
                .join(Product, Product.id == Variant.product_id)
                .join(Location, Location.id == InventoryItem.location_id)
                .where(t.id > last_id)
                .order_by(t.id)
                .limit(PAGE)
            ).all()
        if not rows:
            break
        for _id, at, loc, sku, pname, vname, typ, d_oh, d_rs, ref, ref_id, actor, note in rows:
            sheet.append(
                (
                    job.local(at),
                    loc,
                    sku,
                    pname,
                    vname,
                    typ.value,
                    d_oh,
                    d_rs,
                    ref,
                    ref_id,
                    actor,
                    note,
                )
            )
        last_id = rows[-1][0]
        job.tick(len(rows))
    sheet.finish()
