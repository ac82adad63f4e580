"""Connected marketplace stores and their channel listings."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.core.db.models.base import (
    Base,
    created_at,
    intpk,
    money,
    str80,
    str255,
    str_enum,
    updated_at,
    utc,
)
from app.core.domain import Environment, ListingMatch, StoreStatus


class Store(Base):
    """A marketplace shop the seller connected. Tokens live in the keychain, never here."""

    __tablename__ = "stores"
    __table_args__ = (UniqueConstraint("workspace_id", "platform", "external_shop_id"),)

    id: Mapped[intpk]
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    platform: Mapped[str] = mapped_column(String(20), ForeignKey("platforms.code"))
    name: Mapped[str255]
    external_shop_id: Mapped[str80]
    region: Mapped[str] = mapped_column(String(8), default="ID")
    environment: Mapped[Environment] = mapped_column(
        str_enum(Environment), default=Environment.PRODUCTION
    )
    api_base_url: Mapped[str255]
    auth_base_url: Mapped[str | None] = mapped_column(String(255))
    # non-secret identifiers the API needs (TikTok shop_cipher, Shopee merchant id, ...)
    shop_cipher: Mapped[str | None] = mapped_column(String(255))
    app_id: Mapped[str80] = mapped_column(default="")  # partner id / app key (not secret)
    # per-store preferences: intervals, location, buffer, percentage, cap, drift policy
    settings: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    sync_status: Mapped[StoreStatus] = mapped_column(
        str_enum(StoreStatus), default=StoreStatus.IDLE
    )
    status_reason: Mapped[str] = mapped_column(Text, default="")
    paused: Mapped[bool] = mapped_column(default=False)
    last_synced_at: Mapped[utc | None]
    access_token_expires_at: Mapped[utc | None]
    refresh_token_expires_at: Mapped[utc | None]
    created_at: Mapped[created_at]
    updated_at: Mapped[updated_at]


class ChannelListing(Base):
    """A store's listing of one sellable unit, mapped to a master variant (or not yet)."""

    __tablename__ = "channel_listings"
    __table_args__ = (
        UniqueConstraint("store_id", "platform_product_id", "platform_variant_id"),
        Index("ix_channel_listings_variant", "variant_id"),
        Index("ix_channel_listings_store_sku", "store_id", "platform_sku"),
        Index("ix_channel_listings_unmapped", "store_id", "variant_id", "id"),
    )

    id: Mapped[intpk]
    store_id: Mapped[int] = mapped_column(ForeignKey("stores.id", ondelete="CASCADE"))
    platform_product_id: Mapped[str80]
    platform_variant_id: Mapped[str80]
    platform_sku: Mapped[str80] = mapped_column(default="")
    title: Mapped[str255] = mapped_column(default="")
    variant_name: Mapped[str255] = mapped_column(default="")
    price: Mapped[money] = mapped_column(default=Decimal(0))
    platform_stock: Mapped[int | None]
    platform_stock_seen_at: Mapped[utc | None]
    last_pushed_stock: Mapped[int | None]
    last_pushed_at: Mapped[utc | None]
    variant_id: Mapped[int | None] = mapped_column(ForeignKey("variants.id", ondelete="SET NULL"))
    match: Mapped[ListingMatch] = mapped_column(str_enum(ListingMatch), default=ListingMatch.NONE)
    status: Mapped[str] = mapped_column(String(20), default="active")
    created_at: Mapped[created_at]
    updated_at: Mapped[updated_at]
