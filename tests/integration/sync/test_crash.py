"""Crash safety: ``storesync sync`` killed with SIGKILL at random moments, restarted each
time, while buyers keep ordering. Afterwards nothing is lost, duplicated or applied twice,
queued pushes are sent, and jobs that were cut short are marked interrupted."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time

import keyring
import pytest
from keyring.backends import fail
from sqlalchemy import func, select

from app.core.db.models import SyncJob
from app.core.domain import JobStatus
from app.core.sync.engine import EngineOptions, SyncEngine
from app.demo import connect_requests
from app.sandbox.demo import build_sandbox
from tests.integration.sync.conftest import FAST_RETRY, World
from tests.integration.sync.test_end_to_end import assert_consistent

KILLS = 12


@pytest.fixture
def crash_world(workspace):
    """Shops connected with their throwaway secrets in the data folder's private file,
    where a separate ``storesync`` process can read them (no OS keychain here)."""
    keyring.set_keyring(fail.Keyring())
    ws = workspace
    from app.core.secrets import SecretStore

    ws.secrets = SecretStore(ws.paths.data_dir / "insecure-secrets.json")
    sandbox = build_sandbox(seed=31)
    sandbox.start()
    events: list = []
    engine = SyncEngine(ws, events.append, EngineOptions(schedule=False, retry=FAST_RETRY))
    engine.start()
    try:
        for req in connect_requests(sandbox, engine):
            engine.connect_store(req).result(timeout=60)
        yield World(ws, sandbox, engine, events)
    finally:
        engine.stop()
        sandbox.stop()


def sync_process(data_dir, *, capture: bool = False) -> subprocess.Popen:
    env = {**os.environ, "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
    return subprocess.Popen(
        [sys.executable, "-m", "app", "sync", "--once", "--data-dir", str(data_dir)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE if capture else subprocess.DEVNULL,
        env=env,
    )


def test_killed_at_random_moments_loses_and_duplicates_nothing(crash_world):
    w = crash_world
    w.engine.stop()  # from now on only the subprocess syncs
    rng = random.Random(5)
    w.sandbox.start_buyers(900, advance_every=0.5)
    killed = 0
    try:
        while killed < KILLS:
            proc = sync_process(w.ws.paths.data_dir)
            time.sleep(rng.uniform(0.8, 3.0))  # start-up is ~1 s: kill before, during, after
            if proc.poll() is None:
                proc.send_signal(signal.SIGKILL)
                killed += 1
            proc.wait(timeout=30)
    finally:
        w.sandbox.stop_buyers()
    # one clean run (twice: pushes queued by the last fetch go out on the second)
    for _ in range(2):
        proc = sync_process(w.ws.paths.data_dir, capture=True)
        _out, err = proc.communicate(timeout=180)
        assert proc.returncode == 0, err.decode()[-2000:]
    with w.ws.sessions() as s:
        interrupted = (
            s.scalar(select(func.count()).where(SyncJob.status == JobStatus.INTERRUPTED)) or 0
        )
        running = s.scalar(select(func.count()).where(SyncJob.status == JobStatus.RUNNING))
    assert running == 0
    assert interrupted >= 1, "no job was cut short: the kills never hit a running job"
    w.engine = SyncEngine(w.ws, w.events.append, EngineOptions(schedule=False, retry=FAST_RETRY))
    w.engine.start()
    assert_consistent(w)
