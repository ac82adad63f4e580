"""A scripted stand-in for the sync engine that emits events through the real bridge."""

from __future__ import annotations

import threading
from collections.abc import Callable, Coroutine, Sequence
from concurrent.futures import Future
from typing import Any, TypeVar
from urllib.parse import urlencode

from app.core.domain import AppCredentials, Endpoints, JobKind, JobStatus, Platform
from app.core.services import stores
from app.core.services.context import ServiceContext
from app.core.services.stores import StoreDTO
from app.core.sync.api import ConnectRequest
from app.core.sync.events import Event, JobFinished, JobProgress, JobStarted

T = TypeVar("T")


def done(value: T) -> Future[T]:
    """An already-resolved future."""
    fut: Future[T] = Future()
    fut.set_result(value)
    return fut


class FakeEngine:
    """Implements the EngineAPI protocol; records calls; emits from a worker thread."""

    def __init__(self, ctx: ServiceContext, emit: Callable[[Event], None]) -> None:
        self.ctx = ctx
        self.emit = emit
        self.calls: list[tuple[str, Any]] = []
        self.started = False
        self.stopped = False
        self._next_job = 1000
        self.fail_connect: str | None = None

    # -- scripted events -----------------------------------------------------------
    def emit_from_thread(self, events: Sequence[Event]) -> None:
        """Emit events from another thread, as the real engine does."""
        t = threading.Thread(target=lambda: [self.emit(e) for e in events])
        t.start()
        t.join()

    def job_script(self, store_id: int, kind: JobKind, total: int, fail: str = "") -> list[Event]:
        """Started, one progress per item, finished."""
        self._next_job += 1
        jid = self._next_job
        evs: list[Event] = [JobStarted(jid, store_id, kind, "manual")]
        evs += [JobProgress(jid, store_id, kind, i, total, 0) for i in range(1, total + 1)]
        status = JobStatus.FAILED if fail else JobStatus.SUCCEEDED
        evs.append(JobFinished(jid, store_id, kind, status, total, 1 if fail else 0, fail))
        return evs

    # -- EngineAPI -----------------------------------------------------------------
    def start(self) -> None:
        self.started = True

    def stop(self, timeout: float = 10.0) -> None:
        self.stopped = True

    def submit(self, coro: Coroutine[Any, Any, T]) -> Future[T]:
        coro.close()
        return done(None)  # type: ignore[arg-type]

    def sync_now(
        self, store_id: int, kinds: tuple[JobKind, ...] | None = None
    ) -> Future[list[int]]:
        self.calls.append(("sync_now", store_id))
        self._next_job += 1
        return done([self._next_job])

    def retry_job(self, job_id: int) -> Future[int]:
        self.calls.append(("retry_job", job_id))
        self._next_job += 1
        return done(self._next_job)

    def cancel_job(self, job_id: int) -> Future[bool]:
        self.calls.append(("cancel_job", job_id))
        return done(True)

    def pause(self, store_id: int) -> Future[None]:
        self.calls.append(("pause", store_id))
        stores.set_paused(self.ctx, store_id, True)
        return done(None)

    def resume(self, store_id: int) -> Future[None]:
        self.calls.append(("resume", store_id))
        stores.set_paused(self.ctx, store_id, False)
        return done(None)

    def authorization_url(
        self,
        platform: Platform,
        endpoints: Endpoints,
        credentials: AppCredentials,
        redirect_url: str,
        state: str = "",
    ) -> str:
        self.calls.append(("authorization_url", (platform, endpoints, redirect_url)))
        query = urlencode(
            {"partner_id": credentials.app_id, "redirect": redirect_url, "state": state}
        )
        return f"{endpoints.api_base_url}/consent?{query}"

    def connect_store(self, request: ConnectRequest) -> Future[list[StoreDTO]]:
        self.calls.append(("connect_store", request))
        fut: Future[list[StoreDTO]] = Future()

        def work() -> None:  # resolves on another thread, like the engine loop
            if self.fail_connect:
                fut.set_exception(RuntimeError(self.fail_connect))
                return
            # like the engine: a shop already connected is updated, not added again
            existing = stores.find_store_id(self.ctx, request.platform, request.shop_id or "9001")
            if existing is not None:
                fut.set_result([stores.get_store(self.ctx, existing)])
                return
            st = stores.create_store(
                self.ctx,
                stores.StoreInput(
                    platform=request.platform,
                    name=request.name or f"Sandbox shop {request.shop_id}",
                    external_shop_id=request.shop_id or "9001",
                    api_base_url=request.endpoints.api_base_url,
                    environment=request.environment,
                    app_id=request.credentials.app_id,
                ),
            )
            fut.set_result([st])

        threading.Thread(target=work).start()
        return fut

    def reauthorize(self, store_id: int, code: str) -> Future[StoreDTO]:
        self.calls.append(("reauthorize", (store_id, code)))
        return done(stores.get_store(self.ctx, store_id))
