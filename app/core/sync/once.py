"""One full sync of some stores within a bound: ``storesync sync --once``.

Each store gets one pass (orders, products, pushes); then the stores whose pass went
through get one more push pass, since orders just read on one store may have queued stock
for another. Everything ends within ``deadline`` seconds (docs/ARCHITECTURE.md,
deadlines): the engine stops a job still running then and does not start the rest, and a
store that does not answer is given up after one call's budget, so it never holds the
others up. The engine must serve exactly ``store_ids`` (``EngineOptions.stores``), so no
job of another store runs meanwhile.
"""

from __future__ import annotations

import logging
import threading
import time
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass, field

from app.core.domain import JobKind, JobStatus
from app.core.sync.engine import ALL_KINDS, SyncEngine
from app.core.sync.events import Event, JobFinished

log = logging.getLogger(__name__)

# what waiting may take beyond the deadline: the engine stopping a job and writing its row
GRACE_SECONDS = 15.0


@dataclass
class OnceReport:
    """What happened to each store."""

    finished: dict[int, list[JobFinished]] = field(default_factory=dict)
    not_run: dict[int, list[JobKind]] = field(default_factory=dict)  # asked, never started
    seconds: float = 0.0

    def failed_stores(self) -> set[int]:
        """Stores with a job that did not succeed, or jobs that never ran."""
        bad = {
            sid
            for sid, jobs in self.finished.items()
            if any(j.status != JobStatus.SUCCEEDED for j in jobs)
        }
        return bad | {sid for sid, kinds in self.not_run.items() if kinds}

    @property
    def ok(self) -> bool:
        """Every job of every store succeeded."""
        return not self.failed_stores()


def run_once(engine: SyncEngine, store_ids: list[int], deadline: float | None) -> OnceReport:
    """Sync ``store_ids`` once on a started engine; returns when done or at the deadline."""
    started = time.monotonic()
    ends = None if deadline is None else started + deadline
    report = OnceReport()
    lock = threading.Lock()

    def collect(ev: Event) -> None:  # on the engine thread
        if isinstance(ev, JobFinished) and ev.store_id in store_ids:
            with lock:
                report.finished.setdefault(ev.store_id, []).append(ev)

    engine.add_listener(collect)

    def left() -> float | None:
        return None if ends is None else max(0.0, ends - time.monotonic())

    first = {sid: engine.sync_now(sid, ALL_KINDS, deadline=left()) for sid in store_ids}
    _wait(first, ends)
    with lock:
        for sid in store_ids:
            ran = {j.kind for j in report.finished.get(sid, [])}
            missing = [k for k in ALL_KINDS if k not in ran]
            if missing:
                report.not_run[sid] = missing
        healthy = [sid for sid in store_ids if sid not in report.failed_stores()]
    remaining = left()
    if healthy and (remaining is None or remaining > 0):
        second = {
            sid: engine.sync_now(sid, (JobKind.STOCK_PUSH,), deadline=remaining) for sid in healthy
        }
        _wait(second, ends)
    report.seconds = time.monotonic() - started
    return report


def _wait(futures: dict[int, Future[list[int]]], ends: float | None) -> None:
    for sid, fut in futures.items():
        timeout = None if ends is None else max(0.0, ends - time.monotonic()) + GRACE_SECONDS
        try:
            fut.result(timeout=timeout)
        except FutureTimeout:
            log.warning("store %s did not finish in time", sid)
        except Exception as exc:  # the store was removed meanwhile, the engine stopped
            log.warning("store %s: %s", sid, exc)
