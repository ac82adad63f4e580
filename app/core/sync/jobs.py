"""Job bookkeeping as the engine sees it: counts, progress events, when rows are written.

The ``sync_jobs`` and ``sync_logs`` rows themselves are written by
:mod:`app.core.services.sync_jobs`.
"""

from __future__ import annotations

import time
from typing import Any

from app.core.domain import JobKind, JobStatus
from app.core.platforms.http import redact
from app.core.services import sync_jobs
from app.core.services.context import ServiceContext
from app.core.services.errors import DatabaseBusy
from app.core.services.sync_jobs import JobLog
from app.core.sync.events import Emit, JobFinished, JobProgress, JobStarted

# A job's counts go to its row at most this often (and always when it ends): a big order
# fetch reports progress every page, and each write is a commit.
PROGRESS_WRITE_SECONDS = 1.0


class JobRun:
    """One running job: counts, log lines and progress events (emitted only on change)."""

    def __init__(
        self,
        ctx: ServiceContext,
        emit: Emit,
        store_id: int,
        kind: JobKind,
        trigger: str,
    ) -> None:
        self._ctx = ctx
        self._emit = emit
        self.store_id, self.kind, self.trigger = store_id, kind, trigger
        self.total = self.processed = self.failed = 0
        self._last_shown: tuple[int, int, int] | None = None
        self._last_written = time.monotonic()
        self.unsaved = False  # finished, but the end is not written yet (database busy)
        self.id = sync_jobs.start_job(ctx, store_id, kind, trigger)
        # every line the job or a service acting for it writes is masked, whatever it says
        self.job_log = JobLog(self.id, store_id, redact)
        emit(JobStarted(self.id, store_id, kind, trigger))

    def log(self, message: str, level: str = "info", **detail: Any) -> None:
        """Add a line a seller can read. Secrets are masked, whatever the caller passed."""
        sync_jobs.add_log(self._ctx, self.job_log, message, level, **detail)

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
        sync_jobs.save_progress(self._ctx, self.id, self.processed, self.total, self.failed)

    def finish(self, status: JobStatus, error: str = "") -> None:
        """Close the job with its final status. When the database stays busy with another
        process's write (app/core/sync/busy.py) the end is announced all the same and
        :attr:`unsaved` is set: :meth:`save_finish` writes it later."""
        self._final = (status, error)
        try:
            error = self._write_finish()
            self.unsaved = False
        except DatabaseBusy:
            error = redact(error)
            self.unsaved = True
        self._emit(
            JobFinished(
                self.id, self.store_id, self.kind, status, self.processed, self.failed, error
            )
        )

    def save_finish(self) -> None:
        """Write an end :meth:`finish` could not (raises DatabaseBusy while still busy)."""
        self._write_finish()
        self.unsaved = False

    def _write_finish(self) -> str:
        status, error = self._final
        return sync_jobs.finish_job(
            self._ctx,
            self.job_log,
            status,
            processed=self.processed,
            total=self.total,
            failed=self.failed,
            error=error,
        )
