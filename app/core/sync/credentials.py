"""A store's app credentials and tokens, kept in the keychain, cached in memory."""

from __future__ import annotations

import threading
from datetime import datetime

from app.core.domain import AppCredentials, TokenSet
from app.core.secrets import SecretStore
from app.core.services.stores import StoreDTO

APP_SECRET = "app"
TOKENS = "tokens"


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

    def __init__(self, secrets: SecretStore) -> None:
        self._secrets = secrets
        self._lock = threading.Lock()
        self._tokens: dict[str, TokenSet | None] = {}

    def save_app(self, store: StoreDTO, credentials: AppCredentials) -> None:
        """Keep the partner key / app secret (and service id) for a store."""
        self._secrets.set_json(
            store.secret_key,
            APP_SECRET,
            {"secret": credentials.app_secret, "service_id": credentials.service_id},
            sandbox=store.is_sandbox,
        )

    def app(self, store: StoreDTO) -> AppCredentials | None:
        """The store's app credentials, or None when missing."""
        data = self._secrets.get_json(store.secret_key, APP_SECRET, sandbox=store.is_sandbox)
        if data is None:
            return None
        return AppCredentials(store.app_id, data["secret"], data.get("service_id"))

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
