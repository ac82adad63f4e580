"""The engine's thread-safe public API, as the GUI and the CLI use it.

:class:`app.core.sync.engine.SyncEngine` implements it; GUI tests may use a fake that
emits scripted events through the real bridge.
"""

from __future__ import annotations

from collections.abc import Coroutine
from concurrent.futures import Future
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

from app.core.domain import AppCredentials, Endpoints, Environment, JobKind, Platform
from app.core.services.stores import StoreDTO

T = TypeVar("T")


@dataclass(frozen=True)
class ConnectRequest:
    """Everything the Connect-store wizard collected (secrets travel only in memory)."""

    platform: Platform
    environment: Environment
    endpoints: Endpoints
    credentials: AppCredentials
    code: str  # the authorization code from the consent redirect
    shop_id: str | None = None  # Shopee sends shop_id in the redirect; TikTok lists shops
    name: str | None = None  # defaults to the shop's name on the platform
    # who connects: the signed-in user (None), or "demo" for the demo's own shops, which
    # it connects whoever signed in (services/context.py ``as_actor``)
    acting_as: str | None = None


class EngineAPI(Protocol):
    """What callers on other threads may ask of the engine. Every call returns at once."""

    def start(self) -> None:
        """Start the loop thread and the schedulers."""

    def stop(self, timeout: float = 10.0) -> None:
        """Stop cleanly: in-flight jobs are cancelled and marked interrupted."""

    def submit(self, coro: Coroutine[Any, Any, T]) -> Future[T]:
        """Run a coroutine on the engine loop."""

    def sync_now(
        self, store_id: int, kinds: tuple[JobKind, ...] | None = None
    ) -> Future[list[int]]:
        """Run the store's jobs now (all kinds by default); resolves to the job ids."""

    def run_action(
        self, store_id: int, kind: JobKind, job: Any, deadline: float | None = None
    ) -> Future[Any]:
        """Run a seller's action (ship, documents, cancel) as one of the store's jobs;
        resolves to what ``job`` returned (docs/ARCHITECTURE.md, "Fulfilment")."""

    def retry_job(self, job_id: int) -> Future[int]:
        """Run the same kind of job again for the same store; resolves to the new job id."""

    def cancel_job(self, job_id: int) -> Future[bool]:
        """Stop a running job (it ends ``cancelled``); resolves to whether it was running."""

    def pause(self, store_id: int) -> Future[None]:
        """Stop scheduling a store (its queued pushes wait)."""

    def resume(self, store_id: int) -> Future[None]:
        """Schedule a store again."""

    def authorization_url(
        self,
        platform: Platform,
        endpoints: Endpoints,
        credentials: AppCredentials,
        redirect_url: str,
        state: str = "",
    ) -> str:
        """The seller consent link for a platform (pure, no network)."""

    def connect_store(self, request: ConnectRequest) -> Future[list[StoreDTO]]:
        """Exchange the code, save tokens to the keychain, register the shop(s), sync them."""

    def reauthorize(self, store_id: int, code: str) -> Future[StoreDTO]:
        """Exchange a fresh code for a store that needs re-authorization."""
