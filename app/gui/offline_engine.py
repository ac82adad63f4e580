"""A stand-in for the sync engine when ``app.core.sync.engine`` is not available.

The window still opens on the local database; every sync request fails with a clear
message instead of crashing. Pause and resume only record the choice.
"""

from __future__ import annotations

from collections.abc import Coroutine
from concurrent.futures import Future
from typing import Any, TypeVar

from app.core.domain import AppCredentials, Endpoints, JobKind, Platform
from app.core.services import stores
from app.core.services.context import ServiceContext
from app.core.services.stores import StoreDTO
from app.core.sync.api import ConnectRequest
from app.gui.i18n import N_, tr

T = TypeVar("T")
#: the English text; users see :func:`unavailable` (it reaches them through show_error)
MESSAGE = N_("the sync engine is not available in this build")


def unavailable() -> str:
    """Why every sync request fails, in the interface language."""
    return tr("the sync engine is not available in this build")


def _failed(message: str | None = None) -> Future[Any]:
    fut: Future[Any] = Future()
    fut.set_exception(RuntimeError(message or unavailable()))
    return fut


def _done(value: T) -> Future[T]:
    fut: Future[T] = Future()
    fut.set_result(value)
    return fut


class OfflineEngine:
    """Implements :class:`app.core.sync.api.EngineAPI` without syncing anything."""

    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def start(self) -> None:
        """Nothing to start."""

    def stop(self, timeout: float = 10.0) -> None:
        """Nothing to stop."""

    def submit(self, coro: Coroutine[Any, Any, T]) -> Future[T]:
        """Refuse (and close the coroutine so Python does not warn about it)."""
        coro.close()
        return _failed()

    def sync_now(
        self, store_id: int, kinds: tuple[JobKind, ...] | None = None
    ) -> Future[list[int]]:
        """Refuse."""
        return _failed()

    def retry_job(self, job_id: int) -> Future[int]:
        """Refuse."""
        return _failed()

    def cancel_job(self, job_id: int) -> Future[bool]:
        """Nothing runs here."""
        return _done(False)

    def pause(self, store_id: int) -> Future[None]:
        """Record the pause."""
        stores.set_paused(self._ctx, store_id, True)
        return _done(None)

    def resume(self, store_id: int) -> Future[None]:
        """Record the resume."""
        stores.set_paused(self._ctx, store_id, False)
        return _done(None)

    def authorization_url(
        self,
        platform: Platform,
        endpoints: Endpoints,
        credentials: AppCredentials,
        redirect_url: str,
        state: str = "",
    ) -> str:
        """Refuse."""
        raise RuntimeError(unavailable())

    def connect_store(self, request: ConnectRequest) -> Future[list[StoreDTO]]:
        """Refuse."""
        return _failed()

    def reauthorize(self, store_id: int, code: str) -> Future[StoreDTO]:
        """Refuse."""
        return _failed()
