"""Sync history as the Sync activity page reads it: jobs, their log lines, the last sync.

Read-only; the engine writes jobs and log lines through its own service.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, or_, select

from app.core.db.models import Store, SyncJob, SyncLog
from app.core.db.types import utcnow
from app.core.domain import JobKind, JobStatus
from app.core.services.context import ServiceContext
from app.core.services.sync_jobs import MESSAGE_KEY
from app.core.text import Message


@dataclass(frozen=True)
class JobRow:
    """A sync job as the Sync activity page lists it."""

    id: int
    store_id: int
    store_name: str
    kind: JobKind
    status: JobStatus
    trigger: str
    total: int
    processed: int
    failed: int
    error: str
    started_at: datetime | None
    finished_at: datetime | None
    created_at: datetime

    @property
    def duration(self) -> timedelta | None:
        """How long the job ran (so far, for a running job)."""
        if self.started_at is None:
            return None
        return (self.finished_at or utcnow()) - self.started_at


def list_jobs(
    ctx: ServiceContext,
    *,
    store_id: int | None = None,
    kinds: Sequence[JobKind] | None = None,
    statuses: Sequence[JobStatus] | None = None,
    failed_only: bool = False,
    limit: int = 500,
) -> list[JobRow]:
    """Newest jobs first."""
    stmt = (
        select(
            SyncJob.id,
            SyncJob.store_id,
            Store.name,
            SyncJob.kind,
            SyncJob.status,
            SyncJob.trigger,
            SyncJob.total,
            SyncJob.processed,
            SyncJob.failed,
            SyncJob.error,
            SyncJob.started_at,
            SyncJob.finished_at,
            SyncJob.created_at,
        )
        .join(Store, Store.id == SyncJob.store_id)
        .where(Store.workspace_id == ctx.workspace_id)
    )
    if store_id is not None:
        stmt = stmt.where(SyncJob.store_id == store_id)
    if kinds:
        stmt = stmt.where(SyncJob.kind.in_(list(kinds)))
    if statuses:
        stmt = stmt.where(SyncJob.status.in_(list(statuses)))
    if failed_only:
        stmt = stmt.where(or_(SyncJob.status == JobStatus.FAILED, SyncJob.failed > 0))
    with ctx.read() as s:
        return [JobRow(*tuple(r)) for r in s.execute(stmt.order_by(SyncJob.id.desc()).limit(limit))]


@dataclass(frozen=True)
class LogLine:
    """One log line of a job."""

    id: int
    at: datetime
    level: str
    message: str
    detail: dict | None


def job_logs(ctx: ServiceContext, job_id: int, limit: int = 5000) -> list[LogLine]:
    """A job's log lines in the order they were written."""
    stmt = (
        select(SyncLog.id, SyncLog.created_at, SyncLog.level, SyncLog.message, SyncLog.detail)
        .where(SyncLog.job_id == job_id)
        .order_by(SyncLog.id)
        .limit(limit)
    )
    with ctx.read() as s:
        return [
            LogLine(i, at, level, shown_message(text, detail), detail)
            for i, at, level, text, detail in s.execute(stmt)
        ]


def shown_message(text: str, detail: dict | None) -> str:
    """A log line's message: the core message it was written from (a :class:`Message`, so
    the interface can translate it) when its detail keeps one, else the stored text."""
    kept = (detail or {}).get(MESSAGE_KEY)
    if not isinstance(kept, dict) or not isinstance(kept.get("template"), str):
        return text
    try:
        return Message(kept["template"], **dict(kept.get("params") or {}))
    except (KeyError, IndexError, ValueError):  # a template and values that do not fit
        return text


def last_sync_at(ctx: ServiceContext) -> datetime | None:
    """When any store last finished a sync."""
    with ctx.read() as s:
        return s.scalar(
            select(func.max(Store.last_synced_at)).where(Store.workspace_id == ctx.workspace_id)
        )
