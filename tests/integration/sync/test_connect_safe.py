"""Connecting never wastes a code: what can fail on this computer is checked before the
single-use authorization code is exchanged, and a failure leaves no store behind."""

from __future__ import annotations

import os
import subprocess
import sys

import keyring
import keyring.errors
import pytest

from app.core.domain import AppCredentials, Endpoints, Environment, Platform
from app.core.paths import resolve_paths
from app.core.secrets import SecretStoreUnavailable
from app.core.services import stores as store_service
from app.core.sync.api import ConnectRequest
from app.core.sync.engine import EngineOptions, SyncEngine
from app.core.workspace import open_workspace
from app.sandbox.demo import build_sandbox
from tests.helpers.memkeyring import MemoryKeyring
from tests.integration.sync.conftest import FAST_RETRY

TOKEN_GET = "auth/token/get"


@pytest.fixture
def shop():
    """A sandbox with one Shopee shop; yields (sandbox, sim, shop id)."""
    sandbox = build_sandbox(seed=5, shopee_shops=1, tiktok_shops=0)
    sandbox.start()
    sim = sandbox.sim("shopee")
    try:
        yield sandbox, sim, str(next(iter(sim.state.shops)))
    finally:
        sandbox.stop()


def exchanges(sandbox) -> int:
    return sum(1 for _m, path, _s in sandbox.request_log if path.endswith(TOKEN_GET))


def stores_add(sandbox, sim, shop_id, code, data_dir, *extra, name="Toko Uji", env=None):
    environ = {
        **{k: v for k, v in os.environ.items() if k != "STORESYNC_INSECURE_KEYRING"},
        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",  # no OS keychain
        "STORESYNC_APP_SECRET": sim.state.partner_key,
        **(env or {}),
    }
    return subprocess.run(
        [sys.executable, "-m", "app", "stores", "add", "--platform", "shopee",
         "--name", name, "--shop-id", shop_id, "--base-url", sandbox.base_url,
         "--environment", "production", "--app-id", str(sim.state.partner_id),
         "--code", code, "--data-dir", str(data_dir), *extra],
        capture_output=True, text=True, env=environ, timeout=120,
    )  # fmt: skip


def stores_in(data_dir) -> list:
    ws = open_workspace(resolve_paths(data_dir))
    try:
        return store_service.list_stores(ws.ctx)
    finally:
        ws.close()


def test_without_a_keychain_the_code_is_not_spent_and_no_store_is_left(shop, tmp_path):
    sandbox, sim, shop_id = shop
    d = tmp_path / "data"
    assert stores_in(d) == []  # an existing data folder (a new one logs its creation)
    code = sim.issue_code(shop_id)
    out = stores_add(sandbox, sim, shop_id, code, d)
    assert out.returncode == 1, out.stdout + out.stderr
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), out.stderr
    assert "no keychain" in lines[0] and "STORESYNC_INSECURE_KEYRING=1" in lines[0]
    assert "Traceback" not in out.stderr
    assert exchanges(sandbox) == 0 and code in sim.state.codes, "the code was spent"
    assert stores_in(d) == []

    # the same code still connects once the seller opts in to the private file
    out = stores_add(sandbox, sim, shop_id, code, d, env={"STORESYNC_INSECURE_KEYRING": "1"})
    assert out.returncode == 0, out.stdout + out.stderr
    assert "connected store" in out.stdout
    assert code not in sim.state.codes and exchanges(sandbox) == 1
    assert [s.external_shop_id for s in stores_in(d)] == [shop_id]


def test_a_blank_name_is_refused_before_the_code_is_spent(shop, tmp_path):
    sandbox, sim, shop_id = shop
    code = sim.issue_code(shop_id)
    out = stores_add(
        sandbox,
        sim,
        shop_id,
        code,
        tmp_path / "d",
        name="  ",
        env={"STORESYNC_INSECURE_KEYRING": "1"},
    )
    assert out.returncode == 1 and "store name is required" in out.stderr, out.stderr
    assert exchanges(sandbox) == 0 and code in sim.state.codes
    assert stores_in(tmp_path / "d") == []


class RefusesTokens(MemoryKeyring):
    """A keychain that takes the probe and the app secret but refuses the tokens."""

    def set_password(self, service: str, username: str, password: str) -> None:
        if username.endswith(":tokens"):
            raise keyring.errors.PasswordSetError("the keychain is locked")
        super().set_password(service, username, password)


def test_a_failure_after_the_exchange_leaves_no_store_and_no_secret(shop, workspace):
    sandbox, sim, shop_id = shop
    backend = RefusesTokens()
    keyring.set_keyring(backend)
    engine = SyncEngine(workspace, None, EngineOptions(schedule=False, retry=FAST_RETRY))
    engine.start()
    try:
        req = ConnectRequest(
            Platform.SHOPEE,
            Environment.PRODUCTION,
            Endpoints(sandbox.base_url, sandbox.base_url),
            AppCredentials(str(sim.state.partner_id), sim.state.partner_key),
            sim.issue_code(shop_id),
            shop_id,
        )
        with pytest.raises(SecretStoreUnavailable, match="refused to save tokens"):
            engine.connect_store(req).result(timeout=60)
    finally:
        engine.stop()
    assert store_service.list_stores(workspace.ctx) == []
    assert backend.store == {}, "the app secret (and the probe) must be gone"


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root ignores modes")
def test_a_read_only_data_folder_is_refused_before_the_exchange(shop, workspace):
    sandbox, sim, shop_id = shop
    engine = SyncEngine(workspace, None, EngineOptions(schedule=False, retry=FAST_RETRY))
    engine.start()
    code = sim.issue_code(shop_id)
    d = workspace.paths.data_dir
    d.chmod(0o500)
    try:
        req = ConnectRequest(
            Platform.SHOPEE,
            Environment.LOCAL_SANDBOX,
            Endpoints(sandbox.base_url, sandbox.base_url),
            AppCredentials(str(sim.state.partner_id), sim.state.partner_key),
            code,
            shop_id,
        )
        with pytest.raises(Exception, match="cannot be written"):
            engine.connect_store(req).result(timeout=60)
    finally:
        d.chmod(0o700)
        engine.stop()
    assert code in sim.state.codes and exchanges(sandbox) == 0
