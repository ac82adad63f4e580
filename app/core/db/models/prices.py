"""Prices per store (docs/ARCHITECTURE.md, "Prices"): a listing's fixed price and the
price outbox. The master price is ``variants.price``; each store's rule (markup or
markdown, rounding, the cost floor) is in its settings (``app/core/settings.py``)."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import ForeignKey, Index, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.core.db.models.base import Base, intpk, money, str_enum, updated_at, utc
from app.core.domain import PricePushStatus


class ListingPrice(Base):
    """A listing's fixed price: the seller's override of its store's rule."""

    __tablename__ = "listing_prices"

    listing_id: Mapped[int] = mapped_column(
        ForeignKey("channel_listings.id", ondelete="CASCADE"), primary_key=True
    )
    price: Mapped[money]
    updated_at: Mapped[updated_at]


class PricePush(Base):
    """The price outbox: one row per listing, the price the seller confirmed for it.

    The same durable pattern as ``stock_push_outbox`` (a row per listing, sent by the
    store's push job, the result kept per listing), with one difference: a refusal is
    held for the seller instead of retried (:class:`PricePushStatus`)."""

    __tablename__ = "price_push_outbox"
    __table_args__ = (
        UniqueConstraint("listing_id"),
        Index("ix_price_push_outbox_due", "store_id", "status", "next_attempt_at"),
    )

    id: Mapped[intpk]
    store_id: Mapped[int] = mapped_column(ForeignKey("stores.id", ondelete="CASCADE"))
    listing_id: Mapped[int] = mapped_column(ForeignKey("channel_listings.id", ondelete="CASCADE"))
    wanted_price: Mapped[money]
    old_price: Mapped[money] = mapped_column(default=Decimal(0))  # what the seller saw
    status: Mapped[PricePushStatus] = mapped_column(
        str_enum(PricePushStatus), default=PricePushStatus.PENDING
    )
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[utc | None]
    last_error: Mapped[str] = mapped_column(Text, default="")
    enqueued_at: Mapped[utc]
    updated_at: Mapped[updated_at]
