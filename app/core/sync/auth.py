"""A store's tokens around its jobs: refreshed when due, and one refresh and one retry
when the platform refuses the access token (docs/ARCHITECTURE.md, "Sync, platforms")."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta

from app.core.platforms.base import (
    AuthError,
    PlatformAdapter,
    PlatformError,
    ReauthorizationRequired,
)
from app.core.services import stores as store_service
from app.core.services.context import ServiceContext
from app.core.services.leases import LeaseHeldElsewhere
from app.core.services.stores import StoreDTO
from app.core.sync.credentials import CredentialVault


class StoreAuth:
    """One per store worker: its refreshes never overlap (the vault also serializes
    them across processes)."""

    def __init__(
        self,
        vault: CredentialVault,
        ctx: ServiceContext,
        margin: timedelta,
        lease_check: Callable[[int], bool] | None = None,
    ) -> None:
        self.vault, self.ctx, self.margin = vault, ctx, margin
        # renews the store's lease if still ours (sync/leases.py): only the lease holder
        # spends a refresh token, so two PCs never spend the same one
        self.lease_check = lease_check
        self._lock = asyncio.Lock()

    async def run(
        self,
        store: StoreDTO,
        adapter: PlatformAdapter,
        job: Callable[[PlatformAdapter], Awaitable[None]],
    ) -> None:
        """Run ``job`` with fresh tokens; one refresh and one retry on an auth error."""
        await self._refresh_if_due(store, adapter)
        try:
            await job(adapter)
        except ReauthorizationRequired:
            raise
        except AuthError:
            await self.refresh(store, adapter)
            await job(adapter)

    async def _refresh_if_due(self, store: StoreDTO, adapter: PlatformAdapter) -> None:
        tokens = self.vault.tokens(store)
        if tokens is None:
            raise ReauthorizationRequired(f"{store.name} has no tokens: connect it again")
        if tokens.access_expires_at - datetime.now(UTC) <= self.margin:
            await self.refresh(store, adapter)

    async def refresh(self, store: StoreDTO, adapter: PlatformAdapter) -> None:
        """Refresh the store's tokens now; a refusal means the seller must authorize
        again."""

        async def exchange(tokens):
            if self.lease_check is not None and not self.lease_check(store.id):
                raise LeaseHeldElsewhere(
                    f"{store.name}: another StoreSync syncs this store now; not refreshing"
                )
            try:
                return await adapter.refresh_tokens(tokens)
            except ReauthorizationRequired:
                raise
            except (AuthError, PlatformError) as exc:
                if isinstance(exc, AuthError) or not exc.retryable:
                    raise ReauthorizationRequired(
                        f"token refresh for {store.name} was refused: {exc}"
                    ) from None
                raise

        async with self._lock:
            tokens = self.vault.tokens(store)
            if tokens is None:
                raise ReauthorizationRequired(f"{store.name} has no tokens: connect it again")
            # serialized across processes; skipped when another one refreshed meanwhile
            new = await self.vault.refresh(store, tokens, exchange)
            if new is None:
                raise ReauthorizationRequired(f"{store.name} has no tokens: connect it again")
            store_service.set_token_expiry(
                self.ctx, store.id, new.access_expires_at, new.refresh_expires_at
            )
