"""Sales summaries that keep the analytics dashboard fast at a million order lines.

Rebuilt from ``orders``/``order_items`` by :mod:`app.core.services.analytics`; never edited
by hand. Days are calendar days in the workspace's time zone. Money columns hold integer
hundredths (``*_minor``) because they are only ever summed, and integer sums are exact on
every database.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import BigInteger, Date, ForeignKey, Index, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.core.db.models.base import Base, intpk


class SalesDaily(Base):
    """One store's sales on one local day (order-level figures)."""

    __tablename__ = "sales_daily"
    __table_args__ = (
        UniqueConstraint("store_id", "day"),
        Index("ix_sales_daily_day", "day", "store_id"),
    )

    id: Mapped[intpk]
    store_id: Mapped[int] = mapped_column(ForeignKey("stores.id", ondelete="CASCADE"))
    day: Mapped[date] = mapped_column(Date)
    orders_placed: Mapped[int] = mapped_column(default=0)  # every order, any status
    orders_counted: Mapped[int] = mapped_column(default=0)  # paid, not cancelled or returned
    orders_cancelled: Mapped[int] = mapped_column(default=0)
    orders_returned: Mapped[int] = mapped_column(default=0)
    orders_fees_estimated: Mapped[int] = mapped_column(default=0)
    units: Mapped[int] = mapped_column(default=0)
    gross_minor: Mapped[int] = mapped_column(BigInteger, default=0)
    discounts_minor: Mapped[int] = mapped_column(BigInteger, default=0)
    revenue_minor: Mapped[int] = mapped_column(BigInteger, default=0)
    cost_minor: Mapped[int] = mapped_column(BigInteger, default=0)
    fees_final_minor: Mapped[int] = mapped_column(BigInteger, default=0)
    fees_estimated_minor: Mapped[int] = mapped_column(BigInteger, default=0)
    shipping_subsidy_minor: Mapped[int] = mapped_column(BigInteger, default=0)
    shipping_fee_minor: Mapped[int] = mapped_column(BigInteger, default=0)  # paid by buyers


class SalesDailyVariant(Base):
    """One store's sales of one variant on one local day (``variant_id`` None: unmapped).

    Order-level discounts, fees and shipping subsidies are shared out over the order's
    lines in proportion to their value, so these rows add up exactly to :class:`SalesDaily`.
    """

    __tablename__ = "sales_daily_variant"
    __table_args__ = (
        Index("ix_sales_daily_variant_day", "day", "variant_id"),
        Index("ix_sales_daily_variant_variant", "variant_id", "day"),
        Index("ix_sales_daily_variant_store", "store_id", "day"),
    )

    id: Mapped[intpk]
    store_id: Mapped[int] = mapped_column(ForeignKey("stores.id", ondelete="CASCADE"))
    day: Mapped[date] = mapped_column(Date)
    variant_id: Mapped[int | None] = mapped_column(ForeignKey("variants.id", ondelete="SET NULL"))
    units: Mapped[int] = mapped_column(default=0)
    lines_fees_estimated: Mapped[int] = mapped_column(default=0)
    revenue_minor: Mapped[int] = mapped_column(BigInteger, default=0)
    cost_minor: Mapped[int] = mapped_column(BigInteger, default=0)
    fees_minor: Mapped[int] = mapped_column(BigInteger, default=0)
    shipping_subsidy_minor: Mapped[int] = mapped_column(BigInteger, default=0)


class SalesMonthlyVariant(Base):
    """:class:`SalesDailyVariant` rolled up per local calendar month (``month`` = its 1st).

    A year's top products then read about 12 rows per store and variant instead of 365.
    """

    __tablename__ = "sales_monthly_variant"
    __table_args__ = (
        Index("ix_sales_monthly_variant_month", "month", "variant_id"),
        Index("ix_sales_monthly_variant_store", "store_id", "month"),
    )

    id: Mapped[intpk]
    store_id: Mapped[int] = mapped_column(ForeignKey("stores.id", ondelete="CASCADE"))
    month: Mapped[date] = mapped_column(Date)
    variant_id: Mapped[int | None] = mapped_column(ForeignKey("variants.id", ondelete="SET NULL"))
    units: Mapped[int] = mapped_column(default=0)
    lines_fees_estimated: Mapped[int] = mapped_column(default=0)
    revenue_minor: Mapped[int] = mapped_column(BigInteger, default=0)
    cost_minor: Mapped[int] = mapped_column(BigInteger, default=0)
    fees_minor: Mapped[int] = mapped_column(BigInteger, default=0)
    shipping_subsidy_minor: Mapped[int] = mapped_column(BigInteger, default=0)
