"""Stock locations, stock per (variant, location), and the ledger of every change."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column

from app.core.db.models.base import (
    Base,
    bigpk,
    created_at,
    intpk,
    str40,
    str80,
    str255,
    str_enum,
    updated_at,
)
from app.core.db.types import UTCDateTime
from app.core.domain import TxnType


class Location(Base):
    """A place stock is kept (warehouse, shop floor)."""

    __tablename__ = "inventory_locations"
    __table_args__ = (UniqueConstraint("workspace_id", "code"),)

    id: Mapped[intpk]
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    code: Mapped[str40]
    name: Mapped[str255]
    is_default: Mapped[bool] = mapped_column(default=False)
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[created_at]


class InventoryItem(Base):
    """Stock of one variant at one location. Changed only through the ledger service."""

    __tablename__ = "inventory_items"
    __table_args__ = (
        UniqueConstraint("variant_id", "location_id"),
        Index("ix_inventory_items_location", "location_id", "variant_id"),
        # the open low-stock alerts, only the alerted items (services/alerts.py, migration 0016)
        Index(
            "ix_inventory_items_low_alerted",
            "low_alerted_at",
            sqlite_where=text("low_alerted_at IS NOT NULL"),
            postgresql_where=text("low_alerted_at IS NOT NULL"),
        ),
        CheckConstraint("reserved >= 0", name="reserved_not_negative"),
    )

    id: Mapped[intpk]
    variant_id: Mapped[int] = mapped_column(ForeignKey("variants.id", ondelete="CASCADE"))
    location_id: Mapped[int] = mapped_column(
        ForeignKey("inventory_locations.id", ondelete="RESTRICT")
    )
    on_hand: Mapped[int] = mapped_column(default=0)
    reserved: Mapped[int] = mapped_column(default=0)
    reorder_point: Mapped[int] = mapped_column(default=0)
    reorder_qty: Mapped[int] = mapped_column(default=0)
    # where the variant sits in this location ("A-03-2"): the picking list walks by it
    # (services/picking.py, migration 0008); "" when the seller has not said
    shelf: Mapped[str40] = mapped_column(default="", server_default="")
    # when the low-stock alert fired for the current dip below the reorder point; None
    # while above it (services/alerts.py, migration 0009): one alert per crossing
    low_alerted_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    updated_at: Mapped[updated_at]


class InventoryTransaction(Base):
    """One ledger row. on_hand and reserved always equal the sums of their deltas."""

    __tablename__ = "inventory_transactions"
    __table_args__ = (
        Index("ix_inventory_transactions_item", "item_id", "id"),
        Index("ix_inventory_transactions_created", "created_at"),
        Index("ix_inventory_transactions_ref", "reference_type", "reference_id"),
    )

    id: Mapped[bigpk]
    item_id: Mapped[int] = mapped_column(ForeignKey("inventory_items.id", ondelete="CASCADE"))
    type: Mapped[TxnType] = mapped_column(str_enum(TxnType))
    delta_on_hand: Mapped[int] = mapped_column(default=0)
    delta_reserved: Mapped[int] = mapped_column(default=0)
    reference_type: Mapped[str] = mapped_column(String(20), default="manual")
    reference_id: Mapped[str | None] = mapped_column(String(40))
    actor: Mapped[str80] = mapped_column(default="system")
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[created_at]
