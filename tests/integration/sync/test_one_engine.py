"""One engine per data folder, with real processes: ``storesync sync`` runs against a
sandbox; a second ``sync`` (or ``demo``, or an engine in this process) on the same folder
refuses with one line naming the first, which keeps running."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import keyring
import pytest
from keyring.backends import fail

from app.core import engine_lock
from app.core.engine_lock import EngineAlreadyRunning
from app.core.secrets import SecretStore
from app.core.sync.engine import EngineOptions, SyncEngine
from app.demo import connect_requests
from app.sandbox.demo import build_sandbox
from tests.integration.sync.conftest import FAST_RETRY

TIMEOUT = 60


def wait_for(condition, what: str, timeout: float = TIMEOUT) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)


def storesync(*args: str, data_dir, **kw) -> subprocess.Popen:
    # no OS keychain here: the sandbox stores' throwaway secrets are in the data folder
    env = {**os.environ, "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
    return subprocess.Popen(
        [sys.executable, "-m", "app", *args, "--data-dir", str(data_dir)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        **kw,
    )


@pytest.fixture
def connected(workspace):
    """Sandbox shops connected in this process, whose engine then stops."""
    keyring.set_keyring(fail.Keyring())
    workspace.secrets = SecretStore(workspace.paths.data_dir / "insecure-secrets.json")
    sandbox = build_sandbox(seed=41, shopee_shops=1, tiktok_shops=1)
    sandbox.start()
    engine = SyncEngine(workspace, None, EngineOptions(schedule=False, retry=FAST_RETRY))
    engine.start()
    try:
        for req in connect_requests(sandbox, engine):
            engine.connect_store(req).result(timeout=TIMEOUT)
    finally:
        engine.stop()
    assert not engine_lock.held_here(workspace.paths.data_dir)
    try:
        yield workspace, sandbox
    finally:
        sandbox.stop()


def test_a_second_sync_on_the_folder_exits_naming_the_first(connected):
    ws, sandbox = connected
    d = ws.paths.data_dir
    first = storesync("sync", data_dir=d)
    try:
        wait_for(lambda: first.poll() is not None or engine_lock.held_by_other(d), "the lock")
        assert first.poll() is None, first.communicate()[1]
        wait_for(lambda: engine_lock.holder(d) is not None, "the holder's label")
        label = engine_lock.holder(d)
        assert label.pid == first.pid and label.role == "sync"
        # the first really syncs: it fetches orders from the sandbox
        wait_for(lambda: any("order" in p for _m, p, _s in sandbox.request_log[-50:]), "sync")

        for command in (("sync", "--once"), ("sync",), ("demo", "--once")):
            second = storesync(*command, data_dir=d)
            out, err = second.communicate(timeout=120)
            lines = err.strip().splitlines()
            assert second.returncode == 3, (command, out, err)
            assert len(lines) == 1, err
            assert f"storesync sync (pid {first.pid}, since " in lines[0]
            assert "is already syncing this data folder" in lines[0]
            assert first.poll() is None, "the first process must keep running"

        # an engine in this process is refused too, naming the same process
        with pytest.raises(EngineAlreadyRunning, match=f"pid {first.pid}"):
            SyncEngine(ws, None, EngineOptions(schedule=False)).start()
        assert not engine_lock.held_here(d)
    finally:
        first.send_signal(signal.SIGTERM)
        _out, err = first.communicate(timeout=120)
    assert first.returncode == 0, err
    # stopped: the lock and its label are gone, and the next engine starts
    assert not engine_lock.held_by_other(d)
    assert engine_lock.holder(d) is None
    engine = SyncEngine(ws, None, EngineOptions(schedule=False))
    engine.start()
    try:
        assert engine_lock.holder(d).pid == os.getpid()
    finally:
        engine.stop()


def test_engines_of_one_process_share_the_lock_until_the_last_stops(workspace):
    d = workspace.paths.data_dir
    a = SyncEngine(workspace, None, EngineOptions(schedule=False))
    b = SyncEngine(workspace, None, EngineOptions(schedule=False))
    a.start()
    b.start(role="stores add")
    try:
        assert engine_lock.held_here(d)
        a.stop()
        assert engine_lock.held_here(d), "b still runs"
        assert engine_lock.holder(d).role == "sync"  # the label of the first taker
    finally:
        a.stop()
        b.stop()
    assert not engine_lock.held_here(d)
    assert engine_lock.holder(d) is None
