"""The engine meeting another process's long write (a 50,000-row import on the same file).

SQLite lets one writer at a time. A write of ours waits up to the busy timeout
(``app.core.db.engine.BUSY_TIMEOUT_MS``) for the other writer, then gives up with
:class:`~app.core.services.errors.DatabaseBusy` and its unit of work is rolled back, so
nothing of it is half-written (an order page and its cursor move together or not at all).
The job then fails with :data:`DATABASE_BUSY`, one line and no traceback, and runs again
on its schedule (docs/ARCHITECTURE.md, sync).

Why a gate for the whole engine: every store's writes go to the same file, and a write
waiting on the lock holds the engine's loop, so after one write gave up, the other jobs do
not queue behind the same lock one busy timeout after another. For :attr:`BusyGate.hold_off`
seconds no scheduled job starts and an asked-for job fails at once with the same line.
"""

from __future__ import annotations

import logging
import time

from app.core.domain import JobKind, JobStatus, StoreStatus
from app.core.services import stores as store_service
from app.core.services import sync_jobs
from app.core.services.context import ServiceContext
from app.core.services.errors import DatabaseBusy
from app.core.sync.events import Emit, JobFinished, StoreStatusChanged
from app.core.sync.jobs import JobRun

log = logging.getLogger(__name__)

DATABASE_BUSY = "the database is busy with another task (an import?); will retry"


class BusyGate:
    """Shut for a while after a write gave up on the lock (see the module docstring)."""

    def __init__(self, hold_off: float) -> None:
        self.hold_off = hold_off
        self.until = 0.0

    def shut(self) -> bool:
        """Whether jobs should not touch the database now."""
        return time.monotonic() < self.until

    def hit(self) -> None:
        """A write just gave up: keep jobs away for ``hold_off`` seconds."""
        self.until = time.monotonic() + self.hold_off


class UnsavedEnds:
    """Jobs whose end could not be written (the lock was still held): written later, so
    no row stays "running" while the engine lives."""

    def __init__(self) -> None:
        self.runs: list[JobRun] = []

    def keep(self, run: JobRun) -> None:
        if run.unsaved:
            self.runs.append(run)

    def save(self, gate: BusyGate) -> None:
        """Write the ends kept; stop at the first still refused."""
        while self.runs and not gate.shut():
            try:
                self.runs[0].save_finish()
            except DatabaseBusy:
                gate.hit()
                return
            self.runs.pop(0)


def job_refused(
    gate: BusyGate, emit: Emit, store_id: int, kind: JobKind, run: JobRun | None
) -> int | None:
    """A job the busy database refused (before it started: ``run`` None). One line, no
    traceback; not the store's fault, so the store's circuit is left alone; the job runs
    again on its schedule once the gate opens. Returns the job's id, if it has a row."""
    gate.hit()
    log.warning("store %s: %s job: %s", store_id, kind.value, DATABASE_BUSY)
    if run is None:  # no job row could be written: said all the same (job id 0)
        emit(JobFinished(0, store_id, kind, JobStatus.FAILED, 0, 0, DATABASE_BUSY))
    emit(StoreStatusChanged(store_id, StoreStatus.IDLE, DATABASE_BUSY))
    return None if run is None else run.id


def tidy_after_last_stop(ctx: ServiceContext, gate: BusyGate) -> None:
    """At engine start: jobs a stopped or crashed process left running are marked
    interrupted and its stores' "syncing" cleared. Writes only when there is something
    to tidy; while another process writes long it waits for the next start."""
    try:
        interrupted = sync_jobs.mark_interrupted(ctx)
        if interrupted:
            log.warning("%d job(s) were interrupted by the last stop", interrupted)
        store_service.clear_stale_syncing(ctx)
    except DatabaseBusy:
        log.warning("engine start: %s", DATABASE_BUSY)
        gate.hit()
