"""The sync engine: one worker task per store on an asyncio loop in its own thread.

Each store's jobs run one at a time in its worker (so one store's requests never overlap
and one kind of job never runs twice at once); stores run side by side, and one store's
failures never hold the others up. See docs/ARCHITECTURE.md.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Coroutine
from concurrent.futures import Future
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any, TypeVar

import httpx

from app.core import engine_lock
from app.core.domain import AppCredentials, Endpoints, JobKind, Platform, StoreStatus
from app.core.engine_lock import EngineAlreadyRunning
from app.core.platforms.base import (
    PlatformAdapter,
    ReauthorizationRequired,
)
from app.core.platforms.http import DEFAULT_LIMITS, DEFAULT_TIMEOUT, RetryPolicy, TokenBucket
from app.core.platforms.registry import build_adapter
from app.core.services import stores as store_service
from app.core.services import sync_jobs
from app.core.services.errors import DatabaseBusy
from app.core.services.leases import LEASE_TTL, RENEW_EVERY
from app.core.services.polling import PollingRules
from app.core.services.stores import StoreDTO
from app.core.sync.actions import ActionJob
from app.core.sync.api import ConnectRequest
from app.core.sync.busy import (
    DATABASE_BUSY,
    BusyGate,
)
from app.core.sync.call_meter import CallMeter
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
    StoreStatusChanged,
)
from app.core.sync.leases import LeaseKeeper
from app.core.sync.runtime import EngineThread
from app.core.sync.worker import ALL_KINDS, JobDeadlineExceeded, StoreWorker, _utcnow
from app.core.workspace import OpenWorkspace

log = logging.getLogger(__name__)
T = TypeVar("T")

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


__all__ = ["ALL_KINDS", "EngineOptions", "JobDeadlineExceeded", "StoreWorker", "SyncEngine"]
