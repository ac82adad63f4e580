"""The engine stand-in of a window opened while another process syncs the data folder.

Only one engine runs per data folder (``app.core.engine_lock``; docs/ARCHITECTURE.md).
A second window still shows and edits everything through the services; what needs an
engine (sync now, pause, connect, the demo) is refused at once with the one line that
names the process that syncs, so the caller's error path tells the user (see
:func:`app.gui.widgets.background.ask_engine`). The consent link needs no engine.
"""

from __future__ import annotations

from collections.abc import Coroutine
from concurrent.futures import Future
from typing import Any, NoReturn, TypeVar

from app.core.domain import AppCredentials, Endpoints, JobKind, Platform
from app.core.engine_lock import EngineAlreadyRunning
from app.core.services.stores import StoreDTO
from app.core.sync.api import ConnectRequest, EngineAPI

T = TypeVar("T")


class NoEngine:
    """Implements :class:`app.core.sync.api.EngineAPI` by refusing, except for links."""

    def __init__(self, unstarted: EngineAPI, line: str) -> None:
        self._links = unstarted  # authorization_url is pure: no loop, no network
        self.line = line

    def _refuse(self) -> NoReturn:
        raise EngineAlreadyRunning(self.line)

    def start(self) -> None:
        """Nothing to start: another process syncs."""

    def stop(self, timeout: float = 10.0) -> None:
        """Nothing to stop."""

    def submit(self, coro: Coroutine[Any, Any, T]) -> Future[T]:
        coro.close()  # never awaited: closing it avoids a "never awaited" warning
        self._refuse()

    def sync_now(
        self, store_id: int, kinds: tuple[JobKind, ...] | None = None
    ) -> Future[list[int]]:
        self._refuse()

    def retry_job(self, job_id: int) -> Future[int]:
        self._refuse()

    def cancel_job(self, job_id: int) -> Future[bool]:
        self._refuse()

    def pause(self, store_id: int) -> Future[None]:
        self._refuse()

    def resume(self, store_id: int) -> Future[None]:
        self._refuse()

    def authorization_url(
        self,
        platform: Platform,
        endpoints: Endpoints,
        credentials: AppCredentials,
        redirect_url: str,
        state: str = "",
    ) -> str:
        return self._links.authorization_url(platform, endpoints, credentials, redirect_url, state)

    def connect_store(self, request: ConnectRequest) -> Future[list[StoreDTO]]:
        self._refuse()

    def reauthorize(self, store_id: int, code: str) -> Future[StoreDTO]:
        self._refuse()
