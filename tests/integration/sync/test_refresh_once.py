"""A Shopee refresh token is single-use: two refreshers of one store (two engines, two
processes) must spend it once, and both must end with working tokens."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import time
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import keyring
import pytest
from keyring.backends import fail

from app.core.domain import JobKind, JobStatus
from app.core.secrets import SecretStore
from app.core.services import stores as store_service
from app.core.services.leases import LeaseHeldElsewhere
from app.core.sync.credentials import CredentialVault
from app.core.sync.engine import EngineOptions, SyncEngine
from app.core.sync.events import JobFinished
from app.demo import connect_requests
from app.sandbox.core import FaultRule
from app.sandbox.demo import build_sandbox
from tests.integration.sync.conftest import FAST_RETRY

REFRESH = "auth/access_token/get"
ROOT = Path(__file__).resolve().parents[3]
HELPER = (sys.executable, "-m", "tests.helpers.refresh_tokens")


def refreshes(sandbox) -> int:
    return sum(1 for _m, path, _s in sandbox.request_log if path.endswith(REFRESH))


@pytest.fixture
def shopee_store(workspace):
    """One sandbox Shopee shop connected; yields (sandbox, store, the connecting engine)."""
    sandbox = build_sandbox(seed=23, shopee_shops=1, tiktok_shops=0)
    sandbox.start()
    engine = SyncEngine(workspace, None, EngineOptions(schedule=False, retry=FAST_RETRY))
    engine.start()
    try:
        (req,) = connect_requests(sandbox, engine)
        (store,) = engine.connect_store(req).result(timeout=60)
        engine.sync_now(store.id).result(timeout=60)  # the first sync connecting queued
        yield sandbox, store, engine
    finally:
        engine.stop()
        sandbox.stop()


def test_two_engines_due_at_once_refresh_once_and_the_second_takes_over(workspace, shopee_store):
    """Only the store's lease holder syncs and refreshes (docs/ARCHITECTURE.md, store
    leases); the other engine is told who holds it, and takes over once it stops."""
    sandbox, store, first = shopee_store
    # the access token is about to expire: every engine that runs a job now refreshes
    soon = replace(
        first.vault.tokens(store), access_expires_at=datetime.now(UTC) + timedelta(minutes=1)
    )
    first.vault.save_tokens(store, soon)
    events: list = []
    second = SyncEngine(
        workspace, events.append, EngineOptions(schedule=False, retry=FAST_RETRY)
    )  # its own vault and cache, as another process has
    second.start()
    first.add_listener(events.append)
    try:
        assert second.vault.tokens(store) == soon  # both hold the same single-use token
        before = refreshes(sandbox)
        futures = [e.sync_now(store.id, (JobKind.ORDERS,)) for e in (first, second)]
        futures[0].result(timeout=60)
        with pytest.raises(LeaseHeldElsewhere, match="another StoreSync"):
            futures[1].result(timeout=60)
        assert refreshes(sandbox) - before == 1
        finished = [e for e in events if isinstance(e, JobFinished)]
        assert [e.status for e in finished] == [JobStatus.SUCCEEDED], finished
        kept = first.vault.reload_tokens(store)
        assert kept.refresh_token != soon.refresh_token
        first.stop()  # gives the lease back: the second takes it on its next request
        second.sync_now(store.id, (JobKind.ORDERS,)).result(timeout=60)
        assert [e.status for e in events if isinstance(e, JobFinished)][1:] == [JobStatus.SUCCEEDED]
        assert second.vault.tokens(store) == kept
        assert refreshes(sandbox) - before == 1
        assert store_service.get_store(workspace.ctx, store.id).access_token_expires_at > (
            datetime.now(UTC) + timedelta(hours=1)
        )
    finally:
        second.stop()


def test_two_processes_refreshing_one_store_spend_the_token_once(workspace):
    keyring.set_keyring(fail.Keyring())  # the secrets live in the data folder's file
    workspace.secrets = SecretStore(workspace.paths.data_dir / "insecure-secrets.json")
    sandbox = build_sandbox(seed=29, shopee_shops=1, tiktok_shops=0)
    sandbox.start()
    engine = SyncEngine(workspace, None, EngineOptions(schedule=False, retry=FAST_RETRY))
    engine.start()
    procs: list[subprocess.Popen] = []
    try:
        (req,) = connect_requests(sandbox, engine)
        (store,) = engine.connect_store(req).result(timeout=60)
        engine.sync_now(store.id).result(timeout=60)
        engine.stop()  # from here only the two processes touch the tokens
        env = {**os.environ, "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
        for _ in range(2):
            procs.append(
                subprocess.Popen(
                    [*HELPER, str(workspace.paths.data_dir), str(store.id)],
                    stdin=subprocess.PIPE,
                    stdout=subprocess.PIPE,
                    stderr=subprocess.PIPE,
                    text=True,
                    cwd=ROOT,
                    env=env,
                )
            )
        for p in procs:  # both hold the same refresh token before either starts
            assert p.stdout.readline().strip() == "ready", p.stderr.read()
        before = refreshes(sandbox)
        for p in procs:
            p.stdin.write("go\n")
            p.stdin.flush()
        outputs = []
        for p in procs:
            out, err = p.communicate(timeout=60)
            assert p.returncode == 0, err
            outputs.append(out.split())
        assert refreshes(sandbox) - before == 1
        kept = workspace.secrets.get_json(store.secret_key, "tokens", sandbox=True)
        digest = hashlib.sha256(kept["refresh_token"].encode()).hexdigest()[:16]
        assert outputs == [[digest, store.external_shop_id]] * 2
    finally:
        for p in procs:
            if p.poll() is None:
                p.kill()
                p.wait(timeout=30)
        engine.stop()
        sandbox.stop()


def test_a_stop_during_a_refresh_keeps_the_new_tokens(workspace, shopee_store):
    """The platform spent the refresh token and its answer is on the way when the seller
    closes the app: the stop waits for the answer and saves the new pair, so the store
    stays authorized (without that, the only valid tokens would be lost)."""
    sandbox, store, engine = shopee_store
    soon = replace(
        engine.vault.tokens(store), access_expires_at=datetime.now(UTC) + timedelta(minutes=1)
    )
    engine.vault.save_tokens(store, soon)
    sandbox.inject(FaultRule("late", endpoint=REFRESH, delay=2.0, remaining=1))
    job = engine.sync_now(store.id, (JobKind.ORDERS,))
    end = time.monotonic() + 60
    while sandbox.refresh_uses[soon.refresh_token] == 0:  # spent, the answer held back
        assert time.monotonic() < end and not job.done(), "the refresh never reached the shop"
        time.sleep(0.02)
    engine.stop()
    kept = CredentialVault(workspace.secrets).tokens(store)  # what the keychain holds
    assert kept.refresh_token != soon.refresh_token
    events: list = []
    after = SyncEngine(workspace, events.append, EngineOptions(schedule=False, retry=FAST_RETRY))
    after.start()
    try:
        after.sync_now(store.id, (JobKind.ORDERS,)).result(timeout=60)
    finally:
        after.stop()
    assert [e.status for e in events if isinstance(e, JobFinished)] == [JobStatus.SUCCEEDED]
    assert sandbox.refresh_uses[kept.refresh_token] == 0  # the saved pair is the live one
