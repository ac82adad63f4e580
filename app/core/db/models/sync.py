"""Sync bookkeeping: jobs, their log lines, per-store cursors and the stock-push outbox."""

from __future__ import annotations

from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.core.db.models.base import Base, bigpk, created_at, intpk, str40, str_enum, updated_at, utc
from app.core.domain import JobKind, JobStatus, OutboxStatus


class SyncJob(Base):
    """One run of a job for a store, with counts the Sync activity page shows."""

    __tablename__ = "sync_jobs"
    __table_args__ = (
        Index("ix_sync_jobs_store_kind", "store_id", "kind", "id"),
        Index("ix_sync_jobs_status", "status"),
        Index("ix_sync_jobs_created", "created_at"),
    )

    id: Mapped[intpk]
    store_id: Mapped[int] = mapped_column(ForeignKey("stores.id", ondelete="CASCADE"))
    kind: Mapped[JobKind] = mapped_column(str_enum(JobKind))
    status: Mapped[JobStatus] = mapped_column(str_enum(JobStatus), default=JobStatus.QUEUED)
    trigger: Mapped[str40] = mapped_column(default="schedule")
    total: Mapped[int] = mapped_column(default=0)
    processed: Mapped[int] = mapped_column(default=0)
    failed: Mapped[int] = mapped_column(default=0)
    error: Mapped[str] = mapped_column(Text, default="")
    started_at: Mapped[utc | None]
    finished_at: Mapped[utc | None]
    created_at: Mapped[created_at]


class SyncLog(Base):
    """A line a seller can read about what a job did and why."""

    __tablename__ = "sync_logs"
    __table_args__ = (
        Index("ix_sync_logs_job", "job_id", "id"),
        Index("ix_sync_logs_store", "store_id", "id"),
    )

    id: Mapped[bigpk]
    job_id: Mapped[int | None] = mapped_column(ForeignKey("sync_jobs.id", ondelete="CASCADE"))
    store_id: Mapped[int | None] = mapped_column(ForeignKey("stores.id", ondelete="CASCADE"))
    level: Mapped[str] = mapped_column(String(10), default="info")
    message: Mapped[str] = mapped_column(Text)
    detail: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    created_at: Mapped[created_at]


class SyncCursor(Base):
    """Where incremental fetches of one kind left off for a store."""

    __tablename__ = "sync_cursors"
    __table_args__ = (UniqueConstraint("store_id", "kind"),)

    id: Mapped[intpk]
    store_id: Mapped[int] = mapped_column(ForeignKey("stores.id", ondelete="CASCADE"))
    kind: Mapped[JobKind] = mapped_column(str_enum(JobKind))
    position: Mapped[utc | None]  # e.g. the update time covered up to
    token: Mapped[str | None] = mapped_column(Text)
    updated_at: Mapped[updated_at]


class StockPush(Base):
    """The durable outbox: one row per listing holding the latest stock we want there."""

    __tablename__ = "stock_push_outbox"
    __table_args__ = (
        UniqueConstraint("listing_id"),
        Index("ix_stock_push_outbox_due", "store_id", "status", "next_attempt_at"),
    )

    id: Mapped[intpk]
    store_id: Mapped[int] = mapped_column(ForeignKey("stores.id", ondelete="CASCADE"))
    listing_id: Mapped[int] = mapped_column(ForeignKey("channel_listings.id", ondelete="CASCADE"))
    wanted_stock: Mapped[int]
    status: Mapped[OutboxStatus] = mapped_column(
        str_enum(OutboxStatus), default=OutboxStatus.PENDING
    )
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[utc | None]
    last_error: Mapped[str] = mapped_column(Text, default="")
    enqueued_at: Mapped[utc]
    updated_at: Mapped[updated_at]
