"""Job bookkeeping: a ``sync_jobs`` row per run, readable ``sync_logs`` lines, events."""

from __future__ import annotations

import time
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker

from app.core.db.models import SyncJob, SyncLog
from app.core.db.types import utcnow
from app.core.domain import JobKind, JobStatus
from app.core.platforms.http import redact
from app.core.sync.events import Emit, JobFinished, JobProgress, JobStarted

# A job's counts go to its row at most this often (and always when it ends): a big order
# fetch reports progress every page, and each write is a commit.
PROGRESS_WRITE_SECONDS = 1.0


class JobRun:
    """One running job: counts, log lines and progress events (emitted only on change)."""

    def __init__(
        self,
        sessions: sessionmaker[Session],
        emit: Emit,
        store_id: int,
        kind: JobKind,
        trigger: str,
    ) -> None:
        self._sessions = sessions
        self._emit = emit
        self.store_id, self.kind, self.trigger = store_id, kind, trigger
        self.total = self.processed = self.failed = 0
        self._last_shown: tuple[int, int, int] | None = None
        self._last_written = time.monotonic()
        with sessions.begin() as s:
            job = SyncJob(
                store_id=store_id,
                kind=kind,
                status=JobStatus.RUNNING,
                trigger=trigger,
                started_at=utcnow(),
            )
            s.add(job)
            s.flush()
            self.id = job.id
        emit(JobStarted(self.id, store_id, kind, trigger))

    def log(
        self, message: str, level: str = "info", session: Session | None = None, **detail: Any
    ) -> None:
        """Add a line a seller can read. Secrets are masked, whatever the caller passed."""
        row = SyncLog(
            job_id=self.id,
            store_id=self.store_id,
            level=level,
            message=redact(message)[:2000],
            detail=detail or None,
        )
        if session is not None:
            session.add(row)
            return
        with self._sessions.begin() as s:
            s.add(row)

    def progress(
        self,
        processed: int | None = None,
        *,
        total: int | None = None,
        failed: int | None = None,
        add: int = 0,
        add_failed: int = 0,
    ) -> None:
        """Update counts: the event follows when the numbers changed, the row at most every
        ``PROGRESS_WRITE_SECONDS`` (and at :meth:`finish`)."""
        if total is not None:
            self.total = total
        if processed is not None:
            self.processed = processed
        if failed is not None:
            self.failed = failed
        self.processed += add
        self.failed += add_failed
        shown = (self.processed, self.total, self.failed)
        if shown == self._last_shown:
            return
        self._last_shown = shown
        self._emit(JobProgress(self.id, self.store_id, self.kind, *shown))
        now = time.monotonic()
        if now - self._last_written < PROGRESS_WRITE_SECONDS:
            return  # the row is history; the event above is what a window shows live
        self._last_written = now
        with self._sessions.begin() as s:
            s.execute(
                update(SyncJob)
                .where(SyncJob.id == self.id)
                .values(processed=self.processed, total=self.total, failed=self.failed)
            )

    def finish(self, status: JobStatus, error: str = "") -> None:
        """Close the job with its final status."""
        error = redact(error)[:2000]
        with self._sessions.begin() as s:
            s.execute(
                update(SyncJob)
                .where(SyncJob.id == self.id)
                .values(
                    status=status,
                    finished_at=utcnow(),
                    processed=self.processed,
                    total=self.total,
                    failed=self.failed,
                    error=error,
                )
            )
            if error:
                s.add(
                    SyncLog(
                        job_id=self.id,
                        store_id=self.store_id,
                        level="error" if status == JobStatus.FAILED else "warning",
                        message=error,
                    )
                )
        self._emit(
            JobFinished(
                self.id, self.store_id, self.kind, status, self.processed, self.failed, error
            )
        )


def mark_interrupted(sessions: sessionmaker[Session]) -> int:
    """At start-up: jobs left running by a crash are marked interrupted."""
    with sessions.begin() as s:
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
