"""The sync engine: one worker task per store on an asyncio loop in its own thread.

Each store's jobs run one at a time in its worker (so one store's requests never overlap
and one kind of job never runs twice at once); stores run side by side, and one store's
failures never hold the others up. See docs/ARCHITECTURE.md.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
import time
from collections.abc import Awaitable, Callable, Coroutine
from concurrent.futures import Future
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any, TypeVar

import httpx

from app.core import engine_lock
from app.core.domain import AppCredentials, Endpoints, JobKind, JobStatus, Platform, StoreStatus
from app.core.engine_lock import EngineAlreadyRunning
from app.core.platforms.base import (
    NoAnswerError,
    PlatformAdapter,
    PlatformError,
    ReauthorizationRequired,
)
from app.core.platforms.http import DEFAULT_LIMITS, DEFAULT_TIMEOUT, RetryPolicy, TokenBucket
from app.core.platforms.registry import build_adapter
from app.core.services import stores as store_service
from app.core.services import sync_jobs
from app.core.services.channel_stock import due_pushes, next_retry_at
from app.core.services.errors import DatabaseBusy, NotFoundError
from app.core.services.leases import LEASE_TTL, RENEW_EVERY
from app.core.services.polling import PollingRules, order_interval, read_facts
from app.core.services.price_outbox import due_price_pushes, next_price_retry_at
from app.core.services.stores import StoreDTO
from app.core.sync.actions import ActionJob, run_actions
from app.core.sync.api import ConnectRequest
from app.core.sync.auth import StoreAuth
from app.core.sync.busy import (
    DATABASE_BUSY,
    BusyGate,
    UnsavedEnds,
    job_refused,
)
from app.core.sync.call_meter import CURRENT_STORE, CallMeter
from app.core.sync.context import JobContext
from app.core.sync.credentials import (
    REFRESH_SETTLE,
    CredentialVault,
    FixedTokens,
    StoreTokenProvider,
)
from app.core.sync.events import (
    Alert,
    DataChanged,
    Emit,
    Event,
    PollingChanged,
    StoreStatusChanged,
)
from app.core.sync.jobs import JobRun
from app.core.sync.leases import LeaseKeeper
from app.core.sync.orders_job import fetch_orders
from app.core.sync.price_push_job import push_stock_and_prices
from app.core.sync.products_job import sync_products
from app.core.sync.runtime import EngineThread, being_cancelled, raise_if_cancelling
from app.core.workspace import OpenWorkspace

log = logging.getLogger(__name__)
T = TypeVar("T")
ALL_KINDS = (JobKind.ORDERS, JobKind.PRODUCTS, JobKind.STOCK_PUSH)

# How long one job may run (docs/ARCHITECTURE.md, deadlines). Every page of orders and
# every push result commits as it comes, so a job stopped here loses nothing: the next run
# goes on from where it stopped. Reading a big catalog takes longest (Shopee: one call per
# item with variants), hence its longer deadline.
DEFAULT_JOB_DEADLINES: dict[JobKind, float] = {
    JobKind.ORDERS: 300.0,
    JobKind.PRODUCTS: 1800.0,
    JobKind.STOCK_PUSH: 300.0,
    JobKind.SHIP: 600.0,
    JobKind.DOCUMENTS: 600.0,
    JobKind.CANCEL: 300.0,
}


class JobDeadlineExceeded(NoAnswerError):
    """A job ran past its deadline and was stopped; what it committed stays."""


@dataclass(frozen=True)
class EngineOptions:
    """Tunables; tests shorten them."""

    schedule: bool = True  # run jobs on their intervals (off: only sync_now)
    start_jitter: float = 3.0  # spread stores' first runs over this many seconds
    interval_jitter: float = 0.1  # ± share of each interval
    refresh_margin: timedelta = timedelta(minutes=10)  # refresh tokens this long before expiry
    circuit_threshold: int = 5  # consecutive failures that open a store's circuit
    circuit_seconds: float = 60.0  # first pause; doubles up to circuit_max_seconds
    circuit_max_seconds: float = 900.0
    retry: RetryPolicy = field(default_factory=RetryPolicy)
    adapter_options: dict[str, dict[str, Any]] = field(default_factory=dict)  # per platform
    # per-store request rate (per second, burst) by platform; absent: the client's default,
    # sized to the platform's published limits (Shopee publishes none: see its client)
    rate_limits: dict[str, tuple[float, float]] = field(default_factory=dict)
    timeout: httpx.Timeout = field(default_factory=lambda: DEFAULT_TIMEOUT)  # per HTTP attempt
    job_deadlines: dict[JobKind, float] = field(default_factory=lambda: dict(DEFAULT_JOB_DEADLINES))
    # only these stores get a worker (``sync --store``): no job of any kind, pushes
    # included, runs for another store; None: every store
    stores: frozenset[int] | None = None
    # adaptive order polling (services/polling.py): fast while orders flow or a shared
    # variant is low, the store's own interval when quiet
    polling: PollingRules = field(default_factory=PollingRules)
    # after a write gave up waiting for another process's write (a long import), no job
    # touches the database for this long (app/core/sync/busy.py)
    busy_hold_off: float = 15.0
    # store leases: one engine per store across processes and PCs (services/leases.py)
    lease_ttl: float = LEASE_TTL
    lease_renew: float = RENEW_EVERY


class SyncEngine:
    """Implements :class:`app.core.sync.api.EngineAPI`."""

    def __init__(
        self, ws: OpenWorkspace, emit: Emit | None = None, options: EngineOptions | None = None
    ) -> None:
        self.ws = ws
        self.options = options or EngineOptions()
        self._listeners: list[Emit] = [emit] if emit else []
        self.ctx = ws.ctx.as_actor("sync")
        # the data folder holds the per-store refresh locks (one refresh across processes)
        self.vault = CredentialVault(ws.secrets, ws.paths.data_dir)
        self._thread = EngineThread()
        self._workers: dict[int, StoreWorker] = {}
        self._http: httpx.AsyncClient | None = None
        self._main: Future[None] | None = None
        self._stopping: asyncio.Event | None = None
        self._started = False
        self.meter = CallMeter()  # API calls per store per minute
        self.busy = BusyGate(self.options.busy_hold_off)  # another process writes long
        self.leases = LeaseKeeper(self)  # a store's jobs run only while its lease is ours

    # ------------------------------------------------------------------ events
    def add_listener(self, emit: Emit) -> None:
        """Also send events to ``emit`` (called on the engine thread)."""
        self._listeners.append(emit)

    def emit(self, event: Event) -> None:
        """Send an event to every listener; a listener's failure is logged, not raised."""
        for listener in list(self._listeners):
            try:
                listener(event)
            except Exception:
                log.exception("event listener failed")

    # ------------------------------------------------------------------ lifecycle
    def start(self, role: str = "sync") -> None:
        """Take the data folder's engine lock, then start the loop, the HTTP client and
        one worker per store.

        ``role`` names this process in the lock's label ("sync", "demo", or
        ``engine_lock.APP``). Another process syncing the folder raises
        :class:`~app.core.engine_lock.EngineAlreadyRunning` naming it, and nothing starts
        (one engine per data folder: docs/ARCHITECTURE.md).
        """
        if self._started:
            return
        if self._thread.loop.is_closed():  # refused before: a fresh loop for this try
            self._thread = EngineThread()
        try:
            engine_lock.take(self.ws.paths.data_dir, role)
        except EngineAlreadyRunning:
            self._thread.loop.close()  # never ran: nothing of it may leak
            raise
        try:
            self._thread.start()
            ready: Future[None] = Future()
            self._main = self._thread.submit(self._run(ready))
            # generous: its first writes may wait for another process's (busy timeout)
            ready.result(timeout=45)
        except BaseException:
            self._thread.stop()
            engine_lock.give_back(self.ws.paths.data_dir)
            raise
        self.ws.outbox.listeners.append(self._on_pushes_queued)
        self._started = True

    async def _run(self, ready: Future[None]) -> None:
        self._stopping = asyncio.Event()
        # the leases free now; a store taken from a gone engine has what it left
        # "running"/"syncing" tidied in the same transaction (services/leases.py)
        self.leases.start()
        async with httpx.AsyncClient(
            timeout=self.options.timeout,
            limits=DEFAULT_LIMITS,
            follow_redirects=False,
            event_hooks={"request": [self.meter.on_request]},
        ) as http:
            self._http = http
            for store in store_service.list_stores(self.ctx):
                if self.serves(store.id):
                    self._spawn(store.id)
            ready.set_result(None)
            await self._stopping.wait()
            workers = list(self._workers.values())
            for w in workers:
                w.task.cancel()
            await asyncio.gather(*(w.task for w in workers), return_exceptions=True)
            self._workers.clear()
            # a refresh already sent is let finish and its new tokens saved: the platform
            # may have spent the old refresh token (sync/credentials.py)
            await self.vault.settle(REFRESH_SETTLE)
            self.leases.stop()  # after the last job wrote: another engine may go on
        self._http = None

    def stop(self, timeout: float = 10.0) -> None:
        """Cancel in-flight jobs (marked interrupted), close HTTP, stop the thread."""
        if not self._started:
            return
        if self._on_pushes_queued in self.ws.outbox.listeners:
            self.ws.outbox.listeners.remove(self._on_pushes_queued)
        if self._stopping is not None:
            self._thread.call_soon(self._stopping.set)
        if self._main is not None:
            try:
                self._main.result(timeout)
            except Exception:
                log.exception("engine stopped with an error")
        self._thread.stop(timeout)
        self._started = False
        engine_lock.give_back(self.ws.paths.data_dir)  # after the last job wrote

    def submit(self, coro: Coroutine[Any, Any, T]) -> Future[T]:
        """Run a coroutine on the engine loop."""
        return self._thread.submit(coro)

    @property
    def http(self) -> httpx.AsyncClient:
        """The engine loop's shared HTTP client."""
        assert self._http is not None, "engine not started"
        return self._http

    # ------------------------------------------------------------------ workers
    def serves(self, store_id: int) -> bool:
        """Whether this engine runs jobs for the store (``EngineOptions.stores``)."""
        only = self.options.stores
        return only is None or store_id in only

    def _spawn(self, store_id: int) -> StoreWorker:
        if not self.serves(store_id):
            raise ValueError(f"this engine does not sync store {store_id}")
        worker = self._workers.get(store_id)
        if worker is None or worker.task.done():
            worker = StoreWorker(self, store_id)
            self._workers[store_id] = worker
            worker.task = asyncio.get_running_loop().create_task(
                worker.run(), name=f"store-{store_id}"
            )
            worker.task.add_done_callback(self._worker_done)
        return worker

    def worker(self, store_id: int) -> StoreWorker | None:
        """The store's worker, if it has one."""
        return self._workers.get(store_id)

    def lease_taken(self, store_id: int) -> None:
        """This engine now holds the store's lease: its worker runs (or starts)."""
        if self._stopping is not None and not self._stopping.is_set() and self.serves(store_id):
            self._spawn(store_id).wake.set()

    def _worker_done(self, task: asyncio.Task[None]) -> None:
        if task.cancelled() or task.exception() is None:
            return
        exc = task.exception()
        log.error("store worker %s crashed", task.get_name(), exc_info=exc)
        self.emit(
            Alert(
                "sync_failed",
                "Sync stopped for a store",
                f"internal error: {type(exc).__name__}: {exc}",
            )
        )

    def _on_pushes_queued(self, store_ids: set[int]) -> None:
        # called after any commit that queued pushes, from any thread
        self._thread.call_soon(self._wake_pushes, store_ids)

    def _wake_pushes(self, store_ids: set[int]) -> None:
        for sid in store_ids:  # only stores this engine serves have a worker
            worker = self._workers.get(sid)
            if worker is not None:
                worker.push_due = True
                worker.wake.set()

    # ------------------------------------------------------------------ API
    def sync_now(
        self,
        store_id: int,
        kinds: tuple[JobKind, ...] | None = None,
        deadline: float | None = None,
    ) -> Future[list[int]]:
        """Run the store's jobs now; resolves to the job ids once they ran.

        With ``deadline`` (seconds from now) they all end by then: a job still running is
        stopped (failed, its committed work kept) and the ones not started are not run.
        """
        ends = None if deadline is None else time.monotonic() + deadline

        async def go() -> list[int]:
            return await self._spawn(store_id).request(kinds or ALL_KINDS, "manual", ends)

        return self.submit(go())

    def run_action(
        self, store_id: int, kind: JobKind, job: ActionJob, deadline: float | None = None
    ) -> Future[Any]:
        """Run a seller's action (ship, documents, cancel) as one of the store's jobs.

        It waits behind the job the store is running, then runs before the scheduled
        ones, with a job row in Sync activity, the store's token refresh and rate limit
        (docs/ARCHITECTURE.md, "Fulfilment"). It runs on a paused store too: the seller
        asked for it. Resolves to what ``job`` returned, or raises what stopped it.
        """
        ends = None if deadline is None else time.monotonic() + deadline

        async def go() -> Any:
            return await self._spawn(store_id).action(kind, job, ends)

        return self.submit(go())

    def retry_job(self, job_id: int) -> Future[int]:
        """Run a job of the same kind for the same store again."""
        store_id, kind = sync_jobs.job_target(self.ctx, job_id)

        async def go() -> int:
            ids = await self._spawn(store_id).request((kind,), "retry")
            return ids[0] if ids else 0

        return self.submit(go())

    def cancel_job(self, job_id: int) -> Future[bool]:
        """Stop a running job; resolves to False when it is not running (any more).

        What it already committed stays (every page and push result is whole); it ends
        ``cancelled``, and the store's next scheduled run picks up where it stopped.
        """

        async def go() -> bool:
            return any(w.cancel_job(job_id) for w in self._workers.values())

        return self.submit(go())

    def pause(self, store_id: int) -> Future[None]:
        """Stop scheduling a store."""

        async def go() -> None:
            store_service.set_paused(self.ws.ctx, store_id, True)
            self.emit(StoreStatusChanged(store_id, StoreStatus.PAUSED))
            self._spawn(store_id).wake.set()

        return self.submit(go())

    def resume(self, store_id: int) -> Future[None]:
        """Schedule a store again."""

        async def go() -> None:
            store_service.set_paused(self.ws.ctx, store_id, False)
            self.emit(StoreStatusChanged(store_id, StoreStatus.IDLE))
            w = self._spawn(store_id)
            w.reset_circuit()
            w.wake.set()

        return self.submit(go())

    def authorization_url(
        self,
        platform: Platform,
        endpoints: Endpoints,
        credentials: AppCredentials,
        redirect_url: str,
        state: str = "",
    ) -> str:
        """The consent link (pure: no network, no loop needed)."""
        # building a link sends nothing: the adapter gets no HTTP client at all
        adapter = build_adapter(
            platform,
            None,
            endpoints,
            credentials,
            "",
            FixedTokens(),  # type: ignore[arg-type]
        )
        return adapter.authorization_url(redirect_url, state)

    def connect_store(self, request: ConnectRequest) -> Future[list[StoreDTO]]:
        """Exchange the code, keep the secrets, register the shop(s), sync them."""
        return self.submit(self._connect(request))

    def reauthorize(self, store_id: int, code: str) -> Future[StoreDTO]:
        """A fresh consent for a store that needs re-authorization."""

        async def go() -> StoreDTO:
            store = store_service.get_store(self.ctx, store_id)
            creds = self.vault.app(store)
            if creds is None:
                raise ReauthorizationRequired("the store's app credentials are missing")
            req = ConnectRequest(
                store.platform,
                store.environment,
                Endpoints(store.api_base_url, store.auth_base_url),
                creds,
                code,
                store.external_shop_id,
                store.name,
            )
            stores = await self._connect(req)
            return next(s for s in stores if s.id == store_id)

        return self.submit(go())

    async def _connect(self, req: ConnectRequest) -> list[StoreDTO]:
        from app.core.sync.connect import connect

        stores = await connect(self, req)
        for st in stores:
            w = self._spawn(st.id)
            w.reset_circuit()
            w.invalidate_adapter()
            task = asyncio.get_running_loop().create_task(w.request(ALL_KINDS, "connect"))
            # nobody awaits it: an engine stopping first is no error (its jobs ran or not)
            task.add_done_callback(lambda t: t.cancelled() or t.exception())
        self.emit(DataChanged("stores", tuple(s.id for s in stores)))
        return stores

    def adapter_for(self, store: StoreDTO, tokens=None) -> PlatformAdapter:
        """A fresh adapter for a store (on the engine loop's HTTP client)."""
        creds = self.vault.app(store)
        if creds is None:
            raise ReauthorizationRequired(
                f"{store.name}: app credentials are missing from the keychain; connect again"
            )
        return build_adapter(
            store.platform,
            self.http,
            Endpoints(store.api_base_url, store.auth_base_url),
            creds,
            store.external_shop_id,
            tokens or StoreTokenProvider(self.vault, store),
            shop_cipher=store.shop_cipher,
            retry=self.options.retry,
            limiter=self._limiter(store.platform),
            options=self.options.adapter_options.get(store.platform.value),
        )

    def _limiter(self, platform: Platform) -> TokenBucket | None:
        rate = self.options.rate_limits.get(platform.value)
        return None if rate is None else TokenBucket(*rate)

    def set_status(
        self, store_id: int, status: StoreStatus, reason: str = "", synced: bool = False
    ) -> None:
        """Persist and announce a store's status (announced even when the database is
        busy with another process's write: the status shown is derived from the jobs)."""
        now = _utcnow()
        try:
            store_service.set_sync_status(
                self.ctx, store_id, status, reason, now if synced else None
            )
        except DatabaseBusy:
            log.warning("store %s status not saved: %s", store_id, DATABASE_BUSY)
            self.busy.hit()
        self.emit(StoreStatusChanged(store_id, status, reason, now if synced else None))


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
