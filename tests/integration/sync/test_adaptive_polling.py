"""The engine polls orders at the interval services/polling.py decides: fast while a
store's orders flow or a variant it shares is low, slow when quiet; the API calls each
store spends are counted. Over loopback HTTP with the sandbox, intervals shortened."""

from __future__ import annotations

import itertools
import random
import threading
import time
from datetime import timedelta

import pytest

from app.core.domain import JobKind
from app.core.services import stores as store_service
from app.core.services.polling import PollingRules
from app.core.settings import LOW_STOCK_DEFAULT_POINT, set_setting
from app.core.sync.engine import EngineOptions, SyncEngine
from app.core.sync.events import JobStarted, PollingChanged
from app.demo import connect_requests
from app.sandbox.demo import build_sandbox
from tests.integration.sync.conftest import FAST_RETRY

FAST, SLOW = 0.4, 4.0


class Recorder:
    """Order-job start times and polling decisions per store, as the engine emits them."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.starts: dict[int, list[float]] = {}
        self.polls: dict[int, list[PollingChanged]] = {}

    def __call__(self, ev) -> None:
        with self.lock:
            if isinstance(ev, JobStarted) and ev.kind == JobKind.ORDERS:
                self.starts.setdefault(ev.store_id, []).append(time.monotonic())
            elif isinstance(ev, PollingChanged):
                self.polls.setdefault(ev.store_id, []).append(ev)

    def last(self, store_id: int) -> PollingChanged | None:
        with self.lock:
            return (self.polls.get(store_id) or [None])[-1]

    def starts_after(self, store_id: int, t: float) -> list[float]:
        with self.lock:
            return [s for s in self.starts.get(store_id, []) if s >= t]


def wait_for(cond, timeout: float = 60.0, what: str = "condition") -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if cond():
            return
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


@pytest.fixture
def polled(workspace):
    # low stock "default point" 0: nothing counts as low until a test says so
    set_setting(workspace.ctx, LOW_STOCK_DEFAULT_POINT, 0)
    sandbox = build_sandbox(seed=11)
    sandbox.start()
    rec = Recorder()
    rules = PollingRules(fast_s=FAST, slow_s=SLOW, busy_window=timedelta(seconds=3))
    engine = SyncEngine(
        workspace,
        rec,
        EngineOptions(retry=FAST_RETRY, start_jitter=0.1, interval_jitter=0.0, polling=rules),
    )
    engine.start()
    try:
        for req in connect_requests(sandbox, engine):
            engine.connect_store(req).result(timeout=60)
        yield workspace, sandbox, engine, rec
    finally:
        engine.stop()
        sandbox.stop()


def test_the_engine_polls_fast_while_orders_flow_and_slow_when_quiet(polled):
    ws, sandbox, engine, rec = polled
    stores = store_service.list_stores(ws.ctx)
    # connecting read the shops' seeded orders: wait until every store has gone quiet
    wait_for(
        lambda: all((p := rec.last(s.id)) and p.reason == "quiet" for s in stores),
        what="every store quiet",
    )
    assert all(rec.last(s.id).interval_s == SLOW for s in stores)
    busy = next(s for s in stores if s.platform.value == "shopee")
    sim = sandbox.sim("shopee")
    rng = random.Random(3)
    with sandbox.lock:  # buyers order on the busy shop only
        shop = sim.state.shops[int(busy.external_shop_id)]
        placed = [sim.life.place_basket(shop, 1, rng) for _ in range(3)]
    assert any(placed)
    # within one quiet interval the store that sells is polled fast; the others are not
    wait_for(lambda: (p := rec.last(busy.id)) and p.reason == "orders", what="fast polling")
    assert rec.last(busy.id).interval_s == FAST
    t1 = time.monotonic()
    wait_for(lambda: len(rec.starts_after(busy.id, t1)) >= 4, what="fast order fetches")
    starts = rec.starts_after(busy.id, t1)
    gaps = [b - a for a, b in itertools.pairwise(starts)]
    assert max(gaps) < SLOW / 2, gaps
    # the busy window passes without orders: back to slow
    wait_for(lambda: rec.last(busy.id).reason == "quiet", what="quiet again")
    # calls are counted per store, and a fast-polled store spent some
    assert engine.meter.last_minute(busy.id) > 0


def test_a_low_shared_variant_makes_every_store_that_lists_it_poll_fast(polled):
    ws, _sandbox, _engine, rec = polled
    stores = store_service.list_stores(ws.ctx)
    wait_for(
        lambda: all((p := rec.last(s.id)) and p.reason == "quiet" for s in stores),
        what="every store quiet",
    )
    set_setting(ws.ctx, LOW_STOCK_DEFAULT_POINT, 1000)  # every shared variant is now low
    wait_for(
        lambda: all(rec.last(s.id).reason == "low_shared" for s in stores),
        what="every store fast for low shared stock",
    )
    assert {rec.last(s.id).interval_s for s in stores} == {FAST}
