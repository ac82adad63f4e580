"""Secrets live in the keychain only; without one, real credentials are refused."""

from __future__ import annotations

import os
import stat

import keyring
import pytest
from keyring.backends import fail

from app.core.secrets import SecretStore, SecretStoreUnavailable


def test_secrets_go_to_the_keychain_not_to_disk(tmp_path, memory_keyring):
    store = SecretStore(tmp_path / "fallback.json")
    store.set("shopee:1001", "partner_key", "s3cr3t-key")
    assert store.get("shopee:1001", "partner_key") == "s3cr3t-key"
    assert ("StoreSync", "store:shopee:1001:partner_key") in memory_keyring.store
    assert not (tmp_path / "fallback.json").exists()
    store.delete("shopee:1001", "partner_key")
    store.delete("shopee:1001", "partner_key")  # deleting twice is fine
    assert store.get("shopee:1001", "partner_key") is None


@pytest.fixture
def no_keychain():
    """A machine with no OS keychain, as on a headless Linux box."""
    keyring.set_keyring(fail.Keyring())


def test_without_a_keychain_real_credentials_are_refused_clearly(tmp_path, no_keychain):
    store = SecretStore(tmp_path / "fallback.json", allow_insecure=False)
    assert not store.backend.secure and "no OS keychain" in store.backend.warning
    with pytest.raises(SecretStoreUnavailable, match="STORESYNC_INSECURE_KEYRING") as err:
        store.set("shopee:1001", "partner_key", "s3cr3t-key")
    assert "s3cr3t-key" not in str(err.value)
    assert not (tmp_path / "fallback.json").exists()


def test_sandbox_stores_and_the_opt_in_use_a_private_file(tmp_path, no_keychain):
    path = tmp_path / "fallback.json"
    SecretStore(path, allow_insecure=False).set("sb:1", "tokens", "throwaway", sandbox=True)
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    opted = SecretStore(path, allow_insecure=True)
    opted.set("shopee:1001", "partner_key", "real")
    assert opted.get("shopee:1001", "partner_key") == "real"
    assert opted.get("sb:1", "tokens") == "throwaway"


def test_json_secrets_round_trip(tmp_path):
    store = SecretStore(tmp_path / "f.json")
    store.set_json("tiktok:7", "tokens", {"access_token": "a", "refresh_token": "r"})
    assert store.get_json("tiktok:7", "tokens") == {"access_token": "a", "refresh_token": "r"}
