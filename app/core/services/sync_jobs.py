"""Sync job records: a ``sync_jobs`` row per run and the ``sync_logs`` lines a seller reads.

The engine (:class:`app.core.sync.jobs.JobRun`) decides when a job starts, reports
progress and ends; the rows are written here. Services that act for a running job
(product sync, drift, push results) write their log lines through a :class:`JobLog` in
their own unit of work, so a line commits with the change it describes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from app.core.db.models import SyncJob, SyncLog
from app.core.db.types import utcnow
from app.core.domain import JobKind, JobStatus
from app.core.services.context import ServiceContext
from app.core.services.errors import NotFoundError
from app.core.text import Message

MESSAGE_MAX = 2000


def _unchanged(text: str) -> str:
    return text


@dataclass(frozen=True)
class JobLog:
    """Where a running job's log lines go: its job and store, and the scrubber the engine
    hands over (it knows which values are secrets; services do not)."""

    job_id: int
    store_id: int
    scrub: Callable[[str], str] = field(default=_unchanged, compare=False)

    def write(self, session: Session, message: str, level: str = "info", **detail: Any) -> None:
        """Add a line in the caller's unit of work. A core message (``msg(...)``) keeps its
        template and values in ``detail`` so the interface shows it in its own language
        (:func:`app.core.services.job_history.shown_message`)."""
        if isinstance(message, Message):
            params = {k: self.scrub(str(v)) for k, v in message.params.items()}
            detail = {**detail, MESSAGE_KEY: {"template": message.template, "params": params}}
        session.add(
            SyncLog(
                job_id=self.job_id,
                store_id=self.store_id,
                level=level,
                message=self.scrub(message)[:MESSAGE_MAX],
                detail=detail or None,
            )
        )


#: where a log line's message template and values live in its ``detail``
MESSAGE_KEY = "_message"


def start_job(ctx: ServiceContext, store_id: int, kind: JobKind, trigger: str) -> int:
    """A new ``running`` job row; returns its id."""
    with ctx.write() as s:
        job = SyncJob(
            store_id=store_id,
            kind=kind,
            status=JobStatus.RUNNING,
            trigger=trigger,
            started_at=utcnow(),
        )
        s.add(job)
        s.flush()
        return job.id


def add_log(
    ctx: ServiceContext, job: JobLog, message: str, level: str = "info", **detail: Any
) -> None:
    """Add a line in a unit of work of its own."""
    with ctx.write() as s:
        job.write(s, message, level, **detail)


def save_progress(
    ctx: ServiceContext, job_id: int, processed: int, total: int, failed: int
) -> None:
    """Write a running job's counts."""
    with ctx.write() as s:
        s.execute(
            update(SyncJob)
            .where(SyncJob.id == job_id)
            .values(processed=processed, total=total, failed=failed)
        )


def finish_job(
    ctx: ServiceContext,
    job: JobLog,
    status: JobStatus,
    *,
    processed: int,
    total: int,
    failed: int,
    error: str = "",
) -> str:
    """Close a job with its final status and counts; an error is also logged (as an error
    when the job failed, a warning otherwise). Returns the error as stored."""
    error = job.scrub(error)[:MESSAGE_MAX]
    with ctx.write() as s:
        s.execute(
            update(SyncJob)
            .where(SyncJob.id == job.job_id)
            .values(
                status=status,
                finished_at=utcnow(),
                processed=processed,
                total=total,
                failed=failed,
                error=error,
            )
        )
        if error:
            job.write(s, error, "error" if status == JobStatus.FAILED else "warning")
    return error


def mark_interrupted(ctx: ServiceContext) -> int:
    """At start-up: jobs left running by a crash are marked interrupted; returns how many.

    Looked at first without the write lock (see ``stores.clear_stale_syncing``)."""
    left = SyncJob.status.in_([JobStatus.RUNNING, JobStatus.QUEUED])
    with ctx.read() as s:
        if s.scalar(select(SyncJob.id).where(left).limit(1)) is None:
            return 0
    with ctx.write() as s:
        ids = list(
            s.scalars(
                select(SyncJob.id).where(SyncJob.status.in_([JobStatus.RUNNING, JobStatus.QUEUED]))
            )
        )
        if ids:
            s.execute(
                update(SyncJob)
                .where(SyncJob.id.in_(ids))
                .values(
                    status=JobStatus.INTERRUPTED,
                    finished_at=utcnow(),
                    error="interrupted: StoreSync stopped while this job ran",
                )
            )
        return len(ids)


def job_target(ctx: ServiceContext, job_id: int) -> tuple[int, JobKind]:
    """The store and kind of a job (to run it again)."""
    with ctx.read() as s:
        job = s.get(SyncJob, job_id)
        if job is None:
            raise NotFoundError(f"job {job_id} does not exist")
        return job.store_id, job.kind
