"""A store's worker: its jobs one at a time, on the engine loop (docs/ARCHITECTURE.md,
"Sync, platforms, data safety").

The worker runs the seller's requests and actions first, then the scheduled jobs when
they are due, each under its deadline, its token refresh and its store's lease; it
sleeps until the next is due or something wakes it (pushes queued, a request). The
engine (:mod:`app.core.sync.engine`) starts one per store and owns the loop.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from app.core.domain import JobKind, JobStatus, StoreStatus
from app.core.platforms.base import (
    NoAnswerError,
    PlatformAdapter,
    PlatformError,
    ReauthorizationRequired,
)
from app.core.services import stores as store_service
from app.core.services.channel_stock import due_pushes, next_retry_at
from app.core.services.errors import DatabaseBusy, NotFoundError
from app.core.services.polling import order_interval, read_facts
from app.core.services.price_outbox import due_price_pushes, next_price_retry_at
from app.core.services.stores import StoreDTO
from app.core.sync.actions import ActionJob, run_actions
from app.core.sync.auth import StoreAuth
from app.core.sync.busy import DATABASE_BUSY, UnsavedEnds, job_refused
from app.core.sync.call_meter import CURRENT_STORE
from app.core.sync.context import JobContext
from app.core.sync.events import Alert, PollingChanged
from app.core.sync.jobs import JobRun
from app.core.sync.orders_job import fetch_orders
from app.core.sync.price_push_job import push_stock_and_prices
from app.core.sync.products_job import sync_products
from app.core.sync.runtime import being_cancelled, raise_if_cancelling

if TYPE_CHECKING:
    from app.core.sync.engine import SyncEngine

log = logging.getLogger("app.core.sync.engine")  # one logger for the engine and its workers
ALL_KINDS = (JobKind.ORDERS, JobKind.PRODUCTS, JobKind.STOCK_PUSH)


class JobDeadlineExceeded(NoAnswerError):
    """A job ran past its deadline and was stopped; what it committed stays."""


def _utcnow() -> datetime:
    return datetime.now(UTC)


class StoreWorker:
    """Runs one store's jobs one after another, on schedule or on request."""

    def __init__(self, engine: SyncEngine, store_id: int) -> None:
        self.engine = engine
        self.store_id = store_id
        self.wake = asyncio.Event()
        self.task: asyncio.Task[None]
        self.push_due = True  # look at the outbox on the first pass
        # (kinds, trigger, the monotonic time they must end by or None, the waiting future)
        self._requests: list[
            tuple[tuple[JobKind, ...], str, float | None, asyncio.Future[list[int]]]
        ] = []
        # actions: (kind, job function, monotonic end or None, the waiting future)
        self._actions: list[tuple[JobKind, ActionJob, float | None, asyncio.Future[Any]]] = []
        self._next: dict[JobKind, float] = {}
        self._failures = 0
        self._circuit_until = 0.0
        self._circuit_wait = engine.options.circuit_seconds
        self._adapter: PlatformAdapter | None = None
        self._adapter_key: tuple | None = None
        self._auth = StoreAuth(
            engine.vault, engine.ctx, engine.options.refresh_margin, engine.leases.confirm
        )
        self.lease_lost = False  # another engine took the store: this worker stops
        self._current: tuple[int, asyncio.Task[None]] | None = None  # running job id, task
        self._cancelled: int | None = None  # the job id a user asked to stop
        self._orders_ran: float | None = None  # when the last order fetch was scheduled from
        self._unsaved = UnsavedEnds()  # job ends the busy database refused (busy.py)

    # ------------------------------------------------------------------ requests
    async def request(
        self, kinds: tuple[JobKind, ...], trigger: str, ends: float | None = None
    ) -> list[int]:
        """Queue jobs and wait until they ran (or ``ends``, a monotonic time, passed);
        returns their job ids."""
        fut: asyncio.Future[list[int]] = asyncio.get_running_loop().create_future()
        self._requests.append((kinds, trigger, ends, fut))
        self.wake.set()
        return await fut

    async def action(self, kind: JobKind, job: ActionJob, ends: float | None) -> Any:
        """Queue a seller's action and wait for its result."""
        fut: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        self._actions.append((kind, job, ends, fut))
        self.wake.set()
        return await fut

    async def _run_actions(self, store: StoreDTO) -> None:
        actions, self._actions = self._actions, []
        deadlines = self.engine.options.job_deadlines
        await run_actions(actions, deadlines, lambda *a: self._run_job(store, *a))

    def reset_circuit(self) -> None:
        """Close the circuit (after a manual resume or a reconnect)."""
        self._failures, self._circuit_until = 0, 0.0
        self._circuit_wait = self.engine.options.circuit_seconds

    def cancel_job(self, job_id: int) -> bool:
        """Stop this store's running job if it is ``job_id``."""
        if self._current is None or self._current[0] != job_id:
            return False
        self._cancelled = job_id
        self._current[1].cancel()
        return True

    def invalidate_adapter(self) -> None:
        """Build the adapter again on next use (new URLs or credentials)."""
        self._adapter = None

    # ------------------------------------------------------------------ main loop
    async def run(self) -> None:
        CURRENT_STORE.set(self.store_id)  # the call meter attributes this task's requests
        opts = self.engine.options
        if opts.schedule:
            start = time.monotonic() + random.uniform(0, opts.start_jitter)
            self._next = {JobKind.ORDERS: start, JobKind.PRODUCTS: start}
        try:
            while True:
                await self.engine.leases.gate(self)  # jobs run only under the lease
                try:
                    store = store_service.get_store(self.engine.ctx, self.store_id)
                except NotFoundError:
                    self._fail_requests(RuntimeError("store removed"))
                    return
                await self._pass(store)
                raise_if_cancelling()
                await self._sleep(store)
        except asyncio.CancelledError:
            self._fail_requests(RuntimeError(self._stopped_why()))
            raise
        except Exception as exc:  # reported by SyncEngine._worker_done
            self._fail_requests(exc)
            raise

    async def _pass(self, store: StoreDTO) -> None:
        if self._actions:  # the seller is waiting for these
            await self._run_actions(store)
        requests, self._requests = self._requests, []
        wanted: list[tuple[JobKind, str]] = []
        for kinds, trigger, _e, _f in requests:
            wanted += [(k, trigger) for k in kinds]
        ends = min((e for _k, _t, e, _f in requests if e is not None), default=None)
        self._unsaved.save(self.engine.busy)
        scheduled = (
            not store.paused
            and time.monotonic() >= self._circuit_until
            and not self.engine.busy.shut()
        )
        now = time.monotonic()
        if scheduled and self.engine.options.schedule:
            for kind in (JobKind.ORDERS, JobKind.PRODUCTS):
                if now >= self._next.get(kind, float("inf")):
                    wanted.append((kind, "schedule"))
        if scheduled:  # whether anything is due is decided after orders and products ran
            wanted.append((JobKind.STOCK_PUSH, "change"))
        if self.push_due:
            self._hasten_orders(store)
        self.push_due = False
        job_ids: list[int] = []
        done: set[JobKind] = set()
        for kind in ALL_KINDS:  # orders first: drift checks need them, pushes go last
            triggers = [t for k, t in wanted if k == kind]
            if not triggers or kind in done:
                continue
            done.add(kind)
            trigger = "manual" if "manual" in triggers else triggers[0]
            if (
                kind == JobKind.STOCK_PUSH
                and trigger != "manual"
                and not due_pushes(self.engine.ctx, store.id)
                and not due_price_pushes(self.engine.ctx, store.id)  # confirmed prices
            ):
                continue
            limit = self.engine.options.job_deadlines.get(kind)
            if ends is not None:
                left = ends - time.monotonic()
                if left <= 0:
                    log.info("store %s: %s not run, the deadline passed", store.id, kind.value)
                    break
                limit = left if limit is None else min(limit, left)
            job_id, answered = await self._run_job(store, kind, trigger, limit)
            if job_id:
                job_ids.append(job_id)
            self._schedule_next(store, kind)
            if not answered:
                # a store that did not answer gets no more jobs this pass, so it costs
                # one call budget or job deadline, not one per job (docs/ARCHITECTURE.md)
                log.info("store %s did not answer: its other jobs wait", store.id)
                break
        for _k, _t, _e, fut in requests:
            if not fut.done():
                fut.set_result(job_ids)

    def _schedule_next(self, store: StoreDTO, kind: JobKind) -> None:
        if kind not in (JobKind.ORDERS, JobKind.PRODUCTS) or not self.engine.options.schedule:
            return
        if kind == JobKind.ORDERS:
            self._orders_ran = time.monotonic()
            interval = self._orders_interval(store)
        else:
            interval = store.settings.products_interval_s
        j = self.engine.options.interval_jitter
        self._next[kind] = time.monotonic() + interval * random.uniform(1 - j, 1 + j)

    def _orders_interval(self, store: StoreDTO) -> float:
        """Ask services/polling.py how soon to fetch orders again, and announce it."""
        eng = self.engine
        calls = eng.meter.last_minute(store.id)
        quiet = store.settings.orders_interval_s
        facts = read_facts(eng.ctx, store.id, calls, eng.options.polling, quiet)
        decision = order_interval(facts, store.platform, quiet, eng.options.polling)
        eng.emit(PollingChanged(store.id, decision.interval_s, decision.reason.value, calls))
        return decision.interval_s

    def _hasten_orders(self, store: StoreDTO) -> None:
        """Stock this store lists changed (pushes were queued): if that makes a shared
        variant low, poll fast from now on rather than after the quiet interval."""
        if self._orders_ran is None or JobKind.ORDERS not in self._next:
            return
        due = self._orders_ran + self._orders_interval(store)
        self._next[JobKind.ORDERS] = min(self._next[JobKind.ORDERS], due)

    async def _sleep(self, store: StoreDTO) -> None:
        if self._requests or self._actions or self.push_due:
            return
        now = time.monotonic()
        deadlines = [t for t in self._next.values()] if self.engine.options.schedule else []
        for retry_at in (
            next_retry_at(self.engine.ctx, store.id),
            next_price_retry_at(self.engine.ctx, store.id),
        ):
            if retry_at is not None:
                deadlines.append(now + max(0.0, (retry_at - _utcnow()).total_seconds()))
        hold = max(self._circuit_until, self.engine.busy.until)
        if hold > now:
            deadlines = [max(d, hold) for d in deadlines]
        timeout = max(0.05, min(deadlines) - now) if deadlines else None
        if store.paused:
            timeout = None
        self.wake.clear()
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self.wake.wait(), timeout)

    def has_requests(self) -> bool:
        """Whether a caller waits for a job or an action of this store."""
        return bool(self._requests or self._actions)

    def fail_requests(self, exc: BaseException) -> None:
        """Fail every waiting request and action with ``exc``."""
        self._fail_requests(exc)

    def _stopped_why(self) -> str:
        if self.lease_lost:
            return "interrupted: another StoreSync took over this store"
        return "engine stopped"

    def _fail_requests(self, exc: BaseException) -> None:
        for _k, _t, _e, fut in self._requests:
            if not fut.done():
                fut.set_exception(exc)
        for _k, _j, _e, afut in self._actions:
            if not afut.done():
                afut.set_exception(exc)
        self._requests, self._actions = [], []

    # ------------------------------------------------------------------ one job
    async def _run_job(
        self,
        store: StoreDTO,
        kind: JobKind,
        trigger: str,
        limit: float | None = None,
        action: ActionJob | None = None,
    ) -> tuple[int | None, bool]:
        """Run one job within ``limit`` seconds; returns its id and whether the store
        answered (False: no answer within a call's budget, or the deadline passed)."""
        eng = self.engine
        if store.status != StoreStatus.SYNCING and not eng.busy.shut():
            eng.set_status(store.id, StoreStatus.SYNCING)
        try:
            if eng.busy.shut():  # another process writes long: fail at once (busy.py)
                raise DatabaseBusy
            run = JobRun(eng.ctx, eng.emit, store.id, kind, trigger)
        except DatabaseBusy:
            return job_refused(eng.busy, eng.emit, store.id, kind, None), True
        job = (
            action
            or {
                JobKind.ORDERS: fetch_orders,
                JobKind.PRODUCTS: sync_products,
                JobKind.STOCK_PUSH: push_stock_and_prices,  # stock, then confirmed prices
            }[kind]
        )
        task = asyncio.ensure_future(
            self._with_auth(
                store,
                lambda adapter: job(JobContext(store, adapter, eng.ctx, run, eng.emit)),
            )
        )
        self._current = (run.id, task)
        try:
            try:
                await asyncio.wait_for(task, limit)  # cancels the job when the limit passes
            except TimeoutError:
                if not task.cancelled():
                    raise  # the job's own TimeoutError, not the deadline
                raise JobDeadlineExceeded(
                    f"did not finish within {limit:.0f} s and was stopped; what it stored "
                    "is kept and the next run goes on from there"
                ) from None
        except asyncio.CancelledError:
            if self._cancelled == run.id and not being_cancelled():
                run.finish(JobStatus.CANCELLED, "cancelled by the user")
                eng.set_status(store.id, StoreStatus.IDLE)
                return run.id, True
            run.finish(JobStatus.INTERRUPTED, self._stopped_why())
            if not self.lease_lost:  # nothing runs for the store here: not "syncing"
                store_service.set_sync_status(eng.ctx, store.id, StoreStatus.IDLE)
            raise
        except ReauthorizationRequired as exc:
            run.finish(JobStatus.FAILED, str(exc))
            eng.set_status(store.id, StoreStatus.NEEDS_REAUTH, str(exc))
            eng.emit(
                Alert("reauth", f"{store.name} needs to be authorized again", str(exc), store.id)
            )
            self._circuit_until = time.monotonic() + eng.options.circuit_max_seconds
            return run.id, True
        except PlatformError as exc:
            run.finish(JobStatus.FAILED, f"{type(exc).__name__}: {exc}")
            self._failed(store, exc)
            return run.id, not isinstance(exc, NoAnswerError)
        except DatabaseBusy:  # its unit of work was rolled back: nothing half-written
            run.finish(JobStatus.FAILED, DATABASE_BUSY)
            self._unsaved.keep(run)
            return job_refused(eng.busy, eng.emit, store.id, kind, run), True
        except Exception as exc:  # a bug: keep the store syncing, show it, log it
            log.exception("%s job for store %s crashed", kind.value, store.id)
            run.finish(JobStatus.FAILED, f"internal error: {type(exc).__name__}: {exc}")
            self._failed(store, exc)
            return run.id, True
        finally:
            self._current = None
        status = JobStatus.SUCCEEDED if run.failed == 0 else JobStatus.FAILED
        run.finish(status, "" if run.failed == 0 else f"{run.failed} item(s) failed")
        self.reset_circuit()
        eng.set_status(store.id, StoreStatus.IDLE, synced=action is None)
        return run.id, True

    def _failed(self, store: StoreDTO, exc: BaseException) -> None:
        eng = self.engine
        self._failures += 1
        reason = f"{type(exc).__name__}: {exc}"
        if self._failures >= eng.options.circuit_threshold:
            self._circuit_until = time.monotonic() + self._circuit_wait
            reason = (
                f"{self._failures} failures in a row; retrying in "
                f"{int(self._circuit_wait)} s. Last: {reason}"
            )
            self._circuit_wait = min(self._circuit_wait * 2, eng.options.circuit_max_seconds)
            eng.set_status(store.id, StoreStatus.ERROR, reason)
            eng.emit(Alert("sync_failed", f"{store.name} keeps failing", reason, store.id))
        else:
            eng.set_status(store.id, StoreStatus.IDLE, reason)

    # ------------------------------------------------------------------ auth
    def _adapter_for(self, store: StoreDTO) -> PlatformAdapter:
        key = (store.api_base_url, store.auth_base_url, store.shop_cipher, store.app_id)
        if self._adapter is None or key != self._adapter_key:
            self._adapter = self.engine.adapter_for(store)
            self._adapter_key = key
        return self._adapter

    async def _with_auth(
        self, store: StoreDTO, job: Callable[[PlatformAdapter], Awaitable[None]]
    ) -> None:
        await self._auth.run(store, self._adapter_for(store), job)
