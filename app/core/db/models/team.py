"""Several engines and PCs on one database: store leases, their history, change counters.

A lease row says which engine syncs a store (docs/ARCHITECTURE.md, "Sync, platforms, data
safety"; the rule: ``app/core/services/leases.py``). A change counter per area lets every
PC's window see another PC's writes with one tiny read (``app/core/services/changes.py``).
"""

from __future__ import annotations

from sqlalchemy import BigInteger, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from app.core.db.models.base import Base, bigpk, str40, utc


class StoreLease(Base):
    """Which engine may sync a store, until when. Taken and renewed only by a conditional
    UPDATE (holder is me, or the lease expired), so two engines never both hold it."""

    __tablename__ = "store_leases"

    store_id: Mapped[int] = mapped_column(
        ForeignKey("stores.id", ondelete="CASCADE"), primary_key=True
    )
    # "PC-NAME pid 4242 #1a2b3c4d": the PC name and pid shown to the seller, the engine
    # instance so one process's two engines are told apart
    holder: Mapped[str] = mapped_column(String(200), default="")
    # the PC and data folder of the holder: an engine holding that folder's engine.lock
    # knows the holder with the same site is gone (stopped or crashed)
    site: Mapped[str40] = mapped_column(default="")
    acquired_at: Mapped[utc]
    expires_at: Mapped[utc]


class StoreLeaseEvent(Base):
    """A lease taken, released or lost: the history a support request (and the tests)
    read to see that a store was synced by one engine at a time."""

    __tablename__ = "store_lease_events"
    __table_args__ = (Index("ix_store_lease_events_store", "store_id", "id"),)

    id: Mapped[bigpk]
    store_id: Mapped[int] = mapped_column(ForeignKey("stores.id", ondelete="CASCADE"))
    holder: Mapped[str] = mapped_column(String(200))
    event: Mapped[str] = mapped_column(String(20))  # taken, released, lost
    at: Mapped[utc]


class ChangeCounter(Base):
    """One row per area (orders, stock, products, listings, stores): bumped in the same
    transaction as every write to the area; a window polls them to refresh what changed."""

    __tablename__ = "change_counters"

    area: Mapped[str] = mapped_column(String(40), primary_key=True)
    revision: Mapped[int] = mapped_column(BigInteger, default=0)
    changed_at: Mapped[utc | None]
