"""Orders pulled from every store, their items and status history."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core.db.models.base import (
    Base,
    created_at,
    intpk,
    money,
    str40,
    str80,
    str255,
    str_enum,
    updated_at,
    utc,
)
from app.core.domain import InventoryState, OrderStatus


class Order(Base):
    """A platform order, unique per store and platform order id."""

    __tablename__ = "orders"
    __table_args__ = (
        UniqueConstraint("store_id", "platform_order_id"),
        Index("ix_orders_placed", "placed_at", "id"),
        Index("ix_orders_store_placed", "store_id", "placed_at"),
        Index("ix_orders_status_placed", "status", "placed_at"),
        Index("ix_orders_platform_updated", "store_id", "platform_updated_at"),
    )

    id: Mapped[intpk]
    store_id: Mapped[int] = mapped_column(ForeignKey("stores.id", ondelete="CASCADE"))
    platform_order_id: Mapped[str80]
    status: Mapped[OrderStatus] = mapped_column(str_enum(OrderStatus))
    platform_status: Mapped[str40]
    currency: Mapped[str] = mapped_column(String(3), default="IDR")
    buyer_name: Mapped[str255] = mapped_column(default="")
    buyer_username: Mapped[str255] = mapped_column(default="")
    shipping_address: Mapped[str] = mapped_column(Text, default="")
    subtotal: Mapped[money] = mapped_column(default=Decimal(0))
    shipping_fee: Mapped[money] = mapped_column(default=Decimal(0))
    seller_discount: Mapped[money] = mapped_column(default=Decimal(0))
    platform_discount: Mapped[money] = mapped_column(default=Decimal(0))
    total: Mapped[money] = mapped_column(default=Decimal(0))
    # marketplace fees: final from escrow/finance data, else estimated from store settings
    fees: Mapped[money] = mapped_column(default=Decimal(0))
    shipping_subsidy: Mapped[money] = mapped_column(default=Decimal(0))
    fees_final: Mapped[bool] = mapped_column(default=False)
    tracking_number: Mapped[str80] = mapped_column(default="")
    cancel_reason: Mapped[str] = mapped_column(Text, default="")
    # who cancelled (domain CancelledBy value, "" when not cancelled); migration 0007
    cancelled_by: Mapped[str] = mapped_column(String(20), default="", server_default="")
    placed_at: Mapped[utc]
    platform_updated_at: Mapped[utc]
    paid_at: Mapped[utc | None]
    shipped_at: Mapped[utc | None]
    completed_at: Mapped[utc | None]
    created_at: Mapped[created_at]
    updated_at: Mapped[updated_at]

    items: Mapped[list[OrderItem]] = relationship(
        back_populates="order", cascade="all, delete-orphan", order_by="OrderItem.id"
    )
    history: Mapped[list[OrderStatusChange]] = relationship(
        cascade="all, delete-orphan", order_by="OrderStatusChange.id"
    )


class OrderItem(Base):
    """An order line and its inventory state (none → reserved → deducted, …)."""

    __tablename__ = "order_items"
    __table_args__ = (
        UniqueConstraint("order_id", "platform_item_id"),
        Index("ix_order_items_variant", "variant_id"),
        Index("ix_order_items_listing", "listing_id"),
        Index("ix_order_items_unmapped", "variant_id", "inventory_state"),
    )

    id: Mapped[intpk]
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"))
    platform_item_id: Mapped[str80]
    platform_product_id: Mapped[str80]
    platform_variant_id: Mapped[str80]
    platform_sku: Mapped[str80] = mapped_column(default="")
    name: Mapped[str255] = mapped_column(default="")
    quantity: Mapped[int]
    unit_price: Mapped[money] = mapped_column(default=Decimal(0))
    discount: Mapped[money] = mapped_column(default=Decimal(0))
    listing_id: Mapped[int | None] = mapped_column(
        ForeignKey("channel_listings.id", ondelete="SET NULL")
    )
    # the variant and location whose stock this item moved (None while unmapped)
    variant_id: Mapped[int | None] = mapped_column(ForeignKey("variants.id", ondelete="SET NULL"))
    location_id: Mapped[int | None] = mapped_column(ForeignKey("inventory_locations.id"))
    inventory_state: Mapped[InventoryState] = mapped_column(
        str_enum(InventoryState), default=InventoryState.NONE
    )
    unit_cost: Mapped[money | None]  # cost of goods at the time of sale

    order: Mapped[Order] = relationship(back_populates="items")


class OrderStatusChange(Base):
    """The history of an order's status, for the detail pane."""

    __tablename__ = "order_status_history"
    __table_args__ = (Index("ix_order_status_history_order", "order_id", "id"),)

    id: Mapped[intpk]
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"))
    status: Mapped[OrderStatus] = mapped_column(str_enum(OrderStatus))
    platform_status: Mapped[str40]
    changed_at: Mapped[utc]
    created_at: Mapped[created_at]
