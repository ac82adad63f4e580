"""`storesync sync --once` as a real process: a store that hangs does not hold the others
up and the run ends within its stated bound; `--store` limits every job, pushes included,
to that store; `status` tells the truth afterwards."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import keyring
import pytest
from keyring.backends import fail
from sqlalchemy import func, select

from app.core.db.models import ChannelListing, StockPush, SyncJob
from app.core.domain import JobKind, OutboxStatus, Platform
from app.core.services import inventory, stock_levels
from app.core.sync.engine import EngineOptions, SyncEngine
from app.demo import connect_requests
from app.sandbox.core import FaultRule
from app.sandbox.demo import build_sandbox
from tests.integration.sync.conftest import FAST_RETRY, World


@pytest.fixture
def cli_world(workspace):
    """Four shops connected, secrets in the data folder's private file so that a separate
    ``storesync`` process reads them; the in-process engine is stopped before the tests."""
    keyring.set_keyring(fail.Keyring())
    from app.core.secrets import SecretStore

    workspace.secrets = SecretStore(workspace.paths.data_dir / "insecure-secrets.json")
    sandbox = build_sandbox(seed=41)
    sandbox.start()
    events: list = []
    engine = SyncEngine(workspace, events.append, EngineOptions(schedule=False, retry=FAST_RETRY))
    engine.start()
    try:
        for req in connect_requests(sandbox, engine):
            engine.connect_store(req).result(timeout=60)
        w = World(workspace, sandbox, engine, events)
        w.sync_all()
        engine.stop()  # from now on only the subprocess syncs
        yield w
    finally:
        engine.stop()
        sandbox.stop()


def storesync(data_dir, *args: str, timeout: float = 300) -> tuple[int, str, float]:
    env = {**os.environ, "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
    started = time.monotonic()
    out = subprocess.run(
        [sys.executable, "-m", "app", *args, "--data-dir", str(data_dir)],
        capture_output=True,
        text=True,
        env=env,
        timeout=timeout,
    )
    return out.returncode, out.stdout + out.stderr, time.monotonic() - started


def test_a_hanging_store_is_reported_failed_and_the_others_finish(cli_world):
    w = cli_world
    stores = w.stores()
    hanging = next(s for s in stores if s.platform == Platform.SHOPEE)
    w.sandbox.inject(FaultRule("hang", shop=hanging.external_shop_id))
    deadline = 40
    rc, out, seconds = storesync(
        w.ws.paths.data_dir, "sync", "--once", "--call-timeout", "1", "--deadline", str(deadline)
    )
    assert rc == 1, out
    print(f"\nsync --once with one store hanging: {seconds:.1f} s\n{out}")
    # the stated bound: --deadline plus a few seconds to start and stop
    assert seconds < deadline + 15, (seconds, out)
    lines = out.splitlines()
    mine = [line for line in lines if line.startswith(f"{hanging.name}:")]
    assert any("orders failed" in line and "NoAnswerError" in line for line in mine), out
    assert any("not run: products, stock_push" in line for line in mine), out
    for other in stores:
        if other.id == hanging.id:
            continue
        theirs = [line for line in lines if line.startswith(f"{other.name}:")]
        for kind in ("orders", "products", "stock_push"):
            assert any(f"{kind} succeeded" in line for line in theirs), (other.name, out)
    # `status` shows the hanging store's failure and nothing running
    rc, status, _ = storesync(w.ws.paths.data_dir, "status", timeout=60)
    assert rc == 0, status
    row = next(line for line in status.splitlines() if hanging.name[:28] in line)
    assert "idle" in row and "orders: NoAnswerError" in row, status
    for other in stores:
        if other.id != hanging.id:
            line = next(x for x in status.splitlines() if other.name[:28] in x)
            assert "idle" in line and "Error" not in line, status


def test_store_option_limits_every_job_to_that_store(cli_world):
    w = cli_world
    stores = w.stores()
    only = next(s for s in stores if s.platform == Platform.TIKTOK_SHOP)
    with w.ws.sessions() as s:
        # a variant listed on every store: a change queues a push for each of them
        variant = s.scalar(
            select(ChannelListing.variant_id)
            .where(ChannelListing.variant_id.is_not(None))
            .group_by(ChannelListing.variant_id)
            .having(func.count(func.distinct(ChannelListing.store_id)) == len(stores))
        )
        last_job = s.scalar(select(func.max(SyncJob.id)))
    lv = next(lv for lv in stock_levels.stock_levels(w.ws.ctx) if lv.variant_id == variant)
    inventory.adjust(w.ws.ctx, lv.variant_id, lv.location_id, 3, "delivery counted")

    def pending() -> set[int]:
        with w.ws.sessions() as s:
            return set(
                s.scalars(select(StockPush.store_id).where(StockPush.status != OutboxStatus.DONE))
            )

    assert pending() == {s.id for s in stores}
    rc, out, _ = storesync(w.ws.paths.data_dir, "sync", "--once", "--store", str(only.id))
    assert rc == 0, out
    assert pending() == {s.id for s in stores} - {only.id}
    with w.ws.sessions() as s:
        ran = set(s.scalars(select(SyncJob.store_id).where(SyncJob.id > last_job)))
        kinds = set(s.scalars(select(SyncJob.kind).where(SyncJob.id > last_job)))
    assert ran == {only.id}, out
    assert JobKind.STOCK_PUSH in kinds


def test_an_unknown_store_is_refused_before_anything_runs(cli_world):
    rc, out, _ = storesync(cli_world.ws.paths.data_dir, "sync", "--once", "--store", "999")
    assert rc == 2 and "no store 999" in out
