"""Bundles and kits: a master variant made of other variants (docs/ARCHITECTURE.md)."""

from __future__ import annotations

from sqlalchemy import CheckConstraint, ForeignKey, Index, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.core.db.models.base import Base, intpk


class BundleComponent(Base):
    """One component of a bundle variant: ``quantity`` units of ``component_id`` go into
    one unit of ``bundle_id``. A variant with component rows is a bundle: it holds no
    stock of its own (services/bundle_rules.py; migration 0014)."""

    __tablename__ = "bundle_components"
    __table_args__ = (
        UniqueConstraint("bundle_id", "component_id"),
        Index("ix_bundle_components_component", "component_id", "bundle_id"),
        CheckConstraint("quantity > 0", name="quantity_positive"),
        CheckConstraint("bundle_id <> component_id", name="not_itself"),
    )

    id: Mapped[intpk]
    bundle_id: Mapped[int] = mapped_column(ForeignKey("variants.id", ondelete="CASCADE"))
    component_id: Mapped[int] = mapped_column(ForeignKey("variants.id", ondelete="CASCADE"))
    quantity: Mapped[int] = mapped_column(default=1)
