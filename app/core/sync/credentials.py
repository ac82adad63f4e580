"""A store's app credentials and tokens, kept in the keychain, cached in memory.

A token refresh is serialized across processes by a per-store file lock in the data
folder: Shopee's refresh token is single-use, so two processes refreshing with the same
one would leave the loser with a dead token and the store unauthorized
(docs/ARCHITECTURE.md, "Sync, platforms, data safety").
"""

from __future__ import annotations

import asyncio
import contextlib
import re
import threading
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import datetime
from pathlib import Path

from filelock import FileLock, Timeout
from keyring.errors import KeyringError

from app.core.domain import AppCredentials, TokenSet
from app.core.secrets import SecretStore, SecretStoreUnavailable
from app.core.services.leases import LeaseStore
from app.core.services.stores import StoreDTO

APP_SECRET = "app"
TOKENS = "tokens"
PROBE = "probe"
LOCKS_DIR = "locks"
#: how long a refresh waits for another process's refresh of the same store
REFRESH_LOCK_WAIT = 60.0
#: how long a stopping engine waits for a refresh already sent (within its stop timeout)
REFRESH_SETTLE = 6.0


def _tokens_to_json(t: TokenSet) -> dict:
    return {
        "access_token": t.access_token,
        "refresh_token": t.refresh_token,
        "access_expires_at": t.access_expires_at.isoformat(),
        "refresh_expires_at": t.refresh_expires_at.isoformat() if t.refresh_expires_at else None,
    }


def _tokens_from_json(d: dict) -> TokenSet:
    return TokenSet(
        access_token=d["access_token"],
        refresh_token=d["refresh_token"],
        access_expires_at=datetime.fromisoformat(d["access_expires_at"]),
        refresh_expires_at=(
            datetime.fromisoformat(d["refresh_expires_at"]) if d.get("refresh_expires_at") else None
        ),
    )


class CredentialVault:
    """Reads and writes store secrets through :class:`SecretStore`, with a memory cache.

    Thread-safe: the engine thread and the GUI thread may both ask.
    """

    def __init__(self, secrets: SecretStore, lock_dir: Path | None = None) -> None:
        """``lock_dir`` (the data folder) holds the per-store refresh locks; without it a
        refresh is serialized only within this vault (callers that never refresh)."""
        self._secrets = secrets
        self._lock = threading.Lock()
        self._tokens: dict[str, TokenSet | None] = {}
        self._lock_dir = None if lock_dir is None else Path(lock_dir) / LOCKS_DIR
        self._local: dict[str, asyncio.Lock] = {}
        self._in_flight: set[asyncio.Task[TokenSet | None]] = set()

    def check_writable(self, *, sandbox: bool) -> None:
        """Raise :class:`~app.core.secrets.SecretStoreUnavailable` unless a store's secrets
        can be kept here (in this environment), by writing and deleting a probe secret.

        Connecting calls this before it spends a single-use authorization code.
        """
        self._secrets.set(PROBE, PROBE, "ok", sandbox=sandbox)
        with contextlib.suppress(Exception):  # the probe is harmless if it stays
            self._secrets.delete(PROBE, PROBE, sandbox=sandbox)

    def save_app(self, store: StoreDTO, credentials: AppCredentials) -> None:
        """Keep the partner key / app secret (and service id) for a store."""
        self._secrets.set_json(
            store.secret_key,
            APP_SECRET,
            {
                "secret": credentials.app_secret,
                "service_id": credentials.service_id,
                # a website's key (half of its pair) is kept here whole; the database
                # shows only its end (app/core/sync/connect.py, shown_app_id)
                "app_id": credentials.app_id,
            },
            sandbox=store.is_sandbox,
        )

    def app(self, store: StoreDTO) -> AppCredentials | None:
        """The store's app credentials, or None when missing."""
        data = self._secrets.get_json(store.secret_key, APP_SECRET, sandbox=store.is_sandbox)
        if data is None:
            return None
        app_id = data.get("app_id") or store.app_id
        return AppCredentials(app_id, data["secret"], data.get("service_id"))

    def has_credentials(self, store: StoreDTO | LeaseStore) -> bool:
        """Whether this PC's keychain holds what syncing the store needs: its app secret
        (a website's whole key pair is kept there, ``save_app``) and its token set (a
        website's is a fixed stand-in that never expires, but every job reads it). Read
        from the keychain itself, not the cache; a keychain that cannot be read holds
        nothing. The engine takes a store's lease only when this is true (sync/leases.py).
        """
        try:
            return all(
                self._secrets.get(store.secret_key, name, sandbox=store.is_sandbox) is not None
                for name in (APP_SECRET, TOKENS)
            )
        except (SecretStoreUnavailable, KeyringError):
            return False

    def save_tokens(self, store: StoreDTO, tokens: TokenSet) -> None:
        """Keep a new token set (written before the old one is forgotten)."""
        self._secrets.set_json(
            store.secret_key, TOKENS, _tokens_to_json(tokens), sandbox=store.is_sandbox
        )
        with self._lock:
            self._tokens[store.secret_key] = tokens

    def tokens(self, store: StoreDTO) -> TokenSet | None:
        """The store's current tokens."""
        with self._lock:
            if store.secret_key in self._tokens:
                return self._tokens[store.secret_key]
        data = self._secrets.get_json(store.secret_key, TOKENS, sandbox=store.is_sandbox)
        tokens = None if data is None else _tokens_from_json(data)
        with self._lock:
            self._tokens[store.secret_key] = tokens
        return tokens

    def reload_tokens(self, store: StoreDTO) -> TokenSet | None:
        """The store's tokens as the keychain has them now (another process may have
        refreshed them since we cached ours)."""
        with self._lock:
            self._tokens.pop(store.secret_key, None)
        return self.tokens(store)

    async def refresh(
        self,
        store: StoreDTO,
        stale: TokenSet,
        exchange: Callable[[TokenSet], Awaitable[TokenSet]],
    ) -> TokenSet | None:
        """Refresh the store's tokens once, whichever process asks.

        Under the store's lock the tokens are read again from the keychain: when their
        refresh token is no longer ``stale``'s, another process (or engine) already
        refreshed, and those tokens are returned without spending anything. Otherwise
        ``exchange(current)`` runs and its tokens are written to the keychain before the
        lock is let go. None: the keychain has no tokens for the store.

        The exchange runs in a task of its own that a cancelled caller (a job stopped by
        a clean stop, a deadline) does not cancel: once the request is sent the platform
        may already have spent the old refresh token, and only its answer holds the new
        one. :meth:`settle` lets the engine wait for it before closing.
        """
        task = asyncio.ensure_future(self._refresh_once(store, stale, exchange))
        self._in_flight.add(task)
        task.add_done_callback(self._refresh_done)
        return await asyncio.shield(task)

    def _refresh_done(self, task: asyncio.Task[TokenSet | None]) -> None:
        self._in_flight.discard(task)
        if not task.cancelled():
            task.exception()  # the caller (if still waiting) got it; nobody else will

    async def settle(self, timeout: float) -> None:
        """Wait (at most ``timeout`` seconds) for token refreshes still in flight."""
        pending = [t for t in self._in_flight if not t.done()]
        if pending:
            await asyncio.wait(pending, timeout=timeout)

    async def _refresh_once(
        self,
        store: StoreDTO,
        stale: TokenSet,
        exchange: Callable[[TokenSet], Awaitable[TokenSet]],
    ) -> TokenSet | None:
        async with self._store_lock(store):
            current = self.reload_tokens(store)
            if current is None or current.refresh_token != stale.refresh_token:
                return current
            new = await exchange(current)
            self.save_tokens(store, new)
            return new

    @contextlib.asynccontextmanager
    async def _store_lock(self, store: StoreDTO) -> AsyncIterator[None]:
        local = self._local.setdefault(store.secret_key, asyncio.Lock())
        async with local:
            if self._lock_dir is None:
                yield
                return
            self._lock_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
            name = re.sub(r"[^A-Za-z0-9_.-]", "-", store.secret_key)
            lock = FileLock(
                self._lock_dir / f"refresh-{name}.lock",
                timeout=0,
                mode=0o600,
                thread_local=False,
            )
            deadline = time.monotonic() + REFRESH_LOCK_WAIT
            while True:  # polled, so the engine loop never blocks on another process
                try:
                    lock.acquire()
                    break
                except Timeout:
                    if time.monotonic() >= deadline:
                        raise TimeoutError(
                            f"{store.name}: another process has been refreshing this "
                            f"store's tokens for {int(REFRESH_LOCK_WAIT)} s"
                        ) from None
                    await asyncio.sleep(0.05)
            try:
                yield
            finally:
                lock.release()

    def forget(self, store: StoreDTO) -> None:
        """Delete everything secret about a store."""
        for name in (APP_SECRET, TOKENS):
            self._secrets.delete(store.secret_key, name, sandbox=store.is_sandbox)
        with self._lock:
            self._tokens.pop(store.secret_key, None)


class StoreTokenProvider:
    """The :class:`~app.core.platforms.base.TokenProvider` an adapter reads tokens from."""

    def __init__(self, vault: CredentialVault, store: StoreDTO) -> None:
        self._vault = vault
        self._store = store

    def current(self) -> TokenSet | None:
        """The latest tokens (refreshes are visible at once)."""
        return self._vault.tokens(self._store)


class FixedTokens:
    """Tokens held in memory only (during the connect flow, before a store exists)."""

    def __init__(self, tokens: TokenSet | None = None) -> None:
        self.tokens = tokens

    def current(self) -> TokenSet | None:
        """The tokens given."""
        return self.tokens
