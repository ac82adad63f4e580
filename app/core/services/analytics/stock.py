"""Stock seen through sales: its value at cost, slow movers, and days of cover.

Stock counts come from the inventory tables, sales from the per-variant summary
(:mod:`.summary`); "today" is the workspace's (:func:`.calendar.today`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import and_, exists, func, select

from app.core.db.models import InventoryItem, Location, Product, Variant
from app.core.db.models.analytics import SalesDailyVariant
from app.core.domain import ProductStatus
from app.core.money import from_minor
from app.core.services.analytics.calendar import local_today, workspace_zone
from app.core.services.analytics.figures import minor
from app.core.services.context import ServiceContext
from app.core.services.errors import ValidationError
from app.core.text import msg

_PCT = Decimal("0.1")


@dataclass(frozen=True)
class LocationValue:
    """Stock on hand at one location, valued at the variants' current cost."""

    location_id: int
    code: str
    name: str
    units: int
    value: Decimal


@dataclass(frozen=True)
class SlowMover:
    """A variant with stock that has not sold for a while."""

    variant_id: int
    sku: str
    name: str
    on_hand: int
    stock_value: Decimal
    last_sale: date | None
    days_since_sale: int | None


@dataclass(frozen=True)
class Cover:
    """How long a variant's available stock lasts at its recent rate of sale."""

    variant_id: int
    sku: str
    name: str
    available: int
    units_sold: int  # in the window
    per_day: Decimal
    days_of_cover: Decimal | None  # None: no recent sales


def stock_value(ctx: ServiceContext) -> tuple[LocationValue, ...]:
    """On-hand stock per location valued at cost (negative counts are valued at zero)."""
    on_hand = InventoryItem.on_hand
    stmt = (
        select(
            Location.id,
            Location.code,
            Location.name,
            func.coalesce(func.sum(on_hand), 0),
            func.coalesce(func.sum(on_hand * minor(Variant.cost)), 0),
        )
        .select_from(Location)
        .outerjoin(
            InventoryItem,
            and_(InventoryItem.location_id == Location.id, InventoryItem.on_hand > 0),
        )
        .outerjoin(Variant, Variant.id == InventoryItem.variant_id)
        .where(Location.workspace_id == ctx.workspace_id)
        .group_by(Location.id)
        .order_by(Location.is_default.desc(), Location.name)
    )
    with ctx.read() as s:
        return tuple(
            LocationValue(lid, code, name, int(units), from_minor(value))
            for lid, code, name, units, value in s.execute(stmt)
        )


def slow_movers(
    ctx: ServiceContext, days: int | None = None, *, as_of: date | None = None, limit: int = 200
) -> list[SlowMover]:
    """Active variants with stock on hand and no sale in the last ``days`` days.

    ``days`` defaults to the ``slow_mover_days`` setting. Most stock value first.
    """
    if days is None:
        from app.core.settings import SLOW_MOVER_DAYS, get_setting

        days = get_setting(ctx, SLOW_MOVER_DAYS)
    if days < 1:
        raise ValidationError(msg("days must be at least 1"), field="days")
    d = SalesDailyVariant
    with ctx.read() as s:
        today = as_of or local_today(workspace_zone(s, ctx.workspace_id))
        cutoff = today - timedelta(days=days - 1)
        stock = (
            select(
                InventoryItem.variant_id.label("vid"),
                func.sum(InventoryItem.on_hand).label("oh"),
            )
            .group_by(InventoryItem.variant_id)
            .subquery()
        )
        recent = exists().where(d.variant_id == Variant.id, d.day >= cutoff, d.units > 0)
        last_sale = (
            select(func.max(d.day)).where(d.variant_id == Variant.id, d.units > 0).scalar_subquery()
        )
        value = stock.c.oh * minor(Variant.cost)
        stmt = (
            select(
                Variant.id,
                Variant.sku,
                Product.name,
                Variant.name,
                stock.c.oh,
                value,
                last_sale,
            )
            .join(stock, stock.c.vid == Variant.id)
            .join(Product, Product.id == Variant.product_id)
            .where(
                Variant.workspace_id == ctx.workspace_id,
                Variant.status == ProductStatus.ACTIVE,
                stock.c.oh > 0,
                ~recent,
            )
            .order_by(value.desc(), Variant.sku)
            .limit(limit)
        )
        out = []
        for vid, sku, pname, vname, oh, val, last in s.execute(stmt):
            last_day = date.fromisoformat(last) if isinstance(last, str) else last
            out.append(
                SlowMover(
                    vid,
                    sku,
                    f"{pname} {vname}".strip(),
                    int(oh),
                    from_minor(val),
                    last_day,
                    None if last_day is None else (today - last_day).days,
                )
            )
        return out


def days_of_cover(
    ctx: ServiceContext,
    window_days: int = 30,
    *,
    as_of: date | None = None,
    limit: int = 200,
) -> list[Cover]:
    """Days each selling variant's available stock lasts at its rate over ``window_days``.

    Shortest cover first, so what runs out soonest leads.
    """
    if window_days < 1:
        raise ValidationError(msg("the window must be at least 1 day"), field="window_days")
    d = SalesDailyVariant
    with ctx.read() as s:
        today = as_of or local_today(workspace_zone(s, ctx.workspace_id))
        since = today - timedelta(days=window_days - 1)
        sold = (
            select(d.variant_id.label("vid"), func.sum(d.units).label("units"))
            .where(d.day >= since, d.day <= today, d.variant_id.is_not(None))
            .group_by(d.variant_id)
            .subquery()
        )
        avail = (
            select(
                InventoryItem.variant_id.label("vid"),
                func.sum(InventoryItem.on_hand - InventoryItem.reserved).label("av"),
            )
            .group_by(InventoryItem.variant_id)
            .subquery()
        )
        stmt = (
            select(
                Variant.id,
                Variant.sku,
                Product.name,
                Variant.name,
                func.coalesce(avail.c.av, 0),
                sold.c.units,
            )
            .join(sold, sold.c.vid == Variant.id)
            .join(Product, Product.id == Variant.product_id)
            .outerjoin(avail, avail.c.vid == Variant.id)
            .where(Variant.workspace_id == ctx.workspace_id, sold.c.units > 0)
        )
        out = []
        for vid, sku, pname, vname, av, units in s.execute(stmt):
            per_day = Decimal(int(units)) / window_days
            cover = (Decimal(max(int(av), 0)) / per_day).quantize(_PCT, rounding=ROUND_HALF_UP)
            out.append(
                Cover(
                    vid,
                    sku,
                    f"{pname} {vname}".strip(),
                    int(av),
                    int(units),
                    per_day.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP),
                    cover,
                )
            )
        out.sort(key=lambda c: (c.days_of_cover, c.sku))
        return out[:limit]
