"""The master catalog: products and their variants."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core.db.models.base import (
    Base,
    created_at,
    intpk,
    money,
    str80,
    str255,
    str_enum,
    updated_at,
)
from app.core.domain import ProductStatus

SKU_MAX_LENGTH = 64


class Product(Base):
    """A product; every product has at least one variant (the service enforces it)."""

    __tablename__ = "products"
    __table_args__ = (
        Index("ix_products_ws_name", "workspace_id", "name", "id"),
        Index("ix_products_ws_status", "workspace_id", "status"),
    )

    id: Mapped[intpk]
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    name: Mapped[str255]
    description: Mapped[str] = mapped_column(Text, default="")
    brand: Mapped[str80] = mapped_column(default="")
    category: Mapped[str80] = mapped_column(default="")
    status: Mapped[ProductStatus] = mapped_column(
        str_enum(ProductStatus), default=ProductStatus.ACTIVE
    )
    created_at: Mapped[created_at]
    updated_at: Mapped[updated_at]

    variants: Mapped[list[Variant]] = relationship(
        back_populates="product", cascade="all, delete-orphan", order_by="Variant.id"
    )


class Variant(Base):
    """A sellable unit with its own SKU (unique per workspace, case-insensitively)."""

    __tablename__ = "variants"
    __table_args__ = (
        UniqueConstraint("workspace_id", "sku_key"),
        Index("ix_variants_product", "product_id"),
        Index("ix_variants_ws_sku", "workspace_id", "sku", "id"),
        Index("ix_variants_ws_price", "workspace_id", "price", "id"),
        Index("ix_variants_ws_status", "workspace_id", "status", "id"),
    )

    id: Mapped[intpk]
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id", ondelete="CASCADE"))
    sku: Mapped[str] = mapped_column(String(SKU_MAX_LENGTH))
    # lower-cased SKU: the uniqueness key, and the index for exact matching
    sku_key: Mapped[str] = mapped_column(String(SKU_MAX_LENGTH))
    name: Mapped[str255] = mapped_column(default="")  # e.g. "Hitam / XL"; "" for single-variant
    attributes: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    barcode: Mapped[str80] = mapped_column(default="")
    price: Mapped[money] = mapped_column(default=Decimal(0))
    cost: Mapped[money] = mapped_column(default=Decimal(0))
    weight_grams: Mapped[int] = mapped_column(default=0)
    images: Mapped[list[str]] = mapped_column(JSON, default=list)
    status: Mapped[ProductStatus] = mapped_column(
        str_enum(ProductStatus), default=ProductStatus.ACTIVE
    )
    # the last-units rule (services/channel_stock.py): None follows the workspace setting,
    # 0 is off; the store the seller wants the last units on (None: the fastest seller).
    # A plain id, not a foreign key (migration 0005 says why): a stale id is ignored.
    last_units_threshold: Mapped[int | None]
    last_units_store_id: Mapped[int | None]
    created_at: Mapped[created_at]
    updated_at: Mapped[updated_at]

    product: Mapped[Product] = relationship(back_populates="variants")
