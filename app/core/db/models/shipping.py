"""The parcels of the orders we shipped: one row per platform package.

Written when the seller ships through StoreSync (app/core/services/shipping.py): the
platform's package id (TikTok package id, Shopee package_number), its tracking number once
the carrier assigned it, how and when it was handed over. An order split by the platform
has several rows. ``orders.tracking_number`` keeps the first package's number for lists.
"""

from __future__ import annotations

from sqlalchemy import ForeignKey, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.core.db.models.base import Base, created_at, intpk, str80, str_enum, updated_at, utc
from app.core.domain import ShipMethod


class OrderPackage(Base):
    """One shipped parcel of an order, unique per order and platform package id."""

    __tablename__ = "order_packages"
    __table_args__ = (UniqueConstraint("order_id", "package_id"),)

    id: Mapped[intpk]
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"))
    package_id: Mapped[str80]
    tracking_number: Mapped[str80] = mapped_column(default="")
    method: Mapped[ShipMethod] = mapped_column(str_enum(ShipMethod))
    shipped_at: Mapped[utc]
    created_at: Mapped[created_at]
    updated_at: Mapped[updated_at]
