"""Returns fetched from the platforms and what the seller decided for each returned line."""

from __future__ import annotations

from sqlalchemy import ForeignKey, Index, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core.db.models.base import (
    Base,
    created_at,
    intpk,
    str40,
    str80,
    str_enum,
    updated_at,
    utc,
)
from app.core.domain import ReturnState


class OrderReturn(Base):
    """A return or refund request of one order, unique per store and platform return id."""

    __tablename__ = "order_returns"
    __table_args__ = (
        UniqueConstraint("store_id", "platform_return_id"),
        Index("ix_order_returns_order", "order_id"),
        Index("ix_order_returns_store_updated", "store_id", "platform_updated_at"),
    )

    id: Mapped[intpk]
    store_id: Mapped[int] = mapped_column(ForeignKey("stores.id", ondelete="CASCADE"))
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"))
    platform_return_id: Mapped[str80]
    state: Mapped[ReturnState] = mapped_column(str_enum(ReturnState))
    platform_status: Mapped[str40]
    reason: Mapped[str] = mapped_column(Text, default="")
    goods_returned: Mapped[bool] = mapped_column(default=True)
    platform_updated_at: Mapped[utc]
    created_at: Mapped[created_at]
    updated_at: Mapped[updated_at]

    lines: Mapped[list[OrderReturnLine]] = relationship(
        back_populates="ret", cascade="all, delete-orphan", order_by="OrderReturnLine.id"
    )


class OrderReturnLine(Base):
    """Units of one order item in a return, and the seller's decision once it is received:
    ``restocked`` units put back into ``location_id``, ``written_off`` units not. Decided
    once (``decided_at``); the ledger rows reference the order item."""

    __tablename__ = "order_return_lines"
    __table_args__ = (UniqueConstraint("return_id", "order_item_id"),)

    id: Mapped[intpk]
    return_id: Mapped[int] = mapped_column(ForeignKey("order_returns.id", ondelete="CASCADE"))
    order_item_id: Mapped[int] = mapped_column(ForeignKey("order_items.id", ondelete="CASCADE"))
    quantity: Mapped[int]
    restocked: Mapped[int] = mapped_column(default=0)
    written_off: Mapped[int] = mapped_column(default=0)
    location_id: Mapped[int | None] = mapped_column(ForeignKey("inventory_locations.id"))
    decided_at: Mapped[utc | None]
    decided_by: Mapped[str80 | None]

    ret: Mapped[OrderReturn] = relationship(back_populates="lines")
