"""Secrets (partner keys, app secrets, OAuth tokens) in the OS keychain, keyed by store.

Nothing secret is ever written to the database, settings, logs or exception text. Where
the OS has no keychain (a headless Linux box, CI), real credentials are refused unless the
user opts in to the documented fallback (``STORESYNC_INSECURE_KEYRING=1``: a plain file in
the data folder readable only by the user). Stores on our local sandbox use throwaway
credentials and may always use the fallback.
"""

from __future__ import annotations

import contextlib
import json
import os
import stat
import threading
from dataclasses import dataclass
from pathlib import Path

import keyring
import keyring.backend
import keyring.errors

SERVICE = "StoreSync"
ENV_INSECURE = "STORESYNC_INSECURE_KEYRING"


class SecretStoreUnavailable(RuntimeError):
    """No keychain to keep a real secret in, and the user has not opted in to the fallback."""


@dataclass(frozen=True)
class BackendInfo:
    """Which keychain is in use, for ``storesync doctor``."""

    name: str
    secure: bool
    warning: str = ""


def _backend_is_usable(backend: keyring.backend.KeyringBackend) -> bool:
    try:
        return backend.priority > 0 and "fail" not in type(backend).__module__
    except Exception:
        return False


def describe_backend() -> BackendInfo:
    """Name the keychain keyring would use, and warn when it is not a real one."""
    backend = keyring.get_keyring()
    name = f"{type(backend).__module__}.{type(backend).__name__}"
    if _backend_is_usable(backend):
        return BackendInfo(name=name, secure=True)
    return BackendInfo(
        name=name,
        secure=False,
        warning=(
            "no OS keychain available: real store credentials will be refused "
            f"(set {ENV_INSECURE}=1 to keep them in a private file instead)"
        ),
    )


class FileFallback:
    """The opt-in fallback: a JSON file with mode 0600 in the data folder."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()

    def _load(self) -> dict[str, str]:
        try:
            return json.loads(self.path.read_text("utf-8"))
        except FileNotFoundError:
            return {}

    def get(self, key: str) -> str | None:
        with self._lock:
            return self._load().get(key)

    def set(self, key: str, value: str) -> None:
        with self._lock:
            data = self._load()
            data[key] = value
            self._write(data)

    def delete(self, key: str) -> None:
        with self._lock:
            data = self._load()
            if data.pop(key, None) is not None:
                self._write(data)

    def _write(self, data: dict[str, str]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True, mode=stat.S_IRWXU)
        tmp = self.path.with_suffix(".tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, stat.S_IRUSR | stat.S_IWUSR)
        if hasattr(os, "fchmod"):  # a .tmp left by a crash keeps its old mode: set it anyway
            os.fchmod(fd, stat.S_IRUSR | stat.S_IWUSR)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(data, fh)
        os.replace(tmp, self.path)


class SecretStore:
    """Get, set and delete a store's secrets by name (``partner_key``, ``tokens``, ...).

    ``sandbox_fallback`` is used for stores flagged as sandbox (throwaway credentials).
    """

    def __init__(self, fallback_path: Path, *, allow_insecure: bool | None = None) -> None:
        self._fallback = FileFallback(fallback_path)
        if allow_insecure is None:
            allow_insecure = os.environ.get(ENV_INSECURE, "") in ("1", "true", "yes")
        self._allow_insecure = allow_insecure
        self._info = describe_backend()

    @property
    def backend(self) -> BackendInfo:
        """The keychain in use."""
        return self._info

    @staticmethod
    def _key(store_key: str, name: str) -> str:
        return f"store:{store_key}:{name}"

    def _use_fallback(self, sandbox: bool) -> bool:
        if self._info.secure:
            return False
        if sandbox or self._allow_insecure:
            return True
        raise SecretStoreUnavailable(
            "This computer has no keychain to keep store credentials safely. "
            f"Install one (e.g. GNOME Keyring / KWallet) or set {ENV_INSECURE}=1 to keep "
            "them in a private file in the StoreSync data folder."
        )

    def set(self, store_key: str, name: str, value: str, *, sandbox: bool = False) -> None:
        """Keep a secret for a store."""
        key = self._key(store_key, name)
        if self._use_fallback(sandbox):
            self._fallback.set(key, value)
            return
        try:
            keyring.set_password(SERVICE, key, value)
        except keyring.errors.KeyringError as exc:
            # the message of a backend error never includes the value we tried to store
            raise SecretStoreUnavailable(f"the keychain refused to save {name}: {exc}") from None

    def get(self, store_key: str, name: str, *, sandbox: bool = False) -> str | None:
        """A store's secret, or None."""
        key = self._key(store_key, name)
        if self._use_fallback(sandbox):
            return self._fallback.get(key)
        return keyring.get_password(SERVICE, key)

    def delete(self, store_key: str, name: str, *, sandbox: bool = False) -> None:
        """Forget a secret (no error when absent)."""
        key = self._key(store_key, name)
        if self._use_fallback(sandbox):
            self._fallback.delete(key)
            return
        with contextlib.suppress(keyring.errors.PasswordDeleteError):
            keyring.delete_password(SERVICE, key)

    def set_json(self, store_key: str, name: str, value: dict, *, sandbox: bool = False) -> None:
        """Keep a small JSON document (a token set) as one secret."""
        self.set(store_key, name, json.dumps(value), sandbox=sandbox)

    def get_json(self, store_key: str, name: str, *, sandbox: bool = False) -> dict | None:
        """Read a JSON secret back."""
        raw = self.get(store_key, name, sandbox=sandbox)
        return None if raw is None else json.loads(raw)
